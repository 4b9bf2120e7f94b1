/** GET /v1/graphs — every graph with its themes, members and newest supergraph version. */
import { z } from 'zod';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { GraphRepository } from '../../repositories/GraphRepository.ts';
import { graphMembers } from '../../graphs/membership.ts';
import { FeedRepository } from '../../../lib/feed/FeedRepository.ts';
import type { CompositionFailure } from '../../../drizzle/schema/index.ts';
import { CompositionFailureRepository } from '../../repositories/CompositionFailureRepository.ts';

function failureView(failure: CompositionFailure | undefined) {
  if (!failure) return null;
  const { failedAt, subgraph, agency, errors, errorCount } = failure;
  return { failedAt: failedAt.toISOString(), subgraph, agency, errors, errorCount };
}

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
        lastFailure: z
          .object({
            failedAt: z.string(),
            subgraph: z.string(),
            agency: z.string().describe('Slug PD penerbit; kosong bila tidak diketahui'),
            errors: z.array(z.object({ code: z.string(), message: z.string() })).describe('Beberapa galat pertama'),
            errorCount: z.number().int(),
          })
          .nullable()
          .describe(
            'Percobaan komposisi terakhir yang gagal (penerbitan yang ditolak); null bila belum pernah, dan bagi pemohon dan evaluator (the last failed composition attempt; null when there was none, and for requesters and evaluators)',
          ),
      }),
    ),
  })
  .meta({ id: 'GraphList' });

export const listGraphs = defineOperation({
  summary: 'Daftar graf (list graphs)',
  tags: ['graph'],
  schema: { response: { 200: graphList } },
  async handle(deps, { request }) {
    const actor = requireActor(request);
    // A refused publish's errors quote schema that was never published: administrators and publishers
    // (who keep the graphs composing) see them, requesters and evaluators do not.
    const seesFailures = actor.role === 'administrator' || actor.role === 'publisher';
    const db = deps.database.db;
    const graphs = await new GraphRepository(db).list();
    const latest = new Map(
      (await new FeedRepository(db).latestSupergraphs()).map((row) => [row.graph, row]),
    );
    const failures = new Map(
      seesFailures ? (await new CompositionFailureRepository(db).all()).map((row) => [row.graphId, row]) : [],
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
        lastFailure: failureView(failures.get(graph.id)),
      });
    }
    return reply(200, { graphs: body });
  },
});
