import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The administrative trail: every publish, approval, rejection, grant, decline, revocation and
 * credential change, with actor and reason. Written in the same transaction as the change it records,
 * hash-chained like the access log, and never cascade-deleted: the actor is kept by id and name
 * rather than by foreign key.
 */
export const adminTrail = pgTable(
  'admin_trail',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    agencyId: uuid('agency_id'),
    reason: text('reason').notNull().default(''),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('admin_trail_subject_idx').on(t.subjectType, t.subjectId),
    index('admin_trail_time_idx').on(t.occurredAt),
    index('admin_trail_actor_idx').on(t.actorId),
  ],
);

export type AdminTrailRecord = typeof adminTrail.$inferSelect;
export type NewAdminTrailRecord = typeof adminTrail.$inferInsert;
