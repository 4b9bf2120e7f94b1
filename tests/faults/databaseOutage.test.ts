/**
 * Database faults over real processes: the whole bus (`scripts/start.ts`, the production start) on a
 * PostgreSQL server this test starts itself, under load from 16 clients, while the server is stopped
 * (`pg_ctl stop -m immediate`) and started again, and while the access log's connection is killed
 * from the server (`pg_terminate_backend`). What must hold: answers during the outage come quickly
 * (503 with Retry-After, 401 for a request without a key), nothing hangs, the process stays alive and
 * serves again soon after the database returns without a restart, SIGTERM ends it, and the access
 * log still verifies.
 *
 * Runs in the PostgreSQL pass of CI (TEST_DATABASE_URL set) where the server binaries are; it starts
 * its own server either way, so it runs once, not in both passes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_QUERY } from '../../scripts/demoSeed.ts';
import { testDatabaseUrl } from '../support/database.ts';
import { findServerBinaries, startPostgresServer, type PostgresServer } from './support/postgresServer.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const binaries = findServerBinaries();

/** The bound the issue sets for an answer while the log cannot be written, with room for a loaded CI machine. */
const ANSWER_BOUND_MS = 5_000;
const RECOVERY_BOUND_MS = 15_000;

interface Answer {
  startedAt: number;
  endedAt: number;
  status: number;
  retryAfter: string | null;
  code: string | null;
}

interface Bus {
  child: ChildProcess;
  gatewayUrl: string;
  registryUrl: string;
  apiKey: string;
  adminToken: string;
  sampleNik: string;
  exited: Promise<number | null>;
  output: () => string;
}

