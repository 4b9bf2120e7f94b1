/**
 * Signed checkpoints of a hash chain, and the operator's signing key.
 *
 * A checkpoint states "chain C had head hash H at sequence number N at time T", signed with the
 * operator's (Dinas Kominfo's) Ed25519 key. The hash chain alone shows that rows fit together; it
 * does not stop someone with write access to the database from rewriting every row after a change
 * and recomputing the hashes. A checkpoint does: the rewritten chain no longer reaches H at N, and a
 * new checkpoint cannot be forged without the private key. Rows after the last checkpoint are
 * protected by the chain only, so checkpoints should be taken often (every few seconds or every
 * few thousand rows, and at shutdown) and exported off the database host (evaluator, archive).
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
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { PenghubungError } from '../errors.ts';
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
}

/** A key as a `KeyObject` or PEM text. */
export type KeyInput = KeyObject | string;

/** Domain separation: a checkpoint signature can never be replayed as a signature of anything else. */
const PAYLOAD_PREFIX = 'penghubung-ledger-checkpoint/v1\n';

/** The exact bytes signed: a fixed prefix and the canonical JSON of every field but the signature. */
export function checkpointPayload(cp: CheckpointInput & { keyId: string }): Buffer {
  const body = canonicalize({
    chain: cp.chain,
    seq: cp.seq,
    headHash: cp.headHash,
    createdAt: cp.createdAt,
    keyId: cp.keyId,
  });
  return Buffer.from(PAYLOAD_PREFIX + body, 'utf8');
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

export function createCheckpoint(input: CheckpointInput, privateKey: KeyInput): Checkpoint {
  const key = toPrivateKey(privateKey);
  if (input.seq < 0n) throw new RangeError('checkpoint seq must be >= 0');
  if (!/^[0-9a-f]{64}$/.test(input.headHash))
    throw new RangeError('headHash must be 64 lowercase hex digits');
  const keyId = publicKeyId(key);
  const fields = {
    chain: input.chain,
    seq: input.seq,
    headHash: input.headHash,
    createdAt: new Date(input.createdAt.getTime()),
    keyId,
  };
  const signature = sign(null, checkpointPayload(fields), key).toString('base64');
  return { ...fields, signature };
}

/**
 * Why `cp` does not verify against any of `publicKeys`, or `undefined` if it does. Never throws on
 * a malformed checkpoint (it reads as a failed verification).
 */
export function checkpointProblem(
  cp: Checkpoint,
  publicKeys: KeyInput | readonly KeyInput[],
): string | undefined {
  const keys = (Array.isArray(publicKeys) ? publicKeys : [publicKeys]) as readonly KeyInput[];
  const key = keys.map(toPublicKey).find((candidate) => publicKeyId(candidate) === cp.keyId);
  if (!key) return `checkpoint signed by unknown key ${String(cp.keyId)}`;
  try {
    const signature = Buffer.from(cp.signature, 'base64');
    if (signature.length !== 64) return 'signature is not a 64-byte Ed25519 signature';
    return verify(null, checkpointPayload(cp), key, signature) ? undefined : 'signature does not match';
  } catch (error) {
    return `checkpoint cannot be verified: ${(error as Error).message}`;
  }
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

  const existing = readIfExists(privateKeyPath);
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

  if (!writeNewFile(privateKeyPath, privatePem, dir)) {
    // Another process created the key between our check and our write: use theirs.
    return loadExisting(readFileSync(privateKeyPath, 'utf8'), privateKeyPath, publicKeyPath);
  }
  writeNewFile(publicKeyPath, publicKeyPem, dir);
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
  if (process.platform !== 'win32') {
    const mode = statSync(privateKeyPath).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new PenghubungError('INTERNAL', {
        id:
          `Berkas kunci privat operator ${privateKeyPath} dapat diakses pengguna lain ` +
          `(mode ${mode.toString(8)}). Jalankan: chmod 600 ${privateKeyPath}`,
        en:
          `The operator private key file ${privateKeyPath} is accessible to other users ` +
          `(mode ${mode.toString(8)}). Run: chmod 600 ${privateKeyPath}`,
      });
    }
  }
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
      writeNewFile(publicKeyPath, publicKeyPem, undefined);
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

/**
 * Writes `content` to `path` with mode 0600, durably, without ever replacing an existing file:
 * written to a temporary file, fsynced, then hard-linked into place (atomic, fails if the target
 * exists). Returns false if `path` already exists.
 */
function writeNewFile(path: string, content: string, dirForErrors: string | undefined): boolean {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temporary, 0o600); // exact mode whatever the umask
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    syncDirectory(dirname(path));
    return true;
  } catch (error) {
    throw dirForErrors === undefined ? error : notWritable(dirForErrors, error);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      /* already gone */
    }
  }
}

/** Makes a new directory entry durable (best effort: not every platform can fsync a directory). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* e.g. Windows */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
