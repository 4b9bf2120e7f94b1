/**
 * The drizzle path of a flush: the one PGlite always takes (and PostgreSQL with `insertPath:
 * 'drizzle'`, kept for comparison): in one transaction through the handle, lock and read the head,
 * link, one INSERT from `json_to_recordset`, advance the head, store the new operation documents.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { accessLog, chainHeads, operations } from '../../drizzle/schema/index.ts';
import { appendToChain, GENESIS_HASH, type ChainAppendTransaction } from '../ledger/index.ts';
import { INSERT_TARGET_TEXT, JSON_ROWS_TYPE, type BatchStore } from './columns.ts';
import { ACCESS_CHAIN, type AccessLogEntry } from './record.ts';

const INSERT_TARGET = sql.raw(INSERT_TARGET_TEXT);
const INSERT_RECORD = sql.raw(`as batch${JSON_ROWS_TYPE}`);

export function createDrizzleBatchStore(db: Executor, statementTimeoutMs: number): BatchStore {
  return {
    append: (batch, documents) =>
      db.transaction(async (tx) => {
        if (statementTimeoutMs > 0) await tx.execute(sql.raw(`set local statement_timeout = ${Math.floor(statementTimeoutMs)}`));
        const appended = await appendToChain(accessChainTransaction(tx), ACCESS_CHAIN, batch);
        if (documents.length > 0) await tx.insert(operations).values([...documents]).onConflictDoNothing();
        return appended.head;
      }),
    close: () => Promise.resolve(),
    // PGlite runs in this process: there is no connection to drop.
    reset: () => {},
  };
}

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
