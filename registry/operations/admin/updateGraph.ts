/**
 * PATCH /v1/admin/graphs/:name — an administrator changes a graph's themes (label matchers): the
 * themes it gathers (empty: every theme) and those it excludes, e.g. the all-themes graph without a
 * theme whose subgraphs conflict with another's. The graph is recomposed at once; nothing changes
 * when it no longer composes (422), or when fields still granted or recently called would leave it,
 * unless forced with a reason.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { graphParams, graphChangeResult, forceFields, graphChangeBody } from '../../graphs/operationShapes.ts';
import { updateGraph as updateGraphRecord } from '../../graphs/manageGraphs.ts';
import { announce } from '../../publishing/announce.ts';
import { slug } from '../../publishing/publishInput.ts';
import { SupergraphRepository } from '../../repositories/SupergraphRepository.ts';

export const updateGraph = defineOperation({
  summary: 'Mengubah tema graf (change a graph\u2019s themes)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404, 422],
  schema: {
    params: graphParams,
    body: z
      .object({
        themes: z.array(slug).max(100).optional().describe('Tema yang dihimpun; kosong berarti semua tema'),
        excludeThemes: z.array(slug).max(100).optional().describe('Tema yang dikecualikan'),
        description: z.string().max(2000).optional(),
        ...forceFields,
      })
      .meta({ id: 'UpdateGraphRequest' }),
    response: { 200: graphChangeResult },
  },
  async handle(deps, { params, body, actor }) {
    const result = await deps.database.db.transaction(async (tx) => {
      await new SupergraphRepository(tx).lockCompositions();
      return updateGraphRecord(tx, deps, actor, params.name, body);
    });
    if (!result.ok) return result;
    await announce(deps, result.value.supergraphs);
    return reply(200, graphChangeBody(result.value, false));
  },
});
