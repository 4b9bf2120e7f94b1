import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
