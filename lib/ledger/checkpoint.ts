/**
 * Signed checkpoints of a hash chain, and the operator's signing key.
 *
 * A checkpoint states "chain C had head hash H at sequence number N at time T", signed with the
 * operator's (Dinas Kominfo's) Ed25519 key. The hash chain alone shows that rows fit together; it
 * does not stop someone with write access to the database from rewriting every row after a change
 * and recomputing the hashes. A checkpoint does: the rewritten chain no longer reaches H at N, and a
 * new checkpoint cannot be forged without the private key. Rows after the last checkpoint are
 * protected by the chain only, so checkpoints should be taken often (every few seconds or every
 * few thousand rows, and at shutdown) and published off the database host (registry/log/publish.ts).
 *
 * Checkpoints are chained too (format version 2): each one signs the hash of the checkpoint signed
 * before it under the same chain name (`prevCheckpointHash`) and its place in that series
 * (`position`, from 1). Deleting or rewriting a checkpoint in the middle then breaks the link of the
 * next one; deleting the newest ones is caught against copies published outside the database
 * (lib/ledger/checkpointChain.ts). Version 1 checkpoints (unchained, stored before chaining existed)
 * still verify; the first version 2 checkpoint of a chain links to the last version 1 one.
 *
 * A key transition: the first checkpoint signed by a new operator key also carries the previous
 * key's id inside the signed payload and a second signature by that previous key, so the chain of
 * trust passes from one key to the next without a gap (see lib/ledger/keyHistory.ts).
 *
 * `keyId` is the hex SHA-256 of the public key's SPKI DER encoding, so an evaluator can tell which
 * key signed a checkpoint across key rotations.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PenghubungError } from '../errors.ts';
import { createKeyFile, readPrivateKeyFile } from '../secretFile.ts';
import { canonicalize } from './canonical.ts';

export interface CheckpointInput {
  chain: string;
  seq: bigint;
  headHash: string;
  createdAt: Date;
}

export interface Checkpoint extends CheckpointInput {
  /** Base64 Ed25519 signature over `checkpointPayload(...)`. */
  signature: string;
  /** Hex SHA-256 of the signing public key's SPKI DER. */
  keyId: string;
  /** Format: 1 (unchained, legacy; also when absent) or 2 (chained). */
  version?: 1 | 2;
  /** Version 2: place in the series of checkpoints of this chain name, from 1. */
  position?: bigint;
  /** Version 2: `checkpointHash` of the checkpoint before it in the series (`CHECKPOINT_GENESIS_HASH` for the first). */
  prevCheckpointHash?: string;
  /** Version 2, key transition: the id of the key this checkpoint's key replaces (also signs, `transitionSignature`). */
  previousKeyId?: string;
  /** Base64 Ed25519 signature by `previousKeyId` over the same payload. */
  transitionSignature?: string;
}

/** A key as a `KeyObject` or PEM text. */
export type KeyInput = KeyObject | string;

/** What the first chained checkpoint of a chain links to when no checkpoint came before it. */
export const CHECKPOINT_GENESIS_HASH = '0'.repeat(64);

/** Domain separation: a checkpoint signature can never be replayed as a signature of anything else. */
const PAYLOAD_PREFIX_V1 = 'penghubung-ledger-checkpoint/v1\n';
const PAYLOAD_PREFIX_V2 = 'penghubung-ledger-checkpoint/v2\n';
const HASH_PREFIX = 'penghubung-ledger-checkpoint-hash/v1\n';

/** The format version of `cp` (absent = 1). */
export function checkpointVersion(cp: Pick<Checkpoint, 'version'>): 1 | 2 {
  return cp.version === 2 ? 2 : 1;
}

/**
 * The exact bytes signed: a fixed prefix per format version and the canonical JSON of every field
 * but the signatures.
 */
export function checkpointPayload(cp: CheckpointInput & Omit<Checkpoint, 'signature' | 'transitionSignature' | keyof CheckpointInput>): Buffer {
  const common = { chain: cp.chain, seq: cp.seq, headHash: cp.headHash, createdAt: cp.createdAt, keyId: cp.keyId };
  if (checkpointVersion(cp) === 1) return Buffer.from(PAYLOAD_PREFIX_V1 + canonicalize(common), 'utf8');
  const body = canonicalize({
    ...common,
    position: cp.position,
    prevCheckpointHash: cp.prevCheckpointHash,
    ...(cp.previousKeyId === undefined ? {} : { previousKeyId: cp.previousKeyId }),
  });
  return Buffer.from(PAYLOAD_PREFIX_V2 + body, 'utf8');
}

/**
 * The hash the next checkpoint of the series signs as its `prevCheckpointHash`: SHA-256 over the
 * signed payload and the signatures, so a checkpoint re-signed with other content (or only another
 * signature) no longer fits the link.
 */
