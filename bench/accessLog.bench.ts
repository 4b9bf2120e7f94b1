/**
 * Access-log benchmarks against a local PostgreSQL (fresh databases, dropped at the end).
 *
 *   npx tsx bench/accessLog.bench.ts [--part writer,gateway] [--records 40000] [--rounds 2] [--documents variable|literal]
 *       [--writer-variants postgres:2000,drizzle:500] [--indexes current,planned]
 *       [--seconds 10] [--warmup 2] [--concurrency 192] [--queries resident,permits,lookup]
 *       [--gateway-indexes planned] [--modes off,on,on@0] [--server postgres://postgres@127.0.0.1:5432/postgres]
 *   npx tsx bench/accessLog.bench.ts 20000 4          # positional: records, seconds, server (bench/run.ts)
 *
 * 1. Writer: records/s through `createAccessLogWriter` (group commit, one transaction per batch,
 *    every record committed — synchronous_commit on — before its promise resolves), with more
 *    records in flight than a batch holds, for each `path:maxBatch` variant (`postgres`, the
 *    default: the writer's own connection, each batch in one message; `drizzle`: INSERT from json_to_recordset through the pool, the PGlite path and the former
 *    PostgreSQL one) and each index set of access_log:
 *    - `current`: the indexes of migrations 0000–0002 (three btree on time pairs, one covering);
 *    - `planned`: the set the rollup migration leaves (primary key, plain (client_id, occurred_at),
 *      operation_hash, seq, the three GIN);
 *    - `planned-fastupdate-off`: `planned` with the GIN indexes built `WITH (fastupdate = off)`.
 *    The sets are made in the fresh database after migrating, whatever the migrations hold. Also per
 *    record: CPU of this process (building, masking, hashing, serializing, the driver) and CPU of the
 *    PostgreSQL backends serving the database (parsing, inserting, index maintenance; the WAL writer
 *    and other shared server processes are not counted).
 * 2. Gateway: the same gateway over the real demo agencies with the access log off and on, on the
 *    demo queries of bench/authorizationGateway.bench.ts, methodology as there: the load generator
 *    and the agencies run in their own processes (bench/support/children.ts), the variants alternate
 *    every round, and besides req/s the gateway's CPU per request and event-loop utilization are
 *    printed (a noisy machine moves those much less than req/s). Both variants authenticate with a
 *    fixed requester per query, authorize with the production plugin over 10 grants and sign one
 *    gateway token per subgraph fetch, through the production wiring (gateway/wiring.ts, operation
 *    limits and error masking included); "on" adds exactly what it adds for the log: the access-log
 *    plugin, `recordAccess` = the writer's `record`
 *    (defaults, fail closed) on a fresh PostgreSQL database, and the checkpointer. `--modes` lists the
 *    variants, `off` first: `on` is the writer with its defaults, `on@<p>` the writer with `pacing: p`
 *    (on@0: every flush right after the previous one). After the run the log is verified. The load
 *    generator is closed-loop: at a concurrency too low to keep the gateway busy while requests wait
 *    for their flush (gateway ELU well below off's), req/s measures latency, not capacity; raise
 *    `--concurrency` until both modes saturate the gateway.
 *
 * Everything shares the machine (2 cores in CI): compare variants within one run, read the ratios
 * and the CPU per record or request, and note the load average (printed before and after).
 */
