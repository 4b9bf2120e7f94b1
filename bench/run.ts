/**
 * `npm run bench`: runs the benchmarks of bench/ one after another, each in its own process (so one
 * bench's heap, JIT and open handles never colour the next), and prints a summary. Quick settings by
 * default; `--all` adds the 10-million-row evaluation bench and runs every bench at its own defaults.
 * Benches that need PostgreSQL use postgres://postgres@127.0.0.1:5432/postgres and are skipped (or,
 * for the publish bench, run on PGlite only) when no server answers there. See bench/README.md.
 *
 *   npm run bench                        # the quick set
 *   npm run bench -- --all               # everything, default sizes (long: the evaluation bench loads 10M rows)
 *   npm run bench -- publish reload      # only these (names as in the table below)
 *
 * Figures only: nothing here asserts a time; the exit code is 1 only when a bench failed to run.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SERVER, postgresReachable } from './support/registry.ts';

interface BenchEntry {
  name: string;
  file: string;
  /** Arguments of the quick run. */
  quick: string[];
  /** Arguments with `--all` (default: none, the bench's own defaults). */
  full?: string[];
  /** Arguments instead of `quick`/`full` when PostgreSQL is unreachable; absent: skipped then. */
  withoutPostgres?: string[];
  postgres: boolean;
  /** Only with `--all`. */
  slow?: boolean;
}

const BENCHES: BenchEntry[] = [
  { name: 'authorization', file: 'authorization.bench.ts', quick: [], postgres: false },
  { name: 'tokenSigning', file: 'tokenSigning.bench.ts', quick: ['--tokens', '5000', '--rounds', '1'], postgres: false },
  { name: 'ledger', file: 'ledger.bench.ts', quick: [], postgres: false },
  { name: 'composition', file: 'composition.bench.ts', quick: [], postgres: false },
  {
    name: 'publish',
    file: 'publish.bench.ts',
    quick: [],
    withoutPostgres: ['--databases', 'pglite'],
    postgres: true,
  },
  { name: 'reload', file: 'reload.bench.ts', quick: [], postgres: true },
  { name: 'accessLog', file: 'accessLog.bench.ts', quick: ['20000', '4'], full: [], postgres: true },
  {
    name: 'authorizationGateway',
    file: 'authorizationGateway.bench.ts',
    quick: ['--seconds', '3', '--rounds', '1', '--warmup', '1'],
    full: [],
    postgres: false,
  },
  { name: 'security', file: 'security.bench.ts', quick: ['--rounds', '10', '--seconds', '3'], full: [], postgres: false },
  { name: 'sideBySide', file: 'sideBySide.bench.ts', quick: [], postgres: false, slow: true },
  { name: 'evaluation', file: 'evaluation.bench.ts', quick: [], postgres: true, slow: true },
];

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchDir);
const tsx = path.join(root, 'node_modules/.bin/tsx');

const argv = process.argv.slice(2);
const all = argv.includes('--all');
const named = argv.filter((argument) => !argument.startsWith('--'));
const unknown = named.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((bench) => bench.name).join(', ')}`,
  );
  process.exit(2);
}

function run(file: string, args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [path.join('bench', file), ...args], { cwd: root, stdio: 'inherit' });
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
}

const hasPostgres = await postgresReachable(DEFAULT_SERVER);
const summary: string[] = [];
let failed = false;

for (const bench of BENCHES) {
  if (named.length > 0 ? !named.includes(bench.name) : bench.slow && !all) {
    if (named.length === 0) summary.push(`${bench.name}: skipped (only with --all)`);
    continue;
  }
  if (!existsSync(path.join(benchDir, bench.file))) {
    summary.push(`${bench.name}: skipped (bench/${bench.file} is missing)`);
    continue;
  }
  let args = all ? (bench.full ?? bench.quick) : bench.quick;
  if (bench.postgres && !hasPostgres) {
    if (!bench.withoutPostgres) {
      summary.push(`${bench.name}: skipped (no PostgreSQL at ${DEFAULT_SERVER})`);
      continue;
    }
    args = [...args, ...bench.withoutPostgres];
  }
  const command = `npx tsx bench/${bench.file}${args.length > 0 ? ` ${args.join(' ')}` : ''}`;
  console.log(`\n=== ${bench.name}: ${command}\n`);
  const started = performance.now();
  const code = await run(bench.file, args);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (code !== 0) failed = true;
  summary.push(
    `${bench.name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${seconds} s — ${command}`,
  );
}

console.log(`\n=== summary\n${summary.map((line) => `  ${line}`).join('\n')}`);
process.exit(failed ? 1 : 0);
