/**
 * POST /v1/admin/users/:userId/password — an administrator sets a user's console password: the one
 * given, or a generated temporary one returned in this answer only. Every session of the user ends.
 */
import { z } from 'zod';
import { resetUserPassword as resetPasswordRecord } from '../../admin/users.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { generatePassword, hashPassword, newPassword } from '../../session/passwords.ts';

export const resetUserPassword = defineOperation({
  summary: 'Mengatur ulang kata sandi pengguna (reset a user’s password)',
  description:
    'Tanpa `password`, kata sandi sementara dibuat dan hanya ditampilkan sekali dalam jawaban ini. Semua sesi pengguna berakhir. ' +
    'Without `password` a temporary one is generated and shown in this answer only. Every session of the user ends.',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404],
  schema: {
    params: z.object({ userId: z.uuid() }),
    body: z
      .object({
        password: newPassword.optional().describe('12–256 karakter; kosong: dibuatkan'),
        reason: z.string().trim().max(2000).default(''),
      })
      .strict()
      .meta({ id: 'ResetPasswordRequest' }),
    response: {
      200: z
        .object({
          id: z.string(),
          email: z.string(),
          password: z.string().nullable().describe('Kata sandi sementara yang dibuat (hanya sekali); null bila diberikan'),
        })
        .meta({ id: 'PasswordReset' }),
    },
  },
  async handle(deps, { params, body, actor, httpReply }) {
    const generated = body.password === undefined ? generatePassword() : null;
    const hash = await hashPassword(body.password ?? generated!);
    const result = await deps.database.db.transaction((tx) =>
      resetPasswordRecord(tx, actor, params.userId, hash, deps.now(), body.reason),
    );
    if (!result.ok) return result;
    httpReply.header('cache-control', 'no-store');
    return reply(200, { id: result.value.id, email: result.value.email, password: generated });
  },
});
