/**
 * Resolves `Authorization: Bearer phr_<prefix>_<secret>` into `request.actor`. No header: the request
 * continues anonymously (`actor` null) and each operation decides with `requireActor`. A header that
 * does not name a usable token (malformed, unknown, expired, revoked, or its user disabled) is refused
 * at once with 401, without saying which of these it was.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode, PenghubungError } from '../../lib/errors.ts';
import { bearerToken } from '../../lib/bearer.ts';
import type { RegistryDeps } from '../deps.ts';
import { UserRepository } from '../repositories/UserRepository.ts';
import { tokenHashes } from '../tokens.ts';
import type { Actor } from './actor.ts';

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

export function registerAuthentication(app: FastifyInstance, deps: RegistryDeps): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.actor = await resolveActor(deps, request.headers.authorization);
  });
}
