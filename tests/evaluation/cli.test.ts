/**
 * `penghubung log …` against a real registry, in process through `runCli` (the same program the
 * `penghubung` binary runs), with its exit codes: 0 done, 1 refused, 2 wrong usage.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../registry/cli/main.ts';
import { SPIKE_DAY, startEvaluationBench } from './fixture.ts';
import type { EvaluationBench } from './fixture.ts';

let bench: EvaluationBench;
let dir: string;

beforeAll(async () => {
  // This registry has no lookup secret configured: searching by a variable value must say so.
  bench = await startEvaluationBench({ evaluation: { logLookupSecret: undefined } });
  dir = await mkdtemp(path.join(tmpdir(), 'penghubung-log-cli-'));
});
afterAll(async () => {
  await bench?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function penghubung(args: string[], token = bench.evaluator.token): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'penghubung', '--registry', bench.registry.url, '--token', token, ...args], {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('penghubung log', () => {
  it('search prints one line per record and the cursor of the next page', async () => {
    const run = await penghubung(['log', 'search', '--from', '2025-02-03', '--to', '2025-02-03', '--client-id', bench.clientId('penjajak'), '--limit', '5']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toContain('SIMPEG Inspektorat');
    expect(lines[0]).toContain('WIB');
    expect(lines[5]).toContain('--cursor ');
  });

  it('search --all --json follows every page', async () => {
    const run = await penghubung(['--json', 'log', 'search', '--from', '2025-02-03', '--to', '2025-02-03', '--outcome', 'denied', 'error', '--limit', '3', '--all']);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as { records: { outcome: string }[]; nextCursor: string | null };
    expect(body.nextCursor).toBeNull();
    expect(body.records.length).toBeGreaterThan(3);
    expect(new Set(body.records.map((record) => record.outcome))).toEqual(new Set(['denied', 'error']));
  });

  it('stats prints the totals and one row per group', async () => {
    const run = await penghubung(['log', 'stats', '--from', '2025-02-01', '--to', '2025-02-14', '--group-by', 'agency']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Total:');
    expect(run.stdout).toContain('Dinas Kependudukan dan Pencatatan Sipil');
  });

  it('signals lists the spike', async () => {
    const run = await penghubung(['log', 'signals', '--from', '2025-02-01', '--to', '2025-02-14']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${SPIKE_DAY}  volume`);
  });

  it('export and report write their files', async () => {
    const csv = path.join(dir, 'ekspor.csv');
    const exported = await penghubung(['log', 'export', '--from', '2025-02-03', '--to', '2025-02-03', '--agency', 'bkpsdm', '--out', csv]);
    expect(exported.code).toBe(0);
    expect((await readFile(csv, 'utf8')).split('\r\n')[0]).toMatch(/^nomor_urut,waktu_utc,/);

    // Excel with Indonesian regional settings reads `;`-separated files into columns.
    const semicolons = path.join(dir, 'ekspor-excel.csv');
    expect((await penghubung(['log', 'export', '--from', '2025-02-03', '--to', '2025-02-03', '--agency', 'bkpsdm', '--separator', ';', '--out', semicolons])).code).toBe(0);
    const [header, first] = (await readFile(semicolons, 'utf8')).split('\r\n');
    expect(header).toMatch(/^nomor_urut;waktu_utc;waktu_wib;/);
    expect(first!.split(';').length).toBeGreaterThanOrEqual(header!.split(';').length);
    const english = path.join(dir, 'export-en.csv');
    expect((await penghubung(['--lang', 'en', 'log', 'export', '--from', '2025-02-03', '--to', '2025-02-03', '--agency', 'bkpsdm', '--out', english])).code).toBe(0);
    expect((await readFile(english, 'utf8')).split('\r\n')[0]).toMatch(/^seq,occurred_at,/);

    const html = path.join(dir, 'laporan.html');
    const report = await penghubung(['log', 'report', '--from', '2025-02-01', '--to', '2025-02-14', '--format', 'html', '--out', html]);
    expect(report.code).toBe(0);
    expect(await readFile(html, 'utf8')).toContain('Laporan Pemantauan dan Evaluasi');

    const pdf = path.join(dir, 'laporan.pdf');
    const printed = await penghubung(['log', 'report', '--from', '2025-02-01', '--to', '2025-02-14', '--format', 'pdf', '--out', pdf]);
    expect(printed.code).toBe(0);
    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(printed.stdout).toContain(`(${bytes.length.toLocaleString('id-ID')} bita)`);
  });

  it('exits 1 with the registry’s message when refused, 2 on wrong usage', async () => {
    const forbidden = await penghubung(['log', 'stats', '--from', '2025-02-01', '--to', '2025-02-14'], bench.requester.token);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('HTTP 403');

    const inverted = await penghubung(['log', 'search', '--from', '2025-02-14', '--to', '2025-02-01']);
    expect(inverted.code).toBe(1);
    expect(inverted.stderr).toContain('terbalik');

    const noSecret = await penghubung(['log', 'search', '--from', '2025-02-01', '--to', '2025-02-02', '--value', '3301010101900001']);
    expect(noSecret.code).toBe(1);
    expect(noSecret.stderr).toContain('HTTP 503');
    expect(noSecret.stderr).toContain('logLookupSecret');

    expect((await penghubung(['log', 'search', '--to', '2025-02-01'])).code).toBe(2);
    expect((await penghubung(['log', 'search', '--from', '2025-02-01', '--to', '2025-02-02', '--limit', 'banyak'])).code).toBe(2);
  });
});
