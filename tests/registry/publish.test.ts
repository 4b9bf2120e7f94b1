/**
 * Publishing a subgraph: validated, composed into every graph it belongs to, checked for breaking
 * changes and protected fields, stored in one transaction with its supergraphs and trail entry, and
 * announced to gateways. Refusals carry the check report and store nothing.
 */
import { readFile } from 'node:fs/promises';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, graphs, schemaVersions, subgraphs, supergraphs } from '../../drizzle/schema/index.ts';
import type { SupergraphUpdate } from '../../lib/feed/supergraphSource.ts';
import { createDatabaseSupergraphSource } from '../../lib/feed/supergraphFeed.ts';
import { countRegistryRows } from '../support/database.ts';
import { startTestRegistry } from '../support/registry.ts';
import type { TestRegistry } from '../support/registry.ts';
import { grantField, recordTraffic, seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';

const fixture = (name: string): Promise<string> =>
  readFile(new URL(`../fixtures/registry/${name}`, import.meta.url), 'utf8');

const DUKCAPIL_URL = 'http://127.0.0.1:4101/graphql';
const BKPSDM_URL = 'http://127.0.0.1:4102/graphql';

let registry: TestRegistry;
let world: World;

async function latestSupergraphVersion(graph: string): Promise<number | null> {
  const [row] = await registry.database.db
    .select({ version: supergraphs.version })
    .from(supergraphs)
    .innerJoin(graphs, eq(graphs.id, supergraphs.graphId))
    .where(eq(graphs.name, graph))
    .orderBy(desc(supergraphs.version))
    .limit(1);
  return row?.version ?? null;
}

function publishPenduduk(schema: string, extra: Record<string, unknown> = {}) {
  return registry.call(world.publisher('disdukcapil'), 'POST', '/v1/subgraphs/publish', {
    name: 'kependudukan',
    theme: 'kependudukan',
    routingUrl: DUKCAPIL_URL,
    schema,
    description: 'Data penduduk Disdukcapil',
    ...extra,
  });
}

beforeAll(async () => {
  registry = await startTestRegistry();
  world = await seed(registry)
    .agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil')
    .withPublisher()
    .agency('bkpsdm', 'Badan Kepegawaian dan Pengembangan SDM')
    .withPublisher()
    .client('aplikasi-bansos', { organization: 'Dinas Sosial' })
    .client('aplikasi-pajak', { organization: 'Bapenda' })
    .done();
});

afterAll(async () => {
  await registry?.close();
});

describe('publishing a subgraph', () => {
  it('stores the version, composes its graphs and notifies the gateways', async () => {
    const source = createDatabaseSupergraphSource(registry.database, { pollMs: 60_000 });
    expect(await source.load()).toEqual([]);
    const received: SupergraphUpdate[] = [];
    const stop = await source.subscribe((update) => received.push(update));
    try {
      const response = await publishPenduduk(await fixture('penduduk-v1.graphql'));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        unchanged: false,
        subgraph: 'kependudukan',
        version: 1,
        report: { passed: true, breaking: false },
      });
      expect(response.body.supergraphs).toEqual(
        expect.arrayContaining([
          { graph: 'semua', version: 1 },
          { graph: 'kependudukan', version: 1 },
        ]),
      );
      expect(response.body.supergraphs).toHaveLength(2);

      // The notification, not the (one-minute) poll, delivers both new supergraphs.
      await expect
        .poll(() => received.map((update) => `${update.graph}@${update.version}`).sort(), { timeout: 60_000 })
        .toEqual(['kependudukan@1', 'semua@1']);
      expect(received[0]?.supergraphSdl).toContain('join__Graph');
    } finally {
      await stop();
    }

    const history = await registry.must(
      world.publisher('bkpsdm'),
      'GET',
      '/v1/subgraphs/kependudukan/versions',
      undefined,
      200,
    );
    expect(history.subgraph).toMatchObject({
      name: 'kependudukan',
      agency: 'disdukcapil',
      theme: 'kependudukan',
    });
    expect(history.versions).toHaveLength(1);
    expect(history.versions[0]).toMatchObject({
      version: 1,
      author: 'Publisher disdukcapil',
      overrideReason: null,
    });

    const version = await registry.must(
      world.admin,
      'GET',
      '/v1/subgraphs/kependudukan/versions/1',
      undefined,
      200,
    );
    expect(version.sdl).toBe(await fixture('penduduk-v1.graphql'));
    expect(version.sdlHash).toMatch(/^[0-9a-f]{64}$/);
    expect(version.checks.passed).toBe(true);
    expect(version.diff.lines).toContain('+type Penduduk');

    const sdl = await registry.call(world.admin, 'GET', '/v1/subgraphs/kependudukan/sdl');
    expect(sdl.contentType).toContain('text/plain');
    expect(sdl.body).toBe(await fixture('penduduk-v1.graphql'));

    const apiSchema = await registry.call(world.admin, 'GET', '/v1/graphs/semua/sdl');
    expect(apiSchema.body).toContain('type Penduduk');
    expect(apiSchema.body).not.toContain('join__');
    const supergraph = await registry.call(world.admin, 'GET', '/v1/graphs/semua/supergraph');
    expect(supergraph.body).toContain('@join__type');

    const directory = await registry.must(
      world.admin,
      'GET',
      '/v1/directory?theme=kependudukan',
      undefined,
      200,
    );
    const kependudukanGraph = directory.themes[0].graphs.find(
      (graph: { name: string }) => graph.name === 'kependudukan',
    );
    const type = kependudukanGraph.subgraphs[0].types.find((t: { name: string }) => t.name === 'Penduduk');
    expect(type.fields.map((field: { name: string }) => field.name)).toEqual(
      expect.arrayContaining(['nik', 'nama', 'tanggalLahir', 'alamat', 'kecamatan']),
    );

    const trail = await registry.database.db
      .select()
      .from(adminTrail)
      .where(eq(adminTrail.action, 'subgraph.published'));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actorName: 'Publisher disdukcapil', subjectType: 'subgraph' });
  });

  it('answers a republish of the same SDL with unchanged and stores no new version', async () => {
    const before = await countRegistryRows(registry.database);
    const response = await publishPenduduk(await fixture('penduduk-v1.graphql'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ unchanged: true, subgraph: 'kependudukan', version: 1 });
    expect(await countRegistryRows(registry.database)).toEqual(before);
  });

  it('accepts an additive change as a new version with its diff', async () => {
    const response = await publishPenduduk(await fixture('penduduk-v2-additive.graphql'));
    expect(response.status).toBe(201);
    expect(response.body.version).toBe(2);
    expect(response.body.report.breaking).toBe(false);
    expect(response.body.report.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'FIELD_ADDED', criticality: 'SAFE', coordinate: 'Penduduk.agama' }),
      ]),
    );
    expect(await latestSupergraphVersion('semua')).toBe(2);
    const version = await registry.must(
      world.admin,
      'GET',
      '/v1/subgraphs/kependudukan/versions/2',
      undefined,
      200,
    );
    expect(version.diff.summary).toContain("Field 'Penduduk.agama' ditambahkan");
    expect(version.diff.lines).toContain('+  agama: String');
  });

  it('refuses a breaking change with the report and stores nothing', async () => {
    const before = await countRegistryRows(registry.database);
    const response = await publishPenduduk(await fixture('penduduk-v3-breaking.graphql'));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CHECK_FAILED');
    expect(response.body.message).toContain('Skema ditolak');
    const report = response.body.details.report;
    expect(report.passed).toBe(false);
    expect(report.breaking).toBe(true);
    expect(report.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'FIELD_REMOVED',
          criticality: 'BREAKING',
          coordinate: 'Penduduk.alamat',
        }),
      ]),
    );
    expect(report.composition.every((entry: { ok: boolean }) => entry.ok)).toBe(true);
    expect(await countRegistryRows(registry.database)).toEqual(before);
    expect(await latestSupergraphVersion('semua')).toBe(2);
  });

  it('names the requesters a breaking change would hurt: grant holders and recent callers', async () => {
    const client = world.clients['aplikasi-bansos'];
    const caller = world.clients['aplikasi-pajak'];
    if (!client || !caller) throw new Error('clients not seeded');
    await grantField(registry.database, {
      clientId: client.id,
      graph: 'semua',
      subgraph: 'kependudukan',
      coordinate: 'Penduduk.alamat',
      grantedBy: world.publisher('disdukcapil').id,
    });
    await recordTraffic(registry.database, {
      clientId: caller.id,
      graph: 'semua',
      coordinates: ['Query.penduduk', 'Penduduk.alamat'],
      count: 3,
    });
    // Traffic older than the window does not protect a field.
    await recordTraffic(registry.database, {
      clientId: caller.id,
      graph: 'semua',
      coordinates: ['Penduduk.tanggalLahir'],
      daysAgo: 90,
    });

    const before = await countRegistryRows(registry.database);
    const response = await publishPenduduk(await fixture('penduduk-v3-breaking.graphql'));
    expect(response.status).toBe(422);
    const violations = response.body.details.report.protectedViolations;
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      coordinate: 'Penduduk.alamat',
      requesters: ['aplikasi-bansos (Dinas Sosial)', 'aplikasi-pajak'],
      traffic: { count: 3, clients: ['aplikasi-pajak'], sinceDays: 30 },
    });
    expect(violations[0].message.id).toContain('aplikasi-bansos');
    expect(await countRegistryRows(registry.database)).toEqual(before);
  });

  it('does not let a publisher override the checks', async () => {
    const response = await publishPenduduk(await fixture('penduduk-v3-breaking.graphql'), {
      overrideReason: 'Kolom alamat dipindahkan ke layanan lain',
    });
    expect(response.status).toBe(403);
  });

  it('lets an administrator accept a breaking change with a reason, which is recorded', async () => {
    const reason = 'Kolom alamat dipindahkan ke layanan domisili; pemohon sudah diberi tahu';
    // An administrator publishing an existing subgraph may leave out the agency: its owner's.
    const response = await registry.call(world.admin, 'POST', '/v1/subgraphs/publish', {
      name: 'kependudukan',
      theme: 'kependudukan',
      routingUrl: DUKCAPIL_URL,
      schema: await fixture('penduduk-v3-breaking.graphql'),
      overrideReason: reason,
    });
    expect(response.status).toBe(201);
    expect(response.body.version).toBe(3);
    expect(response.body.report.override).toEqual({ reason, actor: 'Admin Kominfo' });

    const [stored] = await registry.database.db
      .select()
      .from(schemaVersions)
      .innerJoin(subgraphs, eq(subgraphs.id, schemaVersions.subgraphId))
      .where(eq(schemaVersions.version, 3));
    expect(stored?.schema_versions.overrideReason).toBe(reason);
    const [trail] = await registry.database.db
      .select()
      .from(adminTrail)
      .where(eq(adminTrail.action, 'subgraph.publish_overridden'));
    expect(trail).toMatchObject({ reason, actorName: 'Admin Kominfo', actorRole: 'administrator' });

    const history = await registry.must(
      world.admin,
      'GET',
      '/v1/subgraphs/kependudukan/versions',
      undefined,
      200,
    );
    // v2 → v3 removes Penduduk.alamat and Penduduk.agama.
    expect(history.versions[0]).toMatchObject({
      version: 3,
      overrideReason: reason,
      changes: { breaking: 2 },
    });
  });

  it('refuses a composition failure, even with an override, and keeps the previous supergraph', async () => {
    const first = await registry.call(world.publisher('bkpsdm'), 'POST', '/v1/subgraphs/publish', {
      name: 'kepegawaian',
      theme: 'kepegawaian',
      routingUrl: BKPSDM_URL,
      schema: await fixture('pegawai-v1.graphql'),
    });
    expect(first.status).toBe(201);
    const semuaBefore = await latestSupergraphVersion('semua');
    const kepegawaianBefore = await latestSupergraphVersion('kepegawaian');
    const before = await countRegistryRows(registry.database);

    const conflict = await fixture('pegawai-v2-conflict.graphql');
    const refused = await registry.call(world.publisher('bkpsdm'), 'POST', '/v1/subgraphs/publish', {
      name: 'kepegawaian',
      theme: 'kepegawaian',
      routingUrl: BKPSDM_URL,
      schema: conflict,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('COMPOSITION_FAILED');
    const composition = refused.body.details.report.composition;
    expect(composition.find((entry: { graph: string }) => entry.graph === 'semua')).toMatchObject({
      ok: false,
    });
    expect(
      composition.find((entry: { graph: string }) => entry.graph === 'semua').errors[0].message,
    ).toContain('Penduduk.nama');
    expect(composition.find((entry: { graph: string }) => entry.graph === 'kepegawaian')).toMatchObject({
      ok: true,
    });

    const overridden = await registry.call(world.admin, 'POST', '/v1/subgraphs/publish', {
      name: 'kepegawaian',
      theme: 'kepegawaian',
      agency: 'bkpsdm',
      routingUrl: BKPSDM_URL,
      schema: conflict,
      overrideReason: 'Mencoba memaksa komposisi yang gagal',
    });
    expect(overridden.status).toBe(422);
    expect(overridden.body.code).toBe('COMPOSITION_FAILED');

    expect(await countRegistryRows(registry.database)).toEqual(before);
    expect(await latestSupergraphVersion('semua')).toBe(semuaBefore);
    expect(await latestSupergraphVersion('kepegawaian')).toBe(kepegawaianBefore);
  });

  it('checks without storing: the same report, passed or not', async () => {
    const before = await countRegistryRows(registry.database);
    const failing = await registry.must(
      world.publisher('bkpsdm'),
      'POST',
      '/v1/subgraphs/check',
      {
        name: 'kepegawaian',
        theme: 'kepegawaian',
        routingUrl: BKPSDM_URL,
        schema: await fixture('pegawai-v2-conflict.graphql'),
      },
      200,
    );
    expect(failing).toMatchObject({ passed: false, overridable: false, unchanged: false });
    const passing = await registry.must(
      world.publisher('bkpsdm'),
      'POST',
      '/v1/subgraphs/check',
      {
        name: 'kepegawaian',
        theme: 'kepegawaian',
        routingUrl: BKPSDM_URL,
        schema: await fixture('pegawai-v1.graphql'),
      },
      200,
    );
    expect(passing).toMatchObject({ passed: true, unchanged: true });
    expect(await countRegistryRows(registry.database)).toEqual(before);
  });

  it('keeps an edited classification across later publishes', async () => {
    const edited = await registry.call(
      world.publisher('disdukcapil'),
      'PATCH',
      '/v1/subgraphs/kependudukan/fields/Penduduk.nama',
      {
        classification: 'rahasia',
        personalData: true,
        reason: 'Nama lengkap termasuk data pribadi',
      },
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      coordinate: 'Penduduk.nama',
      classification: 'rahasia',
      personalData: true,
      edited: true,
    });

    const otherAgency = await registry.call(
      world.publisher('bkpsdm'),
      'PATCH',
      '/v1/subgraphs/kependudukan/fields/Penduduk.nama',
      {
        classification: 'publik',
      },
    );
    expect(otherAgency.status).toBe(403);

    const republished = await publishPenduduk(await fixture('penduduk-v2-additive.graphql'), {});
    // Re-adding Penduduk.alamat is additive (v4).
    expect(republished.status).toBe(201);
    const search = await registry.must(
      world.admin,
      'GET',
      '/v1/directory/search?q=nama%20lengkap',
      undefined,
      200,
    );
    expect(search.results[0]).toMatchObject({
      coordinate: 'Penduduk.nama',
      classification: 'rahasia',
      personalData: true,
    });
    const [trail] = await registry.database.db
      .select()
      .from(adminTrail)
      .where(eq(adminTrail.action, 'field_metadata.updated'));
    expect(trail).toMatchObject({ reason: 'Nama lengkap termasuk data pribadi' });
  });
});
