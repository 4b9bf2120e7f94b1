import { and, desc, eq, gt, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { agencies, consoleSessions, users } from '../../drizzle/schema/index.ts';
import type { ConsoleSession, NewConsoleSession, User } from '../../drizzle/schema/index.ts';

/** An open session; administrators see it by `publicId`, never by `id` (the hash of the cookie's secret). */
export interface ActiveSession {
  id: string;
  publicId: string;
  userId: string;
  userName: string;
  userEmail: string;
  role: User['role'];
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string;
  userAgent: string;
}

export interface SessionOwner {
  session: ConsoleSession;
  user: Pick<User, 'id' | 'name' | 'email' | 'role' | 'agencyId' | 'disabled'>;
  agencySlug: string | null;
}

/** Console sign-in sessions, stored under the SHA-256 of their secret (registry/session/sessions.ts). */
export class SessionRepository {
  constructor(private readonly db: Executor) {}

  async create(values: NewConsoleSession): Promise<ConsoleSession> {
    const [row] = await this.db.insert(consoleSessions).values(values).returning();
    if (!row) throw new Error('console session insert returned nothing');
    return row;
  }

  /** The session with this id and its user, whatever their state (the caller decides). */
  async findWithOwner(id: string): Promise<SessionOwner | null> {
    const [row] = await this.db
      .select({
        session: consoleSessions,
        user: { id: users.id, name: users.name, email: users.email, role: users.role, agencyId: users.agencyId, disabled: users.disabled },
        agencySlug: agencies.slug,
      })
      .from(consoleSessions)
      .innerJoin(users, eq(users.id, consoleSessions.userId))
      .leftJoin(agencies, eq(agencies.id, users.agencyId))
      .where(eq(consoleSessions.id, id));
    return row ?? null;
  }

  /**
   * Moves `last_seen_at` to `at`, only while the session is still open, not revoked, and was last seen
   * after `idleSince`: a session that ran idle (or was revoked meanwhile) stays ended even when two
   * requests race. False when nothing was updated.
   */
  async touch(id: string, at: Date, idleSince: Date): Promise<boolean> {
    const rows = await this.db
      .update(consoleSessions)
      .set({ lastSeenAt: at })
      .where(
        and(
          eq(consoleSessions.id, id),
          isNull(consoleSessions.revokedAt),
          gt(consoleSessions.lastSeenAt, idleSince),
          gt(consoleSessions.expiresAt, at),
        ),
      )
      .returning({ id: consoleSessions.id });
    return rows.length > 0;
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(consoleSessions)
      .set({ revokedAt: at })
      .where(and(eq(consoleSessions.id, id), isNull(consoleSessions.revokedAt)))
      .returning({ id: consoleSessions.id });
    return rows.length > 0;
  }

  /**
   * Deletes a user's sessions that ended before `before` (revoked then, or past their absolute end):
   * kept a while for the administrator's view, not forever. Sign-ins themselves stay on the trail.
   */
  async pruneEnded(userId: string, before: Date): Promise<number> {
    const rows = await this.db
      .delete(consoleSessions)
      .where(
        and(
          eq(consoleSessions.userId, userId),
          or(and(isNotNull(consoleSessions.revokedAt), lt(consoleSessions.revokedAt, before)), lt(consoleSessions.expiresAt, before)),
        ),
      )
      .returning({ id: consoleSessions.id });
    return rows.length;
  }

  /**
   * Sessions still usable at `now`: not revoked, before their absolute end, seen after `idleSince`, of
   * an enabled user. Most recently used first.
   */
  async listActive(now: Date, idleSince: Date): Promise<ActiveSession[]> {
    return this.db
      .select({
        id: consoleSessions.id,
        publicId: consoleSessions.publicId,
        userId: users.id,
        userName: users.name,
        userEmail: users.email,
        role: users.role,
        createdAt: consoleSessions.createdAt,
        lastSeenAt: consoleSessions.lastSeenAt,
        expiresAt: consoleSessions.expiresAt,
        ip: consoleSessions.ip,
        userAgent: consoleSessions.userAgent,
      })
      .from(consoleSessions)
      .innerJoin(users, eq(users.id, consoleSessions.userId))
      .where(
        and(
          isNull(consoleSessions.revokedAt),
          gt(consoleSessions.expiresAt, now),
          gt(consoleSessions.lastSeenAt, idleSince),
          eq(users.disabled, false),
        ),
      )
      .orderBy(desc(consoleSessions.lastSeenAt));
  }

  async findByPublicId(publicId: string): Promise<ConsoleSession | null> {
    const [row] = await this.db.select().from(consoleSessions).where(eq(consoleSessions.publicId, publicId));
    return row ?? null;
  }

  /** Revokes every open session of a user, except `keep` (the session that changed its own password). */
  async revokeAllOf(userId: string, at: Date, keep?: string): Promise<number> {
    const rows = await this.db
      .update(consoleSessions)
      .set({ revokedAt: at })
      .where(
        and(
          eq(consoleSessions.userId, userId),
          isNull(consoleSessions.revokedAt),
          keep === undefined ? undefined : ne(consoleSessions.id, keep),
        ),
      )
      .returning({ id: consoleSessions.id });
    return rows.length;
  }
}
