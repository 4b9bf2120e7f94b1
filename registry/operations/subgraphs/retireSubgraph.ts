/**
 * POST /v1/subgraphs/:name/retire — a publisher (own agency) or an administrator retires a subgraph:
 * it leaves every graph (a graph left empty is withdrawn from its gateways) and the directory; its
 * versions stay in the metadata repository, and publishing it again brings it back. Refused when a
 * graph would no longer compose without it, or while requesters hold grants on fields only it serves
 * or called them recently, unless an administrator forces it with a reason.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { retireSubgraph as retireSubgraphRecord } from '../../graphs/manageGraphs.ts';
import { forceFields, protectedLeavingField, supergraphChange } from '../../graphs/operationShapes.ts';
import { announce } from '../../publishing/announce.ts';
import { SupergraphRepository } from '../../repositories/SupergraphRepository.ts';
import { subgraphParams } from './common.ts';

export const retireSubgraph = defineOperation({
  summary: 'Memensiunkan subgraph (retire a subgraph)',
  tags: ['subgraph'],
  roles: ['publisher', 'administrator'],
  errors: [403, 404, 409, 422],
  schema: {
    params: subgraphParams,
    body: z.object({ ...forceFields }).meta({ id: 'RetireSubgraphRequest' }).optional(),
    response: {
      200: z
        .object({ subgraph: z.string(), supergraphs: z.array(supergraphChange), forced: z.array(protectedLeavingField) })
        .meta({ id: 'RetiredSubgraph' }),
    },
  },
  async handle(deps, { params, body, actor }) {
    const result = await deps.database.db.transaction(async (tx) => {
      await new SupergraphRepository(tx).lockCompositions();
      return retireSubgraphRecord(tx, deps, actor, params.name, body ?? {});
    });
    if (!result.ok) return result;
    await announce(deps, result.value.supergraphs);
    return reply(200, result.value);
  },
});
