/** GET /v1/subgraphs/:name/sdl — the newest published SDL of a subgraph, as text. */
import { z } from 'zod';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { SubgraphRepository } from '../../repositories/SubgraphRepository.ts';
import { subgraphNotFound, subgraphParams } from './common.ts';

export const getSubgraphSdl = defineOperation({
  summary: 'SDL terbaru subgraph (latest subgraph SDL, text/plain)',
  tags: ['metadata'],
  errors: [404],
  schema: { params: subgraphParams, response: { 200: z.string() }, text: true },
  async handle(deps, { params, request }) {
    requireActor(request);
    const repository = new SubgraphRepository(deps.database.db, { agencyId: null });
    const subgraph = await repository.findByName(params.name);
    if (!subgraph) return subgraphNotFound(params.name);
    const latest = await repository.latestVersion(subgraph.id);
    if (!latest) {
      return fail(ErrorCode.NOT_FOUND, {
        id: `Subgraph '${params.name}' belum memiliki versi.`,
        en: `Subgraph '${params.name}' has no version yet.`,
      });
    }
    return reply(200, latest.sdl);
  },
});
