import { and, eq, gt, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { agencies, consoleSessions, users } from '../../drizzle/schema/index.ts';
import type { ConsoleSession, NewConsoleSession, User } from '../../drizzle/schema/index.ts';

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
