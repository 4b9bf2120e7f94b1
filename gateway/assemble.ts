import type { KeyObject } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ApolloServerPlugin } from '@apollo/server';
import type { DatabaseHandle } from '../drizzle/database.ts';
import { createGatewayJwks, createGatewayTokenSigner } from '../lib/gatewayToken.ts';
import { onDatabase } from '../lib/databaseFaults.ts';
import { createAccessLogWriter, type AccessLogAppender } from '../lib/accessLog/index.ts';
import { createDatabaseFeed, type ControlPlaneFeed } from '../lib/feed/index.ts';
import type { GatewayKeyRing } from './keyRing.ts';
import type { OperationLimits } from '../lib/config.ts';
import type { Gateway } from './buildGateway.ts';
import type { GatewayContext } from './context.ts';
import { apiKeyOf, missingCredential, refusedCredential } from './credentials.ts';
import { wireGateway } from './wiring.ts';

export interface PenghubungGatewayOptions {
  database: DatabaseHandle;
  /**
   * The installation's keys, followed without a restart (gateway/keyRing.ts): token-signing keys by
   * their schedule, the lookup secret, the JWKS served. Production passes this; without it the
   * gateway signs with `signingKey` and hashes with `accessLog.lookupSecret`, fixed.
   */
  keyRing?: GatewayKeyRing;
  signingKey?: { privateKey: KeyObject; publicKey: KeyObject };
  /** Lifetime of the token of each subgraph fetch; GATEWAY_TOKEN_TTL_SECONDS (seconds) unless told. */
  tokenTtlSeconds?: number;
  /** Deadline of each subgraph fetch, in seconds, for subgraphs the registry sets none for (default 10; gateway/fetcher.ts). */
  subgraphTimeoutSeconds?: number;
  /** Safety-net poll of supergraphs and grants, for changes whose notification was missed. */
  pollMs: number;
  /** Least time between two supergraph swaps of one graph (gateway/graphRuntime.ts). */
  minSwapIntervalMs?: number;
  /**
   * The access log: every request's record is committed (group commit, hash-chained) before its
   * response is sent. The chain heads are signed by the registry process (registry/log/workers.ts):
   * the gateway holds no operator key.
   */
  accessLog: {
    /** Ignored with a `keyRing`, which provides it. */
    lookupSecret?: string;
    failMode: 'closed' | 'open';
  };
  /** Plugins beside authorization and the log collector, per graph. */
  plugins?: (graph: string) => ApolloServerPlugin<GatewayContext>[];
  logger?: boolean | { level: string };
  /** Operation limits per graph (lib/config.ts `limitsForGraph`); default `DEFAULT_OPERATION_LIMITS` everywhere. */
  /** The console's address, linked from the page a browser visit to /graphql gets. */
  consoleUrl?: string;
  limitsFor?: (graph: string) => OperationLimits;
}

/** Deadline of each database call on the request path (API key, grants, quota): past it, 503 DATABASE_UNAVAILABLE. */
const DATABASE_DEADLINE_MS = 1_500;

export interface PenghubungGateway extends Gateway {
  /** What the gateway reads of the control plane. */
  feed: ControlPlaneFeed;
  /** The keys it follows, when built with a key ring. */
  keyRing?: GatewayKeyRing;
}

/**
 * The production gateway: supergraphs, API keys, grants and quota counts from the control-plane feed,
 * each operation's field coordinates authorized against the client's grants before any subgraph is
 * called, subgraph calls signed with the gateway's key, and every request logged.
 */
export async function buildPenghubungGateway(options: PenghubungGatewayOptions): Promise<PenghubungGateway> {
  const feed = await createDatabaseFeed(options.database, { pollMs: options.pollMs });
  const { keyRing } = options;
  if (!keyRing && (!options.signingKey || options.accessLog.lookupSecret === undefined)) {
    throw new Error('buildPenghubungGateway needs a keyRing, or a signingKey and accessLog.lookupSecret');
  }
  const signer = keyRing ? keyRing.signer : createGatewayTokenSigner(options.signingKey!.privateKey, optionalTtl(options.tokenTtlSeconds));
  const fixedJwks = keyRing ? undefined : await createGatewayJwks([options.signingKey!.publicKey]);
  const jwks = () => (keyRing ? keyRing.jwks() : fixedJwks!);
  const writer: AccessLogAppender = createAccessLogWriter({
    database: options.database,
    lookupSecret: keyRing ? () => keyRing.lookupSecret() : options.accessLog.lookupSecret!,
    failMode: options.accessLog.failMode,
  });

  const gateway = await wireGateway({
    ...(options.consoleUrl ? { consoleUrl: options.consoleUrl } : {}),
    source: feed.supergraphs,
    ...(options.minSwapIntervalMs !== undefined ? { minSwapIntervalMs: options.minSwapIntervalMs } : {}),
    async authenticate(request) {
      const apiKey = apiKeyOf(request);
      if (!apiKey) throw missingCredential();
      const outcome = await onDatabase(() => feed.authenticate(apiKey), DATABASE_DEADLINE_MS, 'API key lookup');
      if ('error' in outcome) throw refusedCredential(outcome.error);
      return outcome;
    },
    grantSet: (clientId, graph) => onDatabase(() => feed.grantSet(clientId, graph), DATABASE_DEADLINE_MS, 'grant lookup'),
    admitQuota: (clientId, graph, quotaPerDay) =>
      onDatabase(() => feed.admitQuota(clientId, graph, quotaPerDay), DATABASE_DEADLINE_MS, 'quota count'),
    // One token per subgraph fetch: audience = that subgraph, fields = its part of the plan.
    tokenSigner: signer,
    recordAccess: (event) => writer.record(event),
    ...(options.limitsFor ? { limitsFor: options.limitsFor } : {}),
    ...(options.plugins ? { plugins: options.plugins } : {}),
    readiness: {
      database: async () => {
        await options.database.db.execute(sql`select 1`);
        return { ready: true, kind: options.database.kind };
      },
      accessLog: async () => {
        const health = writer.health();
        return { ready: health.writing, ...health };
      },
    },
    // The subgraph's own deadline from the registry, else the installation's, else the fetcher's default.
    subgraphFaults: {
      timeoutMsFor: (subgraph) =>
        feed.subgraphTimeoutMs(subgraph) ?? (options.subgraphTimeoutSeconds === undefined ? undefined : options.subgraphTimeoutSeconds * 1_000),
    },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    routes(app) {
      app.get('/.well-known/jwks.json', async () => jwks());
    },
  });

  return {
    ...gateway,
    feed,
    ...(keyRing ? { keyRing } : {}),
    async close() {
      // Requests drain first (each waits for its own record), then the writer flushes.
      await gateway.close();
      await writer.close();
      await feed.close();
      keyRing?.close();
    },
  };
}

function optionalTtl(ttlSeconds: number | undefined): { ttlSeconds?: number } {
  return ttlSeconds === undefined ? {} : { ttlSeconds };
}
