/**
 * Generated access-log rows, for tests and load (bench/evaluation.bench.ts). Not for production data.
 *
 * A small "world" (agencies with their subgraphs and fields, graphs, requesters' client applications,
 * some grants with a daily quota) is written to the registry tables by `seedLogWorld`; then
 * `generateLogRows` yields realistic rows for it, day by day in time order: each client with its own
 * daily volume (weekends quieter), office-hour profile, share of off-hours, denied and failed
 * requests, its operations (coordinates, subgraphs, masked NIK/NIP variables with their real lookup
 * hashes), log-normal durations and `subgraph_calls`. Deterministic for a given seed. Anomalies (a
 * volume spike, a burst of denied attempts, a night of off-hours access) can be placed on given days.
 *
 * The chain columns are synthetic by default: `seq` is contiguous, but `hash`/`prev_hash` are the seq
 * in hex, not SHA-256 links, so these rows do NOT verify as a hash chain (registry/log/verifyLog.ts);
 * they give the evaluator's queries a realistic load cheaply. With `chained`, each row is hashed and
 * linked as the gateway's writer does (the report checks its period's chain).
 *
 * Rows go in with multi-row INSERTs through drizzle (`insertLogRows`, both drivers) or with COPY
 * through postgres.js (`copyLogRows`, for millions).
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { Executor } from '../../drizzle/database.ts';
import { agencies, themes, users } from '../../drizzle/schema/agencies.ts';
import { accessRequestItems, accessRequests, clients, grants } from '../../drizzle/schema/access.ts';
import { accessLog } from '../../drizzle/schema/log.ts';
import type { AccessOutcome } from '../../drizzle/schema/log.ts';
import { fieldMetadata, graphs, subgraphs } from '../../drizzle/schema/registry.ts';
import { hashForLookup, maskNik, maskNip } from '../../lib/ledger/mask.ts';
import { GENESIS_HASH, hashRecord } from '../../lib/ledger/index.ts';
import { accessLogCanonicalForm } from '../../lib/accessLog/index.ts';
import { DAY_MS, wibDays, wibMidnight } from '../../registry/evaluation/range.ts';

// ---------------------------------------------------------------------------------------------
// The world

export interface WorldField {
  coordinate: string;
  personalData?: boolean;
  classification?: 'publik' | 'terbatas' | 'rahasia';
}

export interface WorldAgency {
  slug: string;
  name: string;
  subgraph: string;
  theme: string;
  fields: WorldField[];
}

export interface WorldOperation {
  name: string;
  graph: string;
  subgraphs: string[];
  coordinates: string[];
  /** The variable it takes: a NIK (masked, looked up), a NIP (same), a permit number (kept), or none. */
  variable: 'nik' | 'nip' | 'nomor' | null;
  /** The field a client asks for without a grant when its request is denied. */
  forbidden: string;
}

export interface WorldClient {
  key: string;
  name: string;
  organization: string;
  operations: string[];
  /** Requests on a working day, before scaling. */
  dailyRequests: number;
  offHoursShare: number;
  deniedShare: number;
  errorShare: number;
  /** A grant with a daily quota on one field of one graph. */
  quota?: { graph: string; coordinate: string; perDay: number };
}

export interface WorldSpec {
  agencies: WorldAgency[];
  operations: WorldOperation[];
  clients: WorldClient[];
}

