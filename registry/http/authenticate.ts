/**
 * Resolves `Authorization: Bearer phr_<prefix>_<secret>` into `request.actor`. A header that does not
 * name a usable token (malformed, unknown, expired, revoked, or its user disabled) is refused at once
 * with 401, without saying which of these it was.
 *
 * Without the header, the console's session cookie resolves the same `Actor`; a request that changes
 * something (any method but GET, HEAD, OPTIONS) must then carry the session's CSRF token in
 * `x-csrf-token`, or it is refused with 403 CSRF_INVALID before anything else happens. A cookie naming
 * no usable session leaves the request anonymous, marked `sessionEnded`, so an operation that needs a
 * caller answers 401 "your session has ended". Sign-in itself (POST /v1/session) ignores any cookie:
 * it starts a new session.
 *
 * Neither: the request continues anonymously (`actor` null) and each operation decides with `requireActor`.
 *
 * Routes configured `WITHOUT_AUTHENTICATION` (the console's pages and files) are served to anyone
 * and skip all of this: a browser sends the session cookie with every asset, and looking the
 * session up for each would cost a database query per file. The app asks GET /v1/session itself.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode, PenghubungError } from '../../lib/errors.ts';
import { bearerToken } from '../../lib/bearer.ts';
import type { RegistryDeps } from '../deps.ts';
import { UserRepository } from '../repositories/UserRepository.ts';
import { resolveSession } from '../session/consoleSessions.ts';
import { CSRF_HEADER, csrfMatches, isUnsafeMethod, SESSION_COOKIE, sessionSecretOf } from '../session/sessions.ts';
import { tokenHashes } from '../tokens.ts';
import type { Actor } from './actor.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route serves everyone alike and needs no caller (see WITHOUT_AUTHENTICATION). */
    authenticate?: boolean;
  }
}

/** Route `config` of a route that serves everyone alike: no token or session is looked up for it. */
export const WITHOUT_AUTHENTICATION = { authenticate: false } as const;

/** `last_used_at` is refreshed at most this often per token. */
const TOUCH_INTERVAL_MS = 60_000;

function invalidToken(): PenghubungError {
  return new PenghubungError(ErrorCode.UNAUTHENTICATED, {
    id: 'Token API registry tidak valid, kedaluwarsa, atau telah dicabut.',
    en: 'The registry API token is invalid, expired or revoked.',
  });
}

export async function resolveActor(deps: RegistryDeps, header: string | undefined): Promise<Actor | null> {
  if (header === undefined || header.trim() === '') return null;
  const token = bearerToken(header);
  if (!token) throw invalidToken();
  // Under every registry token key not revoked (a rotation keeps tokens valid), and the plain hash.
  const parsed = tokenHashes(token, deps.config.registryTokenKeys?.());
  if (!parsed) throw invalidToken();
  const repository = new UserRepository(deps.database.db);
  const owner = await repository.findTokenOwnerByHashes(parsed.candidates);
  const now = deps.now();
  if (
    !owner ||
    owner.token.prefix !== parsed.prefix ||
    owner.token.revokedAt !== null ||
    (owner.token.expiresAt !== null && owner.token.expiresAt.getTime() <= now.getTime()) ||
    owner.user.disabled
  ) {
    throw invalidToken();
  }
  // Found under an older key (or the plain hash): stored under the active key from now on.
  if (owner.secretHash !== parsed.preferredHash) await repository.rehashToken(owner.token.id, owner.secretHash, parsed.preferredHash);
  if (
    owner.token.lastUsedAt === null ||
    now.getTime() - owner.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS
  ) {
    await repository.touchToken(owner.token.id, now, TOUCH_INTERVAL_MS);
  }
  return {
    userId: owner.user.id,
    name: owner.user.name,
    role: owner.user.role,
    agencyId: owner.user.agencyId,
  };
}

/** The sign-in route: it starts a session, whatever cookie the browser still holds. */
export const SIGN_IN_ROUTE = { method: 'POST', url: '/v1/session' } as const;

function csrfInvalid(): PenghubungError {
  return new PenghubungError(ErrorCode.CSRF_INVALID, {
    id: `Header ${CSRF_HEADER} tidak ada atau tidak cocok dengan sesi ini. Muat ulang halaman konsol lalu ulangi.`,
    en: `The ${CSRF_HEADER} header is missing or does not match this session. Reload the console page and try again.`,
  });
}

export function registerAuthentication(app: FastifyInstance, deps: RegistryDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('consoleSession', null);
  app.decorateRequest('sessionEnded', false);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.routeOptions.config.authenticate === false) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined && authorization.trim() !== '') {
      request.actor = await resolveActor(deps, authorization);
      return;
    }
    if (request.cookies?.[SESSION_COOKIE] === undefined) return;
    if (request.method === SIGN_IN_ROUTE.method && request.routeOptions.url === SIGN_IN_ROUTE.url) return;
    const secret = sessionSecretOf(request);
    const resolved = secret === null ? null : await resolveSession(deps, secret);
    if (!resolved) {
      request.sessionEnded = true;
      return;
    }
    if (isUnsafeMethod(request.method) && !csrfMatches(resolved.session.secret, request.headers[CSRF_HEADER])) throw csrfInvalid();
    request.actor = resolved.actor;
    request.consoleSession = resolved.session;
  });
}
