/** POST /v1/admin/notifications/:id/retry — an administrator sends a failed notification again. */
import { z } from 'zod';
import { fail } from '../../../lib/errors.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { NotificationRepository } from '../../repositories/NotificationRepository.ts';

export const retryNotification = defineOperation({
  summary: 'Mengirim ulang notifikasi yang gagal (retry a failed notification)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404],
  schema: {
    params: z.object({ id: z.uuid() }),
    response: { 202: z.object({ id: z.string(), status: z.literal('pending') }) },
  },
  async handle(deps, { params }) {
    const retried = await new NotificationRepository(deps.database.db).retry(params.id, deps.now());
    if (!retried) {
      return fail('NOT_FOUND', {
        id: `Tidak ada notifikasi gagal dengan ID ${params.id}.`,
        en: `There is no failed notification with id ${params.id}.`,
      });
    }
    return reply(202, { id: params.id, status: 'pending' as const });
  },
});
