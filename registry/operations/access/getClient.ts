/** GET /v1/clients/:id — one client application, as the caller may see it. */
import { defineOperation, reply } from '../../http/operation.ts';
import { clientView, idParams, toJson } from '../../access/schemas.ts';
import { scopeOf } from '../../access/scope.ts';
import { ACCESS_TAG, CLIENT, notFound, notYourClient } from '../../access/support.ts';
import { ClientRepository } from '../../repositories/ClientRepository.ts';

export const getClient = defineOperation({
  summary: 'Satu aplikasi klien (one client application)',
  tags: [ACCESS_TAG],
  roles: ['requester', 'publisher', 'administrator', 'evaluator'],
  errors: [403, 404],
  schema: { params: idParams, response: { 200: clientView } },
  async handle(deps, { params, actor }) {
    const repository = new ClientRepository(deps.database.db, scopeOf(actor));
    const view = await repository.get(params.id);
    if (view) return reply(200, toJson(view));
    return (await repository.findAny(params.id)) ? notYourClient(params.id) : notFound(CLIENT, params.id);
  },
});
