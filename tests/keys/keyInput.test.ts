/**
 * Bad input to `penghubung admin key …` through the real CLI (PGlite folder, or PostgreSQL with
 * TEST_DATABASE_URL): each is refused with a clear message and exit 2, and the keys folder is left
 * exactly as it was (history, JWKS, key files; no temporary file left behind).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayKeys } from '../../gateway/installationKeys.ts';
import { readKeyHistory } from '../../lib/ledger/index.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/database.ts';
import { runCliCaptured as cli, withFolderDatabase } from '../support/operatorCli.ts';

describe('penghubung admin key: bad input', () => {
  let folder = '';
  let keyDir = '';
  let test: TestDatabase | undefined;
  let databaseArgs: string[] = [];
  /** Every file of the keys folder with its content: what must not change on a refusal. */
  const snapshot = (): Record<string, string> => {
    const files: Record<string, string> = {};
    const walk = (dir: string, prefix: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        else files[`${prefix}${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8');
      }
    };
    walk(keyDir, '');
    return files;
  };
  const refused = async (args: string[], message: string | RegExp) => {
    const before = snapshot();
    const result = await cli(...args);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(snapshot()).toEqual(before);
  };
  const gatewayKeys = () => readKeyHistory(keyDir)!.keys.filter((key) => key.purpose === 'gateway-token');
  const publishedKids = () => (JSON.parse(readFileSync(join(keyDir, 'gateway-jwks.json'), 'utf8')) as { keys: { kid: string }[] }).keys.map((key) => key.kid);

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'penghubung-keyinput-'));
    keyDir = join(folder, 'keys');
    databaseArgs = ['--data-dir', folder];
    if (testDatabaseUrl()) {
      test = await createTestDatabase();
      databaseArgs.push('--database-url', test.url!);
    } else {
      await withFolderDatabase(test, folder, (database) => database.migrate());
    }
  });
  afterAll(async () => {
    await test?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('an unknown purpose, and --overlap where it does not belong or is not a number of seconds', async () => {
    await loadGatewayKeys({ dataDir: folder, lookupSecret: undefined }); // the gateway's first start
    await refused(['admin', 'key', 'rotate', 'rahasia', ...databaseArgs], /Tujuan kunci "rahasia" tidak dikenal; pilih operator, lookup-secret, gateway atau registry-token/);
    await refused(['admin', 'key', 'rotate', 'operator', '--overlap', '5', ...databaseArgs], /--overlap hanya untuk kunci gateway/);
    await refused(['admin', 'key', 'rotate', 'gateway', '--overlap', '-5', ...databaseArgs], /--overlap harus bilangan detik/);
    await refused(['admin', 'key', 'rotate', 'gateway', '--overlap', 'lima', ...databaseArgs], /--overlap harus bilangan detik/);
    await refused(['admin', 'key', 'rotate', 'gateway', '--overlap', '999999999', ...databaseArgs], /Jendela tumpang tindih \(--overlap\) harus 0 sampai 604800 detik/);
  });

  it('a database that cannot be opened: refused before any key file is touched', async () => {
    await refused(['admin', 'key', 'rotate', 'gateway', '--data-dir', folder, '--database-url', 'postgres://tidak-ada.invalid:5432/penghubung'], /Basis data tidak dapat dibuka/);
  });

  it('a second gateway rotation during the overlap window is refused; revoking the waiting key undoes the rotation', async () => {
    const rotated = await cli('admin', 'key', 'rotate', 'gateway', '--overlap', '600', ...databaseArgs);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/Kunci token gateway dirotasi: \S+ sudah diterbitkan di gateway-jwks\.json dan dipakai gateway mulai /);
    const [old, waiting] = gatewayKeys();
    expect(publishedKids()).toEqual([old!.id, waiting!.id]);
    const listed = await cli('admin', 'key', 'list', '--data-dir', folder);
    expect(listed.stdout).toMatch(/gateway-token\t\S+\tactive\t\S+\tmenunggu jendela tumpang tindih/);

    await refused(['admin', 'key', 'rotate', 'gateway', ...databaseArgs], /Rotasi kunci gateway sebelumnya belum selesai: kunci \S+ mulai menandatangani pada /);
  });

  it('revoking: an unknown id, the key in use, and the same key twice are refused; the waiting key revoked restores the old one', async () => {
    const [old, waiting] = gatewayKeys();
    await refused(['admin', 'key', 'revoke', 'tidakada12345', '--reason', 'bocor', ...databaseArgs], /Kunci tidakada12345 tidak ada dalam riwayat kunci/);
    await refused(['admin', 'key', 'revoke', 'ab', '--reason', 'bocor', ...databaseArgs], /Kunci ab tidak ada dalam riwayat kunci/);

    const undone = await cli('admin', 'key', 'revoke', waiting!.id, '--reason', 'rotasi keliru', ...databaseArgs);
    expect(undone.code, undone.stderr).toBe(0);
    expect(gatewayKeys().map((key) => [key.id, key.state])).toEqual([
      [old!.id, 'active'],
      [waiting!.id, 'revoked'],
    ]);
    expect(gatewayKeys()[0]!.retiredAt).toBeUndefined();
    expect(publishedKids()).toEqual([old!.id]);
    expect(readdirSync(keyDir).filter((name) => name.startsWith('gateway-signing-key-'))).toEqual([]);

    await refused(['admin', 'key', 'revoke', waiting!.id, '--reason', 'lagi', ...databaseArgs], /sudah dicabut sejak/);
    await refused(['admin', 'key', 'revoke', old!.id, '--reason', 'bocor', ...databaseArgs], /masih aktif: rotasi dulu/);
    // Every write went through a temporary file renamed into place: none is left behind.
    expect(readdirSync(keyDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('penghubung admin key rotate registry-token', () => {
  let folder = '';
  let test: TestDatabase | undefined;
  let databaseArgs: string[] = [];
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'penghubung-rtokencli-'));
    databaseArgs = ['--data-dir', folder];
    if (testDatabaseUrl()) {
      test = await createTestDatabase();
      databaseArgs.push('--database-url', test.url!);
    } else {
      await withFolderDatabase(test, folder, (database) => database.migrate());
    }
  });
  afterAll(async () => {
    await test?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('rotates, keeps the old key for lookups, and revoking it reports how many tokens it leaves invalid', async () => {
    const rotated = await cli('admin', 'key', 'rotate', 'registry-token', '--reason', 'rotasi tahunan', ...databaseArgs);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/Kunci token registry dirotasi: rt-[0-9a-f]{16} dipensiunkan .* Token yang sudah diterbitkan tetap berlaku/);
    const old = readKeyHistory(join(folder, 'keys'))!.keys.find((key) => key.purpose === 'registry-token' && key.state === 'retired')!;
    const revoked = await cli('admin', 'key', 'revoke', old.id, '--reason', 'bocor', ...databaseArgs);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('0 token registry yang belum dipakai sejak rotasi');
    const twice = await cli('admin', 'key', 'revoke', old.id, '--reason', 'bocor', ...databaseArgs);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('sudah dicabut');
  });
});
