import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs `scripts/start.ts` as `npm start` does (`node --import tsx`: the `tsx` launcher would SIGKILL a
 * child that is slow to acknowledge SIGTERM), in its own data folder on free ports.
 */
function startBus(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, PENGHUBUNG_GATEWAY_PORT: '0', PENGHUBUNG_REGISTRY_PORT: '0', PENGHUBUNG_DEMO_BASE_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm start', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });

  it('starts the whole bus on the embedded database and prints a curl that returns a resident joined with their permits', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-start-'));
    dirs.push(dataDir);
    const bus = startBus({ PENGHUBUNG_DATA_DIR: dataDir });
    try {
      await waitFor(() => /-d '.*'\n/.test(bus.output()) || bus.child.exitCode !== null, 'the printed curl command');
      const printed = bus.output();
      expect(printed).toContain('PGlite');
      const curl = /^curl [\s\S]*?-d '.*'$/m.exec(printed)?.[0];
      expect(curl, printed).toBeDefined();
      const { stdout } = await run('bash', ['-c', curl!]);
      const body = JSON.parse(stdout) as { data: { penduduk: { nama: string; izinUsaha: { nomor: string }[] } } };
      expect(body.data.penduduk.nama).toMatch(/\w+ \w+/);
      expect(body.data.penduduk.izinUsaha.length).toBeGreaterThan(0);

      bus.child.kill('SIGTERM');
      expect(await bus.exited).toBe(0);
    } finally {
      bus.child.kill('SIGKILL');
    }
  });

  it.each([
    ['a malformed DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL/],
    ['an unreachable database', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/tidak_ada' }, /Tidak dapat terhubung ke PostgreSQL/],
    ['a data folder that cannot be written', { PENGHUBUNG_DATA_DIR: '/proc/penghubung-tidak-bisa' }, /tidak dapat ditulisi/],
    ['an invalid port', { PENGHUBUNG_GATEWAY_PORT: 'delapan' }, /PENGHUBUNG_GATEWAY_PORT/],
  ])('exits with one clear line, not a stack trace, for %s', async (_case, env, expected) => {
    const bus = startBus(env);
    const code = await bus.exited;
    expect(code).not.toBe(0);
    const lines = bus.output().split('\n').filter((line) => line.trim() && !line.includes('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
