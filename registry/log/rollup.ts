/**
 * Rolls the access log up into the daily tables of drizzle/schema/rollup.ts, by sequence number:
 * each step takes the rows after `access_log_rollup_state.rolled_up_seq` up to the committed chain
 * head (at most `maxRows` of them), adds their counts to the rollups and moves the mark, in one
 * transaction. Every row is therefore counted exactly once, whenever it was written and whatever its
 * `occurred_at`; the evaluator's queries add the rows past the mark from the log itself
 * (registry/evaluation/aggregateSql.ts), so their answers are exact and current.
 *
 *   const worker = createRollupWorker({ database });   // every 10 s, in the gateway process
 *   await rollUpAccessLog(database);                   // one step, e.g. in a test
 *
 * Rows up to the chain head are committed: the writer advances the head in the transaction that
 * inserts the rows. Several processes may run a worker on one PostgreSQL: the state row is taken with
 * `FOR UPDATE SKIP LOCKED`, so one rolls up while the others skip.
 *
 * The rollups are derived data, not evidence: `rebuildRollups` recomputes them from the rows still
 * in the log (archived partitions are gone from it, so rebuild before archiving if it matters).
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { latencyBucketSql } from '../evaluation/latencyHistogram.ts';
import { rowsOf } from '../../drizzle/rows.ts';
import { ROLLUP_NAME } from '../../drizzle/schema/index.ts';
import { ACCESS_CHAIN } from '../../lib/accessLog/index.ts';
import { coordinateUses, offHours, reachedAgency, subgraphCalls, wibDay } from '../../lib/logSql.ts';

export const ROLLUP_TABLES = [
  'access_log_daily',
  'access_log_daily_latency',
  'access_log_daily_field',
  'access_log_daily_subgraph',
  'access_log_daily_subgraph_latency',
] as const;
const DEFAULT_MAX_ROWS = 50_000;

export interface RollupStep {
  /** Log rows counted in this step. */
  rows: number;
  /** The mark after the step. */
  rolledUpSeq: number;
  /** Another process held the state row: nothing was done. */
  skipped: boolean;
}

export interface RollupOptions {
  /** Rows per step (one transaction); default 50,000. */
  maxRows?: number;
  /** Stop at this seq even if the head is further (the benchmark leaves a tail past the mark). */
  untilSeq?: number;
}

/** The mark: every row with `seq <=` it is in the rollups. 0 before the first step. */
export async function rolledUpSeq(db: Executor): Promise<number> {
  const [row] = rowsOf<{ rolled_up_seq: unknown }>(
    await db.execute(sql`select rolled_up_seq from access_log_rollup_state where name = ${ROLLUP_NAME}`),
  );
  return row ? Number(row.rolled_up_seq) : 0;
}

/** One step: rolls up at most `maxRows` rows past the mark. */
export async function rollUpAccessLog(
  database: Pick<DatabaseHandle, 'db'>,
  options: RollupOptions = {},
): Promise<RollupStep> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const { db } = database;
  await db.execute(
    sql`insert into access_log_rollup_state (name, rolled_up_seq) values (${ROLLUP_NAME}, 0) on conflict (name) do nothing`,
  );
  return db.transaction(async (tx) => {
    const [state] = rowsOf<{ rolled_up_seq: unknown }>(
      await tx.execute(
        sql`select rolled_up_seq from access_log_rollup_state where name = ${ROLLUP_NAME} for update skip locked`,
      ),
    );
    if (!state) return { rows: 0, rolledUpSeq: await rolledUpSeq(tx), skipped: true };
    const from = Number(state.rolled_up_seq);
    const [head] = rowsOf<{ seq: unknown }>(await tx.execute(sql`select seq from chain_heads where chain = ${ACCESS_CHAIN}`));
    const to = Math.min(head ? Number(head.seq) : 0, from + maxRows, options.untilSeq ?? Number.MAX_SAFE_INTEGER);
    if (to <= from) return { rows: 0, rolledUpSeq: from, skipped: false };

    // JIT compilation of these statements cost more than running them (bench/evaluation.bench.ts).
    await tx.execute(sql`set local jit = off`);
    const inStep = sql`l.seq > ${from}::bigint and l.seq <= ${to}::bigint`;
    for (const statement of rollupStatements(inStep)) await tx.execute(statement);
    await tx.execute(sql`update access_log_rollup_state set rolled_up_seq = ${to}::bigint where name = ${ROLLUP_NAME}`);
    return { rows: to - from, rolledUpSeq: to, skipped: false };
  });
}

/** Steps until the mark reaches the head; returns the rows rolled up. */
export async function rollUpAll(database: Pick<DatabaseHandle, 'db'>, options: RollupOptions = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const step = await rollUpAccessLog(database, options);
    total += step.rows;
    if (step.rows === 0 || step.skipped) return total;
  }
}

