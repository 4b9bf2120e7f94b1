/**
 * The access-log writer: turns what the gateway knows about a request (`AccessEvent`) into one
 * hash-chained row of `access_log`, durably, before the response is sent (DESIGN.md, "Data that must
 * never be lost or forged").
 *
 *   const writer = createAccessLogWriter({ database, lookupSecret });
 *   const gateway = await buildGateway({ ..., recordAccess: writer.record });
 *
 * Path of a record:
 * 1. `record(event)` prepares the row at once (`prepareAccessLogRecord`): requester, graph, operation,
 *    masked variables and their lookup HMACs, coordinates, subgraph calls, outcome, sizes. Text is
 *    made storable exactly as it is hashed (see `storable`), the row's canonical JSON is computed
 *    (the string `accessLogCanonicalForm` gives, built from the parts at hand) and, on PostgreSQL, so
 *    is the row's COPY text. A record that cannot be stored is refused alone, not with its batch.
 * 2. A group committer (lib/ledger/group-commit.ts) gathers concurrent records; one flush at a time,
 *    in submit order, runs ONE transaction that numbers the rows and links their hashes in order
 *    (`hashRecord(prev, canonical)`) after the 'access' chain head, inserts them, inserts the
 *    operation documents not stored yet (`ON CONFLICT DO NOTHING`) and advances the head.
 *    - On PostgreSQL (`insertPath: 'postgres'`, the default), on a connection of the writer's own
 *      (TCP_NODELAY, session statement timeout): the flush links after the head its last commit
 *      left, and the transaction first advances the head row only if it still holds that head
 *      (`UPDATE … WHERE seq = … AND hash = …`: the row lock, taken first and held to the commit),
 *      then inserts the rows: up to 32 in the same message, as JSON (one round trip), more with
 *      `COPY … FROM STDIN` (four). If another process moved the head meanwhile, the transaction is
 *      rolled back before any row is stored and the batch is linked again after the head read under
 *      its lock (`SELECT … FOR UPDATE`, genesis row inserted on first use); so is the first batch.
 *      Per flush, round trips cost more CPU than rows do at the batch sizes a gateway sees
 *      (bench/accessLog.bench.ts, bench/README.md).
 *    - On PGlite (and with `insertPath: 'drizzle'`): lock and read the head, link, one INSERT from
 *      `json_to_recordset`, advance the head, through drizzle.
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
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import postgres, { type Sql, type TransactionSql } from 'postgres';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { accessLog, chainHeads, operations } from '../../drizzle/schema/index.ts';
import type { AccessOutcome } from '../../drizzle/schema/log.ts';
import { accessedOperationOf } from '../../gateway/accessLog/operation.ts';
import type { AccessEvent } from '../../gateway/buildGateway.ts';
import { PenghubungError } from '../errors.ts';
import {
  appendToChain,
  canonicalize,
  createGroupCommitter,
  GENESIS_HASH,
  linkRecords,
  maskVariables,
  type CanonicalRecord,
  type ChainAppendTransaction,
  type ChainedRecord,
  type ChainHead,
  type GroupCommitStats,
  type MaskRules,
} from '../ledger/index.ts';
import { ensureMonthlyPartitions, partitionFor } from './partitions.ts';

export const ACCESS_CHAIN = 'access';

/**
 * The columns of an access-log row that its hash covers: every column except `seq`, `prev_hash` and
 * `hash`. `seq` is the row's position, fixed by the chain itself: the verifier requires contiguous
 * sequence numbers whose rows link hash to hash from genesis, so renumbering, swapping or removing
 * rows breaks a link even though `seq` is not inside the hash.
 */
export interface AccessLogEntry {
  /** When the gateway received the request (JS Date, millisecond precision: stored and hashed alike). */
  occurredAt: Date;
  requestId: string;
  clientId: string | null;
  credentialId: string | null;
  graph: string;
  operationName: string | null;
  operationHash: string | null;
  /** The variables as masked for the log (jsonb); null when the request carried none. */
  variables: unknown;
  lookupHashes: string[];
  coordinates: string[];
  deniedCoordinates: string[];
  subgraphNames: string[];
  /** `[{ subgraph, status, durationMs, error? }]` (jsonb). */
  subgraphCalls: unknown;
  outcome: AccessOutcome;
  errorCode: string | null;
  durationMs: number;
  responseBytes: number;
  clientAddress: string;
}

/**
 * The canonical form an access-log row is hashed over (format v1): the canonical JSON
 * (lib/ledger/canonical.ts: keys sorted, no whitespace) of the object
 *
 *   { clientAddress, clientId, coordinates, credentialId, deniedCoordinates, durationMs, errorCode,
 *     graph, lookupHashes, occurredAt, operationHash, operationName, outcome, requestId,
 *     responseBytes, subgraphCalls, subgraphNames, variables }
 *
 * with the row's values: `occurredAt` as ISO 8601 UTC with milliseconds, absent values as `null`,
 * arrays in stored order, `variables` and `subgraphCalls` as the JSON jsonb gives back. Accepts a row
 * read from the database (extra columns are ignored), so the verifier recomputes exactly this.
 * `hash = SHA-256(prev_hash + "\n" + accessLogCanonicalForm(row))`.
 */
