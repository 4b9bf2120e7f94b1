/**
 * The access-log writer: turns what the gateway knows about a request (`AccessEvent`) into one
 * hash-chained row of `access_log`, durably, before the response is sent (DESIGN.md, "Data that must
 * never be lost or forged"). It is the `AccessLogAppender` the gateway writes through.
 *
 *   const writer = createAccessLogWriter({ database, lookupSecret });
 *   const gateway = await buildGateway({ ..., recordAccess: writer.record });
 *
 * Path of a record:
 * 1. `record(event)` prepares the row at once (rows.ts): requester, graph, operation, masked
 *    variables and their lookup HMACs, coordinates, subgraph calls, outcome, sizes, the row's
 *    canonical form (lib/ledger/canonical.ts). A record that cannot be stored is refused alone, not with its batch.
 * 2. A group committer (lib/ledger/group-commit.ts) gathers concurrent records; one flush at a time,
 *    in submit order, runs ONE transaction that numbers the rows and links their hashes in order
 *    (`hashRecord(prev, canonical)`) after the 'access' chain head, inserts them, inserts the
 *    operation documents not stored yet (`ON CONFLICT DO NOTHING`) and advances the head: on
 *    PostgreSQL on the writer's own connection (postgresPath.ts), on PGlite through drizzle
 *    (pglitePath.ts).
 * 3. `record()` resolves only after that commit. If the flush fails:
 *    - `failMode: 'closed'` (the default): `record()` rejects with UNAVAILABLE and the gateway answers
 *      503 — nothing is answered that is not recorded;
 *    - `failMode: 'open'`: the failure is written to stderr and `record()` resolves, so the gateway
 *      keeps serving while the log is down. This loses log records; it exists for operators who
 *      decide availability matters more, and is never the default.
 *    After a failure the next flush reads the head under its lock again: a rolled-back batch leaves
 *    no gap and no fork.
 *
 * Several gateway processes may share one PostgreSQL: the head row lock serializes their flushes,
 * and each flush links after the head it holds under that lock, so the chain stays linear.
 */
import { BrokenCircuitError, circuitBreaker, CircuitState, ConsecutiveBreaker, ExponentialBackoff, handleWhen } from 'cockatiel';
import { isDatabaseUnavailable, withDeadline } from '../databaseFaults.ts';
import { PenghubungError } from '../errors.ts';
import { createGroupCommitter, type ChainHead } from '../ledger/index.ts';
import type { AccessLogAppender, AccessLogHealth } from './appender.ts';
import type { BatchStore } from './columns.ts';
import { resolveWriterOptions, type AccessLogWriterOptions } from './options.ts';
import { createPartitionKeeper } from './partitions.ts';
import { createDrizzleBatchStore } from './pglitePath.ts';
import { createPostgresBatchStore, postgresClientOf } from './postgresPath.ts';
import type { AccessEvent, OperationDocument, PreparedAccessLogRecord } from './record.ts';
import { prepareAccessLogRecord } from './rows.ts';

/** The writer is the gateway's appender; the name stays for the places that create one. */
export type AccessLogWriter = AccessLogAppender;

const KNOWN_DOCUMENTS_LIMIT = 10_000;

const CIRCUIT_NAMES: Record<CircuitState, AccessLogHealth['circuit']> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/** The refusal while the circuit is open: the gateway answers it with 503 and `Retry-After`. */
function logUnavailable(lastFailure: { message: string } | undefined): PenghubungError {
  return new PenghubungError(
    'UNAVAILABLE',
    {
      id: 'Log akses tidak dapat dicatat karena basis data tidak menjawab; permintaan tidak dilayani. Coba lagi sebentar lagi.',
      en: 'The access log cannot be written because the database does not answer; the request was not served. Try again shortly.',
    },
    lastFailure ? { reason: lastFailure.message } : undefined,
  );
}

