/**
 * GET /v1/graphs/:name/supergraph — Supergraph SDL graf, yang dimuat gateway (the graph's supergraph
 * SDL, text/plain). Only administrators see the subgraphs' routing URLs in it.
 */
import { z } from 'zod';
import { requireActor } from '../../http/actor.ts';
import { withoutRoutingUrls } from '../../http/routingUrls.ts';
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
    const actor = requireActor(request);
    const graph = await new GraphRepository(deps.database.db).findByName(params.name);
    if (!graph) return graphNotFound(params.name);
    const supergraph = await new SupergraphRepository(deps.database.db).latestForGraph(graph.id);
    if (!supergraph) return notComposedYet(params.name);
    // The routing URLs inside are for the gateways and the administrators who run them.
    return reply(200, actor.role === 'administrator' ? supergraph.supergraphSdl : withoutRoutingUrls(supergraph.supergraphSdl));
  },
});
