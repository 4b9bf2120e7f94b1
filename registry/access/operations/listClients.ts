import { ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { ClientRepository } from '../repositories/ClientRepository.ts';
import type { ClientView } from '../repositories/ClientRepository.ts';
import { scopeOf } from '../scope.ts';
import type { AccessDeps } from '../support.ts';

/** A requester's own clients; everyone's for administrators and evaluators; for a publisher, those that asked for its fields. */
export async function listClients(deps: AccessDeps, actor: Actor): Promise<Result<ClientView[]>> {
  return ok(await new ClientRepository(deps.database.db, scopeOf(actor)).list());
}
