import type { FastifyRequest } from 'fastify';
import type { UserRole } from '../../drizzle/schema/index.ts';
import { PenghubungError } from '../../lib/errors.ts';

/**
 * Who is calling the registry: resolved by the authentication hook from the bearer token or, without
 * one, from the console's session cookie.
 */
export interface Actor {
  userId: string;
  name: string;
  role: UserRole;
  /** The agency a publisher (or an agency's requester) belongs to. */
  agencyId: string | null;
}

/** The system itself, for steps no person took (the demo seed, scheduled checkpoints). */
export const systemActor: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  name: 'sistem',
  role: 'administrator',
  agencyId: null,
};

/** The console session a request was authenticated by (null for bearer tokens and anonymous calls). */
export interface RequestSession {
  id: string;
  /** The cookie's secret: the CSRF token is derived from it. */
  secret: string;
  email: string;
  agencySlug: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    consoleSession: RequestSession | null;
    /** The request carried a session cookie that names no usable session (ended, revoked, unknown). */
    sessionEnded: boolean;
  }
}

/** The caller, who must hold one of `roles`; otherwise 401 (no identity) or 403 (wrong role). */
export function requireActor(request: FastifyRequest, ...roles: UserRole[]): Actor {
  const actor = request.actor;
  if (!actor) {
    if (request.sessionEnded) {
      throw new PenghubungError('UNAUTHENTICATED', {
        id: 'Sesi Anda telah berakhir atau dicabut: masuk kembali.',
        en: 'Your session has ended or was revoked: sign in again.',
      });
    }
    throw new PenghubungError('UNAUTHENTICATED', {
      id: 'Perlu masuk: masuk ke konsol, atau kirim header "Authorization: Bearer <token>" dengan token API registry.',
      en: 'Sign-in required: sign in to the console, or send "Authorization: Bearer <token>" with a registry API token.',
    });
  }
  if (roles.length > 0 && !roles.includes(actor.role)) {
    throw new PenghubungError('FORBIDDEN', {
      id: `Peran ${actor.role} tidak berwenang untuk tindakan ini (perlu: ${roles.join(', ')}).`,
      en: `Role ${actor.role} may not do this (requires: ${roles.join(', ')}).`,
    });
  }
  return actor;
}