import { createHash, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildSchema, parse } from 'graphql';
import postgres from 'postgres';
import { request as httpRequest } from 'undici';
import { openDatabase, type DatabaseHandle } from '../drizzle/database.ts';
import { FieldAuthorizer, type GrantSet } from '../gateway/authorization/core/index.ts';
import type { AccessEvent, Gateway } from '../gateway/buildGateway.ts';
import type { Requester } from '../gateway/context.ts';
import { wireGateway } from '../gateway/wiring.ts';
import { createStaticSupergraphSource } from '../lib/feed/supergraphSource.ts';
import { ErrorCode, PenghubungError } from '../lib/errors.ts';
import { createGatewayTokenSigner } from '../lib/gatewayToken.ts';
import { composeGraph } from '../registry/checks/index.ts';
import { createAccessLogWriter, type AccessLogWriter } from '../lib/accessLog/index.ts';
import { createCheckpointer, type Checkpointer } from '../registry/log/checkpoints.ts';
import { verifyLedger } from '../registry/log/verifyLog.ts';
import { demoAgencies, readDemoSchema } from '../subgraphs/index.ts';
import { accessEvent } from '../tests/log/harness.ts';
import { cpuMsOf } from './support/cpu.ts';
import { BENCH_LIMITS } from './support/gatewayVariants.ts';
import { eluBetween, startChild, type EluSnapshot, type StartedSubgraph } from './support/children.ts';
import { median, type LoadOptions, type LoadResult } from './support/load.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    part: { type: 'string', default: 'writer,gateway' },
    records: { type: 'string' },
    // `variable`: every record the resident query with its NIK in a variable (one document, its
    // normalized form cached); `literal`: each record its own document with the NIK written in it,
    // so the writer normalizes and masks a new document for every record (no cache hit).
    documents: { type: 'string', default: 'variable' },
    rounds: { type: 'string', default: '2' },
    'writer-variants': { type: 'string', default: 'postgres:2000,drizzle:500' },
    indexes: { type: 'string', default: 'current,planned' },
    seconds: { type: 'string' },
    warmup: { type: 'string', default: '2' },
    // 64 leaves the gateway idle while requests wait for their flush (ELU 0.91 with the log on, 0.98
    // off): the default is a load that saturates both modes, as the comparison needs.
    concurrency: { type: 'string', default: '192' },
    queries: { type: 'string', default: 'resident,permits,lookup' },
    'gateway-indexes': { type: 'string', default: 'planned' },
    modes: { type: 'string', default: 'off,on' },
    server: { type: 'string' },
  },
});
const records = Number(args.records ?? positionals[0] ?? 40_000);
const seconds = Number(args.seconds ?? positionals[1] ?? 10);
const serverUrl = args.server ?? positionals[2] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const rounds = Number(args.rounds);
const parts = new Set(args.part.split(','));

const fmt = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-';
const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');

// ---------------------------------------------------------------------------------------------
// Databases

const INDEX_SETS = {
  current: [
    'drop index if exists access_log_client_time_idx',
    'create index access_log_client_time_idx on access_log (client_id, occurred_at) include (outcome, duration_ms, coordinates)',
    'create index if not exists access_log_graph_time_idx on access_log (graph, occurred_at)',
    'create index if not exists access_log_outcome_time_idx on access_log (outcome, occurred_at)',
    'create index if not exists access_log_time_cover_idx on access_log (occurred_at) include (client_id, outcome, duration_ms, coordinates)',
  ],
  planned: [
    'drop index if exists access_log_graph_time_idx',
    'drop index if exists access_log_outcome_time_idx',
    'drop index if exists access_log_time_cover_idx',
    'drop index if exists access_log_client_time_idx',
    'create index access_log_client_time_idx on access_log (client_id, occurred_at)',
  ],
  'planned-fastupdate-off': [] as string[],
} satisfies Record<string, string[]>;
INDEX_SETS['planned-fastupdate-off'] = [
  ...INDEX_SETS.planned,
  ...(
    [
      ['access_log_coordinates_gin', 'coordinates'],
      ['access_log_lookup_gin', 'lookup_hashes'],
      ['access_log_subgraphs_gin', 'subgraph_names'],
    ] as const
  ).flatMap(([name, column]) => [
    `drop index if exists ${name}`,
    `create index ${name} on access_log using gin (${column}) with (fastupdate = off)`,
  ]),
];
type IndexSet = keyof typeof INDEX_SETS;

function indexSet(name: string): IndexSet {
  if (!(name in INDEX_SETS)) throw new Error(`unknown index set ${name}: ${Object.keys(INDEX_SETS).join(', ')}`);
  return name as IndexSet;
}

