import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import type { AccessRequestView } from '../repositories/AccessRequestRepository.ts';
import type { AccessDeps } from '../support.ts';
import { decideAccessRequest } from './decideAccessRequest.ts';

/** The administrator rejects a pending request, with a reason the requester reads. Final. */
export function rejectAccessRequest(
  deps: AccessDeps,
  actor: Actor,
  input: { requestId: string; reason: string },
): Promise<Result<AccessRequestView>> {
  return decideAccessRequest(deps, actor, { ...input, decision: 'rejected' });
}
