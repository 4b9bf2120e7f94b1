/**
 * Signing in to the console, finding the session of a request, signing out and changing one's own
 * password. Every answer to a failed sign-in is the same (INVALID_CREDENTIALS) and takes as long,
 * whether the address is unknown, the account has no password or is disabled, or the password is
 * wrong; failures are counted per address and per client (signInLimiter.ts), and the moment an
 * address is blocked is put on the administrative trail (each failure is not: the count is enough).
 */
import type { User } from '../../drizzle/schema/index.ts';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import type { RegistryDeps } from '../deps.ts';
import { systemActor } from '../http/actor.ts';
import type { Actor, RequestSession } from '../http/actor.ts';
import { AgencyRepository } from '../repositories/AgencyRepository.ts';
import { SessionRepository } from '../repositories/SessionRepository.ts';
import { UserRepository } from '../repositories/UserRepository.ts';
import { recordTrail } from '../trail/recordTrail.ts';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.ts';
import { newSessionSecret, sessionIdOf } from './sessions.ts';

/** `last_seen_at` is written at most this often per session (the idle limit is minutes, not seconds). */
const TOUCH_INTERVAL_MS = 30_000;
/** A user's sessions that ended longer ago than this are deleted at the user's next sign-in. */
const ENDED_SESSIONS_KEPT_MS = 30 * 86_400_000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: User['role'];
  agencyId: string | null;
  agencySlug: string | null;
}

export interface StartedSession {
  secret: string;
  user: SessionUser;
}

const invalidCredentials = () =>
  fail<never>(ErrorCode.INVALID_CREDENTIALS, {
    id: 'Alamat surel atau kata sandi salah, atau akun ini tidak dapat masuk. Periksa keduanya atau hubungi administrator.',
    en: 'Wrong e-mail address or password, or this account cannot sign in. Check both or contact the administrator.',
  });

const rateLimited = (retryAfterSeconds: number) =>
  fail<never>(
    ErrorCode.RATE_LIMITED,
    {
      id: `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${retryAfterSeconds} detik, atau minta administrator mengatur ulang kata sandi.`,
      en: `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds, or ask an administrator to reset the password.`,
    },
    { retryAfterSeconds },
  );

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function signIn(
  deps: RegistryDeps,
  input: { email: string; password: string; ip: string; userAgent: string },
): Promise<Result<StartedSession>> {
  const email = normalizeEmail(input.email);
  const attempt = await deps.session.limiter.attempt(email, input.ip);
  if (attempt.blocked) return rateLimited(attempt.retryAfterSeconds);

  const user = await new UserRepository(deps.database.db).findByEmail(email);
  // The same work whatever is wrong: a disabled account's hash is still checked.
  const matches = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyNothing(input.password);
  if (!user || !matches || user.disabled) {
    if (attempt.lastBeforeBlock) {
      const { failureWindowSeconds, maxFailuresPerEmail } = deps.session.settings;
      await deps.database.db.transaction((tx) =>
        recordTrail(tx, {
          actor: systemActor,
          action: 'session.sign_in_blocked',
          subjectType: 'sign_in',
          subjectId: email,
          agencyId: user?.agencyId ?? null,
          reason: `${maxFailuresPerEmail} kali gagal masuk; diblokir ${failureWindowSeconds} detik (${maxFailuresPerEmail} failed sign-ins; blocked for ${failureWindowSeconds} s)`,
          after: { userId: user?.id ?? null, ip: input.ip, userAgent: input.userAgent.slice(0, 300) },
        }),
      );
    }
    return invalidCredentials();
  }
  await deps.session.limiter.succeeded(email, input.ip);

  const now = deps.now();
  const { secret, id } = newSessionSecret();
  const expiresAt = new Date(now.getTime() + deps.session.settings.absoluteHours * 3_600_000);
  const agency = user.agencyId ? await new AgencyRepository(deps.database.db).findById(user.agencyId) : null;
  await deps.database.db.transaction(async (tx) => {
    await new SessionRepository(tx).pruneEnded(user.id, new Date(now.getTime() - ENDED_SESSIONS_KEPT_MS));
    await new SessionRepository(tx).create({
      id,
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: input.userAgent.slice(0, 300),
      ip: input.ip,
    });
    await recordTrail(tx, {
      actor: actorOf(user),
      action: 'session.signed_in',
      subjectType: 'user',
      subjectId: user.id,
      agencyId: user.agencyId,
      // The session id is a hash of the cookie, but it still names a live session: only its start goes here.
      after: { ip: input.ip, userAgent: input.userAgent.slice(0, 300), expiresAt: expiresAt.toISOString() },
    });
  });
  return ok({ secret, user: { id: user.id, name: user.name, email: user.email, role: user.role, agencyId: user.agencyId, agencySlug: agency?.slug ?? null } });
}

