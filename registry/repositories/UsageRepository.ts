import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { accessLog, agencies, clients, fieldMetadata, graphs, grants, subgraphs, users } from '../../drizzle/schema/index.ts';
import { rowsOf } from '../../drizzle/rows.ts';
import { strictestClassification } from './classificationSql.ts';

/** An active grant on a field: someone who would lose access if the field changed incompatibly. */
export interface ActiveGrant {
  coordinate: string;
  graph: string;
  clientId: string;
  client: string;
  organization: string;
  requester: string;
  endsAt: Date;
}

/** Recent successful use of a field by one client (null: unauthenticated or unknown client). */
export interface FieldTraffic {
  coordinate: string;
  clientId: string | null;
  client: string | null;
  requests: number;
  lastSeenAt: Date;
}

/** A field an agency's subgraphs define, with the classification it is published under. */
export interface AgencyField {
  coordinate: string;
  classification: string;
  personalData: boolean;
  description: string;
}

interface TrafficRow {
  coordinate: string;
  client_id: string | null;
  client: string | null;
  requests: number | string;
  last_seen_at: string | Date;
}

export function textArray(values: readonly string[]) {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * Who uses which fields: active grants (not revoked, inside their period) and traffic in the access
 * log. Read by the protected-field check of a publish and by the service directory.
 */
export class UsageRepository {
  constructor(private readonly db: Executor) {}

  async activeGrants(coordinates: readonly string[] | null, at: Date): Promise<ActiveGrant[]> {
    if (coordinates !== null && coordinates.length === 0) return [];
    return this.db
      .select({
        coordinate: grants.coordinate,
        graph: graphs.name,
        clientId: clients.id,
        client: clients.name,
        organization: clients.organization,
        requester: users.name,
        endsAt: grants.endsAt,
      })
      .from(grants)
      .innerJoin(clients, eq(clients.id, grants.clientId))
      .innerJoin(graphs, eq(graphs.id, grants.graphId))
      .innerJoin(users, eq(users.id, clients.requesterId))
      .where(
        and(
          coordinates === null ? undefined : inArray(grants.coordinate, [...coordinates]),
          isNull(grants.revokedAt),
          lte(grants.startsAt, at),
          gt(grants.endsAt, at),
        ),
      )
      .orderBy(asc(grants.coordinate), asc(clients.name));
  }

  /**
   * Successful requests (ok, partial) since `since` that touched any of `coordinates`, per field and
   * client; only those to `graph` when given.
   */
  async traffic(coordinates: readonly string[], since: Date, graph?: string): Promise<FieldTraffic[]> {
    if (coordinates.length === 0) return [];
    const wanted = textArray(coordinates);
    const rows = await this.db.execute(sql`
      select used.coordinate, log.client_id, ${clients.name} as client,
             count(*)::int as requests, max(log.occurred_at) as last_seen_at
      from ${accessLog} as log
      cross join lateral unnest(log.coordinates) as used(coordinate)
      left join ${clients} on ${clients.id} = log.client_id
      where log.occurred_at >= ${since.toISOString()}::timestamptz
        and log.outcome in ('ok', 'partial')
        ${graph === undefined ? sql`` : sql`and log.graph = ${graph}`}
        and log.coordinates && ${wanted}
        and used.coordinate = any(${wanted})
      group by used.coordinate, log.client_id, ${clients.name}
      order by used.coordinate, requests desc`);
    return rowsOf<TrafficRow>(rows).map((row) => ({
      coordinate: row.coordinate,
      clientId: row.client_id,
      client: row.client,
      requests: Number(row.requests),
      lastSeenAt: new Date(row.last_seen_at),
    }));
  }

  /**
   * The fields an agency's subgraphs define (field metadata of every subgraph it owns, retired ones
   * included: their fields may still be in the log), one row per coordinate with its strictest
   * classification.
   */
  async agencyFields(agencyId: string): Promise<AgencyField[]> {
    const rows = await this.db
      .select({
        coordinate: fieldMetadata.coordinate,
        classification: strictestClassification(fieldMetadata.classification).mapWith(String),
        personalData: sql<boolean>`bool_or(${fieldMetadata.personalData})`,
        description: sql<string>`max(${fieldMetadata.description})`,
      })
      .from(fieldMetadata)
      .innerJoin(subgraphs, eq(subgraphs.id, fieldMetadata.subgraphId))
      .innerJoin(agencies, eq(agencies.id, subgraphs.agencyId))
      .where(eq(agencies.id, agencyId))
      .groupBy(fieldMetadata.coordinate)
      .orderBy(asc(fieldMetadata.coordinate));
    return rows.map((row) => ({ ...row, personalData: row.personalData === true || String(row.personalData) === 't' }));
  }

}
