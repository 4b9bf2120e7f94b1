/**
 * How long a publish check takes in a large graph: one subgraph (with one new field) published into
 * a graph of 50, timing `composeGraph` alone and the whole `runChecks` (validation, composition,
 * diff, protected-field check with in-memory sources). Median of several runs after one warm-up.
 *
 *   npx tsx bench/composition.bench.ts [--subgraphs=50] [--runs=5]
 */
import { performance } from 'node:perf_hooks';
import { composeGraph, runChecks } from '../registry/checks/index.ts';
import type { ProtectionSources } from '../registry/checks/index.ts';
import { generateSyntheticSubgraphs } from './fixtures/syntheticSubgraphs.ts';

function option(name: string, fallback: number): number {
  const prefix = `--${name}=`;
  const raw = process.argv.find((argument) => argument.startsWith(prefix))?.slice(prefix.length);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const subgraphCount = option('subgraphs', 50);
const runs = option('runs', 5);

const subgraphs = generateSyntheticSubgraphs(subgraphCount);
const target = subgraphs[Math.floor(subgraphCount / 2)];
if (!target) throw new Error('no subgraph to publish');
const newSdl = target.sdl.replace('  keterangan: String', '  kodeBilling: String\n  keterangan: String');
const published = subgraphs.map((subgraph) =>
  subgraph === target ? { ...subgraph, sdl: newSdl } : subgraph,
);

const protection: ProtectionSources = {
  trafficWindowDays: 30,
  activeGrants: async () => [],
  recentTraffic: async () => [],
};

async function time(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const composed = composeGraph(published);
if (!composed.ok) throw new Error(`synthetic graph does not compose: ${composed.errors[0]?.message ?? ''}`);
const check = () =>
  runChecks({
    subgraphName: target.name,
    newSdl,
    previousSdl: target.sdl,
    otherSubgraphsByGraph: new Map([['semua-tema', subgraphs]]),
    protection,
  });
const warmUp = await check();
if (!warmUp.passed) throw new Error(`check did not pass: ${warmUp.summary.en}`);

const composeTimes: number[] = [];
const checkTimes: number[] = [];
for (let run = 0; run < runs; run++) {
  composeTimes.push(await time(() => composeGraph(published)));
  checkTimes.push(await time(check));
}

const format = (values: number[]): string =>
  `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
const sdlBytes = subgraphs.reduce((sum, subgraph) => sum + Buffer.byteLength(subgraph.sdl), 0);
console.log(
  `composition.bench: ${subgraphCount} subgraphs (${(sdlBytes / 1024).toFixed(0)} KiB SDL), publishing ${target.name}, ${runs} runs`,
);
console.log(`  composeGraph  ${format(composeTimes)}`);
console.log(
  `  runChecks     ${format(checkTimes)}  [${warmUp.changes.length} change(s), ${Object.keys(warmUp.composition).length} graph]`,
);
