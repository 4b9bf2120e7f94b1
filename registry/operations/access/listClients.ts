/**
 * GET /v1/clients — a requester's own clients; everyone's for administrators and evaluators; for a
 * publisher, those that asked for its fields.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { ACCESS_TAG } from '../../access/support.ts';
import { clientView, toJson } from '../../access/schemas.ts';
import { scopeOf } from '../../access/scope.ts';
import { ClientRepository } from '../../repositories/ClientRepository.ts';

export const listClients = defineOperation({
  summary: 'Daftar aplikasi klien (list client applications)',
  tags: [ACCESS_TAG],
  roles: ['requester', 'publisher', 'administrator', 'evaluator'],
  errors: [403],
  schema: { response: { 200: z.array(clientView) } },
  async handle(deps, { actor }) {
    return reply(200, toJson(await new ClientRepository(deps.database.db, scopeOf(actor)).list()));
  },
});