interface BenchDatabase {
  handle: DatabaseHandle;
  name: string;
  /** CPU time (ms) used so far by the PostgreSQL backends connected to this database. */
  backendCpuMs(): Promise<number>;
}

async function withFreshDatabase<T>(indexes: IndexSet, work: (database: BenchDatabase) => Promise<T>): Promise<T> {
  const name = `penghubung_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.href, dataDir: '' });
  try {
    await handle.migrate();
    const client = (handle.db as unknown as { $client: postgres.Sql }).$client;
    for (const statement of INDEX_SETS[indexes]) await client.unsafe(statement);
    // Connections stay open for the whole run (postgres.js keeps its pool), so a difference of two
    // sums is the CPU the backends spent in between.
    const backendCpuMs = async () => {
      const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`;
      let total = 0;
      for (const { pid } of rows) total += cpuMsOf(pid) ?? 0;
      return total;
    };
    return await work({ handle, name, backendCpuMs });
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------
// 1. The writer

const RESIDENT_QUERY = (nik: string) =>
  `query PendudukLengkap${nik === '$nik' ? '($nik: String!)' : ''} { penduduk(nik: ${nik === '$nik' ? nik : JSON.stringify(nik)}) { nik nama izinUsaha { nomor namaUsaha status } jaminanKesehatan { status } } }`;
const VARIABLE_DOCUMENT = { source: RESIDENT_QUERY('$nik'), parsed: parse(RESIDENT_QUERY('$nik')) };

/**
 * A record shaped like the resident query's: a masked NIK, 8 coordinates, 3 subgraph calls; with
 * `--documents literal` the NIK is written in a document of its own (parsed here, as the gateway
 * parses before the writer runs).
 */
function benchEvent(index: number): AccessEvent {
  const literal = args.documents === 'literal';
  const nik = `35010405${String(index + 1_000_000).padStart(8, '0')}`;
  const source = literal ? RESIDENT_QUERY(nik) : VARIABLE_DOCUMENT.source;
  const event = accessEvent({
    requestId: `bench-${index}`,
    variables: literal ? {} : { nik: '3501040509830001' },
    responseBody: '{"data":{"penduduk":{"nik":"3501040509830001","nama":"Siti Aminah","izinUsaha":[],"jaminanKesehatan":null}}}',
  });
  event.context!.operation = {
    ...event.context!.operation!,
    name: 'PendudukLengkap',
    hash: createHash('sha256').update(source).digest('hex'),
    document: source,
    parsed: literal ? parse(source) : VARIABLE_DOCUMENT.parsed,
    coordinates: [
      'Query.penduduk',
      'Penduduk.nik',
      'Penduduk.nama',
      'Penduduk.izinUsaha',
      'IzinUsaha.nomor',
      'IzinUsaha.namaUsaha',
      'IzinUsaha.status',
      'Penduduk.jaminanKesehatan',
    ],
  };
  event.context!.subgraphCalls = [
    { subgraph: 'kependudukan', status: 200, durationMs: 2.41 },
    { subgraph: 'perizinan', status: 200, durationMs: 1.87 },
    { subgraph: 'kesehatan', status: 200, durationMs: 1.52 },
  ];
  return event;
}

interface WriterResult {
  variant: string;
  indexes: IndexSet;
  perSecond: number;
  meanBatch: number;
  nodeCpuUs: number;
  backendCpuUs: number;
}