export function accessLogCanonicalForm(row: AccessLogEntry): string {
  return canonicalize({
    occurredAt: row.occurredAt,
    requestId: row.requestId,
    clientId: row.clientId ?? null,
    credentialId: row.credentialId ?? null,
    graph: row.graph,
    operationName: row.operationName ?? null,
    operationHash: row.operationHash ?? null,
    variables: row.variables ?? null,
    lookupHashes: row.lookupHashes,
    coordinates: row.coordinates,
    deniedCoordinates: row.deniedCoordinates,
    subgraphNames: row.subgraphNames,
    subgraphCalls: row.subgraphCalls,
    outcome: row.outcome,
    errorCode: row.errorCode ?? null,
    durationMs: row.durationMs,
    responseBytes: row.responseBytes,
    clientAddress: row.clientAddress,
  });
}

export interface AccessLogWriterOptions {
  /** The database; with `kind: 'postgres'` the writer opens a connection of its own (see `insertPath`). */
  database: Pick<DatabaseHandle, 'db'> & Partial<Pick<DatabaseHandle, 'kind'>>;
  /** Masking rules for variables (lib/ledger/mask.ts); default `DEFAULT_MASK_RULES` plus NIK/NIP detection. */
  maskRules?: MaskRules;
  /** Operator secret of the lookup HMACs stored in `lookup_hashes`; evaluators search with the same secret. */
  lookupSecret: string | Uint8Array;
  /**
   * Largest number of rows in one transaction (default 2,000, at most 5,000). A batch holds what
   * queued while the previous one was being stored, so batches only grow this large under a backlog.
   */
  maxBatch?: number;
  /** How long an idle writer gathers records before flushing (default 2 ms). */
  maxDelayMs?: number;
  /**
   * After a flush, wait this multiple of its duration before the next one (at most `maxPauseMs`),
   * unless `maxBatch` records wait: see lib/ledger/group-commit.ts. Default 1.
   */
  pacing?: number;
  /** Longest pause `pacing` imposes (default 20 ms). */
  maxPauseMs?: number;
  /** Records allowed to wait before `record()` refuses at once (default 100 × maxBatch). */
  maxPending?: number;
  /** See the file comment. Default 'closed'. */
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
   * How batches reach PostgreSQL: `postgres` (default) on a connection of the writer's own, in one
   * message for a few rows and with `COPY … FROM STDIN` for many (see `createPostgresAppender`);
   * `drizzle`, through the handle's pool, one `INSERT … FROM json_to_recordset` in a transaction of
   * six round trips: the path PGlite always takes, kept on PostgreSQL for comparison.
   */
  insertPath?: 'postgres' | 'drizzle';
}

export interface AccessLogWriterStats extends GroupCommitStats {
  failMode: 'closed' | 'open';
  /** Records whose failure was swallowed in fail-open mode (lost from the log). */
  failedOpen: number;
  /** The head after the last batch this writer committed. */
  head: { seq: number; hash: string } | null;
}

export interface AccessLogWriter {
  /** Stores the request's row; resolves after commit (fail closed) — use as `recordAccess`. */
  record(event: AccessEvent): Promise<void>;
  /** Refuses new records, flushes the pending ones, resolves when done. Does not close the database. */
  close(): Promise<void>;
  stats(): AccessLogWriterStats;
}

/** An operation document to store once per hash. */
export interface OperationDocument {
  hash: string;
  operationName: string | null;
  document: string;
}

/** A record ready to be linked: the row, its canonical form, and on the COPY path its COPY text. */
export interface PreparedAccessLogRecord extends CanonicalRecord<AccessLogEntry> {
  document: OperationDocument | null;
  /**
   * The row's columns from `occurred_at` to `client_address` in COPY text format (tab-separated,
   * escaped); `seq`, `prev_hash` and `hash` are added when the batch is linked. Null on the drizzle path.
   */
  copyColumns: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MAX = 2_147_483_647;
const MAX_BATCH_LIMIT = 5_000;
const DEFAULT_MAX_BATCH = 2_000;
const DEFAULT_PACING = 1;
const KNOWN_DOCUMENTS_LIMIT = 10_000;
const PARTITION_RETRY_MS = 60_000;

export function createAccessLogWriter(options: AccessLogWriterOptions): AccessLogWriter {
  const { db } = options.database;
  const failMode = options.failMode ?? 'closed';
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > MAX_BATCH_LIMIT) {
    throw new RangeError(`maxBatch must be an integer between 1 and ${MAX_BATCH_LIMIT}`);
  }
  const statementTimeoutMs = options.statementTimeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  const onError =
    options.onError ??
    ((message: string, error: unknown) => {
      const reason = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
      process.stderr.write(`[penghubung] ${message}: ${reason}\n`);
    });
  const mask = { secret: options.lookupSecret, ...(options.maskRules ? { rules: options.maskRules } : {}) };

  // Partitions: ensured at start and again whenever the month of `now()` changes. A failure is
  // reported and retried later; rows meanwhile land in the default partition, as durable as anywhere.
  const monthsAhead = options.partitions === false ? undefined : (options.partitions?.monthsAhead ?? 2);
  let partitionMonth: string | undefined;
  let partitionRetryAt = 0;
  let partitionWork: Promise<void> | undefined;
  const ensurePartitions = (): Promise<void> => {
    if (monthsAhead === undefined) return Promise.resolve();
    const at = now();
    const month = partitionFor(at).name;
    if (month === partitionMonth || at.getTime() < partitionRetryAt) return partitionWork ?? Promise.resolve();
    partitionWork = ensureMonthlyPartitions(options.database, { monthsAhead, from: at }).then(
      () => {
        partitionMonth = month;
      },
      (error: unknown) => {
        partitionRetryAt = at.getTime() + PARTITION_RETRY_MS;
        onError('access log partitions could not be created (rows go to access_log_default)', error);
      },
    );
    return partitionWork;
  };
  void ensurePartitions();

