/** GET /v1/subgraphs/:name/versions/:version — one version: SDL, hash, author, time, checks and diff. */
import { z } from 'zod';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import { renderDiff } from '../../checks/index.ts';
import type { SchemaChange } from '../../checks/index.ts';
import { requireActor } from '../../http/actor.ts';
import { HIDDEN_ROUTING_URL, mayReadRoutingUrl } from '../../http/routingUrls.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { SubgraphRepository } from '../../repositories/SubgraphRepository.ts';
import { subgraphNotFound, subgraphParams } from './common.ts';

const versionDetail = z
  .object({
    subgraph: z.string(),
    version: z.number().int(),
    sdl: z.string(),
    sdlHash: z.string(),
    routingUrl: z.string(),
    author: z.string().nullable(),
    createdAt: z.string(),
    overrideReason: z.string().nullable(),
    checks: z.unknown().describe('Laporan pemeriksaan saat diterbitkan (PublishReport)'),
    changes: z.array(z.unknown()),
    diff: z.object({
      summary: z.string().describe('Perubahan dalam bahasa Indonesia'),
      lines: z.string().describe('Diff baris SDL (unified)'),
    }),
  })
  .meta({ id: 'SubgraphVersion' });

export const getSubgraphVersion = defineOperation({
  summary: 'Satu versi skema subgraph beserta pemeriksaan dan diff-nya (one schema version)',
  tags: ['metadata'],
  errors: [404],
  schema: {
    params: subgraphParams.extend({ version: z.coerce.number().int().positive() }),
    response: { 200: versionDetail },
  },
  async handle(deps, { params, request }) {
    const actor = requireActor(request);
    const repository = new SubgraphRepository(deps.database.db, { agencyId: null });
    const subgraph = await repository.findByName(params.name);
    if (!subgraph) return subgraphNotFound(params.name);
    const urlOf = (url: string) => (mayReadRoutingUrl(actor, subgraph.agencyId) ? url : HIDDEN_ROUTING_URL);
    const version = await repository.getVersion(subgraph.id, params.version);
    if (!version) {
      return fail(
        ErrorCode.NOT_FOUND,
        {
          id: `Subgraph '${params.name}' tidak memiliki versi ${params.version}.`,
          en: `Subgraph '${params.name}' has no version ${params.version}.`,
        },
        { name: params.name, version: params.version },
      );
    }
    const changes = (version.changes ?? []) as SchemaChange[];
    return reply(200, {
      subgraph: subgraph.name,
      version: version.version,
      sdl: version.sdl,
      sdlHash: version.sdlHash,
      routingUrl: urlOf(version.routingUrl),
      author: version.author,
      createdAt: version.createdAt.toISOString(),
      overrideReason: version.overrideReason,
      checks: version.checkReport,
      changes,
      diff: { summary: renderDiff(changes), lines: version.diffText },
    });
  },
});
