/**
 * The hostile requests of tests/security/, timed against the whole bus (`startSystem` with the demo,
 * embedded PGlite in a temporary folder): for each attack, the time to its refusal; then, while
 * `attackers` clients send the attacks back to back, the latency of `/health` and of the documented
 * demo query, against the same measures with no attack. Figures only (bench/README.md). The database
 * is a throwaway one: on the PostgreSQL server of TEST_DATABASE_URL when set, else PGlite.
 *
 *   npx tsx bench/security.bench.ts [--rounds 20] [--attackers 4] [--seconds 5]
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/security.bench.ts
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fetch } from 'undici';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, specifiedRules, validate } from 'graphql';
import { fieldOwnersFromSupergraph } from '../gateway/limits/cost.ts';
import { limitValidationRules, parseOptionsFor } from '../gateway/limits/rules.ts';
import { variablesOverLimit } from '../gateway/limits/variables.ts';
import { DEFAULT_OPERATION_LIMITS, loadConfig } from '../lib/config.ts';
import { DEMO_QUERY } from '../scripts/demoSeed.ts';
import { startSystem } from '../scripts/system.ts';
import { createTestDatabase } from '../tests/support/database.ts';
import { deepArrayJson, deepNesting, fragmentBomb, manyAliases } from '../tests/security/attacks.ts';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '20' }, attackers: { type: 'string', default: '4' }, seconds: { type: 'string', default: '5' } },
});
const rounds = Number(values.rounds);
const attackers = Number(values.attackers);
const seconds = Number(values.seconds);

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-bench-security-'));
const config = loadConfig({
  PENGHUBUNG_DATA_DIR: dataDir,
  PENGHUBUNG_GATEWAY_PORT: '0',
  PENGHUBUNG_REGISTRY_PORT: '0',
  PENGHUBUNG_DEMO_BASE_PORT: '0',
  // The attackers use one key: the rate limit must not be what refuses them here.
  PENGHUBUNG_RATE_PER_SECOND: '100000',
  PENGHUBUNG_RATE_PER_MINUTE: '10000000',
});
const database = await createTestDatabase();
const system = await startSystem({ config, logger: false, database: database.handle });
const demo = system.demo!;
const graphql = `${system.gatewayUrl}/graphql`;
const health = `${system.gatewayUrl}/health`;
const headers = { 'content-type': 'application/json', authorization: `Bearer ${demo.apiKey}` };

const attacks: Record<string, string> = {
  'fragment bomb (2 KB, 20 nested fragments)': JSON.stringify({ query: fragmentBomb() }),
  'nesting 10 deep (~380 B)': JSON.stringify({ query: deepNesting(demo.sampleNik) }),
  '10,000 aliases': JSON.stringify({ query: manyAliases() }),
  'variables 200,000 deep': `{"query":${JSON.stringify(DEMO_QUERY)},"variables":{"nik":"${demo.sampleNik}","x":${deepArrayJson()}}}`,
};
const normalBody = JSON.stringify({ query: DEMO_QUERY, variables: { nik: demo.sampleNik } });

async function timed(url: string, init?: { method: string; headers: Record<string, string>; body: string }): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)!.toFixed(2)} ms (n=${sorted.length})`;
}

async function probe(stop: () => boolean): Promise<{ health: number[]; normal: number[] }> {
  const result = { health: [] as number[], normal: [] as number[] };
  while (!stop()) {
    result.health.push((await timed(health)).ms);
    const normal = await timed(graphql, { method: 'POST', headers, body: normalBody });
    if (normal.status !== 200) throw new Error(`normal query answered ${normal.status}`);
    result.normal.push(normal.ms);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return result;
}

try {
  // Warm up the graphs and the demo query's plan.
  for (let index = 0; index < 10; index += 1) await timed(graphql, { method: 'POST', headers, body: normalBody });
  console.log(`# security bench: ${os.cpus().length} cores (load ${os.loadavg()[0]!.toFixed(1)}), node ${process.version}, ${database.handle.kind}, ${rounds} rounds per attack`);
  console.log('\n## the limits alone, in process (parse with maxTokens + validation with the limit rules; variables check), warm');
  const names = ['disdukcapil', 'bkpsdm', 'dpmptsp', 'dinkes'];
  const composed = composeServices(
    await Promise.all(names.map(async (name) => ({ name, url: `http://${name}`, typeDefs: parse(await fs.readFile(path.join(import.meta.dirname, `../subgraphs/${name}/schema.graphql`), 'utf8')) }))),
  );
  if (composed.errors) throw composed.errors[0];
  const api = Supergraph.build(composed.supergraphSdl).apiSchema().toGraphQLJSSchema();
  const owners = fieldOwnersFromSupergraph(composed.supergraphSdl);
  const rules = limitValidationRules(DEFAULT_OPERATION_LIMITS, () => owners);
  for (const [name, body] of Object.entries(attacks)) {
    const request = JSON.parse(body) as { query: string; variables?: unknown };
    const samples: number[] = [];
    for (let round = 0; round < rounds + 20; round += 1) {
      const started = performance.now();
      if (!variablesOverLimit(request.variables, DEFAULT_OPERATION_LIMITS)) {
        try {
          validate(api, parse(request.query, parseOptionsFor(DEFAULT_OPERATION_LIMITS)), [...specifiedRules, ...rules]);
        } catch {
          // the token limit: refused while parsing
        }
      }
      if (round >= 20) samples.push(performance.now() - started);
    }
    console.log(`- ${name}: ${summary(samples)}`);
  }
  console.log('\n## time to refusal over HTTP (the refusal recorded in the access log before the answer)');
  for (const [name, body] of Object.entries(attacks)) {
    const samples: number[] = [];
    let statuses = new Set<number>();
    for (let round = 0; round < rounds; round += 1) {
      const { ms, status } = await timed(graphql, { method: 'POST', headers, body });
      samples.push(ms);
      statuses = statuses.add(status);
    }
    console.log(`- ${name}: ${summary(samples)}, status ${[...statuses].join('/')}`);
  }

  const until = (deadline: number) => () => performance.now() > deadline;
  console.log(`\n## /health and the demo query, ${seconds} s each`);
  const quiet = await probe(until(performance.now() + seconds * 1_000));
  console.log(`- no attack: /health ${summary(quiet.health)}; demo query ${summary(quiet.normal)}`);
  const deadline = performance.now() + seconds * 1_000;
  const bodies = Object.values(attacks);
  let sent = 0;
  const attacking = Array.from({ length: attackers }, async (_, attacker) => {
    for (let index = attacker; performance.now() < deadline; index += 1) {
      await timed(graphql, { method: 'POST', headers, body: bodies[index % bodies.length]! });
      sent += 1;
    }
  });
  const loaded = await probe(until(deadline));
  await Promise.all(attacking);
  console.log(`- ${attackers} attackers back to back (${sent} attacks, ${(sent / seconds).toFixed(0)}/s): /health ${summary(loaded.health)}; demo query ${summary(loaded.normal)}`);
} finally {
  await system.close();
  await database.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
