/**
 * Gateway-level cost of field-level authorization (issue 4): throughput and latency of the same
 * gateway over the real demo agencies with authorization off (A) and on (B), the requester holding
 * 10 grants (B10) or 1,000 grants (B1000).
 *
 *   npx tsx bench/authorizationGateway.bench.ts [--seconds 10] [--concurrency 32] [--rounds 3]
 *       [--warmup 2] [--variants A,B10,B1000,B10op] [--queries resident,permits,lookup]
 *
 * B10op is B10 with one signature per operation instead of one per subgraph fetch: B10 against B10op
 * is the cost of the per-fetch tokens (see `onePerOperation`).
 *
 * Three processes, so that no part is charged for another's work: this one serves the gateways; a
 * child runs the four demo agencies (REST backends and subgraphs, verifying the gateway token as in
 * production); another child generates the load (bench/support/load.ts). Loopback only.
 *
 * Every variant is the production wiring (gateway/wiring.ts: operation limits with the per-key rate
 * and concurrency raised past the bench's load, error masking, authorization, per-fetch tokens)
 * minus the database, and what differs between A and B is only the authorization plugin (left out
 * through the wiring's `measure`):
 * - both authenticate with a fixed requester per operation (one client application per benchmark
 *   query) and sign each subgraph call with the same gateway-token code;
 * - A has no authorization plugin; every variant signs one token per subgraph fetch from the fetch's
 *   own operation text (gateway/subgraphToken.ts), so the subgraphs receive the same tokens from A
 *   and B and do the same work;
 * - B adds `createAuthorizationPlugin` ("drop denied fields" opt-in, as in production) whose
 *   `getGrantSet` returns a fixed in-memory grant set: the query's coordinates, padded with
 *   synthetic coordinates to 10 or 1,000 grants. The registry's grant store (database, cached) is
 *   not part of this measure; nor is the access log (see bench/accessLog.bench.ts).
 *
 * The variants are interleaved (rotated each round) so that machine noise hits them alike; the
 * summary gives medians over rounds and the median of the per-round B/A throughput ratios. Two
 * figures depend much less on what else the machine is doing, and say what the ratio means:
 * - "gw CPU µs": CPU time of the gateway process per request (process.cpuUsage, all its threads);
 *   B − A ("Δ") is the whole per-operation cost of authorization on the gateway, plugin hooks
 *   included;
 * - "decision µs": the authorization plugin's `didResolveOperation` alone, timed per operation.
 * "gw ELU" is the gateway's event-loop utilization: near 1, the gateway is the bottleneck and the
 * req/s ratio is the throughput cost; lower, something else (the agencies, the client) limits it.
 *
 * Figures only: nothing here asserts a time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ApolloServerPlugin } from '@apollo/server';
import { buildSchema, parse } from 'graphql';
import { request as httpRequest } from 'undici';
import { FieldAuthorizer, type GrantSet } from '../gateway/authorization/core/index.ts';
import type { Gateway } from '../gateway/buildGateway.ts';
import type { GatewayContext, Requester } from '../gateway/context.ts';
import type { SubgraphCallSigner } from '../gateway/dataSource.ts';
import { wireGateway } from '../gateway/wiring.ts';
import { createStaticSupergraphSource } from '../lib/feed/supergraphSource.ts';
import { ErrorCode, PenghubungError } from '../lib/errors.ts';
import { createGatewayTokenSigner, createGatewayTokenVerifier, type GatewayTokenSigner } from '../lib/gatewayToken.ts';
import { composeGraph } from '../registry/checks/index.ts';
import { demoAgencies, readDemoSchema, startDemoAgencies, type DemoAgencySlug } from '../subgraphs/index.ts';
import { BENCH_LIMITS } from './support/gatewayVariants.ts';
import { median, percentile, runLoad, type LoadOptions, type LoadResult } from './support/load.ts';

// ---------------------------------------------------------------------------------------------
// The benchmark queries. Each is sent by its own client application, whose grants cover exactly
// the query's coordinates (padded to the grant count of the variant).

interface BenchQuery {
  key: string;
  label: string;
  clientId: string;
  operationName: string;
  query: string;
  variables?: Record<string, unknown>;
}

const QUERIES: readonly BenchQuery[] = [
  {
    key: 'resident',
    label: 'resident + permits + BPJS (3 agencies)',
    clientId: 'bench-layanan-terpadu',
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
  },
  {
    key: 'permits',
    label: 'permits list (batas 100) with owners',
    clientId: 'bench-perizinan',
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
  },
  {
    key: 'lookup',
    label: 'single permit lookup',
    clientId: 'bench-cek-izin',
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
  },
];

const VARIANTS = ['A', 'B10', 'B1000', 'B10op'] as const;
type Variant = (typeof VARIANTS)[number];
const GRANTS: Record<Variant, number | null> = { A: null, B10: 10, B1000: 1_000, B10op: 10 };

// ---------------------------------------------------------------------------------------------
// Processes: this file is also the entry point of its two children (`--role agencies|load`).

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    variants: { type: 'string', default: VARIANTS.join(',') },
    queries: { type: 'string', default: QUERIES.map((query) => query.key).join(',') },
    role: { type: 'string', default: 'main' },
  },
});

interface RpcRequest {
  id: number;
  type: string;
  payload?: unknown;
}
interface RpcReply {
  id: number;
  kind: 'reply' | 'event';
  value?: unknown;
  error?: string;
}

/** Serves `handlers` over the IPC channel of a forked child. */
function serveRpc(
  handlers: Record<string, (payload: unknown, event: (value: unknown) => void) => Promise<unknown>>,
): void {
  process.on('message', (message: RpcRequest) => {
    const send = (reply: RpcReply) => process.send?.(reply);
    const handler = handlers[message.type];
    if (!handler) {
      send({ id: message.id, kind: 'reply', error: `unknown request ${message.type}` });
      return;
    }
    handler(message.payload, (value) => send({ id: message.id, kind: 'event', value })).then(
      (value) => send({ id: message.id, kind: 'reply', value }),
      (error: unknown) =>
        send({
          id: message.id,
          kind: 'reply',
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
}

interface Child {
  process: ChildProcess;
  call<T>(type: string, payload?: unknown, onEvent?: (value: unknown) => void): Promise<T>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill();
});

function startChild(role: 'agencies' | 'load'): Child {
  // Plain `--import tsx` (not the parent's flags): a `--cpu-prof` given to this process profiles
  // the gateways only.
  const child = fork(fileURLToPath(import.meta.url), ['--role', role], {
    execArgv: ['--import', 'tsx'],
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    serialization: 'advanced',
  });
  children.add(child);
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; onEvent?: (value: unknown) => void }
  >();
  child.on('message', (reply: RpcReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'event') return waiting.onEvent?.(reply.value);
    pending.delete(reply.id);
    if (reply.error) waiting.reject(new Error(`${role} child: ${reply.error}`));
    else waiting.resolve(reply.value);
  });
  child.on('exit', (code, signal) => {
    children.delete(child);
    for (const waiting of pending.values())
      waiting.reject(new Error(`${role} child exited (${code ?? signal})`));
    pending.clear();
  });
  return {
    process: child,
    call<T>(type: string, payload?: unknown, onEvent?: (value: unknown) => void): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, {
          resolve: resolve as (value: unknown) => void,
          reject,
          ...(onEvent ? { onEvent } : {}),
        });
        child.send({ id, type, payload } satisfies RpcRequest);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

type EluSnapshot = Pick<EventLoopUtilization, 'idle' | 'active'>;

function agenciesRole(): void {
  let agencies: Awaited<ReturnType<typeof startDemoAgencies>> | undefined;
  serveRpc({
    async start(payload) {
      const { publicKeyPem } = payload as { publicKeyPem: string };
      // As scripts/system.ts: the subgraphs verify the gateway's token with its public key.
      agencies = await startDemoAgencies({
        gatewayTokenVerifier: createGatewayTokenVerifier(createPublicKey(publicKeyPem)),
      });
      return agencies.agencies.map((entry) => ({ slug: entry.agency.slug, url: entry.subgraphUrl }));
    },
    async elu() {
      const { idle, active } = performance.eventLoopUtilization();
      return { idle, active } satisfies EluSnapshot;
    },
  });
  process.on('disconnect', () => {
    void (agencies?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}

function loadRole(): void {
  serveRpc({
    async load(payload, event) {
      const options = payload as Omit<LoadOptions, 'onMeasureStart'>;
      const started = performance.eventLoopUtilization();
      let measuring = started;
      const result = await runLoad({
        ...options,
        onMeasureStart: () => {
          measuring = performance.eventLoopUtilization();
          event('measuring');
        },
      });
      return { ...result, clientElu: performance.eventLoopUtilization(measuring).utilization };
    },
  });
  process.on('disconnect', () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// The gateways.

type BenchRequester = Requester;

interface StartedGateway {
  gateway: Gateway;
  url: string;
  /** Durations (µs) of the authorization decision per operation, since last emptied; B only. */
  authorizationTimes: number[];
}

const NO_GRANTS = { version: 'none', coordinates: new Set<string>(), quotaPerDay: null };

/** The query's coordinates, then synthetic ones (no type of the schema) up to `size` grants. */
function paddedGrantSet(clientId: string, needed: readonly string[], size: number): GrantSet {
  if (needed.length > size)
    throw new Error(`${clientId} needs ${needed.length} coordinates, more than ${size} grants`);
  const coordinates = new Set(needed);
  for (let index = 0; coordinates.size < size; index += 1) {
    coordinates.add(`Sintetis${Math.floor(index / 20)}.field${index % 20}`);
  }
  // Shaped as the grant store's versions: `<client>:<grants_version>:<graph>:<valid until>`.
  return { version: `${clientId}:${size}:semua:open`, coordinates };
}

/**
 * Times the plugin's `didResolveOperation` (where the whole decision is made: coordinates, grant
 * set, rules, decision), into `times` in µs. Wall time of an async hook: a sample can include other
 * requests' microtasks, so read the median.
 */
function timedDecision(
  times: number[],
  plugin: ApolloServerPlugin<GatewayContext>,
): ApolloServerPlugin<GatewayContext> {
  return {
    ...plugin,
    async requestDidStart(requestContext) {
      const listener = await plugin.requestDidStart?.(requestContext);
      const decide = listener?.didResolveOperation;
      if (!listener || !decide) return listener;
      return {
        ...listener,
        async didResolveOperation(context) {
          const started = performance.now();
          try {
            await decide.call(listener, context);
          } finally {
            times.push((performance.now() - started) * 1_000);
          }
        },
      };
    },
  };
}

/**
 * B10op: what signing costs with ONE signature per operation (the earlier model) instead of one per
 * subgraph fetch. The gateway signs one token per operation, as that model did, and the fetches carry
 * per-fetch tokens taken from a cache (re-signed every 2 s), so that the subgraphs still accept them
 * and do the same verification work: B10 − B10op is the cost of the extra signatures alone.
 */
function onePerOperation(signer: GatewayTokenSigner, perFetch: SubgraphCallSigner): SubgraphCallSigner {
  // The requests whose operation token is signed (the request record is one per request).
  const signedFor = new WeakSet<object>();
  const cached = new Map<string, { token: string; at: number }>();
  return (call) => {
    const { request } = call.context;
    if (!signedFor.has(request)) {
      signedFor.add(request);
      signer.sign({
        audience: call.subgraph,
        requester: request.requester?.clientId ?? 'anonim',
        graph: request.graph,
        requestId: request.id,
        fields: [...(call.context.authorization?.allowed ?? [])],
      });
    }
    const key = `${call.subgraph}\n${call.operation}`;
    const hit = cached.get(key);
    if (hit && Date.now() - hit.at < 2_000) return hit.token;
    const token = perFetch(call) as string;
    cached.set(key, { token, at: Date.now() });
    return token;
  };
}

async function startGateway(
  variant: Variant,
  supergraphSdl: string,
  requesters: ReadonlyMap<string, BenchRequester>,
  needed: ReadonlyMap<string, readonly string[]>,
  privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'],
): Promise<StartedGateway> {
  const size = GRANTS[variant];
  const authorizationTimes: number[] = [];
  // B's grants: the query's coordinates, padded; A has no authorization plugin to read any.
  const grantSets = new Map(
    size === null
      ? []
      : [...requesters.values()].map((requester) => [
          requester.clientId,
          { ...paddedGrantSet(requester.clientId, needed.get(requester.clientId) ?? [], size), quotaPerDay: null },
        ]),
  );
  const signer = createGatewayTokenSigner(privateKey);
  // The production wiring (gateway/wiring.ts: limits, error masking, authorization, per-fetch
  // tokens), with the feed replaced by fixed requesters and grant sets; the variants differ only in
  // what `measure` changes.
  const gateway = await wireGateway({
    source: createStaticSupergraphSource([{ graph: 'semua', version: 1, supergraphSdl }]),
    // A fixed requester per client application, found by the operation it sends.
    async authenticate(request) {
      const operationName = (request.body as { operationName?: unknown } | null)?.operationName;
      const requester = typeof operationName === 'string' ? requesters.get(operationName) : undefined;
      if (!requester)
        throw new PenghubungError(ErrorCode.UNAUTHENTICATED, { id: 'tidak dikenal', en: 'unknown' });
      return requester;
    },
    grantSet: async (clientId) => grantSets.get(clientId) ?? NO_GRANTS,
    tokenSigner: signer,
    // One API key per query sent by all the loops: past the default per-key rate and concurrency.
    limitsFor: () => BENCH_LIMITS,
    measure: {
      // A: no field authorization; B: the plugin, its decision timed.
      authorization: (plugin) => (size === null ? null : timedDecision(authorizationTimes, plugin)),
      ...(variant === 'B10op' ? { subgraphCallSigner: (perFetch) => onePerOperation(signer, perFetch) } : {}),
    },
  });
  const url = `${await gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  return { gateway, url, authorizationTimes };
}

// ---------------------------------------------------------------------------------------------
// The run.

interface RunResult {
  round: number;
  query: string;
  variant: Variant;
  load: LoadResult & { clientElu: number };
  gatewayElu: number;
  gatewayCpuUsPerRequest: number;
  /** Duration of the authorization decision per operation (B only). */
  authorizationUs: { p50: number; p99: number } | null;
  agenciesElu: number;
}

const fmt = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '-';

function eluDelta(end: EluSnapshot, start: EluSnapshot): { active: number; utilization: number } {
  const active = end.active - start.active;
  const idle = end.idle - start.idle;
  return { active, utilization: active / Math.max(1e-9, active + idle) };
}

async function main(): Promise<void> {
  const seconds = Number(args.seconds);
  const concurrency = Number(args.concurrency);
  const rounds = Number(args.rounds);
  const warmupSeconds = Number(args.warmup);
  const variants = args.variants.split(',').map((name) => {
    if (!(VARIANTS as readonly string[]).includes(name)) throw new Error(`unknown variant ${name}`);
    return name as Variant;
  });
  const queries = args.queries.split(',').map((key) => {
    const query = QUERIES.find((candidate) => candidate.key === key);
    if (!query) throw new Error(`unknown query ${key}`);
    return query;
  });

  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const agenciesChild = startChild('agencies');
  const loadChild = startChild('load');
  const gateways = new Map<Variant, StartedGateway>();
  try {
    const started = await agenciesChild.call<{ slug: DemoAgencySlug; url: string }[]>('start', {
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

    // Each query's coordinates, computed by the authorization core on the API schema, exactly as
    // the plugin computes them on the gateway's schema.
    const apiSchema = buildSchema(outcome.apiSchemaSdl);
    const authorizer = new FieldAuthorizer();
    const needed = new Map<string, readonly string[]>();
    const requesters = new Map<string, BenchRequester>();
    for (const query of QUERIES) {
      const { operation } = authorizer.coordinates(apiSchema, {
        documentKey: query.query,
        document: parse(query.query),
        operationName: query.operationName,
        variables: query.variables ?? null,
      });
      needed.set(query.clientId, operation.coordinates);
      requesters.set(query.operationName, {
        clientId: query.clientId,
        clientName: `Bench ${query.key}`,
        credentialId: `${query.clientId}-key`,
      });
    }

    for (const variant of VARIANTS) {
      gateways.set(
        variant,
        await startGateway(variant, outcome.supergraphSdl, requesters, needed, privateKey),
      );
    }

    const bodies = new Map(
      queries.map((query) => [
        query.key,
        JSON.stringify({
          query: query.query,
          operationName: query.operationName,
          variables: query.variables ?? {},
        }),
      ]),
    );

    // The same answer, without errors, from every variant, before anything is measured.
    const answers = new Map<string, string>();
    for (const query of queries) {
      for (const variant of VARIANTS) {
        const response = await httpRequest(gateways.get(variant)!.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: bodies.get(query.key)!,
        });
        const text = await response.body.text();
        if (response.statusCode !== 200 || text.includes('"errors":')) {
          throw new Error(`${query.key} on ${variant}: HTTP ${response.statusCode} ${text.slice(0, 500)}`);
        }
        const first = answers.get(query.key);
        if (first === undefined) answers.set(query.key, text);
        else if (first !== text) throw new Error(`${query.key}: ${variant} answers differently from A`);
      }
    }

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(
      `Node ${process.version}, ${availableParallelism()} CPUs (${cpu}); ${rounds} rounds × ${variants.length} variants × ${queries.length} queries, ` +
        `${seconds} s each after ${warmupSeconds} s warm-up, concurrency ${concurrency}, loopback, undici Pool`,
    );
    console.log(
      'processes: gateways (this one) | 4 demo agencies, REST + subgraphs (child) | load generator (child)',
    );
    for (const query of queries) {
      const answer = JSON.parse(answers.get(query.key)!) as { data: Record<string, unknown> };
      const top = Object.values(answer.data)[0];
      const size = Array.isArray(top) ? `${top.length} items, ` : '';
      console.log(
        `  ${query.key.padEnd(9)} ${query.label}: ${needed.get(query.clientId)!.length} coordinates, ${size}${fmt(answers.get(query.key)!.length)} B answer`,
      );
    }
    console.log('');

    // One unmeasured pass over every case first: the first measured run would otherwise pay for
    // the JIT and the plan caches of the whole stack.
    for (const query of queries) {
      for (const variant of variants) {
        await loadChild.call('load', {
          url: gateways.get(variant)!.url,
          body: bodies.get(query.key)!,
          concurrency,
          durationMs: warmupSeconds * 1_000,
        } satisfies LoadOptions);
      }
    }

    const results: RunResult[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const query of queries) {
        // Rotate the order every round so that no variant always runs first or last.
        const order = variants.map((_, index) => variants[(index + round) % variants.length]!);
        for (const variant of order) {
          const { url, authorizationTimes } = gateways.get(variant)!;
          let gatewayStart: EventLoopUtilization | undefined;
          let gatewayCpuStart: NodeJS.CpuUsage | undefined;
          let agenciesStart: Promise<EluSnapshot> | undefined;
          const load = await loadChild.call<LoadResult & { clientElu: number }>(
            'load',
            {
              url,
              body: bodies.get(query.key)!,
              concurrency,
              durationMs: seconds * 1_000,
              warmupMs: warmupSeconds * 1_000,
            } satisfies LoadOptions,
            () => {
              gatewayStart = performance.eventLoopUtilization();
              gatewayCpuStart = process.cpuUsage();
              authorizationTimes.length = 0;
              agenciesStart = agenciesChild.call<EluSnapshot>('elu');
            },
          );
          const gateway = performance.eventLoopUtilization(gatewayStart);
          const gatewayCpu = process.cpuUsage(gatewayCpuStart);
          const decisions = Float64Array.from(authorizationTimes).sort();
          const agencies = eluDelta(await agenciesChild.call<EluSnapshot>('elu'), await agenciesStart!);
          const result: RunResult = {
            round,
            query: query.key,
            variant,
            load,
            gatewayElu: gateway.utilization,
            gatewayCpuUsPerRequest:
              (gatewayCpu.user + gatewayCpu.system) / Math.max(1, load.requests + load.failures),
            agenciesElu: agencies.utilization,
            authorizationUs: decisions.length
              ? { p50: percentile(decisions, 0.5), p99: percentile(decisions, 0.99) }
              : null,
          };
          results.push(result);
          console.log(
            `round ${round + 1} ${query.key.padEnd(9)} ${variant.padEnd(5)} ${fmt(load.perSecond).padStart(6)} req/s  ` +
              `p50 ${fmt(load.latencyMs.p50, 1).padStart(5)} ms  p99 ${fmt(load.latencyMs.p99, 1).padStart(5)} ms  ` +
              `gateway ${fmt(result.gatewayCpuUsPerRequest).padStart(5)} µs CPU/req, ELU ${fmt(result.gatewayElu, 2)}  ` +
              `agencies ELU ${fmt(result.agenciesElu, 2)}  client ELU ${fmt(load.clientElu, 2)}` +
              (result.authorizationUs ? `  decision p50 ${fmt(result.authorizationUs.p50, 1)} µs` : '') +
              (load.failures ? `  ${load.failures} FAILED: ${load.firstFailure}` : ''),
          );
        }
      }
    }

    printSummary(results, queries, variants);
  } finally {
    for (const { gateway } of gateways.values()) await gateway.close();
    await loadChild.stop();
    await agenciesChild.stop();
  }
}

function decisionColumn(runs: readonly RunResult[]): string {
  const timed = runs.flatMap((run) => (run.authorizationUs ? [run.authorizationUs] : []));
  if (timed.length === 0) return '';
  return `${fmt(median(timed.map((time) => time.p50)), 1)} / ${fmt(median(timed.map((time) => time.p99)), 1)}`;
}

function printSummary(
  results: readonly RunResult[],
  queries: readonly BenchQuery[],
  variants: readonly Variant[],
): void {
  console.log('\nSummary: medians over rounds. B/A = median of the per-round req/s ratios [min–max].');
  console.log(
    "gateway CPU = CPU time of the gateway process per request (all its threads); Δ = the same minus A's.",
  );
  const columns: [string, number][] = [
    ['query', -9],
    ['variant', -7],
    ['req/s', 7],
    ['B/A', 6],
    ['[min–max]', -13],
    ['p50 ms', 7],
    ['p99 ms', 7],
    ['gw CPU µs', 9],
    ['Δ µs', 6],
    ['decision µs p50/p99', 19],
    ['gw ELU', 6],
    ['agencies ELU', 12],
  ];
  const row = (cells: string[]) =>
    console.log(
      cells
        .map((cell, index) => {
          const width = columns[index]![1];
          return width < 0 ? cell.padEnd(-width) : cell.padStart(width);
        })
        .join(' '),
    );
  row(columns.map(([title]) => title));
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${fmt(value)}`;
  for (const query of queries) {
    const of = (variant: Variant) =>
      results.filter((result) => result.query === query.key && result.variant === variant);
    const baseline = of('A');
    const baselineCpu = median(baseline.map((result) => result.gatewayCpuUsPerRequest));
    for (const variant of variants) {
      const runs = of(variant);
      const ratios = runs.flatMap((run) => {
        const paired = baseline.find((candidate) => candidate.round === run.round);
        return paired ? [run.load.perSecond / paired.load.perSecond] : [];
      });
      const cpu = median(runs.map((run) => run.gatewayCpuUsPerRequest));
      const compared = variant !== 'A' && ratios.length > 0;
      row([
        query.key,
        variant,
        fmt(median(runs.map((run) => run.load.perSecond))),
        compared ? fmt(median(ratios), 3) : '',
        compared ? `[${fmt(Math.min(...ratios), 3)}–${fmt(Math.max(...ratios), 3)}]` : '',
        fmt(median(runs.map((run) => run.load.latencyMs.p50)), 2),
        fmt(median(runs.map((run) => run.load.latencyMs.p99)), 2),
        fmt(cpu),
        variant !== 'A' && baseline.length > 0 ? signed(cpu - baselineCpu) : '',
        decisionColumn(runs),
        fmt(median(runs.map((run) => run.gatewayElu)), 2),
        fmt(median(runs.map((run) => run.agenciesElu)), 2),
      ]);
    }
  }
  const failures = results.reduce((sum, result) => sum + result.load.failures, 0);
  if (failures)
    console.log(`\n${failures} requests failed (see the rounds above): the figures are not comparable.`);
}

if (args.role === 'agencies') agenciesRole();
else if (args.role === 'load') loadRole();
else await main();
