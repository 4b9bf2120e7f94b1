/** The access-log writer's options, their defaults and their checks. */
import type { DatabaseHandle } from '../../drizzle/database.ts';
import type { ChainHead, MaskOptions, MaskRules } from '../ledger/index.ts';
import { createNormalizedOperationCache, type NormalizedOperationCache } from './literals.ts';

export interface AccessLogWriterOptions {
  /** The database; with `kind: 'postgres'` the writer opens a connection of its own (see `insertPath`). */
  database: Pick<DatabaseHandle, 'db'> & Partial<Pick<DatabaseHandle, 'kind'>>;
  /**
   * Masking rules for variables and for the literal values of a document (lib/ledger/mask.ts,
   * lib/accessLog/literals.ts); default `DEFAULT_MASK_RULES` plus NIK/NIP detection.
   */
  maskRules?: MaskRules;
  /**
   * Operator secret of the lookup HMACs stored in `lookup_hashes`; evaluators search with the same
   * secret. A function is asked for each record: a running gateway follows a rotation of the secret
   * (gateway/keyRing.ts) without a restart.
   */
  lookupSecret: string | Uint8Array | (() => string | Uint8Array);
  /**
   * Largest number of rows in one transaction (default 2,000, at most 5,000). A batch holds what
   * queued while the previous one was being stored, so batches only grow this large under a backlog.
   */
  maxBatch?: number;
  /**
   * How long an idle writer gathers records before flushing (default 0: the next turn of the event
   * loop). Under load batches form without it: what arrives during a flush goes in the next one, and
   * `pacing` spaces the flushes; a wait here would only be added to every request of an idle gateway
   * (measured: the lookup at concurrency 1, bench/README.md).
   */
  maxDelayMs?: number;
  /**
   * After a flush, wait this multiple of its duration before the next one (at most `maxPauseMs`),
   * unless `maxBatch` records wait: see lib/ledger/group-commit.ts. Default 1.
   */
  pacing?: number;
  /** Longest pause `pacing` imposes (default 20 ms). */
  maxPauseMs?: number;
  /**
   * Records allowed to wait before `record()` refuses at once (default 5,000): a bound on the memory
   * and on the requests held while the database is slow, not a buffer for an outage.
   */
  maxPending?: number;
  /**
   * Deadline of one flush, in ms (default 1,500 on PostgreSQL, 10,000 on PGlite). A flush that misses
   * it fails its records (503) and its connection is dropped; with the circuit below, requests get
   * their 503 within about this long when the database stops answering.
   */
  flushTimeoutMs?: number;
  /**
   * After a flush fails because the database is unreachable or too slow, the writer refuses records
   * at once (503) and lets one flush through as a probe after `retryAfterMs` (default 250 ms,
   * doubling per failed probe up to 2 s). PostgreSQL's own errors on a batch (a refused row) do not
   * count: they fail that batch alone.
   */
  retryAfterMs?: { initial: number; max: number };
  /** Seconds to wait for a new connection of the writer before the flush fails (default 2). */
  connectTimeoutSeconds?: number;
  /** See lib/accessLog/writer.ts. Default 'closed'. */
  failMode?: 'closed' | 'open';
  /** Months ahead to keep partitioned (default 2); `false` leaves partitions alone. */
  partitions?: { monthsAhead?: number } | false;
  /** PostgreSQL `statement_timeout` inside each flush, so a stuck flush fails instead of stalling (default 10 s; 0 = none). */
  statementTimeoutMs?: number;
  /** Called after each committed batch with the new head (e.g. a checkpointer's `noteAppended`). Must not throw. */
  onCommitted?: (head: ChainHead, rows: number) => void;
  /** Where failures are reported (default: one line to stderr). */
  onError?: (message: string, error: unknown) => void;
  /** The clock, for tests (default `() => new Date()`). */
  now?: () => Date;
  /**
   * How batches reach PostgreSQL: `postgres` (default) on a connection of the writer's own, each
   * batch in one message (lib/accessLog/postgresPath.ts);
   * `drizzle`, through the handle's pool, one `INSERT … FROM json_to_recordset` in a transaction of
   * six round trips (lib/accessLog/pglitePath.ts): the path PGlite always takes, kept on PostgreSQL
   * for comparison.
   */
  insertPath?: 'postgres' | 'drizzle';
}

const MAX_BATCH_LIMIT = 5_000;

/** The options with their defaults applied; throws a RangeError for a value out of range. */
export function resolveWriterOptions(options: AccessLogWriterOptions) {
  const maxBatch = options.maxBatch ?? 2_000;
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > MAX_BATCH_LIMIT) {
    throw new RangeError(`maxBatch must be an integer between 1 and ${MAX_BATCH_LIMIT}`);
  }
  return {
    maxBatch,
    maxDelayMs: options.maxDelayMs ?? 0,
    pacing: options.pacing ?? 1,
    maxPauseMs: options.maxPauseMs ?? 20,
    maxPending: options.maxPending ?? 5_000,
    flushTimeoutMs: options.flushTimeoutMs ?? (options.database.kind === 'postgres' ? 1_500 : 10_000),
    retryAfterMs: options.retryAfterMs ?? { initial: 250, max: 2_000 },
    connectTimeoutSeconds: options.connectTimeoutSeconds ?? 2,
    failMode: options.failMode ?? 'closed',
    monthsAhead: options.partitions === false ? undefined : (options.partitions?.monthsAhead ?? 2),
    statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
    now: options.now ?? (() => new Date()),
    onError: options.onError ?? reportToStderr,
    insertPath: options.insertPath ?? 'postgres',
    mask: maskOf(options),
  };
}

/**
 * The masking options of the record being prepared (with one cache of normalized operations for the
 * writer): with a secret function, the secret of that moment.
 */
function maskOf(options: AccessLogWriterOptions): () => MaskOptions & { operations: NormalizedOperationCache } {
  const rules = options.maskRules ? { rules: options.maskRules } : {};
  const operations = createNormalizedOperationCache();
  const secret = options.lookupSecret;
  if (typeof secret !== 'function') {
    const fixed = { secret, ...rules, operations };
    return () => fixed;
  }
  return () => ({ secret: secret(), ...rules, operations });
}

function reportToStderr(message: string, error: unknown): void {
  const reason = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
  process.stderr.write(`[penghubung] ${message}: ${reason}\n`);
}
