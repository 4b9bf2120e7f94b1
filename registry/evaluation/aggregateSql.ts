/**
 * The evaluator's aggregates, read from the daily rollups where they can be and from the log itself
 * where they must (registry/log/rollup.ts).
 *
 * A range [from, to) splits into the WIB days it covers whole and the partial days at its edges. The
 * whole days are read from the rollups, which hold every row up to the mark `rolledUpSeq`; the edges,
 * and the rows of the whole days past the mark, are aggregated from `access_log` into the same shape.
 * Both halves are read in one snapshot (the repository runs them in a REPEATABLE READ transaction with
 * the mark), so no row is counted twice or missed. A filter the rollups do not carry (agency,
 * coordinate, variable lookup, and the operation for the field and subgraph rollups) reads the whole
 * range from the log: those filters are selective and indexed.
 *
 * Each "source" below yields rollup-shaped rows; the aggregates sum them. Latency percentiles come
 * from the summed log-scale buckets (latencyHistogram.ts).
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { coordinateUses, dayText, offHours, reachedAgency, SERVED_OUTCOMES, subgraphCalls, wibDay } from '../../lib/logSql.ts';
import { whereOf } from './logFilter.ts';
import type { LogFilter } from './logFilter.ts';
import { latencyBucketSql } from './latencyHistogram.ts';
import { DAY_MS, wibDate, wibMidnight } from './range.ts';
import type { TimeRange } from './range.ts';

export type GroupBy = 'client' | 'day' | 'operation' | 'agency' | 'field' | 'subgraph';

/** Which parts of a range the rollups answer. */
interface Split {
  /** WIB days [fromDay, toDay) read from the rollups; null when the range holds no whole day. */
  days: { fromDay: string; toDay: string; start: Date; end: Date } | null;
}

function splitOf(filter: LogFilter): Split {
  const { from, to } = filter.range;
  // The first WIB midnight at or after `from`, and the last one at or before `to`.
  const start = wibMidnight(wibDate(new Date(from.getTime() - 1 + DAY_MS)));
  const end = wibMidnight(wibDate(to));
  if (start.getTime() >= end.getTime()) return { days: null };
  return { days: { fromDay: wibDate(start), toDay: wibDate(end), start, end } };
}

type Source = 'daily' | 'field' | 'subgraph';

/** Whether the rollup of `source` carries every dimension the filter narrows by. */
function rollupAnswers(source: Source, filter: LogFilter): boolean {
  if (filter.subgraphs !== undefined || (filter.coordinates?.length ?? 0) > 0 || filter.lookupHash !== undefined || filter.lookupHashes !== undefined) return false;
  if (source !== 'daily' && (filter.operationHash !== undefined || filter.operationName !== undefined)) return false;
  return true;
}

/** The filter's conditions on a rollup table aliased `r` (the range aside). */
function rollupConditions(source: Source, filter: LogFilter, days: NonNullable<Split['days']>): SQL {
  const conditions: SQL[] = [sql`r.day >= ${days.fromDay}::date`, sql`r.day < ${days.toDay}::date`];
  if (filter.clientId !== undefined) conditions.push(sql`r.client_id = ${filter.clientId}::uuid`);
  if (filter.graph !== undefined) conditions.push(sql`r.graph = ${filter.graph}`);
  if (filter.outcomes !== undefined && filter.outcomes.length > 0) {
    conditions.push(sql`r.outcome in (${sql.join(
      filter.outcomes.map((outcome) => sql`${outcome}::access_outcome`),
      sql`, `,
    )})`);
  }
  if (source === 'daily' && filter.operationHash !== undefined) conditions.push(sql`r.operation_hash = ${filter.operationHash}`);
  if (source === 'daily' && filter.operationName !== undefined) conditions.push(sql`r.operation_name = ${filter.operationName}`);
  return sql.join(conditions, sql` and `);
}

/**
 * The log rows a source must aggregate itself: the whole range when the rollup cannot answer;
 * otherwise the partial days at the edges and the rows of the whole days past the mark.
 */
