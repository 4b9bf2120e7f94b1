import { and, count, countDistinct, eq, exists, gt, not, arrayContains, or, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import {
  accessRequestItems,
  accessRequests,
  approvals,
  clients,
  crossAgencyChanges,
  grantDecisions,
  inboxMarks,
} from '../../drizzle/schema/index.ts';

/**
 * The counts behind GET /v1/inbox, each one indexed query: what waits for administrators, for an
 * agency's publishers, and what a requester has not seen yet.
 */
export class InboxRepository {
  constructor(private readonly db: Executor) {}

  /** Requests waiting for an administrator's approval (`access_requests_status_idx`). */
  async pendingApprovals(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(accessRequests).where(eq(accessRequests.status, 'pending'));
    return row?.n ?? 0;
  }

  /**
   * Approved requests with items of `agencyId` still undecided: an agency decides all its items at
   * once, so a pending item means its part is still open (`access_request_items_agency_idx`).
   */
  async awaitingGrant(agencyId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: countDistinct(accessRequestItems.requestId) })
      .from(accessRequestItems)
      .innerJoin(accessRequests, eq(accessRequests.id, accessRequestItems.requestId))
      .where(
        and(
          eq(accessRequestItems.agencyId, agencyId),
          eq(accessRequestItems.status, 'pending'),
          eq(accessRequests.status, 'approved'),
        ),
      );
    return row?.n ?? 0;
  }

  /** Held cross-agency changes reaching `agencyId`'s fields that it has not accepted (`cross_agency_changes_status_idx`). */
  async awaitingConsent(agencyId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(crossAgencyChanges)
      .where(
        and(
          eq(crossAgencyChanges.status, 'pending'),
          arrayContains(crossAgencyChanges.ownerAgencyIds, [agencyId]),
          not(arrayContains(crossAgencyChanges.acceptedAgencyIds, [agencyId])),
        ),
      );
    return row?.n ?? 0;
  }

  /**
   * The requester's requests with a decision (the administrator's approval or rejection, an agency's
   * grant or decline) made after `since` (`clients_requester_idx`, then the unique request keys of
   * `approvals` and `grant_decisions`).
   */
  async decidedSince(requesterId: string, since: Date | null): Promise<number> {
    const after = since ?? new Date(0);
    const [row] = await this.db
      .select({ n: count() })
      .from(accessRequests)
      .innerJoin(clients, eq(clients.id, accessRequests.clientId))
      .where(
        and(
          eq(clients.requesterId, requesterId),
          or(
            exists(
              this.db
                .select({ one: sql`1` })
                .from(approvals)
                .where(and(eq(approvals.requestId, accessRequests.id), gt(approvals.createdAt, after))),
            ),
            exists(
              this.db
                .select({ one: sql`1` })
                .from(grantDecisions)
                .where(and(eq(grantDecisions.requestId, accessRequests.id), gt(grantDecisions.createdAt, after))),
            ),
          ),
        ),
      );
    return row?.n ?? 0;
  }

  async seenAt(userId: string, kind: string): Promise<Date | null> {
    const [row] = await this.db
      .select({ seenAt: inboxMarks.seenAt })
      .from(inboxMarks)
      .where(and(eq(inboxMarks.userId, userId), eq(inboxMarks.kind, kind)));
    return row?.seenAt ?? null;
  }

  /** Marks `kind` seen now, by the database's clock: the one that stamped the decisions it is compared with. */
  async markSeen(userId: string, kind: string): Promise<void> {
    await this.db
      .insert(inboxMarks)
      .values({ userId, kind, seenAt: sql`now()` })
      .onConflictDoUpdate({ target: [inboxMarks.userId, inboxMarks.kind], set: { seenAt: sql`now()` } });
  }
}
