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
 * 3. a proof file (`access_log_YYYY_MM.proof.json`) is written: range, row count, first/last seq with
 *    their hashes, the digest, the SHA-256 of the export file, the signed checkpoints covering the rows
 *    (those inside the seq range and the first one at or after its end), and, given the operator key,
 *    the operator's Ed25519 signature over the proof (`verifyArchiveProof`);
 * 4. only then is the partition dropped (under an ACCESS EXCLUSIVE lock, after checking that it still
 *    holds exactly the rows exported).
 * A partition whose rows no checkpoint covers yet is not archived (sign one first: given the operator
 * key, this function does). Seq ranges of neighbouring months overlap a little (a row's month is when
 * its request arrived, its seq when it was committed); `verifyLedger(..., { archiveDir })` merges the
 * exports with the stored rows and verifies the whole chain from genesis.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { and, asc, gte, lt, sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { accessLog } from '../../drizzle/schema/index.ts';
import type { AccessLogRecord } from '../../drizzle/schema/log.ts';
import { PenghubungError } from '../../lib/errors.ts';
import {
  canonicalize,
  hashRecord,
  publicKeyId,
  type Checkpoint,
  type KeyInput,
  type OperatorKey,
  type StoredChainRecord,
} from '../../lib/ledger/index.ts';
import { ACCESS_CHAIN, accessLogCanonicalForm } from './accessLogWriter.ts';
import { createCheckpointer, loadCheckpoints } from './checkpoints.ts';
import { listMonthlyPartitions, type MonthlyPartition } from './partitions.ts';

export const ARCHIVE_FORMAT = 'penghubung-access-log-archive/v1';
export const ARCHIVE_ROWS_SUFFIX = '.ndjson.gz';
export const ARCHIVE_PROOF_SUFFIX = '.proof.json';
const PROOF_SIGNATURE_PREFIX = `${ARCHIVE_FORMAT}\n`;

export interface SerializedCheckpoint {
  chain: string;
  seq: number;
  headHash: string;
  createdAt: string;
  keyId: string;
  signature: string;
}

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
  createdAt: string;
  /** The operator's Ed25519 signature over the proof without this member (see `proofPayload`). */
  signature?: { keyId: string; value: string };
}

export interface ArchiveOptions {
  /** Partitions whose month ends on or before this instant are archived. */
  before: Date;
  outDir: string;
  /** Signs a fresh checkpoint first (so the newest rows are covered) and signs each proof. */
  operatorKey?: OperatorKey | KeyInput;
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

function privateKeyOf(key: OperatorKey | KeyInput): KeyInput {
  return typeof key === 'object' && 'privateKey' in key && 'keyId' in key ? (key as OperatorKey).privateKey : (key as KeyObject | string);
}

export async function archivePartitionsBefore(
  database: Pick<DatabaseHandle, 'db'>,
  options: ArchiveOptions,
): Promise<ArchiveResult> {
  const { db } = database;
  const batchSize = options.batchSize ?? 5_000;
  if (Number.isNaN(options.before.getTime())) throw new RangeError('before must be a valid date');
  await mkdir(options.outDir, { recursive: true, mode: 0o700 });
  if (options.operatorKey) {
    // Seal everything written so far, so the rows about to be archived are covered by a signature.
    const checkpointer = createCheckpointer({ database, operatorKey: options.operatorKey, everyMs: 0, chains: [ACCESS_CHAIN] });
    await checkpointer.close();
  }

  const due = (await listMonthlyPartitions(db)).filter((partition) => partition.to.getTime() <= options.before.getTime());
  const archived: ArchivedPartition[] = [];
  for (const partition of due) {
    archived.push(await archivePartition(db, partition, options, batchSize));
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

    // 3. The proof, with the checkpoints that cover the rows.
    const { first, last } = exported;
    let covering: Checkpoint[] = [];
    if (first && last) {
      const checkpoints = await loadCheckpoints(tx, ACCESS_CHAIN);
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
      createdAt: new Date().toISOString(),
    };
    const proof = options.operatorKey ? signArchiveProof(unsigned, privateKeyOf(options.operatorKey)) : unsigned;
    await writeFile(`${proofPath}.partial`, `${JSON.stringify(proof, null, 2)}\n`, { mode: 0o600 });
    await fsyncFile(`${proofPath}.partial`);
    await rename(`${proofPath}.partial`, proofPath);
    await fsyncDirectory(options.outDir);

    // 4. Drop, if the partition still holds exactly what was exported.
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
    };
  });
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

function serializeCheckpoint(checkpoint: Checkpoint): SerializedCheckpoint {
  return {
    chain: checkpoint.chain,
    seq: Number(checkpoint.seq),
    headHash: checkpoint.headHash,
    createdAt: checkpoint.createdAt.toISOString(),
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
  };
}

/** A checkpoint from a proof file, as `verifyChain` takes it. */
export function deserializeCheckpoint(checkpoint: SerializedCheckpoint): Checkpoint {
  return { ...checkpoint, seq: BigInt(checkpoint.seq), createdAt: new Date(checkpoint.createdAt) };
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
