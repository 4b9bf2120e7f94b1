/**
 * Creating users and issuing or revoking their registry tokens: shared by the admin operations and
 * the bootstrap, always inside the caller's transaction and always trail-recorded. The token itself
 * is returned once and never stored or recorded (only its prefix and the SHA-256 of its secret).
 */
import type { Executor } from '../../drizzle/database.ts';
import type { User, UserRole, UserToken } from '../../drizzle/schema/index.ts';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import type { Actor } from '../http/actor.ts';
import { AgencyRepository } from '../repositories/AgencyRepository.ts';
import { SessionRepository } from '../repositories/SessionRepository.ts';
import { UserRepository } from '../repositories/UserRepository.ts';
import { generateToken, type TokenKey } from '../tokens.ts';
import { recordTrail } from '../trail/recordTrail.ts';

export interface NewUserInput {
  name: string;
  email: string;
  role: UserRole;
  /** Agency slug: required for publishers, optional for requesters (another PD), ignored otherwise. */
  agency?: string | undefined;
  organization?: string | undefined;
  /** argon2id hash of the console password, when the account gets one (registry/session/passwords.ts). */
  password?: { hash: string; at: Date } | undefined;
}

export interface IssuedUserToken {
  token: string;
  record: UserToken;
}

export async function createUser(tx: Executor, actor: Actor, input: NewUserInput): Promise<Result<User>> {
  let agencyId: string | null = null;
  if (input.agency !== undefined) {
    const agency = await new AgencyRepository(tx).findBySlug(input.agency);
    if (!agency) {
      return fail(
        ErrorCode.VALIDATION_FAILED,
        { id: `PD '${input.agency}' tidak dikenal.`, en: `Unknown agency '${input.agency}'.` },
        { field: 'agency' },
      );
    }
    agencyId = agency.id;
  }
  if (input.role === 'publisher' && agencyId === null) {
    return fail(
      ErrorCode.VALIDATION_FAILED,
      {
        id: 'Publisher harus terhubung ke sebuah PD (agency).',
        en: 'A publisher must belong to an agency (agency).',
      },
      { field: 'agency' },
    );
  }
  const users = new UserRepository(tx);
  const user = await users.create({
    name: input.name,
    email: input.email.toLowerCase(),
    role: input.role,
    agencyId,
    organization: input.organization ?? '',
    ...(input.password === undefined ? {} : { passwordHash: input.password.hash, passwordChangedAt: input.password.at }),
  });
  if (!user) {
    return fail(
      ErrorCode.CONFLICT,
      {
        id: `Alamat surel ${input.email} sudah terdaftar.`,
        en: `E-mail address ${input.email} is already registered.`,
      },
      { field: 'email' },
    );
  }
  await recordTrail(tx, {
    actor,
    action: 'user.created',
    subjectType: 'user',
    subjectId: user.id,
    agencyId: user.agencyId,
    after: {
      name: user.name,
      email: user.email,
      role: user.role,
      agencyId: user.agencyId,
      organization: user.organization,
      // Whether it may sign in to the console; the hash itself never goes on the trail.
      hasPassword: user.passwordHash !== null,
    },
  });
  return ok(user);
}

export async function issueUserToken(
  tx: Executor,
  actor: Actor,
  user: Pick<User, 'id' | 'agencyId'>,
  options: { label?: string | undefined; expiresAt?: Date | null | undefined; tokenKey?: TokenKey | undefined } = {},
): Promise<IssuedUserToken> {
  // Hashed under the registry's active token key when the installation has one (registry/tokens.ts).
  const generated = generateToken(options.tokenKey);
  const record = await new UserRepository(tx).createToken({
    userId: user.id,
    label: options.label ?? '',
    prefix: generated.prefix,
    secretHash: generated.secretHash,
    expiresAt: options.expiresAt ?? null,
  });
  await recordTrail(tx, {
    actor,
    action: 'token.issued',
    subjectType: 'user_token',
    subjectId: record.id,
    agencyId: user.agencyId,
    after: { userId: user.id, prefix: record.prefix, label: record.label, expiresAt: record.expiresAt },
  });
  return { token: generated.token, record };
}

