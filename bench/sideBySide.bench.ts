/**
 * Penghubung side by side with a stock gateway, on the same demo agencies and the same load:
 *
 *   npx tsx bench/sideBySide.bench.ts [--rounds 3] [--seconds 5] [--warmup 1] [--concurrency 1,64,192]
 *       [--queries lookup,join,list100,interface] [--variants governed-pg,governed-pglite,bare,stock,hive,hive-dedup,direct]
 *       [--server postgres://postgres@127.0.0.1:5432/postgres] [--json result.json] [--profile DIR]
 *   npx tsx bench/sideBySide.bench.ts --latency    # concurrency 1, the lookup only: Penghubung's p50 above a direct call
 *   npx tsx bench/sideBySide.bench.ts --smoke      # every answer checked, then one round of every query at concurrency 1, 0.5 s per variant
 *
 * Variants, each gateway in a process of its own (bench/support/gatewayVariants.ts):
 *   governed-pg      (a) Penghubung, governance on, the access log durable on PostgreSQL (a fresh database)
 *   governed-pglite  (a) the same with the log on PGlite (in the gateway's process)
 *   bare             (b) Penghubung with limits, authorization, tokens and the log off
 *   stock            (c) @apollo/server + @apollo/gateway, default settings
 *   hive             (d) Hive Gateway, in-flight deduplication of subgraph calls off
 *   hive-dedup       (d) Hive Gateway, its default (deduplication on)
 *   direct           (e) the subgraph itself, for the query one subgraph answers (the lookup)
 * The four demo agencies run once in their own process and serve every variant; their subgraphs take
 * calls without a gateway token (the stock gateways send none), so Penghubung's tokens are signed but
 * not verified here. The load generator (bench/support/load.ts: closed loop, undici Pool) runs in a
 * process of its own. Variants take turns: every round runs each query at each concurrency on every
 * variant, in an order rotated from round to round.
 *
 * Before anything is measured, every variant must answer every query with the same JSON body as the
 * stock gateway (else the bench stops). Per cell it prints requests/s, p50/p99 latency, the gateway
 * process's CPU per request (utime + stime of /proc/<pid>/stat, all its threads), PostgreSQL's CPU per
 * request (the backends connected to the log's database; PGlite's is inside the gateway's figure) and
 * the agencies' CPU per request; then the medians over the rounds with ratios to stock, and as JSON
 * with `--json`. With `--profile DIR` every gateway process writes a V8 CPU profile (node --cpu-prof)
 * into DIR when the bench ends. Nothing is asserted about times: on a busy machine read the CPU per request first.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { request as httpRequest } from 'undici';
import { GATEWAY_NODE_FLAGS } from '../gateway/nodeFlags.ts';
import { composeGraph } from '../registry/checks/index.ts';
import { demoAgencies, readDemoSchema } from '../subgraphs/index.ts';
import { startChild, type Child, type StartedSubgraph } from './support/children.ts';
import { cpuMsOf, processCpuMs } from './support/cpu.ts';
import type { GatewayVariantSpec, StartedGateway } from './support/gatewayVariants.ts';
import { median, type LoadOptions, type LoadResult } from './support/load.ts';
import { BENCH_QUERIES as QUERIES, bodyOf, clientsFor, type BenchQuery } from './support/sideBySideQueries.ts';
import { createBenchDatabase, DEFAULT_SERVER, postgresReachable, type BenchDatabase } from './support/registry.ts';

const QUERY_KEYS = 'lookup,join,list100,interface';
const ALL_VARIANTS = ['governed-pg', 'governed-pglite', 'bare', 'stock', 'hive', 'hive-dedup', 'direct'] as const;
type Variant = (typeof ALL_VARIANTS)[number];

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '1,64,192' },
    queries: { type: 'string', default: QUERY_KEYS },
    variants: { type: 'string', default: ALL_VARIANTS.join(',') },
    server: { type: 'string', default: DEFAULT_SERVER },
    json: { type: 'string' },
    profile: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    latency: { type: 'boolean', default: false },
  },
});
const smoke = args.smoke;
const rounds = smoke ? 1 : Number(args.rounds);
const seconds = smoke ? 0.5 : Number(args.seconds);
const warmupSeconds = smoke ? 0.2 : Number(args.warmup);
const concurrencies = (smoke || args.latency ? '1' : args.concurrency).split(',').map(Number);
const queryKeys = (smoke ? QUERY_KEYS : args.latency ? 'lookup' : args.queries).split(',');

const fmt = (value: number | null, digits = 0) =>
  value !== null && Number.isFinite(value) ? value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-';
const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');

// ---------------------------------------------------------------------------------------------
// Queries (bench/support/sideBySideQueries.ts)

const queries = queryKeys.map((key) => {
  const query = QUERIES.find((candidate) => candidate.key === key);
  if (!query) throw new Error(`unknown query ${key}: ${QUERIES.map((each) => each.key).join(', ')}`);
  return query;
});

// ---------------------------------------------------------------------------------------------
// The run

interface Cell {
  round: number;
  query: string;
  concurrency: number;
  variant: Variant;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
  firstFailure: string | null;
  gatewayCpuUs: number | null;
  databaseCpuUs: number | null;
  agenciesCpuUs: number | null;
}

interface Target {
  url: string;
  /** The gateway process (null: direct to the subgraph). */
  pid: number | null;
  child: Child | null;
}

