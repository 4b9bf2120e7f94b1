/**
 * The one loader of the installation's private key and secret files (`data/keys/`): the operator's
 * checkpoint key, the gateway's token-signing keys, the log's lookup secrets, the registry's token
 * secret and the demo REST secrets all go through here, so every one of them is checked the same way.
 *
 * - Reading refuses a file that its group or other users may read or write (mode & 0o077): whoever
 *   can read it can forge checkpoints or subgraph tokens, or test NIK guesses against the log. The
 *   message says, in Indonesian first, which file and the `chmod` that fixes it.
 * - Creating never replaces an existing file: written to a temporary file, fsynced, then hard-linked
 *   into place (fails if the target exists), so two processes starting together end up with the same
 *   key, not one each, and a crash never leaves half a key.
 * - Replacing (rotation) writes a temporary file, fsyncs it and renames it over the old one: readers
 *   see the old file or the new one, whole.
 * All synchronous: keys are read at start and when a rotation changed them, never per request.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { PenghubungError } from './errors.ts';

/** Mode of private key and secret files: the owner alone reads and writes them. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * The content of the private key or secret file at `path`, or `undefined` when there is none. Throws
 * a `PenghubungError` when others may read or write it, or when it cannot be read.
 */
export function readPrivateKeyFile(path: string): string | undefined {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw unreadable(path, error);
  }
  assertPrivateMode(path);
  return content;
}

/** Refuses a key file that its group or other users may read or write (not checked on Windows). */
export function assertPrivateMode(path: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  throw new PenghubungError(
    'INTERNAL',
    {
      id:
        `Berkas kunci rahasia ${path} dapat dibaca atau diubah pengguna lain (mode ${mode.toString(8)}); ` +
        `Penghubung menolak memakainya. Jalankan: chmod 600 ${path} — lalu pertimbangkan kunci itu bocor dan rotasi ` +
        '(penghubung admin key rotate …).',
      en:
        `The secret key file ${path} can be read or changed by other users (mode ${mode.toString(8)}); ` +
        `Penghubung refuses to use it. Run: chmod 600 ${path} — then consider the key leaked and rotate it ` +
        '(penghubung admin key rotate …).',
    },
    { path, mode: mode.toString(8) },
  );
}

/**
 * Creates `path` with `content` (mode 0600 unless told), durably, never replacing an existing file.
 * Returns false when `path` already exists.
 */
export function createKeyFile(path: string, content: string, mode = PRIVATE_FILE_MODE): boolean {
  ensureKeyDir(dirname(path));
  const temporary = temporaryName(path);
  try {
    writeDurably(temporary, content, mode);
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    syncDirectory(dirname(path));
    return true;
  } catch (error) {
    throw error instanceof PenghubungError ? error : notWritable(dirname(path), error);
  } finally {
    removeQuietly(temporary);
  }
}

/** Replaces `path` with `content` atomically (temporary file, fsync, rename): readers see one whole file. */
export function replaceKeyFile(path: string, content: string, mode = PRIVATE_FILE_MODE): void {
  ensureKeyDir(dirname(path));
  const temporary = temporaryName(path);
  try {
    writeDurably(temporary, content, mode);
    renameSync(temporary, path);
    syncDirectory(dirname(path));
  } catch (error) {
    throw notWritable(dirname(path), error);
  } finally {
    removeQuietly(temporary);
  }
}

/**
 * The private key or secret file `name` in `dir`, created with `generate()` on first use. Returns its
 * content and whether this call created it.
 */
export function loadOrCreateKeyFile(dir: string, name: string, generate: () => string): { path: string; content: string; created: boolean } {
  const path = join(dir, name);
  const existing = readPrivateKeyFile(path);
  if (existing !== undefined) return { path, content: existing, created: false };
  const content = generate();
  if (createKeyFile(path, content)) return { path, content, created: true };
  // Another process created it between our read and our write: use theirs.
  return { path, content: readPrivateKeyFile(path)!, created: false };
}

/** A random secret (32 bytes, hex) in `dir/name`, created on first use; see `loadOrCreateKeyFile`. */
export async function loadOrCreateSecretFile(dir: string, name: string): Promise<string> {
  return loadOrCreateKeyFile(dir, name, newSecret).content.trim();
}

/** 32 random bytes as hex, with a newline: the content of a new secret file. */
export function newSecret(): string {
  return `${randomBytes(32).toString('hex')}\n`;
}

/** Makes sure `dir` exists (mode 0700 when created) and can be written. */
export function ensureKeyDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw notWritable(dir, error);
  }
}

function writeDurably(path: string, content: string, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, mode); // exact mode whatever the umask
}

function temporaryName(path: string): string {
  return `${path}.${process.pid}.${Date.now()}.${randomBytes(4).toString('hex')}.tmp`;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
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

function unreadable(path: string, error: unknown): PenghubungError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PenghubungError(
    'INTERNAL',
    { id: `Berkas kunci ${path} tidak dapat dibaca (${reason}). Periksa path dan hak aksesnya.`, en: `The key file ${path} cannot be read (${reason}). Check the path and its permissions.` },
    { path },
  );
}

function notWritable(dir: string, error: unknown): PenghubungError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PenghubungError(
    'INTERNAL',
    {
      id: `Folder kunci ${dir} tidak dapat ditulisi, sehingga kunci tidak dapat dibuat atau diganti (${reason}). Periksa path dan hak aksesnya.`,
      en: `The keys folder ${dir} is not writable, so the key cannot be created or replaced (${reason}). Check the path and its permissions.`,
    },
    { path: dir },
  );
}