async function writerRun(variant: string, indexes: IndexSet): Promise<WriterResult> {
  const [path, batch] = variant.split(':');
  if ((path !== 'postgres' && path !== 'drizzle') || !Number.isInteger(Number(batch))) {
    throw new Error(`writer variant ${variant}: expected postgres:<maxBatch> or drizzle:<maxBatch>`);
  }
  const maxBatch = Number(batch);
  return withFreshDatabase(indexes, async (database) => {
    const writer = createAccessLogWriter({ database: database.handle, lookupSecret: 'bench', maxBatch, insertPath: path });
    const events = Array.from({ length: records }, (_, index) => benchEvent(index));
    await writer.record(benchEvent(-1)); // partitions created, head read, connection warm
    const before = writer.stats();
    const inFlight = Math.max(2 * maxBatch, 64); // within maxPending (100 × maxBatch)
    let next = 0;
    const backendBefore = await database.backendCpuMs();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < records) await writer.record(events[next++]!);
      }),
    );
    const elapsed = (performance.now() - started) / 1_000;
    const cpu = process.cpuUsage(cpuBefore);
    const backendMs = (await database.backendCpuMs()) - backendBefore;
    const after = writer.stats();
    await writer.close();
    return {
      variant,
      indexes,
      perSecond: records / elapsed,
      meanBatch: (after.flushed - before.flushed) / Math.max(1, after.batches - before.batches),
      nodeCpuUs: (cpu.user + cpu.system) / records,
      backendCpuUs: (backendMs * 1_000) / records,
    };
  });
}

