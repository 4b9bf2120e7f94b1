/** POST /v1/admin/users/:userId/enable — an administrator enables a disabled user again. */
import { z } from 'zod';
import { enableUser as enableUserRecord } from '../../admin/users.ts';
import { defineOperation, reply } from '../../http/operation.ts';

export const enableUser = defineOperation({
  summary: 'Mengaktifkan kembali pengguna (enable a user)',
  description:
    'Token pengguna yang belum dicabut atau kedaluwarsa berlaku lagi; sesi konsol yang telah berakhir tetap berakhir. ' +
    'Tokens not revoked or expired work again; console sessions that ended stay ended.',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404, 409],
  schema: {
    params: z.object({ userId: z.uuid() }),
    body: z.object({ reason: z.string().trim().max(2000).default('') }).meta({ id: 'EnableUserRequest' }),
    response: {
      200: z.object({ id: z.string(), email: z.string(), disabled: z.literal(false) }).meta({ id: 'EnabledUser' }),
    },
  },
  async handle(deps, { params, body, actor }) {
    const result = await deps.database.db.transaction((tx) => enableUserRecord(tx, actor, params.userId, body.reason));
    if (!result.ok) return result;
    return reply(200, { id: result.value.id, email: result.value.email, disabled: false as const });
  },
});