  const knownDocuments = new Set<string>();
  let head: ChainHead | undefined;
  const client = options.database.kind === 'postgres' && (options.insertPath ?? 'postgres') === 'postgres' ? postgresClientOf(db) : undefined;
  const appender = client ? createPostgresAppender(client, statementTimeoutMs) : undefined;

  const committer = createGroupCommitter<AccessEvent, PreparedAccessLogRecord>({
    maxBatch,
    maxDelayMs: options.maxDelayMs ?? 2,
    pacing: options.pacing ?? DEFAULT_PACING,
    maxPauseMs: options.maxPauseMs ?? 20,
    ...(options.maxPending === undefined ? {} : { maxPending: options.maxPending }),
    prepare: (event) => prepareAccessLogRecord(event, mask, { copy: appender !== undefined }),
    flush: async (batch) => {
      await ensurePartitions();
      const documents = newDocuments(batch, knownDocuments);
      const committed = appender
        ? await appender.append(batch, documents)
        : await db.transaction(async (tx) => {
            if (statementTimeoutMs > 0) await tx.execute(sql.raw(`set local statement_timeout = ${Math.floor(statementTimeoutMs)}`));
            const appended = await appendToChain(accessChainTransaction(tx), ACCESS_CHAIN, batch);
            if (documents.length > 0) await tx.insert(operations).values(documents).onConflictDoNothing();
            return appended.head;
          });
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
      await appender?.close();
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

/** Columns of `access_log` as the flush inserts them: column, SQL type, key in the JSON of a row. */
const INSERT_COLUMNS: readonly (readonly [string, string, keyof AccessLogEntry | 'seq' | 'prevHash' | 'hash'])[] = [
  ['seq', 'bigint', 'seq'],
  ['occurred_at', 'timestamptz', 'occurredAt'],
  ['request_id', 'text', 'requestId'],
  ['client_id', 'uuid', 'clientId'],
  ['credential_id', 'uuid', 'credentialId'],
  ['graph', 'text', 'graph'],
  ['operation_name', 'text', 'operationName'],
  ['operation_hash', 'text', 'operationHash'],
  ['variables', 'jsonb', 'variables'],
  ['lookup_hashes', 'text[]', 'lookupHashes'],
  ['coordinates', 'text[]', 'coordinates'],
  ['denied_coordinates', 'text[]', 'deniedCoordinates'],
  ['subgraph_names', 'text[]', 'subgraphNames'],
  ['subgraph_calls', 'jsonb', 'subgraphCalls'],
  ['outcome', 'access_outcome', 'outcome'],
  ['error_code', 'text', 'errorCode'],
  ['duration_ms', 'integer', 'durationMs'],
  ['response_bytes', 'integer', 'responseBytes'],
  ['client_address', 'text', 'clientAddress'],
  ['prev_hash', 'text', 'prevHash'],
  ['hash', 'text', 'hash'],
];

const INSERT_TARGET_TEXT = `(${INSERT_COLUMNS.map(([column]) => column).join(', ')}) select ${INSERT_COLUMNS.map(([, , key]) => `"${key}"`).join(', ')}`;
const INSERT_TARGET = sql.raw(INSERT_TARGET_TEXT);
const INSERT_RECORD = sql.raw(`as batch(${INSERT_COLUMNS.map(([, type, key]) => `"${key}" ${type}`).join(', ')})`);

/** The chain head store and row insert of the 'access' chain, inside the flush's transaction. */
function accessChainTransaction(tx: Executor): ChainAppendTransaction<AccessLogEntry> {
  const readHead = async () => {
    const [row] = await tx
      .select({ seq: chainHeads.seq, hash: chainHeads.hash })
      .from(chainHeads)
      .where(eq(chainHeads.chain, ACCESS_CHAIN))
      .for('update');
    return row;
  };
  return {
    async lockAndRead() {
      let row = await readHead();
      if (!row) {
        await tx.insert(chainHeads).values({ chain: ACCESS_CHAIN, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
        row = await readHead();
      }
      if (!row) throw new Error('access chain head missing after insert');
      return { seq: BigInt(row.seq), hash: row.hash };
    },
    async insert(_chain, rows) {
      // One multi-row INSERT with one parameter: the batch as JSON, unpacked by json_to_recordset.
      // (drizzle's `insert().values(rows)` spends ~0.3 ms per row building 21 bind parameters each;
      // this costs one JSON.stringify.) JSON strings, arrays and objects arrive in the columns exactly
      // as they do through bind parameters, so what is stored is still what was hashed.
      const payload = JSON.stringify(rows.map(({ record, seq, prevHash, hash }) => ({ ...record, seq: Number(seq), prevHash, hash })));
      await tx.execute(sql`insert into ${accessLog} ${INSERT_TARGET} from json_to_recordset(${payload}::json) ${INSERT_RECORD}`);
    },
    async advance(_chain, seq, hash) {
      await tx
        .update(chainHeads)
        .set({ seq: Number(seq), hash, updatedAt: sql`now()` })
        .where(eq(chainHeads.chain, ACCESS_CHAIN));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The PostgreSQL path

/** The postgres.js client under a drizzle handle of kind 'postgres' (drizzle keeps it as `$client`). */
function postgresClientOf(db: unknown): Sql | undefined {
  const client = (db as { $client?: Sql }).$client;
  return typeof client?.begin === 'function' && typeof client.options === 'object' ? client : undefined;
}

/**
 * The writer's own connection, to the database of the handle's pool, so that:
 * - TCP_NODELAY is set: a COPY sends its data and its end as two writes with no answer in between,
 *   and with Nagle's algorithm on (postgres.js leaves it on) the second waits for the server's
 *   delayed ACK, 40 ms on Linux, in every flush (measured: 12 flushes/s instead of 557);
 * - the flushes, which hold the chain head's lock, never queue behind the gateway's other queries
 *   for a pool connection;
 * - `statement_timeout` is a session setting, not one more statement per flush; and the connection
 *   is named `penghubung-access-log` in pg_stat_activity.
 * A connection that breaks is opened again by postgres.js on the next flush.
 */
function openWriterConnection(shared: Sql, statementTimeoutMs: number): Sql {
  const { host, port, path, database, user, pass, ssl, connect_timeout: connectTimeout, connection } = shared.options;
  const options = {
    host,
    port,
    ...(path ? { path } : {}),
    database,
    user,
    pass,
    ssl,
    connect_timeout: connectTimeout,
    max: 1,
    fetch_types: false,
    onnotice: () => {},
    connection: {
      ...connection,
      application_name: 'penghubung-access-log',
      ...(statementTimeoutMs > 0 ? { statement_timeout: String(Math.floor(statementTimeoutMs)) } : {}),
    },
    // postgres.js's documented custom-socket hook (absent from its type definitions): it expects a
    // connected socket.
    socket: () => connectNoDelay(path ? { path } : { host: host[0]!, port: port[0]! }, connectTimeout),
  };
  return postgres(options as unknown as postgres.Options<Record<string, never>>) as unknown as Sql;
}

function connectNoDelay(address: { path: string } | { host: string; port: number }, timeoutSeconds: number | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = 'path' in address ? connect({ path: address.path }) : connect({ host: address.host, port: address.port, noDelay: true });
    const timer = setTimeout(() => socket.destroy(new Error(`connect to PostgreSQL timed out after ${timeoutSeconds ?? 30} s`)), (timeoutSeconds ?? 30) * 1_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', reject);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The head this process last committed is not the head any more: another process appended. */
class HeadMoved extends Error {
  override readonly name = 'HeadMoved';
}

/**
 * Batches up to this many rows go in as one message (`appendStatements`), larger ones with COPY
 * (`appendWithCopy`). Measured on the CI machine (2 cores, PostgreSQL 15, the planned indexes): COPY
 * costs the server about 25 µs of CPU per row against about 55 µs for the INSERT from JSON, but
 * needs three more round trips, each ~0.1 ms of server CPU and ~0.15 ms of this process's; so COPY
 * pays from about 25 rows on.
 */
const ONE_MESSAGE_MAX_ROWS = 32;
const HEAD_MOVED = 'access chain head moved';
const COPY_SQL = `copy access_log (${INSERT_COLUMNS.map(([column]) => column).join(', ')}) from stdin with (encoding 'utf8')`;
const JSON_ROWS_TYPE = `(${INSERT_COLUMNS.map(([, type, key]) => `"${key}" ${type}`).join(', ')})`;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

interface PostgresAppender {
  /** Links `batch` after the chain head and stores it in one transaction; resolves with the new head once committed. */
  append(batch: readonly PreparedAccessLogRecord[], documents: readonly OperationDocument[]): Promise<ChainHead>;
  /** Closes the connection (after the last append). */
  close(): Promise<void>;
}

/**
 * Appends batches to the 'access' chain on PostgreSQL, on the writer's own connection
 * (`openWriterConnection`), each batch in one transaction that first moves the chain head from the
 * head this appender's last commit left (`UPDATE … WHERE seq = <expected> AND hash = <expected>`: it
 * takes the head row's lock, held to the commit) and then inserts the rows linked after it:
 * - up to ONE_MESSAGE_MAX_ROWS rows: one Query message of several statements, which PostgreSQL runs
 *   as one transaction (committed, or rolled back whole, before it answers): one round trip;
 * - more: `begin`; the UPDATE and `COPY … FROM STDIN`; the rows; `commit`: four round trips.
 * If the UPDATE matches no row, another process appended: the transaction is rolled back before any
 * row is stored, and the batch is linked again after the head read under its lock (`SELECT … FOR
 * UPDATE` in an explicit transaction, genesis row inserted on first use), as is the first batch and
 * any batch after a failure.
 */
function createPostgresAppender(shared: Sql, statementTimeoutMs: number): PostgresAppender {
  let connection: Sql | undefined;
  let known: ChainHead | undefined;

  const append = async (sql: Sql, expected: ChainHead | undefined, batch: readonly PreparedAccessLogRecord[], documents: readonly OperationDocument[]) => {
    if (expected && batch.length <= ONE_MESSAGE_MAX_ROWS) {
      const { last, statements } = appendStatements(expected, batch, documents);
      try {
        await sql.unsafe(statements);
      } catch (error) {
        throw isHeadMoved(error) ? new HeadMoved(`${HEAD_MOVED} from seq ${expected.seq}`) : error;
      }
      return last;
    }
    return sql.begin(async (tx) => {
      const head = expected ?? (await lockHead(tx));
      if (batch.length > ONE_MESSAGE_MAX_ROWS) return appendWithCopy(tx, head, batch, documents);
      const { last, statements } = appendStatements(head, batch, documents);
      await tx.unsafe(statements);
      return last;
    });
  };

  return {
    async append(batch, documents) {
      connection ??= openWriterConnection(shared, statementTimeoutMs);
      const sql = connection;
      const expected = known;
      known = undefined; // until this batch commits: a failure sends the next one to the locked read
      let committed: ChainHead;
      try {
        committed = await append(sql, expected, batch, documents);
      } catch (error) {
        if (!(error instanceof HeadMoved)) throw error;
        committed = await append(sql, undefined, batch, documents);
      }
      known = committed;
      return committed;
    },
    async close() {
      const open = connection;
      connection = undefined;
      await open?.end({ timeout: 5 });
    },
  };
}

async function lockHead(tx: TransactionSql): Promise<ChainHead> {
  void tx.unsafe(`insert into chain_heads (chain, seq, hash) values ('${ACCESS_CHAIN}', 0, '${GENESIS_HASH}') on conflict do nothing`).execute();
  const [row] = await tx.unsafe<{ seq: string; hash: string }[]>(`select seq::text as seq, hash from chain_heads where chain = '${ACCESS_CHAIN}' for update`);
  if (!row) throw new Error('access chain head missing after insert');
  return { seq: BigInt(row.seq), hash: row.hash };
}

function isHeadMoved(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === '22P02' && error.message.includes(HEAD_MOVED);
}

/** `UPDATE chain_heads` from `head` to `last`; values inlined: bigints, and hashes checked to be 64 hex digits. */
function advanceSql(head: ChainHead, last: ChainHead): string {
  if (!HEX_SHA256.test(head.hash) || !HEX_SHA256.test(last.hash)) throw new Error('access chain hash is not 64 hex digits');
  return (
    `update chain_heads set seq = ${last.seq}, hash = '${last.hash}', updated_at = now() ` +
    `where chain = '${ACCESS_CHAIN}' and seq = ${head.seq} and hash = '${head.hash}'`
  );
}

/** `text` as a dollar-quoted SQL literal: no escaping, whatever `standard_conforming_strings` says. */
function dollarQuoted(text: string): string {
  let tag = '$log$';
  while (text.includes(tag)) tag = `$log_${randomBytes(6).toString('hex')}$`;
  return `${tag}${text}${tag}`;
}

/**
 * The statements of a batch in one Query message: the head moved from `head` (an error, which rolls
 * everything back, if it was not there: casting the message to an integer fails with it), the rows
 * from JSON — each row's canonical form is a JSON object of its columns, so `seq`, `prevHash` and
 * `hash` are added to it and nothing else is serialized — and the new operation documents.
 */
function appendStatements(
  head: ChainHead,
  batch: readonly PreparedAccessLogRecord[],
  documents: readonly OperationDocument[],
): { last: ChainHead; statements: string } {
  const linked = linkRecords(head, batch);
  let rows = '[';
  for (let index = 0; index < linked.length; index += 1) {
    const { seq, prevHash, hash, canonical } = linked[index]!;
    rows += `${index === 0 ? '' : ','}{"seq":${seq},"prevHash":"${prevHash}","hash":"${hash}",${canonical.slice(1)}`;
  }
  const last = linked[linked.length - 1]!;
  let statements =
    `with advanced as (${advanceSql(head, last)} returning 1) ` +
    `select cast(case when count(*) = 1 then '1' else '${HEAD_MOVED}' end as integer) from advanced;\n` +
    `insert into access_log ${INSERT_TARGET_TEXT} from jsonb_to_recordset(${dollarQuoted(`${rows}]`)}) as batch${JSON_ROWS_TYPE};`;
  if (documents.length > 0) {
    statements +=
      '\ninsert into operations (hash, operation_name, document) select hash, "operationName", document ' +
      `from jsonb_to_recordset(${dollarQuoted(JSON.stringify(documents))}) as d(hash text, "operationName" text, document text) on conflict do nothing;`;
  }
  return { last: { seq: last.seq, hash: last.hash }, statements };
}

/**
 * The rows of a batch with COPY, in the open transaction `tx`: the head moved first (lock), then the
 * rows, then the documents.
 *
 * postgres.js 3.4 never finishes a COPY writable the server rejected after its data, and drops the
 * error (porsager/postgres#1173): awaiting 'finish' would hang the flush and leak the connection in
 * an aborted transaction. So the statement after the COPY is what tells: in an aborted transaction
 * it fails, the transaction is rolled back and the batch's submits reject (fail closed).
 */
async function appendWithCopy(
  tx: TransactionSql,
  head: ChainHead,
  batch: readonly PreparedAccessLogRecord[],
  documents: readonly OperationDocument[],
): Promise<ChainHead> {
  const { rows, last } = linkForCopy(head, batch);
  const advanced = tx.unsafe(advanceSql(head, last)).execute();
  const stream = await tx.unsafe(COPY_SQL).writable();
  // The UPDATE was answered before the server asked for the COPY data.
  const moved = (await advanced).count !== 1;
  await endCopy(stream, moved ? '' : rows);
  if (moved) throw new HeadMoved(`${HEAD_MOVED} from seq ${head.seq}`);
  try {
    if (documents.length > 0) {
      await tx.unsafe(
        'insert into operations (hash, operation_name, document) select hash, "operationName", document ' +
          `from jsonb_to_recordset(${dollarQuoted(JSON.stringify(documents))}) as d(hash text, "operationName" text, document text) on conflict do nothing`,
      );
    } else {
      await tx.unsafe('select 1');
    }
  } catch (error) {
    // 25P02, in_failed_sql_transaction: the COPY failed, and postgres.js dropped its error.
    if ((error as { code?: unknown }).code !== '25P02') throw error;
    throw new Error(`COPY of ${batch.length} rows into access_log failed (the PostgreSQL server log has the reason)`, { cause: error });
  }
  return last;
}

/** Numbers and links `batch` after `head`; the COPY text of its rows and the new head. */
function linkForCopy(head: ChainHead, batch: readonly PreparedAccessLogRecord[]): { rows: string; last: ChainHead } {
  const linked: ChainedRecord<AccessLogEntry>[] = linkRecords(head, batch);
  let rows = '';
  for (let index = 0; index < linked.length; index += 1) {
    const { seq, prevHash, hash } = linked[index]!;
    rows += `${seq}\t${batch[index]!.copyColumns}\t${prevHash}\t${hash}\n`;
  }
  const last = linked[linked.length - 1]!;
  return { rows, last: { seq: last.seq, hash: last.hash } };
}

/**
 * Sends `data` and the end of the COPY data. Resolves once the data is handed to the socket, not on
 * the server's answer (see `appendWithCopy`): the caller's next statement reports a failure.
 */
function endCopy(stream: Writable, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = () => {
      // postgres.js sends CopyDone and leaves copy mode in `_final`, which `end()` calls at once when
      // nothing is left to write (Node ≥ 18), so the next statement can be queued right after.
      stream.end();
      resolve();
    };
    if (data.length === 0) return end();
    stream.write(data, (error) => (error ? reject(error) : end()));
  });
}

// ---------------------------------------------------------------------------------------------
// Building the row

/**
 * The row of one request, and its operation document if it carried one. Pure; exported for tests.
 * Outcome: `unauthenticated` when authentication refused the request; otherwise what the access-log
 * plugin found (gateway/accessLog/plugin.ts); when the request never reached GraphQL execution
 * (unknown graph, a malformed HTTP request) `error`, with the code of the error the response carries.
 */
export function buildAccessLogEntry(
  event: AccessEvent,
  mask: { secret: string | Uint8Array; rules?: MaskRules },
): { entry: AccessLogEntry; document: OperationDocument | null } {
  const { entry, document } = buildRow(event, mask);
  return { entry, document };
}

/**
 * `buildAccessLogEntry`, with the row's canonical form (the very string `accessLogCanonicalForm`
 * gives, built from the parts at hand instead of walking the row again) and, with `copy`, its COPY
 * text. What the writer queues; exported for tests.
 */
export function prepareAccessLogRecord(
  event: AccessEvent,
  mask: { secret: string | Uint8Array; rules?: MaskRules },
  options: { copy: boolean } = { copy: false },
): PreparedAccessLogRecord {
  const row = buildRow(event, mask);
  return {
    record: row.entry,
    canonical: flattened(canonicalFormOf(row)),
    document: row.document,
    copyColumns: options.copy ? flattened(copyColumnsOf(row)) : null,
  };
}

/**
 * `text` in one piece. A string built by concatenation is a tree of its parts in V8 until something
 * reads it as a whole; a record waits in the queue for a flush, long enough for its trees to be
 * copied to the old generation, and collecting them then cost more than all the rest of the writer's
 * work (measured: 103 → 68 µs of CPU per record, bench/accessLog.bench.ts). Reading one character
 * makes V8 flatten the string in place. An optimization only: the value is the same either way.
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}

interface BuiltRow {
  entry: AccessLogEntry;
  document: OperationDocument | null;
  /** Canonical JSON of `entry.variables` and `entry.subgraphCalls`: also their jsonb text. */
  variablesJson: string;
  callsJson: string;
  /** JSON of the string arrays, for the canonical form and the COPY text alike. */
  lookupHashesJson: string;
  coordinatesJson: string;
  deniedCoordinatesJson: string;
  subgraphNamesJson: string;
}

function buildRow(event: AccessEvent, mask: { secret: string | Uint8Array; rules?: MaskRules }): BuiltRow {
  const context = event.context;
  const operation = context ? accessedOperationOf(context) : undefined;
  const requester = context?.requester ?? null;
  if (requester) {
    assertUuid('clientId', requester.clientId);
    assertUuid('credentialId', requester.credentialId);
  }

  let outcome: AccessOutcome;
  let errorCode: string | null;
  if (event.authenticationError) {
    outcome = 'unauthenticated';
    errorCode = event.authenticationError.code;
  } else if (operation) {
    outcome = operation.outcome;
    errorCode = operation.errorCode;
  } else {
    outcome = 'error';
    errorCode = errorCodeOfBody(event.responseBody) ?? (event.statusCode >= 400 ? `HTTP_${event.statusCode}` : null);
  }

  let variables: unknown = null;
  let variablesJson = 'null';
  let lookupHashes: string[] = [];
  if (operation?.variables && !event.authenticationError) {
    const masked = maskVariables(operation.variables, mask);
    ({ value: variables, canonical: variablesJson } = storableWithCanonical(masked.variables));
    lookupHashes = masked.lookups;
  }

  const authorization = context?.authorization;
  const coordinates = operation?.coordinates ?? authorization?.coordinates ?? [];
  const denied = operation?.deniedCoordinates ?? authorization?.denied ?? [];
  const calls = (context?.subgraphCalls ?? []).map((call) => ({
    subgraph: call.subgraph,
    status: call.status,
    durationMs: call.durationMs,
    ...(call.error === undefined ? {} : { error: call.error }),
  }));
  const storedCalls = callsWithCanonical(calls);

  const entry: AccessLogEntry = {
    occurredAt: new Date(event.receivedAt.getTime()),
    requestId: text(event.requestId),
    clientId: requester?.clientId.toLowerCase() ?? null,
    credentialId: requester?.credentialId.toLowerCase() ?? null,
    graph: text(event.graph),
    operationName: nullableText(operation?.name),
    operationHash: nullableText(operation?.hash),
    variables,
    lookupHashes,
    coordinates: coordinates.map(text),
    deniedCoordinates: denied.map(text),
    subgraphNames: [...new Set(calls.map((call) => text(call.subgraph)))].sort(),
    subgraphCalls: storedCalls.value,
    outcome,
    errorCode: nullableText(errorCode),
    durationMs: clampInt(event.durationMs),
    responseBytes: clampInt(Buffer.byteLength(event.responseBody, 'utf8')),
    clientAddress: text(event.clientAddress),
  };

  const document =
    operation?.hash && operation.document
      ? { hash: text(operation.hash), operationName: nullableText(operation.name), document: text(operation.document) }
      : null;
  return {
    entry,
    document,
    variablesJson,
    callsJson: storedCalls.canonical,
    lookupHashesJson: JSON.stringify(entry.lookupHashes),
    coordinatesJson: JSON.stringify(entry.coordinates),
    deniedCoordinatesJson: JSON.stringify(entry.deniedCoordinates),
    subgraphNamesJson: JSON.stringify(entry.subgraphNames),
  };
}

function assertUuid(name: string, value: string | null | undefined): void {
  if (value != null && !UUID.test(value)) {
    throw new PenghubungError('INTERNAL', {
      id: `Log akses: ${name} peminta bukan UUID (${String(value).slice(0, 40)}).`,
      en: `Access log: the requester's ${name} is not a UUID (${String(value).slice(0, 40)}).`,
    });
  }
}

const json = (value: string | number): string => JSON.stringify(value);
const nullableJson = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * `accessLogCanonicalForm(entry)` for a row built by `buildRow`, members written in their canonical
 * (sorted) order. Every member is a string, a string array, an integer, null, the Date, or one of the
 * two JSON values whose canonical JSON is at hand; for those, JSON.stringify renders exactly what
 * `canonicalize` renders. tests/log/storage.test.ts holds the two functions to the same output.
 */
function canonicalFormOf(row: BuiltRow): string {
  const { entry } = row;
  return (
    `{"clientAddress":${json(entry.clientAddress)},"clientId":${nullableJson(entry.clientId)}` +
    `,"coordinates":${row.coordinatesJson},"credentialId":${nullableJson(entry.credentialId)}` +
    `,"deniedCoordinates":${row.deniedCoordinatesJson},"durationMs":${json(entry.durationMs)}` +
    `,"errorCode":${nullableJson(entry.errorCode)},"graph":${json(entry.graph)}` +
    `,"lookupHashes":${row.lookupHashesJson},"occurredAt":"${entry.occurredAt.toISOString()}"` +
    `,"operationHash":${nullableJson(entry.operationHash)},"operationName":${nullableJson(entry.operationName)}` +
    `,"outcome":${json(entry.outcome)},"requestId":${json(entry.requestId)}` +
    `,"responseBytes":${json(entry.responseBytes)},"subgraphCalls":${row.callsJson}` +
    `,"subgraphNames":${row.subgraphNamesJson},"variables":${row.variablesJson}}`
  );
}

// COPY text format: columns separated by tabs, `\N` for NULL, and in values backslash, newline,
// carriage return and tab escaped with a backslash. Arrays are array literals ({"a","b"}) whose
// elements are quoted, with `"` and `\` escaped inside the quotes, before the COPY escaping.
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const ARRAY_ELEMENT_SPECIALS = /["\\]/g;

function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, (character) => COPY_ESCAPES[character]!) : value;
}

function copyNullable(value: string | null): string {
  return value === null ? '\\N' : copyText(value);
}

// In JSON.stringify's output of a string array, an escape other than \" and \\ (a control character, a
// lone surrogate) means the JSON cannot serve as the array literal.
const JSON_ESCAPE_BEYOND_ARRAY_LITERAL = /\\[^"\\]/;

/** The COPY text of a text[] value, from its JSON when that is also its array literal (`["a"]` → `{"a"}`). */
function copyArray(values: readonly string[], valuesJson: string): string {
  if (values.length === 0) return '{}';
  if (!JSON_ESCAPE_BEYOND_ARRAY_LITERAL.test(valuesJson)) return copyText(`{${valuesJson.slice(1, -1)}}`);
  let literal = '{';
  for (let index = 0; index < values.length; index += 1) {
    literal += `${index === 0 ? '' : ','}"${values[index]!.replace(ARRAY_ELEMENT_SPECIALS, '\\$&')}"`;
  }
  return copyText(`${literal}}`);
}

/** The COPY text of the columns `occurred_at` … `client_address` (INSERT_COLUMNS without its first and last two). */
function copyColumnsOf(row: BuiltRow): string {
  const { entry } = row;
  return (
    `${entry.occurredAt.toISOString()}\t${copyText(entry.requestId)}\t${copyNullable(entry.clientId)}` +
    `\t${copyNullable(entry.credentialId)}\t${copyText(entry.graph)}\t${copyNullable(entry.operationName)}` +
    `\t${copyNullable(entry.operationHash)}\t${entry.variables === null ? '\\N' : copyText(row.variablesJson)}` +
    `\t${copyArray(entry.lookupHashes, row.lookupHashesJson)}\t${copyArray(entry.coordinates, row.coordinatesJson)}` +
    `\t${copyArray(entry.deniedCoordinates, row.deniedCoordinatesJson)}\t${copyArray(entry.subgraphNames, row.subgraphNamesJson)}` +
    `\t${copyText(row.callsJson)}\t${entry.outcome}\t${copyNullable(entry.errorCode)}` +
    `\t${entry.durationMs}\t${entry.responseBytes}\t${copyText(entry.clientAddress)}`
  );
}

/** The hex SHA-256 of a document source, as Apollo Server's `queryHash`. */
export function operationHashOf(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

function errorCodeOfBody(body: string): string | null {
  if (body.length === 0 || body.length > 65_536) return null;
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    const code = parsed.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

function clampInt(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(Math.round(value), INT32_MAX);
}

// PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses unpaired surrogates (a driver would
// turn them into U+FFFD in text columns). Either would fail the whole batch, or store something other
// than what was hashed. Both become U+FFFD before hashing: what is hashed is what is stored.
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex -- as above
const UNSTORABLE_AT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- as above
const NUL_OR_SURROGATE = /[\u0000\ud800-\udfff]/;

/** Whether `value` holds U+0000 or a lone surrogate. A plain character class first: most text has neither. */
function hasUnstorable(value: string): boolean {
  return NUL_OR_SURROGATE.test(value) && UNSTORABLE_AT.test(value);
}

function text(value: string): string {
  return hasUnstorable(value) ? value.replace(UNSTORABLE, '\ufffd') : value;
}

function nullableText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : text(value);
}

/**
 * A JSON value exactly as a jsonb column gives it back: a JSON round trip (dates as ISO strings,
 * undefined members dropped, non-finite numbers as null), then unstorable characters replaced in
 * strings and keys. Numbers survive jsonb unchanged (numeric keeps the shortest round-trip digits).
 */
export function storable(value: unknown): unknown {
  return storableWithCanonical(value).value;
}

// In JSON.stringify's output, U+0000 and lone surrogates appear only as \u0000 and \udXXX escapes.
// (A backslash in the data is `\\`, so `\\u0000` also matches: a harmless false alarm.)
const MAY_BE_UNSTORABLE = /\\u(?:0000|d[89a-f])/;

/**
 * `storable(value)` and its canonical JSON, which is also the text to store it as jsonb. A value that
 * is plain storable JSON already (what the gateway's variables and subgraph calls are) is kept as
 * it is, and only its canonical JSON is written: no round trip.
 */
function storableWithCanonical(value: unknown): { value: unknown; canonical: string } {
  if (value === undefined) return { value: null, canonical: 'null' };
  const plain = plainCanonical(value, 0);
  if (plain !== undefined) return { value, canonical: plain };
  const serialized = JSON.stringify(value);
  const parsed = JSON.parse(serialized) as unknown;
  const stored = MAY_BE_UNSTORABLE.test(serialized) ? clean(parsed) : parsed;
  return { value: stored, canonical: canonicalize(stored) };
}

/**
 * `storableWithCanonical(calls)` for the subgraph calls `buildRow` made, whose shape is known:
 * written directly when every member is what its type says (finite numbers, storable strings),
 * through the general path otherwise.
 */
function callsWithCanonical(calls: readonly { subgraph: string; status: number; durationMs: number; error?: string }[]): {
  value: unknown;
  canonical: string;
} {
  let canonical = '[';
  for (let index = 0; index < calls.length; index += 1) {
    const { subgraph, status, durationMs, error } = calls[index]!;
    if (
      typeof subgraph !== 'string' ||
      hasUnstorable(subgraph) ||
      !plainNumber(status) ||
      !plainNumber(durationMs) ||
      (error !== undefined && (typeof error !== 'string' || hasUnstorable(error)))
    ) {
      return storableWithCanonical(calls);
    }
    // Members in canonical order: durationMs, error, status, subgraph.
    canonical +=
      `${index === 0 ? '' : ','}{"durationMs":${JSON.stringify(durationMs)}` +
      `${error === undefined ? '' : `,"error":${JSON.stringify(error)}`},"status":${JSON.stringify(status)},"subgraph":${JSON.stringify(subgraph)}}`;
  }
  return { value: calls, canonical: `${canonical}]` };
}

function plainNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0);
}

const MAX_PLAIN_DEPTH = 64;

/**
 * The canonical JSON (`canonicalize`) of a value that is plain, storable JSON: strings without U+0000
 * or lone surrogates, finite numbers, booleans, null, arrays without holes, plain objects without
 * undefined members or `toJSON`, no -0. `storable` would return an equal copy of such a value, so
 * this is also `canonicalize(storable(value))`.
 * Anything else, or nesting deeper than 64, gives undefined: the general path handles it.
 */
function plainCanonical(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return hasUnstorable(value) ? undefined : JSON.stringify(value);
    case 'number':
      // -0 too goes the general way, which stores it as 0 (as jsonb would give it back).
      return plainNumber(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (depth >= MAX_PLAIN_DEPTH) return undefined;
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index += 1) {
      const member = plainCanonical(value[index], depth + 1);
      if (member === undefined) return undefined;
      out += index === 0 ? member : `,${member}`;
    }
    return `${out}]`;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) return undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    if (hasUnstorable(key)) return undefined;
    const member = plainCanonical(record[key], depth + 1);
    if (member === undefined) return undefined;
    out += `${index === 0 ? '' : ','}${JSON.stringify(key)}:${member}`;
  }
  return `${out}}`;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties: a key "__proto__" stays a key, as in jsonb.
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [text(key), clean(member)]));
  }
  return value;
}
