/**
 * One loader for every private key and secret file (lib/secretFile.ts): each key of the installation
 * is created 0600, and refused — with the file named and the chmod that fixes it, Indonesian first —
 * as soon as its group or other users may read it.
 */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadGatewayKeys } from '../../gateway/installationKeys.ts';
import { GATEWAY_SIGNING_KEY_FILE } from '../../gateway/signingKey.ts';
import { PenghubungError } from '../../lib/errors.ts';
import { loadOrCreateOperatorKey, OPERATOR_PRIVATE_KEY_FILE } from '../../lib/ledger/index.ts';
import { createKeyFile, loadOrCreateSecretFile, readPrivateKeyFile } from '../../lib/secretFile.ts';
import { loadLookupSecrets } from '../../registry/keys/keyLifecycle.ts';

let dataDir = '';
let keyDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'penghubung-keyfiles-'));
  keyDir = join(dataDir, 'keys');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const refusal = (work: () => unknown): PenghubungError => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(PenghubungError);
    return error as PenghubungError;
  }
  throw new Error('not refused');
};
const refusalOf = async (work: () => Promise<unknown>): Promise<PenghubungError> => {
  const error = await work().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PenghubungError);
  return error as PenghubungError;
};

describe('key files', () => {
  it('every key the installation creates is 0600: operator key, gateway signing key, lookup secret', async () => {
    loadOrCreateOperatorKey(keyDir);
    await loadGatewayKeys({ dataDir, lookupSecret: undefined });
    for (const name of [OPERATOR_PRIVATE_KEY_FILE, GATEWAY_SIGNING_KEY_FILE, 'lookup-secret']) {
      expect(statSync(join(keyDir, name)).mode & 0o777, name).toBe(0o600);
    }
  });

  it.each([0o644, 0o640, 0o604, 0o660])('a private key file with mode %o is refused by each loader, naming the file and the fix', async (mode) => {
    loadOrCreateOperatorKey(keyDir);
    await loadGatewayKeys({ dataDir, lookupSecret: undefined });
    for (const name of [OPERATOR_PRIVATE_KEY_FILE, GATEWAY_SIGNING_KEY_FILE, 'lookup-secret']) chmodSync(join(keyDir, name), mode);

    const operator = refusal(() => loadOrCreateOperatorKey(keyDir));
    expect(operator.message).toContain(`Berkas kunci rahasia ${join(keyDir, OPERATOR_PRIVATE_KEY_FILE)} dapat dibaca atau diubah pengguna lain (mode ${mode.toString(8)})`);
    expect(operator.message).toContain(`chmod 600 ${join(keyDir, OPERATOR_PRIVATE_KEY_FILE)}`);
    expect(operator.messageEn).toContain('can be read or changed by other users');

    const gateway = await refusalOf(() => loadGatewayKeys({ dataDir, lookupSecret: undefined }));
    expect(gateway.message).toContain(GATEWAY_SIGNING_KEY_FILE);
    expect(gateway.message).toContain('chmod 600');
    chmodSync(join(keyDir, GATEWAY_SIGNING_KEY_FILE), 0o600);
    const lookup = await refusalOf(() => loadGatewayKeys({ dataDir, lookupSecret: undefined }));
    expect(lookup.message).toContain(join(keyDir, 'lookup-secret'));
    expect(refusal(() => loadLookupSecrets(keyDir)).message).toContain('chmod 600');
    await expect(loadOrCreateSecretFile(keyDir, 'lookup-secret')).rejects.toBeInstanceOf(PenghubungError);

    // Fixed as the message says, every loader accepts it again.
    for (const name of [OPERATOR_PRIVATE_KEY_FILE, 'lookup-secret']) chmodSync(join(keyDir, name), 0o600);
    expect(loadOrCreateOperatorKey(keyDir).created).toBe(false);
    expect(loadLookupSecrets(keyDir)).toHaveLength(1);
  });

  it('creating never replaces a key another process already wrote; a missing file reads as absent', () => {
    const path = join(keyDir, 'rahasia');
    expect(readPrivateKeyFile(path)).toBeUndefined();
    expect(createKeyFile(path, 'pertama\n')).toBe(true);
    expect(createKeyFile(path, 'kedua\n')).toBe(false);
    expect(readPrivateKeyFile(path)).toBe('pertama\n');
    writeFileSync(join(keyDir, 'lain'), 'x', { mode: 0o600 });
    expect(readPrivateKeyFile(join(keyDir, 'lain'))).toBe('x');
  });
});
