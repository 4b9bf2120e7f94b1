/**
 * GET /v1/cross-agency-changes — the queue: a publisher sees the changes of other agencies that reach
 * its agency's fields (to accept or decline) and its own pending requests; an administrator sees all.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { AgencyRepository } from '../../repositories/AgencyRepository.ts';
import { CrossAgencyChangeRepository } from '../../repositories/CrossAgencyChangeRepository.ts';
import { crossAgencyChangeView, viewOf } from './common.ts';

export const listCrossAgencyChanges = defineOperation({
  summary: 'Antrean perubahan lintas PD (cross-agency change queue)',
  tags: ['subgraph'],
  roles: ['publisher', 'administrator'],
  errors: [403],
  schema: {
    querystring: z.object({ status: z.enum(['pending', 'accepted', 'declined', 'all']).default('pending') }),
    response: { 200: z.object({ changes: z.array(crossAgencyChangeView) }).meta({ id: 'CrossAgencyChangeList' }) },
  },
  async handle(deps, { query, actor }) {
    const db = deps.database.db;
    const scope = { agencyId: actor.role === 'administrator' ? null : (actor.agencyId ?? '00000000-0000-0000-0000-000000000000') };
    const changes = await new CrossAgencyChangeRepository(db, scope).list(query.status === 'all' ? null : query.status);
    const slugOf = new Map((await new AgencyRepository(db).list()).map((agency) => [agency.id, agency.slug]));
    return reply(200, { changes: changes.map((change) => viewOf(change, slugOf)) });
  },
});
