/**
 * Composition health over a real registry: a publish refused because a graph would not compose is
 * kept as that graph's last failed attempt (when, which subgraph of which agency, the first errors),
 * shown by GET /v1/graphs beside the last success, replaced by a newer failure, and not written for
 * refusals that never reached composition; a refused change set is kept the same way.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compositionFailures } from '../../drizzle/schema/index.ts';
import { startTestRegistry } from '../support/registry.ts';
import type { TestRegistry } from '../support/registry.ts';
import { seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';

const fixture = (name: string): Promise<string> => readFile(new URL(`../fixtures/registry/${name}`, import.meta.url), 'utf8');
const DUKCAPIL_URL = 'http://127.0.0.1:4101/graphql';
const BKPSDM_URL = 'http://127.0.0.1:4102/graphql';

let registry: TestRegistry;
let world: World;

interface ListedGraph {
  name: string;
  version: number | null;
  composedAt: string | null;
  lastFailure: { failedAt: string; subgraph: string; agency: string; errors: { code: string; message: string }[]; errorCount: number } | null;
}

const listed = async (name: string): Promise<ListedGraph> => {
  const { graphs } = await registry.must<{ graphs: ListedGraph[] }>(registry.admin, 'GET', '/v1/graphs', undefined, 200);
  return graphs.find((graph) => graph.name === name)!;
};

const publishPegawai = async (schema: string) =>
  registry.call(world.publisher('bkpsdm'), 'POST', '/v1/subgraphs/publish', { name: 'kepegawaian', theme: 'kepegawaian', routingUrl: BKPSDM_URL, schema });

beforeAll(async () => {
  registry = await startTestRegistry();
  world = await seed(registry).agency('disdukcapil', 'Disdukcapil').withPublisher().agency('bkpsdm', 'BKPSDM').withPublisher().client('pemohon-sehat').done();
  const penduduk = await registry.call(world.publisher('disdukcapil'), 'POST', '/v1/subgraphs/publish', {
    name: 'kependudukan',
    theme: 'kependudukan',
    routingUrl: DUKCAPIL_URL,
    schema: await fixture('penduduk-v1.graphql'),
  });
  expect(penduduk.status, JSON.stringify(penduduk.body)).toBe(201);
  expect((await publishPegawai(await fixture('pegawai-v1.graphql'))).status).toBe(201);
});

afterAll(async () => {
  await registry?.close();
});

describe('composition health', () => {
  it('has no failure before any composition failed', async () => {
    const semua = await listed('semua');
    expect(semua.version).not.toBeNull();
    expect(semua.lastFailure).toBeNull();
  });

  it('keeps a refused publish as the graph’s last failed attempt beside its last success', async () => {
    const before = await listed('semua');
    const refused = await publishPegawai(await fixture('pegawai-v2-conflict.graphql'));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('COMPOSITION_FAILED');
    const reported = refused.body.details.report.composition.find((entry: { graph: string }) => entry.graph === 'semua');

    const semua = await listed('semua');
    // The last success is unchanged: nothing of the refused schema was composed.
    expect(semua.version).toBe(before.version);
    expect(semua.composedAt).toBe(before.composedAt);
    expect(semua.lastFailure).toEqual({
      failedAt: expect.any(String),
      subgraph: 'kepegawaian',
      agency: 'bkpsdm',
      errors: reported.errors.slice(0, 5).map((error: { code: string; message: string }) => ({ code: error.code, message: error.message })),
      errorCount: reported.errors.length,
    });
    expect(semua.lastFailure!.errors[0]!.message).toContain('Penduduk.nama');
    expect(Date.parse(semua.lastFailure!.failedAt)).toBeGreaterThan(Date.parse(semua.composedAt!));
    // The subgraph's own graph composed: no failure there.
    expect((await listed('kepegawaian')).lastFailure).toBeNull();

    // The errors quote schema that was never published: another agency's publisher sees them, a
    // requester sees the graph and its last success only.
    const { graphs: forPublisher } = await registry.must<{ graphs: ListedGraph[] }>(world.publisher('disdukcapil'), 'GET', '/v1/graphs', undefined, 200);
    expect(forPublisher.find((graph) => graph.name === 'semua')!.lastFailure).toEqual(semua.lastFailure);
    const { graphs: forRequester } = await registry.must<{ graphs: ListedGraph[] }>(world.clients['pemohon-sehat']!.requester, 'GET', '/v1/graphs', undefined, 200);
    expect(forRequester.find((graph) => graph.name === 'semua')).toMatchObject({ version: semua.version, lastFailure: null });
  });

  it('replaces the failure with a newer one, and records none for a refusal before composition', async () => {
    const first = (await listed('semua')).lastFailure!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await registry.call(registry.admin, 'POST', '/v1/subgraphs/publish', {
      name: 'kepegawaian',
      theme: 'kepegawaian',
      agency: 'bkpsdm',
      routingUrl: BKPSDM_URL,
      schema: await fixture('pegawai-v2-conflict.graphql'),
    });
    expect(refused.body.code).toBe('COMPOSITION_FAILED');
    const second = (await listed('semua')).lastFailure!;
    expect(Date.parse(second.failedAt)).toBeGreaterThan(Date.parse(first.failedAt));
    expect(second.agency).toBe('bkpsdm');
    expect(await registry.database.db.select().from(compositionFailures)).toHaveLength(1);

    // An invalid schema is refused before composition: the failure stays the one above.
    const invalid = await publishPegawai('type Query { rusak: }');
    expect([400, 422]).toContain(invalid.status);
    expect(invalid.body.code).not.toBe('COMPOSITION_FAILED');
    expect((await listed('semua')).lastFailure).toEqual(second);
  });

  it('keeps a change set refused for composition the same way, naming its culprit', async () => {
    const before = (await listed('semua')).lastFailure!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await registry.call(world.publisher('bkpsdm'), 'POST', '/v1/change-sets', {
      subgraphs: [{ name: 'kepegawaian', theme: 'kepegawaian', routingUrl: BKPSDM_URL, schema: await fixture('pegawai-v2-conflict.graphql') }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('COMPOSITION_FAILED');
    const failure = (await listed('semua')).lastFailure!;
    expect(Date.parse(failure.failedAt)).toBeGreaterThan(Date.parse(before.failedAt));
    expect(failure).toMatchObject({ subgraph: 'kepegawaian', agency: 'bkpsdm' });
    expect(failure.errorCount).toBe(refused.body.details.failedGraphs[0].errors.length);
    expect((await listed('kepegawaian')).lastFailure).toBeNull();
  });
});
