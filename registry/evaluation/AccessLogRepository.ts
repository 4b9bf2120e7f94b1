/**
 * The evaluator's reads of the access log: search with keyset pagination, aggregates, the daily
 * figures misuse signals are computed from, and quota overruns. Read-only: nothing here writes.
 *
 * Every query is bounded by a time range on `occurred_at` (the partition key), so PostgreSQL prunes
 * the monthly partitions. Every value from a request travels as a bind parameter; the only text
 * spliced into SQL is the fixed table alias below. The query builders are exported so the benchmark
 * can time and EXPLAIN exactly the SQL the routes run.
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import type { AccessOutcome } from '../../drizzle/schema/log.ts';
import { rowsOf } from '../repositories/rows.ts';
import type { TimeRange } from './range.ts';

/** What a view of the log is narrowed by. Every field but the range is optional. */
export interface LogFilter {
  range: TimeRange;
  clientId?: string;
  /** The subgraphs of the asked agency (`subgraph_names && …`); empty: the agency has none, nothing matches. */
  subgraphs?: readonly string[];
  graph?: string;
  /** Every one must be among the record's coordinates. */
  coordinates?: readonly string[];
  /** Any of these. */
  outcomes?: readonly AccessOutcome[];
  operationName?: string;
  operationHash?: string;
  /** A lookup hash (`hashForLookup`) the record's `lookup_hashes` must hold. */
  lookupHash?: string;
}

/** Where a page starts: strictly older than this record (newest first). */
export interface Cursor {
  /** `occurred_at` as PostgreSQL printed it in UTC with microseconds: exact, unlike a JS Date. */
  at: string;
  seq: number;
}

export interface LogRow {
  seq: number;
  occurredAt: Date;
  cursorAt: string;
  requestId: string;
  clientId: string | null;
  clientName: string | null;
  credentialId: string | null;
  graph: string;
  operationName: string | null;
  operationHash: string | null;
  variables: unknown;
  coordinates: string[];
  deniedCoordinates: string[];
  subgraphNames: string[];
  subgraphCalls: unknown;
  outcome: AccessOutcome;
  errorCode: string | null;
  durationMs: number;
  responseBytes: number;
  clientAddress: string;
  hash: string;
}

