/**
 * Retention of the access log: whole monthly partitions older than a date are exported, proven,
 * verified and dropped (`penghubung log archive --before 2026-01-01 --out <folder>`).
 *
 * For each partition `access_log_YYYY_MM` whose month ends on or before `before`, in one transaction
 * that first takes a SHARE lock on it (readers go on; nothing can change it meanwhile):
 * 1. its rows are written in seq order as NDJSON, gzip-compressed (`access_log_YYYY_MM.ndjson.gz`),
 *    one JSON object per row with every column (`occurredAt` as ISO 8601), and fsynced;
 * 2. the export is re-read: it must decompress, every row must hash to its stored hash
 *    (`hashRecord(prevHash, accessLogCanonicalForm(row))`), seqs must ascend, and the count and the
 *    digest of all row hashes must equal what was read from the database;
 * 3. the anchor that lets the rows that stay be verified without the archives (`anchorBeforeDrop`),
 *    signed in the same transaction as the drop, so it is committed exactly when the drop is:
 *    - the anchor (chain `access:anchor`) at the last archived seq before the first row that stays
 *      (first kept seq − 1), naming that row's hash: the link the first kept row's prev_hash names;
 *    - a marker (chain `access:archived`) for each row of this partition numbered after the first
 *      kept row: seq ranges of neighbouring months overlap a little (a row's month is when its
 *      request arrived, its seq when it was committed), and verification may pass over exactly those;
 *    - an ordinary checkpoint at each kept row right before such archived rows: nothing stored links
 *      to it any more, so only a signature protects its content.
 *    Each is signed only once proven: the stored chain is verified from the previous anchor (or from
 *    genesis, with the earlier archives of the out folder if rows were archived before anchors
 *    existed) through the first signed checkpoint at or after everything anchored. A chain that does
 *    not verify is not anchored, and the partition is not dropped. Needs the operator key (without
 *    it nothing is dropped that would need an anchor); an anchor that exists already is reused;
 * 4. a proof file (`access_log_YYYY_MM.proof.json`) is written: range, row count, first/last seq with
 *    their hashes, the digest, the SHA-256 of the export file, the signed checkpoints covering the rows
 *    (those inside the seq range and the first one at or after its end), the anchor and markers of
 *    step 3, and, given the operator key, the operator's Ed25519 signature over the proof
 *    (`verifyArchiveProof`);
 * 5. only then is the partition dropped (under an ACCESS EXCLUSIVE lock, after checking that it still
 *    holds exactly the rows exported).
 * A partition whose rows no checkpoint covers yet is not archived (sign one first: given the operator
 * key, this function does). `verifyLedger` then verifies the stored rows from the anchor alone, and
 * with `{ archiveDir }` merges the exports with the stored rows to verify the whole chain from genesis.
 */
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { and, asc, gt, gte, lt, min, or, sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { accessLog } from '../../drizzle/schema/index.ts';
import type { AccessLogRecord } from '../../drizzle/schema/log.ts';
import { PenghubungError } from '../../lib/errors.ts';
import {
  anchorChainName,
  archivedRowChainName,
  canonicalize,
  hashRecord,
  publicKeyId,
  serializeCheckpoint,
  verifyChain,
  type Checkpoint,
  type CheckpointInput,
  type SerializedCheckpoint,
  type KeyInput,
  type OperatorKey,
  type StoredChainRecord,
} from '../../lib/ledger/index.ts';
import { ACCESS_CHAIN, accessLogCanonicalForm } from '../../lib/accessLog/index.ts';
import { createCheckpointer, loadArchiveAnchors, loadCheckpoints, privateKeyOf, storeCheckpoint } from './checkpoints.ts';
import { accessRows, mergeBySeq } from './ledgerRows.ts';
import { publishStoredSince, type CheckpointPublisher } from './publish.ts';
import { listMonthlyPartitions, type MonthlyPartition } from '../../lib/accessLog/index.ts';

export const ARCHIVE_FORMAT = 'penghubung-access-log-archive/v1';
export const ARCHIVE_ROWS_SUFFIX = '.ndjson.gz';
export const ARCHIVE_PROOF_SUFFIX = '.proof.json';
const PROOF_SIGNATURE_PREFIX = `${ARCHIVE_FORMAT}\n`;


export interface ArchiveProof {
  format: typeof ARCHIVE_FORMAT;
  chain: 'access';
  partition: string;
  /** The partition's range `[from, to)`, ISO 8601 UTC. */
  from: string;
  to: string;
  /** The export file, in the proof's folder. */
  file: string;
  fileSha256: string;
  rows: number;
  firstSeq: number;
  firstPrevHash: string;
  firstHash: string;
  lastSeq: number;
  lastHash: string;
  /** Hex SHA-256 over every row's `hash + "\n"`, in seq order. */
  rowsDigest: string;
  /** Signed checkpoints inside [firstSeq, lastSeq], and the first one at or after lastSeq. */
  checkpoints: SerializedCheckpoint[];
  /**
   * The archive anchor (chain `access:anchor`) in effect once this partition is dropped: the rows
   * that stay continue after its seq and link to its head hash. Null when nothing before the first
   * kept row was archived. (Absent from proofs written before anchors existed.)
   */
  anchor?: SerializedCheckpoint | null;
  /** Markers (chain `access:archived`) signed for this partition's rows numbered after the first kept row. */
  archivedRows?: SerializedCheckpoint[];
  /** Ordinary checkpoints signed at kept rows right before such archived rows. */
  boundaryCheckpoints?: SerializedCheckpoint[];
  createdAt: string;
  /** The operator's Ed25519 signature over the proof without this member (see `proofPayload`). */
  signature?: { keyId: string; value: string };
}

export interface ArchiveOptions {
  /** Partitions whose month ends on or before this instant are archived. */
  before: Date;
  outDir: string;
  /**
   * Signs a fresh checkpoint first (so the newest rows are covered), the anchor of what stays
   * (step 3) and each proof. Without it, a partition whose drop needs a new anchor is not archived.
   */
  operatorKey?: OperatorKey | KeyInput;
  /** Publishes the checkpoints this archive signs (anchors, markers, boundaries), once committed. */
  publisher?: CheckpointPublisher;
  /** Rows per query (default 5,000). */
  batchSize?: number;
}

export interface ArchivedPartition {
  partition: string;
  rows: number;
  firstSeq: number | null;
  lastSeq: number | null;
  file: string;
  proofFile: string;
  /** The anchor in effect after the drop (null: nothing before the first kept row is archived). */
  anchorSeq: number | null;
  /** True when this partition's archive signed that anchor (false: it existed already). */
  anchorCreated: boolean;
  /** Rows of this partition numbered after the first kept row, signed as archived. */
  archivedRowsMarked: number;
}

export interface ArchiveResult {
  archived: ArchivedPartition[];
  /** Rows older than `before` still in `access_log_default` (not monthly-partitioned, not archived). */
  defaultRowsBefore: number;
}

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

export async function archivePartitionsBefore(
  database: Pick<DatabaseHandle, 'db'>,
  options: ArchiveOptions,
): Promise<ArchiveResult> {
  const { db } = database;
  const batchSize = options.batchSize ?? 5_000;
  if (Number.isNaN(options.before.getTime())) throw new RangeError('before must be a valid date');
  await mkdir(options.outDir, { recursive: true, mode: 0o700 });
  const since = new Date();
  if (options.operatorKey) {
    // Seal everything written so far, so the rows about to be archived are covered by a signature.
    const checkpointer = createCheckpointer({
      database,
      operatorKey: options.operatorKey,
      everyMs: 0,
      chains: [ACCESS_CHAIN],
      ...(options.publisher ? { publisher: options.publisher } : {}),
    });
    await checkpointer.close();
  }

  const due = (await listMonthlyPartitions(db)).filter((partition) => partition.to.getTime() <= options.before.getTime());
  const archived: ArchivedPartition[] = [];
  for (const partition of due) {
    archived.push(await archivePartition(db, partition, options, batchSize));
  }
  if (options.publisher) {
    // Signed inside each archive's transaction: published only now that they are committed.
    await publishStoredSince(db, options.publisher, [ACCESS_CHAIN, anchorChainName(ACCESS_CHAIN), archivedRowChainName(ACCESS_CHAIN)], since);
    await options.publisher.written();
  }
  const [left] = rowsOf<{ count: number | string }>(
    await db.execute(sql`select count(*) as count from access_log_default where occurred_at < ${options.before.toISOString()}::timestamptz`),
  );
  return { archived, defaultRowsBefore: Number(left?.count ?? 0) };
}

async function archivePartition(
  db: Executor,
  partition: MonthlyPartition,
  options: ArchiveOptions,
  batchSize: number,
): Promise<ArchivedPartition> {
  const rowsName = `${partition.name}${ARCHIVE_ROWS_SUFFIX}`;
  const proofName = `${partition.name}${ARCHIVE_PROOF_SUFFIX}`;
  const rowsPath = join(options.outDir, rowsName);
  const proofPath = join(options.outDir, proofName);
  const partialPath = `${rowsPath}.partial`;

  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`lock table ${partition.name} in share mode`));

    // 1. Export, in seq order, remembering what the re-read must find.
    const exported = { rows: 0, digest: createHash('sha256'), first: undefined as AccessLogRecord | undefined, last: undefined as AccessLogRecord | undefined };
    async function* lines(): AsyncGenerator<string> {
      for await (const row of partitionRows(tx, partition, batchSize)) {
        exported.rows += 1;
        exported.first ??= row;
        exported.last = row;
        exported.digest.update(`${row.hash}\n`);
        yield `${toArchiveLine(row)}\n`;
      }
    }
    await rm(partialPath, { force: true });
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partialPath, { flags: 'wx', mode: 0o600 }));
    await fsyncFile(partialPath);
    const rowsDigest = exported.digest.digest('hex');

    // 2. Re-read the export and check it against the database.
    const reread = await checkArchiveFile(partialPath);
    if (reread.rows !== exported.rows || reread.rowsDigest !== rowsDigest || reread.problem) {
      await rm(partialPath, { force: true });
      throw new PenghubungError('INTERNAL', {
        id: `Ekspor ${partition.name} tidak lolos pemeriksaan ulang (${reread.problem ?? 'jumlah atau digest berbeda'}); partisi tidak dihapus.`,
        en: `The export of ${partition.name} failed its re-read check (${reread.problem ?? 'count or digest differs'}); the partition was not dropped.`,
      });
    }

    // The checkpoints that cover the rows (recorded in the proof).
    const { first, last } = exported;
    let covering: Checkpoint[] = [];
    const checkpoints = await loadCheckpoints(tx, ACCESS_CHAIN);
    if (first && last) {
      const firstSeq = BigInt(first.seq);
      const lastSeq = BigInt(last.seq);
      const sealing = checkpoints.find((checkpoint) => checkpoint.seq >= lastSeq);
      if (!sealing) {
        await rm(partialPath, { force: true });
        throw new PenghubungError('CONFLICT', {
          id:
            `Baris ${partition.name} (sampai seq ${lastSeq}) belum tercakup checkpoint bertanda tangan; partisi tidak diarsipkan. ` +
            'Jalankan dengan kunci operator agar checkpoint dibuat lebih dulu.',
          en:
            `The rows of ${partition.name} (up to seq ${lastSeq}) are not covered by a signed checkpoint yet; the partition was not archived. ` +
            'Run with the operator key so a checkpoint is signed first.',
        });
      }
      covering = checkpoints.filter((checkpoint) => (checkpoint.seq >= firstSeq && checkpoint.seq <= lastSeq) || checkpoint === sealing);
    }

    // 3. The anchor for what stays, proven and signed before anything is dropped.
    let anchoring: AnchorPlan;
    try {
      anchoring = await anchorBeforeDrop(tx, partition, checkpoints, options, batchSize);
    } catch (error) {
      await rm(partialPath, { force: true });
      throw error;
    }
    // 4. The proof.
    await rename(partialPath, rowsPath);
    const unsigned: ArchiveProof = {
      format: ARCHIVE_FORMAT,
      chain: 'access',
      partition: partition.name,
      from: partition.from.toISOString(),
      to: partition.to.toISOString(),
      file: rowsName,
      fileSha256: await sha256OfFile(rowsPath),
      rows: exported.rows,
      firstSeq: first?.seq ?? 0,
      firstPrevHash: first?.prevHash ?? '',
      firstHash: first?.hash ?? '',
      lastSeq: last?.seq ?? 0,
      lastHash: last?.hash ?? '',
      rowsDigest,
      checkpoints: covering.map(serializeCheckpoint),
      anchor: anchoring.anchor ? serializeCheckpoint(anchoring.anchor) : null,
      archivedRows: anchoring.archivedRows.map(serializeCheckpoint),
      boundaryCheckpoints: anchoring.boundaryCheckpoints.map(serializeCheckpoint),
      createdAt: new Date().toISOString(),
    };
    const proof = options.operatorKey ? signArchiveProof(unsigned, privateKeyOf(options.operatorKey)) : unsigned;
    await writeFile(`${proofPath}.partial`, `${JSON.stringify(proof, null, 2)}\n`, { mode: 0o600 });
    await fsyncFile(`${proofPath}.partial`);
    await rename(`${proofPath}.partial`, proofPath);
    await fsyncDirectory(options.outDir);

    // 5. Drop, if the partition still holds exactly what was exported.
    await tx.execute(sql.raw(`lock table ${partition.name} in access exclusive mode`));
    const [still] = rowsOf<{ count: number | string }>(await tx.execute(sql.raw(`select count(*) as count from ${partition.name}`)));
    if (Number(still?.count ?? -1) !== exported.rows) {
      throw new PenghubungError('CONFLICT', {
        id: `${partition.name} berubah selama ekspor; partisi tidak dihapus.`,
        en: `${partition.name} changed during the export; the partition was not dropped.`,
      });
    }
    await tx.execute(sql.raw(`drop table ${partition.name}`));
    return {
      partition: partition.name,
      rows: exported.rows,
      firstSeq: first?.seq ?? null,
      lastSeq: last?.seq ?? null,
      file: rowsPath,
      proofFile: proofPath,
      anchorSeq: anchoring.anchor ? Number(anchoring.anchor.seq) : null,
      anchorCreated: anchoring.anchorCreated,
      archivedRowsMarked: anchoring.archivedRows.length,
    };
  });
}

