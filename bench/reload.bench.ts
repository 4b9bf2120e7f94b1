/**
 * How soon a publish is served: the time from a successful publish response of the registry to
 * (a) one gateway process and (b) each of three gateway processes serving the new supergraph, on a
 * fresh PostgreSQL database (created on the server, dropped at the end). The gateways are real
 * processes (`gateway/main.ts`), picking up supergraphs through LISTEN/NOTIFY with the default
 * one-second poll as safety net; the registry runs in this process.
 *
 * Two signals, polled every `--interval` ms (default 10) from the moment the response arrived:
 * - `/health` reports the new version of every graph the publish composed (`semua` and the theme's);
 * - a real GraphQL request for the field the publish added succeeds (an API key whose client holds
 *   grants on the fields to come, written as the access workflow leaves them, tests/support/seed.ts
 *   `grantField`; a small subgraph of this process serves every field from the start, so only the
 *   gateway's schema decides).
 * A figure includes up to one polling interval and one request's round trip. One unmeasured publish
 * warms each phase up. Figures only.
 *
 *   npx tsx bench/reload.bench.ts
 *   npx tsx bench/reload.bench.ts --publishes 5 --interval 10 --server postgres://postgres@127.0.0.1:5432/postgres
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { loadGatewayKeys } from '../gateway/installationKeys.ts';
import { startGatewayProcess, waitUntilServed } from '../tests/support/gatewayProcess.ts';
import type { GatewayProcess } from '../tests/support/gatewayProcess.ts';
import { grantField } from '../tests/support/seed.ts';
import { createBenchDatabase, DEFAULT_SERVER, median, ms, startBenchRegistry } from './support/registry.ts';
import type { BenchRegistry } from './support/registry.ts';

const { values } = parseArgs({
  options: {
    publishes: { type: 'string', default: '5' },
    interval: { type: 'string', default: '10' },
    server: { type: 'string', default: DEFAULT_SERVER },
  },
});
const publishes = Number(values.publishes);
const intervalMs = Number(values.interval);
if (!Number.isInteger(publishes) || publishes < 1) throw new Error('--publishes must be a positive integer');
if (!(intervalMs > 0)) throw new Error('--interval must be positive');

const SUBGRAPH = 'pengukuran';
const THEME = 'kependudukan';
/** Fields the subgraph serves from the start; publish k adds `baru<k>` to the published SDL. */
const FIELD_COUNT = 2 * (publishes + 1);
const field = (k: number) => `baru${k}`;
const HEADER = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\n';

function sdlWith(fields: number): string {
  const lines = ['  "Salam dari subgraph pengukuran."\n  halo: String'];
  for (let k = 1; k <= fields; k += 1)
    lines.push(`  "Field ke-${k} yang diterbitkan."\n  ${field(k)}: String`);
  return `${HEADER}\ntype Query {\n${lines.join('\n')}\n}\n`;
}

async function startSubgraph(): Promise<{ url: string; stop(): Promise<void> }> {
  const resolvers: Record<string, () => string> = { halo: () => 'dunia' };
  for (let k = 1; k <= FIELD_COUNT; k += 1) resolvers[field(k)] = () => `nilai-${k}`;
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(sdlWith(FIELD_COUNT)), resolvers: { Query: resolvers } }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, stop: () => server.stop() };
}

interface Published {
  supergraphs: { graph: string; version: number }[];
}

/** Polls until the gateway answers `{ baru<k> }` with data; resolves to when it first did. */
async function waitUntilQueryable(
  gatewayUrl: string,
  apiKey: string,
  k: number,
  timeoutMs = 30_000,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  const body = JSON.stringify({ query: `{ ${field(k)} }` });
  let last = '';
  for (;;) {
    try {
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body,
      });
      last = await response.text();
      const parsed = JSON.parse(last) as { data?: Record<string, unknown> | null; errors?: unknown[] };
      if (response.status === 200 && !parsed.errors && parsed.data?.[field(k)] === `nilai-${k}`)
        return performance.now();
    } catch (error) {
      last = String(error);
    }
    if (performance.now() > deadline)
      throw new Error(`${gatewayUrl} never answered ${field(k)}: ${last.slice(0, 300)}`);
    await sleep(intervalMs);
  }
}

interface Sample {
  /** Per gateway: ms from the publish response to /health showing the new versions. */
  health: number[];
  /** Per gateway: ms from the publish response to a GraphQL request on the new field succeeding. */
  graphql: number[];
}