function rawParts(source: Source, filter: LogFilter, rolledUpSeq: number): { where: SQL; days: Split['days'] }[] {
  const split = splitOf(filter);
  if (!split.days || !rollupAnswers(source, filter)) return [{ where: whereOf(filter), days: null }];
  const { start, end } = split.days;
  const parts: { where: SQL; days: Split['days'] }[] = [];
  const narrowed = (from: Date, to: Date, extra?: SQL) => {
    const where = whereOf({ ...filter, range: { from, to } });
    return extra ? sql`${where} and ${extra}` : where;
  };
  if (filter.range.from.getTime() < start.getTime()) parts.push({ where: narrowed(filter.range.from, start), days: null });
  if (end.getTime() < filter.range.to.getTime()) parts.push({ where: narrowed(end, filter.range.to), days: null });
  parts.push({ where: narrowed(start, end, sql`l.seq > ${rolledUpSeq}::bigint`), days: split.days });
  return parts;
}

function unionAll(parts: SQL[]): SQL {
  return sql.join(parts, sql` union all `);
}

/** The rollup half of a source, or nothing when the range holds no whole day or the filter needs the log. */
function rollupDays(source: Source, filter: LogFilter): NonNullable<Split['days']> | null {
  const { days } = splitOf(filter);
  return days && rollupAnswers(source, filter) ? days : null;
}

const DAILY_DIMENSIONS = sql.raw('day, client_id, graph, operation_hash, operation_name, outcome');

/**
 * CTEs `src` (day, client_id, graph, operation_hash, operation_name, outcome, requests,
 * field_accesses, off_hours, agency_requests, response_bytes) and `lat` (the same dimensions, latency_bucket,
 * requests). The log rows are read once, by duration bucket (`raw_daily`), and feed both.
 */
export function dailyCtes(filter: LogFilter, rolledUpSeq: number): SQL {
  const raw = rawParts('daily', filter, rolledUpSeq).map(
    ({ where }) => sql`
      select ${wibDay} as day, l.client_id, l.graph, l.operation_hash, l.operation_name, l.outcome,
             ${latencyBucketSql(sql`l.duration_ms`)} as latency_bucket, count(*) as requests,
             sum(cardinality(l.coordinates)) as field_accesses, count(*) filter (where ${offHours}) as off_hours,
             count(*) filter (where ${reachedAgency}) as agency_requests, sum(l.response_bytes) as response_bytes
      from access_log l where ${where}
      group by 1, 2, 3, 4, 5, 6, 7`,
  );
  const days = rollupDays('daily', filter);
  const where = days ? rollupConditions('daily', filter, days) : null;
  return sql`
    raw_daily as (${unionAll(raw)}),
    src as (
      select ${DAILY_DIMENSIONS}, sum(requests) as requests, sum(field_accesses) as field_accesses,
             sum(off_hours) as off_hours, sum(agency_requests) as agency_requests, sum(response_bytes) as response_bytes
      from raw_daily group by ${DAILY_DIMENSIONS}
      ${where ? sql`union all select ${DAILY_DIMENSIONS}, requests, field_accesses, off_hours, agency_requests, response_bytes from access_log_daily r where ${where}` : sql``}
    ),
    lat as (
      select ${DAILY_DIMENSIONS}, latency_bucket, requests from raw_daily
      ${where ? sql`union all select ${DAILY_DIMENSIONS}, latency_bucket, requests from access_log_daily_latency r where ${where}` : sql``}
    )`;
}

/** CTE `fld` (day, client_id, graph, coordinate, outcome, refused, requests). */
export function fieldCtes(filter: LogFilter, rolledUpSeq: number): SQL {
  const raw = rawParts('field', filter, rolledUpSeq).map(
    ({ where }) => sql`
      select ${wibDay} as day, l.client_id, l.graph, u.coordinate, l.outcome, u.refused, count(*) as requests
      from access_log l
      cross join ${coordinateUses}
      where ${where}
      group by 1, 2, 3, 4, 5, 6`,
  );
  const days = rollupDays('field', filter);
  if (days) {
    raw.push(sql`
      select r.day, r.client_id, r.graph, r.coordinate, r.outcome, r.refused, r.requests
      from access_log_daily_field r where ${rollupConditions('field', filter, days)}`);
  }
  return sql`fld as (${unionAll(raw)})`;
}

const SUBGRAPH_DIMENSIONS = sql.raw('day, client_id, graph, subgraph, outcome');

