/** GET /v1/clients/:id/credentials — the client's keys, never their secrets: its requester, administrators and evaluators. */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { credentialView as credentialSchema, idParams, toJson } from '../../access/schemas.ts';
import { scopeOf } from '../../access/scope.ts';
import { ACCESS_TAG, CLIENT, notFound, notYourClient } from '../../access/support.ts';
import { ClientRepository } from '../../repositories/ClientRepository.ts';
import { CredentialRepository, credentialView } from '../../repositories/CredentialRepository.ts';

export const listCredentials = defineOperation({
  summary: 'Daftar kunci API klien, tanpa rahasia (list API keys, no secrets)',
  tags: [ACCESS_TAG],
  roles: ['requester', 'administrator', 'evaluator'],
  errors: [403, 404],
  schema: { params: idParams, response: { 200: z.array(credentialSchema) } },
  async handle(deps, { params, actor }) {
    const clientId = params.id;
    const client = await new ClientRepository(deps.database.db, scopeOf(actor)).findAny(clientId);
    if (!client) return notFound(CLIENT, clientId);
    if (actor.role !== 'administrator' && actor.role !== 'evaluator' && client.requesterId !== actor.userId) {
      return notYourClient(clientId);
    }
    const now = deps.now();
    const rows = await new CredentialRepository(deps.database.db).listForClient(client.id);
    return reply(200, toJson(rows.map((row) => credentialView(row, now))));
  },
});
