/**
 * Whether the access log of one report period is still intact, for the report's summary: every row of
 * the period must hash to its stored hash, link to the row before it, and follow it without a gap in
 * seq. The first row must link to the row before the period where that row is still stored.
 *
 * This is the hash chain alone, over the period's rows only: it catches a row altered, inserted or
 * removed inside the period without reading the whole log. It does not check the signed checkpoints
 * (that needs the operator's public keys and the whole chain): `penghubung log verify` does, and the
 * report says so. Rows are streamed in batches (registry/log/ledgerRows.ts), never held all at once.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { rowsOf } from '../../drizzle/rows.ts';
import { hashRecord } from '../../lib/ledger/index.ts';
import { accessRows } from '../log/ledgerRows.ts';
import type { TimeRange } from './range.ts';

export type PeriodIntegrityProblem = 'altered' | 'deleted' | 'inserted';

export interface PeriodIntegrity {
  ok: boolean;
  /** Rows of the period checked (up to the first problem). */
  checked: number;
  /** The seq of the first problem, with its kind. */
  problem?: { seq: number; kind: PeriodIntegrityProblem };
}

export async function checkPeriodIntegrity(db: Executor, range: TimeRange, batchSize = 5_000): Promise<PeriodIntegrity> {
  const [bounds] = rowsOf<{ first: unknown; last: unknown }>(
    await db.execute(sql`
      select min(seq) as first, max(seq) as last from access_log
      where occurred_at >= ${range.from.toISOString()}::timestamptz and occurred_at < ${range.to.toISOString()}::timestamptz`),
  );
  if (bounds?.first === null || bounds?.first === undefined) return { ok: true, checked: 0 };
  const first = Number(bounds.first);
  const last = Number(bounds.last);
  const [before] = rowsOf<{ hash: string }>(await db.execute(sql`select hash from access_log where seq = ${first - 1} limit 1`));
  // Without the row before (the first row of the chain, or an archived month), the first row's link is taken as it is.
  let prev: { seq: number; hash: string | undefined } = { seq: first - 1, hash: before?.hash };
  let checked = 0;
  for await (const row of accessRows(db, batchSize, { afterSeq: BigInt(first - 1), throughSeq: BigInt(last) })) {
    const seq = Number(row.seq);
    if (seq > prev.seq + 1) return { ok: false, checked, problem: { seq: prev.seq + 1, kind: 'deleted' } };
    if (seq <= prev.seq) return { ok: false, checked, problem: { seq, kind: 'inserted' } };
    if (hashRecord(row.prevHash, row.canonical) !== row.hash) return { ok: false, checked, problem: { seq, kind: 'altered' } };
    if (prev.hash !== undefined && row.prevHash !== prev.hash) return { ok: false, checked, problem: { seq, kind: 'inserted' } };
    prev = { seq, hash: row.hash };
    checked += 1;
  }
  if (prev.seq < last) return { ok: false, checked, problem: { seq: prev.seq + 1, kind: 'deleted' } };
  return { ok: true, checked };
}