export async function revokeUserToken(
  tx: Executor,
  actor: Actor,
  tokenId: string,
  reason: string,
  at: Date,
): Promise<Result<UserToken>> {
  const users = new UserRepository(tx);
  const revoked = await users.revokeToken(tokenId, at);
  if (!revoked) {
    const existing = await users.findTokenById(tokenId);
    return existing
      ? fail(ErrorCode.CONFLICT, { id: 'Token ini sudah dicabut.', en: 'This token is already revoked.' })
      : fail(ErrorCode.NOT_FOUND, { id: 'Token tidak ada.', en: 'No such token.' });
  }
  const owner = await users.findById(revoked.userId);
  await recordTrail(tx, {
    actor,
    action: 'token.revoked',
    subjectType: 'user_token',
    subjectId: revoked.id,
    agencyId: owner?.agencyId ?? null,
    reason,
    before: { revokedAt: null },
    after: { userId: revoked.userId, prefix: revoked.prefix, revokedAt: revoked.revokedAt },
  });
  return ok(revoked);
}

/**
 * Disables a user: every token of theirs is refused from the next request on, and every console
 * session of theirs ends (a re-enabled user signs in again). The last enabled
 * administrator cannot be disabled, so an installation never locks itself out.
 */
export async function disableUser(tx: Executor, actor: Actor, userId: string, reason: string, at: Date): Promise<Result<User>> {
  const users = new UserRepository(tx);
  const existing = await users.findById(userId);
  if (!existing) return fail(ErrorCode.NOT_FOUND, { id: 'Pengguna tidak ada.', en: 'No such user.' });
  if (existing.disabled) {
    return fail(ErrorCode.CONFLICT, { id: 'Pengguna ini sudah dinonaktifkan.', en: 'This user is already disabled.' });
  }
  if (existing.role === 'administrator') {
    const enabledAdministrators = (await users.listWithAgency()).filter(
      (user) => user.role === 'administrator' && !user.disabled,
    );
    if (enabledAdministrators.length <= 1) {
      return fail(ErrorCode.CONFLICT, {
        id: 'Administrator terakhir yang aktif tidak dapat dinonaktifkan.',
        en: 'The last enabled administrator cannot be disabled.',
      });
    }
  }
  const disabled = await users.disable(userId);
  if (!disabled) return fail(ErrorCode.CONFLICT, { id: 'Pengguna ini sudah dinonaktifkan.', en: 'This user is already disabled.' });
  const sessionsEnded = await new SessionRepository(tx).revokeAllOf(userId, at);
  await recordTrail(tx, {
    actor,
    action: 'user.disabled',
    subjectType: 'user',
    subjectId: disabled.id,
    agencyId: disabled.agencyId,
    reason,
    before: { disabled: false },
    after: { email: disabled.email, role: disabled.role, disabled: true, sessionsEnded },
  });
  return ok(disabled);
}

/** Enables a disabled user again: its tokens not revoked or expired work again; sessions ended stay ended. */
export async function enableUser(tx: Executor, actor: Actor, userId: string, reason: string): Promise<Result<User>> {
  const users = new UserRepository(tx);
  const enabled = await users.enable(userId);
  if (!enabled) {
    return (await users.findById(userId))
      ? fail(ErrorCode.CONFLICT, { id: 'Pengguna ini tidak sedang nonaktif.', en: 'This user is not disabled.' })
      : fail(ErrorCode.NOT_FOUND, { id: 'Pengguna tidak ada.', en: 'No such user.' });
  }
  await recordTrail(tx, {
    actor,
    action: 'user.enabled',
    subjectType: 'user',
    subjectId: enabled.id,
    agencyId: enabled.agencyId,
    reason,
    before: { disabled: true },
    after: { email: enabled.email, role: enabled.role, disabled: false },
  });
  return ok(enabled);
}

/**
 * An administrator sets a user's console password (a reset, or a first one for a token-only account):
 * every session of the user ends. The password itself is never stored or recorded, only its hash.
 */
export async function resetUserPassword(
  tx: Executor,
  actor: Actor,
  userId: string,
  passwordHash: string,
  at: Date,
  reason: string,
): Promise<Result<User>> {
  const users = new UserRepository(tx);
  const before = await users.findById(userId);
  if (!before) return fail(ErrorCode.NOT_FOUND, { id: 'Pengguna tidak ada.', en: 'No such user.' });
  const updated = await users.setPasswordHash(userId, passwordHash, at);
  if (!updated) return fail(ErrorCode.NOT_FOUND, { id: 'Pengguna tidak ada.', en: 'No such user.' });
  const sessionsEnded = await new SessionRepository(tx).revokeAllOf(userId, at);
  await recordTrail(tx, {
    actor,
    action: 'user.password_reset',
    subjectType: 'user',
    subjectId: updated.id,
    agencyId: updated.agencyId,
    reason,
    before: { hasPassword: before.passwordHash !== null },
    after: { email: updated.email, passwordChangedAt: at.toISOString(), sessionsEnded },
  });
  return ok(updated);
}
