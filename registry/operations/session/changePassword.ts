/**
 * PUT /v1/session/password — the signed-in user changes their own password, giving the current one.
 * Their other sessions end; this one stays. A wrong current password answers 422 (not 401, which
 * would send the console back to sign-in) and counts as a failed sign-in of the address.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { changeOwnPassword } from '../../session/consoleSessions.ts';
import { newPassword, PASSWORD_MAX_LENGTH } from '../../session/passwords.ts';

export const changePassword = defineOperation({
  summary: 'Mengganti kata sandi sendiri (change your own password)',
  tags: ['session'],
  errors: [403, 422, 429],
  schema: {
    body: z
      .object({
        currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
        newPassword: newPassword.describe('12–256 karakter'),
      })
      .strict()
      .meta({ id: 'ChangePasswordRequest' }),
    response: { 204: z.null().describe('Tanpa isi (no content)') },
  },
  async handle(deps, { body, actor, request }) {
    const changed = await changeOwnPassword(deps, actor, {
      currentPassword: body.currentPassword,
      newPassword: body.newPassword,
      keepSessionId: request.consoleSession?.id ?? null,
      ip: request.ip,
    });
    if (!changed.ok) return changed;
    return reply(204, null);
  },
});