export const DEFAULT_WORLD: WorldSpec = {
  agencies: [
    {
      slug: 'disdukcapil',
      name: 'Dinas Kependudukan dan Pencatatan Sipil',
      subgraph: 'dukcapil',
      theme: 'kependudukan',
      fields: [
        { coordinate: 'Query.penduduk', classification: 'terbatas', personalData: true },
        { coordinate: 'Penduduk.nik', classification: 'rahasia', personalData: true },
        { coordinate: 'Penduduk.nama', classification: 'terbatas', personalData: true },
        { coordinate: 'Penduduk.alamat', classification: 'rahasia', personalData: true },
        { coordinate: 'Penduduk.tanggalLahir', classification: 'rahasia', personalData: true },
        { coordinate: 'Query.keluarga', classification: 'terbatas', personalData: true },
        { coordinate: 'Keluarga.anggota', classification: 'rahasia', personalData: true },
      ],
    },
    {
      slug: 'bkpsdm',
      name: 'Badan Kepegawaian dan Pengembangan SDM',
      subgraph: 'kepegawaian',
      theme: 'kepegawaian',
      fields: [
        { coordinate: 'Query.pegawai', classification: 'terbatas', personalData: true },
        { coordinate: 'Pegawai.nip', classification: 'terbatas', personalData: true },
        { coordinate: 'Pegawai.nama', classification: 'publik' },
        { coordinate: 'Pegawai.jabatan', classification: 'publik' },
        { coordinate: 'Pegawai.gaji', classification: 'rahasia', personalData: true },
      ],
    },
    {
      slug: 'dpmptsp',
      name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
      subgraph: 'perizinan',
      theme: 'perizinan',
      fields: [
        { coordinate: 'Query.izin', classification: 'publik' },
        { coordinate: 'Izin.nomor', classification: 'publik' },
        { coordinate: 'Izin.jenis', classification: 'publik' },
        { coordinate: 'Izin.status', classification: 'publik' },
        { coordinate: 'Izin.pemohon', classification: 'terbatas', personalData: true },
      ],
    },
    {
      slug: 'dinkes',
      name: 'Dinas Kesehatan',
      subgraph: 'kesehatan',
      theme: 'kesehatan',
      fields: [
        { coordinate: 'Query.fasilitasKesehatan', classification: 'publik' },
        { coordinate: 'FasilitasKesehatan.nama', classification: 'publik' },
        { coordinate: 'Penduduk.statusJkn', classification: 'terbatas', personalData: true },
        { coordinate: 'Penduduk.statusVaksinasi', classification: 'rahasia', personalData: true },
      ],
    },
  ],
  operations: [
    {
      name: 'CariPenduduk',
      graph: 'kependudukan',
      subgraphs: ['dukcapil'],
      coordinates: ['Query.penduduk', 'Penduduk.nik', 'Penduduk.nama', 'Penduduk.alamat'],
      variable: 'nik',
      forbidden: 'Penduduk.tanggalLahir',
    },
    {
      name: 'KeluargaPenduduk',
      graph: 'kependudukan',
      subgraphs: ['dukcapil'],
      coordinates: ['Query.keluarga', 'Keluarga.anggota', 'Penduduk.nama'],
      variable: 'nik',
      forbidden: 'Penduduk.alamat',
    },
    {
      name: 'StatusLayananKesehatan',
      graph: 'semua',
      subgraphs: ['dukcapil', 'kesehatan'],
      coordinates: ['Query.penduduk', 'Penduduk.nik', 'Penduduk.nama', 'Penduduk.statusJkn', 'Penduduk.statusVaksinasi'],
      variable: 'nik',
      forbidden: 'Penduduk.alamat',
    },
    {
      name: 'DataPegawai',
      graph: 'kepegawaian',
      subgraphs: ['kepegawaian'],
      coordinates: ['Query.pegawai', 'Pegawai.nip', 'Pegawai.nama', 'Pegawai.jabatan'],
      variable: 'nip',
      forbidden: 'Pegawai.gaji',
    },
    {
      name: 'CekIzin',
      graph: 'perizinan',
      subgraphs: ['perizinan'],
      coordinates: ['Query.izin', 'Izin.nomor', 'Izin.jenis', 'Izin.status'],
      variable: 'nomor',
      forbidden: 'Izin.pemohon',
    },
    {
      name: 'DaftarFaskes',
      graph: 'kesehatan',
      subgraphs: ['kesehatan'],
      coordinates: ['Query.fasilitasKesehatan', 'FasilitasKesehatan.nama'],
      variable: null,
      forbidden: 'Penduduk.statusVaksinasi',
    },
    {
      name: 'PemohonIzin',
      graph: 'semua',
      subgraphs: ['perizinan', 'dukcapil'],
      coordinates: ['Query.izin', 'Izin.nomor', 'Izin.pemohon', 'Penduduk.nama'],
      variable: 'nomor',
      forbidden: 'Penduduk.nik',
    },
  ],
  clients: [
    { key: 'simpus', name: 'SIMPUS Puskesmas', organization: 'Dinas Kesehatan', operations: ['StatusLayananKesehatan', 'DaftarFaskes'], dailyRequests: 900, offHoursShare: 0.04, deniedShare: 0.01, errorShare: 0.01 },
    { key: 'bansos', name: 'Aplikasi Bansos', organization: 'Dinas Sosial', operations: ['CariPenduduk', 'KeluargaPenduduk'], dailyRequests: 700, offHoursShare: 0.02, deniedShare: 0.02, errorShare: 0.005, quota: { graph: 'kependudukan', coordinate: 'Query.penduduk', perDay: 2000 } },
    { key: 'simpeg', name: 'SIMPEG Inspektorat', organization: 'Inspektorat', operations: ['DataPegawai'], dailyRequests: 250, offHoursShare: 0.01, deniedShare: 0.01, errorShare: 0.005 },
    { key: 'oss', name: 'Portal Perizinan Daerah', organization: 'DPMPTSP', operations: ['CekIzin', 'PemohonIzin'], dailyRequests: 600, offHoursShare: 0.08, deniedShare: 0.01, errorShare: 0.01 },
    { key: 'bappeda', name: 'Dasbor Bappeda', organization: 'Bappeda', operations: ['DaftarFaskes', 'CekIzin', 'DataPegawai'], dailyRequests: 120, offHoursShare: 0.01, deniedShare: 0.03, errorShare: 0.005 },
    { key: 'desa', name: 'Sistem Informasi Desa', organization: 'Dinas PMD', operations: ['CariPenduduk'], dailyRequests: 400, offHoursShare: 0.03, deniedShare: 0.02, errorShare: 0.01, quota: { graph: 'kependudukan', coordinate: 'Query.penduduk', perDay: 1500 } },
    { key: 'splpnas', name: 'SPLP Nasional', organization: 'Kementerian PANRB', operations: ['CariPenduduk', 'CekIzin', 'DaftarFaskes'], dailyRequests: 300, offHoursShare: 0.15, deniedShare: 0.01, errorShare: 0.01 },
    { key: 'rsud', name: 'SIMRS RSUD', organization: 'RSUD', operations: ['StatusLayananKesehatan', 'CariPenduduk'], dailyRequests: 500, offHoursShare: 0.2, deniedShare: 0.01, errorShare: 0.01 },
  ],
};

