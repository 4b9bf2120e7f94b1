/**
 * The demo survives real use: a restart after the README's own publish (a v2 with `nomorPonsel`)
 * keeps that version and serves; a seed that stopped half-way is finished by the next start, also when
 * it really failed midway (the database refused a step) and a step's answer was lost; a data
 * folder moved to a new database gets a fresh demo; and a database the credentials do not belong to
 * is refused with advice fitting its kind (delete the PGlite folder, drop the PostgreSQL database).
 * The four console accounts sign in with their printed passwords, keep them across restarts, and are
 * added to a demo seeded before they existed.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { fetch } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config.ts';
import { DEMO_QUERY, demoAccountLines, type DemoState } from '../../scripts/demoSeed.ts';
import { startSystem, type RunningSystem } from '../../scripts/system.ts';
import { runPenghubungInProcess } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function dataFolder(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-restart-'));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

async function database(): Promise<TestDatabase> {
  const created = await createTestDatabase();
  cleanups.push(() => created.drop());
  return created;
}

function start(dataDir: string, db: TestDatabase): Promise<RunningSystem> {
  const config = loadConfig({ PENGHUBUNG_DATA_DIR: dataDir, PENGHUBUNG_GATEWAY_PORT: '0', PENGHUBUNG_REGISTRY_PORT: '0' });
  return startSystem({ config, logger: false, database: db.handle, demoBasePort: 0 });
}

/** The error a start fails with, or null when it started (then it is stopped again). */
function failedStart(dataDir: string, db: TestDatabase): Promise<Error | null> {
  return start(dataDir, db).then(
    async (system) => {
      await system.close();
      return null;
    },
    (error: unknown) => error as Error,
  );
}

async function residentVia(system: RunningSystem, apiKey: string): Promise<{ status: number; nama?: string }> {
  const response = await fetch(`${system.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: DEMO_QUERY, variables: { nik: system.demo!.sampleNik } }),
  });
  const body = (await response.json()) as { data?: { penduduk?: { nama: string } } };
  return { status: response.status, ...(body.data?.penduduk ? { nama: body.data.penduduk.nama } : {}) };
}

/** Each demo account signs in to the console with its password and has its role; the accounts, as seeded. */
async function signInAll(system: RunningSystem): Promise<DemoState['accounts']> {
  const accounts = system.demo!.accounts;
  expect(accounts.map((account) => account.role)).toEqual(['administrator', 'publisher', 'requester', 'evaluator']);
  for (const account of accounts) {
    expect(account.set).toBe(true);
    expect(account.password).toMatch(/^[A-Za-z2-9]{20}$/);
    const response = await fetch(`${system.registryUrl}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    const body = (await response.json()) as { user: { role: string; agencySlug: string | null } };
    expect({ email: account.email, status: response.status, role: body.user.role }).toEqual({ email: account.email, status: 200, role: account.role });
    if (account.role === 'publisher') expect(body.user.agencySlug).toBe('disdukcapil');
  }
  return accounts;
}

