/**
 * The service directory and the metadata repository as requesters and gateways read them: themes →
 * graphs → subgraphs → types → fields with classification, personal data, owner and grant holders;
 * full-text search; graph listings; and the database supergraph feed.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupergraphUpdate } from '../../lib/feed/supergraphSource.ts';
import { createDatabaseSupergraphSource } from '../../lib/feed/supergraphFeed.ts';
import { startTestRegistry } from '../support/registry.ts';
import type { TestRegistry } from '../support/registry.ts';
import { grantField, seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';

const fixture = (name: string): Promise<string> =>
  readFile(new URL(`../fixtures/registry/${name}`, import.meta.url), 'utf8');

let registry: TestRegistry;
let world: World;

interface FieldView {
  name: string;
  coordinate: string;
  classification: string;
  personalData: boolean;
  description: string;
  agency: string;
  grantedTo: { client: string }[];
}

beforeAll(async () => {
  registry = await startTestRegistry();
  world = await seed(registry)
    .agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil')
    .withPublisher()
    .agency('bkpsdm', 'BKPSDM')
    .withPublisher()
    .client('aplikasi-bansos', { organization: 'Dinas Sosial' })
    .done();
  await registry.must(
    world.publisher('disdukcapil'),
    'POST',
    '/v1/subgraphs/publish',
    {
      name: 'kependudukan',
      theme: 'kependudukan',
      routingUrl: 'http://127.0.0.1:4101/graphql',
      schema: await fixture('penduduk-v1.graphql'),
    },
    201,
  );
  await registry.must(
    world.publisher('bkpsdm'),
    'POST',
    '/v1/subgraphs/publish',
    {
      name: 'kepegawaian',
      theme: 'kepegawaian',
      routingUrl: 'http://127.0.0.1:4102/graphql',
      schema: await fixture('pegawai-v1.graphql'),
    },
    201,
  );
  const client = world.clients['aplikasi-bansos'];
  if (!client) throw new Error('client not seeded');
  await grantField(registry.database, {
    clientId: client.id,
    graph: 'kependudukan',
    subgraph: 'kependudukan',
    coordinate: 'Penduduk.nama',
    grantedBy: world.publisher('disdukcapil').id,
  });
});

afterAll(async () => {
  await registry?.close();
});

describe('service directory', () => {
  it('groups fields by theme, graph, subgraph and type, with metadata, owner and grant holders', async () => {
    const directory = await registry.must(
      world.clients['aplikasi-bansos']?.requester ?? null,
      'GET',
      '/v1/directory',
      undefined,
      200,
    );
    expect(directory.themes.map((theme: { slug: string }) => theme.slug)).toEqual([
      'kepegawaian',
      'kependudukan',
      'kesehatan',
      'perizinan',
    ]);

    const kependudukan = directory.themes.find((theme: { slug: string }) => theme.slug === 'kependudukan');
    expect(kependudukan.graphs.map((graph: { name: string }) => graph.name).sort()).toEqual([
      'kependudukan',
      'semua',
    ]);

    const fieldsIn = (graphName: string): Map<string, FieldView> => {
      const graph = kependudukan.graphs.find((g: { name: string }) => g.name === graphName);
      const subgraph = graph.subgraphs.find((s: { name: string }) => s.name === 'kependudukan');
      expect(subgraph.agency).toEqual({
        slug: 'disdukcapil',
        name: 'Dinas Kependudukan dan Pencatatan Sipil',
      });
      const penduduk = subgraph.types.find((type: { name: string }) => type.name === 'Penduduk');
      expect(penduduk.description).toContain('Penduduk yang tercatat');
      expect(penduduk.keys).toEqual(['nik']);
      return new Map(penduduk.fields.map((field: FieldView) => [field.name, field]));
    };

    const inThemeGraph = fieldsIn('kependudukan');
    expect(inThemeGraph.get('nik')).toMatchObject({
      coordinate: 'Penduduk.nik',
      classification: 'rahasia',
      personalData: true,
      description: 'Nomor Induk Kependudukan',
      agency: 'disdukcapil',
      grantedTo: [],
    });
    expect(inThemeGraph.get('kecamatan')).toMatchObject({ classification: 'publik' });
    expect(inThemeGraph.get('nama')).toMatchObject({
      classification: 'terbatas',
      grantedTo: [expect.objectContaining({ client: 'aplikasi-bansos', organization: 'Dinas Sosial' })],
    });
    // The grant is for the kependudukan graph only.
    expect(fieldsIn('semua').get('nama')?.grantedTo).toEqual([]);

    const kepegawaian = directory.themes.find((theme: { slug: string }) => theme.slug === 'kepegawaian');
    const pegawai = kepegawaian.graphs[0].subgraphs[0];
    expect(pegawai).toMatchObject({ name: 'kepegawaian', agency: { slug: 'bkpsdm' }, version: 1 });
    // The entity stub Penduduk { nik } is served by kependudukan, not listed as kepegawaian's own field.
    expect(pegawai.types.map((type: { name: string }) => type.name).sort()).toEqual([
      'Pegawai',
      'Penduduk',
      'Query',
    ]);
  });

  it('finds fields by name and description, best match first', async () => {
    const byName = await registry.must(world.admin, 'GET', '/v1/directory/search?q=nik', undefined, 200);
    expect(byName.query).toBe('nik');
    // Both subgraphs declare Penduduk.nik (kepegawaian as the key of its entity stub): both rank first.
    const top = byName.results.slice(0, 2);
    expect(top.map((hit: { coordinate: string }) => hit.coordinate)).toEqual([
      'Penduduk.nik',
      'Penduduk.nik',
    ]);
    const owned = top.find((hit: { subgraph: string }) => hit.subgraph === 'kependudukan');
    expect(owned).toMatchObject({
      agency: { slug: 'disdukcapil' },
      theme: 'kependudukan',
      classification: 'rahasia',
      personalData: true,
    });
    expect(owned.graphs.sort()).toEqual(['kependudukan', 'semua']);

    const byDescription = await registry.must(
      world.admin,
      'GET',
      '/v1/directory/search?q=Jabatan',
      undefined,
      200,
    );
    expect(byDescription.results.map((hit: { coordinate: string }) => hit.coordinate)).toContain(
      'Pegawai.jabatan',
    );

    const camelCase = await registry.must(world.admin, 'GET', '/v1/directory/search?q=lahir', undefined, 200);
    expect(camelCase.results.map((hit: { coordinate: string }) => hit.coordinate)).toContain(
      'Penduduk.tanggalLahir',
    );

    const bounded = await registry.must(
      world.admin,
      'GET',
      '/v1/directory/search?q=n&limit=2',
      undefined,
      200,
    );
    expect(bounded.results.length).toBeLessThanOrEqual(2);
  });

  it('sanitizes the query: operators and wildcards are plain text', async () => {
    for (const q of ["nik' or 1=1 --", 'nik & !nama | (', '%_\\', 'nik:*']) {
      const response = await registry.call(
        world.admin,
        'GET',
        `/v1/directory/search?q=${encodeURIComponent(q)}`,
      );
      expect([200, 400]).toContain(response.status);
      if (response.status === 200) {
        for (const hit of response.body.results) expect(typeof hit.coordinate).toBe('string');
      }
    }
    const empty = await registry.call(
      world.admin,
      'GET',
      `/v1/directory/search?q=${encodeURIComponent('%%%')}`,
    );
    expect(empty.status).toBe(400);
    const missing = await registry.call(world.admin, 'GET', '/v1/directory/search');
    expect(missing.status).toBe(400);
    expect(missing.body.details.fields[0].path).toBe('querystring.q');
  });

  it('requires a registry token', async () => {
    expect((await registry.call(null, 'GET', '/v1/directory')).status).toBe(401);
    expect((await registry.call(null, 'GET', '/v1/directory/search?q=nik')).status).toBe(401);
  });

  it('lists graphs with their members and newest supergraph', async () => {
    const list = await registry.must(world.admin, 'GET', '/v1/graphs', undefined, 200);
    const byName = new Map(list.graphs.map((graph: { name: string }) => [graph.name, graph]));
    expect(byName.get('semua')).toMatchObject({
      themes: [],
      subgraphs: ['kepegawaian', 'kependudukan'],
      version: 2,
    });
    expect(byName.get('kependudukan')).toMatchObject({
      themes: ['kependudukan'],
      subgraphs: ['kependudukan'],
      version: 1,
    });
    expect(byName.get('kesehatan')).toMatchObject({ subgraphs: [], version: null, composedAt: null });
    const notComposed = await registry.call(world.admin, 'GET', '/v1/graphs/kesehatan/sdl');
    expect(notComposed.status).toBe(404);
    const unknown = await registry.call(world.admin, 'GET', '/v1/graphs/pariwisata/supergraph');
    expect(unknown.status).toBe(404);
  });

  it('feeds gateways the newest supergraph of every graph, and newer ones by polling', async () => {
    const source = createDatabaseSupergraphSource(registry.database, { pollMs: 200 });
    const loaded = await source.load();
    expect(loaded.map((update) => `${update.graph}@${update.version}`).sort()).toEqual([
      'kepegawaian@1',
      'kependudukan@1',
      'semua@2',
    ]);

    const received: SupergraphUpdate[] = [];
    const stop = await source.subscribe((update) => received.push(update));
    try {
      // A new graph composed from what is already published: picked up even without a notification.
      await registry.must(
        world.admin,
        'POST',
        '/v1/admin/graphs',
        { name: 'sdm-dan-penduduk', themes: ['kependudukan', 'kepegawaian'] },
        201,
      );
      await expect
        .poll(() => received.map((update) => `${update.graph}@${update.version}`), { timeout: 60_000 })
        .toEqual(['sdm-dan-penduduk@1']);
      // Nothing already seen is delivered again.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(received).toHaveLength(1);
    } finally {
      await stop();
    }
  });
});
