import { ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { GrantRepository } from '../repositories/GrantRepository.ts';
import type { GrantFilter, GrantView } from '../repositories/GrantRepository.ts';
import { scopeOf } from '../scope.ts';
import type { AccessDeps } from '../support.ts';

/** Grants as the caller may see them: a requester its clients', a publisher its agency's, administrators and evaluators all. */
export async function listGrants(
  deps: AccessDeps,
  actor: Actor,
  filter: Omit<GrantFilter, 'requestIds'>,
): Promise<Result<GrantView[]>> {
  return ok(await new GrantRepository(deps.database.db, scopeOf(actor)).list(filter, deps.now()));
}