/**
 * CTEs `sub` (day, client_id, graph, subgraph, outcome, records, calls, call_errors) and `sublat`
 * (the same dimensions, kind 'record' | 'call', latency_bucket, count).
 */
export function subgraphCtes(filter: LogFilter, rolledUpSeq: number): SQL {
  const parts = rawParts('subgraph', filter, rolledUpSeq);
  const records = parts.map(
    ({ where }) => sql`
      select ${wibDay} as day, l.client_id, l.graph, n.name as subgraph, l.outcome,
             ${latencyBucketSql(sql`l.duration_ms`)} as latency_bucket, count(*) as count
      from access_log l cross join unnest(l.subgraph_names) as n(name)
      where ${where}
      group by 1, 2, 3, 4, 5, 6`,
  );
  const calls = parts.map(
    ({ where }) => sql`
      select ${wibDay} as day, l.client_id, l.graph, call.subgraph, l.outcome,
             ${latencyBucketSql(sql`call."durationMs"`)} as latency_bucket, count(*) as count,
             count(*) filter (where call.status >= 400 or call.error is not null) as errors
      from access_log l
      cross join ${subgraphCalls}
      where ${where} and call.subgraph is not null
      group by 1, 2, 3, 4, 5, 6`,
  );
  const days = rollupDays('subgraph', filter);
  const where = days ? rollupConditions('subgraph', filter, days) : null;
  return sql`
    raw_records as (${unionAll(records)}),
    raw_calls as (${unionAll(calls)}),
    sub as (
      select ${SUBGRAPH_DIMENSIONS}, sum(count) as records, 0::numeric as calls, 0::numeric as call_errors
      from raw_records group by ${SUBGRAPH_DIMENSIONS}
      union all
      select ${SUBGRAPH_DIMENSIONS}, 0, sum(count), sum(errors) from raw_calls group by ${SUBGRAPH_DIMENSIONS}
      ${where ? sql`union all select ${SUBGRAPH_DIMENSIONS}, records, calls, call_errors from access_log_daily_subgraph r where ${where}` : sql``}
    ),
    sublat as (
      select ${SUBGRAPH_DIMENSIONS}, 'record' as kind, latency_bucket, count from raw_records
      union all
      select ${SUBGRAPH_DIMENSIONS}, 'call', latency_bucket, count from raw_calls
      ${where ? sql`union all select ${SUBGRAPH_DIMENSIONS}, kind, latency_bucket, count from access_log_daily_subgraph_latency r where ${where}` : sql``}
    )`;
}

/** The request metrics' column names, as `requestMetrics` names them. */
const metricColumns = sql.raw('g.requests, g.field_accesses, g.denied, g.errors, g.partial, g.unauthenticated, g.clients');

/** Request metrics over rows `s` of `src`. */
const requestMetrics = sql`
  coalesce(sum(s.requests), 0) as requests,
  coalesce(sum(s.field_accesses) filter (where s.outcome in ${SERVED_OUTCOMES}), 0) as field_accesses,
  coalesce(sum(s.requests) filter (where s.outcome = 'denied'), 0) as denied,
  coalesce(sum(s.requests) filter (where s.outcome = 'error'), 0) as errors,
  coalesce(sum(s.requests) filter (where s.outcome = 'partial'), 0) as partial,
  coalesce(sum(s.requests) filter (where s.outcome = 'unauthenticated'), 0) as unauthenticated,
  count(distinct s.client_id) as clients`;

/** Per group key: the latency histogram `{ bucket: count }` of rows `s` of a latency CTE. */
function histogramOf(key: SQL, count: SQL, from: SQL): SQL {
  return sql`
    select key, jsonb_object_agg(bucket, n) as latency
    from (select ${key} as key, s.latency_bucket as bucket, sum(${count}) as n from ${from} group by 1, 2) as h
    group by key`;
}

export function totalsSql(filter: LogFilter, rolledUpSeq: number): SQL {
  return sql`
    with ${dailyCtes(filter, rolledUpSeq)},
    hist as materialized (${histogramOf(sql`1`, sql`s.requests`, sql`lat s`)})
    select ${requestMetrics}, (select latency from hist) as latency from src s`;
}

