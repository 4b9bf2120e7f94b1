/**
 * Sign-in limits shared by every registry process on one database: two registries (on PostgreSQL each
 * with its own connection pool, on PGlite sharing the one in-process database) count the same failures,
 * so a guesser gains nothing by spreading attempts over them, parallel attempts are counted exactly, a
 * restarted registry still refuses, and counts whose window ended are deleted.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../drizzle/database.ts';
import type { DatabaseHandle } from '../../drizzle/database.ts';
import { signInAttempts } from '../../drizzle/schema/index.ts';
import { buildRegistryWithDeps } from '../../registry/buildRegistry.ts';
import type { RegistryConfig } from '../../registry/deps.ts';
import { signInOver } from '../support/consoleSession.ts';
import { testDatabaseUrl, testDatabaseUrlFor } from '../support/database.ts';
import { startTestRegistry, testConfig, type TestRegistry } from '../support/registry.ts';

const PASSWORD = 'kata-sandi-yang-panjang-1';
const WINDOW_SECONDS = 2;
const config: RegistryConfig = { ...testConfig, session: { maxFailuresPerEmail: 5, maxFailuresPerIp: 8, failureWindowSeconds: WINDOW_SECONDS } };

let first: TestRegistry;
/** Another registry process's view of the same database. */
let secondHandle: DatabaseHandle;
const started: { close(): Promise<void> }[] = [];
let ipCounter = 0;
const fromNewAddress = () => ({ 'x-forwarded-for': `10.7.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` });

async function startRegistryOn(database: DatabaseHandle): Promise<string> {
  const { app } = await buildRegistryWithDeps({ database, config, trustProxy: true });
  started.push(app);
  return app.listen({ host: '127.0.0.1', port: 0 });
}

async function createUser(email: string) {
  await first.must(first.admin, 'POST', '/v1/admin/users', { name: 'Pengguna uji', email, role: 'requester', password: PASSWORD }, 201);
}

const waitSeconds = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

beforeAll(async () => {
  first = await startTestRegistry({ config, trustProxy: true });
  const serverUrl = testDatabaseUrl();
  secondHandle = serverUrl
    ? await openDatabase({ url: testDatabaseUrlFor(first.database.location.split('/').pop()!, serverUrl), dataDir: '' })
    : first.database;
});

afterAll(async () => {
  for (const app of started) await app.close();
  if (secondHandle && secondHandle !== first?.database) await secondHandle.close();
  await first?.close();
});

describe('sign-in limits over two registry processes', () => {
  it('the 6th attempt for one address is refused with 429 by either process, and the right password works after the window', async () => {
    const secondUrl = await startRegistryOn(secondHandle);
    const urls = [first.url, secondUrl];
    await createUser('bergantian@x.test');
    for (let i = 0; i < 5; i++) {
      const answer = await signInOver(urls[i % 2]!, 'bergantian@x.test', `salah-${i}-xxxxx`, fromNewAddress());
      expect(answer.status).toBe(401);
    }
    for (const url of urls) {
      const refused = await signInOver(url, 'bergantian@x.test', PASSWORD, fromNewAddress());
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(refused.setCookie).toBeNull();
    }
    // A registry started afresh on the same database refuses as well: a restart resets nothing.
    const restartedUrl = await startRegistryOn(secondHandle);
    expect((await signInOver(restartedUrl, 'bergantian@x.test', PASSWORD, fromNewAddress())).status).toBe(429);

    await waitSeconds(WINDOW_SECONDS + 0.5);
    expect((await signInOver(secondUrl, 'bergantian@x.test', PASSWORD, fromNewAddress())).status).toBe(200);
    // The success cleared the address's count: five more failures are allowed again.
    expect((await signInOver(first.url, 'bergantian@x.test', 'salah-lagi-xxxxx', fromNewAddress())).status).toBe(401);
    const [row] = await first.database.db.select().from(signInAttempts).where(eq(signInAttempts.subject, 'bergantian@x.test'));
    expect(row!.attempts).toBe(1);
  });

  it('parallel wrong passwords over both processes: exactly five are answered 401, the rest 429', async () => {
    const secondUrl = await startRegistryOn(secondHandle);
    await createUser('serentak@x.test');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signInOver(i % 2 === 0 ? first.url : secondUrl, 'serentak@x.test', `salah-${i}-xxxxx`, fromNewAddress())),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('counts one client across addresses in both processes, leaving other clients alone', async () => {
    const secondUrl = await startRegistryOn(secondHandle);
    const guesser = fromNewAddress();
    for (let i = 0; i < 8; i++) {
      expect((await signInOver(i % 2 === 0 ? first.url : secondUrl, `tebakan-${i}@x.test`, 'apa-saja-xxxx', guesser)).status).toBe(401);
    }
    await createUser('klien@x.test');
    expect((await signInOver(first.url, 'klien@x.test', PASSWORD, guesser)).status).toBe(429);
    expect((await signInOver(secondUrl, 'klien@x.test', PASSWORD, guesser)).status).toBe(429);
    expect((await signInOver(secondUrl, 'klien@x.test', PASSWORD, fromNewAddress())).status).toBe(200);
  });

  it('deletes counts whose window has ended', async () => {
    await waitSeconds(WINDOW_SECONDS + 0.5);
    const ended = await first.database.db.select().from(signInAttempts);
    expect(ended.length).toBeGreaterThan(0);
    // A process prunes on its first attempt, then at most once a minute.
    const freshUrl = await startRegistryOn(secondHandle);
    expect((await signInOver(freshUrl, 'tidak-ada@x.test', 'apa-saja-xxxx', { 'x-forwarded-for': '10.8.0.1' })).status).toBe(401);
    const left = await first.database.db.select().from(signInAttempts);
    expect(left.map((row) => row.subject).sort()).toEqual(['10.8.0.1', 'tidak-ada@x.test']);
  });
});
