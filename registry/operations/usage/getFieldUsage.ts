/**
 * GET /v1/field-usage — who uses which of an agency's fields, read from the access log: per field,
 * graph and client the answered requests and the refusals, with the last of each. A publisher sees
 * its own agency's fields (the owner's view of Perbup Pacitan 138/2023's monitoring); an administrator
 * or evaluator names the agency. The range defaults to the last 30 days.
 */
import { z } from 'zod';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import { EVALUATION_TAG, evaluationDepsOf } from '../../evaluation/deps.ts';
import { parseRange } from '../../evaluation/range.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { slug } from '../../publishing/publishInput.ts';
import { AccessLogRepository } from '../../repositories/AccessLogRepository.ts';
import { AgencyRepository } from '../../repositories/AgencyRepository.ts';
import { UsageRepository } from '../../repositories/UsageRepository.ts';

const DEFAULT_DAYS = 30;

const fieldUsage = z
  .object({
    agency: z.object({ slug: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    fields: z.array(
      z.object({
        coordinate: z.string(),
        classification: z.string(),
        personalData: z.boolean(),
        description: z.string(),
      }),
    ),
    usage: z.array(
      z.object({
        coordinate: z.string(),
        graph: z.string(),
        clientId: z.string().nullable().describe('null: tanpa kunci API yang sah'),
        client: z.string().nullable(),
        organization: z.string().nullable(),
        requests: z.number().int().describe('Permintaan terjawab yang memilih field ini'),
        lastAccessAt: z.string().nullable(),
        refusals: z.number().int().describe('Permintaan yang ditolak untuk field ini'),
        lastRefusalAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'FieldUsage' });

export const getFieldUsage = defineOperation({
  summary: 'Pemakaian field PD menurut log akses (who uses an agency’s fields)',
  tags: [EVALUATION_TAG],
  roles: ['publisher', 'administrator', 'evaluator'],
  errors: [400, 403, 404, 503],
  schema: {
    querystring: z
      .object({
        from: z.string().optional().describe('Awal rentang (2026-12-01 WIB atau ISO 8601); bawaan: 30 hari lalu'),
        to: z.string().optional().describe('Akhir rentang (termasuk hari itu); bawaan: sekarang'),
        agency: slug.optional().describe('Administrator/evaluator: slug PD (wajib); penerbit: PD sendiri'),
      })
      .strict(),
    response: { 200: fieldUsage },
  },
  async handle(deps, { query, actor }) {
    const db = deps.database.db;
    const agencies = new AgencyRepository(db);
    let agency;
    if (actor.role === 'publisher') {
      agency = actor.agencyId ? await agencies.findById(actor.agencyId) : null;
      if (!agency || (query.agency !== undefined && query.agency !== agency.slug)) {
        return fail(ErrorCode.FORBIDDEN, {
          id: 'Penerbit hanya dapat melihat pemakaian field perangkat daerahnya sendiri.',
          en: "A publisher can only see the use of its own agency's fields.",
        });
      }
    } else {
      if (query.agency === undefined) {
        return fail(ErrorCode.BAD_REQUEST, {
          id: 'Sebutkan perangkat daerah: parameter "agency" (slug).',
          en: 'Name the agency: the "agency" parameter (slug).',
        }, { field: 'agency' });
      }
      agency = await agencies.findBySlug(query.agency);
      if (!agency) {
        return fail(ErrorCode.NOT_FOUND, { id: `Perangkat daerah '${query.agency}' tidak ada.`, en: `No agency '${query.agency}'.` }, { agency: query.agency });
      }
    }
    const now = deps.now();
    const range = parseRange(
      query.from ?? new Date(now.getTime() - DEFAULT_DAYS * 86_400_000).toISOString(),
      query.to ?? now.toISOString(),
    );
    if (!range.ok) return range;
    const fields = await new UsageRepository(db).agencyFields(agency.id);
    const log = new AccessLogRepository(db, { queryTimeoutMs: evaluationDepsOf(deps).evaluation.queryTimeoutMs });
    const rows = await log.clientFieldUsage(fields.map((field) => field.coordinate), range.value);
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    return reply(200, {
      agency: { slug: agency.slug, name: agency.name },
      from: range.value.from.toISOString(),
      to: range.value.to.toISOString(),
      fields,
      usage: rows.map((row) => ({ ...row, lastAccessAt: iso(row.lastAccessAt), lastRefusalAt: iso(row.lastRefusalAt) })),
    });
  },
});