export function groupSql(group: GroupBy, filter: LogFilter, limit: number, rolledUpSeq: number): SQL {
  switch (group) {
    case 'client':
      return sql`
        with ${dailyCtes(filter, rolledUpSeq)},
        g as (
          select s.client_id as key, ${requestMetrics} from src s
          group by 1 order by requests desc limit ${limit}
        ),
        hist as materialized (${histogramOf(sql`s.client_id`, sql`s.requests`, sql`lat s`)})
        select g.key::text as key, c.name as label, c.organization, ${metricColumns}, hist.latency
        from g left join clients c on c.id = g.key left join hist on hist.key is not distinct from g.key
        order by g.requests desc, g.key::text`;
    case 'day':
      // Days are never cut by `limit`: a range holds at most 367 of them.
      return sql`
        with ${dailyCtes(filter, rolledUpSeq)},
        g as (select s.day as key, ${requestMetrics} from src s group by 1),
        hist as materialized (${histogramOf(sql`s.day`, sql`s.requests`, sql`lat s`)})
        select ${dayText(sql`g.key`)} as key, null as label, ${metricColumns}, hist.latency
        from g left join hist on hist.key = g.key
        order by g.key`;
    case 'operation':
      return sql`
        with ${dailyCtes(filter, rolledUpSeq)},
        g as (
          select s.operation_hash as key, max(s.operation_name) as label, ${requestMetrics} from src s
          group by 1 order by requests desc, key limit ${limit}
        ),
        hist as materialized (${histogramOf(sql`s.operation_hash`, sql`s.requests`, sql`lat s`)})
        select g.key, g.label, ${metricColumns}, hist.latency from g left join hist on hist.key is not distinct from g.key
        order by g.requests desc, g.key`;
    case 'subgraph':
      // The calls as the gateway records them, with the calls' own durations.
      return sql`
        with ${subgraphCtes(filter, rolledUpSeq)},
        g as materialized (
          select s.subgraph as key, null as label, sum(s.calls) as requests, sum(s.call_errors) as errors from sub s
          group by 1 having sum(s.calls) > 0 order by requests desc, key limit ${limit}
        ),
        hist as materialized (${histogramOf(sql`s.subgraph`, sql`s.count`, sql`sublat s where s.kind = 'call'`)})
        select g.key, g.label, g.requests, g.errors, hist.latency from g left join hist on hist.key = g.key
        order by g.requests desc, g.key`;
    case 'field':
      // Coordinates served (ok, partial) and refused, with the distinct clients served.
      return sql`
        with ${fieldCtes(filter, rolledUpSeq)},
        counted as (
          select s.coordinate, s.client_id,
                 sum(s.requests) filter (where not s.refused and s.outcome in ${SERVED_OUTCOMES}) as served,
                 sum(s.requests) filter (where s.refused) as refused
          from fld s group by 1, 2
        )
        select coordinate as key, null as label,
               coalesce(sum(served), 0) as requests, coalesce(sum(served), 0) as field_accesses,
               coalesce(sum(refused), 0) as denied,
               count(*) filter (where served > 0 and client_id is not null) as clients
        from counted
        group by coordinate
        having coalesce(sum(served), 0) + coalesce(sum(refused), 0) > 0
        order by coalesce(sum(served), 0) + coalesce(sum(refused), 0) desc, key
        limit ${limit}`;
    case 'agency':
      // Requests, errors, clients and latency: the requests whose gateway called the agency's
      // subgraphs (an agency with several subgraphs counts a request once per subgraph called; the
      // design has one subgraph per agency). Field accesses and refusals: the coordinates the agency's
      // subgraphs declare (`field_metadata`), served or refused; refused requests call nothing.
      return sql`
        with ${subgraphCtes(filter, rolledUpSeq)}, ${fieldCtes(filter, rolledUpSeq)},
        owners as (
          select s.name as subgraph, s.agency_id from subgraphs s
        ), field_owners as (
          select distinct fm.coordinate, s.agency_id
          from field_metadata fm join subgraphs s on s.id = fm.subgraph_id
        ), called as materialized (
          select o.agency_id, sum(s.records) as requests,
                 coalesce(sum(s.records) filter (where s.outcome = 'error'), 0) as errors,
                 count(distinct s.client_id) filter (where s.records > 0) as clients
          from sub s join owners o on o.subgraph = s.subgraph
          group by o.agency_id having sum(s.records) > 0
        ), hist as materialized (
          ${histogramOf(sql`o.agency_id`, sql`s.count`, sql`sublat s join owners o on o.subgraph = s.subgraph where s.kind = 'record'`)}
        ), fields as materialized (
          select fo.agency_id,
                 coalesce(sum(f.requests) filter (where not f.refused and f.outcome in ${SERVED_OUTCOMES}), 0) as field_accesses,
                 coalesce(sum(f.requests) filter (where f.refused), 0) as denied
          from fld f join field_owners fo on fo.coordinate = f.coordinate
          group by fo.agency_id
        )
        select a.slug as key, a.name as label,
               coalesce(called.requests, 0) as requests, coalesce(fields.field_accesses, 0) as field_accesses,
               coalesce(fields.denied, 0) as denied, coalesce(called.errors, 0) as errors,
               coalesce(called.clients, 0) as clients, hist.latency
        from agencies a
        left join called on called.agency_id = a.id
        left join fields on fields.agency_id = a.id
        left join hist on hist.key = a.id
        where called.agency_id is not null or (fields.agency_id is not null and fields.field_accesses + fields.denied > 0)
        order by requests desc, key
        limit ${limit}`;
  }
}

