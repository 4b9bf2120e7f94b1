/**
 * Verifying a stored chain — the access log or the administrative trail — against its signed
 * checkpoints: what an evaluator (or `penghubung log verify`) runs to show nothing was altered,
 * inserted or removed.
 *
 * Rows are streamed in seq order, `batchSize` at a time with keyset pagination (never the whole
 * table in memory), each turned back into the canonical form it was hashed over
 * (`accessLogCanonicalForm`, `trailCanonicalForm`), and fed to lib/ledger `verifyChain`, which stops
 * at the first problem and names its seq and kind (altered, inserted, deleted, bad-signature,
 * checkpoint-mismatch). Everything is read in one read-only REPEATABLE READ transaction, so writers
 * may keep appending meanwhile and the check sees one consistent state.
 *
 * After the rows, the chain head the writers keep (`chain_heads`) is compared with the last row:
 * rows past the recorded head were inserted outside the writer; a head past the last row means rows
 * were cut from the end; a different hash at the same seq means the last row was rewritten. (Someone
 * able to write the database can rewrite the head row too: only checkpoints prove the tail.)
 *
 * Archived partitions (registry/log/retention.ts) are no longer in the database; pass `archiveDir`
 * and their NDJSON exports are merged, in seq order, with the rows still stored, so the whole chain
 * from genesis is verified. Without it, a database whose first rows were archived reports those seqs
 * as deleted (the report's detail says to pass the archive folder).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { asc, eq, gt, sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { accessLog, adminTrail, chainHeads } from '../../drizzle/schema/index.ts';
import { verifyChain, type ChainVerification, type KeyInput, type StoredChainRecord } from '../../lib/ledger/index.ts';
import { trailCanonicalForm } from '../trail/recordTrail.ts';
import { accessLogCanonicalForm } from './accessLogWriter.ts';
import { loadCheckpoints, type LedgerChain } from './checkpoints.ts';
import { ARCHIVE_PROOF_SUFFIX, readArchiveProof, readArchiveRows } from './retention.ts';

export interface VerifyLedgerOptions {
  chain: LedgerChain;
  /** Rows per query (default 5,000). */
  batchSize?: number;
  /** Folder of access-log archives (`*.proof.json` + `*.ndjson.gz`) to verify together with the database. */
  archiveDir?: string;
}

export interface LedgerVerification extends ChainVerification {
  chain: LedgerChain;
  /** The head the writers recorded in `chain_heads` (null if the chain was never written). */
  storedHead: { seq: bigint; hash: string } | null;
  /** Archive files read (access chain with `archiveDir` only). */
  archivesRead: number;
}

export async function verifyLedger(
  database: Pick<DatabaseHandle, 'db'>,
  publicKey: KeyInput | readonly KeyInput[],
  options: VerifyLedgerOptions,
): Promise<LedgerVerification> {
  const { chain } = options;
  const batchSize = options.batchSize ?? 5_000;
  const archives = chain === 'access' && options.archiveDir ? await archiveFiles(options.archiveDir) : [];

  return database.db.transaction(
    async (tx) => {
      const [head] = await tx
        .select({ seq: chainHeads.seq, hash: chainHeads.hash })
        .from(chainHeads)
        .where(eq(chainHeads.chain, chain));
      const storedHead = head ? { seq: BigInt(head.seq), hash: head.hash } : null;
      const checkpoints = await loadCheckpoints(tx, chain);
      const stored = chain === 'access' ? accessRows(tx, batchSize) : trailRows(tx, batchSize);
      const rows = archives.length > 0 ? mergeBySeq([...archives.map((file) => readArchiveRows(file)), stored]) : stored;

      let firstSeq: bigint | undefined;
      const observed = (async function* () {
        for await (const row of rows) {
          firstSeq ??= row.seq;
          yield row;
        }
      })();
      const result = await verifyChain(observed, checkpoints, publicKey, { chain });
      const report: LedgerVerification = { ...result, chain, storedHead, archivesRead: archives.length };

      if (!result.ok) {
        if (result.firstProblem?.kind === 'deleted' && result.checked === 0 && firstSeq !== undefined && firstSeq > 1n) {
          result.firstProblem.detail +=
            chain === 'access' && archives.length === 0
              ? ` (the stored chain starts at seq ${firstSeq}: if older partitions were archived, verify with their archive folder)`
              : ` (the stored chain starts at seq ${firstSeq})`;
        }
        return report;
      }
      const problem = headProblem(storedHead, result.head, result.checked);
      return problem ? { ...report, ok: false, firstProblem: problem } : report;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

function headProblem(
  storedHead: { seq: bigint; hash: string } | null,
  last: { seq: bigint; hash: string },
  checked: number,
): LedgerVerification['firstProblem'] {
  if (!storedHead) {
    return checked === 0
      ? undefined
      : { seq: 1n, kind: 'inserted', detail: 'rows exist but the chain has no head row: they were not written by the log writer' };
  }
  if (storedHead.seq > last.seq) {
    return {
      seq: last.seq + 1n,
      kind: 'deleted',
      detail: `the chain head records seq ${storedHead.seq}, but the stored rows end at seq ${last.seq}: rows were removed from the end`,
    };
  }
  if (storedHead.seq < last.seq) {
    return {
      seq: storedHead.seq + 1n,
      kind: 'inserted',
      detail: `the chain head records seq ${storedHead.seq}, but rows continue to seq ${last.seq}: rows were added outside the writer`,
    };
  }
  if (storedHead.hash !== last.hash) {
    return {
      seq: last.seq,
      kind: 'altered',
      detail: `the chain head records hash ${storedHead.hash} at seq ${last.seq}, but the stored row hashes to ${last.hash}`,
    };
  }
  return undefined;
}

/** Access-log rows in (seq, occurred_at) order: a forged duplicate seq is read too, not skipped. */
async function* accessRows(db: Executor, batchSize: number): AsyncGenerator<StoredChainRecord> {
  let after: { seq: number; at: string } | undefined;
  for (;;) {
    const batch = await db
      .select({ row: accessLog, atKey: sql<string>`${accessLog.occurredAt}::text` })
      .from(accessLog)
      .where(after ? sql`(${accessLog.seq}, ${accessLog.occurredAt}) > (${after.seq}, ${after.at}::timestamptz)` : undefined)
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

async function* trailRows(db: Executor, batchSize: number): AsyncGenerator<StoredChainRecord> {
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

async function archiveFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(ARCHIVE_PROOF_SUFFIX)).sort();
  const files: string[] = [];
  for (const name of names) {
    const proof = await readArchiveProof(join(dir, name));
    files.push(join(dir, proof.file));
  }
  return files;
}

/**
 * Merges streams each in seq order into one in seq order. Rows near a month boundary interleave
 * between partitions (a row's month is when its request arrived; its seq, when it was committed), so
 * archives and the database overlap in seq ranges. A row present twice with the same hash (exported,
 * not dropped yet) is read once.
 */
async function* mergeBySeq(sources: AsyncIterable<StoredChainRecord>[]): AsyncGenerator<StoredChainRecord> {
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
