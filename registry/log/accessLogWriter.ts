/**
 * The access-log writer: turns what the gateway knows about a request (`AccessEvent`) into one
 * hash-chained row of `access_log`, durably, before the response is sent (DESIGN.md, "Data that must
 * never be lost or forged").
 *
 *   const writer = createAccessLogWriter({ database, lookupSecret });
 *   const gateway = await buildGateway({ ..., recordAccess: writer.record });
 *
 * Path of a record:
 * 1. `record(event)` builds the row at once (`buildAccessLogEntry`): requester, graph, operation,
 *    masked variables and their lookup HMACs, coordinates, subgraph calls, outcome, sizes. Text is
 *    made storable exactly as it is hashed (see `storable`) and the row's canonical JSON computed
 *    (`accessLogCanonicalForm`), so a record that cannot be stored is refused alone, not with its
 *    batch.
 * 2. A group committer (lib/ledger/group-commit.ts) gathers concurrent records; one flush at a time,
 *    in submit order, runs ONE transaction: lock the 'access' chain head (`SELECT … FOR UPDATE`,
 *    genesis row inserted on first use), number the rows and link their hashes in order
 *    (`hashRecord(prev, canonical)`), insert them with one multi-row INSERT, insert the operation
 *    documents not stored yet (`ON CONFLICT DO NOTHING`), advance the head, commit.
 * 3. `record()` resolves only after that commit. If the flush fails:
 *    - `failMode: 'closed'` (the default): `record()` rejects with UNAVAILABLE and the gateway answers
 *      503 — nothing is answered that is not recorded;
 *    - `failMode: 'open'`: the failure is written to stderr and `record()` resolves, so the gateway
 *      keeps serving while the log is down. This loses log records; it exists for operators who
 *      decide availability matters more, and is never the default.
 *
 * Several gateway processes may share one PostgreSQL: the head row lock serializes their flushes,
 * and each flush reads the head under the lock, so the chain stays linear.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { accessLog, chainHeads, operations } from '../../drizzle/schema/index.ts';
import type { AccessOutcome } from '../../drizzle/schema/log.ts';
import { accessedOperationOf } from '../../gateway/accessLog/operation.ts';
import type { AccessEvent } from '../../gateway/buildGateway.ts';
import { PenghubungError } from '../../lib/errors.ts';
import {
  appendToChain,
  canonicalize,
  createGroupCommitter,
  GENESIS_HASH,
  maskVariables,
  type CanonicalRecord,
  type ChainAppendTransaction,
  type ChainHead,
  type GroupCommitStats,
  type MaskRules,
} from '../../lib/ledger/index.ts';
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
  database: Pick<DatabaseHandle, 'db'>;
  /** Masking rules for variables (lib/ledger/mask.ts); default `DEFAULT_MASK_RULES` plus NIK/NIP detection. */
  maskRules?: MaskRules;
  /** Operator secret of the lookup HMACs stored in `lookup_hashes`; evaluators search with the same secret. */
  lookupSecret: string | Uint8Array;
  /** Largest number of rows in one transaction (default 500, at most 5,000). */
  maxBatch?: number;
  /** How long an idle writer gathers records before flushing (default 2 ms). */
  maxDelayMs?: number;
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

interface Prepared extends CanonicalRecord<AccessLogEntry> {
  document: OperationDocument | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MAX = 2_147_483_647;
const MAX_BATCH_LIMIT = 5_000;
const KNOWN_DOCUMENTS_LIMIT = 10_000;
const PARTITION_RETRY_MS = 60_000;

export function createAccessLogWriter(options: AccessLogWriterOptions): AccessLogWriter {
  const { db } = options.database;
  const failMode = options.failMode ?? 'closed';
  const maxBatch = options.maxBatch ?? 500;
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

  const committer = createGroupCommitter<AccessEvent, Prepared>({
    maxBatch,
    maxDelayMs: options.maxDelayMs ?? 2,
    ...(options.maxPending === undefined ? {} : { maxPending: options.maxPending }),
    prepare: (event) => {
      const { entry, document } = buildAccessLogEntry(event, mask);
      return { record: entry, canonical: accessLogCanonicalForm(entry), document };
    },
    flush: async (batch) => {
      await ensurePartitions();
      const documents = newDocuments(batch, knownDocuments);
      const committed = await db.transaction(async (tx) => {
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
    close: () => committer.close(),
    stats: () => ({
      ...committer.stats(),
      failMode,
      failedOpen,
      head: head ? { seq: Number(head.seq), hash: head.hash } : null,
    }),
  };
}

function newDocuments(batch: readonly Prepared[], known: ReadonlySet<string>): OperationDocument[] {
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

const INSERT_TARGET = sql.raw(
  `(${INSERT_COLUMNS.map(([column]) => column).join(', ')}) select ${INSERT_COLUMNS.map(([, , key]) => `"${key}"`).join(', ')}`,
);
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
  const context = event.context;
  const operation = context ? accessedOperationOf(context) : undefined;
  const requester = context?.requester ?? null;
  for (const [name, value] of [
    ['clientId', requester?.clientId],
    ['credentialId', requester?.credentialId],
  ] as const) {
    if (value != null && !UUID.test(value)) {
      throw new PenghubungError('INTERNAL', {
        id: `Log akses: ${name} peminta bukan UUID (${String(value).slice(0, 40)}).`,
        en: `Access log: the requester's ${name} is not a UUID (${String(value).slice(0, 40)}).`,
      });
    }
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
  let lookupHashes: string[] = [];
  if (operation?.variables && !event.authenticationError) {
    const masked = maskVariables(operation.variables, mask);
    variables = storable(masked.variables);
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
    subgraphCalls: storable(calls),
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
  return { entry, document };
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
const HAS_UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function text(value: string): string {
  return HAS_UNSTORABLE.test(value) ? value.replace(UNSTORABLE, '\ufffd') : value;
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
  if (value === undefined) return null;
  return clean(JSON.parse(JSON.stringify(value)) as unknown);
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
