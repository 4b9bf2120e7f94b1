import type { FastifyRequest } from 'fastify';
import type { UserRole } from '../../drizzle/schema/index.ts';
import { PenghubungError } from '../../lib/errors.ts';

/** Who is calling the registry: resolved from the bearer token by the authentication hook. */
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

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The caller, who must hold one of `roles`; otherwise 401 (no identity) or 403 (wrong role). */
export function requireActor(request: FastifyRequest, ...roles: UserRole[]): Actor {
  const actor = request.actor;
  if (!actor) {
    throw new PenghubungError('UNAUTHENTICATED', {
      id: 'Token API registry diperlukan: kirim header "Authorization: Bearer <token>".',
      en: 'A registry API token is required: send "Authorization: Bearer <token>".',
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