interface AnchorPlan {
  /** The anchor in effect once the partition is dropped. */
  anchor: Checkpoint | undefined;
  anchorCreated: boolean;
  /** Markers signed now for this partition's rows numbered after the first kept row. */
  archivedRows: Checkpoint[];
  /** Ordinary checkpoints signed now at kept rows right before archived ones. */
  boundaryCheckpoints: Checkpoint[];
}

/**
 * Step 3 of archiving `partition` (see the file comment), inside its transaction, before the drop.
 * `checkpoints` are the access chain's ordinary checkpoints. Throws (and nothing is signed or
 * dropped) when the rows to anchor cannot be proven, or when something must be signed without the
 * operator key.
 */
async function anchorBeforeDrop(
  tx: Executor,
  partition: MonthlyPartition,
  checkpoints: readonly Checkpoint[],
  options: ArchiveOptions,
  batchSize: number,
): Promise<AnchorPlan> {
  const inPartition = and(gte(accessLog.occurredAt, partition.from), lt(accessLog.occurredAt, partition.to));
  const elsewhere = or(lt(accessLog.occurredAt, partition.from), gte(accessLog.occurredAt, partition.to));
  const previous = await loadArchiveAnchors(tx, ACCESS_CHAIN);
  const base = previous.anchor?.seq ?? 0n;
  const previouslyArchived = new Map(previous.archivedRows.map((marker) => [marker.seq, marker.headHash]));

  // The first row that stays, and so the last archived seq before it.
  const [kept] = await tx.select({ seq: min(accessLog.seq) }).from(accessLog).where(elsewhere);
  const firstKept = kept?.seq == null ? undefined : BigInt(kept.seq);
  if (firstKept !== undefined && firstKept <= base) {
    throw new PenghubungError('CONFLICT', {
      id:
        `Catatan seq ${firstKept} tersimpan padahal checkpoint jangkar #${base} menyatakan catatan sampai seq ${base} sudah diarsipkan; ` +
        `${partition.name} tidak diarsipkan. Jalankan \`penghubung log verify\`.`,
      en:
        `Record seq ${firstKept} is stored although anchor checkpoint #${base} states that records up to seq ${base} were archived; ` +
        `${partition.name} was not archived. Run \`penghubung log verify\`.`,
    });
  }
  let through: bigint;
  if (firstKept !== undefined) {
    through = firstKept - 1n;
  } else {
    // Nothing stays: everything up to the newest archived row is archived.
    const [newest] = await tx.select({ seq: sql<string | null>`max(${accessLog.seq})::text` }).from(accessLog).where(inPartition);
    through = [base, ...previouslyArchived.keys(), newest?.seq == null ? 0n : BigInt(newest.seq)].reduce((a, b) => (b > a ? b : a));
  }

  // Archived rows numbered after the first kept row: this partition's get a marker now.
  const above = (
    await tx.select({ seq: accessLog.seq }).from(accessLog).where(and(inPartition, gt(accessLog.seq, Number(through)))).orderBy(asc(accessLog.seq))
  ).map((row) => BigInt(row.seq));
  const archivedAbove = new Set([...[...previouslyArchived.keys()].filter((seq) => seq > through), ...above]);
  const ordinary = new Set(checkpoints.map((checkpoint) => checkpoint.seq));
  const boundaries = [...archivedAbove].map((seq) => seq - 1n).filter((seq) => seq > through && !archivedAbove.has(seq) && !ordinary.has(seq));

  if (through <= base && above.length === 0 && boundaries.length === 0) {
    return { anchor: previous.anchor, anchorCreated: false, archivedRows: [], boundaryCheckpoints: [] };
  }
  if (!options.operatorKey) {
    throw new PenghubungError('CONFLICT', {
      id:
        `Kunci operator diperlukan untuk menandatangani checkpoint jangkar di seq ${through} sebelum ${partition.name} dihapus ` +
        '(tanpa jangkar, log yang tersisa tidak dapat diverifikasi tanpa arsip); partisi tidak diarsipkan.',
      en:
        `The operator key is needed to sign the anchor checkpoint at seq ${through} before ${partition.name} is dropped ` +
        '(without it, the remaining log cannot be verified without the archives); the partition was not archived.',
    });
  }

  // Prove what is about to be signed: verify the stored chain from the previous anchor (or genesis)
  // through the first ordinary checkpoint at or after everything anchored.
  const needed = [through, ...archivedAbove].reduce((a, b) => (b > a ? b : a));
  const sealing = checkpoints.find((checkpoint) => checkpoint.seq >= needed);
  if (!sealing) {
    throw new PenghubungError('CONFLICT', {
      id: `Catatan sampai seq ${needed} belum tercakup checkpoint bertanda tangan; ${partition.name} tidak diarsipkan.`,
      en: `Records up to seq ${needed} are not covered by a signed checkpoint yet; ${partition.name} was not archived.`,
    });
  }
  let rows: AsyncIterable<StoredChainRecord> = accessRows(tx, batchSize, { afterSeq: base, throughSeq: sealing.seq });
  if (!previous.anchor) {
    const [oldest] = await tx.select({ seq: min(accessLog.seq) }).from(accessLog);
    if (oldest?.seq != null && BigInt(oldest.seq) > 1n) {
      // Archived before anchors existed: prove from genesis with the earlier archives in the folder.
      const files = await archiveRowFiles(options.outDir);
      rows = throughSeq(mergeBySeq([...files.map((file) => readArchiveRows(file)), rows]), sealing.seq);
    }
  }
  const wanted = new Set([through, ...above, ...boundaries]);
  const hashes = new Map<bigint, string>();
  const proven = await verifyChain(
    (async function* () {
      for await (const row of rows) {
        if (wanted.has(row.seq)) hashes.set(row.seq, row.hash);
        yield row;
      }
    })(),
    checkpoints.filter((checkpoint) => checkpoint.seq <= sealing.seq),
    createPublicKey(privateKeyOf(options.operatorKey)),
    {
      chain: ACCESS_CHAIN,
      ...(previous.anchor ? { anchor: previous.anchor } : {}),
      archivedRows: previous.archivedRows.filter((marker) => marker.seq <= sealing.seq),
    },
  );
  if (!proven.ok || proven.sealedThrough < sealing.seq) {
    const problem = proven.firstProblem;
    const what = problem ? `seq ${problem.seq}, ${problem.kind}: ${problem.detail}` : `checkpoint #${sealing.seq} not reached`;
    throw new PenghubungError('CONFLICT', {
      id:
        `Rantai log akses tidak terbukti utuh sampai checkpoint #${sealing.seq} (${what}); checkpoint jangkar tidak ditandatangani ` +
        `dan ${partition.name} tidak dihapus. Jalankan \`penghubung log verify\`.`,
      en:
        `The access chain does not verify up to checkpoint #${sealing.seq} (${what}); no anchor was signed ` +
        `and ${partition.name} was not dropped. Run \`penghubung log verify\`.`,
    });
  }
  const hashOf = (seq: bigint): string => {
    const hash = hashes.get(seq) ?? previouslyArchived.get(seq) ?? (seq === base ? previous.anchor?.headHash : undefined);
    if (hash === undefined) throw new Error(`seq ${seq} was proven but its hash was not seen`);
    return hash;
  };

  const privateKey = privateKeyOf(options.operatorKey);
  const createdAt = new Date();
  const signOnce = async (input: Omit<CheckpointInput, 'createdAt'>): Promise<{ checkpoint: Checkpoint; created: boolean }> => {
    const stored = await storeCheckpoint(tx, { ...input, createdAt }, privateKey);
    if (stored.checkpoint.headHash !== input.headHash) {
      throw new PenghubungError('CONFLICT', {
        id: `Checkpoint ${input.chain} #${input.seq} yang sudah ada menyebut hash lain; ${partition.name} tidak diarsipkan. Jalankan \`penghubung log verify\`.`,
        en: `The existing checkpoint ${input.chain} #${input.seq} names another hash; ${partition.name} was not archived. Run \`penghubung log verify\`.`,
      });
    }
    return stored;
  };
  let anchor = previous.anchor;
  let anchorCreated = false;
  if (through > base) {
    const stored = await signOnce({ chain: anchorChainName(ACCESS_CHAIN), seq: through, headHash: hashOf(through) });
    anchor = stored.checkpoint;
    anchorCreated = stored.created;
  }
  const archivedRows: Checkpoint[] = [];
  for (const seq of above) {
    archivedRows.push((await signOnce({ chain: archivedRowChainName(ACCESS_CHAIN), seq, headHash: hashOf(seq) })).checkpoint);
  }
  const boundaryCheckpoints: Checkpoint[] = [];
  for (const seq of boundaries) {
    boundaryCheckpoints.push((await signOnce({ chain: ACCESS_CHAIN, seq, headHash: hashOf(seq) })).checkpoint);
  }
  return { anchor, anchorCreated, archivedRows, boundaryCheckpoints };
}