export function createAccessLogWriter(options: AccessLogWriterOptions): AccessLogWriter {
  const settings = resolveWriterOptions(options);
  const { db } = options.database;
  const { failMode, onError, mask } = settings;
  const partitions = createPartitionKeeper(options.database, settings);
  void partitions.ensure();

  const knownDocuments = new Set<string>();
  let head: ChainHead | undefined;
  const client = options.database.kind === 'postgres' && settings.insertPath === 'postgres' ? postgresClientOf(db) : undefined;
  const store: BatchStore = client
    ? createPostgresBatchStore(client, settings)
    : createDrizzleBatchStore(db, settings.statementTimeoutMs);

  // While the database is unreachable, records are refused at once instead of each waiting for a
  // deadline; one flush at a time probes it again, with a growing pause between probes.
  const circuit = circuitBreaker(handleWhen(isDatabaseUnavailable), {
    halfOpenAfter: new ExponentialBackoff({ initialDelay: settings.retryAfterMs.initial, maxDelay: settings.retryAfterMs.max }),
    breaker: new ConsecutiveBreaker(1),
  });
  let lastFailure: { at: Date; message: string } | undefined;

  const committer = createGroupCommitter<AccessEvent, PreparedAccessLogRecord>({
    maxBatch: settings.maxBatch,
    maxDelayMs: settings.maxDelayMs,
    pacing: settings.pacing,
    maxPauseMs: settings.maxPauseMs,
    maxPending: settings.maxPending,
    prepare: (event) => prepareAccessLogRecord(event, mask()),
    flush: async (batch) => {
      // Partitions first, outside the flush's deadline: at start and when the month turns they take
      // longer than a flush (with a deadline of their own, partitions.ts).
      await partitions.ensure();
      const documents = newDocuments(batch, knownDocuments);
      let committed: ChainHead;
      try {
        committed = await circuit.execute(() => withDeadline(store.append(batch, documents), settings.flushTimeoutMs, 'access log flush'));
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw logUnavailable(lastFailure);
        if (isDatabaseUnavailable(error)) {
          // The connection may be stuck mid-query: the next flush (the probe) opens a new one.
          store.reset();
          lastFailure = { at: new Date(), message: error instanceof Error ? error.message : String(error) };
          onError('access log flush failed; refusing records until the database answers again', error);
        }
        throw error;
      }
      lastFailure = undefined;
      head = committed;
      if (knownDocuments.size + documents.length > KNOWN_DOCUMENTS_LIMIT) knownDocuments.clear();
      for (const document of documents) knownDocuments.add(document.hash);
      try {
        options.onCommitted?.(committed, batch.length);
      } catch (error) {
        onError('access log onCommitted hook failed', error);
      }
    },
  });

  let failedOpen = 0;
  return {
    health: (): AccessLogHealth => ({
      writing: circuit.state === CircuitState.Closed,
      circuit: CIRCUIT_NAMES[circuit.state],
      ...(lastFailure ? { lastFailure: { at: lastFailure.at.toISOString(), message: lastFailure.message } } : {}),
    }),
    record(event) {
      const stored = committer.submit(event);
      if (failMode === 'closed') return stored;
      return stored.catch((error: unknown) => {
        failedOpen += 1;
        onError(`access log record ${event.requestId} LOST (fail-open mode)`, error);
      });
    },
    async close() {
      await committer.close();
      await store.close();
    },
    stats: () => ({
      ...committer.stats(),
      failMode,
      failedOpen,
      head: head ? { seq: Number(head.seq), hash: head.hash } : null,
    }),
  };
}

function newDocuments(batch: readonly PreparedAccessLogRecord[], known: ReadonlySet<string>): OperationDocument[] {
  const documents = new Map<string, OperationDocument>();
  for (const { document } of batch) {
    if (document && !known.has(document.hash) && !documents.has(document.hash)) documents.set(document.hash, document);
  }
  return [...documents.values()];
}
