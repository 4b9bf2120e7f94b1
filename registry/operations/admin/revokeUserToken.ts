/** POST /v1/admin/tokens/:tokenId/revoke — an administrator revokes a registry token at once. */
import { z } from 'zod';
import { revokeUserToken as revokeToken } from '../../admin/users.ts';
import { defineOperation, reply } from '../../http/operation.ts';

export const revokeUserToken = defineOperation({
  summary: 'Mencabut token registry (revoke a user token)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 404, 409],
  schema: {
    params: z.object({ tokenId: z.uuid() }),
    body: z.object({ reason: z.string().trim().max(2000).default('') }).meta({ id: 'RevokeTokenRequest' }),
    response: {
      200: z
        .object({ id: z.string(), prefix: z.string(), revokedAt: z.string() })
        .meta({ id: 'RevokedToken' }),
    },
  },
  async handle(deps, { params, body, actor }) {
    const now = deps.now();
    const result = await deps.database.db.transaction((tx) =>
      revokeToken(tx, actor, params.tokenId, body.reason, now),
    );
    if (!result.ok) return result;
    const token = result.value;
    return reply(200, {
      id: token.id,
      prefix: token.prefix,
      revokedAt: (token.revokedAt ?? now).toISOString(),
    });
  },
});
