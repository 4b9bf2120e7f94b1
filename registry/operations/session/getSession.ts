/** GET /v1/session — the console's signed-in user and the session's CSRF token; 401 when there is no usable session. */
import { ErrorCode, fail } from '../../../lib/errors.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { sessionBody, sessionView } from './sessionView.ts';

export const getSession = defineOperation({
  summary: 'Sesi konsol saat ini (the current console session)',
  tags: ['session'],
  schema: { response: { 200: sessionView } },
  async handle(_deps, { actor, request, httpReply }) {
    const session = request.consoleSession;
    if (!session) {
      return fail(ErrorCode.UNAUTHENTICATED, {
        id: 'Permintaan ini tidak membawa sesi konsol (token API tidak membuka sesi). Masuk lewat POST /v1/session.',
        en: 'This request carries no console session (an API token opens none). Sign in with POST /v1/session.',
      });
    }
    httpReply.header('cache-control', 'no-store');
    return reply(
      200,
      sessionBody(
        { id: actor.userId, name: actor.name, email: session.email, role: actor.role, agencyId: actor.agencyId, agencySlug: session.agencySlug },
        session.secret,
      ),
    );
  },
});
