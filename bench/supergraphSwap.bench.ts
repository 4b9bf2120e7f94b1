/**
 * Does a request wait on a supergraph swap? The gateway (Penghubung, governance on, the access log
 * durable on PostgreSQL) serves a 50-subgraph supergraph (the four demo agencies and 46 synthetic
 * subgraphs of bench/fixtures/syntheticSubgraphs.ts) from the registry's database, through the
 * production feed (LISTEN/NOTIFY and the one-second poll). Under a steady closed-loop load on a demo
 * query, phases take turns: `steady` (nothing published) and `swapping` (a new version of the
 * 50-subgraph supergraph stored and announced every `--swap-every` ms, alternating two supergraphs
 * that differ by one field, so every version is a real change). Per phase: requests/s, p50/p99/max and
 * failures (any non-200 answer or GraphQL error), and for `swapping` how many versions the gateway
 * reached (its /health). The target: p99 while swapping ≤ 1.5 × p99 steady, no failure.
 *
 *   npx tsx bench/supergraphSwap.bench.ts [--subgraphs 50] [--rounds 3] [--seconds 9] [--warmup 1]
 *       [--swap-every 3000] [--concurrency 64] [--query join] [--server postgres://postgres@127.0.0.1:5432/postgres]
 *       [--json FILE]
 *   npx tsx bench/supergraphSwap.bench.ts --smoke   # one round of 2 s phases: every answer checked, figures meaningless
 *
 * The demo agencies, the load generator and the gateway each run in a process of their own
 * (bench/support/children.ts); this process composes the supergraphs (before any load) and publishes
 * them. Needs PostgreSQL (the feed's notifications cross processes); figures only, nothing asserted.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { request as httpRequest } from 'undici';
import { graphs, supergraphs } from '../drizzle/schema/index.ts';
import { GATEWAY_NODE_FLAGS } from '../gateway/nodeFlags.ts';
import { SUPERGRAPH_CHANNEL } from '../lib/feed/channels.ts';
import { composeGraph } from '../registry/checks/index.ts';
import { demoAgencies, readDemoSchema } from '../subgraphs/index.ts';
import { generateSyntheticSubgraphs } from './fixtures/syntheticSubgraphs.ts';
import { startChild, type StartedSubgraph } from './support/children.ts';
import type { GatewayVariantSpec, StartedGateway } from './support/gatewayVariants.ts';
import { median, type LoadResult } from './support/load.ts';
import { createBenchDatabase, DEFAULT_SERVER, postgresReachable, type BenchDatabase } from './support/registry.ts';
import { BENCH_QUERIES, bodyOf, clientsFor } from './support/sideBySideQueries.ts';

const { values: args } = parseArgs({
  options: {
    subgraphs: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '1' },
    'swap-every': { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '64' },
    query: { type: 'string', default: 'join' },
    server: { type: 'string', default: DEFAULT_SERVER },
    json: { type: 'string' },
    smoke: { type: 'boolean', default: false },
  },
});
const smoke = args.smoke;
const subgraphCount = Number(args.subgraphs);
const rounds = smoke ? 1 : Number(args.rounds);
const seconds = smoke ? 2 : Number(args.seconds);
const warmupSeconds = smoke ? 0.5 : Number(args.warmup);
const swapEveryMs = smoke ? 500 : Number(args['swap-every']);
const concurrency = Number(args.concurrency);
const query = BENCH_QUERIES.find((candidate) => candidate.key === args.query);
if (!query) throw new Error(`unknown query ${args.query}: ${BENCH_QUERIES.map((each) => each.key).join(', ')}`);
if (!Number.isInteger(subgraphCount) || subgraphCount < demoAgencies.length + 1) throw new Error(`--subgraphs must be at least ${demoAgencies.length + 1}`);
if (!(await postgresReachable(args.server))) throw new Error(`no PostgreSQL at ${args.server}: the feed needs it (LISTEN/NOTIFY across processes)`);

const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');
const fmt = (value: number, digits = 1) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

type PhaseKind = 'steady' | 'swapping';
interface Phase {
  round: number;
  phase: PhaseKind;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  failures: number;
  firstFailure: string | null;
  /** Versions stored during the phase, and the one the gateway served at its end. */
  published: number;
  servedVersion: number;
}