export interface SeededClient extends WorldClient {
  id: string;
  credentialId: string;
  index: number;
}

export interface SeededWorld {
  spec: WorldSpec;
  clients: SeededClient[];
  /** Agency slug → its subgraph names. */
  agencySubgraphs: Record<string, string[]>;
}

const SYSTEM_EMAIL_DOMAIN = 'generator.penghubung.invalid';

/**
 * Writes the world's agencies, themes, graphs, subgraphs, field metadata, requesters, clients and
 * quota grants; what exists already (same slug, name or email) is reused. Returns the client ids.
 */
export async function seedLogWorld(db: Executor, spec: WorldSpec = DEFAULT_WORLD, period?: { from: Date; to: Date }): Promise<SeededWorld> {
  const themeSlugs = [...new Set(spec.agencies.map((agency) => agency.theme))];
  await db
    .insert(themes)
    .values(themeSlugs.map((slug) => ({ slug, name: slug.charAt(0).toUpperCase() + slug.slice(1) })))
    .onConflictDoNothing();
  const themeIds = new Map((await db.select({ id: themes.id, slug: themes.slug }).from(themes).where(inArray(themes.slug, themeSlugs))).map((row) => [row.slug, row.id]));

  await db
    .insert(agencies)
    .values(spec.agencies.map((agency) => ({ slug: agency.slug, name: agency.name })))
    .onConflictDoNothing();
  const agencyIds = new Map(
    (await db.select({ id: agencies.id, slug: agencies.slug }).from(agencies).where(inArray(agencies.slug, spec.agencies.map((agency) => agency.slug)))).map((row) => [row.slug, row.id]),
  );

  const graphNames = [...new Set(spec.operations.map((operation) => operation.graph))];
  await db
    .insert(graphs)
    .values(graphNames.map((name) => ({ name, themeSlugs: themeSlugs.includes(name) ? [name] : [] })))
    .onConflictDoNothing();
  const graphIds = new Map((await db.select({ id: graphs.id, name: graphs.name }).from(graphs).where(inArray(graphs.name, graphNames))).map((row) => [row.name, row.id]));

  await db
    .insert(subgraphs)
    .values(
      spec.agencies.map((agency) => ({
        name: agency.subgraph,
        agencyId: agencyIds.get(agency.slug)!,
        themeId: themeIds.get(agency.theme)!,
        routingUrl: `http://127.0.0.1:4300/${agency.subgraph}/graphql`,
      })),
    )
    .onConflictDoNothing();
  const subgraphRows = await db
    .select({ id: subgraphs.id, name: subgraphs.name, agencyId: subgraphs.agencyId })
    .from(subgraphs)
    .where(inArray(subgraphs.name, spec.agencies.map((agency) => agency.subgraph)));
  const subgraphIds = new Map(subgraphRows.map((row) => [row.name, row.id]));

  const metadata = spec.agencies.flatMap((agency) =>
    agency.fields.map((field) => {
      const [typeName, fieldName] = field.coordinate.split('.') as [string, string];
      return {
        subgraphId: subgraphIds.get(agency.subgraph)!,
        coordinate: field.coordinate,
        typeName,
        fieldName,
        returnType: 'String',
        classification: field.classification ?? 'terbatas',
        personalData: field.personalData ?? false,
      };
    }),
  );
  await db.insert(fieldMetadata).values(metadata).onConflictDoNothing();

  const emails = [`admin@${SYSTEM_EMAIL_DOMAIN}`, ...spec.clients.map((client) => `${client.key}@${SYSTEM_EMAIL_DOMAIN}`)];
  await db
    .insert(users)
    .values([
      { name: 'Generator (administrator)', email: emails[0]!, role: 'administrator' as const },
      ...spec.clients.map((client) => ({ name: `Pemohon ${client.name}`, email: `${client.key}@${SYSTEM_EMAIL_DOMAIN}`, role: 'requester' as const, organization: client.organization })),
    ])
    .onConflictDoNothing();
  const userIds = new Map((await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails))).map((row) => [row.email, row.id]));
  const adminId = userIds.get(emails[0]!)!;

  const seeded: SeededClient[] = [];
  for (const [index, client] of spec.clients.entries()) {
    const requesterId = userIds.get(`${client.key}@${SYSTEM_EMAIL_DOMAIN}`)!;
    let [row] = await db.select({ id: clients.id }).from(clients).where(and(eq(clients.requesterId, requesterId), eq(clients.name, client.name)));
    if (!row) {
      [row] = await db.insert(clients).values({ requesterId, name: client.name, organization: client.organization }).returning({ id: clients.id });
    }
    seeded.push({ ...client, id: row!.id, credentialId: uuidFrom(`credential:${client.key}`), index });
    if (client.quota) {
      const owner = spec.agencies.find((agency) => agency.fields.some((field) => field.coordinate === client.quota!.coordinate))!;
      const [existing] = await db.select({ id: grants.id }).from(grants).where(and(eq(grants.clientId, row!.id), eq(grants.coordinate, client.quota.coordinate)));
      if (existing) continue;
      const startsAt = period?.from ?? new Date(Date.UTC(2000, 0, 1));
      const endsAt = period?.to ?? new Date(Date.UTC(2100, 0, 1));
      const [request] = await db
        .insert(accessRequests)
        .values({
          clientId: row!.id,
          graphId: graphIds.get(client.quota.graph)!,
          purpose: 'Data uji beban (generator)',
          legalBasis: '-',
          periodStart: startsAt,
          periodEnd: endsAt,
          quotaPerDay: client.quota.perDay,
          status: 'approved',
          createdBy: requesterId,
        })
        .returning({ id: accessRequests.id });
      const [item] = await db
        .insert(accessRequestItems)
        .values({
          requestId: request!.id,
          coordinate: client.quota.coordinate,
          subgraphId: subgraphIds.get(owner.subgraph)!,
          agencyId: agencyIds.get(owner.slug)!,
          status: 'granted',
        })
        .returning({ id: accessRequestItems.id });
      await db.insert(grants).values({
        requestId: request!.id,
        itemId: item!.id,
        clientId: row!.id,
        graphId: graphIds.get(client.quota.graph)!,
        agencyId: agencyIds.get(owner.slug)!,
        coordinate: client.quota.coordinate,
        startsAt,
        endsAt,
        quotaPerDay: client.quota.perDay,
        grantedBy: adminId,
      });
    }
  }
  const agencySubgraphs: Record<string, string[]> = {};
  for (const agency of spec.agencies) (agencySubgraphs[agency.slug] ??= []).push(agency.subgraph);
  return { spec, clients: seeded, agencySubgraphs };
}