async function startBus(databaseUrl: string, dataDir: string): Promise<Bus> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PENGHUBUNG_DATA_DIR: dataDir,
      PENGHUBUNG_GATEWAY_PORT: '0',
      PENGHUBUNG_REGISTRY_PORT: '0',
      PENGHUBUNG_DEMO_BASE_PORT: '0',
      PENGHUBUNG_DRAIN_TIMEOUT_MS: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  while (!/-d '.*'\n/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the bus did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const gatewayUrl = /gateway GraphQL\s*:\s*(\S+)\/graphql/.exec(output)![1]!;
  const registryUrl = /registry API\s*:\s*(\S+)\/v1/.exec(output)![1]!;
  const demo = JSON.parse(await fs.readFile(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as { apiKey: string; adminToken: string; sampleNik: string };
  return { child, gatewayUrl, registryUrl, ...demo, exited, output: () => output };
}

/** 16 clients asking the demo query, one more without a key, until `stop()`; every answer is kept. */
function startLoad(bus: Bus) {
  const agent = new Agent({ connections: 32 });
  const answers: Answer[] = [];
  const keyless: Answer[] = [];
  let running = true;
  const ask = async (withKey: boolean): Promise<Answer> => {
    const startedAt = Date.now();
    try {
      const response = await fetch(`${bus.gatewayUrl}/graphql`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', ...(withKey ? { authorization: `Bearer ${bus.apiKey}` } : {}) },
        body: JSON.stringify({ query: DEMO_QUERY, variables: { nik: bus.sampleNik } }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json().catch(() => null)) as { errors?: { extensions?: { code?: string } }[] } | null;
      return { startedAt, endedAt: Date.now(), status: response.status, retryAfter: response.headers.get('retry-after'), code: body?.errors?.[0]?.extensions?.code ?? null };
    } catch {
      return { startedAt, endedAt: Date.now(), status: 0, retryAfter: null, code: 'NO_ANSWER' };
    }
  };
  const workers = [
    ...Array.from({ length: 16 }, async () => {
      while (running) answers.push(await ask(true));
    }),
    (async () => {
      while (running) {
        keyless.push(await ask(false));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })(),
  ];
  return {
    answers,
    keyless,
    async stop() {
      running = false;
      await Promise.all(workers);
      await agent.close();
    },
  };
}

/** Milliseconds from `measureFrom` to the first 200 of a request started at `since` or later. */
async function waitForOk(answers: Answer[], since: number, boundMs: number, measureFrom = since): Promise<number> {
  const deadline = Math.max(since, Date.now()) + boundMs + 15_000; // wait past the bound, so a late recovery is measured, not cut off
  for (;;) {
    const ok = answers.find((answer) => answer.startedAt >= since && answer.status === 200);
    if (ok) return ok.endedAt - measureFrom;
    if (Date.now() > deadline) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!binaries || !testDatabaseUrl())('a PostgreSQL outage under load', () => {
  let server: PostgresServer;
  let bus: Bus;
  let dataDir: string;

  beforeAll(async () => {
    server = await startPostgresServer(binaries!);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-faults-'));
    bus = await startBus(server.url, dataDir);
  }, 180_000);

  afterAll(async () => {
    bus?.child.kill('SIGKILL');
    await server?.destroy();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After (401 without a key) quickly while the database is down, and serves again soon after it returns, without a restart', async () => {
    const load = startLoad(bus);
    try {
      // Warm: the first answers of a fresh process are slow (plans, connections).
      const warm = await waitForOk(load.answers, 0, 30_000, Date.now());
      expect(warm, `${JSON.stringify(load.answers.slice(0, 40).map((answer) => [answer.status, answer.code, answer.endedAt - answer.startedAt]))}\n${bus.output()}`).toBeLessThan(30_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      await server.stopImmediately();
      const stoppedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const health = await fetch(`${bus.gatewayUrl}/health`);
      const ready = await fetch(`${bus.gatewayUrl}/ready`);
      const registryReady = await fetch(`${bus.registryUrl}/ready`);
      const registryCall = await fetch(`${bus.registryUrl}/v1/graphs`, { headers: { authorization: `Bearer ${bus.adminToken}` } });
      const registryBody = (await registryCall.json()) as { code?: string };
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const restartedAt = Date.now();
      await server.start();
      const startedAt = Date.now();

      const recoveryMs = await waitForOk(load.answers, startedAt, RECOVERY_BOUND_MS);
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      // During the outage (from a moment after the stop to the restart): quick answers, none hanging.
      const during = load.answers.filter((answer) => answer.startedAt >= stoppedAt + 500 && answer.endedAt <= restartedAt);
      const slowest = Math.max(...during.map((answer) => answer.endedAt - answer.startedAt));
      process.stdout.write(
        `outage: ${during.length} answers, slowest ${slowest} ms, statuses ${JSON.stringify(countBy(during.map((answer) => answer.status)))}; recovery ${recoveryMs} ms after the server started\n`,
      );
      expect(during.length).toBeGreaterThan(16);
      expect(during.filter((answer) => answer.status === 0)).toEqual([]);
      expect(slowest).toBeLessThan(ANSWER_BOUND_MS);
      for (const answer of during.filter((each) => each.status !== 200)) {
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).not.toBeNull();
      }
      const keylessDuring = load.keyless.filter((answer) => answer.startedAt >= stoppedAt + 500 && answer.endedAt <= restartedAt);
      expect(keylessDuring.length).toBeGreaterThan(0);
      expect(new Set(keylessDuring.map((answer) => answer.status))).toEqual(new Set([401]));
      expect(Math.max(...keylessDuring.map((answer) => answer.endedAt - answer.startedAt))).toBeLessThan(ANSWER_BOUND_MS);

      // Liveness stays up, readiness says the truth; the registry answers 503 with a code, not 500.
      expect(health.status).toBe(200);
      expect(ready.status).toBe(503);
      expect(registryReady.status).toBe(503);
      expect(registryCall.status).toBe(503);
      expect(registryBody.code).toBe('DATABASE_UNAVAILABLE');

      expect(recoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
      expect(bus.child.exitCode).toBeNull();
      expect((await fetch(`${bus.gatewayUrl}/ready`)).status).toBe(200);
    } finally {
      await load.stop();
    }
  }, 120_000);

  it('serves again after the access log connection is killed from the server', async () => {
    const load = startLoad(bus);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const killed = await server.terminate('penghubung-access-log');
      expect(killed).toBeGreaterThan(0);
      const killedAt = Date.now();
      const recoveryMs = await waitForOk(load.answers, killedAt + 200, RECOVERY_BOUND_MS);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const after = load.answers.filter((answer) => answer.startedAt >= killedAt);
      process.stdout.write(`terminate: recovery ${recoveryMs} ms, statuses after ${JSON.stringify(countBy(after.map((answer) => answer.status)))}\n`);
      expect(recoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
      expect(after.filter((answer) => answer.status === 0)).toEqual([]);
      expect(Math.max(...after.map((answer) => answer.endedAt - answer.startedAt))).toBeLessThan(ANSWER_BOUND_MS);
      expect(bus.child.exitCode).toBeNull();
    } finally {
      await load.stop();
    }
  }, 60_000);

  it('ends on SIGTERM within its drain timeout, and the access log verifies intact', async () => {
    const signalledAt = Date.now();
    bus.child.kill('SIGTERM');
    expect(await bus.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(20_000);

    const verified = await run(process.execPath, ['bin/penghubung.mjs', 'log', 'verify', '--database-url', server.url, '--data-dir', dataDir], {
      cwd: root,
      env: { ...process.env, PENGHUBUNG_DATA_DIR: dataDir },
    });
    expect(verified.stdout).toMatch(/UTUH|INTACT/);
  }, 60_000);
});

function countBy(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
