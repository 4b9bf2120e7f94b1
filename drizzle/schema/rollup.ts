import { bigint, boolean, date, pgTable, smallint, text, unique, uuid } from 'drizzle-orm/pg-core';
import { accessOutcome } from './log.ts';

/**
 * Daily rollups of the access log, so the evaluator's aggregates over a month or a year read tens of
 * thousands of rows instead of millions (registry/log/rollup.ts builds them, registry/evaluation reads
 * them). They are derived data: the hash-chained `access_log` stays the evidence, and the rollups can
 * be rebuilt from it at any time (`penghubung log rollup --rebuild`).
 *
 * `day` is the WIB (UTC+7) calendar day of `occurred_at`. `latency_bucket` is the log-scale bucket of
 * the duration (registry/evaluation/latencyHistogram.ts), so percentiles come from summed buckets.
 * Unique keys treat NULL as a value (NULLS NOT DISTINCT): an unauthenticated request has no client.
 */
export const accessLogDaily = pgTable(
  'access_log_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    clientId: uuid('client_id'),
    graph: text('graph').notNull(),
    operationHash: text('operation_hash'),
    operationName: text('operation_name'),
    outcome: accessOutcome('outcome').notNull(),
    requests: bigint('requests', { mode: 'number' }).notNull(),
    /** Coordinates the requests named (`cardinality(coordinates)`), whatever their outcome. */
    fieldAccesses: bigint('field_accesses', { mode: 'number' }).notNull(),
    /** Requests between 22:00 and 05:00 WIB. */
    offHours: bigint('off_hours', { mode: 'number' }).notNull(),
    /** Requests that called at least one subgraph (reached an agency): what a daily quota counts. */
    agencyRequests: bigint('agency_requests', { mode: 'number' }).notNull(),
    responseBytes: bigint('response_bytes', { mode: 'number' }).notNull(),
  },
  (t) => [
    unique('access_log_daily_key').on(t.day, t.clientId, t.graph, t.operationHash, t.operationName, t.outcome).nullsNotDistinct(),
  ],
);

/** The requests of `access_log_daily` by duration bucket: the latency percentiles' source. */
export const accessLogDailyLatency = pgTable(
  'access_log_daily_latency',
  {
    day: date('day', { mode: 'string' }).notNull(),
    clientId: uuid('client_id'),
    graph: text('graph').notNull(),
    operationHash: text('operation_hash'),
    operationName: text('operation_name'),
    outcome: accessOutcome('outcome').notNull(),
    latencyBucket: smallint('latency_bucket').notNull(),
    requests: bigint('requests', { mode: 'number' }).notNull(),
  },
  (t) => [
    unique('access_log_daily_latency_key')
      .on(t.day, t.clientId, t.graph, t.operationHash, t.operationName, t.outcome, t.latencyBucket)
      .nullsNotDistinct(),
  ],
);

/** Per field coordinate: how often requests named it, served or refused (`refused`: it was in `denied_coordinates`). */
export const accessLogDailyField = pgTable(
  'access_log_daily_field',
  {
    day: date('day', { mode: 'string' }).notNull(),
    clientId: uuid('client_id'),
    graph: text('graph').notNull(),
    coordinate: text('coordinate').notNull(),
    outcome: accessOutcome('outcome').notNull(),
    refused: boolean('refused').notNull(),
    requests: bigint('requests', { mode: 'number' }).notNull(),
  },
  (t) => [
    unique('access_log_daily_field_key').on(t.day, t.clientId, t.graph, t.coordinate, t.outcome, t.refused).nullsNotDistinct(),
  ],
);

/**
 * Per subgraph: `records`, the requests whose gateway called it; `calls`, the calls themselves;
 * `call_errors`, calls answered with HTTP ≥ 400 or failing.
 */
export const accessLogDailySubgraph = pgTable(
  'access_log_daily_subgraph',
  {
    day: date('day', { mode: 'string' }).notNull(),
    clientId: uuid('client_id'),
    graph: text('graph').notNull(),
    subgraph: text('subgraph').notNull(),
    outcome: accessOutcome('outcome').notNull(),
    records: bigint('records', { mode: 'number' }).notNull(),
    calls: bigint('calls', { mode: 'number' }).notNull(),
    callErrors: bigint('call_errors', { mode: 'number' }).notNull(),
  },
  (t) => [unique('access_log_daily_subgraph_key').on(t.day, t.clientId, t.graph, t.subgraph, t.outcome).nullsNotDistinct()],
);

/** By duration bucket: `record` rows bucket the requests' durations, `call` rows the calls' durations. */
export const accessLogDailySubgraphLatency = pgTable(
  'access_log_daily_subgraph_latency',
  {
    day: date('day', { mode: 'string' }).notNull(),
    clientId: uuid('client_id'),
    graph: text('graph').notNull(),
    subgraph: text('subgraph').notNull(),
    outcome: accessOutcome('outcome').notNull(),
    kind: text('kind', { enum: ['record', 'call'] }).notNull(),
    latencyBucket: smallint('latency_bucket').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (t) => [
    unique('access_log_daily_subgraph_latency_key')
      .on(t.day, t.clientId, t.graph, t.subgraph, t.outcome, t.kind, t.latencyBucket)
      .nullsNotDistinct(),
  ],
);

/** The `name` of the daily rollups' row in `access_log_rollup_state`. */
export const ROLLUP_NAME = 'daily';

/** How far the rollups reach: every access-log row with `seq <= rolled_up_seq` is counted in them, once. */
export const accessLogRollupState = pgTable('access_log_rollup_state', {
  name: text('name').primaryKey(),
  rolledUpSeq: bigint('rolled_up_seq', { mode: 'number' }).notNull(),
});

export type AccessLogDailyRow = typeof accessLogDaily.$inferSelect;
