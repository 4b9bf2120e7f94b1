/**
 * The gateways of bench/sideBySide.bench.ts, each in a process of its own (`bench/support/child.ts
 * --role gateway`), so that /proc/<pid>/stat of that process is the gateway's CPU and nothing else:
 *
 * - `penghubung` with `governance: 'on'`: the production wiring (gateway/wiring.ts: limits, field
 *   authorization over 10 grants, one signed token per subgraph fetch, error masking; the per-key
 *   rate and concurrency limits raised past the bench's load) and, with a
 *   `log`, the durable access log (the writer commits each record before the response) on PostgreSQL
 *   (the URL of a fresh database) or on PGlite (a temporary folder of this process). The requester is
 *   fixed per operation name, as in bench/accessLog.bench.ts: the production gateway's per-request
 *   API-key lookup is not part of it.
 * - `penghubung` with `governance: 'off'`: buildGateway alone, the same fixed requesters, and no
 *   limits, authorization, token or log: what the governance is measured against.
 * - `stock`: `@apollo/server` (startStandaloneServer) + `@apollo/gateway` over the same supergraph,
 *   every setting at its default.
 * - `hive`: Hive Gateway's runtime (`@graphql-hive/gateway`, createGatewayRuntime) over the same
 *   supergraph on a plain node:http server, with in-flight deduplication of subgraph calls off
 *   (`deduplicateInflightRequests: false` on the HTTP transport) or on (its default); every other
 *   setting at its default but the request log, off as in the others.
 *
 * `start` answers `{ url, pid }`; the process ends when the bench disconnects.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { openDatabase, type DatabaseHandle } from '../../drizzle/database.ts';
import type { GrantSet } from '../../gateway/authorization/core/index.ts';
import { buildGateway, type Gateway } from '../../gateway/buildGateway.ts';
import type { Requester } from '../../gateway/context.ts';
import { wireGateway } from '../../gateway/wiring.ts';
import { createAccessLogWriter, type AccessLogWriter, type AccessEvent } from '../../lib/accessLog/index.ts';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../../lib/config.ts';
import { ErrorCode, PenghubungError } from '../../lib/errors.ts';
import { createDatabaseSupergraphSource } from '../../lib/feed/supergraphFeed.ts';
import { createStaticSupergraphSource } from '../../lib/feed/supergraphSource.ts';
import { createGatewayTokenSigner } from '../../lib/gatewayToken.ts';
import { serveRpc } from './children.ts';

/** A client application of the bench: found by the operation it sends, with its grants. */
export interface BenchClient {
  operationName: string;
  requester: Requester;
  /** The coordinates granted to it (the query's own, padded with synthetic ones). */
  coordinates: string[];
}

export type GatewayVariantSpec =
  | {
      kind: 'penghubung';
      governance: 'on' | 'off';
      /** The access log (governance on only): a fresh PostgreSQL database, or PGlite in this process. */
      log: { database: 'postgres'; url: string } | { database: 'pglite' } | null;
      supergraphSdl: string;
      clients: BenchClient[];
      /**
       * Supergraphs from the registry's database instead (`supergraphSdl` unused): the production feed,
       * LISTEN/NOTIFY plus the safety-net poll (bench/supergraphSwap.bench.ts).
       */
      feed?: { url: string; pollMs: number };
    }
  | { kind: 'stock'; supergraphSdl: string }
  | { kind: 'hive'; supergraphSdl: string; deduplicate: boolean };

export interface StartedGateway {
  url: string;
  pid: number;
}

/** The default operation limits, but a bench's one API key per query may send any rate and concurrency. */
export const BENCH_LIMITS: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, ratePerSecond: 1e9, ratePerMinute: 1e12, maxConcurrent: 1e6 };

export function serveGateway(): void {
  let close: (() => Promise<void>) | undefined;
  serveRpc({
    async start(payload) {
      const spec = payload as GatewayVariantSpec;
      const started =
        spec.kind === 'penghubung' ? await startPenghubung(spec) : spec.kind === 'stock' ? await startStock(spec.supergraphSdl) : await startHive(spec);
      close = started.close;
      return { url: started.url, pid: process.pid } satisfies StartedGateway;
    },
  });
  process.on('disconnect', () => {
    void (close?.() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}

interface Running {
  url: string;
  close(): Promise<void>;
}

async function startPenghubung(spec: Extract<GatewayVariantSpec, { kind: 'penghubung' }>): Promise<Running> {
  const clients = new Map(spec.clients.map((client) => [client.operationName, client]));
  const grantSets = new Map<string, GrantSet>(
    spec.clients.map((client) => [client.requester.clientId, { version: `${client.requester.clientId}:bench`, coordinates: new Set(client.coordinates) }]),
  );
  const feedDatabase = spec.feed ? await openDatabase({ url: spec.feed.url, dataDir: '' }) : undefined;
  const source = feedDatabase
    ? createDatabaseSupergraphSource(feedDatabase, { pollMs: spec.feed!.pollMs })
    : createStaticSupergraphSource([{ graph: 'semua', version: 1, supergraphSdl: spec.supergraphSdl }]);
  async function authenticate(request: { body: unknown }): Promise<Requester> {
    const operationName = (request.body as { operationName?: unknown } | null)?.operationName;
    const client = typeof operationName === 'string' ? clients.get(operationName) : undefined;
    if (!client) throw new PenghubungError(ErrorCode.UNAUTHENTICATED, { id: 'tidak dikenal', en: 'unknown' });
    return client.requester;
  }

  let gateway: Gateway;
  let database: DatabaseHandle | undefined;
  let writer: AccessLogWriter | undefined;
  let folder: string | undefined;
  if (spec.governance === 'off') {
    gateway = await buildGateway({ source, authenticate });
  } else {
    if (spec.log) {
      if (spec.log.database === 'postgres') database = await openDatabase({ url: spec.log.url, dataDir: '' });
      else {
        folder = await mkdtemp(path.join(tmpdir(), 'penghubung-bench-pglite-'));
        database = await openDatabase({ url: undefined, dataDir: folder });
        await database.migrate();
      }
      writer = createAccessLogWriter({ database, lookupSecret: 'bench' });
    }
    const log = writer;
    gateway = await wireGateway({
      source,
      authenticate,
      grantSet: async (clientId) => ({ ...(grantSets.get(clientId) ?? { version: 'none', coordinates: new Set<string>() }), quotaPerDay: null }),
      tokenSigner: createGatewayTokenSigner(generateKeyPairSync('ed25519').privateKey),
      // Every limit is checked as in production, but the per-key rate and concurrency are raised: each
      // query comes from one API key, sent by up to 192 loops at once.
      limitsFor: () => BENCH_LIMITS,
      ...(log ? { recordAccess: (event: AccessEvent) => log.record(event) } : {}),
    });
  }
  const url = `${await gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  return {
    url,
    async close() {
      await gateway.close();
      await writer?.close();
      await database?.close();
      await feedDatabase?.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

async function startStock(supergraphSdl: string): Promise<Running> {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, close: () => server.stop() };
}

async function startHive(spec: Extract<GatewayVariantSpec, { kind: 'hive' }>): Promise<Running> {
  // Loaded only here: an optional devDependency, heavy to import.
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  // Deduplication here is of subgraph calls: identical queries in flight at once to one subgraph
  // share one call (on by default in the HTTP transport). It flatters a bench that repeats one query.
  const runtime = createGatewayRuntime({
    supergraph: spec.supergraphSdl,
    logging: false,
    ...(spec.deduplicate ? {} : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
  });
  const server: Server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/graphql`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}
