/**
 * DELETE /v1/session — signs out: the session ends in the registry and the cookie is cleared. With a
 * live session the CSRF header is required (as for every change); a session that already ended is
 * simply cleared, so signing out always succeeds.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { signOut as endSession } from '../../session/consoleSessions.ts';
import { clearSessionCookie } from '../../session/sessions.ts';

export const signOut = defineOperation({
  summary: 'Keluar dari konsol (sign out)',
  tags: ['session'],
  authenticated: false,
  errors: [403],
  schema: { response: { 204: z.null().describe('Tanpa isi (no content)') } },
  async handle(deps, { request, httpReply }) {
    if (request.consoleSession) await endSession(deps, request.consoleSession.id);
    clearSessionCookie(httpReply, deps.session.settings);
    return reply(204, null);
  },
});
