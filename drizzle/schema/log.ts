import { bigint, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const accessOutcomes = ['ok', 'partial', 'denied', 'error', 'unauthenticated'] as const;
export type AccessOutcome = (typeof accessOutcomes)[number];
export const accessOutcome = pgEnum('access_outcome', accessOutcomes);

/**
 * The access log: one row per request the gateway received, allowed or not, hash-chained.
 * Partitioned by month on `occurred_at` (the migration declares PARTITION BY RANGE; drizzle-kit does
 * not model partitions), so retention drops whole partitions and evaluator queries prune by time.
 * No foreign keys: a log row must never be blocked or removed by a change elsewhere.
 */
export const accessLog = pgTable(
  'access_log',
  {
    seq: bigint('seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    requestId: text('request_id').notNull(),
    clientId: uuid('client_id'),
    credentialId: uuid('credential_id'),
    graph: text('graph').notNull().default(''),
    operationName: text('operation_name'),
    operationHash: text('operation_hash'),
    variables: jsonb('variables'),
    lookupHashes: text('lookup_hashes').array().notNull().default([]),
    coordinates: text('coordinates').array().notNull().default([]),
    deniedCoordinates: text('denied_coordinates').array().notNull().default([]),
    subgraphNames: text('subgraph_names').array().notNull().default([]),
    subgraphCalls: jsonb('subgraph_calls').notNull().default([]),
    outcome: accessOutcome('outcome').notNull(),
    errorCode: text('error_code'),
    durationMs: integer('duration_ms').notNull(),
    responseBytes: integer('response_bytes').notNull().default(0),
    clientAddress: text('client_address').notNull().default(''),
    /** The `x-request-id` the client sent, if any; `request_id` is always the gateway's own. */
    clientRequestId: text('client_request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ name: 'access_log_pk', columns: [t.occurredAt, t.seq] }),
    index('access_log_client_time_idx').on(t.clientId, t.occurredAt),
    index('access_log_operation_idx').on(t.operationHash),
    index('access_log_seq_idx').on(t.seq),
    index('access_log_coordinates_gin').using('gin', t.coordinates),
    index('access_log_lookup_gin').using('gin', t.lookupHashes),
    index('access_log_subgraphs_gin').using('gin', t.subgraphNames),
  ],
);

/** Each distinct operation document, stored once per hash. */
export const operations = pgTable('operations', {
  hash: text('hash').primaryKey(),
  operationName: text('operation_name'),
  document: text('document').notNull(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The head of each hash chain ('access', 'trail'); locked by the one writer that extends it. */
export const chainHeads = pgTable('chain_heads', {
  chain: text('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Chain heads signed with the operator's Ed25519 key, so truncation and rewrites are provable.
 * Version 2 rows are chained: each signs the previous checkpoint of its chain (`prev_checkpoint_hash`)
 * and its `position` in that series; version 1 rows (stored before chaining) have neither.
 */
export const chainCheckpoints = pgTable(
  'chain_checkpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    headHash: text('head_hash').notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    position: bigint('position', { mode: 'number' }),
    prevCheckpointHash: text('prev_checkpoint_hash'),
    previousKeyId: text('previous_key_id'),
    transitionSignature: text('transition_signature'),
  },
  (t) => [
    unique('chain_checkpoints_chain_seq_uq').on(t.chain, t.seq),
    unique('chain_checkpoints_chain_position_uq').on(t.chain, t.position),
  ],
);

export type AccessLogRecord = typeof accessLog.$inferSelect;
export type NewAccessLogRecord = typeof accessLog.$inferInsert;
export type Operation = typeof operations.$inferSelect;
export type ChainHead = typeof chainHeads.$inferSelect;
export type ChainCheckpoint = typeof chainCheckpoints.$inferSelect;
