import { boolean, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Perangkat Daerah: a government agency that owns APIs behind the bus. */
export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  contact: text('contact').notNull().default(''),
  /**
   * Where this agency's subgraphs may route (set by an administrator): each entry is a host
   * (`disdukcapil.pacitan.go.id`, `10.2.0.15:4202`) or a URL prefix (`https://api.pacitan.go.id/dinkes/`).
   * Null: not yet restricted (a publish is accepted with a warning in its check report).
   */
  routingUrlPrefixes: text('routing_url_prefixes').array(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Tema: the subject under which the service directory groups API functions. */
export const themes = pgTable('themes', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const userRoles = ['administrator', 'publisher', 'requester', 'evaluator'] as const;
export type UserRole = (typeof userRoles)[number];
export const userRole = pgEnum('user_role', userRoles);

/**
 * A person or pipeline acting on the registry. A publisher always belongs to an agency; a requester may
 * belong to one (another PD) or to an external body named in `organization`.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    role: userRole('role').notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'restrict' }),
    organization: text('organization').notNull().default(''),
    disabled: boolean('disabled').notNull().default(false),
    /**
     * argon2id hash (PHC string) of the console sign-in password; null for accounts that use registry
     * tokens only (pipelines, the CLI), which cannot sign in to the console.
     */
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_agency_idx').on(t.agencyId)],
);

/** Registry API tokens of users; only the SHA-256 of the secret is stored. */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull().default(''),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('user_tokens_user_idx').on(t.userId)],
);

export type Agency = typeof agencies.$inferSelect;
export type NewAgency = typeof agencies.$inferInsert;
export type Theme = typeof themes.$inferSelect;
export type NewTheme = typeof themes.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type UserToken = typeof userTokens.$inferSelect;
