/**
 * DELETE /v1/admin/graphs/:name — an administrator deletes a graph: its gateways stop serving it
 * (a withdrawn supergraph version) and its name is free again. Refused while requesters hold grants
 * in it or called it recently, unless forced with a reason; the trail keeps who, why and what was lost.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { deleteGraph as deleteGraphRecord } from '../../graphs/manageGraphs.ts';
import { forceFields, graphChangeResult, graphParams, graphChangeBody } from '../../graphs/operationShapes.ts';
import { announce } from '../../publishing/announce.ts';
import { SupergraphRepository } from '../../repositories/SupergraphRepository.ts';

export const deleteGraph = defineOperation({
  summary: 'Menghapus graf (delete a graph)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404, 422],
  schema: {
    params: graphParams,
    body: z.object({ ...forceFields }).meta({ id: 'DeleteGraphRequest' }).optional(),
    response: { 200: graphChangeResult },
  },
  async handle(deps, { params, body, actor }) {
    const result = await deps.database.db.transaction(async (tx) => {
      await new SupergraphRepository(tx).lockCompositions();
      return deleteGraphRecord(tx, deps, actor, params.name, body ?? {});
    });
    if (!result.ok) return result;
    await announce(deps, result.value.supergraphs);
    return reply(200, graphChangeBody(result.value, true));
  },
});
