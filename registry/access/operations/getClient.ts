import { ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { ClientRepository } from '../repositories/ClientRepository.ts';
import type { ClientView } from '../repositories/ClientRepository.ts';
import { scopeOf } from '../scope.ts';
import { CLIENT, notFound, notYourClient } from '../support.ts';
import type { AccessDeps } from '../support.ts';

export async function getClient(
  deps: AccessDeps,
  actor: Actor,
  clientId: string,
): Promise<Result<ClientView>> {
  const repository = new ClientRepository(deps.database.db, scopeOf(actor));
  const view = await repository.get(clientId);
  if (view) return ok(view);
  return (await repository.findAny(clientId)) ? notYourClient(clientId) : notFound(CLIENT, clientId);
}
