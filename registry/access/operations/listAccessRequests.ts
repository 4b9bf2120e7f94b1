import { ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { AccessRequestRepository } from '../repositories/AccessRequestRepository.ts';
import type { AccessRequestFilter, AccessRequestView } from '../repositories/AccessRequestRepository.ts';
import { scopeOf } from '../scope.ts';
import type { AccessDeps } from '../support.ts';

/**
 * Access requests as the caller may see them: a requester its own; an administrator or evaluator
 * every request (`status: 'pending'` is the administrator's queue); a publisher the requests that
 * touch its agency's fields, showing only its agency's part (`awaitingAgencyDecision` is its queue).
 */
export async function listAccessRequests(
  deps: AccessDeps,
  actor: Actor,
  filter: AccessRequestFilter,
): Promise<Result<AccessRequestView[]>> {
  return ok(await new AccessRequestRepository(deps.database.db, scopeOf(actor)).list(filter, deps.now()));
}
