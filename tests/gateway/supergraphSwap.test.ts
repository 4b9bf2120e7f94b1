/**
 * Swapping supergraphs under load, through the production feed (rows in the registry's database and
 * a NOTIFY, as the registry announces a composition): the gateway serves the demo agencies inside a
 * graph of 14 subgraphs (the four demo agencies and ten synthetic ones), and
 * - requests in flight while new versions are swapped in all complete, with the same answer, on the
 *   old graph or the new one; none fails;
 * - a supergraph that does not load (not even GraphQL, or a supergraph naming a subgraph it does not
 *   declare) is reported and never served: the graph keeps serving the version it had, and the next
 *   good version is served;
 * - a burst of versions is swapped in as its newest alone (at most one swap per
 *   PENGHUBUNG_SUPERGRAPH_MIN_SWAP_MS), and a version published after it is served too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticSubgraphs } from '../../bench/fixtures/syntheticSubgraphs.ts';
import { graphs, supergraphs } from '../../drizzle/schema/index.ts';
import { buildGateway, type Gateway } from '../../gateway/buildGateway.ts';
import { checkSupergraph } from '../../gateway/supergraphCheck.ts';
import { SUPERGRAPH_CHANNEL } from '../../lib/feed/channels.ts';
import { createDatabaseSupergraphSource } from '../../lib/feed/supergraphFeed.ts';
import { composeGraph } from '../../registry/checks/index.ts';
import { readDemoSchema, startDemoAgencies, type StartedDemoAgencies } from '../../subgraphs/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postGraphQL } from '../support/graphql.ts';

const JOIN = 'query PendudukLengkap($nik: String!) { penduduk(nik: $nik) { nik nama izinUsaha { nomor namaUsaha status } jaminanKesehatan { jenisPeserta status } } }';
const NIK = '3501040509830001';

let agencies: StartedDemoAgencies;
let database: TestDatabase;
let gateway: Gateway;
let url: string;
let graphId: string;
let version = 0;
const logLines: string[] = [];
const variants: string[] = [];

async function publish(supergraphSdl: string): Promise<number> {
  version += 1;
  await database.handle.db
    .insert(supergraphs)
    .values({ graphId, version, supergraphSdl, apiSchemaSdl: '', sdlHash: `test-${version}`, schemaVersionIds: [] });
  await database.handle.notify(SUPERGRAPH_CHANNEL, JSON.stringify({ graph: 'semua', version }));
  return version;
}

async function served(): Promise<{ version: number; swaps: number }> {
  const response = await fetch(url.replace(/\/graphql$/, '/health'));
  const body = (await response.json()) as { graphs: { name: string; version: number; swaps: number }[] };
  const graph = body.graphs.find((candidate) => candidate.name === 'semua');
  return { version: graph?.version ?? 0, swaps: graph?.swaps ?? 0 };
}

async function servedVersion(): Promise<number> {
  return (await served()).version;
}

async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  agencies = await startDemoAgencies();
  database = await createTestDatabase();
  const demo = agencies.agencies.map((entry) => ({ name: entry.agency.subgraphName, url: entry.subgraphUrl, sdl: readDemoSchema(entry.agency) }));
  const synthetic = generateSyntheticSubgraphs(10, { entityPrefix: 'Sintetis' });
  for (const extra of ['versiA', 'versiB']) {
    const first = { ...synthetic[0]!, sdl: `${synthetic[0]!.sdl}\nextend type Query {\n  ${extra}: Int\n}\n` };
    const outcome = composeGraph([...demo, first, ...synthetic.slice(1)]);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    variants.push(outcome.supergraphSdl);
  }
  const [graph] = await database.handle.db.insert(graphs).values({ name: 'semua' }).returning();
  graphId = graph!.id;
  await publish(variants[0]!);
  gateway = await buildGateway({
    source: createDatabaseSupergraphSource(database.handle, { pollMs: 200 }),
    logger: { level: 'error', stream: { write: (line: string) => void logLines.push(line) } },
  });
  url = `${await gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  await until('v1', async () => (await servedVersion()) === 1);
}, 240_000);

afterAll(async () => {
  await gateway?.close();
  await database?.drop();
  await agencies?.close();
});

describe('supergraph swaps', () => {
  it('requests in flight while versions are swapped in all complete with the same answer, none fails', async () => {
    const expected = await postGraphQL(url, JOIN, { variables: { nik: NIK } });
    expect(expected.status).toBe(200);
    expect(expected.body.errors).toBeUndefined();
    const expectedBody = JSON.stringify(expected.body);

    let swapping = true;
    const answers: { status: number; body: string }[] = [];
    const loops = Array.from({ length: 16 }, async () => {
      while (swapping) {
        const response = await postGraphQL(url, JOIN, { variables: { nik: NIK } });
        answers.push({ status: response.status, body: JSON.stringify(response.body) });
      }
    });
    const swapped: number[] = [];
    for (let swap = 0; swap < 6; swap += 1) {
      const wanted = await publish(variants[version % 2]!);
      const answeredBefore = answers.length;
      await until(`v${wanted}`, async () => (await servedVersion()) === wanted);
      // Some requests ran across each swap (the loops never stop while it is checked and applied).
      await until('requests after the swap', () => answers.length > answeredBefore);
      swapped.push(wanted);
    }
    swapping = false;
    await Promise.all(loops);

    expect(swapped).toEqual([2, 3, 4, 5, 6, 7]);
    expect(answers.length).toBeGreaterThan(16);
    const different = answers.filter((answer) => answer.status !== 200 || answer.body !== expectedBody);
    expect(different.slice(0, 3)).toEqual([]);
    // The two supergraphs really were served in turn: v7 is A's, with the root field only A has.
    const fields = (await postGraphQL<{ __type: { fields: { name: string }[] } }>(url, '{ __type(name: "Query") { fields { name } } }')).body.data!.__type.fields.map((field) => field.name);
    expect(fields).toContain('versiA');
    expect(fields).not.toContain('versiB');
  });

  it.each([
    ['text that is not GraphQL', (sdl: string) => sdl.slice(0, Math.floor(sdl.length / 2))],
    ['a supergraph naming a subgraph it does not declare', (sdl: string) => sdl.replace(/join__field\(graph: DPMPTSP\)/, 'join__field(graph: TIDAK_ADA)')],
  ])('a supergraph that does not load (%s) is never served: the graph keeps its version and the next good one is served', async (_kind, breakIt) => {
    const broken = breakIt(variants[0]!);
    expect(broken).not.toBe(variants[0]);
    expect(await checkSupergraph(broken)).toEqual(expect.any(String));
    const before = await servedVersion();
    const brokenVersion = await publish(broken);
    await until(`the refusal of v${brokenVersion}`, () => logLines.some((line) => line.includes(`v${brokenVersion} does not load; keeping v${before}`)));
    expect(await servedVersion()).toBe(before);
    const still = await postGraphQL(url, JOIN, { variables: { nik: NIK } });
    expect(still.status).toBe(200);
    expect(still.body.errors).toBeUndefined();

    const good = await publish(variants[version % 2]!);
    await until(`v${good}`, async () => (await servedVersion()) === good);
    expect((await postGraphQL(url, JOIN, { variables: { nik: NIK } })).body.errors).toBeUndefined();
  });

  it('a burst of versions (a publisher publishing again and again) costs one swap or two, and the newest is served', async () => {
    const before = await served();
    const burst: number[] = [];
    for (let count = 0; count < 8; count += 1) burst.push(await publish(variants[version % 2]!));
    const newest = burst.at(-1)!;
    await until(`v${newest}`, async () => (await servedVersion()) === newest);
    const after = await served();
    // Each version swapped in one by one would be 8 swaps, each blocking the event loop.
    expect(after.swaps - before.swaps).toBeGreaterThanOrEqual(1);
    expect(after.swaps - before.swaps).toBeLessThanOrEqual(2);
    const fields = (await postGraphQL<{ __type: { fields: { name: string }[] } }>(url, '{ __type(name: "Query") { fields { name } } }')).body.data!.__type.fields.map((field) => field.name);
    expect(fields).toContain(newest % 2 === 1 ? 'versiA' : 'versiB');
    // Nothing is left behind: a version published after the burst is served too.
    const later = await publish(variants[version % 2]!);
    await until(`v${later}`, async () => (await servedVersion()) === later);
  });
});
