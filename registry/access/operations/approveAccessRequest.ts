import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import type { AccessRequestView } from '../repositories/AccessRequestRepository.ts';
import type { AccessDeps } from '../support.ts';
import { decideAccessRequest } from './decideAccessRequest.ts';

/** The administrator approves a pending request; its agencies' publishers then grant or decline their parts. */
export function approveAccessRequest(
  deps: AccessDeps,
  actor: Actor,
  input: { requestId: string; reason: string },
): Promise<Result<AccessRequestView>> {
  return decideAccessRequest(deps, actor, { ...input, decision: 'approved' });
}