export interface Percentiles {
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface Totals extends Percentiles {
  requests: number;
  fieldAccesses: number;
  denied: number;
  errors: number;
  partial: number;
  unauthenticated: number;
  clients: number;
}

export interface GroupRow extends Percentiles {
  key: string | null;
  label: string | null;
  requests: number;
  fieldAccesses?: number;
  denied?: number;
  errors?: number;
  errorRate?: number;
  clients?: number;
  agency?: string | null;
  personalData?: boolean;
  classification?: string | null;
}

export interface DailyClientActivity {
  clientId: string;
  day: string;
  requests: number;
  denied: number;
  offHours: number;
}

export interface QuotaOverrun {
  clientId: string;
  day: string;
  graph: string;
  coordinate: string;
  requests: number;
  quotaPerDay: number;
}

export interface ClientName {
  id: string;
  name: string;
  organization: string;
}

export interface FieldOwner {
  coordinate: string;
  agencies: string[];
  personalData: boolean;
  classification: string | null;
}

// ---------------------------------------------------------------------------------------------
// SQL builders

/** `array[$1, $2]::text[]`: each value a bind parameter. */
export function textArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * WIB wall-clock time of a record. Asia/Jakarta has been UTC+7 without daylight saving since 1964, so
 * the fixed offset is exact, independent of the session's TimeZone, and measured ~2.7× cheaper per
 * row than looking the named zone up (bench/evaluation.bench.ts).
 */
const wibTime = sql`(l.occurred_at at time zone interval '+07:00')`;
/** The WIB calendar day of a record: group by this date (cheap to sort), print it with `dayText`. */
const wibDay = sql`${wibTime}::date`;
const dayText = (column: SQL) => sql`to_char(${column}::timestamp, 'YYYY-MM-DD')`;
/** 22:00–05:00 WIB. */
const offHours = sql`(${wibTime}::time >= time '22:00' or ${wibTime}::time < time '05:00')`;
const served = sql`l.outcome in ('ok', 'partial')`;
const percentilesOf = (expression: SQL) => sql`percentile_cont(array[0.5, 0.95, 0.99]) within group (order by ${expression})`;

/** The conditions of a filter on `access_log l`, always starting with the time range. */
export function whereOf(filter: LogFilter): SQL {
  const conditions: SQL[] = [
    sql`l.occurred_at >= ${filter.range.from.toISOString()}::timestamptz`,
    sql`l.occurred_at < ${filter.range.to.toISOString()}::timestamptz`,
  ];
  if (filter.clientId !== undefined) conditions.push(sql`l.client_id = ${filter.clientId}::uuid`);
  if (filter.subgraphs !== undefined) {
    conditions.push(filter.subgraphs.length === 0 ? sql`false` : sql`l.subgraph_names && ${textArray(filter.subgraphs)}`);
  }
  if (filter.graph !== undefined) conditions.push(sql`l.graph = ${filter.graph}`);
  if (filter.coordinates !== undefined && filter.coordinates.length > 0) {
    conditions.push(sql`l.coordinates @> ${textArray(filter.coordinates)}`);
  }
  if (filter.outcomes !== undefined && filter.outcomes.length > 0) {
    conditions.push(sql`l.outcome in (${sql.join(
      filter.outcomes.map((outcome) => sql`${outcome}::access_outcome`),
      sql`, `,
    )})`);
  }
  if (filter.operationName !== undefined) conditions.push(sql`l.operation_name = ${filter.operationName}`);
  if (filter.operationHash !== undefined) conditions.push(sql`l.operation_hash = ${filter.operationHash}`);
  if (filter.lookupHash !== undefined) conditions.push(sql`l.lookup_hashes @> ${textArray([filter.lookupHash])}`);
  return sql.join(conditions, sql` and `);
}

/** One page, newest first, keyset on (occurred_at, seq); one row more than `limit` tells a next page exists. */
export function searchSql(filter: LogFilter, limit: number, after: Cursor | null): SQL {
  const keyset = after === null ? sql`` : sql` and (l.occurred_at, l.seq) < (${after.at}::timestamptz, ${after.seq}::bigint)`;
  return sql`
    with page as (
      select l.seq, l.occurred_at,
             to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
             l.request_id, l.client_id, l.credential_id, l.graph, l.operation_name, l.operation_hash,
             l.variables, l.coordinates, l.denied_coordinates, l.subgraph_names, l.subgraph_calls,
             l.outcome, l.error_code, l.duration_ms, l.response_bytes, l.client_address, l.hash
      from access_log l
      where ${whereOf(filter)}${keyset}
      order by l.occurred_at desc, l.seq desc
      limit ${limit + 1}
    )
    select page.*, c.name as client_name
    from page left join clients c on c.id = page.client_id
    order by page.occurred_at desc, page.seq desc`;
}

/** How many records match, counting no further than `cap + 1`. */
export function countUpToSql(filter: LogFilter, cap: number): SQL {
  return sql`select count(*) as n from (select 1 from access_log l where ${whereOf(filter)} limit ${cap + 1}) as capped`;
}

const requestMetrics = sql`
  count(*) as requests,
  coalesce(sum(cardinality(l.coordinates)) filter (where ${served}), 0) as field_accesses,
  count(*) filter (where l.outcome = 'denied') as denied,
  count(*) filter (where l.outcome = 'error') as errors,
  count(*) filter (where l.outcome = 'partial') as partial,
  count(*) filter (where l.outcome = 'unauthenticated') as unauthenticated,
  count(distinct l.client_id) as clients,
  ${percentilesOf(sql`l.duration_ms`)} as p`;

export function totalsSql(filter: LogFilter): SQL {
  return sql`select ${requestMetrics} from access_log l where ${whereOf(filter)}`;
}

export function groupSql(group: 'client' | 'day' | 'operation' | 'agency' | 'field' | 'subgraph', filter: LogFilter, limit: number): SQL {
  const where = whereOf(filter);
  switch (group) {
    case 'client':
      return sql`
        select g.*, g.client_id::text as key, c.name as label, c.organization
        from (
          select l.client_id, ${requestMetrics}
          from access_log l where ${where}
          group by l.client_id
          order by requests desc
          limit ${limit}
        ) as g left join clients c on c.id = g.client_id
        order by g.requests desc, key`;
    case 'day':
      // Days are never cut by `limit`: a range holds at most 367 of them.
      return sql`
        select ${dayText(sql`g.day`)} as key, null as label, g.*
        from (
          select ${wibDay} as day, ${requestMetrics}
          from access_log l where ${where}
          group by 1
        ) as g
        order by g.day`;
    case 'operation':
      return sql`
        select l.operation_hash as key, max(l.operation_name) as label, ${requestMetrics}
        from access_log l where ${where}
        group by l.operation_hash
        order by requests desc, key
        limit ${limit}`;
    case 'subgraph':
      // The calls as the gateway records them: `[{ subgraph, status, durationMs, error? }]`.
      return sql`
        select call.subgraph as key, null as label,
               count(*) as requests,
               count(*) filter (where call.status >= 400 or call.error is not null) as errors,
               ${percentilesOf(sql`call."durationMs"`)} as p
        from access_log l
        cross join lateral jsonb_to_recordset(l.subgraph_calls) as call(subgraph text, status numeric, "durationMs" float8, error text)
        where ${where} and jsonb_typeof(l.subgraph_calls) = 'array' and call.subgraph is not null
        group by call.subgraph
        order by requests desc, key
        limit ${limit}`;
    case 'field':
      // One scan: the coordinates served (ok, partial) and those refused, each with its request's
      // client; counted per (field, client) first so the distinct clients come from a hash aggregate.
      return sql`
        with per_client as (
          select u.coordinate, l.client_id, u.refused, count(*) as n
          from access_log l
          cross join lateral (
            select c, false from unnest(l.coordinates) as c where ${served}
            union all
            select c, true from unnest(l.denied_coordinates) as c
          ) as u(coordinate, refused)
          where ${where}
          group by u.coordinate, l.client_id, u.refused
        )
        select coordinate as key, null as label,
               coalesce(sum(n) filter (where not refused), 0) as requests,
               coalesce(sum(n) filter (where not refused), 0) as field_accesses,
               coalesce(sum(n) filter (where refused), 0) as denied,
               count(*) filter (where not refused and client_id is not null) as clients
        from per_client
        group by coordinate
        order by coalesce(sum(n), 0) desc, key
        limit ${limit}`;
    case 'agency':
      // Requests, errors and latency: the records whose gateway called the agency's subgraphs
      // (`subgraph_names`, as the search filter; an agency with several subgraphs counts a request once
      // per subgraph called — the design has one subgraph per agency). Field accesses and denied
      // requests: coordinates the agency's subgraphs declare (`field_metadata`), so refused requests,
      // which call nothing, count too. Hash joins on small tables; no per-row subquery but for the
      // (rare) refused records.
      return sql`
        with owners as (
          select s.name as subgraph, s.agency_id from subgraphs s
        ), field_owners as (
          select distinct fm.coordinate, s.agency_id
          from field_metadata fm join subgraphs s on s.id = fm.subgraph_id
        ), called as (
          select o.agency_id, count(*) as requests,
                 count(*) filter (where l.outcome = 'error') as errors,
                 count(distinct l.client_id) as clients,
                 ${percentilesOf(sql`l.duration_ms`)} as p
          from access_log l
          cross join unnest(l.subgraph_names) as n(name)
          join owners o on o.subgraph = n.name
          where ${where}
          group by o.agency_id
        ), fields as (
          select fo.agency_id, count(*) as field_accesses
          from access_log l cross join unnest(l.coordinates) as u(coordinate)
          join field_owners fo on fo.coordinate = u.coordinate
          where ${where} and ${served}
          group by fo.agency_id
        ), refused as (
          select ag.agency_id, count(*) as denied
          from access_log l
          cross join lateral (
            select distinct fo.agency_id from unnest(l.denied_coordinates) as u(coordinate) join field_owners fo on fo.coordinate = u.coordinate
          ) as ag
          where ${where} and cardinality(l.denied_coordinates) > 0
          group by ag.agency_id
        )
        select a.slug as key, a.name as label,
               coalesce(called.requests, 0) as requests, coalesce(fields.field_accesses, 0) as field_accesses,
               coalesce(refused.denied, 0) as denied, coalesce(called.errors, 0) as errors,
               coalesce(called.clients, 0) as clients, called.p
        from agencies a
        left join called on called.agency_id = a.id
        left join fields on fields.agency_id = a.id
        left join refused on refused.agency_id = a.id
        where called.agency_id is not null or fields.agency_id is not null or refused.agency_id is not null
        order by requests desc, key
        limit ${limit}`;
  }
}

/** Per client and WIB day: requests, denied requests, requests between 22:00 and 05:00 WIB. */
export function dailyClientActivitySql(range: TimeRange, clientId?: string): SQL {
  const client = clientId === undefined ? sql`` : sql` and l.client_id = ${clientId}::uuid`;
  return sql`
    select g.client_id::text as client_id, ${dayText(sql`g.day`)} as day, g.requests, g.denied, g.off_hours
    from (
      select l.client_id, ${wibDay} as day,
             count(*) as requests,
             count(*) filter (where l.outcome = 'denied') as denied,
             count(*) filter (where ${offHours}) as off_hours
      from access_log l
      where l.occurred_at >= ${range.from.toISOString()}::timestamptz
        and l.occurred_at < ${range.to.toISOString()}::timestamptz
        and l.client_id is not null${client}
      group by l.client_id, 2
    ) as g`;
}

/**
 * Served requests per client, graph, granted field and WIB day that went over the grant's
 * `quota_per_day`, counting only the part of the day inside the grant's period.
 */
export function quotaOverrunsSql(range: TimeRange, clientId?: string): SQL {
  const client = clientId === undefined ? sql`` : sql` and g.client_id = ${clientId}::uuid`;
  return sql`
    with quotas as (
      select g.id, g.client_id, gr.name as graph, g.coordinate, g.quota_per_day,
             greatest(g.starts_at, ${range.from.toISOString()}::timestamptz) as starts,
             least(g.ends_at, coalesce(g.revoked_at, g.ends_at), ${range.to.toISOString()}::timestamptz) as ends
      from grants g join graphs gr on gr.id = g.graph_id
      where g.quota_per_day is not null
        and g.starts_at < ${range.to.toISOString()}::timestamptz
        and g.ends_at > ${range.from.toISOString()}::timestamptz${client}
    )
    select q.client_id::text as client_id, ${dayText(wibDay)} as day, q.graph, q.coordinate,
           max(q.quota_per_day) as quota_per_day, count(*) as requests
    from quotas q
    join access_log l
      on l.client_id = q.client_id and l.graph = q.graph and l.coordinates @> array[q.coordinate]
     and l.occurred_at >= q.starts and l.occurred_at < q.ends
    where l.occurred_at >= ${range.from.toISOString()}::timestamptz
      and l.occurred_at < ${range.to.toISOString()}::timestamptz
      and ${served}
    group by q.id, q.client_id, 2, q.graph, q.coordinate
    having count(*) > max(q.quota_per_day)`;
}

// ---------------------------------------------------------------------------------------------

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const round1 = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);