async function* throughSeq(rows: AsyncIterable<StoredChainRecord>, last: bigint): AsyncGenerator<StoredChainRecord> {
  for await (const row of rows) {
    if (row.seq > last) return;
    yield row;
  }
}

async function* partitionRows(db: Executor, partition: MonthlyPartition, batchSize: number): AsyncGenerator<AccessLogRecord> {
  const range = and(gte(accessLog.occurredAt, partition.from), lt(accessLog.occurredAt, partition.to));
  let after: { seq: number; at: string } | undefined;
  for (;;) {
    const batch = await db
      .select({ row: accessLog, atKey: sql<string>`${accessLog.occurredAt}::text` })
      .from(accessLog)
      .where(after ? and(range, sql`(${accessLog.seq}, ${accessLog.occurredAt}) > (${after.seq}, ${after.at}::timestamptz)`) : range)
      .orderBy(asc(accessLog.seq), asc(accessLog.occurredAt))
      .limit(batchSize);
    for (const { row } of batch) yield row;
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    after = { seq: last.row.seq, at: last.atKey };
  }
}

function toArchiveLine(row: AccessLogRecord): string {
  return JSON.stringify({ ...row, occurredAt: row.occurredAt.toISOString() });
}

function fromArchiveLine(line: string): AccessLogRecord {
  const raw = JSON.parse(line) as Omit<AccessLogRecord, 'occurredAt'> & { occurredAt: string };
  return { ...raw, occurredAt: new Date(raw.occurredAt) };
}

