/**
 * GET /v1/subgraphs — the subgraphs the registry knows (retired ones included, marked), each with its
 * owner, theme and newest version; `agency` narrows to one agency's (a publisher's own list).
 */
import { z } from 'zod';
import { requireActor } from '../../http/actor.ts';
import { HIDDEN_ROUTING_URL, mayReadRoutingUrl } from '../../http/routingUrls.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { slug } from '../../publishing/publishInput.ts';
import { SubgraphRepository } from '../../repositories/SubgraphRepository.ts';
import { subgraphSummary } from './common.ts';

const subgraphList = z
  .object({
    subgraphs: z.array(
      subgraphSummary.extend({
        latestVersion: z.number().int().nullable().describe('Versi terbaru; null sebelum publish pertama'),
        publishedAt: z.string().nullable(),
        retiredAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SubgraphList' });

export const listSubgraphs = defineOperation({
  summary: 'Daftar subgraph (list subgraphs)',
  tags: ['metadata'],
  schema: {
    querystring: z.object({ agency: slug.optional().describe('Hanya subgraph PD ini (slug)') }),
    response: { 200: subgraphList },
  },
  async handle(deps, { query, request }) {
    const actor = requireActor(request);
    const rows = await new SubgraphRepository(deps.database.db, { agencyId: null }).list(query.agency);
    return reply(200, {
      subgraphs: rows.map((row) => ({
        name: row.name,
        agency: row.agencySlug,
        agencyName: row.agencyName,
        theme: row.themeSlug,
        routingUrl: mayReadRoutingUrl(actor, row.agencyId) ? row.routingUrl : HIDDEN_ROUTING_URL,
        description: row.description,
        contact: row.contact,
        latestVersion: row.latestVersion,
        publishedAt: row.publishedAt?.toISOString() ?? null,
        retiredAt: row.retiredAt?.toISOString() ?? null,
      })),
    });
  },
});
