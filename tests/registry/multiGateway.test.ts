/**
 * A publish reaches every gateway without a restart. With PostgreSQL: three real gateway processes
 * (`gateway/main.ts`, the program `npm run start:gateway` runs) on the database of an in-process registry,
 * in front of the real Disdukcapil and BKPSDM agencies; every accepted publish is served by all three,
 * a refused one by none, and each still answers and drains on SIGTERM. With either database: a gateway
 * built in the registry's own process (the only way to share PGlite) picks up a publish the same way.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPenghubungGateway } from '../../gateway/assemble.ts';
import type { PenghubungGateway } from '../../gateway/assemble.ts';
import { loadGatewayKeys } from '../../gateway/installationKeys.ts';
import { createGatewayTokenVerifier } from '../../lib/gatewayToken.ts';
import { OPERATOR_PRIVATE_KEY_FILE } from '../../lib/ledger/index.ts';
import { demoAgencies, readDemoSchema, startDemoAgencies } from '../../subgraphs/index.ts';
import type { DemoAgencySlug, StartedDemoAgencies, StartedDemoAgency } from '../../subgraphs/index.ts';
import { testDatabaseUrl, testDatabaseUrlFor } from '../support/database.ts';
import { servedVersions, startGatewayProcess, waitUntilServed } from '../support/gatewayProcess.ts';
import type { GatewayProcess } from '../support/gatewayProcess.ts';
import { postGraphQL } from '../support/graphql.ts';
import { startTestRegistry } from '../support/registry.ts';
import type { Identity, TestRegistry } from '../support/registry.ts';
import { seed } from '../support/seed.ts';
import type { World } from '../support/seed.ts';

interface SupergraphVersion {
  graph: string;
  version: number;
}

/** Gateways poll the registry's database every second besides LISTEN/NOTIFY (the default). */
const GATEWAY_POLL_MS = 1000;
const RESIDENTS = '{ daftarPenduduk(batas: 1) { nama } }';

const DISDUKCAPIL_SDL = readDemoSchema(demoAgency('disdukcapil'));

