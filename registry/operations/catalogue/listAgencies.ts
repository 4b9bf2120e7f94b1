/** GET /v1/agencies — every agency (PD) known to the registry. */
import { z } from 'zod';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { AgencyRepository } from '../../repositories/AgencyRepository.ts';
import { agencyView } from '../admin/createAgency.ts';

export const listAgencies = defineOperation({
  summary: 'Daftar PD (list agencies)',
  tags: ['directory'],
  schema: { response: { 200: z.object({ agencies: z.array(agencyView) }) } },
  async handle(deps, { request }) {
    requireActor(request);
    const agencies = await new AgencyRepository(deps.database.db).list();
    return reply(200, { agencies: agencies.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })) });
  },
});
