/** DELETE /v1/admin/sessions/:id — an administrator ends a console session at once. */
import { z } from 'zod';
import { endSession as endSessionRecord } from '../../admin/sessions.ts';
import { defineOperation, reply } from '../../http/operation.ts';

export const endSession = defineOperation({
  summary: 'Mengakhiri sesi konsol (end a console session)',
  description:
    'Permintaan berikutnya dengan cookie sesi itu dijawab 401; pemiliknya harus masuk lagi. ' +
    'The next request with that session’s cookie is answered 401; its owner signs in again.',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404, 409],
  schema: {
    params: z.object({ id: z.uuid() }),
    body: z.object({ reason: z.string().trim().max(2000).default('') }).strict().meta({ id: 'EndSessionRequest' }).nullish().describe('Tanpa isi: tanpa alasan (no body: no reason)'),
    response: {
      200: z.object({ id: z.string(), userId: z.string(), endedAt: z.string() }).meta({ id: 'EndedSession' }),
    },
  },
  async handle(deps, { params, body, actor }) {
    const now = deps.now();
    const idleSince = new Date(now.getTime() - deps.session.settings.idleMinutes * 60_000);
    const result = await deps.database.db.transaction((tx) => endSessionRecord(tx, actor, params.id, body?.reason ?? '', now, idleSince));
    if (!result.ok) return result;
    return reply(200, { id: result.value.publicId, userId: result.value.userId, endedAt: result.value.endedAt.toISOString() });
  },
});
