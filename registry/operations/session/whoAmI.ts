/** GET /v1/me — who the token belongs to (the CLI uses it to check a token). */
import { z } from 'zod';
import { userRoles } from '../../../drizzle/schema/index.ts';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';

export const whoAmI = defineOperation({
  summary: 'Identitas pemilik token (who am I)',
  tags: ['session'],
  schema: {
    response: {
      200: z
        .object({
          userId: z.string(),
          name: z.string(),
          role: z.enum(userRoles),
          agencyId: z.string().nullable(),
        })
        .meta({ id: 'Me' }),
    },
  },
  async handle(_deps, { request }) {
    const actor = requireActor(request);
    return reply(200, { userId: actor.userId, name: actor.name, role: actor.role, agencyId: actor.agencyId });
  },
});
