/** GET /v1/subgraphs/:name/versions — the history of a subgraph's schema, newest first. */
import { z } from 'zod';
import type { SchemaChange } from '../../checks/index.ts';
import { requireActor } from '../../http/actor.ts';
import { HIDDEN_ROUTING_URL, mayReadRoutingUrl } from '../../http/routingUrls.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { SubgraphRepository } from '../../repositories/SubgraphRepository.ts';
import { subgraphNotFound, subgraphParams, subgraphSummary } from './common.ts';

const versionList = z
  .object({
    subgraph: subgraphSummary,
    versions: z.array(
      z.object({
        version: z.number().int(),
        sdlHash: z.string(),
        routingUrl: z.string(),
        author: z.string().nullable(),
        createdAt: z.string(),
        overrideReason: z.string().nullable(),
        changes: z.object({
          breaking: z.number().int(),
          dangerous: z.number().int(),
          safe: z.number().int(),
        }),
      }),
    ),
  })
  .meta({ id: 'SubgraphVersionList' });

export const listSubgraphVersions = defineOperation({
  summary: 'Riwayat versi skema subgraph (schema version history)',
  tags: ['metadata'],
  errors: [404],
  schema: { params: subgraphParams, response: { 200: versionList } },
  async handle(deps, { params, request }) {
    const actor = requireActor(request);
    const repository = new SubgraphRepository(deps.database.db, { agencyId: null });
    const subgraph = await repository.findByName(params.name);
    if (!subgraph) return subgraphNotFound(params.name);
    const urlOf = (url: string) => (mayReadRoutingUrl(actor, subgraph.agencyId) ? url : HIDDEN_ROUTING_URL);
    const versions = await repository.listVersions(subgraph.id);
    return reply(200, {
      subgraph: {
        name: subgraph.name,
        agency: subgraph.agencySlug,
        agencyName: subgraph.agencyName,
        theme: subgraph.themeSlug,
        routingUrl: urlOf(subgraph.routingUrl),
        description: subgraph.description,
        contact: subgraph.contact,
      },
      versions: versions.map((version) => {
        const changes = (version.changes ?? []) as SchemaChange[];
        const count = (level: SchemaChange['criticality']) =>
          changes.filter((c) => c.criticality === level).length;
        return {
          version: version.version,
          sdlHash: version.sdlHash,
          routingUrl: urlOf(version.routingUrl),
          author: version.author,
          createdAt: version.createdAt.toISOString(),
          overrideReason: version.overrideReason,
          changes: { breaking: count('BREAKING'), dangerous: count('DANGEROUS'), safe: count('SAFE') },
        };
      }),
    });
  },
});