/** v2: one field more, with a description; the running subgraph need not serve it for this. */
const WITH_PHONE = DISDUKCAPIL_SDL.replace(
  '  kewarganegaraan: String!',
  '  "Nomor ponsel yang didaftarkan penduduk."\n' +
    '  nomorPonsel: String @tag(name: "klasifikasi:rahasia") @tag(name: "data-pribadi")\n' +
    '  kewarganegaraan: String!',
);
/** Breaking: v2 without Penduduk.golonganDarah. */
const WITHOUT_BLOOD_TYPE = WITH_PHONE.replace(/\n {2}"Golongan darah[^\n]*\n {2}golonganDarah:[^\n]*/, '');
/** Fails composition of `semua`: Pegawai.nama is BKPSDM's (String!, not shareable). */
const CLAIMS_PEGAWAI = `${WITH_PHONE}\ntype Pegawai @key(fields: "nip") {\n  nip: String!\n  nama: Int\n}\n`;

function demoAgency(slug: DemoAgencySlug) {
  const agency = demoAgencies.find((candidate) => candidate.slug === slug);
  if (!agency) throw new Error(`no demo agency ${slug}`);
  return agency;
}

function publish(registry: TestRegistry, publisher: Identity, agency: StartedDemoAgency, schema: string) {
  return registry.call(publisher, 'POST', '/v1/subgraphs/publish', {
    name: agency.agency.subgraphName,
    theme: agency.agency.theme,
    routingUrl: agency.subgraphUrl,
    schema,
    description: `Subgraph ${agency.agency.name}`,
  });
}

/** Merges the supergraph versions of accepted publishes into what every gateway should serve. */
function merge(current: SupergraphVersion[], published: SupergraphVersion[]): SupergraphVersion[] {
  const byGraph = new Map(current.map((entry) => [entry.graph, entry.version]));
  for (const entry of published)
    byGraph.set(entry.graph, Math.max(entry.version, byGraph.get(entry.graph) ?? 0));
  return [...byGraph].map(([graph, version]) => ({ graph, version }));
}

const asRecord = (versions: SupergraphVersion[]) =>
  Object.fromEntries(versions.map((entry) => [entry.graph, entry.version]));

if (!testDatabaseUrl()) {
  describe('several gateway processes on one database', () => {
    it.skip('needs PostgreSQL (set TEST_DATABASE_URL): PGlite serves one process, so gateway processes cannot share it', () => {});
  });
} else {
  describe('several gateway processes on one PostgreSQL database', () => {
    let registry: TestRegistry;
    let world: World;
    let agencies: StartedDemoAgencies;
    let dataDir: string;
    const gateways: GatewayProcess[] = [];
    let apiKey: string;
    /** What every gateway must serve: the supergraphs of the accepted publishes so far. */
    let good: SupergraphVersion[] = [];

    const disdukcapil = () => agencies.bySlug.disdukcapil as StartedDemoAgency;

    beforeAll(async () => {
      registry = await startTestRegistry();
      world = await seed(registry)
        .agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil')
        .withPublisher()
        .agency('bkpsdm', 'Badan Kepegawaian dan Pengembangan SDM')
        .withPublisher()
        .client('aplikasi-kecamatan', { organization: 'Kecamatan Pacitan' })
        .done();

      // The installation's keys first, so the agencies trust the gateways' signing key and the three
      // processes read one keys folder instead of racing to create it.
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-multigateway-'));
      const keys = await loadGatewayKeys({ dataDir, lookupSecret: undefined });
      agencies = await startDemoAgencies({
        only: ['disdukcapil', 'bkpsdm'],
        gatewayTokenVerifier: createGatewayTokenVerifier(keys.signingKey.publicKey),
      });

      for (const [slug, schema] of [
        ['disdukcapil', DISDUKCAPIL_SDL],
        ['bkpsdm', readDemoSchema(demoAgency('bkpsdm'))],
      ] as const) {
        const published = await publish(registry, world.publisher(slug), agencies.bySlug[slug]!, schema);
        expect(published.status, JSON.stringify(published.body)).toBe(201);
        good = merge(good, published.body.supergraphs as SupergraphVersion[]);
      }

      // The access procedure over the registry API, so the gateways can be asked a real question.
      const client = world.clients['aplikasi-kecamatan']!;
      const now = Date.now();
      const request = await registry.must<{ id: string }>(
        client.requester,
        'POST',
        '/v1/access-requests',
        {
          clientId: client.id,
          graph: 'semua',
          coordinates: ['Query.daftarPenduduk', 'Penduduk.nama'],
          purpose: 'Daftar penduduk untuk layanan kecamatan',
          legalBasis: 'Perbup Pacitan 138/2023',
          periodStart: new Date(now - 60_000).toISOString(),
          periodEnd: new Date(now + 30 * 86_400_000).toISOString(),
        },
        201,
      );
      await registry.must(
        world.admin,
        'POST',
        `/v1/access-requests/${request.id}/approve`,
        { reason: 'Tujuan sesuai' },
        200,
      );
      await registry.must(
        world.publisher('disdukcapil'),
        'POST',
        `/v1/access-requests/${request.id}/grant`,
        { reason: 'Diberikan' },
        200,
      );
      const credential = await registry.must<{ apiKey: string }>(
        client.requester,
        'POST',
        `/v1/clients/${client.id}/credentials`,
        { label: 'uji' },
        201,
      );
      apiKey = credential.apiKey;

      const databaseUrl = testDatabaseUrlFor(
        path.posix.basename(new URL(registry.database.location).pathname),
      );
      const started = await Promise.allSettled(
        [1, 2, 3].map(() => startGatewayProcess({ databaseUrl, dataDir, logLevel: 'warn' })),
      );
      for (const outcome of started) if (outcome.status === 'fulfilled') gateways.push(outcome.value);
      for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
    });

    afterAll(async () => {
      for (const gateway of gateways) gateway.child.kill('SIGKILL');
      await agencies?.close();
      await registry?.close();
      if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    });

    async function expectAnswers(gateway: GatewayProcess) {
      const answer = await postGraphQL<{ daftarPenduduk: { nama: string }[] }>(
        `${gateway.url}/graphql`,
        RESIDENTS,
        {
          headers: { authorization: `Bearer ${apiKey}` },
        },
      );
      expect(answer.body.errors, gateway.output()).toBeUndefined();
      expect(answer.body.data?.daftarPenduduk[0]?.nama).toMatch(/\w+/);
    }

    it('starts gateway processes that hold no operator key: the keys folder has none after they started', async () => {
      expect(gateways).toHaveLength(3);
      const files = await fs.readdir(path.join(dataDir, 'keys'));
      expect(files.length).toBeGreaterThan(0);
      expect(files).not.toContain(OPERATOR_PRIVATE_KEY_FILE);
      await expectAnswers(gateways[0]!);
    });

    it('starts three gateway processes that serve the published supergraphs of semua and kependudukan', async () => {
      expect(new Set(gateways.map((gateway) => gateway.pid)).size).toBe(3);
      for (const gateway of gateways) expect(gateway.pid).toBe(gateway.child.pid);
      expect(good).toEqual(
        expect.arrayContaining([
          { graph: 'semua', version: 2 },
          { graph: 'kependudukan', version: 1 },
          { graph: 'kepegawaian', version: 1 },
        ]),
      );
      for (const gateway of gateways) {
        await waitUntilServed(gateway.url, good);
        expect(await servedVersions(gateway.url)).toEqual(asRecord(good));
        await expectAnswers(gateway);
      }
    });

    it('a new version published to the registry reaches every gateway process without a restart', async () => {
      const published = await publish(registry, world.publisher('disdukcapil'), disdukcapil(), WITH_PHONE);
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      expect(published.body.supergraphs).toEqual(
        expect.arrayContaining([
          { graph: 'semua', version: 3 },
          { graph: 'kependudukan', version: 2 },
        ]),
      );
      good = merge(good, published.body.supergraphs as SupergraphVersion[]);

      // Generous deadline; nothing here measures how fast (bench/reload.bench.ts does).
      await Promise.all(
        gateways.map((gateway) => waitUntilServed(gateway.url, good, { intervalMs: 50, timeoutMs: 120_000 })),
      );
      for (const gateway of gateways) {
        expect(await servedVersions(gateway.url)).toEqual(asRecord(good));
        expect(gateway.child.exitCode).toBeNull(); // the same processes: no restart
      }
    });

    it('a refused publish (composition failure, breaking change) leaves every gateway on the last good version, still answering', async () => {
      expect(WITHOUT_BLOOD_TYPE).not.toContain('golonganDarah');
      const conflict = await publish(registry, world.publisher('disdukcapil'), disdukcapil(), CLAIMS_PEGAWAI);
      expect(conflict.status).toBe(422);
      expect(conflict.body.code).toBe('COMPOSITION_FAILED');

      const breaking = await publish(
        registry,
        world.publisher('disdukcapil'),
        disdukcapil(),
        WITHOUT_BLOOD_TYPE,
      );
      expect(breaking.status).toBe(422);
      expect(breaking.body.code).toBe('CHECK_FAILED');

      // Give every gateway a full poll cycle to pick up anything a refusal might have stored.
      await sleep(2 * GATEWAY_POLL_MS);
      for (const gateway of gateways) {
        expect(await servedVersions(gateway.url)).toEqual(asRecord(good));
        await expectAnswers(gateway);
      }
    });

    it('each gateway process drains and exits 0 on SIGTERM', async () => {
      const codes = await Promise.all(gateways.map((gateway) => gateway.stop()));
      expect(codes).toEqual([0, 0, 0]);
    });
  });
}

describe('a gateway in the registry process (how PGlite is shared)', () => {
  let registry: TestRegistry;
  let world: World;
  let gateway: PenghubungGateway;
  let gatewayUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    registry = await startTestRegistry();
    world = await seed(registry)
      .agency('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil')
      .withPublisher()
      .done();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-inprocess-'));
    const keys = await loadGatewayKeys({ dataDir, lookupSecret: undefined });
    gateway = await buildPenghubungGateway({
      database: registry.database,
      signingKey: keys.signingKey,
      accessLog: { lookupSecret: keys.lookupSecret, failMode: 'closed' },
      // A one-minute poll: the notification, delivered inside this process, must do the work.
      pollMs: 60_000,
      logger: false,
    });
    gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await registry?.close();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  const publishDisdukcapil = (schema: string) =>
    registry.call(world.publisher('disdukcapil'), 'POST', '/v1/subgraphs/publish', {
      name: 'disdukcapil',
      theme: 'kependudukan',
      routingUrl: 'http://127.0.0.1:9/graphql',
      schema,
    });

  it('serves the first publish and every later one without a restart', async () => {
    expect(await servedVersions(gatewayUrl)).toEqual({});

    expect(WITH_PHONE).toContain('nomorPonsel: String');
    const first = await publishDisdukcapil(DISDUKCAPIL_SDL);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await waitUntilServed(gatewayUrl, first.body.supergraphs as SupergraphVersion[], {
      intervalMs: 50,
      timeoutMs: 120_000,
    });
    expect(await servedVersions(gatewayUrl)).toEqual({ semua: 1, kependudukan: 1 });

    const second = await publishDisdukcapil(WITH_PHONE);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    await waitUntilServed(gatewayUrl, second.body.supergraphs as SupergraphVersion[], {
      intervalMs: 50,
      timeoutMs: 120_000,
    });
    expect(await servedVersions(gatewayUrl)).toEqual({ semua: 2, kependudukan: 2 });
  });
});
