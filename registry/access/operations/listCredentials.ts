import { ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { ClientRepository } from '../repositories/ClientRepository.ts';
import { CredentialRepository, credentialView } from '../repositories/CredentialRepository.ts';
import type { CredentialView } from '../repositories/CredentialRepository.ts';
import { scopeOf } from '../scope.ts';
import { CLIENT, notFound, notYourClient } from '../support.ts';
import type { AccessDeps } from '../support.ts';

/** The client's keys, never their secrets: its requester, administrators and evaluators. */
export async function listCredentials(
  deps: AccessDeps,
  actor: Actor,
  clientId: string,
): Promise<Result<CredentialView[]>> {
  const clients = new ClientRepository(deps.database.db, scopeOf(actor));
  const client = await clients.findAny(clientId);
  if (!client) return notFound(CLIENT, clientId);
  if (actor.role !== 'administrator' && actor.role !== 'evaluator' && client.requesterId !== actor.userId) {
    return notYourClient(clientId);
  }
  const now = deps.now();
  const rows = await new CredentialRepository(deps.database.db).listForClient(client.id);
  return ok(rows.map((row) => credentialView(row, now)));
}