function percentilesFrom(value: unknown): Percentiles {
  let list: unknown[] | null = null;
  if (Array.isArray(value)) list = value;
  else if (typeof value === 'string' && value.startsWith('{')) list = value.slice(1, -1).split(',').map((part) => (part === 'NULL' ? null : part));
  return { p50Ms: round1(list?.[0]), p95Ms: round1(list?.[1]), p99Ms: round1(list?.[2]) };
}

function textList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('{')) {
    // A text[] PostgreSQL printed: our values (coordinates, names, hex) need no unquoting beyond "".
    const inner = value.slice(1, -1);
    return inner === '' ? [] : inner.split(',').map((part) => part.replace(/^"(.*)"$/, '$1'));
  }
  return [];
}

function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * Memory for the sorts and hashes of one aggregate query (PostgreSQL's default 4 MB spills a month of
 * durations to disk for the percentiles). Set per transaction, for the evaluator's few heavy queries only.
 */
export const AGGREGATE_WORK_MEM = '64MB';

export class AccessLogRepository {
  constructor(private readonly db: Executor) {}

  private async aggregate(query: SQL): Promise<Record<string, unknown>[]> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local work_mem = '${AGGREGATE_WORK_MEM}'`));
      return rowsOf<Record<string, unknown>>(await tx.execute(query));
    });
  }

  /** The names of the subgraphs an agency (by slug) owns; empty when the agency or its subgraphs do not exist. */
  async subgraphsOfAgency(slug: string): Promise<string[]> {
    const rows = rowsOf<{ name: string }>(
      await this.db.execute(sql`select s.name from subgraphs s join agencies a on a.id = s.agency_id where a.slug = ${slug} order by s.name`),
    );
    return rows.map((row) => row.name);
  }

  async search(filter: LogFilter, limit: number, after: Cursor | null): Promise<{ rows: LogRow[]; more: boolean }> {
    const rows = rowsOf<Record<string, unknown>>(await this.db.execute(searchSql(filter, limit, after))).map(toLogRow);
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  async countUpTo(filter: LogFilter, cap: number): Promise<number> {
    const [row] = rowsOf<{ n: unknown }>(await this.db.execute(countUpToSql(filter, cap)));
    return num(row?.n);
  }

  async totals(filter: LogFilter): Promise<Totals> {
    const [row] = await this.aggregate(totalsSql(filter));
    return {
      requests: num(row?.['requests']),
      fieldAccesses: num(row?.['field_accesses']),
      denied: num(row?.['denied']),
      errors: num(row?.['errors']),
      partial: num(row?.['partial']),
      unauthenticated: num(row?.['unauthenticated']),
      clients: num(row?.['clients']),
      ...percentilesFrom(row?.['p']),
    };
  }

  async groups(group: 'client' | 'day' | 'operation' | 'agency' | 'field' | 'subgraph', filter: LogFilter, limit: number): Promise<GroupRow[]> {
    const rows = await this.aggregate(groupSql(group, filter, limit));
    return rows.map((row) => {
      const out: GroupRow = {
        key: row['key'] === null || row['key'] === undefined ? null : String(row['key']),
        label: row['label'] === null || row['label'] === undefined ? null : String(row['label']),
        requests: num(row['requests']),
        ...percentilesFrom(row['p']),
      };
      if (group === 'client' && typeof row['organization'] === 'string' && row['organization'] !== '') {
        out.label = `${out.label ?? ''} (${row['organization']})`;
      }
      if ('field_accesses' in row) out.fieldAccesses = num(row['field_accesses']);
      if ('denied' in row) out.denied = num(row['denied']);
      if ('errors' in row) out.errors = num(row['errors']);
      if ('clients' in row) out.clients = num(row['clients']);
      if (group === 'subgraph') out.errorRate = out.requests === 0 ? 0 : Math.round(((out.errors ?? 0) / out.requests) * 10_000) / 10_000;
      return out;
    });
  }

  /** Who owns each coordinate (agency slugs), and whether any owner marks it personal data. */
  async fieldOwners(coordinates: readonly string[]): Promise<FieldOwner[]> {
    if (coordinates.length === 0) return [];
    const rows = rowsOf<Record<string, unknown>>(
      await this.db.execute(sql`
        select fm.coordinate, array_agg(distinct a.slug order by a.slug) as agencies,
               bool_or(fm.personal_data) as personal_data, max(fm.classification::text) as classification
        from field_metadata fm join subgraphs s on s.id = fm.subgraph_id join agencies a on a.id = s.agency_id
        where fm.coordinate = any(${textArray(coordinates)})
        group by fm.coordinate`),
    );
    return rows.map((row) => ({
      coordinate: String(row['coordinate']),
      agencies: textList(row['agencies']),
      personalData: row['personal_data'] === true || row['personal_data'] === 't',
      classification: row['classification'] === null || row['classification'] === undefined ? null : String(row['classification']),
    }));
  }

  async dailyClientActivity(range: TimeRange, clientId?: string): Promise<DailyClientActivity[]> {
    const rows = await this.aggregate(dailyClientActivitySql(range, clientId));
    return rows.map((row) => ({
      clientId: String(row['client_id']),
      day: String(row['day']),
      requests: num(row['requests']),
      denied: num(row['denied']),
      offHours: num(row['off_hours']),
    }));
  }

  async quotaOverruns(range: TimeRange, clientId?: string): Promise<QuotaOverrun[]> {
    const rows = await this.aggregate(quotaOverrunsSql(range, clientId));
    return rows.map((row) => ({
      clientId: String(row['client_id']),
      day: String(row['day']),
      graph: String(row['graph']),
      coordinate: String(row['coordinate']),
      requests: num(row['requests']),
      quotaPerDay: num(row['quota_per_day']),
    }));
  }

  async clientNames(ids: readonly string[]): Promise<ClientName[]> {
    if (ids.length === 0) return [];
    const rows = rowsOf<{ id: string; name: string; organization: string }>(
      await this.db.execute(sql`select id::text as id, name, organization from clients where id::text = any(${textArray(ids)})`),
    );
    return rows.map((row) => ({ id: row.id, name: row.name, organization: row.organization }));
  }
}

function toLogRow(row: Record<string, unknown>): LogRow {
  const text = (key: string): string | null => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  return {
    seq: num(row['seq']),
    occurredAt: new Date(String(row['occurred_at'])),
    cursorAt: String(row['cursor_at']),
    requestId: String(row['request_id']),
    clientId: text('client_id'),
    clientName: text('client_name'),
    credentialId: text('credential_id'),
    graph: String(row['graph'] ?? ''),
    operationName: text('operation_name'),
    operationHash: text('operation_hash'),
    variables: jsonValue(row['variables']),
    coordinates: textList(row['coordinates']),
    deniedCoordinates: textList(row['denied_coordinates']),
    subgraphNames: textList(row['subgraph_names']),
    subgraphCalls: jsonValue(row['subgraph_calls']),
    outcome: String(row['outcome']) as AccessOutcome,
    errorCode: text('error_code'),
    durationMs: num(row['duration_ms']),
    responseBytes: num(row['response_bytes']),
    clientAddress: String(row['client_address'] ?? ''),
    hash: String(row['hash']),
  };
}