// ---------------------------------------------------------------------------------------------
// The rows

export interface GeneratedLogRow {
  seq: number;
  occurredAt: Date;
  requestId: string;
  clientId: string | null;
  credentialId: string | null;
  graph: string;
  operationName: string | null;
  operationHash: string | null;
  variables: Record<string, unknown> | null;
  lookupHashes: string[];
  coordinates: string[];
  deniedCoordinates: string[];
  subgraphNames: string[];
  subgraphCalls: { subgraph: string; status: number; durationMs: number; error?: string }[];
  outcome: AccessOutcome;
  errorCode: string | null;
  durationMs: number;
  responseBytes: number;
  clientAddress: string;
  prevHash: string;
  hash: string;
}

export type Anomaly =
  /** That day's volume multiplied (its denied/off-hours shares unchanged). */
  | { client: string; day: string; kind: 'volume'; factor: number }
  /** `count` extra denied requests that day, spread over working hours. */
  | { client: string; day: string; kind: 'denied'; count: number }
  /** `count` extra successful requests between 22:00 and 05:00 WIB that day. */
  | { client: string; day: string; kind: 'offHours'; count: number };

export interface GenerateLogOptions {
  world: SeededWorld;
  /** Rows fall in `[from, to)`; give both at 00:00 WIB so no day is cut. */
  from: Date;
  to: Date;
  /** Regular rows wanted in all (anomalies add theirs); default: the clients' own daily volumes. */
  rows?: number;
  seed?: number;
  /** The lookup secret, as the gateway's `lookupSecret`: searches by NIK find these rows. */
  secret: string | Uint8Array;
  /** The first seq (default 1). */
  startSeq?: number;
  anomalies?: readonly Anomaly[];
  /** Distinct NIKs and NIPs looked up (default 20,000). */
  identifierPool?: number;
  /** Hash and link the rows as a real chain (starting from genesis at seq 1, or `prevHash`). */
  chained?: boolean;
  /** Weekend volume relative to a working day (default 0.3). */
  weekendFactor?: number;
}

