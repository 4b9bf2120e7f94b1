/** GET /v1/graphs/:name/supergraph — Supergraph SDL graf, yang dimuat gateway (the graph's supergraph SDL, text/plain). */
import { z } from 'zod';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { GraphRepository } from '../../repositories/GraphRepository.ts';
import { SupergraphRepository } from '../../repositories/SupergraphRepository.ts';
import { graphNotFound, graphParams, notComposedYet } from './common.ts';

export const getSupergraphSdl = defineOperation({
  summary: "Supergraph SDL graf, yang dimuat gateway (the graph's supergraph SDL, text/plain)",
  tags: ['graph'],
  errors: [404],
  schema: { params: graphParams, response: { 200: z.string() }, text: true },
  async handle(deps, { params, request }) {
    requireActor(request);
    const graph = await new GraphRepository(deps.database.db).findByName(params.name);
    if (!graph) return graphNotFound(params.name);
    const supergraph = await new SupergraphRepository(deps.database.db).latestForGraph(graph.id);
    if (!supergraph) return notComposedYet(params.name);
    return reply(200, supergraph.supergraphSdl);
  },
});
