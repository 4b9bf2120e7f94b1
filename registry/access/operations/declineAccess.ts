import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import type { AccessRequestView } from '../repositories/AccessRequestRepository.ts';
import type { AccessDeps } from '../support.ts';
import { decideAgencyPart } from './decideAgencyPart.ts';

/** A publisher declines its agency's whole part of an approved request, with a reason. */
export function declineAccess(
  deps: AccessDeps,
  actor: Actor,
  input: { requestId: string; reason: string },
): Promise<Result<AccessRequestView>> {
  return decideAgencyPart(deps, actor, { ...input, decision: 'declined' });
}
