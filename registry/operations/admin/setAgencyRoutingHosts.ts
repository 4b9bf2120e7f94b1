/**
 * PUT /v1/admin/agencies/:slug/routing-hosts — an administrator sets the hosts or URL prefixes the
 * agency's subgraphs may route to (registry/checks/routingHosts.ts). An empty list admits nothing.
 * Recorded in the trail with the list before and after.
 */
import { z } from 'zod';
import { ErrorCode, fail, ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import { normalizeRoutingEntry } from '../../checks/routingHosts.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { AgencyRepository } from '../../repositories/AgencyRepository.ts';
import { recordTrail } from '../../trail/recordTrail.ts';

export const setAgencyRoutingHosts = defineOperation({
  summary: 'Menetapkan host routing URL yang diizinkan bagi PD (set an agency’s allowed routing hosts)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404, 422],
  schema: {
    params: z.object({ slug: z.string().min(1).max(100) }),
    body: z
      .object({
        allowed: z.array(z.string().max(500)).max(100).describe('Host (mis. dinkes.pacitankab.go.id, 10.2.0.15:4202) atau awalan URL'),
        reason: z.string().trim().max(2000).default(''),
      })
      .meta({ id: 'SetRoutingHostsRequest' }),
    response: {
      200: z.object({ agency: z.string(), allowed: z.array(z.string()) }).meta({ id: 'AgencyRoutingHosts' }),
    },
  },
  async handle(deps, { params, body, actor }) {
    const entries: string[] = [];
    for (const raw of body.allowed) {
      const entry = normalizeRoutingEntry(raw);
      if (!entry.ok) return entry;
      if (!entries.includes(entry.value)) entries.push(entry.value);
    }
    const result = await deps.database.db.transaction(async (tx): Promise<Result<string[]>> => {
      const agency = await new AgencyRepository(tx).findBySlug(params.slug);
      if (!agency) {
        return fail(ErrorCode.NOT_FOUND, { id: `PD '${params.slug}' tidak ada.`, en: `No agency '${params.slug}'.` }, { slug: params.slug });
      }
      await new AgencyRepository(tx).setRoutingUrlPrefixes(agency.id, entries);
      await recordTrail(tx, {
        actor,
        action: 'agency.routing_hosts_set',
        subjectType: 'agency',
        subjectId: agency.id,
        agencyId: agency.id,
        reason: body.reason,
        before: { allowed: agency.routingUrlPrefixes },
        after: { allowed: entries },
      });
      return ok(entries);
    });
    if (!result.ok) return result;
    return reply(200, { agency: params.slug, allowed: result.value });
  },
});
