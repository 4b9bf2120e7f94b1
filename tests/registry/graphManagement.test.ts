/**
 * Graphs an administrator manages: the all-themes graph is a graph like the others (it can exclude
 * a theme, so two agencies' unrelated conflicting `Query.search` no longer block each other), graphs
 * are created, changed and deleted, and subgraphs retired, each with the protection of a breaking
 * change; a gateway on the same database follows every change.
 */
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, graphs } from '../../drizzle/schema/index.ts';
import { buildGateway } from '../../gateway/buildGateway.ts';
import type { Gateway } from '../../gateway/buildGateway.ts';
import { createDatabaseSupergraphSource } from '../../lib/feed/supergraphFeed.ts';
import { runPenghubungInProcess } from '../support/cli.ts';
import { countRegistryRows } from '../support/database.ts';
import { startTestRegistry } from '../support/registry.ts';
import type { TestRegistry } from '../support/registry.ts';
import { grantField, seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';

const URL_DUKCAPIL = 'http://127.0.0.1:4401/graphql';
const URL_BKPSDM = 'http://127.0.0.1:4402/graphql';
const SEARCH_PENDUDUK = 'type Query {\n  "Mencari nama penduduk"\n  search(q: String!): [String]\n}\n';
const SEARCH_PENDUDUK_V2 = 'type Query {\n  "Mencari nama penduduk"\n  search(q: String!): [String]\n  "Jumlah penduduk"\n  jumlahPenduduk: Int\n}\n';
const SEARCH_PEGAWAI = 'type Query {\n  "Mencari NIP pegawai"\n  search(q: String!): [Int]\n}\n';

let registry: TestRegistry;
let world: World;
let gateway: Gateway;
let gatewayUrl: string;

function publish(agency: string, name: string, theme: string, url: string, schema: string) {
  return registry.call(world.publisher(agency), 'POST', '/v1/subgraphs/publish', { name, theme, routingUrl: url, schema });
}

/** The query fields a graph's gateway serves (introspection, answered by the gateway itself), or its status. */
async function servedQueryFields(graph: string): Promise<string[] | number> {
  const response = await fetch(`${gatewayUrl}/graphql/${graph}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __schema { queryType { fields { name type { name ofType { name } } } } } }' }),
  });
  if (response.status !== 200) return response.status;
  const body = (await response.json()) as {
    data: { __schema: { queryType: { fields: { name: string; type: { name: string | null; ofType: { name: string | null } | null } }[] } } };
  };
  return body.data.__schema.queryType.fields.map((field) => `${field.name}:${field.type.name ?? `[${field.type.ofType?.name}]`}`).sort();
}

const servedVersion = (graph: string) => gateway.graphs().find((entry) => entry.name === graph)?.version ?? null;

beforeAll(async () => {
  registry = await startTestRegistry();
  world = await seed(registry)
    .agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil')
    .withPublisher()
    .agency('bkpsdm', 'Badan Kepegawaian dan Pengembangan SDM')
    .withPublisher()
    .client('aplikasi-bansos', { organization: 'Dinas Sosial' })
    .done();
  gateway = await buildGateway({ source: createDatabaseSupergraphSource(registry.database, { pollMs: 300 }) });
  gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await registry?.close();
});

describe('the all-themes graph without one theme', () => {
  it('lets two agencies with an unrelated conflicting Query.search publish once it excludes one theme', async () => {
    expect((await publish('disdukcapil', 'cari-penduduk', 'kependudukan', URL_DUKCAPIL, SEARCH_PENDUDUK)).status).toBe(201);

    const blocked = await publish('bkpsdm', 'cari-pegawai', 'kepegawaian', URL_BKPSDM, SEARCH_PEGAWAI);
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('COMPOSITION_FAILED');
    expect(blocked.body.details.report.composition).toEqual(
      expect.arrayContaining([expect.objectContaining({ graph: 'semua', ok: false })]),
    );

    const excluded = await registry.call(world.admin, 'PATCH', '/v1/admin/graphs/semua', { excludeThemes: ['kepegawaian'] });
    expect(excluded.status, JSON.stringify(excluded.body)).toBe(200);
    expect(excluded.body).toMatchObject({ name: 'semua', themes: [], excludedThemes: ['kepegawaian'], deleted: false });

    const published = await publish('bkpsdm', 'cari-pegawai', 'kepegawaian', URL_BKPSDM, SEARCH_PEGAWAI);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.supergraphs).toEqual([{ graph: 'kepegawaian', version: 1 }]);

    // The other agency is not blocked by it either.
    const next = await publish('disdukcapil', 'cari-penduduk', 'kependudukan', URL_DUKCAPIL, SEARCH_PENDUDUK_V2);
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.supergraphs.map((entry: { graph: string }) => entry.graph).sort()).toEqual(['kependudukan', 'semua']);

    await expect.poll(() => servedQueryFields('kepegawaian'), { timeout: 60_000 }).toEqual(['search:[Int]']);
    await expect.poll(() => servedQueryFields('semua'), { timeout: 60_000 }).toEqual(['jumlahPenduduk:Int', 'search:[String]']);

    const listed = await registry.must(world.publisher('bkpsdm'), 'GET', '/v1/graphs', undefined, 200);
    expect(listed.graphs.find((graph: { name: string }) => graph.name === 'semua')).toMatchObject({
      excludedThemes: ['kepegawaian'],
      subgraphs: ['cari-penduduk'],
    });

    // Taking the theme back in would break the graph: refused, nothing changes.
    const before = await countRegistryRows(registry.database);
    const back = await registry.call(world.admin, 'PATCH', '/v1/admin/graphs/semua', { excludeThemes: [] });
    expect(back.status).toBe(422);
    expect(back.body.code).toBe('COMPOSITION_FAILED');
    expect(back.body.message).toContain('graf semua');
    expect(await countRegistryRows(registry.database)).toEqual(before);
    const [semua] = await registry.database.db.select().from(graphs).where(eq(graphs.name, 'semua'));
    expect(semua?.excludedThemeSlugs).toEqual(['kepegawaian']);
  });

  it('refuses bad input to graph changes with a clear error and nothing stored', async () => {
    const before = await countRegistryRows(registry.database);
    expect((await registry.call(null, 'PATCH', '/v1/admin/graphs/semua', { themes: [] })).status).toBe(401);
    expect((await registry.call(world.publisher('bkpsdm'), 'PATCH', '/v1/admin/graphs/semua', { themes: [] })).status).toBe(403);
    const unknownGraph = await registry.call(world.admin, 'PATCH', '/v1/admin/graphs/tidak-ada', { themes: [] });
    expect(unknownGraph.status).toBe(404);
    expect(unknownGraph.body.message).toContain("Graf 'tidak-ada' tidak ada");
    const unknownTheme = await registry.call(world.admin, 'PATCH', '/v1/admin/graphs/semua', { excludeThemes: ['tidak-ada'] });
    expect(unknownTheme.status).toBe(422);
    expect(unknownTheme.body.details).toMatchObject({ field: 'themes', unknown: ['tidak-ada'] });
    const both = await registry.call(world.admin, 'PATCH', '/v1/admin/graphs/kependudukan', {
      themes: ['kependudukan'],
      excludeThemes: ['kependudukan'],
    });
    expect(both.status).toBe(422);
    expect(both.body.details.field).toBe('excludeThemes');
    expect((await registry.call(world.admin, 'PATCH', '/v1/admin/graphs/semua', { themes: 'semua' })).status).toBe(400);
    expect((await registry.call(world.admin, 'PATCH', '/v1/admin/graphs/Bukan%20Slug', { themes: [] })).status).toBe(400);
    const duplicate = await registry.call(world.admin, 'POST', '/v1/admin/graphs', { name: 'semua', themes: [] });
    expect(duplicate.status).toBe(409);
    expect((await registry.call(world.admin, 'DELETE', '/v1/admin/graphs/tidak-ada', {})).status).toBe(404);
    expect((await registry.call(world.publisher('bkpsdm'), 'DELETE', '/v1/admin/graphs/semua', {})).status).toBe(403);
    expect(await countRegistryRows(registry.database)).toEqual(before);
  });
});

describe('deleting a graph', () => {
  it('is refused while a requester holds a grant in it, forced by an administrator with a reason, and the gateway stops serving it', async () => {
    const created = await registry.call(world.admin, 'POST', '/v1/admin/graphs', { name: 'layanan-sdm', themes: ['kepegawaian'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.version).toBe(1);
    await expect.poll(() => servedVersion('layanan-sdm'), { timeout: 60_000 }).toBe(1);

    const client = world.clients['aplikasi-bansos']!;
    await grantField(registry.database, {
      clientId: client.id,
      graph: 'layanan-sdm',
      subgraph: 'cari-pegawai',
      coordinate: 'Query.search',
      grantedBy: world.admin.id,
    });
    const before = await countRegistryRows(registry.database);
    const refused = await registry.call(world.admin, 'DELETE', '/v1/admin/graphs/layanan-sdm', {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CHECK_FAILED');
    expect(refused.body.message).toContain('aplikasi-bansos');
    expect(refused.body.details.protectedFields).toEqual([
      { graph: 'layanan-sdm', coordinate: 'Query.search', grants: ['aplikasi-bansos'], traffic: null },
    ]);
    const noReason = await registry.call(world.admin, 'DELETE', '/v1/admin/graphs/layanan-sdm', { force: true });
    expect(noReason.status).toBe(422);
    expect(noReason.body.details.field).toBe('reason');
    expect(await countRegistryRows(registry.database)).toEqual(before);

    const forced = await registry.call(world.admin, 'DELETE', '/v1/admin/graphs/layanan-sdm', {
      force: true,
      reason: 'graf digabung ke graf kepegawaian',
    });
    expect(forced.status, JSON.stringify(forced.body)).toBe(200);
    expect(forced.body.supergraphs).toEqual([{ graph: 'layanan-sdm', version: 2, withdrawn: true }]);
    expect(forced.body.forced.map((field: { coordinate: string }) => field.coordinate)).toEqual(['Query.search']);
    await expect.poll(() => servedQueryFields('layanan-sdm'), { timeout: 60_000 }).toBe(404);
    const listed = await registry.must(world.admin, 'GET', '/v1/graphs', undefined, 200);
    expect(listed.graphs.map((graph: { name: string }) => graph.name)).not.toContain('layanan-sdm');
    const [entry] = await registry.database.db.select().from(adminTrail).where(eq(adminTrail.action, 'graph.deleted'));
    expect(entry?.reason).toBe('graf digabung ke graf kepegawaian');

    // The name is free again; the new graph's versions follow the deleted one's, so gateways take it.
    const again = await registry.call(world.admin, 'POST', '/v1/admin/graphs', { name: 'layanan-sdm', themes: ['kepegawaian'] });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.version).toBe(3);
    await expect.poll(() => servedQueryFields('layanan-sdm'), { timeout: 60_000 }).toEqual(['search:[Int]']);
  });
});

describe('retiring a subgraph', () => {
  it('names the grants it would break, is forced by an administrator, withdraws graphs left empty, and comes back when published again', async () => {
    const client = world.clients['aplikasi-bansos']!;
    await grantField(registry.database, {
      clientId: client.id,
      graph: 'kepegawaian',
      subgraph: 'cari-pegawai',
      coordinate: 'Query.search',
      grantedBy: world.admin.id,
    });
    const before = await countRegistryRows(registry.database);
    const otherAgency = await registry.call(world.publisher('disdukcapil'), 'POST', '/v1/subgraphs/cari-pegawai/retire', {});
    expect(otherAgency.status).toBe(403);
    expect(otherAgency.body.details.owner).toBe('bkpsdm');
    expect((await registry.call(world.publisher('bkpsdm'), 'POST', '/v1/subgraphs/tidak-ada/retire', {})).status).toBe(404);
    expect((await registry.call(null, 'POST', '/v1/subgraphs/cari-pegawai/retire', {})).status).toBe(401);

    const refused = await registry.call(world.publisher('bkpsdm'), 'POST', '/v1/subgraphs/cari-pegawai/retire', { reason: 'tidak dipakai' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CHECK_FAILED');
    expect(refused.body.details.protectedFields.map((field: { graph: string }) => field.graph).sort()).toEqual(['kepegawaian', 'layanan-sdm']);
    const publisherForce = await registry.call(world.publisher('bkpsdm'), 'POST', '/v1/subgraphs/cari-pegawai/retire', {
      force: true,
      reason: 'publisher tidak boleh memaksa',
    });
    expect(publisherForce.status).toBe(403);
    expect(await countRegistryRows(registry.database)).toEqual(before);

    const retired = await registry.call(world.admin, 'POST', '/v1/subgraphs/cari-pegawai/retire', {
      force: true,
      reason: 'layanan pencarian pegawai dihentikan',
    });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect(retired.body.supergraphs).toEqual([
      { graph: 'kepegawaian', version: 2, withdrawn: true },
      { graph: 'layanan-sdm', version: 4, withdrawn: true },
    ]);
    await expect.poll(() => servedQueryFields('kepegawaian'), { timeout: 60_000 }).toBe(404);
    const directory = await registry.must(world.admin, 'GET', '/v1/directory', undefined, 200);
    expect(JSON.stringify(directory)).not.toContain('cari-pegawai');
    expect((await registry.call(world.admin, 'POST', '/v1/subgraphs/cari-pegawai/retire', {})).status).toBe(409);
    // The metadata repository keeps its versions.
    expect((await registry.call(world.admin, 'GET', '/v1/subgraphs/cari-pegawai/versions')).status).toBe(200);

    const back = await publish('bkpsdm', 'cari-pegawai', 'kepegawaian', URL_BKPSDM, SEARCH_PEGAWAI);
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    expect(back.body.version).toBe(2);
    await expect.poll(() => servedQueryFields('kepegawaian'), { timeout: 60_000 }).toEqual(['search:[Int]']);
  });

  it('is refused when another subgraph needs it to compose', async () => {
    const fixture = (name: string) => readFile(new URL(`../fixtures/changesets/${name}.graphql`, import.meta.url), 'utf8');
    const set = await registry.call(world.publisher('disdukcapil'), 'POST', '/v1/change-sets', {
      subgraphs: [
        { name: 'bantuan-penerima', theme: 'kependudukan', routingUrl: URL_DUKCAPIL, schema: await fixture('bantuan-penerima') },
        { name: 'bantuan-penghasilan', theme: 'kependudukan', routingUrl: URL_DUKCAPIL, schema: await fixture('bantuan-penghasilan') },
      ],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    const before = await countRegistryRows(registry.database);
    const refused = await registry.call(world.publisher('disdukcapil'), 'POST', '/v1/subgraphs/bantuan-penghasilan/retire', {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('COMPOSITION_FAILED');
    expect(refused.body.details.failedGraphs.map((entry: { graph: string }) => entry.graph).sort()).toEqual(['kependudukan', 'semua']);
    expect(await countRegistryRows(registry.database)).toEqual(before);
  });
});

describe('graph management from the CLI', () => {
  it('updates, refuses, deletes graphs and retires a subgraph, in Indonesian', async () => {
    const asAdmin = (args: string[]) => runPenghubungInProcess(args, { PENGHUBUNG_REGISTRY_URL: registry.url, PENGHUBUNG_TOKEN: world.admin.token });
    expect((await asAdmin(['admin', 'graph', 'create', '--name', 'cli-graf', '--themes', 'kesehatan'])).code).toBe(0);

    const conflicting = await asAdmin(['admin', 'graph', 'update', 'cli-graf', '--themes', '', '--exclude-themes', 'kesehatan']);
    expect(conflicting.code).toBe(1);
    expect(conflicting.stderr).toContain('komposisi gagal pada graf cli-graf');

    const updated = await asAdmin(['admin', 'graph', 'update', 'cli-graf', '--themes', 'kepegawaian,kesehatan']);
    expect(updated.stderr).toBe('');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('Graf cli-graf diperbarui: kepegawaian, kesehatan.');
    expect(updated.stdout).toMatch(/Supergraph: cli-graf v\d+/);

    const listed = await asAdmin(['graph', 'list']);
    expect(listed.stdout).toContain('semua  [semua tema kecuali kepegawaian]');

    const nothing = await asAdmin(['admin', 'graph', 'update', 'cli-graf']);
    expect(nothing.code).toBe(2);
    const noReason = await asAdmin(['admin', 'graph', 'delete', 'cli-graf', '--force']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--force memerlukan --reason');

    const deleted = await asAdmin(['--json', 'admin', 'graph', 'delete', 'cli-graf']);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ name: 'cli-graf', deleted: true });

    const retired = await runPenghubungInProcess(['subgraph', 'retire', 'cari-penduduk'], {
      PENGHUBUNG_REGISTRY_URL: registry.url,
      PENGHUBUNG_TOKEN: world.publisher('disdukcapil').token,
    });
    expect(retired.stderr).toBe('');
    expect(retired.code).toBe(0);
    expect(retired.stdout).toContain('Subgraph cari-penduduk dipensiunkan.');
  });
});
