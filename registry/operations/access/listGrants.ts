/**
 * GET /v1/grants — grants as the caller may see them: a requester its clients', a publisher its
 * agency's, administrators and evaluators all.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { grantView, listGrantsQuery, toJson } from '../../access/schemas.ts';
import { scopeOf } from '../../access/scope.ts';
import { ACCESS_TAG } from '../../access/support.ts';
import { GrantRepository } from '../../repositories/GrantRepository.ts';

export const listGrants = defineOperation({
  summary: 'Daftar pemberian akses (list grants)',
  tags: [ACCESS_TAG],
  roles: ['requester', 'publisher', 'administrator', 'evaluator'],
  errors: [403],
  schema: { querystring: listGrantsQuery, response: { 200: z.array(grantView) } },
  async handle(deps, { query, actor }) {
    const filter = {
      ...(query.clientId ? { clientId: query.clientId } : {}),
      ...(query.graph ? { graph: query.graph } : {}),
      currentOnly: query.current === 'true',
    };
    const views = await new GrantRepository(deps.database.db, scopeOf(actor)).list(filter, deps.now());
    return reply(200, toJson(views));
  },
});
