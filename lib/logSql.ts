/**
 * SQL expressions over a row of `access_log`, aliased `l`, shared by the rollups
 * (registry/log/rollup.ts) and the evaluator's queries (registry/evaluation/), so a day, an
 * off-hours request or a served request means the same thing in both.
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

/**
 * WIB wall-clock time of a record. Asia/Jakarta has been UTC+7 without daylight saving since 1964, so
 * the fixed offset is exact, independent of the session's TimeZone, and measured ~2.7× cheaper per
 * row than looking the named zone up (bench/evaluation.bench.ts).
 */
export const wibTime = sql`(l.occurred_at at time zone interval '+07:00')`;
/** The WIB calendar day of a record. */
export const wibDay = sql`${wibTime}::date`;
/** A date column printed as `YYYY-MM-DD`. */
export const dayText = (column: SQL): SQL => sql`to_char(${column}::timestamp, 'YYYY-MM-DD')`;
/** 22:00–05:00 WIB. */
export const offHours = sql`(${wibTime}::time >= time '22:00' or ${wibTime}::time < time '05:00')`;
/** The record's gateway called at least one subgraph: the request reached an agency. */
export const reachedAgency = sql`cardinality(l.subgraph_names) > 0`;
/** The outcomes whose data was (at least partly) served. */
export const SERVED_OUTCOMES = sql`('ok', 'partial')`;

/** `array[$1, $2]::text[]`: each value a bind parameter. */
export function textArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

/** `u(coordinate, refused)`: each coordinate a record named, served (`coordinates`) or refused (`denied_coordinates`). */
export const coordinateUses = sql`lateral (
        select c, false from unnest(l.coordinates) as c
        union all
        select c, true from unnest(l.denied_coordinates) as c
      ) as u(coordinate, refused)`;

/** `call(subgraph, status, "durationMs", error)`: the subgraph calls as the gateway records them. */
export const subgraphCalls = sql`lateral jsonb_to_recordset(case when jsonb_typeof(l.subgraph_calls) = 'array' then l.subgraph_calls else '[]'::jsonb end)
        as call(subgraph text, status numeric, "durationMs" float8, error text)`;
