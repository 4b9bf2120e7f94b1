/**
 * POST /v1/session — a staff member signs in to the console with e-mail address and password; the
 * session travels in the `penghubung_session` cookie (HttpOnly, SameSite=Strict), the answer carries
 * the CSRF token. Any session the browser still held ends.
 */
import { z } from 'zod';
import { defineOperation, reply } from '../../http/operation.ts';
import { signIn as startSession, signOut } from '../../session/consoleSessions.ts';
import { PASSWORD_MAX_LENGTH } from '../../session/passwords.ts';
import { sessionIdOf, sessionSecretOf, setSessionCookie } from '../../session/sessions.ts';
import { sessionBody, sessionView } from './sessionView.ts';

export const signIn = defineOperation({
  summary: 'Masuk ke konsol (sign in to the console)',
  description:
    'Jawaban 401 INVALID_CREDENTIALS sama untuk alamat tak dikenal, akun nonaktif, dan kata sandi salah; ' +
    'terlalu banyak kegagalan dijawab 429 RATE_LIMITED dengan retry-after. ' +
    'The same 401 for an unknown address, a disabled account and a wrong password; too many failures get 429 with retry-after.',
  tags: ['session'],
  authenticated: false,
  errors: [401, 429],
  schema: {
    body: z
      .object({
        email: z.string().trim().min(1).max(320),
        password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
      })
      .strict()
      .meta({ id: 'SignInRequest' }),
    response: { 200: sessionView },
  },
  async handle(deps, { body, request, httpReply }) {
    const started = await startSession(deps, {
      email: body.email,
      password: body.password,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
    });
    if (!started.ok) return started;
    const previous = sessionSecretOf(request);
    if (previous !== null) await signOut(deps, sessionIdOf(previous));
    setSessionCookie(httpReply, started.value.secret, deps.session.settings);
    httpReply.header('cache-control', 'no-store');
    return reply(200, sessionBody(started.value.user, started.value.secret));
  },
});
