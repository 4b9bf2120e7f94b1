import type { Result } from '../../../lib/errors.ts';
import type { AttachedConditions } from '../../../lib/grantConditions/conditions.ts';
import type { Actor } from '../../http/actor.ts';
import type { AccessRequestView } from '../repositories/AccessRequestRepository.ts';
import type { AccessDeps } from '../support.ts';
import { decideAccessRequest } from './decideAccessRequest.ts';

/**
 * The administrator approves a pending request, optionally with conditions (permitted hours, argument
 * constraints, list size) that every grant of it will carry; its agencies' publishers then grant or
 * decline their parts.
 */
export function approveAccessRequest(
  deps: AccessDeps,
  actor: Actor,
  input: { requestId: string; reason: string; conditions?: AttachedConditions },
): Promise<Result<AccessRequestView>> {
  return decideAccessRequest(deps, actor, { ...input, decision: 'approved' });
}
