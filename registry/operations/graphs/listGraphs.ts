/** GET /v1/graphs — every graph with its themes, members and newest supergraph version. */
import { z } from 'zod';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { GraphRepository } from '../../repositories/GraphRepository.ts';
import { graphMembers } from '../../graphs/membership.ts';
import { FeedRepository } from '../../../lib/feed/FeedRepository.ts';

const graphList = z
  .object({
    graphs: z.array(
      z.object({
        name: z.string(),
        description: z.string(),
        themes: z.array(z.string()).describe('Kosong: semua tema'),
        excludedThemes: z.array(z.string()).describe('Tema yang dikecualikan'),
        subgraphs: z.array(z.string()),
        version: z
          .number()
          .int()
          .nullable()
          .describe('Versi supergraph terbaru; null jika belum dikomposisi'),
        composedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'GraphList' });

export const listGraphs = defineOperation({
  summary: 'Daftar graf (list graphs)',
  tags: ['graph'],
  schema: { response: { 200: graphList } },
  async handle(deps, { request }) {
    requireActor(request);
    const db = deps.database.db;
    const graphs = await new GraphRepository(db).list();
    const latest = new Map(
      (await new FeedRepository(db).latestSupergraphs()).map((row) => [row.graph, row]),
    );
    const body = [];
    for (const graph of graphs) {
      const members = await graphMembers(db, graph);
      const supergraph = latest.get(graph.name);
      body.push({
        name: graph.name,
        description: graph.description,
        themes: graph.themeSlugs,
        excludedThemes: graph.excludedThemeSlugs,
        subgraphs: members.map((member) => member.name),
        version: supergraph?.version ?? null,
        composedAt: supergraph ? new Date(supergraph.createdAt).toISOString() : null,
      });
    }
    return reply(200, { graphs: body });
  },
});