/** The rows of an export file, in file order, as the chain verifier reads them. */
export async function* readArchiveRows(file: string): AsyncGenerator<StoredChainRecord> {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of reader) {
      if (line.length === 0) continue;
      const row = fromArchiveLine(line);
      yield { seq: BigInt(row.seq), prevHash: row.prevHash, hash: row.hash, canonical: accessLogCanonicalForm(row) };
    }
  } finally {
    reader.close();
    input.destroy();
  }
}

/** Re-reads an export: decompresses, re-hashes every row, checks seq order; returns count and digest. */
export async function checkArchiveFile(file: string): Promise<{ rows: number; rowsDigest: string; problem?: string }> {
  const digest = createHash('sha256');
  let rows = 0;
  let previous: bigint | undefined;
  try {
    for await (const row of readArchiveRows(file)) {
      if (hashRecord(row.prevHash, row.canonical) !== row.hash) {
        return { rows, rowsDigest: '', problem: `row seq ${row.seq} does not hash to its stored hash` };
      }
      if (previous !== undefined && row.seq <= previous) {
        return { rows, rowsDigest: '', problem: `seq ${row.seq} follows seq ${previous}` };
      }
      previous = row.seq;
      digest.update(`${row.hash}\n`);
      rows += 1;
    }
  } catch (error) {
    return { rows, rowsDigest: '', problem: `unreadable: ${(error as Error).message}` };
  }
  return { rows, rowsDigest: digest.digest('hex') };
}