const variantsAsked = args.variants.split(',') as Variant[];
for (const variant of variantsAsked) if (!ALL_VARIANTS.includes(variant)) throw new Error(`unknown variant ${variant}: ${ALL_VARIANTS.join(', ')}`);
if (!variantsAsked.includes('stock')) throw new Error('--variants must include stock: every figure is compared with it');
const skipped: string[] = [];
const hasPostgres = variantsAsked.includes('governed-pg') && (await postgresReachable(args.server));
if (variantsAsked.includes('governed-pg') && !hasPostgres) skipped.push(`governed-pg: no PostgreSQL at ${args.server}`);
let hiveInstalled = true;
try {
  await import('@graphql-hive/gateway');
} catch {
  hiveInstalled = false;
  skipped.push('hive, hive-dedup: @graphql-hive/gateway is not installed');
}
const variants = variantsAsked.filter(
  (variant) => (variant !== 'governed-pg' || hasPostgres) && (!variant.startsWith('hive') || hiveInstalled),
);

const startedAt = new Date();
const loadBefore = load();
console.log(
  `# side by side: ${startedAt.toISOString()}, Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadBefore}` +
    `\n${rounds} rounds × ${queries.length} queries × concurrency ${concurrencies.join('/')} × ${variants.length} variants, ${seconds} s per cell after ${warmupSeconds} s warm-up` +
    (smoke ? ' (smoke run: checks that every variant answers, figures meaningless)' : '') +
    (skipped.length ? `\nskipped: ${skipped.join('; ')}` : ''),
);

