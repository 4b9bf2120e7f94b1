/** POST /v1/admin/users/:userId/disable — an administrator disables a user; its tokens stop working at once. */
import { z } from 'zod';
import { disableUser as disableUserRecord } from '../../admin/users.ts';
import { defineOperation, reply } from '../../http/operation.ts';

export const disableUser = defineOperation({
  summary: 'Menonaktifkan pengguna (disable a user)',
  description:
    'Semua token pengguna itu ditolak sejak permintaan berikutnya dan semua sesi konsolnya berakhir. Administrator aktif terakhir tidak dapat dinonaktifkan. ' +
    'All of the user’s tokens are refused from the next request on and every console session of theirs ends; the last enabled administrator cannot be disabled.',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404, 409],
  schema: {
    params: z.object({ userId: z.uuid() }),
    body: z.object({ reason: z.string().trim().max(2000).default('') }).meta({ id: 'DisableUserRequest' }),
    response: {
      200: z.object({ id: z.string(), email: z.string(), disabled: z.literal(true) }).meta({ id: 'DisabledUser' }),
    },
  },
  async handle(deps, { params, body, actor }) {
    const result = await deps.database.db.transaction((tx) => disableUserRecord(tx, actor, params.userId, body.reason, deps.now()));
    if (!result.ok) return result;
    return reply(200, { id: result.value.id, email: result.value.email, disabled: true as const });
  },
});