/** mulberry32: small, fast, good enough for load data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The i-th NIK of the pool: a Cilacap-like region code, a birth date, a serial. */
export function generatedNik(i: number): string {
  const district = String(1 + (i % 24)).padStart(2, '0');
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 12);
  const year = 50 + (Math.floor(i / 336) % 50);
  const serial = String(1 + Math.floor(i / 16_800)).padStart(4, '0');
  return `3301${district}${String(day + (i % 2 === 0 ? 0 : 40)).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}${serial}`;
}

export function generatedNip(i: number): string {
  return `19${String(60 + (i % 40)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}20${String(i % 25).padStart(2, '0')}0${String(1 + (i % 9))}1${String(i % 1000).padStart(3, '0')}`;
}

const HOUR = 3_600_000;
/** Relative weight of each WIB hour outside 22:00–05:00 (a working-day profile). */
const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 2, 3, 8, 12, 14, 14, 13, 9, 12, 13, 11, 6, 4, 3, 3, 2, 1, 0, 0];
const WORK_CUMULATIVE = HOUR_WEIGHTS.reduce<number[]>((acc, weight) => [...acc, (acc[acc.length - 1] ?? 0) + weight], []);
const WORK_TOTAL = WORK_CUMULATIVE[WORK_CUMULATIVE.length - 1]!;

