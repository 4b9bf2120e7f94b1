/**
 * The PostgreSQL path of a flush, on a connection of the writer's own (session statement timeout):
 * the flush links after the head its last commit left, and the transaction first advances
 * the head row only if it still holds that head (`UPDATE … WHERE seq = … AND hash = …`: the row lock,
 * taken first and held to the commit), then inserts the rows in the same message, as JSON (one round
 * trip). If another process moved the head
 * meanwhile, the transaction is rolled back before any row is stored and the batch is linked again
 * after the head read under its lock (`SELECT … FOR UPDATE`, genesis row inserted on first use); so is
 * the first batch. Per flush, round trips cost more CPU than rows do at the batch sizes a gateway sees
 * (bench/accessLog.bench.ts, bench/README.md).
 */
import { randomBytes } from 'node:crypto';
import postgres, { type Sql, type TransactionSql } from 'postgres';
import { GENESIS_HASH, linkRecords, type ChainHead } from '../ledger/index.ts';
import { INSERT_TARGET_TEXT, JSON_ROWS_TYPE, type BatchStore } from './columns.ts';
import { ACCESS_CHAIN, type OperationDocument, type PreparedAccessLogRecord } from './record.ts';

/** The postgres.js client under a drizzle handle of kind 'postgres' (drizzle keeps it as `$client`). */
export function postgresClientOf(db: unknown): Sql | undefined {
  const client = (db as { $client?: Sql }).$client;
  return typeof client?.begin === 'function' && typeof client.options === 'object' ? client : undefined;
}

/**
 * The writer's own connection, to the database of the handle's pool, so that:
 * - the flushes, which hold the chain head's lock, never queue behind the gateway's other queries
 *   for a pool connection;
 * - `statement_timeout` is a session setting, not one more statement per flush; and the connection
 *   is named `penghubung-access-log` in pg_stat_activity.
 * Only postgres.js's own options: a custom `socket` that failed to connect left postgres.js waiting
 * on a connection that never opened, so the writer never wrote again after one refused connection.
 * postgres.js reconnects a broken connection on the next query, with its backoff (0.5–1 × 3^n/100 s,
 * at most 20 s, per failure in a row); `connect_timeout` bounds each attempt and TCP keepalive finds
 * a peer that vanished.
 */
function openWriterConnection(shared: Sql, statementTimeoutMs: number, connectTimeoutSeconds: number): Sql {
  const { host, port, path, database, user, pass, ssl, connection } = shared.options;
  return postgres({
    host,
    port,
    ...(path ? { path } : {}),
    database,
    user,
    pass,
    ssl,
    connect_timeout: connectTimeoutSeconds,
    keep_alive: 10,
    max: 1,
    fetch_types: false,
    onnotice: () => {},
    connection: {
      ...connection,
      application_name: 'penghubung-access-log',
      ...(statementTimeoutMs > 0 ? { statement_timeout: String(Math.floor(statementTimeoutMs)) } : {}),
    },
  } as unknown as postgres.Options<Record<string, never>>) as unknown as Sql;
}

/** The head this process last committed is not the head any more: another process appended. */
class HeadMoved extends Error {
  override readonly name = 'HeadMoved';
}

const HEAD_MOVED = 'access chain head moved';
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Appends batches to the 'access' chain on PostgreSQL, on the writer's own connection
 * (`openWriterConnection`), each batch in one transaction that first moves the chain head from the
 * head this appender's last commit left (`UPDATE … WHERE seq = <expected> AND hash = <expected>`: it
 * takes the head row's lock, held to the commit) and then inserts the rows linked after it, all in one
 * Query message of several statements, which PostgreSQL runs as one transaction (committed, or
 * rolled back whole, before it answers): one round trip.
 *
 * COPY is not used. It costs the server about half the CPU per row of the INSERT from JSON (25 against
 * 55 µs), but it sends its data and its end as two writes with no answer between them, and without
 * TCP_NODELAY (which postgres.js does not set; setting it needs the custom socket given up above) the
 * second waits for the server's delayed ACK, 40 ms on Linux, in every flush. Measured with
 * bench/accessLog.bench.ts, batches of 64: COPY without NODELAY 559 records/s, with NODELAY 1,901, one
 * message 3,498 (a loaded machine; ratios, not absolutes). Under a backlog, batches of 2,000 reached the
 * same records/s in one message as with COPY, for twice the server CPU per row.
 * If the UPDATE matches no row, another process appended: the transaction is rolled back before any
 * row is stored, and the batch is linked again after the head read under its lock (`SELECT … FOR
 * UPDATE` in an explicit transaction, genesis row inserted on first use), as is the first batch and
 * any batch after a failure.
 */
export function createPostgresBatchStore(shared: Sql, options: { statementTimeoutMs: number; connectTimeoutSeconds: number }): BatchStore {
  let connection: Sql | undefined;
  let known: ChainHead | undefined;

  const append = async (sql: Sql, expected: ChainHead | undefined, batch: readonly PreparedAccessLogRecord[], documents: readonly OperationDocument[]) => {
    if (expected) {
      const { last, statements } = appendStatements(expected, batch, documents);
      try {
        await sql.unsafe(statements);
      } catch (error) {
        throw isHeadMoved(error) ? new HeadMoved(`${HEAD_MOVED} from seq ${expected.seq}`) : error;
      }
      return last;
    }
    return sql.begin(async (tx) => {
      const { last, statements } = appendStatements(await lockHead(tx), batch, documents);
      await tx.unsafe(statements);
      return last;
    });
  };

  return {
    async append(batch, documents) {
      connection ??= openWriterConnection(shared, options.statementTimeoutMs, options.connectTimeoutSeconds);
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
    reset() {
      // A new client, not only a new connection: postgres.js's reconnect backoff grows with every
      // failure in a row (up to 20 s), and a fresh client starts from none once the server is back.
      const open = connection;
      connection = undefined;
      known = undefined;
      void open?.end({ timeout: 0 }).catch(() => {});
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
