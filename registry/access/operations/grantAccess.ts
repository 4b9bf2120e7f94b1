import type { Result } from '../../../lib/errors.ts';
import type { AttachedConditions } from '../../../lib/grantConditions/conditions.ts';
import type { Actor } from '../../http/actor.ts';
import type { AccessRequestView } from '../repositories/AccessRequestRepository.ts';
import type { AccessDeps } from '../support.ts';
import { decideAgencyPart } from './decideAgencyPart.ts';

/** A publisher grants its agency's items of an approved request (all, or a subset: the rest is declined). */
export function grantAccess(
  deps: AccessDeps,
  actor: Actor,
  input: {
    requestId: string;
    reason: string;
    coordinates?: readonly string[];
    startsAt?: Date;
    endsAt?: Date;
    conditions?: AttachedConditions;
  },
): Promise<Result<AccessRequestView>> {
  return decideAgencyPart(deps, actor, { ...input, decision: 'granted' });
}
