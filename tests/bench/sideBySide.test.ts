/**
 * The side-by-side benchmark's smoke run (`bench/sideBySide.bench.ts --smoke`), so that it cannot rot:
 * every variant (Penghubung with governance on and off, the stock Apollo gateway, Hive Gateway with
 * deduplication off and on, the direct call) answers every query with the stock gateway's JSON body,
 * and no measured request failed. Never a timing: the figures of a one-second run mean nothing.
 * With TEST_DATABASE_URL the governed variant's log is on that PostgreSQL server too.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/database.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface SmokeReport {
  settings: { variants: string[]; skipped: string[]; queries: string[] };
  listLengths: Record<string, number>;
  correctness: Record<string, Record<string, string>>;
  cells: { variant: string; query: string; failures: number; firstFailure: string | null }[];
}

// Six variants over four queries, each started and measured briefly: minutes on a busy 2-core machine.
describe('bench/sideBySide.bench.ts --smoke', { timeout: 900_000 }, () => {
  let folder: string | undefined;
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('every variant answers every query as the stock gateway does', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'penghubung-side-by-side-'));
    const json = path.join(folder, 'report.json');
    const server = testDatabaseUrl();
    const variants = ['governed-pglite', 'bare', 'stock', 'hive', 'hive-dedup', 'direct', ...(server ? ['governed-pg'] : [])];
    const args = ['bench/sideBySide.bench.ts', '--smoke', '--json', json, '--variants', variants.join(','), ...(server ? ['--server', server] : [])];
    let output = '';
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(path.join(root, 'node_modules/.bin/tsx'), args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', reject);
      child.once('exit', resolve);
    });
    expect(code, output).toBe(0);

    const report = JSON.parse(await readFile(json, 'utf8')) as SmokeReport;
    // Nothing skipped: Hive Gateway is a devDependency, and PostgreSQL answers when it is configured.
    expect(report.settings.skipped).toEqual([]);
    expect([...report.settings.variants].sort()).toEqual([...variants].sort());
    const queries = ['lookup', 'join', 'list100', 'interface'];
    for (const variant of variants) {
      const expected = variant === 'direct' ? { lookup: 'same as stock' } : Object.fromEntries(queries.map((query) => [query, 'same as stock']));
      expect(report.correctness[variant], variant).toEqual(expected);
    }
    // The 100-entity list and the interface query answer as many entities as they are meant to.
    expect(report.listLengths).toEqual({ list100: 100, interface: 50 });
    // Every query is measured briefly on every variant that can answer it (direct: the lookup only).
    expect(report.settings.queries).toEqual(queries);
    for (const query of queries) {
      const measured = new Set(report.cells.filter((cell) => cell.query === query).map((cell) => cell.variant));
      expect(measured, query).toEqual(new Set(variants.filter((variant) => variant !== 'direct' || query === 'lookup')));
    }
    expect(new Set(report.cells.map((cell) => cell.variant))).toEqual(new Set(variants));
    for (const cell of report.cells) expect(cell.failures, `${cell.variant}: ${cell.firstFailure}`).toBe(0);
  });
});
