import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { accessLog, agencies, clients, fieldMetadata, graphs, grants, subgraphs, users } from '../../drizzle/schema/index.ts';
import { rowsOf } from '../../drizzle/rows.ts';

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

/** One client's use of one field of an agency in a time range: answered requests and refusals. */
export interface ClientFieldUsage {
  coordinate: string;
  graph: string;
  clientId: string | null;
  client: string | null;
  organization: string | null;
  /** Requests answered (ok or partial) that selected the field. */
  requests: number;
  lastAccessAt: Date | null;
  /** Requests in which the field was refused (no grant, a condition failed, quota). */
  refusals: number;
  lastRefusalAt: Date | null;
}

/** A field an agency's subgraphs define, with the classification it is published under. */
export interface AgencyField {
  coordinate: string;
  classification: string;
  personalData: boolean;
  description: string;
}

interface ClientFieldUsageRow {
  coordinate: string;
  graph: string;
  client_id: string | null;
  client: string | null;
  organization: string | null;
  requests: number | string;
  last_access_at: string | Date | null;
  refusals: number | string;
  last_refusal_at: string | Date | null;
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
        classification: sql<string>`max(${fieldMetadata.classification})::text`,
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

  /**
   * Who used which of `coordinates` in `[from, to)`: per field, graph and client, the answered
   * requests that selected it and the requests in which it was refused, with the last of each.
   * Read from the log itself (the range prunes its monthly partitions; the GIN indexes find the rows).
   */
  async clientFieldUsage(coordinates: readonly string[], from: Date, to: Date): Promise<ClientFieldUsage[]> {
    if (coordinates.length === 0) return [];
    const wanted = textArray(coordinates);
    const rows = await this.db.execute(sql`
      select used.coordinate, log.graph, log.client_id::text as client_id,
             ${clients.name} as client, ${clients.organization} as organization,
             count(*) filter (where not used.refused and log.outcome in ('ok', 'partial'))::int as requests,
             max(log.occurred_at) filter (where not used.refused and log.outcome in ('ok', 'partial')) as last_access_at,
             count(*) filter (where used.refused)::int as refusals,
             max(log.occurred_at) filter (where used.refused) as last_refusal_at
      from ${accessLog} as log
      cross join lateral (
        select selected as coordinate, false as refused from unnest(log.coordinates) as selected
        union all
        select denied, true from unnest(log.denied_coordinates) as denied
      ) as used
      left join ${clients} on ${clients.id} = log.client_id
      where log.occurred_at >= ${from.toISOString()}::timestamptz
        and log.occurred_at < ${to.toISOString()}::timestamptz
        and (log.coordinates && ${wanted} or log.denied_coordinates && ${wanted})
        and used.coordinate = any(${wanted})
      group by used.coordinate, log.graph, log.client_id, ${clients.name}, ${clients.organization}
      having count(*) filter (where used.refused or log.outcome in ('ok', 'partial')) > 0
      order by used.coordinate, requests desc, refusals desc`);
    const date = (value: string | Date | null) => (value === null ? null : new Date(value));
    return rowsOf<ClientFieldUsageRow>(rows).map((row) => ({
      coordinate: row.coordinate,
      graph: row.graph,
      clientId: row.client_id,
      client: row.client,
      organization: row.organization,
      requests: Number(row.requests),
      lastAccessAt: date(row.last_access_at),
      refusals: Number(row.refusals),
      lastRefusalAt: date(row.last_refusal_at),
    }));
  }
}