function workingOffset(random: () => number): number {
  const target = random() * WORK_TOTAL;
  let hour = 0;
  while (WORK_CUMULATIVE[hour]! <= target) hour += 1;
  return hour * HOUR + Math.floor(random() * HOUR);
}

function offHoursOffset(random: () => number): number {
  // 22:00–05:00: seven hours starting at 22:00, wrapping past midnight into the same WIB day's start.
  const offset = 22 * HOUR + Math.floor(random() * 7 * HOUR);
  return offset >= 24 * HOUR ? offset - 24 * HOUR : offset;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Planned {
  at: number;
  client: number;
  forced: 'denied' | 'ok' | null;
}

export function* generateLogRows(options: GenerateLogOptions): Generator<GeneratedLogRow> {
  const random = prng(options.seed ?? 42);
  const { world } = options;
  const clientsList = world.clients;
  const operations = new Map(world.spec.operations.map((operation) => [operation.name, operation]));
  const hashes = new Map(world.spec.operations.map((operation) => [operation.name, createHash('sha256').update(`query ${operation.name} { … }`).digest('hex')]));
  const pool = options.identifierPool ?? 20_000;
  const lookupCache = new Map<string, string>();
  const lookup = (value: string): string => {
    let hash = lookupCache.get(value);
    if (hash === undefined) {
      hash = hashForLookup(value, options.secret);
      if (lookupCache.size < 200_000) lookupCache.set(value, hash);
    }
    return hash;
  };
  const weekend = options.weekendFactor ?? 0.3;
  const days = wibDays({ from: options.from, to: options.to });

  // Plan: requests per day and client, with noise, then scaled to `rows` exactly.
  const plan: number[][] = days.map((day) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const factor = weekday === 0 || weekday === 6 ? weekend : 1;
    return clientsList.map((client) => {
      let volume = client.dailyRequests * factor * Math.max(0.2, 1 + 0.08 * gaussian(random));
      for (const anomaly of options.anomalies ?? []) {
        if (anomaly.kind === 'volume' && anomaly.client === client.key && anomaly.day === day) volume *= anomaly.factor;
      }
      return volume;
    });
  });
  const counts = plan.map((row) => row.map((volume) => Math.round(volume)));
  if (options.rows !== undefined) {
    const total = plan.flat().reduce((sum, volume) => sum + volume, 0);
    const scale = total === 0 ? 0 : options.rows / total;
    const cells: { d: number; c: number; fraction: number }[] = [];
    let assigned = 0;
    plan.forEach((row, d) =>
      row.forEach((volume, c) => {
        const exact = volume * scale;
        counts[d]![c] = Math.floor(exact);
        assigned += Math.floor(exact);
        cells.push({ d, c, fraction: exact - Math.floor(exact) });
      }),
    );
    cells.sort((a, b) => b.fraction - a.fraction);
    for (let i = 0; i < options.rows - assigned && i < cells.length; i += 1) counts[cells[i]!.d]![cells[i]!.c]! += 1;
  }

  let seq = options.startSeq ?? 1;
  let previousHash = GENESIS_HASH;
  const fromMs = options.from.getTime();
  const toMs = options.to.getTime();
  for (const [d, day] of days.entries()) {
    const midnight = wibMidnight(day).getTime();
    const planned: Planned[] = [];
    clientsList.forEach((client, c) => {
      for (let i = 0; i < counts[d]![c]!; i += 1) {
        const offset = random() < client.offHoursShare ? offHoursOffset(random) : workingOffset(random);
        planned.push({ at: midnight + offset, client: c, forced: null });
      }
    });
    for (const anomaly of options.anomalies ?? []) {
      if (anomaly.day !== day || anomaly.kind === 'volume') continue;
      const c = clientsList.findIndex((client) => client.key === anomaly.client);
      if (c < 0) throw new Error(`anomaly names unknown client ${anomaly.client}`);
      for (let i = 0; i < anomaly.count; i += 1) {
        const offset = anomaly.kind === 'offHours' ? offHoursOffset(random) : workingOffset(random);
        planned.push({ at: midnight + offset, client: c, forced: anomaly.kind === 'denied' ? 'denied' : 'ok' });
      }
    }
    planned.sort((a, b) => a.at - b.at || a.client - b.client);
    for (const entry of planned) {
      if (entry.at < fromMs || entry.at >= toMs || entry.at >= midnight + DAY_MS) continue;
      const client = clientsList[entry.client]!;
      const operation = operations.get(client.operations[Math.floor(random() * client.operations.length)]!)!;
      const draw = random();
      let outcome: AccessOutcome = 'ok';
      if (entry.forced !== null) outcome = entry.forced;
      else if (draw < client.deniedShare) outcome = 'denied';
      else if (draw < client.deniedShare + client.errorShare) outcome = 'error';
      else if (draw < client.deniedShare + client.errorShare + 0.004) outcome = 'unauthenticated';
      else if (operation.subgraphs.length > 1 && draw < client.deniedShare + client.errorShare + 0.014) outcome = 'partial';

      let variables: Record<string, unknown> | null = null;
      let lookupHashes: string[] = [];
      const pick = Math.floor(random() * pool);
      if (operation.variable === 'nik') {
        const nik = generatedNik(pick);
        variables = { nik: maskNik(nik) };
        lookupHashes = [lookup(nik)];
      } else if (operation.variable === 'nip') {
        const nip = generatedNip(pick);
        variables = { nip: maskNip(nip) };
        lookupHashes = [lookup(nip)];
      } else if (operation.variable === 'nomor') {
        variables = { nomor: `503/${String(pick % 10_000).padStart(4, '0')}/DPMPTSP/${2020 + (pick % 6)}` };
      }

      const authenticated = outcome !== 'unauthenticated';
      const calls: GeneratedLogRow['subgraphCalls'] = [];
      let duration: number;
      if (outcome === 'ok' || outcome === 'partial' || outcome === 'error') {
        let total = 2;
        operation.subgraphs.forEach((subgraph, index) => {
          const callMs = Math.round(Math.exp(Math.log(25) + 0.55 * gaussian(random)) * 100) / 100;
          const call: GeneratedLogRow['subgraphCalls'][number] = { subgraph, status: 200, durationMs: callMs };
          if (outcome === 'error' && index === 0) {
            call.status = 502;
            call.error = 'connect ECONNREFUSED';
            call.durationMs = Math.round(random() * 3000);
          }
          if (outcome === 'partial' && index === operation.subgraphs.length - 1) {
            call.status = 504;
            call.error = 'timeout';
            call.durationMs = 5000;
          }
          calls.push(call);
          total += call.durationMs;
        });
        duration = Math.round(total + random() * 4);
      } else {
        duration = 1 + Math.floor(random() * 4);
      }
      const denied = outcome === 'denied';
      const row: GeneratedLogRow = {
        seq,
        occurredAt: new Date(entry.at),
        requestId: requestIdOf(random),
        clientId: authenticated ? client.id : null,
        credentialId: authenticated ? client.credentialId : null,
        graph: operation.graph,
        operationName: operation.name,
        operationHash: hashes.get(operation.name)!,
        variables,
        lookupHashes,
        coordinates: authenticated ? (denied ? [...operation.coordinates, operation.forbidden] : operation.coordinates) : [],
        deniedCoordinates: denied ? [operation.forbidden] : [],
        subgraphNames: calls.map((call) => call.subgraph),
        subgraphCalls: calls,
        outcome,
        errorCode: denied ? 'FORBIDDEN_FIELD' : outcome === 'unauthenticated' ? 'UNAUTHENTICATED' : outcome === 'error' ? 'UPSTREAM_ERROR' : null,
        durationMs: duration,
        responseBytes: outcome === 'ok' ? 400 + Math.floor(random() * 4000) : 180 + Math.floor(random() * 200),
        clientAddress: `10.20.${10 + client.index}.${1 + (entry.client * 7) % 250}`,
        // Synthetic chain columns unless `chained`: see the file comment.
        prevHash: options.chained ? previousHash : (seq - 1).toString(16).padStart(64, '0'),
        hash: seq.toString(16).padStart(64, '0'),
      };
      if (options.chained) {
        row.hash = hashRecord(row.prevHash, accessLogCanonicalForm(row));
        previousHash = row.hash;
      }
      seq += 1;
      yield row;
    }
  }
}

