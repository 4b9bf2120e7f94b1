/**
 * Verifying a stored chain — the access log or the administrative trail — against its signed
 * checkpoints: what an evaluator (or `penghubung log verify`) runs to show nothing was altered,
 * inserted or removed.
 *
 * Rows are streamed in seq order (registry/log/ledgerRows.ts) and fed to lib/ledger `verifyChain`,
 * which stops at the first problem and names its seq and kind (altered, inserted, deleted,
 * bad-signature, checkpoint-mismatch). Everything is read in one read-only REPEATABLE READ
 * transaction, so writers may keep appending meanwhile and the check sees one consistent state.
 *
 * After the rows, the chain head the writers keep (`chain_heads`) is compared with the last row:
 * rows past the recorded head were inserted outside the writer; a head past the last row means rows
 * were cut from the end; a different hash at the same seq means the last row was rewritten. (Someone
 * able to write the database can rewrite the head row too: only checkpoints prove the tail.)
 *
 * Two modes, reported as `mode`:
 * - `anchored` (the database alone, after old partitions were archived): `penghubung log archive`
 *   (registry/log/retention.ts) signs an anchor (`access:anchor`) at the last archived seq before it
 *   drops a partition. Verification starts from the latest anchor: its signature must verify, and
 *   the first stored row must be the next seq and link to the anchor's head hash, so rows deleted
 *   from the start of what was kept are caught like any other deletion. Missing seqs above it are
 *   accepted only where a signed `access:archived` marker names them (rows of an archived month
 *   logged after the first kept row). Without any anchor, an access log whose first stored row is
 *   not seq 1 fails as `missing-anchor` (the trail, never archived, as `deleted`).
 * - `genesis`: the whole chain from its first record — when nothing was archived, or with
 *   `archiveDir`: the archives' NDJSON exports are merged, in seq order, with the rows still stored.
 *
 * Then the checkpoints themselves: each series (the chain's own, and for the access log its anchors
 * and archived-row markers) must be complete and linked (lib/ledger `verifyCheckpointChain`), so a
 * checkpoint deleted or rewritten in the middle is `checkpoint-deleted` / `checkpoint-mismatch`.
 * Given the copies published outside the database (`published`, registry/log/publish.ts), each must
 * still be stored unchanged, and they are checked against the rows like stored ones: deleting the
 * newest checkpoints, or cutting the log back to before the last published checkpoint (rows,
 * checkpoints and head together), is caught even though what remains is consistent.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../drizzle/database.ts';
import { chainCheckpoints, chainHeads } from '../../drizzle/schema/index.ts';
import type { Message } from '../../lib/errors.ts';
import {
  anchorChainName,
  archivedRowChainName,
  checkpointHash,
  keyRanges,
  verifyChain,
  verifyCheckpointChain,
  type CheckpointChainProblemKind,
  type CheckpointChainVerification,
  type KeyHistory,
  type KeyRange,
  type ChainProblem,
  type ChainProblemKind,
  type ChainVerification,
  type Checkpoint,
  type KeyInput,
} from '../../lib/ledger/index.ts';
import { loadArchiveAnchors, loadCheckpoints, type LedgerChain } from './checkpoints.ts';
import { accessRows, mergeBySeq, trailRows } from './ledgerRows.ts';
import { archiveRowFiles, readArchiveRows } from './retention.ts';

export interface VerifyLedgerOptions {
  chain: LedgerChain;
  /** Rows per query (default 5,000). */
  batchSize?: number;
  /** Folder of access-log archives (`*.proof.json` + `*.ndjson.gz`): verify the whole chain from genesis. */
  archiveDir?: string;
  /** Checkpoints published outside the database (any chain names; those of this chain are used). */
  published?: readonly Checkpoint[];
  /** The operator keys' history: revoked and retired keys are accepted only for their period. */
  keyHistory?: KeyHistory;
}

/**
 * `missing-anchor`: the stored access log does not start at seq 1 and no signed anchor says where it
 * was cut. `checkpoint-deleted`: a checkpoint is missing from its series (a broken link, a gap, or a
 * published copy the database no longer holds).
 */
export type LedgerProblemKind = ChainProblemKind | 'missing-anchor' | CheckpointChainProblemKind;

