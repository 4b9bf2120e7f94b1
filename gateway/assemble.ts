import type { KeyObject } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ApolloServerPlugin } from '@apollo/server';
import type { DatabaseHandle } from '../drizzle/database.ts';
import { createGatewayJwks, createGatewayTokenSigner } from '../lib/gatewayToken.ts';
import { onDatabase } from '../lib/databaseFaults.ts';
import { ErrorCode, PenghubungError } from '../lib/errors.ts';
import { createAccessLogWriter, type AccessLogAppender } from '../lib/accessLog/index.ts';
import { createAccessLogPlugin } from './accessLog/plugin.ts';
import { createDatabaseFeed, type ControlPlaneFeed, type QuotaVerdict } from '../lib/feed/index.ts';
import { createAuthorizationPlugin } from './authorization/plugin.ts';
import { createSubgraphCallSigner } from './subgraphToken.ts';
import type { GatewayKeyRing } from './keyRing.ts';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../lib/config.ts';
import { maskError } from './errorMasking/formatError.ts';
import { createErrorMaskingPlugin } from './errorMasking/plugin.ts';
import { createOperationLimits } from './limits/index.ts';
import { buildGateway, type AccessEvent, type Gateway } from './buildGateway.ts';
import type { GatewayContext } from './context.ts';
import { apiKeyOf, missingCredential, refusedCredential } from './credentials.ts';

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

  const limits = createOperationLimits({ limitsFor: options.limitsFor ?? (() => DEFAULT_OPERATION_LIMITS) });

  const grantSetOf = (clientId: string, graph: string) => onDatabase(() => feed.grantSet(clientId, graph), DATABASE_DEADLINE_MS, 'grant lookup');

  const gateway = await buildGateway({
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
    source: feed.supergraphs,
    // The subgraph's own deadline from the registry, else the installation's, else the fetcher's default.
    subgraphFaults: {
      timeoutMsFor: (subgraph) =>
        feed.subgraphTimeoutMs(subgraph) ?? (options.subgraphTimeoutSeconds === undefined ? undefined : options.subgraphTimeoutSeconds * 1_000),
    },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    async authenticate(request) {
      const apiKey = apiKeyOf(request);
      if (!apiKey) throw missingCredential();
      const outcome = await onDatabase(() => feed.authenticate(apiKey), DATABASE_DEADLINE_MS, 'API key lookup');
      if ('error' in outcome) throw refusedCredential(outcome.error);
      return outcome;
    },
    inspectBody: (graph, text) => limits.inspectBody(graph, text),
    admit: ({ requester, graph, variables, onFinish }) => limits.admit(requester?.credentialId ?? null, graph, variables, onFinish),
    serverOptions: (graph, supergraph) => ({ ...limits.serverOptions(graph, supergraph), formatError: maskError }),
    plugins: (graph, server) => [
      createErrorMaskingPlugin({
        log: (message, detail) => process.stderr.write(`[penghubung] ${message} (request ${detail.requestId}): ${detail.description}\n`),
      }),
      createAuthorizationPlugin<GatewayContext>({
        getGrantSet: ({ request }) => (request.requester ? grantSetOf(request.requester.clientId, request.graph) : null),
        // The daily quota of the requests behind the client's grants in this graph, when they set one.
        admit: async ({ request }) => {
          const requester = request.requester;
          if (!requester) return;
          const grants = await grantSetOf(requester.clientId, request.graph);
          if (grants.quotaPerDay === null) return;
          const quotaPerDay = grants.quotaPerDay;
          const verdict = await onDatabase(() => feed.admitQuota(requester.clientId, request.graph, quotaPerDay), DATABASE_DEADLINE_MS, 'quota count');
          if (!verdict.admitted) throw quotaExceeded(request.graph, verdict);
          // The request holds its place in the quota until its record is committed (or the write failed).
          request.onFinish(verdict.release);
        },
        mode: 'drop-denied-fields',
        dropsDeniedFields: (context) => context.dropDeniedFields,
        // The trimmed operation goes through the whole pipeline again as its own document, so it is
        // planned and cached under its own hash; the original document is never rewritten.
        executeTrimmed: (trimmed, requestContext) =>
          server().executeOperation(
            { query: trimmed.query, variables: requestContext.request.variables, operationName: requestContext.request.operationName },
            { contextValue: { request: requestContext.contextValue.request, dropDeniedFields: false } },
          ),
      }),
      createAccessLogPlugin(),
      ...(options.plugins?.(graph) ?? []),
    ],
    // One token per subgraph fetch: audience = that subgraph, fields = its part of the plan.
    signer: createSubgraphCallSigner(signer),
    recordAccess: (event: AccessEvent) => writer.record(event),
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

function quotaExceeded(graph: string, verdict: Extract<QuotaVerdict, { admitted: false }>): PenghubungError {
  return new PenghubungError(
    ErrorCode.QUOTA_EXCEEDED,
    {
      id:
        `Kuota harian aplikasi ini pada graph "${graph}" (${verdict.quotaPerDay} permintaan per hari) sudah habis ` +
        `untuk ${verdict.day}; kuota pulih pukul 00.00 WIB. Ajukan permohonan akses baru bila perlu kuota lebih besar.`,
      en:
        `This application's daily quota in graph "${graph}" (${verdict.quotaPerDay} requests per day) is used up ` +
        `for ${verdict.day}; it resets at 00:00 WIB. Submit a new access request for a larger quota.`,
    },
    { quotaPerDay: verdict.quotaPerDay, used: verdict.used, resetsAt: verdict.resetsAt.toISOString() },
  );
}

function optionalTtl(ttlSeconds: number | undefined): { ttlSeconds?: number } {
  return ttlSeconds === undefined ? {} : { ttlSeconds };
}
