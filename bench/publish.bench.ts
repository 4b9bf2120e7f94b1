/**
 * Publishing one subgraph into a graph of 50, end to end through the registry's HTTP publish route
 * (`POST /v1/subgraphs/publish`): validation, composition of every graph the subgraph belongs to
 * (`semua` with all 50, and its theme's graph), breaking-change and protected-field checks, the
 * transaction that stores version, field metadata, supergraphs and trail entry, and the notification.
 * On PostgreSQL (a fresh database on the server, dropped at the end) and on PGlite (an on-disk folder,
 * as `npm start` uses).
 *
 * 49 synthetic subgraphs (bench/fixtures/syntheticSubgraphs.ts; routing URLs on 127.0.0.1, which the
 * registry accepts and never calls) are published one by one, then the 50th (the middle one, as in
 * bench/composition.bench.ts, so the figures compare), then `--runs` changed versions of it, each
 * adding one field, are timed from request to response. Figures only.
 *
 *   npx tsx bench/publish.bench.ts
 *   npx tsx bench/publish.bench.ts --runs 5 --subgraphs 50 --databases postgres,pglite \
 *       --server postgres://postgres@127.0.0.1:5432/postgres
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateSyntheticSubgraphs } from './fixtures/syntheticSubgraphs.ts';
import { createBenchDatabase, DEFAULT_SERVER, median, ms, startBenchRegistry } from './support/registry.ts';
import type { DatabaseKind } from './support/registry.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    subgraphs: { type: 'string', default: '50' },
    databases: { type: 'string', default: 'postgres,pglite' },
    server: { type: 'string', default: DEFAULT_SERVER },
  },
});
const runs = Number(values.runs);
const subgraphCount = Number(values.subgraphs);
const databases = values.databases.split(',').map((kind) => kind.trim()) as DatabaseKind[];
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
if (!Number.isInteger(subgraphCount) || subgraphCount < 2)
  throw new Error('--subgraphs must be an integer ≥ 2');
for (const kind of databases)
  if (kind !== 'postgres' && kind !== 'pglite') throw new Error(`unknown database ${kind}`);

const subgraphs = generateSyntheticSubgraphs(subgraphCount);
const target = subgraphs[Math.floor(subgraphCount / 2)]!;
const themeOf = (name: string) => name.replace(/-\d+$/, '');
const themes = [...new Set(subgraphs.map((subgraph) => themeOf(subgraph.name)))];

/** The target with `extra` more fields on its service type, before `keterangan`. */
function changed(extra: number): string {
  const fields = Array.from(
    { length: extra },
    (_, i) => `  "Kode billing ${i + 1}."\n  kodeBilling${i + 1}: String\n`,
  ).join('');
  const sdl = target.sdl.replace('  keterangan: String', `${fields}  keterangan: String`);
  if (extra > 0 && sdl === target.sdl)
    throw new Error('the synthetic SDL changed shape: no `keterangan` field');
  return sdl;
}

interface Outcome {
  kind: DatabaseKind;
  seedMs: number;
  firstMs: number;
  timings: number[];
}

async function measure(kind: DatabaseKind): Promise<Outcome> {
  const database = await createBenchDatabase(kind, values.server);
  try {
    const registry = await startBenchRegistry(database.handle, { themes });
    try {
      const publisher = await registry.publisher('dinas-bench', 'Dinas Bench');
      const publish = async (subgraph: { name: string; url: string }, schema: string) => {
        const started = performance.now();
        const result = await registry.must<{
          version: number;
          supergraphs: { graph: string; version: number }[];
        }>(
          publisher,
          'POST',
          '/v1/subgraphs/publish',
          { name: subgraph.name, theme: themeOf(subgraph.name), routingUrl: subgraph.url, schema },
          201,
        );
        return { elapsed: performance.now() - started, result };
      };

      const seedStarted = performance.now();
      for (const subgraph of subgraphs) if (subgraph !== target) await publish(subgraph, subgraph.sdl);
      const seedMs = performance.now() - seedStarted;
      const first = await publish(target, changed(0));

      const timings: number[] = [];
      for (let run = 1; run <= runs; run += 1) {
        const { elapsed, result } = await publish(target, changed(run));
        const semua = result.supergraphs.find((supergraph) => supergraph.graph === 'semua');
        if (result.version !== run + 1 || !semua)
          throw new Error(`unexpected publish result ${JSON.stringify(result)}`);
        timings.push(elapsed);
        console.log(
          `  ${kind} run ${run}: ${ms(elapsed)} (subgraph v${result.version}, semua v${semua.version})`,
        );
      }
      return { kind, seedMs, firstMs: first.elapsed, timings };
    } finally {
      await registry.close();
    }
  } finally {
    await database.drop();
  }
}

console.log(
  `publish through POST /v1/subgraphs/publish into a graph of ${subgraphCount} subgraphs ` +
    `(target ${target.name}, ${runs} changed versions); node ${process.version}`,
);
const outcomes: Outcome[] = [];
for (const kind of databases) outcomes.push(await measure(kind));

console.log('');
for (const outcome of outcomes) {
  console.log(
    `${outcome.kind.padEnd(8)} publish of a changed subgraph (${subgraphCount} in the graph): ` +
      `median ${ms(median(outcome.timings))}, max ${ms(Math.max(...outcome.timings))} over ${outcome.timings.length}` +
      `  [first publish of it: ${ms(outcome.firstMs)}; seeding ${subgraphCount - 1} subgraphs: ${(outcome.seedMs / 1000).toFixed(1)} s]`,
  );
}
