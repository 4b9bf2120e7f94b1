/**
 * GET /v1/admin/sessions — an administrator sees who is signed in to the console: user, role, when the
 * session started, was last used and ends, and from which address and browser. Never its secret or the
 * hash the registry keeps of it.
 */
import { z } from 'zod';
import { userRoles } from '../../../drizzle/schema/index.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { SessionRepository } from '../../repositories/SessionRepository.ts';

const sessionView = z
  .object({
    id: z.string().describe('Id publik sesi (bukan rahasia cookie)'),
    userId: z.string(),
    userName: z.string(),
    userEmail: z.string(),
    role: z.enum(userRoles),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string().describe('Akhir mutlak; sesi juga berakhir bila tidak dipakai selama batas diam'),
    idleExpiresAt: z.string().describe('Kapan sesi berakhir bila tidak dipakai lagi'),
    ip: z.string(),
    userAgent: z.string(),
    current: z.boolean().describe('Sesi permintaan ini sendiri'),
  })
  .meta({ id: 'ConsoleSessionView' });

export const listSessions = defineOperation({
  summary: 'Daftar sesi konsol yang aktif (list active console sessions)',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403],
  schema: { response: { 200: z.object({ sessions: z.array(sessionView) }).meta({ id: 'ConsoleSessionList' }) } },
  async handle(deps, { request }) {
    const now = deps.now();
    const idleMs = deps.session.settings.idleMinutes * 60_000;
    const sessions = await new SessionRepository(deps.database.db).listActive(now, new Date(now.getTime() - idleMs));
    return reply(200, {
      sessions: sessions.map((session) => ({
        id: session.publicId,
        userId: session.userId,
        userName: session.userName,
        userEmail: session.userEmail,
        role: session.role,
        createdAt: session.createdAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        idleExpiresAt: new Date(Math.min(session.lastSeenAt.getTime() + idleMs, session.expiresAt.getTime())).toISOString(),
        ip: session.ip,
        userAgent: session.userAgent,
        current: session.id === request.consoleSession?.id,
      })),
    });
  },
});
