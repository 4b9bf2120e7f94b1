import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PenghubungError } from '../../lib/errors.ts';
import {
  OPERATOR_PRIVATE_KEY_FILE,
  OPERATOR_PUBLIC_KEY_FILE,
  createCheckpoint,
  loadOrCreateOperatorKey,
  publicKeyId,
  verifyCheckpoint,
} from '../../lib/ledger/checkpoint.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'penghubung-ledger-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('checkpoints', () => {
  const keys = generateKeyPairSync('ed25519');
  const input = {
    chain: 'access',
    seq: 42n,
    headHash: 'ab'.repeat(32),
    createdAt: new Date('2024-07-01T00:00:00Z'),
  };

  it('are signed with Ed25519 and name the key by the SHA-256 of its SPKI DER', () => {
    const cp = createCheckpoint(input, keys.privateKey);
    expect(cp).toMatchObject(input);
    expect(Buffer.from(cp.signature, 'base64')).toHaveLength(64);
    expect(cp.keyId).toBe(publicKeyId(keys.publicKey));
    expect(cp.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyCheckpoint(cp, keys.publicKey)).toBe(true);
    expect(verifyCheckpoint(cp, keys.publicKey.export({ type: 'spki', format: 'pem' }) as string)).toBe(true);
  });

  it('fail verification when any signed field changes', () => {
    const cp = createCheckpoint(input, keys.privateKey);
    expect(verifyCheckpoint({ ...cp, seq: 43n }, keys.publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...cp, chain: 'trail' }, keys.publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...cp, createdAt: new Date('2024-07-01T00:00:01Z') }, keys.publicKey)).toBe(
      false,
    );
    expect(verifyCheckpoint({ ...cp, signature: 'not base64 at all' }, keys.publicKey)).toBe(false);
    expect(verifyCheckpoint(cp, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });

  it('refuse a signing key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => createCheckpoint(input, rsa.privateKey)).toThrow(PenghubungError);
  });
});

describe('loadOrCreateOperatorKey', () => {
  it('creates the key pair once with mode 0600, then loads the same key', () => {
    const dir = join(tempDir(), 'data', 'nested');
    const first = loadOrCreateOperatorKey(dir);
    expect(first.created).toBe(true);
    expect(statSync(join(dir, OPERATOR_PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, OPERATOR_PUBLIC_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = loadOrCreateOperatorKey(dir);
    expect(second.created).toBe(false);
    expect(second.keyId).toBe(first.keyId);
    expect(publicKeyId(createPublicKey(readFileSync(join(dir, OPERATOR_PUBLIC_KEY_FILE), 'utf8')))).toBe(
      first.keyId,
    );
    const cp = createCheckpoint(
      { chain: 'trail', seq: 1n, headHash: '0'.repeat(64), createdAt: new Date() },
      second.privateKey,
    );
    expect(verifyCheckpoint(cp, first.publicKey)).toBe(true);
  });

  it('refuses clearly when the folder cannot be written', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    let error: unknown;
    try {
      loadOrCreateOperatorKey(join(file, 'data'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PenghubungError);
    expect((error as PenghubungError).message).toContain('tidak dapat ditulisi');
    expect((error as PenghubungError).messageEn).toContain('not writable');
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('refuses a read-only folder', () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    try {
      expect(() => loadOrCreateOperatorKey(dir)).toThrow(PenghubungError);
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it.skipIf(process.platform === 'win32')('refuses a private key readable by others', () => {
    const dir = tempDir();
    loadOrCreateOperatorKey(dir);
    chmodSync(join(dir, OPERATOR_PRIVATE_KEY_FILE), 0o644);
    expect(() => loadOrCreateOperatorKey(dir)).toThrow(/chmod 600/);
  });

  it('never replaces a lost private key silently', () => {
    const dir = tempDir();
    loadOrCreateOperatorKey(dir);
    unlinkSync(join(dir, OPERATOR_PRIVATE_KEY_FILE));
    expect(() => loadOrCreateOperatorKey(dir)).toThrow(PenghubungError);
  });

  it('restores a missing public key from the private key', () => {
    const dir = tempDir();
    const first = loadOrCreateOperatorKey(dir);
    unlinkSync(join(dir, OPERATOR_PUBLIC_KEY_FILE));
    expect(loadOrCreateOperatorKey(dir).keyId).toBe(first.keyId);
    expect(readFileSync(join(dir, OPERATOR_PUBLIC_KEY_FILE), 'utf8')).toBe(first.publicKeyPem);
  });

  it('refuses a public key that does not belong to the private key', () => {
    const dir = tempDir();
    loadOrCreateOperatorKey(dir);
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    writeFileSync(join(dir, OPERATOR_PUBLIC_KEY_FILE), other);
    expect(() => loadOrCreateOperatorKey(dir)).toThrow(/tidak cocok/);
  });
});
