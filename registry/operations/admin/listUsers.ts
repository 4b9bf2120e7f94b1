/** GET /v1/admin/users — an administrator lists every user, with its agency and whether it is disabled. */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { UserRepository } from '../../repositories/UserRepository.ts';
import { userView } from './createUser.ts';

export const listedUserView = userView
  .extend({ agency: z.string().nullable().describe('Slug PD'), disabled: z.boolean() })
  .meta({ id: 'ListedUser' });

export const listUsers = defineOperation({
  summary: 'Daftar pengguna (list users)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403],
  schema: { response: { 200: z.object({ users: z.array(listedUserView) }).meta({ id: 'UserList' }) } },
  async handle(deps) {
    const users = await new UserRepository(deps.database.db).listWithAgency();
    return reply(200, {
      users: users.map((user) => ({
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        agencyId: user.agencyId,
        agency: user.agencySlug,
        organization: user.organization,
        hasPassword: user.passwordHash !== null,
        disabled: user.disabled,
        createdAt: user.createdAt.toISOString(),
      })),
    });
  },
});
