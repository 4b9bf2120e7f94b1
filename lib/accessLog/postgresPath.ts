/**
 * The PostgreSQL path of a flush, on a connection of the writer's own (TCP_NODELAY, session statement
 * timeout): the flush links after the head its last commit left, and the transaction first advances
 * the head row only if it still holds that head (`UPDATE … WHERE seq = … AND hash = …`: the row lock,
 * taken first and held to the commit), then inserts the rows: up to 32 in the same message, as JSON
 * (one round trip), more with `COPY … FROM STDIN` (four). If another process moved the head
 * meanwhile, the transaction is rolled back before any row is stored and the batch is linked again
 * after the head read under its lock (`SELECT … FOR UPDATE`, genesis row inserted on first use); so is
 * the first batch. Per flush, round trips cost more CPU than rows do at the batch sizes a gateway sees
 * (bench/accessLog.bench.ts, bench/README.md).
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { Writable } from 'node:stream';
import postgres, { type Sql, type TransactionSql } from 'postgres';
import { GENESIS_HASH, linkRecords, type ChainedRecord, type ChainHead } from '../ledger/index.ts';
import { INSERT_COLUMNS, INSERT_TARGET_TEXT, JSON_ROWS_TYPE, type BatchStore } from './columns.ts';
import { ACCESS_CHAIN, type AccessLogEntry, type OperationDocument, type PreparedAccessLogRecord } from './record.ts';

/** The postgres.js client under a drizzle handle of kind 'postgres' (drizzle keeps it as `$client`). */
export function postgresClientOf(db: unknown): Sql | undefined {
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
const HEX_SHA256 = /^[0-9a-f]{64}$/;

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
export function createPostgresBatchStore(shared: Sql, statementTimeoutMs: number): BatchStore {
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
