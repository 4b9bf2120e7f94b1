/**
 * The evaluator's reads of the access log: search with keyset pagination, aggregates (from the daily
 * rollups and the log, aggregateSql.ts), the daily figures misuse signals are computed from, and quota
 * overruns. Read-only: nothing here writes.
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
import { textArray } from '../../lib/logSql.ts';
import { rolledUpSeq } from '../log/rollup.ts';
import { ErrorCode, PenghubungError } from '../../lib/errors.ts';
import { rowsOf } from '../../drizzle/rows.ts';
import { strictestClassification } from './classificationSql.ts';
import { dailyClientActivitySql, groupSql, quotaOverrunsSql, totalsSql } from '../evaluation/aggregateSql.ts';
import type { GroupBy } from '../evaluation/aggregateSql.ts';
import { histogramFrom, percentilesOf } from '../evaluation/latencyHistogram.ts';
import type { Percentiles } from '../evaluation/latencyHistogram.ts';
import { whereOf } from '../evaluation/logFilter.ts';
import type { LogFilter } from '../evaluation/logFilter.ts';
import type { TimeRange } from '../evaluation/range.ts';

export type { LogFilter } from '../evaluation/logFilter.ts';
export type { Percentiles } from '../evaluation/latencyHistogram.ts';
export { whereOf } from '../evaluation/logFilter.ts';

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
  /** The owning agencies' names, in the order of `agencies`. */
  agencyNames: string[];
  personalData: boolean;
  classification: string | null;
  /** The directory's description of the field (the longest of its owners'), '' when none. */
  description: string;
}

/** Refused requests of one client (null: without a valid credential) for one reason (`error_code`). */
export interface RefusalCount {
  clientId: string | null;
  errorCode: string | null;
  requests: number;
}

/** Which agency owns a subgraph. */
/** One client's use of one field in a time range: answered requests that selected it, and refusals of it. */
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

export interface SubgraphOwner {
  subgraph: string;
  agency: string;
  agencyName: string;
}

// ---------------------------------------------------------------------------------------------
// SQL builders

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

// ---------------------------------------------------------------------------------------------

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

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

/**
 * Settings of each aggregate's transaction. JIT off: the aggregates are long SQL over small inputs,
 * and compiling them took ~5 s of a 0.6 s query (bench/evaluation.bench.ts, stats per agency).
 */
export const AGGREGATE_SETTINGS = [`set local work_mem = '${AGGREGATE_WORK_MEM}'`, 'set local jit = off'] as const;

/** PostgreSQL's "canceling statement due to statement timeout". */
const QUERY_CANCELED = '57014';

export interface AccessLogRepositoryOptions {
  /** `statement_timeout` of every query (default 30 s): a heavy view answers 503, it never stalls the database. */
  queryTimeoutMs?: number;
}

export class AccessLogRepository {
  private readonly queryTimeoutMs: number;

  constructor(
    private readonly db: Executor,
    options: AccessLogRepositoryOptions = {},
  ) {
    this.queryTimeoutMs = Math.max(1, Math.floor(options.queryTimeoutMs ?? 30_000));
  }

