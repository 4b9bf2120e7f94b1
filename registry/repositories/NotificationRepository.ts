import { and, asc, count, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import {
  accessRequestItems,
  accessRequests,
  agencies,
  clients,
  graphs,
  notificationOutbox,
  users,
} from '../../drizzle/schema/index.ts';
import type {
  NewNotificationOutboxRow,
  NotificationOutboxRow,
  NotificationStatus,
  UserRole,
} from '../../drizzle/schema/index.ts';

export interface Recipient {
  userId: string;
  name: string;
  email: string;
}

/** What a notification about an access request says of it, read in the transaction that changed it. */
export interface AccessRequestSubject {
  id: string;
  status: string;
  graph: string;
  client: string;
  organization: string;
  purpose: string;
  createdBy: string;
  /** Slugs and names of the agencies owning the requested fields. */
  owners: { id: string; slug: string; name: string }[];
}

/**
 * The notification outbox (drizzle/schema/notifications.ts): rows written with the state change they
 * announce, claimed and settled by the notification worker, listed for administrators.
 */
export class NotificationRepository {
  constructor(private readonly db: Executor) {}

  /** Active users of `role`, of one of `agencyIds` when given. */
  async recipients(role: UserRole, agencyIds?: readonly string[]): Promise<Recipient[]> {
    if (agencyIds !== undefined && agencyIds.length === 0) return [];
    return this.db
      .select({ userId: users.id, name: users.name, email: users.email })
      .from(users)
      .where(
        and(
          eq(users.role, role),
          eq(users.disabled, false),
          ...(agencyIds === undefined ? [] : [inArray(users.agencyId, [...agencyIds])]),
        ),
      )
      .orderBy(asc(users.email));
  }

  async recipient(userId: string): Promise<Recipient | null> {
    const [row] = await this.db
      .select({ userId: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.disabled, false)));
    return row ?? null;
  }

  async agency(id: string): Promise<{ id: string; slug: string; name: string } | null> {
    const [row] = await this.db
      .select({ id: agencies.id, slug: agencies.slug, name: agencies.name })
      .from(agencies)
      .where(eq(agencies.id, id));
    return row ?? null;
  }

  async agencies(ids: readonly string[]): Promise<{ id: string; slug: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: agencies.id, slug: agencies.slug, name: agencies.name })
      .from(agencies)
      .where(inArray(agencies.id, [...ids]))
      .orderBy(asc(agencies.slug));
  }

  async accessRequest(id: string): Promise<AccessRequestSubject | null> {
    const [row] = await this.db
      .select({
        id: accessRequests.id,
        status: accessRequests.status,
        graph: graphs.name,
        client: clients.name,
        organization: clients.organization,
        purpose: accessRequests.purpose,
        createdBy: accessRequests.createdBy,
      })
      .from(accessRequests)
      .innerJoin(graphs, eq(graphs.id, accessRequests.graphId))
      .innerJoin(clients, eq(clients.id, accessRequests.clientId))
      .where(eq(accessRequests.id, id));
    if (!row) return null;
    const owners = await this.db
      .selectDistinct({ id: agencies.id, slug: agencies.slug, name: agencies.name })
      .from(accessRequestItems)
      .innerJoin(agencies, eq(agencies.id, accessRequestItems.agencyId))
      .where(eq(accessRequestItems.requestId, id))
      .orderBy(asc(agencies.slug));
    return { ...row, owners };
  }

  async insert(rows: NewNotificationOutboxRow[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(notificationOutbox).values(rows);
  }

  /**
   * Takes up to `limit` due rows for one attempt each: counts the attempt and moves the row's due
   * time to `leaseUntil`, so another worker (or this one after a crash) takes it again only once the
   * lease ran out. `skip locked` lets several registry processes claim side by side.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<NotificationOutboxRow[]> {
    const due = this.db
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.status, 'pending'), lte(notificationOutbox.nextAttemptAt, now)))
      .orderBy(asc(notificationOutbox.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return this.db
      .update(notificationOutbox)
      .set({ attempts: sql`${notificationOutbox.attempts} + 1`, nextAttemptAt: leaseUntil })
      .where(inArray(notificationOutbox.id, due))
      .returning();
  }

  async settle(
    id: string,
    outcome:
      | { status: 'delivered'; at: Date }
      | { status: 'pending'; nextAttemptAt: Date; error: string }
      | { status: 'failed' | 'skipped'; error: string },
  ): Promise<void> {
    const values =
      outcome.status === 'delivered'
        ? { status: outcome.status, deliveredAt: outcome.at, lastError: null }
        : outcome.status === 'pending'
          ? { status: outcome.status, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error }
          : { status: outcome.status, lastError: outcome.error };
    await this.db.update(notificationOutbox).set(values).where(eq(notificationOutbox.id, id));
  }

  /** A claimed row given back unattempted (its attempt was cut short by a stop): due again now. */
  async release(id: string, error: string): Promise<void> {
    await this.db
      .update(notificationOutbox)
      .set({ attempts: sql`greatest(${notificationOutbox.attempts} - 1, 0)`, nextAttemptAt: sql`now()`, lastError: error })
      .where(and(eq(notificationOutbox.id, id), eq(notificationOutbox.status, 'pending')));
  }

  /** Deletes delivered and skipped rows of events before `before`; failed and pending rows stay. */
  async prune(before: Date): Promise<number> {
    const rows = await this.db
      .delete(notificationOutbox)
      .where(and(inArray(notificationOutbox.status, ['delivered', 'skipped']), lt(notificationOutbox.occurredAt, before)))
      .returning({ id: notificationOutbox.id });
    return rows.length;
  }

  /** A failed row due again now, with a fresh count of attempts; false unless it was failed. */
  async retry(id: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(notificationOutbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
      .where(and(eq(notificationOutbox.id, id), eq(notificationOutbox.status, 'failed')))
      .returning({ id: notificationOutbox.id });
    return rows.length > 0;
  }

  async list(filter: { status?: NotificationStatus | undefined; limit: number; offset: number }): Promise<{
    rows: NotificationOutboxRow[];
    total: number;
  }> {
    const where = filter.status === undefined ? undefined : eq(notificationOutbox.status, filter.status);
    const rows = await this.db
      .select()
      .from(notificationOutbox)
      .where(where)
      .orderBy(desc(notificationOutbox.occurredAt), asc(notificationOutbox.id))
      .limit(filter.limit)
      .offset(filter.offset);
    const [total] = await this.db.select({ n: count() }).from(notificationOutbox).where(where);
    return { rows, total: total?.n ?? 0 };
  }
}