/** The export files named by the proofs in `dir` (`*.proof.json`), in proof-name order. */
export async function archiveRowFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(ARCHIVE_PROOF_SUFFIX)).sort();
  const files: string[] = [];
  for (const name of names) {
    const proof = await readArchiveProof(join(dir, name));
    files.push(join(dir, proof.file));
  }
  return files;
}

export async function readArchiveProof(file: string): Promise<ArchiveProof> {
  const proof = JSON.parse(await readFile(file, 'utf8')) as ArchiveProof;
  if (proof.format !== ARCHIVE_FORMAT) throw new Error(`${basename(file)} is not a ${ARCHIVE_FORMAT} proof`);
  return proof;
}

/** The bytes the operator signs for a proof: a fixed prefix and the canonical JSON of all but `signature`. */
export function proofPayload(proof: ArchiveProof): Buffer {
  const { signature: _signature, ...body } = proof;
  return Buffer.from(PROOF_SIGNATURE_PREFIX + canonicalize(body), 'utf8');
}

export function signArchiveProof(proof: ArchiveProof, privateKey: KeyInput): ArchiveProof {
  const value = sign(null, proofPayload(proof), privateKey).toString('base64');
  return { ...proof, signature: { keyId: publicKeyId(privateKey), value } };
}

/**
 * Checks a proof and its export: the operator's signature (when the proof carries one), the file's
 * SHA-256, and a full re-read (count, digest, every row's hash). Returns the problems found.
 */
export async function verifyArchiveProof(proofFile: string, publicKey: KeyInput): Promise<string[]> {
  const proof = await readArchiveProof(proofFile);
  const problems: string[] = [];
  if (proof.signature) {
    const keyMatches = proof.signature.keyId === publicKeyId(publicKey);
    const valid =
      keyMatches && verify(null, proofPayload(proof), publicKey, Buffer.from(proof.signature.value, 'base64'));
    if (!valid) problems.push('proof signature does not verify');
  }
  const rowsFile = join(proofFile, '..', proof.file);
  if ((await sha256OfFile(rowsFile)) !== proof.fileSha256) problems.push('export file SHA-256 differs from the proof');
  const reread = await checkArchiveFile(rowsFile);
  if (reread.problem) problems.push(reread.problem);
  else if (reread.rows !== proof.rows || reread.rowsDigest !== proof.rowsDigest) problems.push('row count or digest differs from the proof');
  return problems;
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* not every platform can fsync a directory */
  }
}
