/**
 * Change sets: several subgraphs checked, composed and stored as one change, or not at all.
 * Subgraphs that only compose together are published the first time this way; every check of a
 * single publish holds for each member; a refusal names what failed and stores nothing.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTrail, graphs, supergraphs } from '../../drizzle/schema/index.ts';
import type { SupergraphUpdate } from '../../lib/feed/supergraphSource.ts';
import { createDatabaseSupergraphSource } from '../../lib/feed/supergraphFeed.ts';
import { runPenghubungInProcess } from '../support/cli.ts';
import { countRegistryRows } from '../support/database.ts';
import { startTestRegistry } from '../support/registry.ts';
import type { TestRegistry } from '../support/registry.ts';
import { grantField, seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';

const fixture = (name: string): Promise<string> =>
  readFile(new URL(`../fixtures/changesets/${name}.graphql`, import.meta.url), 'utf8');

const URL_DINSOS = 'http://127.0.0.1:4301/graphql';
const URL_DUKCAPIL = 'http://127.0.0.1:4302/graphql';

let registry: TestRegistry;
let world: World;

async function member(name: string, theme: string, url: string, extra: Record<string, unknown> = {}) {
  return { name, theme, routingUrl: url, schema: await fixture(name), ...extra };
}

async function latestSupergraph(graph: string) {
  const [row] = await registry.database.db
    .select({ version: supergraphs.version, sdl: supergraphs.supergraphSdl })
    .from(supergraphs)
    .innerJoin(graphs, eq(graphs.id, supergraphs.graphId))
    .where(eq(graphs.name, graph))
    .orderBy(desc(supergraphs.version))
    .limit(1);
  return row ?? null;
}

beforeAll(async () => {
  registry = await startTestRegistry();
  world = await seed(registry)
    .agency('dinsos', 'Dinas Sosial')
    .withPublisher()
    .agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil')
    .withPublisher()
    .client('aplikasi-bansos', { organization: 'Bappeda' })
    .done();
});

afterAll(async () => {
  await registry?.close();
});

describe('a change set of mutually dependent subgraphs', () => {
  it('refuses each alone, publishes both together in one change, and the gateways get the new supergraphs', async () => {
    const dinsos = world.publisher('dinsos');
    const before = await countRegistryRows(registry.database);
    for (const name of ['bantuan-penerima', 'bantuan-penghasilan']) {
      const alone = await registry.call(dinsos, 'POST', '/v1/subgraphs/publish', await member(name, 'kependudukan', URL_DINSOS));
      expect(alone.status).toBe(422);
      expect(alone.body.code).toBe('COMPOSITION_FAILED');
      const aloneAsSet = await registry.call(dinsos, 'POST', '/v1/change-sets', {
        subgraphs: [await member(name, 'kependudukan', URL_DINSOS)],
      });
      expect(aloneAsSet.status).toBe(422);
      expect(aloneAsSet.body.code).toBe('COMPOSITION_FAILED');
      expect(aloneAsSet.body.details.failedGraphs.map((entry: { graph: string }) => entry.graph).sort()).toEqual(['kependudukan', 'semua']);
      expect(aloneAsSet.body.details.failedGraphs[0].subgraphs).toEqual([name]);
      expect(aloneAsSet.body.message).toContain(`subgraph ${name}`);
    }
    expect(await countRegistryRows(registry.database)).toEqual(before);

    // The dry run says the same as the publish, and stores nothing.
    const pair = {
      subgraphs: [
        await member('bantuan-penerima', 'kependudukan', URL_DINSOS),
        await member('bantuan-penghasilan', 'kependudukan', URL_DINSOS),
      ],
    };
    const checkedAlone = await registry.call(dinsos, 'POST', '/v1/change-sets/check', { subgraphs: [pair.subgraphs[0]] });
    expect(checkedAlone.status).toBe(200);
    expect(checkedAlone.body).toMatchObject({ passed: false, overridable: false, unchanged: false });
    expect(checkedAlone.body.failedGraphs[0].subgraphs).toEqual(['bantuan-penerima']);
    const checkedPair = await registry.call(dinsos, 'POST', '/v1/change-sets/check', pair);
    expect(checkedPair.status).toBe(200);
    expect(checkedPair.body).toMatchObject({ passed: true, failedGraphs: [] });
    expect((await registry.call(dinsos, 'POST', '/v1/change-sets/check', { subgraphs: [] })).status).toBe(400);
    expect((await registry.call(dinsos, 'POST', '/v1/change-sets/check', { subgraphs: [{ ...pair.subgraphs[0], agency: 'disdukcapil' }] })).status).toBe(403);
    expect(await countRegistryRows(registry.database)).toEqual(before);

    const source = createDatabaseSupergraphSource(registry.database, { pollMs: 60_000 });
    await source.load();
    const received: SupergraphUpdate[] = [];
    const stop = await source.subscribe((update) => received.push(update));
    try {
      const response = await registry.call(dinsos, 'POST', '/v1/change-sets', {
        subgraphs: [
          await member('bantuan-penerima', 'kependudukan', URL_DINSOS, { description: 'Penerima bantuan' }),
          await member('bantuan-penghasilan', 'kependudukan', URL_DINSOS),
        ],
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.subgraphs).toEqual([
        expect.objectContaining({ subgraph: 'bantuan-penerima', version: 1, unchanged: false }),
        expect.objectContaining({ subgraph: 'bantuan-penghasilan', version: 1, unchanged: false }),
      ]);
      expect(response.body.supergraphs).toEqual([
        { graph: 'kependudukan', version: 1 },
        { graph: 'semua', version: 1 },
      ]);
      expect(response.body.reports.map((report: { subgraph: string; passed: boolean }) => [report.subgraph, report.passed])).toEqual([
        ['bantuan-penerima', true],
        ['bantuan-penghasilan', true],
      ]);
      await expect
        .poll(() => received.map((update) => `${update.graph}@${update.version}`).sort(), { timeout: 60_000 })
        .toEqual(['kependudukan@1', 'semua@1']);
      expect(received[0]?.supergraphSdl).toContain('BANTUAN_PENGHASILAN');

      const trail = await registry.database.db
        .select()
        .from(adminTrail)
        .where(like(adminTrail.action, '%published%'))
        .orderBy(adminTrail.seq);
      const setEntry = trail.find((row) => row.action === 'change_set.published');
      expect(setEntry?.subjectId).toBe(response.body.changeSetId);
      const perSubgraph = trail.filter((row) => row.action === 'subgraph.published');
      expect(perSubgraph.map((row) => (row.after as { changeSet?: { id: string } }).changeSet?.id)).toEqual([
        response.body.changeSetId,
        response.body.changeSetId,
      ]);
    } finally {
      await stop();
    }

    // The same set again changes nothing.
    const again = await registry.call(dinsos, 'POST', '/v1/change-sets', {
      subgraphs: [
        await member('bantuan-penerima', 'kependudukan', URL_DINSOS),
        await member('bantuan-penghasilan', 'kependudukan', URL_DINSOS),
      ],
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true });
  });

  it('publishes an @interfaceObject subgraph together with the subgraph that declares the interface', async () => {
    const dukcapil = world.publisher('disdukcapil');
    const alone = await registry.call(dukcapil, 'POST', '/v1/subgraphs/publish', await member('layanan-arsip', 'perizinan', URL_DUKCAPIL));
    expect(alone.status).toBe(422);
    const response = await registry.call(dukcapil, 'POST', '/v1/change-sets', {
      subgraphs: [await member('layanan-arsip', 'perizinan', URL_DUKCAPIL), await member('layanan-media', 'perizinan', URL_DUKCAPIL)],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.supergraphs).toEqual([
      { graph: 'perizinan', version: 1 },
      { graph: 'semua', version: 2 },
    ]);
    const semua = await latestSupergraph('semua');
    expect(semua?.sdl).toContain('LAYANAN_ARSIP');
    expect(semua?.sdl).toContain('BANTUAN_PENERIMA');
  });
});

describe('a change set refused stores nothing', () => {
  it('refuses bad input with a clear error naming the subgraph', async () => {
    const dinsos = world.publisher('dinsos');
    const valid = await member('bantuan-penerima', 'kependudukan', URL_DINSOS, { description: 'berubah' });
    const before = await countRegistryRows(registry.database);

    const anonymous = await registry.call(null, 'POST', '/v1/change-sets', { subgraphs: [valid] });
    expect(anonymous.status).toBe(401);

    const empty = await registry.call(dinsos, 'POST', '/v1/change-sets', { subgraphs: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('set perubahan kosong');

    const duplicate = await registry.call(dinsos, 'POST', '/v1/change-sets', { subgraphs: [valid, valid] });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.details).toMatchObject({ field: 'subgraphs', duplicates: ['bantuan-penerima'] });

    const invalidSchema = await registry.call(dinsos, 'POST', '/v1/change-sets', {
      subgraphs: [valid, { ...(await member('bantuan-penghasilan', 'kependudukan', URL_DINSOS)), schema: 'type Query {' }],
    });
    expect(invalidSchema.status).toBe(400);
    expect(invalidSchema.body.details.subgraph).toBe('bantuan-penghasilan');
    expect(invalidSchema.body.message).toContain("Subgraph 'bantuan-penghasilan'");

    const unknownTheme = await registry.call(dinsos, 'POST', '/v1/change-sets', {
      subgraphs: [valid, await member('bantuan-penghasilan', 'tidak-ada', URL_DINSOS)],
    });
    expect(unknownTheme.status).toBe(422);
    expect(unknownTheme.body.details).toMatchObject({ subgraph: 'bantuan-penghasilan', field: 'theme' });

    const otherAgency = await registry.call(dinsos, 'POST', '/v1/change-sets', {
      subgraphs: [valid, await member('layanan-media', 'perizinan', URL_DINSOS, { agency: 'disdukcapil' })],
    });
    expect(otherAgency.status).toBe(403);
    expect(otherAgency.body.details.subgraph).toBe('layanan-media');

    // Another agency's subgraph by name: its owner is named, nothing of dinsos's member is stored.
    const takenName = await registry.call(dinsos, 'POST', '/v1/change-sets', {
      subgraphs: [valid, await member('layanan-media', 'perizinan', URL_DINSOS)],
    });
    expect(takenName.status).toBe(403);
    expect(takenName.body.message).toContain('milik PD disdukcapil');
    expect(takenName.body.details).toMatchObject({ subgraph: 'layanan-media', owner: 'disdukcapil' });

    const overrideByPublisher = await registry.call(dinsos, 'POST', '/v1/change-sets', {
      subgraphs: [valid],
      overrideReason: 'publisher tidak boleh mengecualikan',
    });
    expect(overrideByPublisher.status).toBe(403);

    // One member breaks composition with the stored subgraphs: the valid member is not stored either.
    const breaksComposition = await registry.call(dinsos, 'POST', '/v1/change-sets', {
      subgraphs: [
        valid,
        {
          name: 'bantuan-bentrok',
          theme: 'kependudukan',
          routingUrl: URL_DINSOS,
          schema: 'type Penerima @key(fields: "nik") { nik: ID! nama: Int }\ntype Query { bentrok: Penerima }',
        },
      ],
    });
    expect(breaksComposition.status).toBe(422);
    expect(breaksComposition.body.code).toBe('COMPOSITION_FAILED');
    expect(breaksComposition.body.details.failedGraphs[0].subgraphs).toContain('bantuan-bentrok');
    expect(breaksComposition.body.details.failedGraphs[0].errors[0].message).toContain('bantuan-bentrok');

    const tooMany = await registry.call(dinsos, 'POST', '/v1/change-sets', {
      subgraphs: Array.from({ length: 21 }, (_, index) => ({ ...valid, name: `s${index}` })),
    });
    expect(tooMany.status).toBe(400);

    expect(await countRegistryRows(registry.database)).toEqual(before);
    const [stored] = await registry.database.db.select().from(graphs).where(eq(graphs.name, 'semua'));
    expect(stored).toBeDefined();
  });

  it('refuses a breaking change to a granted field in one member unless an administrator overrides it', async () => {
    const client = world.clients['aplikasi-bansos']!;
    await grantField(registry.database, {
      clientId: client.id,
      graph: 'semua',
      subgraph: 'bantuan-penerima',
      coordinate: 'Penerima.layak',
      grantedBy: world.admin.id,
    });
    const removed = (await fixture('bantuan-penerima'))
      .replace(/\s+penghasilan: Int @external\n/, '\n')
      .replace(/\s+"Kelayakan[^\n]*\n\s+layak[^\n]*\n/, '\n');
    expect(removed).not.toContain('layak:');
    expect(removed).not.toContain('penghasilan: Int');
    const set = {
      subgraphs: [
        { ...(await member('bantuan-penerima', 'kependudukan', URL_DINSOS)), schema: removed },
        await member('bantuan-penghasilan', 'kependudukan', URL_DINSOS),
      ],
    };
    const before = await countRegistryRows(registry.database);
    const refused = await registry.call(world.publisher('dinsos'), 'POST', '/v1/change-sets', set);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CHECK_FAILED');
    expect(refused.body.details.subgraphs).toEqual(['bantuan-penerima']);
    expect(refused.body.message).toContain('aplikasi-bansos');
    expect(await countRegistryRows(registry.database)).toEqual(before);

    const overridden = await registry.call(world.admin, 'POST', '/v1/change-sets', {
      ...set,
      overrideReason: 'layanan kelayakan dipindah ke aplikasi lain',
    });
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(201);
    expect(overridden.body.subgraphs).toEqual([
      expect.objectContaining({ subgraph: 'bantuan-penerima', version: 2, unchanged: false }),
      expect.objectContaining({ subgraph: 'bantuan-penghasilan', version: 1, unchanged: true }),
    ]);
    expect(overridden.body.reports[0].override).toEqual({ reason: 'layanan kelayakan dipindah ke aplikasi lain', actor: 'Admin Kominfo' });
  });

  it('holds a set that reaches another agency\u2019s field until that agency consents, then publishes all of it', async () => {
    const reaching = {
      name: 'kependudukan-kategori',
      theme: 'kependudukan',
      routingUrl: URL_DUKCAPIL,
      schema:
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])\n' +
        'type Penerima @key(fields: "nik") { nik: ID! penghasilan: Int @external kategori: String @requires(fields: "penghasilan") }',
    };
    const plain = {
      name: 'kependudukan-wilayah',
      theme: 'kependudukan',
      routingUrl: URL_DUKCAPIL,
      schema: 'type Wilayah { kode: ID! nama: String }\ntype Query { wilayah: [Wilayah] }',
    };
    const before = await countRegistryRows(registry.database);
    const held = await registry.call(world.publisher('disdukcapil'), 'POST', '/v1/change-sets', { subgraphs: [plain, reaching] });
    expect(held.status, JSON.stringify(held.body)).toBe(202);
    expect(held.body.owners).toEqual(['dinsos']);
    const counts = await countRegistryRows(registry.database);
    expect(counts).toEqual({ ...before, adminTrail: before.adminTrail + 1 });

    const accepted = await registry.call(world.publisher('dinsos'), 'POST', `/v1/cross-agency-changes/${held.body.changeId}/accept`, {
      reason: 'kategori boleh memakai penghasilan',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.published.subgraphs).toEqual([
      { subgraph: 'kependudukan-wilayah', version: 1 },
      { subgraph: 'kependudukan-kategori', version: 1 },
    ]);
    expect(accepted.body.change.schema).toContain('# kependudukan-kategori');
    expect((await latestSupergraph('semua'))?.sdl).toContain('KEPENDUDUKAN_KATEGORI');
  });
});

describe('penghubung subgraph publish --manifest', () => {
  it('publishes a change set from a YAML manifest, refuses a JSON one with a bad member, and says so in Indonesian', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'penghubung-changeset-'));
    try {
      const env = { PENGHUBUNG_REGISTRY_URL: registry.url, PENGHUBUNG_TOKEN: world.publisher('dinsos').token };
      await writeFile(join(folder, 'rekap.graphql'), 'type Rekap { bulan: String! jumlah: Int }\ntype Query { rekap: [Rekap] }');
      await writeFile(join(folder, 'rekap-detail.graphql'), 'type RekapDetail { bulan: String! catatan: String }\ntype Query { rekapDetail: [RekapDetail] }');
      await writeFile(
        join(folder, 'set.yaml'),
        [
          'subgraphs:',
          '  - name: bantuan-rekap',
          '    theme: kesehatan',
          `    url: ${URL_DINSOS}`,
          '    schema: rekap.graphql',
          '    description: Rekap bulanan',
          '  - name: bantuan-rekap-detail',
          '    theme: kesehatan',
          `    url: ${URL_DINSOS}`,
          '    schema: rekap-detail.graphql',
        ].join('\n'),
      );
      const checked = await runPenghubungInProcess(['subgraph', 'check', '--manifest', join(folder, 'set.yaml')], env);
      expect(checked.stderr).toBe('');
      expect(checked.code).toBe(0);
      expect(checked.stdout).toContain('Pemeriksaan lulus.');
      expect(checked.stdout).toContain('# bantuan-rekap-detail');
      const published = await runPenghubungInProcess(['subgraph', 'publish', '--manifest', join(folder, 'set.yaml')], env);
      expect(published.stderr).toBe('');
      expect(published.code).toBe(0);
      expect(published.stdout).toContain('Set perubahan diterbitkan (2 subgraph)');
      expect(published.stdout).toContain('bantuan-rekap-detail: versi 1');

      const again = await runPenghubungInProcess(['--json', 'subgraph', 'publish', '--manifest', join(folder, 'set.yaml')], env);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ unchanged: true });

      await writeFile(
        join(folder, 'set.json'),
        JSON.stringify({
          subgraphs: [
            { name: 'bantuan-rekap', theme: 'kesehatan', url: URL_DINSOS, schema: 'rekap.graphql' },
            { name: 'bantuan-rusak', theme: 'kesehatan', url: URL_DINSOS, schema: 'rusak.graphql' },
          ],
        }),
      );
      await writeFile(join(folder, 'rusak.graphql'), 'type Query {');
      const before = await countRegistryRows(registry.database);
      const refused = await runPenghubungInProcess(['subgraph', 'publish', '--manifest', join(folder, 'set.json')], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("Subgraph 'bantuan-rusak' dalam set perubahan");
      expect(await countRegistryRows(registry.database)).toEqual(before);

      const mixed = await runPenghubungInProcess(['subgraph', 'publish', '--manifest', join(folder, 'set.json'), '--name', 'x'], env);
      expect(mixed.code).toBe(2);
      expect(mixed.stderr).toContain('--manifest tidak dapat digabung dengan --name');
      const missing = await runPenghubungInProcess(['subgraph', 'publish', '--name', 'x'], env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('opsi wajib belum diisi: --theme, --url, --schema');
      const noFile = await runPenghubungInProcess(['subgraph', 'publish', '--manifest', join(folder, 'tidak-ada.yaml')], env);
      expect(noFile.code).toBe(2);
      expect(noFile.stderr).toContain('tidak dapat dibaca');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
