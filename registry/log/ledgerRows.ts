/**
 * The stored rows of the two hash chains, streamed in seq order as lib/ledger `verifyChain` reads
 * them: `batchSize` rows per query with keyset pagination (never a whole table in memory), each
 * turned back into the canonical form it was hashed over (`accessLogCanonicalForm`,
 * `trailCanonicalForm`). Used by `verifyLedger` (registry/log/verifyLog.ts) and by retention
 * (registry/log/retention.ts), which proves the rows it is about to anchor before signing.
 */
import { and, asc, gt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../drizzle/database.ts';
import { accessLog, adminTrail } from '../../drizzle/schema/index.ts';
import type { StoredChainRecord } from '../../lib/ledger/index.ts';
import { trailCanonicalForm } from '../trail/recordTrail.ts';
import { accessLogCanonicalForm } from '../../lib/accessLog/index.ts';

/** Bounds on seq: rows with `afterSeq < seq <= throughSeq`. */
export interface SeqRange {
  afterSeq?: bigint;
  throughSeq?: bigint;
}

/** Access-log rows in (seq, occurred_at) order: a forged duplicate seq is read too, not skipped. */
export async function* accessRows(db: Executor, batchSize: number, range: SeqRange = {}): AsyncGenerator<StoredChainRecord> {
  const bounds: SQL[] = [];
  if (range.afterSeq !== undefined) bounds.push(gt(accessLog.seq, Number(range.afterSeq)));
  if (range.throughSeq !== undefined) bounds.push(lte(accessLog.seq, Number(range.throughSeq)));
  let after: { seq: number; at: string } | undefined;
  for (;;) {
    const page = after ? sql`(${accessLog.seq}, ${accessLog.occurredAt}) > (${after.seq}, ${after.at}::timestamptz)` : undefined;
    const conditions = page ? [...bounds, page] : bounds;
    const batch = await db
      .select({ row: accessLog, atKey: sql<string>`${accessLog.occurredAt}::text` })
      .from(accessLog)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(asc(accessLog.seq), asc(accessLog.occurredAt))
      .limit(batchSize);
    for (const { row } of batch) {
      yield { seq: BigInt(row.seq), prevHash: row.prevHash, hash: row.hash, canonical: accessLogCanonicalForm(row) };
    }
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    after = { seq: last.row.seq, at: last.atKey };
  }
}

export async function* trailRows(db: Executor, batchSize: number): AsyncGenerator<StoredChainRecord> {
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const batch = await db
      .select()
      .from(adminTrail)
      .where(gt(adminTrail.seq, after))
      .orderBy(asc(adminTrail.seq))
      .limit(batchSize);
    for (const row of batch) {
      yield { seq: BigInt(row.seq), prevHash: row.prevHash, hash: row.hash, canonical: trailCanonicalForm(row) };
    }
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!.seq;
  }
}

/**
 * Merges streams each in seq order into one in seq order. Rows near a month boundary interleave
 * between partitions (a row's month is when its request arrived; its seq, when it was committed), so
 * archives and the database overlap in seq ranges. A row present twice with the same hash (exported,
 * not dropped yet) is read once.
 */
export async function* mergeBySeq(sources: AsyncIterable<StoredChainRecord>[]): AsyncGenerator<StoredChainRecord> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const heads: (StoredChainRecord | undefined)[] = await Promise.all(
    iterators.map(async (iterator) => {
      const step = await iterator.next();
      return step.done ? undefined : step.value;
    }),
  );
  let previous: StoredChainRecord | undefined;
  try {
    for (;;) {
      let pick = -1;
      for (let index = 0; index < heads.length; index += 1) {
        const candidate = heads[index];
        if (candidate && (pick < 0 || candidate.seq < heads[pick]!.seq)) pick = index;
      }
      if (pick < 0) return;
      const row = heads[pick]!;
      const step = await iterators[pick]!.next();
      heads[pick] = step.done ? undefined : step.value;
      if (previous && previous.seq === row.seq && previous.hash === row.hash && previous.canonical === row.canonical) continue;
      previous = row;
      yield row;
    }
  } finally {
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
  }
}