  /** Runs `work` in a transaction with the query timeout, turning a timeout into a clear 503. */
  private async bounded<T>(work: (tx: Executor) => Promise<T>, config?: Parameters<Executor['transaction']>[1]): Promise<T> {
    try {
      return await this.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local statement_timeout = ${this.queryTimeoutMs}`));
        return work(tx);
      }, config);
    } catch (error) {
      if (errorCodeOf(error) === QUERY_CANCELED) {
        throw new PenghubungError(ErrorCode.UNAVAILABLE, {
          id: `Kueri log akses melebihi batas waktu ${this.queryTimeoutMs / 1000} detik; persempit rentang waktu atau tambahkan filter.`,
          en: `The access-log query ran past its ${this.queryTimeoutMs / 1000} s limit; narrow the time range or add a filter.`,
        });
      }
      throw error;
    }
  }

  /**
   * Runs an aggregate in one REPEATABLE READ snapshot with the rollup mark read in it, so the rollups
   * and the rows past the mark are read as of one moment (aggregateSql.ts).
   */
  private async aggregate(query: (rolledUpSeq: number) => SQL): Promise<Record<string, unknown>[]> {
    return this.bounded(
      async (tx) => {
        for (const setting of AGGREGATE_SETTINGS) await tx.execute(sql.raw(setting));
        const mark = await rolledUpSeq(tx);
        return rowsOf<Record<string, unknown>>(await tx.execute(query(mark)));
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  /** The rollup mark, for the benchmark's EXPLAIN of the same SQL. */
  async rolledUpSeq(): Promise<number> {
    return rolledUpSeq(this.db);
  }

  /** The names of the subgraphs an agency (by slug) owns; empty when the agency or its subgraphs do not exist. */
  async subgraphsOfAgency(slug: string): Promise<string[]> {
    const rows = rowsOf<{ name: string }>(
      await this.db.execute(sql`select s.name from subgraphs s join agencies a on a.id = s.agency_id where a.slug = ${slug} order by s.name`),
    );
    return rows.map((row) => row.name);
  }

  async search(filter: LogFilter, limit: number, after: Cursor | null): Promise<{ rows: LogRow[]; more: boolean }> {
    const rows = rowsOf<Record<string, unknown>>(await this.bounded((tx) => tx.execute(searchSql(filter, limit, after)))).map(toLogRow);
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  async countUpTo(filter: LogFilter, cap: number): Promise<number> {
    const [row] = rowsOf<{ n: unknown }>(await this.bounded((tx) => tx.execute(countUpToSql(filter, cap))));
    return num(row?.n);
  }

  async totals(filter: LogFilter): Promise<Totals> {
    const [row] = await this.aggregate((mark) => totalsSql(filter, mark));
    return {
      requests: num(row?.['requests']),
      fieldAccesses: num(row?.['field_accesses']),
      denied: num(row?.['denied']),
      errors: num(row?.['errors']),
      partial: num(row?.['partial']),
      unauthenticated: num(row?.['unauthenticated']),
      clients: num(row?.['clients']),
      ...percentilesOf(histogramFrom(row?.['latency'])),
    };
  }

  async groups(group: GroupBy, filter: LogFilter, limit: number): Promise<GroupRow[]> {
    const rows = await this.aggregate((mark) => groupSql(group, filter, limit, mark));
    return rows.map((row) => {
      const out: GroupRow = {
        key: row['key'] === null || row['key'] === undefined ? null : String(row['key']),
        label: row['label'] === null || row['label'] === undefined ? null : String(row['label']),
        requests: num(row['requests']),
        ...percentilesOf(histogramFrom(row['latency'])),
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
               to_jsonb(array_agg(distinct a.slug || chr(9) || a.name)) as agency_names,
               bool_or(fm.personal_data) as personal_data, ${strictestClassification(sql`fm.classification`)} as classification,
               (array_agg(fm.description order by length(fm.description) desc))[1] as description
        from field_metadata fm join subgraphs s on s.id = fm.subgraph_id join agencies a on a.id = s.agency_id
        where fm.coordinate = any(${textArray(coordinates)})
        group by fm.coordinate`),
    );
    return rows.map((row) => {
      const agencies = textList(row['agencies']);
      const names = new Map(
        (jsonValue(row['agency_names']) as string[] | null ?? []).map((pair) => {
          const [slug, ...name] = String(pair).split('\t');
          return [slug, name.join('\t')] as const;
        }),
      );
      return {
        coordinate: String(row['coordinate']),
        agencies,
        agencyNames: agencies.map((slug) => names.get(slug) ?? slug),
        personalData: row['personal_data'] === true || row['personal_data'] === 't',
        classification: row['classification'] === null || row['classification'] === undefined ? null : String(row['classification']),
        description: typeof row['description'] === 'string' ? row['description'] : '',
      };
    });
  }

  /**
   * Refused requests per client and reason (`error_code`: FORBIDDEN_FIELD, QUOTA_EXCEEDED, …). Read
   * from the log, not the rollups (which do not keep the reason): only denied rows are counted, and
   * the range prunes the monthly partitions.
   */
  async refusals(range: TimeRange): Promise<RefusalCount[]> {
    const rows = rowsOf<Record<string, unknown>>(
      await this.bounded((tx) =>
        tx.execute(sql`
          select l.client_id::text as client_id, l.error_code, count(*) as requests
          from access_log l
          where l.occurred_at >= ${range.from.toISOString()}::timestamptz and l.occurred_at < ${range.to.toISOString()}::timestamptz
            and l.outcome = 'denied'
          group by 1, 2`),
      ),
    );
    return rows.map((row) => ({
      clientId: row['client_id'] === null || row['client_id'] === undefined ? null : String(row['client_id']),
      errorCode: row['error_code'] === null || row['error_code'] === undefined ? null : String(row['error_code']),
      requests: num(row['requests']),
    }));
  }

  /** The agency owning each named subgraph. */
  async subgraphOwners(names: readonly string[]): Promise<SubgraphOwner[]> {
    if (names.length === 0) return [];
    const rows = rowsOf<{ subgraph: string; agency: string; agency_name: string }>(
      await this.db.execute(sql`
        select s.name as subgraph, a.slug as agency, a.name as agency_name
        from subgraphs s join agencies a on a.id = s.agency_id
        where s.name = any(${textArray(names)})`),
    );
    return rows.map((row) => ({ subgraph: row.subgraph, agency: row.agency, agencyName: row.agency_name }));
  }

  async dailyClientActivity(range: TimeRange, clientId?: string): Promise<DailyClientActivity[]> {
    const rows = await this.aggregate((mark) =>
      dailyClientActivitySql({ range, ...(clientId === undefined ? {} : { clientId }) }, mark),
    );
    return rows.map((row) => ({
      clientId: String(row['client_id']),
      day: String(row['day']),
      requests: num(row['requests']),
      denied: num(row['denied']),
      offHours: num(row['off_hours']),
    }));
  }

  async quotaOverruns(range: TimeRange, clientId?: string): Promise<QuotaOverrun[]> {
    const rows = await this.aggregate((mark) => quotaOverrunsSql(range, mark, clientId));
    return rows.map((row) => ({
      clientId: String(row['client_id']),
      day: String(row['day']),
      graph: String(row['graph']),
      coordinate: String(row['coordinate']),
      requests: num(row['requests']),
      quotaPerDay: num(row['quota_per_day']),
    }));
  }

  /**
   * Who used which of `coordinates` in the range (an agency's fields, for its publisher): per field,
   * graph and client the answered requests that selected it and the requests in which it was refused,
   * with the last of each. Read from the log itself, under the query timeout.
   */
  async clientFieldUsage(coordinates: readonly string[], range: TimeRange): Promise<ClientFieldUsage[]> {
    if (coordinates.length === 0) return [];
    const wanted = textArray(coordinates);
    const rows = rowsOf<Record<string, unknown>>(
      await this.bounded((tx) =>
        tx.execute(sql`
          select used.coordinate, l.graph, l.client_id::text as client_id, c.name as client, c.organization,
                 count(*) filter (where not used.refused and l.outcome in ('ok', 'partial')) as requests,
                 max(l.occurred_at) filter (where not used.refused and l.outcome in ('ok', 'partial')) as last_access_at,
                 count(*) filter (where used.refused) as refusals,
                 max(l.occurred_at) filter (where used.refused) as last_refusal_at
          from access_log l
          cross join lateral (
            select selected as coordinate, false as refused from unnest(l.coordinates) as selected
            union all
            select denied, true from unnest(l.denied_coordinates) as denied
          ) as used
          left join clients c on c.id = l.client_id
          where l.occurred_at >= ${range.from.toISOString()}::timestamptz and l.occurred_at < ${range.to.toISOString()}::timestamptz
            and (l.coordinates && ${wanted} or l.denied_coordinates && ${wanted})
            and used.coordinate = any(${wanted})
          group by used.coordinate, l.graph, l.client_id, c.name, c.organization
          having count(*) filter (where used.refused or l.outcome in ('ok', 'partial')) > 0
          order by used.coordinate, requests desc, refusals desc`),
      ),
    );
    const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
    const date = (value: unknown) => (value === null || value === undefined ? null : new Date(String(value)));
    return rows.map((row) => ({
      coordinate: String(row['coordinate']),
      graph: String(row['graph']),
      clientId: text(row['client_id']),
      client: text(row['client']),
      organization: text(row['organization']),
      requests: num(row['requests']),
      lastAccessAt: date(row['last_access_at']),
      refusals: num(row['refusals']),
      lastRefusalAt: date(row['last_refusal_at']),
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

function errorCodeOf(error: unknown): unknown {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if ('code' in current && typeof (current as { code: unknown }).code === 'string') return (current as { code: string }).code;
  }
  return undefined;
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
