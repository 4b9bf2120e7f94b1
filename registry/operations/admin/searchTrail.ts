/**
 * GET /v1/admin/trail — an administrator searches the administrative trail: who did what, to which
 * subject, when and why, newest first, by actor, action, subject, text of the reason and time range.
 */
import { z } from 'zod';
import { dateInput } from '../../../lib/validation/dateInput.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { TrailRepository } from '../../repositories/TrailRepository.ts';

const trailQuery = z
  .object({
    actor: z.string().trim().min(1).max(200).optional().describe('Bagian nama pelaku'),
    action: z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)?$/)
      .optional()
      .describe('Tindakan (access_request.approved) atau kelompoknya (access_request)'),
    subject: z.string().trim().min(1).max(300).optional().describe('Id subjek, tepat'),
    q: z.string().trim().min(1).max(200).optional().describe('Bagian alasan atau id subjek'),
    from: dateInput('start').optional(),
    to: dateInput('end').optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from < query.to, {
    message: '`from` harus sebelum `to` (from must be before to)',
    path: ['to'],
  });

const trailEntryView = z
  .object({
    seq: z.number().int(),
    occurredAt: z.string(),
    actor: z.object({ id: z.string().nullable(), name: z.string(), role: z.string() }),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    agencyId: z.string().nullable(),
    reason: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'TrailEntry' });

export const searchTrail = defineOperation({
  summary: 'Mencari jejak administratif (search the administrative trail)',
  description:
    'Terbaru dulu; filter pelaku (bagian nama), tindakan atau kelompoknya, id subjek, teks alasan, rentang waktu from/to; ' +
    'halaman page (mulai 1) dan pageSize (≤ 100). Newest first, filtered by actor, action, subject, reason text and time.',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [400, 403],
  schema: {
    querystring: trailQuery,
    response: {
      200: z
        .object({ entries: z.array(trailEntryView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
        .meta({ id: 'TrailPage' }),
    },
  },
  async handle(deps, { query }) {
    const { rows, total } = await new TrailRepository(deps.database.db).search(
      {
        actor: query.actor,
        action: query.action,
        subjectId: query.subject,
        text: query.q,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return reply(200, {
      entries: rows.map((row) => ({
        seq: row.seq,
        occurredAt: row.occurredAt.toISOString(),
        actor: { id: row.actorId, name: row.actorName, role: row.actorRole },
        action: row.action,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        agencyId: row.agencyId,
        reason: row.reason,
        before: row.before,
        after: row.after,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    });
  },
});