export function checkpointHash(cp: Checkpoint): string {
  return createHash('sha256')
    .update(HASH_PREFIX)
    .update(checkpointPayload(cp))
    .update(`\n${cp.signature}\n${cp.transitionSignature ?? ''}`)
    .digest('hex');
}

/** A checkpoint as JSON (published files, archive proofs): numbers as decimal strings, times as ISO 8601. */
export interface SerializedCheckpoint {
  chain: string;
  seq: number;
  headHash: string;
  createdAt: string;
  keyId: string;
  signature: string;
  version?: 1 | 2;
  position?: string;
  prevCheckpointHash?: string;
  previousKeyId?: string;
  transitionSignature?: string;
}

export function serializeCheckpoint(cp: Checkpoint): SerializedCheckpoint {
  return {
    chain: cp.chain,
    seq: Number(cp.seq),
    headHash: cp.headHash,
    createdAt: cp.createdAt.toISOString(),
    keyId: cp.keyId,
    signature: cp.signature,
    ...(checkpointVersion(cp) === 2
      ? { version: 2 as const, position: String(cp.position), prevCheckpointHash: cp.prevCheckpointHash! }
      : {}),
    ...(cp.previousKeyId === undefined ? {} : { previousKeyId: cp.previousKeyId, transitionSignature: cp.transitionSignature! }),
  };
}

/** The inverse of `serializeCheckpoint`; a malformed field makes the checkpoint fail verification later, not here. */
export function deserializeCheckpoint(value: SerializedCheckpoint): Checkpoint {
  return {
    chain: String(value.chain),
    seq: BigInt(value.seq),
    headHash: String(value.headHash),
    createdAt: new Date(value.createdAt),
    keyId: String(value.keyId),
    signature: String(value.signature),
    ...(value.version === 2
      ? { version: 2 as const, position: BigInt(value.position ?? -1), prevCheckpointHash: String(value.prevCheckpointHash) }
      : {}),
    ...(value.previousKeyId === undefined
      ? {}
      : { previousKeyId: String(value.previousKeyId), transitionSignature: String(value.transitionSignature) }),
  };
}

function toPrivateKey(key: KeyInput): KeyObject {
  const object = typeof key === 'string' ? createPrivateKey(key) : key;
  if (object.type !== 'private' || object.asymmetricKeyType !== 'ed25519') {
    throw new PenghubungError('INTERNAL', {
      id: 'Kunci penanda tangan checkpoint harus kunci privat Ed25519.',
      en: 'The checkpoint signing key must be an Ed25519 private key.',
    });
  }
  return object;
}

function toPublicKey(key: KeyInput): KeyObject {
  // createPublicKey accepts a private key too and derives its public half.
  const object =
    typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  if (object.asymmetricKeyType !== 'ed25519') {
    throw new PenghubungError('INTERNAL', {
      id: 'Kunci verifikasi checkpoint harus kunci publik Ed25519.',
      en: 'The checkpoint verification key must be an Ed25519 public key.',
    });
  }
  return object;
}