function actorOf(user: Pick<User, 'id' | 'name' | 'role' | 'agencyId'>): Actor {
  return { userId: user.id, name: user.name, role: user.role, agencyId: user.agencyId };
}

/**
 * The session a cookie's secret names, while it is usable: not revoked, its user not disabled, used
 * within the idle limit and before its absolute end. Use moves its idle limit on.
 */
export async function resolveSession(deps: RegistryDeps, secret: string): Promise<{ actor: Actor; session: RequestSession } | null> {
  const sessions = new SessionRepository(deps.database.db);
  const id = sessionIdOf(secret);
  const found = await sessions.findWithOwner(id);
  if (!found) return null;
  const now = deps.now().getTime();
  const idleMs = deps.session.settings.idleMinutes * 60_000;
  const { session, user } = found;
  if (session.revokedAt !== null || user.disabled || session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() >= idleMs) {
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // Refused when the session ended meanwhile (revoked by another request, or idle by the database's row).
    if (!(await sessions.touch(id, new Date(now), new Date(now - idleMs)))) return null;
  }
  return {
    actor: actorOf(user),
    session: { id, secret, email: user.email, agencySlug: found.agencySlug },
  };
}

export async function signOut(deps: RegistryDeps, sessionId: string): Promise<void> {
  await new SessionRepository(deps.database.db).revoke(sessionId, deps.now());
}

/**
 * A user changes their own password, giving the current one: every other session of theirs ends (the
 * one that changed it stays). A wrong current password counts as a failed sign-in of the address.
 */
export async function changeOwnPassword(
  deps: RegistryDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepSessionId: string | null; ip: string },
): Promise<Result<void>> {
  const users = new UserRepository(deps.database.db);
  const user = await users.findById(actor.userId);
  if (!user) return fail(ErrorCode.NOT_FOUND, { id: 'Pengguna tidak ada.', en: 'No such user.' });
  const attempt = await deps.session.limiter.attempt(user.email, input.ip);
  if (attempt.blocked) return rateLimited(attempt.retryAfterSeconds);
  const matches = user.passwordHash ? await verifyPassword(user.passwordHash, input.currentPassword) : await verifyNothing(input.currentPassword);
  if (!matches) {
    // Not 401: the caller is signed in, and the console answers 401 by returning to sign-in.
    return fail(
      ErrorCode.VALIDATION_FAILED,
      {
        id: 'Kata sandi saat ini salah.',
        en: 'The current password is wrong.',
      },
      { field: 'currentPassword' },
    );
  }
  await deps.session.limiter.succeeded(user.email, input.ip);
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await new UserRepository(tx).setPasswordHash(user.id, passwordHash, now);
    const ended = await new SessionRepository(tx).revokeAllOf(user.id, now, input.keepSessionId ?? undefined);
    await recordTrail(tx, {
      actor,
      action: 'user.password_changed',
      subjectType: 'user',
      subjectId: user.id,
      agencyId: user.agencyId,
      after: { passwordChangedAt: now.toISOString(), sessionsEnded: ended },
    });
  });
  return ok(undefined);
}