/** Empties the rollups and rolls the whole log up again. */
export async function rebuildRollups(database: Pick<DatabaseHandle, 'db'>, options: RollupOptions = {}): Promise<number> {
  // The state row must exist to be locked: a worker elsewhere then waits instead of rolling up rows
  // the delete below would not see.
  await database.db.execute(
    sql`insert into access_log_rollup_state (name, rolled_up_seq) values (${ROLLUP_NAME}, 0) on conflict (name) do nothing`,
  );
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from access_log_rollup_state where name = ${ROLLUP_NAME} for update`);
    for (const table of ROLLUP_TABLES) await tx.execute(sql.raw(`delete from ${table}`));
    await tx.execute(
      sql`insert into access_log_rollup_state (name, rolled_up_seq) values (${ROLLUP_NAME}, 0)
          on conflict (name) do update set rolled_up_seq = 0`,
    );
  });
  return rollUpAll(database, options);
}

/**
 * The upserts adding the rows `inStep` selects to each rollup: three statements, each reading the
 * step's rows once and writing a table and its latency buckets (data-modifying CTEs).
 */
function rollupStatements(inStep: SQL): SQL[] {
  const requestBucket = latencyBucketSql(sql`l.duration_ms`);
  const daily = sql.raw('day, client_id, graph, operation_hash, operation_name, outcome');
  const subgraph = sql.raw('day, client_id, graph, subgraph, outcome');
  return [
    sql`
      with b as (
        select ${wibDay} as day, l.client_id, l.graph, l.operation_hash, l.operation_name, l.outcome,
               ${requestBucket} as latency_bucket, count(*) as requests, sum(cardinality(l.coordinates)) as field_accesses,
               count(*) filter (where ${offHours}) as off_hours, count(*) filter (where ${reachedAgency}) as agency_requests,
               sum(l.response_bytes) as response_bytes
        from access_log l
        where ${inStep}
        group by 1, 2, 3, 4, 5, 6, 7
      ), latency as (
        insert into access_log_daily_latency as d (${daily}, latency_bucket, requests)
        select ${daily}, latency_bucket, requests from b
        on conflict on constraint access_log_daily_latency_key do update set requests = d.requests + excluded.requests
      )
      insert into access_log_daily as d (${daily}, requests, field_accesses, off_hours, agency_requests, response_bytes)
      select ${daily}, sum(requests), sum(field_accesses), sum(off_hours), sum(agency_requests), sum(response_bytes)
      from b group by ${daily}
      on conflict on constraint access_log_daily_key do update set
        requests = d.requests + excluded.requests,
        field_accesses = d.field_accesses + excluded.field_accesses,
        off_hours = d.off_hours + excluded.off_hours,
        agency_requests = d.agency_requests + excluded.agency_requests,
        response_bytes = d.response_bytes + excluded.response_bytes`,
    sql`
      insert into access_log_daily_field as f (day, client_id, graph, coordinate, outcome, refused, requests)
      select ${wibDay}, l.client_id, l.graph, u.coordinate, l.outcome, u.refused, count(*)
      from access_log l
      cross join ${coordinateUses}
      where ${inStep}
      group by 1, 2, 3, 4, 5, 6
      on conflict on constraint access_log_daily_field_key do update set requests = f.requests + excluded.requests`,
    // The calls as the gateway records them: `[{ subgraph, status, durationMs, error? }]`.
    sql`
      with rec as (
        select ${wibDay} as day, l.client_id, l.graph, n.name as subgraph, l.outcome, ${requestBucket} as latency_bucket, count(*) as n
        from access_log l cross join unnest(l.subgraph_names) as n(name)
        where ${inStep}
        group by 1, 2, 3, 4, 5, 6
      ), calls as (
        select ${wibDay} as day, l.client_id, l.graph, call.subgraph, l.outcome,
               ${latencyBucketSql(sql`call."durationMs"`)} as latency_bucket, count(*) as n,
               count(*) filter (where call.status >= 400 or call.error is not null) as errors
        from access_log l
        cross join ${subgraphCalls}
        where ${inStep} and call.subgraph is not null
        group by 1, 2, 3, 4, 5, 6
      ), latency as (
        insert into access_log_daily_subgraph_latency as s (${subgraph}, kind, latency_bucket, count)
        select ${subgraph}, 'record', latency_bucket, n from rec
        union all
        select ${subgraph}, 'call', latency_bucket, n from calls
        on conflict on constraint access_log_daily_subgraph_latency_key do update set count = s.count + excluded.count
      )
      insert into access_log_daily_subgraph as s (${subgraph}, records, calls, call_errors)
      select ${subgraph}, sum(records), sum(calls), sum(errors)
      from (
        select ${subgraph}, n as records, 0 as calls, 0 as errors from rec
        union all
        select ${subgraph}, 0, n, errors from calls
      ) as both_kinds
      group by ${subgraph}
      on conflict on constraint access_log_daily_subgraph_key do update set
        records = s.records + excluded.records, calls = s.calls + excluded.calls, call_errors = s.call_errors + excluded.call_errors`,
  ];
}

export interface RollupWorkerOptions {
  database: Pick<DatabaseHandle, 'db'>;
  /** How often to roll up (default 10 s; the queries read the rows past the mark from the log meanwhile). */
  intervalMs?: number;
  maxRows?: number;
  onError?: (message: string, error: unknown) => void;
}

export interface RollupWorker {
  /** Rolls up to the head now (waits for a step already running). */
  runNow(): Promise<number>;
  /** Stops the timer and waits for the running step. */
  close(): Promise<void>;
}

export function createRollupWorker(options: RollupWorkerOptions): RollupWorker {
  const intervalMs = options.intervalMs ?? 10_000;
  const onError =
    options.onError ??
    ((message: string, error: unknown) =>
      process.stderr.write(`[penghubung] ${message}: ${error instanceof Error ? error.message : String(error)}\n`));
  let running: Promise<number> | undefined;
  let closed = false;

  const runNow = (): Promise<number> => {
    running ??= rollUpAll(options.database, { ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }) }).finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (closed || running) return;
    runNow().catch((error: unknown) => onError('access log rollup failed (the evaluator reads the log itself meanwhile)', error));
  }, intervalMs);
  timer.unref();

  return {
    runNow,
    async close() {
      closed = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
