/**
 * Administrators end another user's console session: revoked at once (the next request with its cookie
 * is 401), on the trail with who ended whose session and why. The session is named by its public id;
 * the hash of its secret never leaves the registry.
 */
import type { Executor } from '../../drizzle/database.ts';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import type { Actor } from '../http/actor.ts';
import { SessionRepository } from '../repositories/SessionRepository.ts';
import { UserRepository } from '../repositories/UserRepository.ts';
import { recordTrail } from '../trail/recordTrail.ts';

export interface EndedSession {
  publicId: string;
  userId: string;
  endedAt: Date;
}

/** `idleSince`: a session last used before then has already ended by idling. */
export async function endSession(
  tx: Executor,
  actor: Actor,
  publicId: string,
  reason: string,
  at: Date,
  idleSince: Date,
): Promise<Result<EndedSession>> {
  const sessions = new SessionRepository(tx);
  const session = await sessions.findByPublicId(publicId);
  if (!session) return fail(ErrorCode.NOT_FOUND, { id: 'Sesi tidak ada.', en: 'No such session.' });
  const ended = session.expiresAt.getTime() <= at.getTime() || session.lastSeenAt.getTime() <= idleSince.getTime();
  if (ended || !(await sessions.revoke(session.id, at))) {
    return fail(ErrorCode.CONFLICT, { id: 'Sesi ini sudah berakhir.', en: 'This session has already ended.' });
  }
  const owner = await new UserRepository(tx).findById(session.userId);
  await recordTrail(tx, {
    actor,
    action: 'session.ended',
    subjectType: 'console_session',
    subjectId: publicId,
    agencyId: owner?.agencyId ?? null,
    reason,
    before: { revokedAt: null },
    after: {
      userId: session.userId,
      email: owner?.email ?? null,
      signedInAt: session.createdAt.toISOString(),
      ip: session.ip,
      revokedAt: at.toISOString(),
    },
  });
  return ok({ publicId, userId: session.userId, endedAt: at });
}
