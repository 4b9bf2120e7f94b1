import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './agencies.ts';

/**
 * Console sign-in sessions. The browser holds a random secret in an HttpOnly cookie; only its SHA-256
 * is stored here (as the id), so a copy of the database opens no session. A session ends when it is
 * signed out or revoked (the user disabled, the password changed or reset), after an idle time since
 * `last_seen_at`, and at `expires_at` whatever its use. User agent and address are kept for the
 * administrator's view of who signed in from where.
 */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    id: text('id').primaryKey(),
    /** Names the session to administrators (list, end) without revealing the hash of its secret. */
    publicId: uuid('public_id').notNull().defaultRandom().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    userAgent: text('user_agent').notNull().default(''),
    ip: text('ip').notNull().default(''),
  },
  (t) => [index('console_sessions_user_idx').on(t.userId)],
);

export type ConsoleSession = typeof consoleSessions.$inferSelect;
export type NewConsoleSession = typeof consoleSessions.$inferInsert;

/** What a sign-in failure count is kept for: an e-mail address, or the client address it came from. */
export const signInCountScopes = ['email', 'ip'] as const;
export type SignInCountScope = (typeof signInCountScopes)[number];

/**
 * Sign-in attempts per e-mail address and per client address within a fixed window, shared by every
 * registry process on the database (registry/session/signInLimiter.ts): a second process or a restart
 * gives a guesser no fresh count. A row whose window has ended counts as none; such rows are deleted by
 * later attempts.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    scope: text('scope', { enum: signInCountScopes }).notNull(),
    subject: text('subject').notNull(),
    attempts: integer('attempts').notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.subject] }), index('sign_in_attempts_window_idx').on(t.windowEndsAt)],
);