async function main(): Promise<void> {
  const database = await createBenchDatabase('postgres', values.server);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-reload-'));
  const gateways: GatewayProcess[] = [];
  let registry: BenchRegistry | undefined;
  let subgraph: { url: string; stop(): Promise<void> } | undefined;
  try {
    registry = await startBenchRegistry(database.handle);
    const reg = registry;
    await loadGatewayKeys({ dataDir, lookupSecret: undefined }); // one keys folder, made before the gateways start
    subgraph = await startSubgraph();
    const routingUrl = subgraph.url;
    const publisher = await reg.publisher('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil');
    let published = 0;
    const publishNext = async (): Promise<{ k: number; respondedAt: number; result: Published }> => {
      const k = published + 1;
      const result = await reg.must<Published>(
        publisher,
        'POST',
        '/v1/subgraphs/publish',
        { name: SUBGRAPH, theme: THEME, routingUrl, schema: sdlWith(k) },
        201,
      );
      const respondedAt = performance.now();
      published = k;
      return { k, respondedAt, result };
    };
    const base = await reg.must<Published>(
      publisher,
      'POST',
      '/v1/subgraphs/publish',
      { name: SUBGRAPH, theme: THEME, routingUrl, schema: sdlWith(0) },
      201,
    );
    let current = base.supergraphs;

    // A requester whose client holds grants on every field to come, and its API key.
    const requester = await reg.must<{ user: { id: string }; token: { token: string } }>(
      reg.adminToken,
      'POST',
      '/v1/admin/users',
      { name: 'Pemohon Bench', email: 'pemohon@bench.test', role: 'requester', organization: 'Bench' },
      201,
    );
    const client = await reg.must<{ id: string }>(
      requester.token.token,
      'POST',
      '/v1/clients',
      { name: 'Aplikasi Bench', organization: 'Bench', contact: 'pemohon@bench.test' },
      201,
    );
    for (const coordinate of [
      'Query.halo',
      ...Array.from({ length: FIELD_COUNT }, (_, i) => `Query.${field(i + 1)}`),
    ]) {
      await grantField(reg.database, {
        clientId: client.id,
        graph: 'semua',
        subgraph: SUBGRAPH,
        coordinate,
        grantedBy: reg.adminId,
      });
    }
    const { apiKey } = await reg.must<{ apiKey: string }>(
      requester.token.token,
      'POST',
      `/v1/clients/${client.id}/credentials`,
      { label: 'bench' },
      201,
    );

    const spawn = async (count: number) => {
      const started = await Promise.allSettled(
        Array.from({ length: count }, () =>
          startGatewayProcess({ databaseUrl: database.url!, dataDir, logLevel: 'warn' }),
        ),
      );
      for (const outcome of started) if (outcome.status === 'fulfilled') gateways.push(outcome.value);
      for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
      await Promise.all(
        gateways.map((gateway) => waitUntilServed(gateway.url, current, { timeoutMs: 60_000 })),
      );
    };

    const phase = async (label: string): Promise<Sample[]> => {
      const samples: Sample[] = [];
      for (let run = 0; run <= publishes; run += 1) {
        const { k, respondedAt, result } = await publishNext();
        current = result.supergraphs;
        const [health, graphql] = await Promise.all([
          Promise.all(gateways.map((gateway) => waitUntilServed(gateway.url, current, { intervalMs }))),
          Promise.all(gateways.map((gateway) => waitUntilQueryable(gateway.url, apiKey, k))),
        ]);
        if (run === 0) continue; // warm-up
        const sample = {
          health: health.map((at) => at - respondedAt),
          graphql: graphql.map((at) => at - respondedAt),
        };
        samples.push(sample);
        console.log(
          `  ${label} publish ${run}: /health ${sample.health.map(ms).join(', ')}; GraphQL ${sample.graphql.map(ms).join(', ')}` +
            `  (${current.map((entry) => `${entry.graph} v${entry.version}`).join(', ')})`,
        );
      }
      return samples;
    };

    console.log(
      `reload after publish: ${publishes} publishes per phase, polling every ${intervalMs} ms; node ${process.version}`,
    );
    await spawn(1);
    const one = await phase('1 gateway ');
    await spawn(2);
    const three = await phase('3 gateways');

    const line = (label: string, values: number[]) =>
      `${label.padEnd(58)} median ${ms(median(values))}, max ${ms(Math.max(...values))}`;
    console.log('');
    console.log(
      line(
        '1 gateway,  /health shows the new version:',
        one.map((s) => s.health[0]!),
      ),
    );
    console.log(
      line(
        '1 gateway,  GraphQL on the new field succeeds:',
        one.map((s) => s.graphql[0]!),
      ),
    );
    console.log(
      line(
        '3 gateways, /health, slowest of the three per publish:',
        three.map((s) => Math.max(...s.health)),
      ),
    );
    console.log(
      line(
        '3 gateways, /health, each gateway (all samples):',
        three.flatMap((s) => s.health),
      ),
    );
    console.log(
      line(
        '3 gateways, GraphQL, slowest of the three per publish:',
        three.map((s) => Math.max(...s.graphql)),
      ),
    );
    console.log(
      line(
        '3 gateways, GraphQL, each gateway (all samples):',
        three.flatMap((s) => s.graphql),
      ),
    );

    const codes = await Promise.all(gateways.splice(0).map((gateway) => gateway.stop()));
    if (codes.some((code) => code !== 0)) console.log(`gateway exit codes on SIGTERM: ${codes.join(', ')}`);
  } finally {
    for (const gateway of gateways) gateway.child.kill('SIGKILL');
    await subgraph?.stop();
    await registry?.close();
    await database.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