async function writerPart(): Promise<void> {
  const variants = args['writer-variants'].split(',');
  const sets = args.indexes.split(',').map(indexSet);
  console.log(
    `\n## 1. Writer: ${fmt(records)} records per run, ${rounds} rounds, variants ${variants.join(' ')} × indexes ${sets.join(' ')} (load average ${load()})`,
  );
  const results: WriterResult[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const cases = sets.flatMap((set) => variants.map((variant) => [variant, set] as const));
    // Rotate so that no case always runs first.
    for (let index = 0; index < cases.length; index += 1) {
      const [variant, set] = cases[(index + round) % cases.length]!;
      const result = await writerRun(variant, set);
      results.push(result);
      console.log(
        `round ${round + 1} ${variant.padEnd(10)} ${set.padEnd(22)} ${fmt(result.perSecond).padStart(7)} records/s  mean batch ${fmt(result.meanBatch).padStart(5)}  ` +
          `node ${fmt(result.nodeCpuUs, 1).padStart(5)} µs CPU/record  PostgreSQL backends ${fmt(result.backendCpuUs, 1).padStart(5)} µs CPU/record`,
      );
    }
  }
  console.log(`\nWriter summary (medians over rounds; load average now ${load()}):`);
  console.log('variant    indexes                records/s   best  node µs/rec  PG µs/rec  mean batch');
  for (const set of sets) {
    for (const variant of variants) {
      const runs = results.filter((result) => result.variant === variant && result.indexes === set);
      console.log(
        `${variant.padEnd(10)} ${set.padEnd(22)} ${fmt(median(runs.map((run) => run.perSecond))).padStart(9)} ${fmt(Math.max(...runs.map((run) => run.perSecond))).padStart(6)} ` +
          `${fmt(median(runs.map((run) => run.nodeCpuUs)), 1).padStart(12)} ${fmt(median(runs.map((run) => run.backendCpuUs)), 1).padStart(10)} ${fmt(median(runs.map((run) => run.meanBatch))).padStart(11)}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. The gateway, log off and on

interface BenchQuery {
  key: string;
  label: string;
  operationName: string;
  query: string;
  variables?: Record<string, unknown>;
  requester: Requester;
}

// The queries of bench/authorizationGateway.bench.ts, each sent by its own client application
// (UUIDs: the log stores client and credential ids as uuid).
const QUERIES: readonly BenchQuery[] = [
  {
    key: 'resident',
    label: 'resident + permits + BPJS (3 agencies)',
    operationName: 'PendudukLengkap',
    query: /* GraphQL */ `
      query PendudukLengkap($nik: String!) {
        penduduk(nik: $nik) {
          nik
          nama
          izinUsaha {
            nomor
            namaUsaha
            status
          }
          jaminanKesehatan {
            jenisPeserta
            status
          }
        }
      }
    `,
    variables: { nik: '3501040509830001' },
    requester: { clientId: '0b6f1c1e-0000-4000-8000-000000000001', clientName: 'Bench layanan terpadu', credentialId: '0b6f1c1e-0000-4000-8000-0000000000c1' },
  },
  {
    key: 'permits',
    label: 'permits list (batas 100) with owners',
    operationName: 'DaftarIzinDenganPemilik',
    query: /* GraphQL */ `
      query DaftarIzinDenganPemilik {
        daftarIzinUsaha(batas: 100) {
          nomor
          namaUsaha
          status
          pemilik {
            nama
          }
        }
      }
    `,
    requester: { clientId: '0b6f1c1e-0000-4000-8000-000000000002', clientName: 'Bench perizinan', credentialId: '0b6f1c1e-0000-4000-8000-0000000000c2' },
  },
  {
    key: 'lookup',
    label: 'single permit lookup',
    operationName: 'CekIzinUsaha',
    query: /* GraphQL */ `
      query CekIzinUsaha($nomor: String!) {
        izinUsaha(nomor: $nomor) {
          nomor
          namaUsaha
          status
        }
      }
    `,
    variables: { nomor: 'IZ-3501-2021-00001' },
    requester: { clientId: '0b6f1c1e-0000-4000-8000-000000000003', clientName: 'Bench cek izin', credentialId: '0b6f1c1e-0000-4000-8000-0000000000c3' },
  },
];

/** `off`, `on` (the writer's defaults) or `on@<pacing>` (the writer with that `pacing`). */
type LogMode = string;

function pacingOf(mode: LogMode): number | undefined {
  if (mode === 'off' || mode === 'on') return undefined;
  const match = /^on@(\d+(?:\.\d+)?)$/.exec(mode);
  if (!match) throw new Error(`unknown mode ${mode}: expected off, on or on@<pacing>`);
  return Number(match[1]);
}
const GRANTS = 10;
const NO_GRANTS: GrantSet = { version: 'none', coordinates: new Set() };

/** The query's coordinates, then synthetic ones (no type of the schema) up to `size` grants. */
function paddedGrantSet(clientId: string, needed: readonly string[], size: number): GrantSet {
  const coordinates = new Set(needed);
  for (let index = 0; coordinates.size < size; index += 1) coordinates.add(`Sintetis${Math.floor(index / 20)}.field${index % 20}`);
  return { version: `${clientId}:${size}:semua:open`, coordinates };
}

interface LoggedGatewayParts {
  writer: AccessLogWriter;
  checkpointer: Checkpointer;
}

async function startGateway(
  supergraphSdl: string,
  grantSets: ReadonlyMap<string, GrantSet>,
  privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'],
  log: LoggedGatewayParts | null,
): Promise<{ gateway: Gateway; url: string }> {
  const requesters = new Map(QUERIES.map((query) => [query.operationName, query.requester]));
  // The production wiring (gateway/wiring.ts), with the feed replaced by fixed requesters and grant
  // sets (no quota); "on" adds the log: the collector and `recordAccess`.
  const gateway = await wireGateway({
    source: createStaticSupergraphSource([{ graph: 'semua', version: 1, supergraphSdl }]),
    // A fixed requester per client application, found by the operation it sends.
    async authenticate(request) {
      const operationName = (request.body as { operationName?: unknown } | null)?.operationName;
      const requester = typeof operationName === 'string' ? requesters.get(operationName) : undefined;
      if (!requester) throw new PenghubungError(ErrorCode.UNAUTHENTICATED, { id: 'tidak dikenal', en: 'unknown' });
      return requester;
    },
    grantSet: async (clientId) => ({ ...(grantSets.get(clientId) ?? NO_GRANTS), quotaPerDay: null }),
    tokenSigner: createGatewayTokenSigner(privateKey),
    // One API key per query sent by up to 192 loops: past the default per-key rate and concurrency.
    limitsFor: () => BENCH_LIMITS,
    ...(log ? { recordAccess: (event: AccessEvent) => log.writer.record(event) } : {}),
  });
  const url = `${await gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  return { gateway, url };
}

interface GatewayRun {
  round: number;
  query: string;
  mode: LogMode;
  load: LoadResult & { clientElu: number };
  gatewayElu: number;
  gatewayCpuUs: number;
  backendCpuUs: number;
  agenciesElu: number;
  meanBatch: number | null;
}

async function gatewayPart(): Promise<void> {
  const warmupSeconds = Number(args.warmup);
  const concurrency = Number(args.concurrency);
  const queries = args.queries.split(',').map((key) => {
    const query = QUERIES.find((candidate) => candidate.key === key);
    if (!query) throw new Error(`unknown query ${key}`);
    return query;
  });
  const gatewayIndexes = indexSet(args['gateway-indexes']);
  const modes = args.modes.split(',');
  for (const mode of modes) pacingOf(mode);
  if (modes[0] !== 'off') throw new Error('--modes must start with off: the other modes are compared with it');

  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const operatorKey = generateKeyPairSync('ed25519').privateKey;
  const agenciesChild = startChild('agencies');
  const loadChild = startChild('load');
  try {
    await withFreshDatabase(gatewayIndexes, async (database) => {
      const started = await agenciesChild.call<StartedSubgraph[]>('start', {
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      const outcome = composeGraph(
        started.map(({ slug, url }) => {
          const agency = demoAgencies.find((candidate) => candidate.slug === slug);
          if (!agency) throw new Error(`unknown agency ${slug}`);
          return { name: agency.subgraphName, url, sdl: readDemoSchema(agency) };
        }),
      );
      if (!outcome.ok) throw new Error(`the demo agencies do not compose: ${JSON.stringify(outcome.errors)}`);
      const apiSchema = buildSchema(outcome.apiSchemaSdl);
      const authorizer = new FieldAuthorizer();
      const grantSets = new Map<string, GrantSet>();
      for (const query of QUERIES) {
        const { operation } = authorizer.coordinates(apiSchema, {
          documentKey: query.query,
          document: parse(query.query),
          operationName: query.operationName,
          variables: query.variables ?? null,
        });
        grantSets.set(query.requester.clientId, paddedGrantSet(query.requester.clientId, operation.coordinates, GRANTS));
      }

      const checkpointer = createCheckpointer({ database: database.handle, operatorKey });
      const writers = new Map<LogMode, AccessLogWriter>();
      const gateways = new Map<LogMode, { gateway: Gateway; url: string }>();
      for (const mode of modes) {
        let log: LoggedGatewayParts | null = null;
        if (mode !== 'off') {
          const pacing = pacingOf(mode);
          const writer = createAccessLogWriter({
            database: database.handle,
            lookupSecret: 'bench',
            ...(pacing === undefined ? {} : { pacing }),
            onCommitted: (head) => checkpointer.noteAppended('access', head.seq),
          });
          writers.set(mode, writer);
          log = { writer, checkpointer };
        }
        gateways.set(mode, await startGateway(outcome.supergraphSdl, grantSets, privateKey, log));
      }
      try {
        const bodies = new Map(
          queries.map((query) => [query.key, JSON.stringify({ query: query.query, operationName: query.operationName, variables: query.variables ?? {} })]),
        );
        // The same answer, without errors, from every mode, before anything is measured.
        for (const query of queries) {
          const answers = await Promise.all(
            modes.map(async (mode) => {
              const response = await httpRequest(gateways.get(mode)!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies.get(query.key)! });
              const text = await response.body.text();
              if (response.statusCode !== 200 || text.includes('"errors":')) throw new Error(`${query.key} log ${mode}: HTTP ${response.statusCode} ${text.slice(0, 500)}`);
              return text;
            }),
          );
          if (answers.some((answer) => answer !== answers[0])) throw new Error(`${query.key}: the gateway answers differently with the log on`);
        }

        console.log(
          `\n## 2. Gateway, access log off vs on: Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown CPU'}); ` +
            `${rounds} rounds × modes ${modes.join(' ')} × ${queries.length} queries, ${seconds} s each after ${warmupSeconds} s warm-up, concurrency ${concurrency}; ` +
            `log on PostgreSQL, indexes ${gatewayIndexes} (load average ${load()})`,
        );
        console.log('processes: gateways (this one, and the log writer of "on") | 4 demo agencies (child) | load generator (child) | PostgreSQL');

        // One unmeasured pass over every case first (JIT, plan caches, connections).
        for (const query of queries) {
          for (const mode of modes) {
            await loadChild.call('load', { url: gateways.get(mode)!.url, body: bodies.get(query.key)!, concurrency, durationMs: warmupSeconds * 1_000 } satisfies LoadOptions);
          }
        }

        const results: GatewayRun[] = [];
        for (let round = 0; round < rounds; round += 1) {
          for (const query of queries) {
            // Rotate the order every round so that no mode always runs first or last.
            const order = modes.map((_, index) => modes[(index + round) % modes.length]!);
            for (const mode of order) {
              const writer = writers.get(mode);
              let eluStart: EventLoopUtilization | undefined;
              let cpuStart: NodeJS.CpuUsage | undefined;
              let backendStart: Promise<number> | undefined;
              let agenciesStart: Promise<EluSnapshot> | undefined;
              let statsStart = writer?.stats();
              const result = await loadChild.call<LoadResult & { clientElu: number }>(
                'load',
                { url: gateways.get(mode)!.url, body: bodies.get(query.key)!, concurrency, durationMs: seconds * 1_000, warmupMs: warmupSeconds * 1_000 } satisfies LoadOptions,
                () => {
                  eluStart = performance.eventLoopUtilization();
                  cpuStart = process.cpuUsage();
                  statsStart = writer?.stats();
                  backendStart = database.backendCpuMs();
                  agenciesStart = agenciesChild.call<EluSnapshot>('elu');
                },
              );
              const elu = performance.eventLoopUtilization(eluStart);
              const cpu = process.cpuUsage(cpuStart);
              const statsEnd = writer?.stats();
              const backendMs = (await database.backendCpuMs()) - (await backendStart!);
              const agenciesElu = eluBetween(await agenciesChild.call<EluSnapshot>('elu'), await agenciesStart!);
              const answered = result.requests + result.failures;
              const run: GatewayRun = {
                round,
                query: query.key,
                mode,
                load: result,
                gatewayElu: elu.utilization,
                gatewayCpuUs: (cpu.user + cpu.system) / Math.max(1, answered),
                backendCpuUs: (backendMs * 1_000) / Math.max(1, answered),
                agenciesElu,
                meanBatch:
                  statsStart && statsEnd ? (statsEnd.flushed - statsStart.flushed) / Math.max(1, statsEnd.batches - statsStart.batches) : null,
              };
              results.push(run);
              console.log(
                `round ${round + 1} ${query.key.padEnd(9)} log ${mode.padEnd(6)} ${fmt(result.perSecond).padStart(6)} req/s  ` +
                  `p50 ${fmt(result.latencyMs.p50, 1).padStart(5)} ms  p99 ${fmt(result.latencyMs.p99, 1).padStart(5)} ms  ` +
                  `gateway ${fmt(run.gatewayCpuUs).padStart(5)} µs CPU/req, ELU ${fmt(run.gatewayElu, 2)}  PostgreSQL ${fmt(run.backendCpuUs).padStart(4)} µs CPU/req  ` +
                  `agencies ELU ${fmt(agenciesElu, 2)}  client ELU ${fmt(result.clientElu, 2)}` +
                  (run.meanBatch === null ? '' : `  mean batch ${fmt(run.meanBatch, 1)}`) +
                  (result.failures ? `  ${result.failures} FAILED: ${result.firstFailure}` : ''),
              );
            }
          }
        }
        printGatewaySummary(results, queries, modes);
      } finally {
        for (const { gateway } of gateways.values()) await gateway.close();
        for (const writer of writers.values()) await writer.close();
        await checkpointer.close();
      }

      // Every answer with the log on was logged, and the log verifies.
      const stats = [...writers.values()].map((writer) => writer.stats());
      const report = await verifyLedger(database.handle, createPublicKey(operatorKey), { chain: 'access' });
      console.log(
        `\nlog after the run: ${fmt(Number(report.checked))} rows verified (${report.ok ? 'ok' : `NOT OK: ${report.firstProblem?.kind} at seq ${report.firstProblem?.seq}`}), ` +
          `writers committed ${fmt(stats.reduce((sum, each) => sum + each.flushed, 0))} records in ` +
          `${fmt(stats.reduce((sum, each) => sum + each.batches, 0))} transactions, ${stats.reduce((sum, each) => sum + each.failed, 0)} failed; load average ${load()}`,
      );
    });
  } finally {
    await loadChild.stop();
    await agenciesChild.stop();
  }
}

function printGatewaySummary(results: readonly GatewayRun[], queries: readonly BenchQuery[], modes: readonly LogMode[]): void {
  console.log('\nSummary: medians over rounds. /off = median of the per-round req/s ratios to "off" [min–max].');
  console.log('gw CPU = CPU time of the gateway process per request (all its threads, the log writer included); Δ = minus off\'s.');
  console.log('PG CPU = CPU time of the PostgreSQL backends of the log database per request. batch = mean records per flush.');
  console.log('query     log       req/s     /off  [min–max]      p50 ms  p99 ms  gw CPU µs   Δ µs  PG CPU µs  batch  gw ELU  agencies ELU');
  for (const query of queries) {
    const of = (mode: LogMode) => results.filter((result) => result.query === query.key && result.mode === mode);
    const off = of('off');
    const offCpu = median(off.map((run) => run.gatewayCpuUs));
    for (const mode of modes) {
      const runs = of(mode);
      const ratios = runs.flatMap((run) => {
        const paired = off.find((candidate) => candidate.round === run.round);
        return paired ? [run.load.perSecond / paired.load.perSecond] : [];
      });
      const cpu = median(runs.map((run) => run.gatewayCpuUs));
      const compared = mode !== 'off' && ratios.length > 0;
      const batches = runs.flatMap((run) => (run.meanBatch === null ? [] : [run.meanBatch]));
      console.log(
        [
          query.key.padEnd(9),
          mode.padEnd(7),
          fmt(median(runs.map((run) => run.load.perSecond))).padStart(7),
          (compared ? fmt(median(ratios), 3) : '').padStart(8),
          (compared ? `[${fmt(Math.min(...ratios), 3)}–${fmt(Math.max(...ratios), 3)}]` : '').padEnd(14),
          fmt(median(runs.map((run) => run.load.latencyMs.p50)), 2).padStart(6),
          fmt(median(runs.map((run) => run.load.latencyMs.p99)), 2).padStart(7),
          fmt(cpu).padStart(10),
          (compared ? `${cpu - offCpu >= 0 ? '+' : ''}${fmt(cpu - offCpu)}` : '').padStart(6),
          fmt(median(runs.map((run) => run.backendCpuUs))).padStart(10),
          (batches.length ? fmt(median(batches), 1) : '').padStart(6),
          fmt(median(runs.map((run) => run.gatewayElu)), 2).padStart(7),
          fmt(median(runs.map((run) => run.agenciesElu)), 2).padStart(13),
        ].join(' '),
      );
    }
  }
  const failures = results.reduce((sum, result) => sum + result.load.failures, 0);
  if (failures) console.log(`\n${failures} requests failed (see the rounds above): the figures are not comparable.`);
}

console.log(`PostgreSQL ${serverUrl.replace(/\/[^/]*$/, '/<fresh db>')}, Node ${process.version}, load average ${load()}`);
if (parts.has('writer')) await writerPart();
if (parts.has('gateway')) await gatewayPart();