const credentials = async (dataDir: string) =>
  JSON.parse(await fs.readFile(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoState & { complete?: boolean };

describe('restarting the demo', () => {
  it('after the README publishes dengan-ponsel.graphql, a restart keeps that version and serves', async () => {
    const dataDir = await dataFolder();
    const db = await database();
    const first = await start(dataDir, db);
    let second: RunningSystem | null = null;
    try {
      // Four console accounts with passwords of this installation, printed with the console's address.
      const accounts = await signInAll(first);
      expect((await credentials(dataDir)).accounts).toEqual(accounts);
      const printed = demoAccountLines(accounts, `${first.registryUrl}/console/`).join('\n');
      expect(printed).toContain(`${first.registryUrl}/console/`);
      for (const account of accounts) expect(printed).toContain(account.password);
      expect(printed.indexOf('Penerbit Disdukcapil')).toBeLessThan(printed.indexOf('publisher@disdukcapil'));
      const disdukcapil = first.agencies!.agencies.find((started) => started.agency.slug === 'disdukcapil')!;
      const env = { PENGHUBUNG_REGISTRY_URL: first.registryUrl, PENGHUBUNG_TOKEN: first.demo!.publisherTokens['disdukcapil']! };
      const published = await runPenghubungInProcess(
        ['subgraph', 'publish', '--name', 'disdukcapil', '--theme', 'kependudukan', '--url', disdukcapil.subgraphUrl, '--schema', example('dengan-ponsel.graphql')],
        env,
      );
      expect(published.stderr).toBe('');
      expect(published.stdout).toContain('versi 2 diterbitkan');
      await first.close();

      second = await start(dataDir, db);
      expect((await residentVia(second, second.demo!.apiKey)).nama).toMatch(/\w+ \w+/);
      // A restart keeps the same passwords.
      expect(await signInAll(second)).toEqual(accounts);
      const sdl = await runPenghubungInProcess(['subgraph', 'sdl', 'disdukcapil'], { ...env, PENGHUBUNG_REGISTRY_URL: second.registryUrl });
      expect(sdl.stdout).toContain('nomorPonsel');
    } finally {
      await first.close().catch(() => {});
      await second?.close();
    }
  });

  it('gives a demo seeded before console accounts existed its four accounts at the next start', async () => {
    const dataDir = await dataFolder();
    const db = await database();
    const first = await start(dataDir, db);
    const before = first.demo!.accounts;
    await first.close();
    const journal = await credentials(dataDir);
    delete (journal as Partial<typeof journal>).accounts;
    expect(journal.complete).toBe(true);
    await fs.writeFile(path.join(dataDir, 'demo-credentials.json'), JSON.stringify(journal));

    const second = await start(dataDir, db);
    try {
      const after = await signInAll(second);
      expect(after.map((account) => account.password)).not.toEqual(before.map((account) => account.password));
      expect((await credentials(dataDir)).accounts).toEqual(after);
    } finally {
      await second.close();
    }
  });

  it('finishes a seed that stopped half-way, creating nothing twice', async () => {
    const dataDir = await dataFolder();
    const db = await database();
    const first = await start(dataDir, db);
    const admin = first.demo!.adminToken;
    await first.close();

    // As if the start had stopped after the access request, before the API key was issued.
    const journal = await credentials(dataDir);
    delete (journal as Partial<typeof journal>).apiKey;
    journal.complete = false;
    await fs.writeFile(path.join(dataDir, 'demo-credentials.json'), JSON.stringify(journal));

    const second = await start(dataDir, db);
    try {
      const finished = await credentials(dataDir);
      expect(finished.complete).toBe(true);
      expect(finished.apiKey).toMatch(/^phk_/);
      expect((await residentVia(second, finished.apiKey)).nama).toMatch(/\w+ \w+/);
      const users = await runPenghubungInProcess(['--json', 'admin', 'user', 'list'], { PENGHUBUNG_REGISTRY_URL: second.registryUrl, PENGHUBUNG_TOKEN: admin });
      const emails = (JSON.parse(users.stdout) as { users: { email: string }[] }).users.map((user) => user.email);
      expect(new Set(emails).size).toBe(emails.length);
      expect(emails).toHaveLength(7); // administrator, four publishers, evaluator, requester
      const requests = await runPenghubungInProcess(['--json', 'access', 'list'], { PENGHUBUNG_REGISTRY_URL: second.registryUrl, PENGHUBUNG_TOKEN: admin });
      expect(JSON.parse(requests.stdout)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('a seed that fails midway leaves its journal, and the next start finishes it creating nothing twice, even a step whose answer was lost', async () => {
    const dataDir = await dataFolder();
    const db = await database();
    // The database refuses new client applications: the seed fails after the users, at the client.
    await db.handle.db.execute(sql.raw("create function refuse_for_test() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$"));
    await db.handle.db.execute(sql.raw('create trigger refuse_clients before insert on clients for each row execute function refuse_for_test()'));
    const failure = await failedStart(dataDir, db);
    expect(failure?.name).toBe('DemoSeedError');
    expect(failure!.message).toContain('POST /v1/clients');
    expect(failure!.message).not.toContain('{');
    const journal = await credentials(dataDir);
    expect(journal.complete).not.toBe(true);
    expect(journal.clientId).toBeUndefined();
    expect(Object.keys(journal.publisherTokens)).toHaveLength(4);
    expect(journal.evaluatorToken).toMatch(/\w/);
    // As if the process had died between the registry creating the evaluator and the journal recording it.
    delete (journal as Partial<typeof journal>).evaluatorToken;
    await fs.writeFile(path.join(dataDir, 'demo-credentials.json'), JSON.stringify(journal));
    await db.handle.db.execute(sql.raw('drop trigger refuse_clients on clients'));
    await db.handle.db.execute(sql.raw('drop function refuse_for_test()'));

    const second = await start(dataDir, db);
    try {
      const finished = await credentials(dataDir);
      expect(finished.complete).toBe(true);
      expect((await residentVia(second, finished.apiKey)).nama).toMatch(/\w+ \w+/);
      const env = { PENGHUBUNG_REGISTRY_URL: second.registryUrl, PENGHUBUNG_TOKEN: finished.adminToken };
      const emails = (JSON.parse((await runPenghubungInProcess(['--json', 'admin', 'user', 'list'], env)).stdout) as { users: { email: string }[] }).users.map((user) => user.email);
      expect(emails).toHaveLength(7);
      expect(new Set(emails).size).toBe(7);
      // The evaluator found again got a new token, which works.
      const me = await fetch(`${second.registryUrl}/v1/me`, { headers: { authorization: `Bearer ${finished.evaluatorToken}` } });
      expect(((await me.json()) as { role: string }).role).toBe('evaluator');
      expect(JSON.parse((await runPenghubungInProcess(['--json', 'access', 'list'], env)).stdout)).toHaveLength(1);
      expect(JSON.parse((await runPenghubungInProcess(['--json', 'client', 'list'], { ...env, PENGHUBUNG_TOKEN: finished.requesterToken })).stdout)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('gives a data folder moved to a new database a fresh demo, keeping the old credentials beside it', async () => {
    const dataDir = await dataFolder();
    const first = await start(dataDir, await database());
    const oldKey = first.demo!.apiKey;
    await first.close();

    const second = await start(dataDir, await database());
    try {
      expect(second.demo!.apiKey).not.toBe(oldKey);
      expect((await residentVia(second, second.demo!.apiKey)).nama).toMatch(/\w+ \w+/);
      const previous = JSON.parse(await fs.readFile(path.join(dataDir, 'demo-credentials.previous.json'), 'utf8')) as DemoState;
      expect(previous.apiKey).toBe(oldKey);
    } finally {
      await second.close();
    }
  });

  it('refuses a database whose demo credentials are gone, with the advice for its kind', async () => {
    const dataDir = await dataFolder();
    const db = await database();
    const first = await start(dataDir, db);
    await first.close();
    await fs.rm(path.join(dataDir, 'demo-credentials.json'));

    const failure = await failedStart(dataDir, db);
    expect(failure?.name).toBe('DemoSeedError');
    expect(failure!.message).not.toContain('{');
    expect(failure!.message).toMatch(db.handle.kind === 'pglite' ? /hapus folder/ : /DROP DATABASE/);
  });
});
