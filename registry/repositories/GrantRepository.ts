import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../drizzle/database.ts';
import {
  agencies,
  clients,
  graphs,
  grants,
  users,
} from '../../drizzle/schema/index.ts';
import type { Grant, NewGrant } from '../../drizzle/schema/index.ts';
import type { ConditionSet } from '../../lib/grantConditions/conditions.ts';
import type { AccessScope } from '../access/scope.ts';
import { scopeCondition } from './scopeCondition.ts';

export type GrantState = 'scheduled' | 'active' | 'expired' | 'revoked';

export interface GrantView {
  id: string;
  requestId: string;
  coordinate: string;
  graph: string;
  client: { id: string; name: string };
  agency: { id: string; slug: string; name: string };
  startsAt: Date;
  endsAt: Date;
  quotaPerDay: number | null;
  /** The approval's and the publisher's condition sets on this field (all must hold). */
  conditions: ConditionSet[];
  grantedBy: { id: string; name: string };
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: { id: string; name: string } | null;
  revokeReason: string | null;
  state: GrantState;
}

export function grantState(grant: Pick<Grant, 'startsAt' | 'endsAt' | 'revokedAt'>, at: Date): GrantState {
  if (grant.revokedAt) return 'revoked';
  if (grant.endsAt.getTime() <= at.getTime()) return 'expired';
  if (grant.startsAt.getTime() > at.getTime()) return 'scheduled';
  return 'active';
}

export interface GrantFilter {
  requestIds?: readonly string[];
  clientId?: string;
  graph?: string;
  /** Leave out revoked and ended grants. */
  currentOnly?: boolean;
}

const revoker = alias(users, 'revoker');

/** Grants (pemberian akses), scoped: a requester its clients', a publisher its agency's. */
export class GrantRepository {
  constructor(
    private readonly db: Executor,
    private readonly scope: AccessScope,
  ) {}

  /** A publisher sees its agency's grants. */
  private visible(): SQL | undefined {
    return scopeCondition(this.scope, (agencyId) => eq(grants.agencyId, agencyId));
  }

  async insertMany(values: readonly NewGrant[]): Promise<Grant[]> {
    if (values.length === 0) return [];
    const scope = this.scope;
    if (scope.kind === 'agency' && values.some((value) => value.agencyId !== scope.agencyId)) {
      throw new Error('grant insert outside the caller agency scope');
    }
    return this.db
      .insert(grants)
      .values([...values])
      .returning();
  }

  /** The grant whatever the scope: lets an operation tell "no such grant" from "not yours". */
  async findAny(id: string): Promise<Grant | null> {
    const [row] = await this.db.select().from(grants).where(eq(grants.id, id));
    return row ?? null;
  }

  async lock(id: string): Promise<Grant | null> {
    const [row] = await this.db.select().from(grants).where(eq(grants.id, id)).for('update');
    return row ?? null;
  }

  /** Marks the grant revoked; null when it does not exist, is outside the scope, or was revoked already. */
  async revoke(id: string, values: { at: Date; by: string; reason: string }): Promise<Grant | null> {
    const [row] = await this.db
      .update(grants)
      .set({ revokedAt: values.at, revokedBy: values.by, revokeReason: values.reason })
      .where(
        and(
          eq(grants.id, id),
          isNull(grants.revokedAt),
          this.scope.kind === 'agency' ? eq(grants.agencyId, this.scope.agencyId) : undefined,
        ),
      )
      .returning();
    return row ?? null;
  }

  /** Whether the client holds a grant that is not revoked and has not ended (active or scheduled). */
  async hasCurrentGrant(clientId: string, at: Date): Promise<boolean> {
    const [row] = await this.db
      .select({ id: grants.id })
      .from(grants)
      .where(and(eq(grants.clientId, clientId), isNull(grants.revokedAt), gt(grants.endsAt, at)))
      .limit(1);
    return row !== undefined;
  }

  async list(filter: GrantFilter, at: Date): Promise<GrantView[]> {
    if (filter.requestIds && filter.requestIds.length === 0) return [];
    const rows = await this.db
      .select({
        grant: grants,
        graph: graphs.name,
        clientName: clients.name,
        agencySlug: agencies.slug,
        agencyName: agencies.name,
        grantedByName: users.name,
        revokedByName: revoker.name,
      })
      .from(grants)
      .innerJoin(clients, eq(clients.id, grants.clientId))
      .innerJoin(graphs, eq(graphs.id, grants.graphId))
      .innerJoin(agencies, eq(agencies.id, grants.agencyId))
      .innerJoin(users, eq(users.id, grants.grantedBy))
      .leftJoin(revoker, eq(revoker.id, grants.revokedBy))
      .where(
        and(
          this.visible(),
          filter.requestIds ? inArray(grants.requestId, [...filter.requestIds]) : undefined,
          filter.clientId ? eq(grants.clientId, filter.clientId) : undefined,
          filter.graph ? eq(graphs.name, filter.graph) : undefined,
          filter.currentOnly ? and(isNull(grants.revokedAt), gt(grants.endsAt, at)) : undefined,
        ),
      )
      .orderBy(asc(grants.createdAt), asc(grants.coordinate), asc(agencies.slug));
    return rows.map((row) => ({
      id: row.grant.id,
      requestId: row.grant.requestId,
      coordinate: row.grant.coordinate,
      graph: row.graph,
      client: { id: row.grant.clientId, name: row.clientName },
      agency: { id: row.grant.agencyId, slug: row.agencySlug, name: row.agencyName },
      startsAt: row.grant.startsAt,
      endsAt: row.grant.endsAt,
      quotaPerDay: row.grant.quotaPerDay,
      conditions: row.grant.conditions,
      grantedBy: { id: row.grant.grantedBy, name: row.grantedByName },
      createdAt: row.grant.createdAt,
      revokedAt: row.grant.revokedAt,
      revokedBy:
        row.grant.revokedBy && row.revokedByName !== null
          ? { id: row.grant.revokedBy, name: row.revokedByName }
          : null,
      revokeReason: row.grant.revokeReason,
      state: grantState(row.grant, at),
    }));
  }
}
