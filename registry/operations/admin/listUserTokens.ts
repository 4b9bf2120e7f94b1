/**
 * GET /v1/admin/tokens — an administrator lists registry tokens (prefix, label, owner, state; never a
 * secret), optionally of one user, to find the id `admin token revoke` needs.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { UserRepository } from '../../repositories/UserRepository.ts';

const tokenView = z
  .object({
    id: z.string(),
    userId: z.string(),
    userEmail: z.string(),
    prefix: z.string(),
    label: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'UserToken' });

export const listUserTokens = defineOperation({
  summary: 'Daftar token registry, tanpa rahasia (list registry tokens, no secrets)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403],
  schema: {
    querystring: z.object({ user: z.uuid().optional().describe('Hanya token pengguna ini') }),
    response: { 200: z.object({ tokens: z.array(tokenView) }).meta({ id: 'UserTokenList' }) },
  },
  async handle(deps, { query }) {
    const tokens = await new UserRepository(deps.database.db).listTokens(query.user);
    const iso = (value: Date | null) => value?.toISOString() ?? null;
    return reply(200, {
      tokens: tokens.map((token) => ({
        id: token.id,
        userId: token.userId,
        userEmail: token.userEmail,
        prefix: token.prefix,
        label: token.label,
        expiresAt: iso(token.expiresAt),
        revokedAt: iso(token.revokedAt),
        lastUsedAt: iso(token.lastUsedAt),
        createdAt: token.createdAt.toISOString(),
      })),
    });
  },
});