const agencies = startChild('agencies');
const loadChild = startChild('load');
const targets = new Map<Variant, Target>();
let database: BenchDatabase | undefined;
let admin: postgres.Sql | undefined;
try {
  const subgraphs = await agencies.call<StartedSubgraph[]>('start', {});
  const outcome = composeGraph(
    subgraphs.map(({ slug, url }) => {
      const agency = demoAgencies.find((candidate) => candidate.slug === slug);
      if (!agency) throw new Error(`unknown agency ${slug}`);
      return { name: agency.subgraphName, url, sdl: readDemoSchema(agency) };
    }),
  );
  if (!outcome.ok) throw new Error(`the demo agencies do not compose: ${JSON.stringify(outcome.errors)}`);
  const supergraphSdl = outcome.supergraphSdl;
  const clients = clientsFor(outcome.apiSchemaSdl);

  if (hasPostgres) {
    database = await createBenchDatabase('postgres', args.server);
    admin = postgres(args.server, { max: 1, onnotice: () => {} });
  }
  const specs: Partial<Record<Variant, GatewayVariantSpec>> = {
    'governed-pg': { kind: 'penghubung', governance: 'on', log: database?.url ? { database: 'postgres', url: database.url } : null, supergraphSdl, clients },
    'governed-pglite': { kind: 'penghubung', governance: 'on', log: { database: 'pglite' }, supergraphSdl, clients },
    bare: { kind: 'penghubung', governance: 'off', log: null, supergraphSdl, clients },
    stock: { kind: 'stock', supergraphSdl },
    hive: { kind: 'hive', supergraphSdl, deduplicate: false },
    'hive-dedup': { kind: 'hive', supergraphSdl, deduplicate: true },
  };
  for (const variant of variants) {
    const spec = specs[variant];
    if (!spec) continue;
    // Penghubung's gateways run with the flags production starts them with; the others with Node's defaults.
    const nodeFlags = spec.kind === 'penghubung' ? GATEWAY_NODE_FLAGS : [];
    const child = startChild('gateway', { nodeFlags, ...(args.profile ? { cpuProfileDir: args.profile } : {}) });
    const started = await child.call<StartedGateway>('start', spec);
    targets.set(variant, { url: started.url, pid: started.pid, child });
  }
  const subgraphUrl = (slug: string) => subgraphs.find((subgraph) => subgraph.slug === slug)?.url;
  const targetOf = (variant: Variant, query: BenchQuery): Target | null => {
    if (variant !== 'direct') return targets.get(variant) ?? null;
    const url = query.direct ? subgraphUrl(query.direct) : undefined;
    return url ? { url, pid: null, child: null } : null;
  };

  // The same JSON body as the stock gateway's, from every variant, for every query (measured or not).
  const correctness: Record<string, Record<string, string>> = {};
  for (const query of QUERIES) {
    const answers = new Map<Variant, string>();
    for (const variant of variants) {
      const target = targetOf(variant, query);
      if (!target) continue;
      const response = await httpRequest(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(query) });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`${variant} ${query.key}: HTTP ${response.statusCode} ${text.slice(0, 500)}`);
      answers.set(variant, JSON.stringify(JSON.parse(text)));
    }
    const expected = answers.get('stock')!;
    if (expected.includes('"errors"')) throw new Error(`stock ${query.key} answered with errors: ${expected.slice(0, 500)}`);
    for (const [variant, answer] of answers) {
      if (answer !== expected) throw new Error(`${variant} ${query.key}: not the stock gateway's answer:\n${answer.slice(0, 500)}\nstock:\n${expected.slice(0, 500)}`);
      (correctness[variant] ??= {})[query.key] = 'same as stock';
    }
  }
  // The lists answer as many entities as they are meant to (the demo data must not shrink under them).
  const listLengths: Record<string, number> = {};
  for (const query of QUERIES) {
    if (!query.listLength) continue;
    const { field, length } = query.listLength;
    const body = (await httpRequest(targets.get('stock')!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(query) }).then((response) =>
      response.body.json(),
    )) as { data: Record<string, unknown[]> };
    listLengths[query.key] = body.data[field]!.length;
    if (listLengths[query.key] !== length) throw new Error(`${query.key}: ${field} answered ${listLengths[query.key]} entities, not ${length}`);
  }
  console.log(`every variant answers every query with the stock gateway's body (lists: ${JSON.stringify(listLengths)})`);

  const databaseCpuMs = async (): Promise<number | null> => {
    if (!admin || !database?.url) return null;
    const name = new URL(database.url).pathname.slice(1);
    const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`;
    let total = 0;
    for (const { pid } of rows) total += cpuMsOf(pid) ?? 0;
    return total;
  };
  const agenciesPid = agencies.process.pid!;

  async function measure(round: number, query: BenchQuery, concurrency: number, variant: Variant, target: Target, warmupOnly = false): Promise<Cell | null> {
    const options: Omit<LoadOptions, 'onMeasureStart'> = { url: target.url, body: bodyOf(query), concurrency, durationMs: seconds * 1_000, warmupMs: warmupSeconds * 1_000 };
    if (warmupOnly) {
      await loadChild.call('load', { ...options, durationMs: warmupSeconds * 1_000, warmupMs: 0 });
      return null;
    }
    let gatewayStart: number | null = null;
    let agenciesStart: number | null = null;
    let databaseStart: Promise<number | null> = Promise.resolve(null);
    const result = await loadChild.call<LoadResult>('load', options, () => {
      gatewayStart = target.pid === null ? null : processCpuMs(target.pid);
      agenciesStart = processCpuMs(agenciesPid);
      databaseStart = variant === 'governed-pg' ? databaseCpuMs() : Promise.resolve(null);
    });
    const gatewayEnd = target.pid === null ? null : processCpuMs(target.pid);
    const agenciesEnd = processCpuMs(agenciesPid);
    const databaseEnd = variant === 'governed-pg' ? await databaseCpuMs() : null;
    const databaseFirst = await databaseStart;
    const answered = Math.max(1, result.requests + result.failures);
    const perRequest = (end: number | null, start: number | null) => (end === null || start === null ? null : ((end - start) * 1_000) / answered);
    return {
      round,
      query: query.key,
      concurrency,
      variant,
      perSecond: result.perSecond,
      p50: result.latencyMs.p50,
      p99: result.latencyMs.p99,
      failures: result.failures,
      firstFailure: result.firstFailure,
      gatewayCpuUs: perRequest(gatewayEnd, gatewayStart),
      databaseCpuUs: perRequest(databaseEnd, databaseFirst),
      agenciesCpuUs: perRequest(agenciesEnd, agenciesStart),
    };
  }

  // One unmeasured pass over every case first (JIT, plan caches, connections).
  if (!smoke) {
    for (const query of queries)
      for (const variant of variants) {
        const target = targetOf(variant, query);
        if (target) await measure(-1, query, Math.max(...concurrencies), variant, target, true);
      }
  }

  const cells: Cell[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const query of queries) {
      for (const concurrency of concurrencies) {
        // Rotate the order every round so that no variant always runs first or last.
        const order = variants.map((_, index) => variants[(index + round) % variants.length]!);
        for (const variant of order) {
          const target = targetOf(variant, query);
          if (!target) continue;
          const cell = (await measure(round, query, concurrency, variant, target))!;
          cells.push(cell);
          console.log(
            `round ${round + 1} ${query.key.padEnd(6)} c=${String(concurrency).padEnd(3)} ${variant.padEnd(15)} ${fmt(cell.perSecond).padStart(6)} req/s  ` +
              `p50 ${fmt(cell.p50, 2).padStart(6)} ms  p99 ${fmt(cell.p99, 2).padStart(7)} ms  gateway ${fmt(cell.gatewayCpuUs).padStart(5)} µs CPU/req  ` +
              `PostgreSQL ${fmt(cell.databaseCpuUs).padStart(4)}  agencies ${fmt(cell.agenciesCpuUs).padStart(5)}` +
              (cell.failures ? `  ${cell.failures} FAILED: ${cell.firstFailure}` : ''),
          );
        }
      }
    }
  }

  const summary = summarize(cells);
  const loadAfter = load();
  const report = {
    date: startedAt.toISOString(),
    machine: { node: process.version, cpus: availableParallelism(), model: cpus()[0]?.model ?? null, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
    listLengths,
    settings: { rounds, seconds, warmupSeconds, concurrencies, queries: queries.map((query) => query.key), variants, skipped, smoke },
    correctness,
    summary,
    latencyAboveDirect: latencyAboveDirect(summary),
    cells,
  };
  printSummary(summary, report.latencyAboveDirect);
  console.log(`\nload average before ${loadBefore}, after ${loadAfter}`);
  if (args.json) await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  for (const target of targets.values()) await target.child?.stop();
  await loadChild.stop();
  await agencies.stop();
  await admin?.end({ timeout: 5 });
  await database?.drop();
}

// ---------------------------------------------------------------------------------------------
// Summary

interface SummaryRow {
  query: string;
  concurrency: number;
  variant: Variant;
  perSecond: number;
  p50: number;
  p99: number;
  gatewayCpuUs: number | null;
  databaseCpuUs: number | null;
  agenciesCpuUs: number | null;
  failures: number;
  /** Medians of the per-round ratios to stock (same query, concurrency and round). */
  toStock: { perSecond: number; gatewayCpu: number | null; p99: number };
}

function medianOrNull(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length ? median(present) : null;
}

function summarize(cells: readonly Cell[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const keys = [...new Set(cells.map((cell) => `${cell.query}|${cell.concurrency}|${cell.variant}`))];
  for (const key of keys) {
    const [query, concurrencyText, variant] = key.split('|') as [string, string, Variant];
    const concurrency = Number(concurrencyText);
    const runs = cells.filter((cell) => cell.query === query && cell.concurrency === concurrency && cell.variant === variant);
    const stockOf = (cell: Cell) => cells.find((other) => other.variant === 'stock' && other.query === query && other.concurrency === concurrency && other.round === cell.round)!;
    rows.push({
      query,
      concurrency,
      variant,
      perSecond: median(runs.map((cell) => cell.perSecond)),
      p50: median(runs.map((cell) => cell.p50)),
      p99: median(runs.map((cell) => cell.p99)),
      gatewayCpuUs: medianOrNull(runs.map((cell) => cell.gatewayCpuUs)),
      databaseCpuUs: medianOrNull(runs.map((cell) => cell.databaseCpuUs)),
      agenciesCpuUs: medianOrNull(runs.map((cell) => cell.agenciesCpuUs)),
      failures: runs.reduce((sum, cell) => sum + cell.failures, 0),
      toStock: {
        perSecond: median(runs.map((cell) => cell.perSecond / stockOf(cell).perSecond)),
        gatewayCpu: medianOrNull(runs.map((cell) => (cell.gatewayCpuUs === null || !stockOf(cell).gatewayCpuUs ? null : cell.gatewayCpuUs / stockOf(cell).gatewayCpuUs!))),
        p99: median(runs.map((cell) => cell.p99 / stockOf(cell).p99)),
      },
    });
  }
  return rows;
}

/** At concurrency 1 on the lookup: each Penghubung variant's p50 minus the direct call's (ms). */
function latencyAboveDirect(rows: readonly SummaryRow[]): Record<string, number> | null {
  const direct = rows.find((row) => row.variant === 'direct' && row.query === 'lookup' && row.concurrency === 1);
  if (!direct) return null;
  const gaps: Record<string, number> = {};
  for (const row of rows) if (row.query === 'lookup' && row.concurrency === 1 && row.variant !== 'direct') gaps[row.variant] = row.p50 - direct.p50;
  return gaps;
}

function printSummary(rows: readonly SummaryRow[], gaps: Record<string, number> | null): void {
  console.log('\nSummary: medians over rounds; ×stock = median of the per-round ratios to stock (same query, concurrency and round).');
  console.log('gw CPU = the gateway process (all threads) per request, µs; PG = PostgreSQL backends of the log database; agencies = the subgraphs\' process.');
  console.log('\n| query | c | variant | req/s | ×stock | p50 ms | p99 ms | p99 ×stock | gw CPU µs/req | ×stock | PG µs/req | agencies µs/req |');
  console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.query} | ${row.concurrency} | ${row.variant} | ${fmt(row.perSecond)} | ${fmt(row.toStock.perSecond, 2)} | ${fmt(row.p50, 2)} | ${fmt(row.p99, 2)} | ` +
        `${fmt(row.toStock.p99, 2)} | ${fmt(row.gatewayCpuUs)} | ${fmt(row.toStock.gatewayCpu, 2)} | ${fmt(row.databaseCpuUs)} | ${fmt(row.agenciesCpuUs)} |` +
        (row.failures ? ` ${row.failures} failed` : ''),
    );
  }
  if (gaps) {
    console.log('\nConcurrency 1, lookup: p50 above the direct call to the subgraph');
    for (const [variant, gap] of Object.entries(gaps)) console.log(`  ${variant.padEnd(15)} ${gap >= 0 ? '+' : ''}${fmt(gap, 2)} ms`);
  }
}
