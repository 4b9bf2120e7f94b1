import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './agencies.ts';

export const notificationChannels = ['webhook', 'email'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
export const notificationChannel = pgEnum('notification_channel', notificationChannels);

/**
 * `pending` until delivered; `failed` once every attempt failed (shown to administrators);
 * `skipped` when the channel is not configured at delivery time (nothing to send it to).
 */
export const notificationStatuses = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];
export const notificationStatus = pgEnum('notification_status', notificationStatuses);

/**
 * The notification outbox: one row per delivery (the webhook once per event, an e-mail once per
 * recipient), written in the same transaction as the state change it announces, so a change is never
 * committed without its notifications nor announced without being committed. The registry's
 * notification worker (registry/notifications/worker.ts) delivers due rows; `id` is the delivery id
 * a receiver uses to recognise a repeated attempt.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `access_request.submitted`, `access_request.approved`, … (registry/notifications/events.ts). */
    event: text('event').notNull(),
    channel: notificationChannel('channel').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The user an e-mail is for; null for the webhook. */
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The e-mail address at the time of the event; '' for the webhook. */
    recipient: text('recipient').notNull().default(''),
    /** The facts of the event the messages are rendered from (registry/notifications/events.ts). */
    payload: jsonb('payload').notNull(),
    status: notificationStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the row is next due; while an attempt runs, the end of its lease. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('notification_outbox_subject_idx').on(t.subjectId),
  ],
);

/** When a user last looked at one kind of inbox item (GET /v1/inbox counts what came after). */
export const inboxMarks = pgTable(
  'inbox_marks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

export type NotificationOutboxRow = typeof notificationOutbox.$inferSelect;
export type NewNotificationOutboxRow = typeof notificationOutbox.$inferInsert;
export type InboxMark = typeof inboxMarks.$inferSelect;
