/** POST /v1/admin/users/:userId/tokens — an administrator issues another token to a user (shown once). */
import { z } from 'zod';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import { issueUserToken as issueToken } from '../../admin/users.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { UserRepository } from '../../repositories/UserRepository.ts';

export const issuedTokenView = z
  .object({
    id: z.string(),
    token: z.string().describe('Ditampilkan sekali ini saja (shown once)'),
    prefix: z.string(),
    label: z.string(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'IssuedToken' });

export const issueUserToken = defineOperation({
  summary: 'Menerbitkan token registry untuk pengguna (issue a user token)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404],
  schema: {
    params: z.object({ userId: z.uuid() }),
    body: z
      .object({
        label: z.string().max(200).optional(),
        expiresInDays: z.number().int().positive().max(3650).optional(),
      })
      .meta({ id: 'IssueTokenRequest' }),
    response: { 201: issuedTokenView },
  },
  async handle(deps, { params, body, actor }) {
    const now = deps.now();
    const issued = await deps.database.db.transaction(async (tx) => {
      const user = await new UserRepository(tx).findById(params.userId);
      if (!user) return null;
      const expiresAt =
        body.expiresInDays === undefined ? null : new Date(now.getTime() + body.expiresInDays * 86_400_000);
      return issueToken(tx, actor, user, { label: body.label, expiresAt, tokenKey: deps.config.registryTokenKeys?.().active });
    });
    if (!issued) return fail(ErrorCode.NOT_FOUND, { id: 'Pengguna tidak ada.', en: 'No such user.' });
    return reply(201, {
      id: issued.record.id,
      token: issued.token,
      prefix: issued.record.prefix,
      label: issued.record.label,
      expiresAt: issued.record.expiresAt?.toISOString() ?? null,
    });
  },
});
