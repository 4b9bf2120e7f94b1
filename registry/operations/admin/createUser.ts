/**
 * POST /v1/admin/users — an administrator creates a user (administrator, publisher of an agency,
 * requester, evaluator) and, unless told otherwise, issues the user's first registry token, which is
 * in this response only. With `password` the user can also sign in to the console.
 */
import { z } from 'zod';
import { userRoles } from '../../../drizzle/schema/index.ts';
import { createUser as createUserRecord, issueUserToken } from '../../admin/users.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { hashPassword, newPassword } from '../../session/passwords.ts';
import { slug } from '../../publishing/publishInput.ts';
import { issuedTokenView } from './issueUserToken.ts';

export const userView = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(userRoles),
    agencyId: z.string().nullable(),
    organization: z.string(),
    hasPassword: z.boolean().describe('Dapat masuk ke konsol (can sign in to the console)'),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

export const createUser = defineOperation({
  summary: 'Membuat pengguna dan token pertamanya (create a user and its first token)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 409, 422],
  schema: {
    body: z
      .object({
        name: z.string().trim().min(2).max(200),
        email: z.email(),
        role: z.enum(userRoles),
        agency: slug.optional().describe('Wajib untuk publisher'),
        organization: z.string().max(200).optional(),
        issueToken: z.boolean().default(true),
        tokenLabel: z.string().max(200).optional(),
        tokenExpiresInDays: z.number().int().positive().max(3650).optional(),
        password: newPassword.optional().describe('Kata sandi konsol, 12–256 karakter (console password)'),
      })
      .meta({ id: 'CreateUserRequest' }),
    response: {
      201: z.object({ user: userView, token: issuedTokenView.nullable() }).meta({ id: 'CreatedUser' }),
    },
  },
  async handle(deps, { body, actor }) {
    const now = deps.now();
    // Hashed before the transaction: argon2 takes tens of milliseconds a connection need not wait for.
    const password = body.password === undefined ? undefined : { hash: await hashPassword(body.password), at: now };
    const result = await deps.database.db.transaction(async (tx) => {
      const user = await createUserRecord(tx, actor, { ...body, password });
      if (!user.ok || !body.issueToken) return { user, token: null };
      const expiresAt =
        body.tokenExpiresInDays === undefined
          ? null
          : new Date(now.getTime() + body.tokenExpiresInDays * 86_400_000);
      const token = await issueUserToken(tx, actor, user.value, { label: body.tokenLabel, expiresAt, tokenKey: deps.config.registryTokenKeys?.().active });
      return { user, token };
    });
    if (!result.user.ok) return result.user;
    const user = result.user.value;
    const token = result.token;
    return reply(201, {
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        agencyId: user.agencyId,
        organization: user.organization,
        hasPassword: user.passwordHash !== null,
        createdAt: user.createdAt.toISOString(),
      },
      token: token
        ? {
            id: token.record.id,
            token: token.token,
            prefix: token.record.prefix,
            label: token.record.label,
            expiresAt: token.record.expiresAt?.toISOString() ?? null,
          }
        : null,
    });
  },
});