const startedAt = new Date();
const loadBefore = load();
console.log(
  `# supergraph swap: ${startedAt.toISOString()}, Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadBefore}\n` +
    `${subgraphCount} subgraphs, query ${query.key}, concurrency ${concurrency}, ${rounds} rounds × (steady, swapping) × ${seconds} s, a new version every ${swapEveryMs} ms while swapping` +
    (smoke ? ' (smoke run: figures meaningless)' : ''),
);

const agencies = startChild('agencies');
const loadChild = startChild('load');
const gatewayChild = startChild('gateway', { nodeFlags: GATEWAY_NODE_FLAGS });
let database: BenchDatabase | undefined;
try {
  const started = await agencies.call<StartedSubgraph[]>('start', {});
  const demo = started.map(({ slug, url }) => {
    const agency = demoAgencies.find((candidate) => candidate.slug === slug)!;
    return { name: agency.subgraphName, url, sdl: readDemoSchema(agency) };
  });
  const synthetic = generateSyntheticSubgraphs(subgraphCount - demo.length, { entityPrefix: 'Sintetis' });
  // Two supergraphs that differ by one root field of the first synthetic subgraph.
  const composeWith = (extra: string) => {
    const first = synthetic[0]!;
    const changed = { ...first, sdl: `${first.sdl}\nextend type Query {\n  ${extra}: Int\n}\n` };
    const composeStart = performance.now();
    const outcome = composeGraph([...demo, changed, ...synthetic.slice(1)]);
    if (!outcome.ok) throw new Error(`the ${subgraphCount} subgraphs do not compose: ${JSON.stringify(outcome.errors).slice(0, 2000)}`);
    console.log(`composed ${subgraphCount} subgraphs (+${extra}) in ${fmt(performance.now() - composeStart, 0)} ms: ${outcome.supergraphSdl.length.toLocaleString('en')} characters`);
    return outcome;
  };
  const variants = [composeWith('versiA'), composeWith('versiB')];

  database = await createBenchDatabase('postgres', args.server);
  const handle = database.handle;
  const [graph] = await handle.db.insert(graphs).values({ name: 'semua', description: 'bench' }).returning();
  let version = 0;
  const publish = async () => {
    version += 1;
    const outcome = variants[version % 2]!;
    await handle.db.insert(supergraphs).values({
      graphId: graph!.id,
      version,
      supergraphSdl: outcome.supergraphSdl,
      apiSchemaSdl: outcome.apiSchemaSdl,
      sdlHash: `bench-${version}`,
      schemaVersionIds: [],
    });
    await handle.notify(SUPERGRAPH_CHANNEL, JSON.stringify({ graph: 'semua', version }));
  };
  await publish();

  const spec: GatewayVariantSpec = {
    kind: 'penghubung',
    governance: 'on',
    log: { database: 'postgres', url: database.url! },
    supergraphSdl: '',
    clients: clientsFor(variants[0]!.apiSchemaSdl),
    feed: { url: database.url!, pollMs: 1_000 },
  };
  const gateway = await gatewayChild.call<StartedGateway>('start', spec);
  const healthUrl = gateway.url.replace(/\/graphql$/, '/health');
  const servedVersion = async (): Promise<number> => {
    const response = await httpRequest(healthUrl);
    const body = (await response.body.json()) as { graphs: { name: string; version: number }[] };
    return body.graphs.find((entry) => entry.name === 'semua')?.version ?? 0;
  };
  const waitForVersion = async (wanted: number, timeoutMs = 60_000): Promise<number> => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const served = await servedVersion();
      if (served >= wanted) return served;
      if (performance.now() > deadline) throw new Error(`the gateway still serves v${served}, not v${wanted}, after ${timeoutMs} ms`);
      await sleep(50);
    }
  };
  await waitForVersion(1);

  const check = await httpRequest(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(query) });
  const checkBody = await check.body.text();
  if (check.statusCode !== 200 || checkBody.includes('"errors"')) throw new Error(`${query.key}: HTTP ${check.statusCode} ${checkBody.slice(0, 500)}`);
  console.log(`the gateway serves v1 and answers ${query.key}`);

  const loadOptions = { url: gateway.url, body: bodyOf(query), concurrency, durationMs: seconds * 1_000, warmupMs: warmupSeconds * 1_000 };
  // Unmeasured: one swap per variant, so that both supergraphs have been built once (JIT, module caches).
  for (let i = 0; i < 2; i += 1) {
    await publish();
    await waitForVersion(version);
  }
  await loadChild.call('load', { ...loadOptions, durationMs: warmupSeconds * 1_000, warmupMs: 0 });

  async function runPhase(round: number, phase: PhaseKind): Promise<Phase> {
    let swapping = false;
    let published = 0;
    let swapper: Promise<void> = Promise.resolve();
    const result = await loadChild.call<LoadResult>('load', loadOptions, () => {
      if (phase !== 'swapping') return;
      swapping = true;
      swapper = (async () => {
        while (swapping) {
          const next = performance.now() + swapEveryMs;
          await publish();
          published += 1;
          await sleep(Math.max(0, next - performance.now()));
        }
      })();
    });
    swapping = false;
    await swapper;
    const served = phase === 'swapping' ? await waitForVersion(version, 30_000) : await servedVersion();
    return {
      round,
      phase,
      perSecond: result.perSecond,
      p50: result.latencyMs.p50,
      p99: result.latencyMs.p99,
      max: result.latencyMs.max,
      requests: result.requests,
      failures: result.failures,
      firstFailure: result.firstFailure,
      published,
      servedVersion: served,
    };
  }

  const phases: Phase[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const order: PhaseKind[] = round % 2 === 0 ? ['steady', 'swapping'] : ['swapping', 'steady'];
    for (const kind of order) {
      const phase = await runPhase(round, kind);
      phases.push(phase);
      console.log(
        `round ${round + 1} ${kind.padEnd(8)} ${fmt(phase.perSecond, 0).padStart(6)} req/s  p50 ${fmt(phase.p50, 2).padStart(7)} ms  ` +
          `p99 ${fmt(phase.p99, 2).padStart(8)} ms  max ${fmt(phase.max, 2).padStart(8)} ms` +
          (kind === 'swapping' ? `  ${phase.published} versions published, the gateway serves v${phase.servedVersion}` : '') +
          (phase.failures ? `  ${phase.failures} FAILED: ${phase.firstFailure}` : ''),
      );
    }
  }

  const of = (kind: PhaseKind) => phases.filter((phase) => phase.phase === kind);
  const ratios = Array.from({ length: rounds }, (_, round) => {
    const swap = phases.find((phase) => phase.round === round && phase.phase === 'swapping')!;
    const steady = phases.find((phase) => phase.round === round && phase.phase === 'steady')!;
    return { p99: swap.p99 / steady.p99, perSecond: swap.perSecond / steady.perSecond };
  });
  const summary = {
    steady: { perSecond: median(of('steady').map((p) => p.perSecond)), p50: median(of('steady').map((p) => p.p50)), p99: median(of('steady').map((p) => p.p99)), max: median(of('steady').map((p) => p.max)) },
    swapping: { perSecond: median(of('swapping').map((p) => p.perSecond)), p50: median(of('swapping').map((p) => p.p50)), p99: median(of('swapping').map((p) => p.p99)), max: median(of('swapping').map((p) => p.max)) },
    p99SwappingOverSteady: median(ratios.map((ratio) => ratio.p99)),
    perSecondSwappingOverSteady: median(ratios.map((ratio) => ratio.perSecond)),
    failures: phases.reduce((sum, phase) => sum + phase.failures, 0),
    versionsPublished: of('swapping').reduce((sum, phase) => sum + phase.published, 0),
  };
  const loadAfter = load();
  console.log('\n| phase | req/s | p50 ms | p99 ms | max ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const kind of ['steady', 'swapping'] as const)
    console.log(`| ${kind} | ${fmt(summary[kind].perSecond, 0)} | ${fmt(summary[kind].p50, 2)} | ${fmt(summary[kind].p99, 2)} | ${fmt(summary[kind].max, 2)} |`);
  console.log(
    `\np99 swapping / steady (median of the per-round ratios): ${fmt(summary.p99SwappingOverSteady, 2)} (target ≤ 1.5); req/s ratio ${fmt(summary.perSecondSwappingOverSteady, 2)}; ` +
      `${summary.versionsPublished} versions swapped in; ${summary.failures} failed requests`,
  );
  console.log(`load average before ${loadBefore}, after ${loadAfter}`);
  if (args.json) {
    const report = {
      date: startedAt.toISOString(),
      machine: { node: process.version, cpus: availableParallelism(), model: cpus()[0]?.model ?? null, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      settings: { subgraphs: subgraphCount, query: query.key, concurrency, rounds, seconds, warmupSeconds, swapEveryMs, smoke },
      summary,
      phases,
    };
    await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
  }
} finally {
  await gatewayChild.stop();
  await loadChild.stop();
  await agencies.stop();
  await database?.drop();
}
