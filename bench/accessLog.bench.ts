/**
 * Access-log benchmarks against a local PostgreSQL (a fresh database, dropped at the end):
 * 1. writer throughput: records/s through `createAccessLogWriter` (group commit, one transaction per
 *    batch, every record durable before its promise resolves), per `maxBatch`, with many records in
 *    flight as under concurrent requests;
 * 2. gateway throughput with the access log on vs off (ratio), over loopback, with a small
 *    undici load loop (bounded concurrency, fixed duration) against a gateway over a tiny subgraph.
 *
 *   npx tsx bench/accessLog.bench.ts                       # 20,000 records, 8 s per gateway run
 *   npx tsx bench/accessLog.bench.ts 50000 10 postgres://postgres@127.0.0.1:5432/postgres
 *
 * Everything (PostgreSQL, load generator, gateway, subgraph) shares the machine: read the ratio more
 * than the absolute numbers.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { Agent, fetch } from 'undici';
import { openDatabase, type DatabaseHandle } from '../drizzle/database.ts';
import { createAccessLogWriter } from '../registry/log/accessLogWriter.ts';
import { accessEvent, GOOD_TOKEN, startTestGateway, startTinySubgraph } from '../tests/log/harness.ts';

const records = Number(process.argv[2] ?? 20_000);
const seconds = Number(process.argv[3] ?? 8);
const serverUrl = process.argv[4] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withFreshDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const name = `penghubung_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.href, dataDir: '' });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Runs `task` `total` times with at most `inFlight` running at once. */
async function bounded(total: number, inFlight: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

async function writerThroughput(maxBatch: number, inFlight: number): Promise<void> {
  await withFreshDatabase(async (database) => {
    const writer = createAccessLogWriter({ database, lookupSecret: 'bench', maxBatch, maxDelayMs: 2 });
    const events = Array.from({ length: records }, (_, i) =>
      accessEvent({ requestId: `bench-${i}`, variables: { nik: '3301012345670001', halaman: i % 50 } }),
    );
    await writer.record(accessEvent()); // partitions created, connection warm
    const started = performance.now();
    await bounded(records, inFlight, (i) => writer.record(events[i]!));
    const elapsed = (performance.now() - started) / 1000;
    const stats = writer.stats();
    await writer.close();
    console.log(
      `writer  maxBatch=${String(maxBatch).padStart(4)} in-flight=${String(inFlight).padStart(4)}: ` +
        `${Math.round(records / elapsed).toLocaleString('en')} records/s, ${stats.batches - 1} transactions, ` +
        `mean batch ${((stats.flushed - 1) / Math.max(1, stats.batches - 1)).toFixed(1)}, largest ${stats.largestBatch}`,
    );
  });
}

async function load(url: string, concurrency: number, durationMs: number): Promise<{ perSecond: number; failures: number }> {
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const body = JSON.stringify({ query: 'query Penduduk($nik: String!) { halo penduduk(nik: $nik) { nama } }', variables: { nik: '3301012345670001' } });
  const deadline = performance.now() + durationMs;
  let done = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const response = await fetch(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', authorization: GOOD_TOKEN },
          body,
        });
        await response.arrayBuffer();
        if (response.status === 200) done += 1;
        else failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await agent.close();
  return { perSecond: done / elapsed, failures };
}

async function gatewayThroughput(concurrency: number): Promise<void> {
  const subgraph = await startTinySubgraph();
  try {
    const results: Record<'off' | 'on', number> = { off: 0, on: 0 };
    for (const mode of ['off', 'on', 'off', 'on'] as const) {
      await withFreshDatabase(async (database) => {
        const writer = mode === 'on' ? createAccessLogWriter({ database, lookupSecret: 'bench', maxBatch: 500 }) : undefined;
        const { gateway, url } = await startTestGateway(subgraph, writer?.record);
        try {
          await load(url, concurrency, 1_000); // warm-up: plans cached, connections open
          const { perSecond, failures } = await load(url, concurrency, seconds * 1_000);
          results[mode] = Math.max(results[mode], perSecond);
          const batches = writer ? writer.stats() : undefined;
          console.log(
            `gateway log ${mode.padEnd(3)} concurrency=${concurrency}: ${Math.round(perSecond).toLocaleString('en')} req/s` +
              (failures ? `, ${failures} non-200` : '') +
              (batches ? `, mean batch ${(batches.flushed / Math.max(1, batches.batches)).toFixed(1)}` : ''),
          );
        } finally {
          await gateway.close();
          await writer?.close();
        }
      });
    }
    console.log(`gateway ratio on/off (best runs): ${(results.on / results.off).toFixed(2)}`);
  } finally {
    await subgraph.stop();
  }
}

console.log(`PostgreSQL ${serverUrl.replace(/\/[^/]*$/, '/<fresh db>')}, ${records.toLocaleString('en')} records, Node ${process.version}`);
for (const maxBatch of [1, 100, 500, 1_000]) {
  await writerThroughput(maxBatch, maxBatch === 1 ? 64 : 1_000);
}
await gatewayThroughput(64);