function requestIdOf(random: () => number): string {
  const hex = (n: number) =>
    Math.floor(random() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(6)}${hex(6)}`;
}

// ---------------------------------------------------------------------------------------------
// Loading

/** Multi-row INSERTs through drizzle (both drivers): 500 rows × 21 columns per statement. */
export async function insertLogRows(db: Executor, rows: Iterable<GeneratedLogRow>, batchSize = 500): Promise<number> {
  let batch: GeneratedLogRow[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insert(accessLog).values(batch);
    written += batch.length;
    batch = [];
  };
  let last: GeneratedLogRow | undefined;
  for (const row of rows) {
    batch.push(row);
    last = row;
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (last) await advanceAccessHead(db, last.seq, last.hash);
  return written;
}

/** Moves the 'access' chain head to the last generated row, as the writer does after its inserts. */
export async function advanceAccessHead(db: Executor, seq: number, hash: string): Promise<void> {
  await db.execute(sql`
    insert into chain_heads (chain, seq, hash) values ('access', ${seq}, ${hash})
    on conflict (chain) do update set seq = excluded.seq, hash = excluded.hash, updated_at = now()
    where chain_heads.seq < excluded.seq`);
}

export const COPY_COLUMNS = [
  'seq',
  'occurred_at',
  'request_id',
  'client_id',
  'credential_id',
  'graph',
  'operation_name',
  'operation_hash',
  'variables',
  'lookup_hashes',
  'coordinates',
  'denied_coordinates',
  'subgraph_names',
  'subgraph_calls',
  'outcome',
  'error_code',
  'duration_ms',
  'response_bytes',
  'client_address',
  'prev_hash',
  'hash',
] as const;

/** A value in COPY's text format. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'));
}

/** A text[] literal: `{"a","b"}`. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`).join(',')}}`;
}

export function copyLine(row: GeneratedLogRow): string {
  return `${[
    String(row.seq),
    row.occurredAt.toISOString(),
    row.requestId,
    row.clientId,
    row.credentialId,
    row.graph,
    row.operationName,
    row.operationHash,
    row.variables === null ? null : JSON.stringify(row.variables),
    arrayLiteral(row.lookupHashes),
    arrayLiteral(row.coordinates),
    arrayLiteral(row.deniedCoordinates),
    arrayLiteral(row.subgraphNames),
    JSON.stringify(row.subgraphCalls),
    row.outcome,
    row.errorCode,
    String(row.durationMs),
    String(row.responseBytes),
    row.clientAddress,
    row.prevHash,
    row.hash,
  ]
    .map(copyText)
    .join('\t')}\n`;
}

/** COPY … FROM STDIN through postgres.js, in chunks of about 1 MiB. Returns the rows written. */
export async function copyLogRows(client: Sql, rows: Iterable<GeneratedLogRow>, onProgress?: (written: number) => void): Promise<number> {
  const stream = await client.unsafe(`copy access_log (${COPY_COLUMNS.join(', ')}) from stdin`).writable();
  let written = 0;
  let reported = 0;
  let chunk = '';
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (const row of rows) {
    chunk += copyLine(row);
    written += 1;
    if (chunk.length >= 1 << 20) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
      if (onProgress && written - reported >= 500_000) {
        reported = written;
        onProgress(written);
      }
    }
  }
  if (chunk.length > 0) stream.write(chunk);
  stream.end();
  await done;
  return written;
}
