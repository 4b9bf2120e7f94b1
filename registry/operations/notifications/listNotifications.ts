/**
 * GET /v1/admin/notifications — an administrator lists the notification outbox, newest first, e.g.
 * `?status=failed` for the deliveries that gave up after every attempt, with their last error.
 */
import { z } from 'zod';
import { notificationChannels, notificationStatuses } from '../../../drizzle/schema/index.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { NotificationRepository } from '../../repositories/NotificationRepository.ts';

export const notificationView = z
  .object({
    id: z.string().describe('ID pengiriman (delivery id), sama pada setiap percobaan'),
    event: z.string(),
    channel: z.enum(notificationChannels),
    subjectType: z.string(),
    subjectId: z.string(),
    recipient: z.string().describe('Alamat e-mail penerima; kosong untuk webhook'),
    status: z.enum(notificationStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    occurredAt: z.string(),
    nextAttemptAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const listNotifications = defineOperation({
  summary: 'Daftar notifikasi keluar (list outgoing notifications)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403],
  schema: {
    querystring: z
      .object({
        status: z.enum(notificationStatuses).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      })
      .strict(),
    response: { 200: z.object({ items: z.array(notificationView), total: z.number().int() }).meta({ id: 'NotificationList' }) },
  },
  async handle(deps, { query }) {
    const { rows, total } = await new NotificationRepository(deps.database.db).list(query);
    return reply(200, {
      items: rows.map((row) => ({
        id: row.id,
        event: row.event,
        channel: row.channel,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        recipient: row.recipient,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        occurredAt: row.occurredAt.toISOString(),
        nextAttemptAt: row.nextAttemptAt.toISOString(),
        deliveredAt: row.deliveredAt?.toISOString() ?? null,
      })),
      total,
    });
  },
});
