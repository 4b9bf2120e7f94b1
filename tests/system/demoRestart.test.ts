/**
 * The demo survives real use: a restart after the README's own publish (a v2 with `nomorPonsel`)
 * keeps that version and serves; a seed that stopped half-way is finished by the next start; a data
 * folder moved to a new database gets a fresh demo; and a database the credentials do not belong to
 * is refused with advice fitting its kind (delete the PGlite folder, drop the PostgreSQL database).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetch } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config.ts';
import { DEMO_QUERY, type DemoState } from '../../scripts/demoSeed.ts';
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

async function residentVia(system: RunningSystem, apiKey: string): Promise<{ status: number; nama?: string }> {
  const response = await fetch(`${system.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: DEMO_QUERY, variables: { nik: system.demo!.sampleNik } }),
  });
  const body = (await response.json()) as { data?: { penduduk?: { nama: string } } };
  return { status: response.status, ...(body.data?.penduduk ? { nama: body.data.penduduk.nama } : {}) };
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
      const sdl = await runPenghubungInProcess(['subgraph', 'sdl', 'disdukcapil'], { ...env, PENGHUBUNG_REGISTRY_URL: second.registryUrl });
      expect(sdl.stdout).toContain('nomorPonsel');
    } finally {
      await first.close().catch(() => {});
      await second?.close();
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

    const failure = await start(dataDir, db).then(
      async (system) => {
        await system.close();
        return null;
      },
      (error: unknown) => error as Error,
    );
    expect(failure?.name).toBe('DemoSeedError');
    expect(failure!.message).not.toContain('{');
    expect(failure!.message).toMatch(db.handle.kind === 'pglite' ? /hapus folder/ : /DROP DATABASE/);
  });
});