/** Hex SHA-256 of the public key's SPKI DER (derived from a private key if one is given). */
export function publicKeyId(key: KeyInput): string {
  const der = toPublicKey(key).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

export interface CreateCheckpointOptions {
  /**
   * The checkpoint signed before this one under the same chain name (`null`: none, this is the
   * first). The new checkpoint links to it (`prevCheckpointHash`, `position`).
   */
  previous?: Checkpoint | null;
  /** A key transition: the key being replaced signs too (`previousKeyId`, `transitionSignature`). */
  previousKey?: KeyInput;
}

/** Signs `input` as a chained (version 2) checkpoint following `options.previous`. */
export function createCheckpoint(input: CheckpointInput, privateKey: KeyInput, options: CreateCheckpointOptions = {}): Checkpoint {
  const key = toPrivateKey(privateKey);
  if (input.seq < 0n) throw new RangeError('checkpoint seq must be >= 0');
  if (!/^[0-9a-f]{64}$/.test(input.headHash))
    throw new RangeError('headHash must be 64 lowercase hex digits');
  const previous = options.previous ?? null;
  if (previous && previous.chain !== input.chain) {
    throw new RangeError(`the previous checkpoint belongs to chain ${previous.chain}, not ${input.chain}`);
  }
  const keyId = publicKeyId(key);
  const transitionKey = options.previousKey === undefined ? undefined : toPrivateKey(options.previousKey);
  const previousKeyId = transitionKey ? publicKeyId(transitionKey) : undefined;
  if (previousKeyId === keyId) throw new RangeError('a key transition needs two different keys');
  const fields = {
    chain: input.chain,
    seq: input.seq,
    headHash: input.headHash,
    createdAt: new Date(input.createdAt.getTime()),
    keyId,
    version: 2 as const,
    position: previous && checkpointVersion(previous) === 2 ? previous.position! + 1n : 1n,
    prevCheckpointHash: previous ? checkpointHash(previous) : CHECKPOINT_GENESIS_HASH,
    ...(previousKeyId === undefined ? {} : { previousKeyId }),
  };
  const payload = checkpointPayload(fields);
  const signature = sign(null, payload, key).toString('base64');
  return {
    ...fields,
    signature,
    ...(transitionKey ? { transitionSignature: sign(null, payload, transitionKey).toString('base64') } : {}),
  };
}

/**
 * Why `cp` does not verify against any of `publicKeys`, or `undefined` if it does. A key-transition
 * checkpoint needs both signatures to verify (the previous key must be among `publicKeys` too).
 * Never throws on a malformed checkpoint (it reads as a failed verification).
 */
export function checkpointProblem(
  cp: Checkpoint,
  publicKeys: KeyInput | readonly KeyInput[],
): string | undefined {
  const keys = ((Array.isArray(publicKeys) ? publicKeys : [publicKeys]) as readonly KeyInput[]).map(toPublicKey);
  const find = (id: string | undefined): KeyObject | undefined => keys.find((candidate) => publicKeyId(candidate) === id);
  const key = find(cp.keyId);
  if (!key) return `checkpoint signed by unknown key ${String(cp.keyId)}`;
  try {
    if (checkpointVersion(cp) === 2 && (typeof cp.position !== 'bigint' || cp.position < 1n || !/^[0-9a-f]{64}$/.test(String(cp.prevCheckpointHash)))) {
      return 'chained checkpoint without a valid position or previous checkpoint hash';
    }
    const payload = checkpointPayload(cp);
    const problem = signatureProblem(payload, key, cp.signature);
    if (problem) return problem;
    if (cp.previousKeyId === undefined) return undefined;
    if (checkpointVersion(cp) !== 2) return 'a key transition needs a chained checkpoint';
    const previousKey = find(cp.previousKeyId);
    if (!previousKey) return `key transition from unknown key ${String(cp.previousKeyId)}`;
    const transition = signatureProblem(payload, previousKey, String(cp.transitionSignature ?? ''));
    return transition ? `the previous key's transition signature: ${transition}` : undefined;
  } catch (error) {
    return `checkpoint cannot be verified: ${(error as Error).message}`;
  }
}

function signatureProblem(payload: Buffer, key: KeyObject, base64: string): string | undefined {
  const signature = Buffer.from(base64, 'base64');
  if (signature.length !== 64) return 'signature is not a 64-byte Ed25519 signature';
  return verify(null, payload, key, signature) ? undefined : 'signature does not match';
}

/**
 * Chain name of the archive anchors of `chain` (e.g. `access:anchor`). An anchor is a checkpoint
 * stating "the rows of `chain` up to `seq` were archived (exported and removed from the database);
 * the retained chain continues from `headHash`". It lives under its own chain name, and the name is
 * inside the signed payload, so an ordinary checkpoint of `chain` can never pass for an anchor:
 * otherwise deleting the oldest retained rows up to any ordinary checkpoint would look like an
 * archive. See `verifyChain`'s `anchor` option.
 */
export function anchorChainName(chain: string): string {
  return `${chain}:anchor`;
}

/**
 * Chain name of the archived-row markers of `chain` (e.g. `access:archived`): "row `seq` of `chain`,
 * above the anchor, was archived; its hash was `headHash`". Rows are archived by month of arrival
 * but numbered in commit order, so a few rows of an archived month may come after the first row that
 * stays (a request that arrived before midnight and was logged after one that arrived after it).
 * Each such row gets a marker, so verification of what stays can pass over exactly those seqs and
 * still report any other missing seq as deleted. See `verifyChain`'s `archivedRows` option.
 */
export function archivedRowChainName(chain: string): string {
  return `${chain}:archived`;
}

/** True when `cp` carries a valid signature by `publicKey` (or by one of several, for key rotation). */
export function verifyCheckpoint(cp: Checkpoint, publicKey: KeyInput | readonly KeyInput[]): boolean {
  return checkpointProblem(cp, publicKey) === undefined;
}

// ---------------------------------------------------------------------------------------------
// The operator key on disk

export const OPERATOR_PRIVATE_KEY_FILE = 'operator-ed25519.key.pem';
export const OPERATOR_PUBLIC_KEY_FILE = 'operator-ed25519.pub.pem';

export interface OperatorKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
  /** True if this call generated the key pair. */
  created: boolean;
  privateKeyPath: string;
  publicKeyPath: string;
}

