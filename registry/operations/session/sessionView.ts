/** The body of a signed-in session: who is signed in, and the CSRF token for requests that change something. */
import { z } from 'zod';
import { userRoles } from '../../../drizzle/schema/index.ts';
import type { SessionUser } from '../../session/consoleSessions.ts';
import { csrfTokenOf } from '../../session/sessions.ts';

export const sessionView = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(userRoles),
      agencyId: z.string().nullable(),
      agencySlug: z.string().nullable(),
    }),
    csrfToken: z.string().describe('Kirim sebagai header x-csrf-token pada setiap permintaan selain GET/HEAD'),
  })
  .meta({ id: 'Session' });

export function sessionBody(user: SessionUser, secret: string): z.input<typeof sessionView> {
  return { user, csrfToken: csrfTokenOf(secret) };
}