export interface LedgerProblem extends Omit<ChainProblem, 'kind'> {
  kind: LedgerProblemKind;
}

export interface LedgerVerification extends Omit<ChainVerification, 'firstProblem'> {
  chain: LedgerChain;
  /** `anchored`: from the latest signed archive anchor (older rows archived); `genesis`: from the first record. */
  mode: 'anchored' | 'genesis';
  /** The anchor verification started from (`anchored`); its signature verified. */
  anchorCheckpoint?: Checkpoint;
  /** The head the writers recorded in `chain_heads` (null if the chain was never written). */
  storedHead: { seq: bigint; hash: string } | null;
  /** Archive files read (access chain with `archiveDir` only). */
  archivesRead: number;
  /** Each checkpoint series checked (the chain's own first), with what was found. */
  checkpointSeries: CheckpointChainVerification[];
  /** Published copies given for this chain (its series, anchors and markers included). */
  publishedGiven: number;
  /** Which operator key signed which stretch of the chain's own checkpoint series. */
  keyRanges: KeyRange[];
  firstProblem?: LedgerProblem;
  /** What the first problem means for an anchored chain, for people (Indonesian first). */
  hint?: Message;
}

export async function verifyLedger(
  database: Pick<DatabaseHandle, 'db'>,
  publicKey: KeyInput | readonly KeyInput[],
  options: VerifyLedgerOptions,
): Promise<LedgerVerification> {
  const { chain } = options;
  const batchSize = options.batchSize ?? 5_000;
  const archiveDir = chain === 'access' ? options.archiveDir : undefined;
  const archives = archiveDir ? await archiveRowFiles(archiveDir) : [];

  return database.db.transaction(
    async (tx) => {
      const [head] = await tx
        .select({ seq: chainHeads.seq, hash: chainHeads.hash })
        .from(chainHeads)
        .where(eq(chainHeads.chain, chain));
      const storedHead = head ? { seq: BigInt(head.seq), hash: head.hash } : null;
      const stored = await loadCheckpoints(tx, chain);
      const seriesNames = chain === 'access' ? [chain, anchorChainName(chain), archivedRowChainName(chain)] : [chain];
      const published = (options.published ?? []).filter((cp) => seriesNames.includes(cp.chain));
      const storedHashes = new Set(stored.map(checkpointHash));
      // Published copies are checked against the rows like stored ones (a copy the database lost still proves its head).
      const checkpoints = [...stored, ...published.filter((cp) => cp.chain === chain && !storedHashes.has(checkpointHash(cp)))];
      // With the archives the whole chain is there: verify it from genesis, anchors not needed.
      const { anchor, archivedRows } = archiveDir ? { anchor: undefined, archivedRows: [] } : await loadArchiveAnchors(tx, chain);
      const storedRows = chain === 'access' ? accessRows(tx, batchSize) : trailRows(tx, batchSize);
      const rows = archives.length > 0 ? mergeBySeq([...archives.map((file) => readArchiveRows(file)), storedRows]) : storedRows;

      let firstSeq: bigint | undefined;
      const observed = (async function* () {
        for await (const row of rows) {
          firstSeq ??= row.seq;
          yield row;
        }
      })();
      const result = await verifyChain(observed, checkpoints, publicKey, {
        chain,
        ...(anchor ? { anchor } : {}),
        ...(archivedRows.length > 0 ? { archivedRows } : {}),
        ...(options.keyHistory ? { keyHistory: options.keyHistory } : {}),
      });
      const { firstProblem: chainProblem, ...verified } = result;
      const checkpointSeries: CheckpointChainVerification[] = [];
      for (const name of seriesNames) {
        const series = name === chain ? stored : await loadCheckpoints(tx, name);
        checkpointSeries.push(verifyCheckpointChain(name, series, published.filter((cp) => cp.chain === name)));
      }
      const report: LedgerVerification = {
        ...verified,
        chain,
        mode: anchor ? 'anchored' : 'genesis',
        ...(anchor ? { anchorCheckpoint: anchor } : {}),
        storedHead,
        archivesRead: archives.length,
        checkpointSeries,
        publishedGiven: published.length,
        keyRanges: keyRanges(stored, options.keyHistory),
      };
      const problem =
        chainProblem ??
        headProblem(storedHead, result.head, anchor) ??
        seriesProblem(checkpointSeries) ??
        (options.keyHistory ? await untransitionedKey(tx, options.keyHistory) : undefined);
      if (!problem) return report;

      const cutFromGenesis = !anchor && result.checked === 0 && problem.kind === 'deleted' && problem.seq === 1n;
      // The access log, not starting at genesis, with no anchor saying it was cut there by an archive.
      // (The trail is never archived: for it, this stays a deletion.)
      const cutAt =
        cutFromGenesis && chain === 'access' && archives.length === 0
          ? (firstSeq ?? (storedHead && storedHead.seq > 0n ? storedHead.seq + 1n : undefined))
          : undefined;
      if (cutAt !== undefined && cutAt > 1n) {
        return { ...report, ok: false, firstProblem: missingAnchor(chain, cutAt, firstSeq !== undefined), hint: missingAnchorHint(cutAt) };
      }
      if (cutFromGenesis && firstSeq !== undefined && firstSeq > 1n) {
        problem.detail +=
          archives.length > 0
            ? ` (the archives and the database together start at seq ${firstSeq}: an archive is missing from the folder)`
            : ` (the stored chain starts at seq ${firstSeq})`;
      }
      const hint = problem.kind === 'checkpoint-deleted' ? checkpointDeletedHint(report.publishedGiven > 0) : anchor ? anchorHint(problem, anchor, firstSeq) : undefined;
      return { ...report, ok: false, firstProblem: problem, ...(hint ? { hint } : {}) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * A key of the history that signs checkpoints although no key-transition checkpoint (signed by it and
 * by an earlier key) introduced it: the chain of trust from the first key is broken there. The first
 * operator key of the history needs none.
 */
async function untransitionedKey(tx: Executor, history: KeyHistory): Promise<LedgerProblem | undefined> {
  const operatorKeys = history.keys.filter((key) => key.purpose === 'operator').sort((a, b) => Date.parse(a.validFrom) - Date.parse(b.validFrom));
  for (const key of operatorKeys.slice(1)) {
    const [introduced] = await tx
      .select({ id: chainCheckpoints.id })
      .from(chainCheckpoints)
      .where(and(eq(chainCheckpoints.keyId, key.id), isNotNull(chainCheckpoints.previousKeyId)))
      .limit(1);
    if (introduced) continue;
    const [signed] = await tx
      .select({ chain: chainCheckpoints.chain, seq: chainCheckpoints.seq })
      .from(chainCheckpoints)
      .where(eq(chainCheckpoints.keyId, key.id))
      .orderBy(asc(chainCheckpoints.createdAt))
      .limit(1);
    if (!signed) continue;
    return {
      seq: BigInt(signed.seq),
      kind: 'bad-signature',
      detail: `key ${key.id} signs checkpoints (first: ${signed.chain} seq ${signed.seq}) but no key-transition checkpoint signed by it and by the key before it introduces it`,
    };
  }
  return undefined;
}

function checkpointDeletedHint(withPublished: boolean): Message {
  return withPublished
    ? {
        id: 'Checkpoint bertanda tangan hilang dari basis data (dibandingkan dengan rangkaian checkpoint dan salinan yang diterbitkan di luar basis data): checkpoint dihapus.',
        en: 'A signed checkpoint is missing from the database (checked against the checkpoint series and the copies published outside the database): it was deleted.',
      }
    : {
        id: 'Rangkaian checkpoint bertanda tangan terputus: ada checkpoint yang dihapus atau ditulis ulang.',
        en: 'The series of signed checkpoints is broken: a checkpoint was deleted or rewritten.',
      };
}

function seriesProblem(series: readonly CheckpointChainVerification[]): LedgerProblem | undefined {
  const broken = series.find((one) => one.problem);
  if (!broken?.problem) return undefined;
  const { kind, seq, detail, chain } = broken.problem;
  return { seq: seq ?? 0n, kind, detail, ...(chain.endsWith(':anchor') ? { about: 'anchor' as const } : chain.endsWith(':archived') ? { about: 'archived-row' as const } : {}) };
}

function missingAnchor(chain: LedgerChain, firstKept: bigint, rowsStored: boolean): LedgerProblem {
  const where = rowsStored ? `the first stored row is seq ${firstKept}` : `no row is stored, yet the chain head is at seq ${firstKept - 1n}`;
  return {
    seq: firstKept - 1n,
    kind: 'missing-anchor',
    about: 'anchor',
    detail: `${where}, and there is no signed anchor checkpoint (chain ${chain}:anchor) at seq ${firstKept - 1n}`,
  };
}

function missingAnchorHint(firstKept: bigint): Message {
  const last = firstKept - 1n;
  return {
    id:
      `Tidak ada checkpoint jangkar bertanda tangan di seq ${last}: log yang tersimpan dimulai di seq ${firstKept}, ` +
      'sehingga tidak dapat dibuktikan bahwa tidak ada yang dipotong dari awalnya. Jangkar dibuat oleh `penghubung log archive`; ' +
      `bila tidak ada, jangkarnya dihapus atau catatan seq 1–${last} dihapus. ` +
      'Untuk verifikasi penuh dari genesis, sertakan folder arsip (--archive-dir).',
    en:
      `No signed anchor checkpoint at seq ${last}: the stored log starts at seq ${firstKept}, ` +
      'so nothing proves that nothing was cut from its start. Anchors are written by `penghubung log archive`; ' +
      `without one, the anchor was deleted or records 1–${last} were removed. ` +
      'To verify in full from genesis, pass the archive folder (--archive-dir).',
  };
}

function anchorHint(problem: LedgerProblem, anchor: Checkpoint, firstSeq: bigint | undefined): Message | undefined {
  if (problem.about === 'archived-row') {
    return {
      id: `Penanda bertanda tangan catatan seq ${problem.seq} yang diarsipkan tidak sah atau tidak cocok: penanda itu diubah.`,
      en: `The signed marker of archived record seq ${problem.seq} is invalid or does not match: it was altered.`,
    };
  }
  if (problem.about !== 'anchor') return undefined;
  const at = anchor.seq;
  if (problem.kind === 'bad-signature' || problem.kind === 'checkpoint-mismatch') {
    return {
      id: `Checkpoint jangkar #${at} tidak sah: isinya diubah atau tidak ditandatangani kunci operator. Log yang tersimpan tidak dapat diverifikasi tanpanya.`,
      en: `Anchor checkpoint #${at} is invalid: it was altered or not signed by the operator key. The stored log cannot be verified without it.`,
    };
  }
  if (problem.kind === 'inserted') {
    return {
      id: `Ada catatan tersimpan di seq ${problem.seq}, padahal checkpoint jangkar #${at} menyatakan catatan sampai seq ${at} sudah diarsipkan.`,
      en: `A record is stored at seq ${problem.seq}, although anchor checkpoint #${at} states that records up to seq ${at} were archived.`,
    };
  }
  const first = firstSeq === undefined ? '' : ` (catatan pertama yang tersimpan: seq ${firstSeq})`;
  const firstEn = firstSeq === undefined ? '' : ` (the first stored record is seq ${firstSeq})`;
  return {
    id:
      `Catatan di awal log yang tersimpan dihapus: checkpoint jangkar bertanda tangan #${at} menyatakan log berlanjut dari seq ${at + 1n}${first}. ` +
      'Bila partisi yang lebih baru pernah diarsipkan, checkpoint jangkarnya mungkin juga dihapus.',
    en:
      `Records at the start of the stored log were removed: signed anchor checkpoint #${at} states that the log continues at seq ${at + 1n}${firstEn}. ` +
      'If newer partitions were archived since, their anchor checkpoint may have been deleted too.',
  };
}

function headProblem(
  storedHead: { seq: bigint; hash: string } | null,
  last: { seq: bigint; hash: string },
  anchor: Checkpoint | undefined,
): LedgerProblem | undefined {
  if (!storedHead) {
    if (last.seq === 0n) return undefined;
    return anchor && last.seq === anchor.seq
      ? { seq: last.seq, kind: 'deleted', detail: 'a signed anchor exists but the chain has no head row: it was removed' }
      : { seq: anchor ? anchor.seq + 1n : 1n, kind: 'inserted', detail: 'rows exist but the chain has no head row: they were not written by the log writer' };
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