/** Per client and WIB day: requests, denied requests, requests between 22:00 and 05:00 WIB. */
export function dailyClientActivitySql(filter: LogFilter, rolledUpSeq: number): SQL {
  return sql`
    with ${dailyCtes(filter, rolledUpSeq)}
    select s.client_id::text as client_id, ${dayText(sql`s.day`)} as day,
           sum(s.requests) as requests,
           coalesce(sum(s.requests) filter (where s.outcome = 'denied'), 0) as denied,
           sum(s.off_hours) as off_hours
    from src s
    where s.client_id is not null
    group by s.client_id, s.day`;
}

/**
 * Served requests per client, graph, granted field and WIB day above the quota (`quota_per_day`) of
 * the grants active that day; with several, the largest quota counts, and a day on which a grant
 * without a quota was active too is never over. Read from the field rollup and the rows past its
 * mark: days are counted whole (a served request outside every grant's period cannot occur: the
 * gateway refuses it), except the partial days at the range's own edges. The gateway enforces the
 * same quotas per graph (registry/access/quotaCounter.ts); this view shows which field was used.
 */
export function quotaOverrunsSql(range: TimeRange, rolledUpSeq: number, clientId?: string): SQL {
  const client = clientId === undefined ? sql`` : sql` and g.client_id = ${clientId}::uuid`;
  const wib = (instant: SQL) => sql`((${instant}) at time zone interval '+07:00')::date`;
  const from = sql`${range.from.toISOString()}::timestamptz`;
  const to = sql`${range.to.toISOString()}::timestamptz`;
  return sql`
    with ${fieldCtes({ range, ...(clientId === undefined ? {} : { clientId }) }, rolledUpSeq)},
    quotas as (
      select g.client_id, gr.name as graph, g.coordinate, g.quota_per_day,
             ${wib(sql`greatest(g.starts_at, ${from})`)} as first_day,
             ${wib(sql`least(g.ends_at, coalesce(g.revoked_at, g.ends_at), ${to}) - interval '1 microsecond'`)} as last_day
      from grants g join graphs gr on gr.id = g.graph_id
      where g.starts_at < ${to} and least(g.ends_at, coalesce(g.revoked_at, g.ends_at)) > ${from}${client}
    ), used as (
      select s.day, s.client_id, s.graph, s.coordinate, sum(s.requests) as requests
      from fld s
      where not s.refused and s.outcome in ${SERVED_OUTCOMES} and s.client_id is not null
      group by 1, 2, 3, 4
    )
    select u.client_id::text as client_id, ${dayText(sql`u.day`)} as day, u.graph, u.coordinate,
           max(q.quota_per_day) as quota_per_day, u.requests
    from used u
    join quotas q on q.client_id = u.client_id and q.graph = u.graph and q.coordinate = u.coordinate
     and u.day between q.first_day and q.last_day
    group by u.client_id, u.day, u.graph, u.coordinate, u.requests
    having bool_and(q.quota_per_day is not null) and u.requests > max(q.quota_per_day)`;
}