/**
 * Loads the operator's Ed25519 key pair from `dir` (the data folder), creating it on first use.
 * Files: `operator-ed25519.key.pem` (PKCS#8) and `operator-ed25519.pub.pem` (SPKI), mode 0600.
 *
 * Never overwrites an existing private key: losing it would make the next checkpoints unverifiable
 * against the published key. Refuses, with a `PenghubungError` that says what to do, when:
 * the folder cannot be created or written; the private key file is readable or writable by group
 * or others; the public key file exists without the private key; the two files do not belong
 * together. Synchronous: meant to run once at start-up.
 */
export function loadOrCreateOperatorKey(dir: string): OperatorKey {
  const privateKeyPath = join(dir, OPERATOR_PRIVATE_KEY_FILE);
  const publicKeyPath = join(dir, OPERATOR_PUBLIC_KEY_FILE);

  // The one key-file loader (lib/secretFile.ts) refuses a private key others may read.
  const existing = readPrivateKeyFile(privateKeyPath);
  if (existing !== undefined) return loadExisting(existing, privateKeyPath, publicKeyPath);
  if (readIfExists(publicKeyPath) !== undefined) {
    throw new PenghubungError('INTERNAL', {
      id:
        `Kunci publik operator ada di ${publicKeyPath} tetapi kunci privatnya tidak ada. ` +
        'Pulihkan kunci privat dari cadangan; jika memang hilang, pindahkan kunci publik lama ke arsip ' +
        '(tetap diperlukan untuk memverifikasi checkpoint lama) sebelum membuat kunci baru.',
      en:
        `The operator public key exists at ${publicKeyPath} but its private key is missing. ` +
        'Restore the private key from backup; if it is truly lost, move the old public key to an archive ' +
        '(it is still needed to verify old checkpoints) before a new key is created.',
    });
  }

  ensureWritableDir(dir);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;

  if (!createKeyFile(privateKeyPath, privatePem)) {
    // Another process created the key between our check and our write: use theirs.
    return loadExisting(readPrivateKeyFile(privateKeyPath)!, privateKeyPath, publicKeyPath);
  }
  createKeyFile(publicKeyPath, publicKeyPem);
  return {
    privateKey,
    publicKey,
    publicKeyPem,
    keyId: publicKeyId(publicKey),
    created: true,
    privateKeyPath,
    publicKeyPath,
  };
}

function loadExisting(privatePem: string, privateKeyPath: string, publicKeyPath: string): OperatorKey {
  let privateKey: KeyObject;
  try {
    privateKey = toPrivateKey(createPrivateKey(privatePem));
  } catch (error) {
    throw new PenghubungError(
      'INTERNAL',
      {
        id: `Berkas ${privateKeyPath} bukan kunci privat Ed25519 yang sah. Pulihkan dari cadangan.`,
        en: `${privateKeyPath} is not a valid Ed25519 private key. Restore it from backup.`,
      },
      { reason: (error as Error).message },
    );
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const keyId = publicKeyId(publicKey);

  const storedPublic = readIfExists(publicKeyPath);
  if (storedPublic === undefined) {
    // The public half is derivable: restore it (best effort; a read-only folder is fine here).
    try {
      createKeyFile(publicKeyPath, publicKeyPem);
    } catch {
      /* the key works without the file */
    }
  } else {
    let storedId: string | undefined;
    try {
      storedId = publicKeyId(storedPublic);
    } catch {
      storedId = undefined;
    }
    if (storedId !== keyId) {
      throw new PenghubungError('INTERNAL', {
        id: `Kunci publik ${publicKeyPath} tidak cocok dengan kunci privat ${privateKeyPath}.`,
        en: `The public key ${publicKeyPath} does not match the private key ${privateKeyPath}.`,
      });
    }
  }
  return { privateKey, publicKey, publicKeyPem, keyId, created: false, privateKeyPath, publicKeyPath };
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw notWritable(path, error);
  }
}

function notWritable(dir: string, error: unknown): PenghubungError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PenghubungError(
    'INTERNAL',
    {
      id:
        `Folder data ${dir} tidak dapat ditulisi, sehingga kunci operator tidak dapat dibuat atau dibaca ` +
        `(${reason}). Periksa path dan hak aksesnya.`,
      en:
        `The data folder ${dir} is not writable, so the operator key cannot be created or read ` +
        `(${reason}). Check the path and its permissions.`,
    },
    { path: dir },
  );
}

function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    // Probe with a real write: access(W_OK) says yes to root even on a read-only file system.
    const probe = join(dir, `.penghubung-write-probe-${process.pid}-${Date.now()}`);
    const fd = openSync(probe, 'wx', 0o600);
    closeSync(fd);
    unlinkSync(probe);
  } catch (error) {
    throw notWritable(dir, error);
  }
}
