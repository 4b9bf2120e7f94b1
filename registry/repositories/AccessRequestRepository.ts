import { and, asc, desc, eq, exists, inArray, notExists, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../drizzle/database.ts';
import type { AttachedConditions } from '../../lib/grantConditions/conditions.ts';
import {
  accessRequestItems,
  accessRequests,
  agencies,
  approvals,
  clients,
  grantDecisions,
  graphs,
  subgraphs,
  users,
} from '../../drizzle/schema/index.ts';
import type {
  AccessRequest,
  AccessRequestItem,
  AccessRequestItemStatus,
  AccessRequestStatus,
  Approval,
  ApprovalDecision,
  GrantDecision,
  GrantDecisionKind,
  NewAccessRequest,
  NewAccessRequestItem,
} from '../../drizzle/schema/index.ts';
import type { AccessScope } from '../access/scope.ts';
import { GrantRepository } from './GrantRepository.ts';
import { scopeCondition } from './scopeCondition.ts';
import type { GrantView } from './GrantRepository.ts';

export interface AgencyRef {
  id: string;
  slug: string;
  name: string;
}

export interface AccessRequestItemView {
  id: string;
  coordinate: string;
  agency: AgencyRef;
  subgraph: string;
  status: AccessRequestItemStatus;
}

export interface DecisionView<D> {
  decision: D;
  reason: string;
  actor: { id: string; name: string };
  decidedAt: Date;
}

export interface AccessRequestView {
  id: string;
  status: AccessRequestStatus;
  client: { id: string; name: string; organization: string };
  requester: { id: string; name: string };
  graph: string;
  purpose: string;
  legalBasis: string;
  periodStart: Date;
  periodEnd: Date;
  quotaPerDay: number | null;
  createdAt: Date;
  /** For a publisher, only its own agency's items, decision and grants. */
  items: AccessRequestItemView[];
  approval: (DecisionView<ApprovalDecision> & { conditions: AttachedConditions | null }) | null;
  agencyDecisions: (DecisionView<GrantDecisionKind> & { agency: AgencyRef })[];
  grants: GrantView[];
}

export interface AccessRequestFilter {
  status?: AccessRequestStatus;
  clientId?: string;
  /** Publisher view: approved requests on which the caller's agency has not decided yet. */
  awaitingAgencyDecision?: boolean;
}

const creator = alias(users, 'creator');

/** Access requests (permohonan akses) and the decisions on them, scoped to what the caller may see. */
export class AccessRequestRepository {
  constructor(
    private readonly db: Executor,
    private readonly scope: AccessScope,
  ) {}

  /** A publisher sees the requests with an item of its agency. */
  private visible(): SQL | undefined {
    return scopeCondition(this.scope, (agencyId) =>
      exists(
        this.db
          .select({ one: sql`1` })
          .from(accessRequestItems)
          .where(and(eq(accessRequestItems.requestId, accessRequests.id), eq(accessRequestItems.agencyId, agencyId))),
      ),
    );
  }

  /** Restricts rows that carry an agency (items, decisions) to the caller's agency for a publisher. */
  private ownAgency(
    column: typeof accessRequestItems.agencyId | typeof grantDecisions.agencyId,
  ): SQL | undefined {
    if (this.scope.kind === 'agency') return eq(column, this.scope.agencyId);
    if (this.scope.kind === 'none') return sql`false`;
    return undefined;
  }

  async insert(values: NewAccessRequest): Promise<AccessRequest> {
    const [row] = await this.db.insert(accessRequests).values(values).returning();
    if (!row) throw new Error('access request insert returned nothing');
    return row;
  }

  async insertItems(values: readonly NewAccessRequestItem[]): Promise<AccessRequestItem[]> {
    if (values.length === 0) return [];
    return this.db
      .insert(accessRequestItems)
      .values([...values])
      .returning();
  }

  /** The request whatever the scope: lets an operation tell "no such request" from "not yours". */
  async findAny(id: string): Promise<AccessRequest | null> {
    const [row] = await this.db.select().from(accessRequests).where(eq(accessRequests.id, id));
    return row ?? null;
  }

  /** Locks the request row until the transaction ends, so two decisions on it take turns. */
  async lock(id: string): Promise<AccessRequest | null> {
    const [row] = await this.db.select().from(accessRequests).where(eq(accessRequests.id, id)).for('update');
    return row ?? null;
  }

  async setStatus(id: string, status: AccessRequestStatus): Promise<void> {
    await this.db.update(accessRequests).set({ status }).where(eq(accessRequests.id, id));
  }

  /** Every item of the request, whatever the scope (the operation decides what the caller may touch). */
  async items(requestId: string): Promise<AccessRequestItem[]> {
    return this.db
      .select()
      .from(accessRequestItems)
      .where(eq(accessRequestItems.requestId, requestId))
      .orderBy(asc(accessRequestItems.coordinate), asc(accessRequestItems.agencyId));
  }

  async setItemStatus(ids: readonly string[], status: AccessRequestItemStatus): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(accessRequestItems)
      .set({ status })
      .where(inArray(accessRequestItems.id, [...ids]));
  }

  async insertApproval(values: {
    requestId: string;
    decision: ApprovalDecision;
    reason: string;
    actorId: string;
    conditions?: AttachedConditions | null;
  }): Promise<Approval> {
    const [row] = await this.db.insert(approvals).values(values).returning();
    if (!row) throw new Error('approval insert returned nothing');
    return row;
  }

  /** The conditions the administrator attached when approving the request; null when none. */
  async approvalConditions(requestId: string): Promise<AttachedConditions | null> {
    const [row] = await this.db
      .select({ conditions: approvals.conditions })
      .from(approvals)
      .where(eq(approvals.requestId, requestId));
    return row?.conditions ?? null;
  }

  async findGrantDecision(requestId: string, agencyId: string): Promise<GrantDecision | null> {
    const [row] = await this.db
      .select()
      .from(grantDecisions)
      .where(and(eq(grantDecisions.requestId, requestId), eq(grantDecisions.agencyId, agencyId)));
    return row ?? null;
  }

  async insertGrantDecision(values: {
    requestId: string;
    agencyId: string;
    decision: GrantDecisionKind;
    reason: string;
    actorId: string;
  }): Promise<GrantDecision> {
    if (this.scope.kind === 'agency' && values.agencyId !== this.scope.agencyId) {
      throw new Error('grant decision outside the caller agency scope');
    }
    const [row] = await this.db.insert(grantDecisions).values(values).returning();
    if (!row) throw new Error('grant decision insert returned nothing');
    return row;
  }

  /** The request as the caller may see it, or null when it does not exist or is not visible. */
  async view(id: string, at: Date): Promise<AccessRequestView | null> {
    const [view] = await this.views([id], at);
    return view ?? null;
  }

  async list(filter: AccessRequestFilter, at: Date): Promise<AccessRequestView[]> {
    const awaiting =
      filter.awaitingAgencyDecision && this.scope.kind === 'agency'
        ? and(
            eq(accessRequests.status, 'approved'),
            notExists(
              this.db
                .select({ one: sql`1` })
                .from(grantDecisions)
                .where(
                  and(
                    eq(grantDecisions.requestId, accessRequests.id),
                    eq(grantDecisions.agencyId, this.scope.agencyId),
                  ),
                ),
            ),
          )
        : undefined;
    const rows = await this.db
      .select({ id: accessRequests.id })
      .from(accessRequests)
      .innerJoin(clients, eq(clients.id, accessRequests.clientId))
      .where(
        and(
          this.visible(),
          filter.status ? eq(accessRequests.status, filter.status) : undefined,
          filter.clientId ? eq(accessRequests.clientId, filter.clientId) : undefined,
          awaiting,
        ),
      )
      .orderBy(desc(accessRequests.createdAt), asc(accessRequests.id));
    return this.views(
      rows.map((row) => row.id),
      at,
    );
  }

  private async views(ids: readonly string[], at: Date): Promise<AccessRequestView[]> {
    if (ids.length === 0) return [];
    const requests = await this.db
      .select({
        request: accessRequests,
        clientName: clients.name,
        clientOrganization: clients.organization,
        requesterId: clients.requesterId,
        requesterName: creator.name,
        graph: graphs.name,
      })
      .from(accessRequests)
      .innerJoin(clients, eq(clients.id, accessRequests.clientId))
      .innerJoin(creator, eq(creator.id, clients.requesterId))
      .innerJoin(graphs, eq(graphs.id, accessRequests.graphId))
      .where(and(inArray(accessRequests.id, [...ids]), this.visible()));
    if (requests.length === 0) return [];
    const visibleIds = requests.map((row) => row.request.id);

    const items = await this.db
      .select({
        item: accessRequestItems,
        agencySlug: agencies.slug,
        agencyName: agencies.name,
        subgraph: subgraphs.name,
      })
      .from(accessRequestItems)
      .innerJoin(agencies, eq(agencies.id, accessRequestItems.agencyId))
      .innerJoin(subgraphs, eq(subgraphs.id, accessRequestItems.subgraphId))
      .where(
        and(inArray(accessRequestItems.requestId, visibleIds), this.ownAgency(accessRequestItems.agencyId)),
      )
      .orderBy(asc(accessRequestItems.coordinate), asc(agencies.slug));

    const approvalRows = await this.db
      .select({ approval: approvals, actorName: users.name })
      .from(approvals)
      .innerJoin(users, eq(users.id, approvals.actorId))
      .where(inArray(approvals.requestId, visibleIds));

    const decisionRows = await this.db
      .select({
        decision: grantDecisions,
        actorName: users.name,
        agencySlug: agencies.slug,
        agencyName: agencies.name,
      })
      .from(grantDecisions)
      .innerJoin(users, eq(users.id, grantDecisions.actorId))
      .innerJoin(agencies, eq(agencies.id, grantDecisions.agencyId))
      .where(and(inArray(grantDecisions.requestId, visibleIds), this.ownAgency(grantDecisions.agencyId)))
      .orderBy(asc(grantDecisions.createdAt));

    const grantViews = await new GrantRepository(this.db, this.scope).list({ requestIds: visibleIds }, at);

    const order = new Map(ids.map((id, index) => [id, index]));
    return requests
      .sort((a, b) => (order.get(a.request.id) ?? 0) - (order.get(b.request.id) ?? 0))
      .map(({ request, ...row }) => {
        const approval = approvalRows.find((candidate) => candidate.approval.requestId === request.id);
        return {
          id: request.id,
          status: request.status,
          client: { id: request.clientId, name: row.clientName, organization: row.clientOrganization },
          requester: { id: row.requesterId, name: row.requesterName },
          graph: row.graph,
          purpose: request.purpose,
          legalBasis: request.legalBasis,
          periodStart: request.periodStart,
          periodEnd: request.periodEnd,
          quotaPerDay: request.quotaPerDay,
          createdAt: request.createdAt,
          items: items
            .filter((candidate) => candidate.item.requestId === request.id)
            .map((candidate) => ({
              id: candidate.item.id,
              coordinate: candidate.item.coordinate,
              agency: { id: candidate.item.agencyId, slug: candidate.agencySlug, name: candidate.agencyName },
              subgraph: candidate.subgraph,
              status: candidate.item.status,
            })),
          approval: approval
            ? {
                decision: approval.approval.decision,
                reason: approval.approval.reason,
                actor: { id: approval.approval.actorId, name: approval.actorName },
                decidedAt: approval.approval.createdAt,
                conditions: approval.approval.conditions ?? null,
              }
            : null,
          agencyDecisions: decisionRows
            .filter((candidate) => candidate.decision.requestId === request.id)
            .map((candidate) => ({
              agency: {
                id: candidate.decision.agencyId,
                slug: candidate.agencySlug,
                name: candidate.agencyName,
              },
              decision: candidate.decision.decision,
              reason: candidate.decision.reason,
              actor: { id: candidate.decision.actorId, name: candidate.actorName },
              decidedAt: candidate.decision.createdAt,
            })),
          grants: grantViews.filter((grant) => grant.requestId === request.id),
        };
      });
  }
}
