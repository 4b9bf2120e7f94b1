import type { KeyObject } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { DatabaseHandle } from '../drizzle/database.ts';
import { createGatewayJwks, createGatewayTokenSigner } from '../lib/gatewayToken.ts';
import { ErrorCode, PenghubungError } from '../lib/errors.ts';
import type { OperatorKey } from '../lib/ledger/index.ts';
import { createAccessLogWriter, type AccessLogAppender } from '../lib/accessLog/index.ts';
import { createCheckpointer } from '../registry/log/checkpoints.ts';
import { createCheckpointPublisher, type CheckpointPublishingConfig } from '../registry/log/publish.ts';
import { createRollupWorker } from '../registry/log/rollup.ts';
import { createAccessLogPlugin } from './accessLog/plugin.ts';
import { createGrantStore, type GrantStore } from '../registry/access/grantStore.ts';
import { createQuotaCounter, type QuotaVerdict } from '../registry/access/quotaCounter.ts';
import { createDatabaseSupergraphSource } from '../registry/supergraphFeed.ts';
import { createAuthorizationPlugin } from './authorization/plugin.ts';
import { createSubgraphCallSigner } from './subgraphToken.ts';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../lib/config.ts';
import { maskError } from './errorMasking/formatError.ts';
import { createErrorMaskingPlugin } from './errorMasking/plugin.ts';
import { createOperationLimits } from './limits/index.ts';
import { buildGateway, type AccessEvent, type Gateway } from './buildGateway.ts';
import type { GatewayContext } from './context.ts';
import { apiKeyOf, missingCredential, refusedCredential } from './credentials.ts';

export interface PenghubungGatewayOptions {
  database: DatabaseHandle;
  signingKey: { privateKey: KeyObject; publicKey: KeyObject };
  /** Lifetime of the token of each subgraph fetch; GATEWAY_TOKEN_TTL_SECONDS (seconds) unless told. */
  tokenTtlSeconds?: number;
  /** Safety-net poll of supergraphs and grants, for changes whose notification was missed. */
  pollMs: number;
  /**
   * The access log: every request's record is committed (group commit, hash-chained) before its
   * response is sent, and the chain heads are signed with the operator's key.
   */
  accessLog: {
    lookupSecret: string;
    operatorKey: OperatorKey;
    failMode: 'closed' | 'open';
    /** Where each checkpoint is also published outside the database (folder, witness). */
    checkpointPublishing?: CheckpointPublishingConfig;
  };
  /** Plugins beside authorization and the log collector, per graph. */
  plugins?: (graph: string) => ApolloServerPlugin<GatewayContext>[];
  logger?: boolean | { level: string };
  /** Operation limits per graph (lib/config.ts `limitsForGraph`); default `DEFAULT_OPERATION_LIMITS` everywhere. */
  limitsFor?: (graph: string) => OperationLimits;
}

export interface PenghubungGateway extends Gateway {
  grantStore: GrantStore;
}

/**
 * The production gateway: supergraphs from the registry's database, API keys checked against the
 * credentials, each operation's field coordinates authorized against the client's grants before any
 * subgraph is called, subgraph calls signed with the gateway's key, and every request logged.
 */
export async function buildPenghubungGateway(options: PenghubungGatewayOptions): Promise<PenghubungGateway> {
  const grantStore = createGrantStore(options.database, { pollIntervalMs: options.pollMs });
  const stopGrantWatch = await grantStore.subscribe((clientId) => grantStore.invalidate(clientId));
  const signer = createGatewayTokenSigner(options.signingKey.privateKey, optionalTtl(options.tokenTtlSeconds));
  const jwks = await createGatewayJwks([options.signingKey.publicKey]);
  const publisher = createCheckpointPublisher(options.accessLog.checkpointPublishing ?? {});
  const checkpointer = createCheckpointer({ database: options.database, operatorKey: options.accessLog.operatorKey, publisher });
  const writer: AccessLogAppender = createAccessLogWriter({
    database: options.database,
    lookupSecret: options.accessLog.lookupSecret,
    failMode: options.accessLog.failMode,
    onCommitted: (head) => checkpointer.noteAppended('access', head.seq),
  });
  // The evaluator's daily rollups follow the log from here; with several gateways one rolls up at a time.
  // PGlite runs one statement at a time for everyone: small steps keep the log's flushes waiting briefly.
  const rollups = createRollupWorker({ database: options.database, maxRows: options.database.kind === 'pglite' ? 5_000 : 50_000 });

  const quotas = createQuotaCounter({ database: options.database });
  const quotaReleases = new WeakMap<object, () => void>();
  const limits = createOperationLimits({ limitsFor: options.limitsFor ?? (() => DEFAULT_OPERATION_LIMITS) });

  const gateway = await buildGateway({
    source: createDatabaseSupergraphSource(options.database, { pollMs: options.pollMs }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    async authenticate(request) {
      const apiKey = apiKeyOf(request);
      if (!apiKey) throw missingCredential();
      const outcome = await grantStore.authenticate(apiKey);
      if ('error' in outcome) throw refusedCredential(outcome.error);
      return outcome;
    },
    admit: ({ requester, graph, variables }) => limits.admit(requester?.credentialId ?? null, graph, variables),
    serverOptions: (graph, supergraph) => ({ ...limits.serverOptions(graph, supergraph), formatError: maskError }),
    plugins: (graph, server) => [
      createErrorMaskingPlugin({
        log: (message, detail) => process.stderr.write(`[penghubung] ${message} (request ${detail.requestId}): ${describeError(detail.error)}\n`),
      }),
      createAuthorizationPlugin<GatewayContext>({
        getGrantSet: (context) => (context.requester ? grantStore.grantSet(context.requester.clientId, context.graph) : null),
        // The daily quota of the requests behind the client's grants in this graph, when they set one.
        admit: async (context) => {
          if (!context.requester) return;
          const grants = await grantStore.grantSet(context.requester.clientId, context.graph);
          if (grants.quotaPerDay === null) return;
          const verdict = await quotas.admit(context.requester.clientId, context.graph, grants.quotaPerDay);
          if (!verdict.admitted) throw quotaExceeded(context.graph, verdict);
          // Released once the request's record is committed (recordAccess below). Keyed by the
          // subgraph-call list: Apollo copies the context per operation, that list is shared.
          quotaReleases.set(context.subgraphCalls, verdict.release);
        },
        mode: 'drop-denied-fields',
        dropsDeniedFields: (context) => context.dropDeniedFields,
        // The trimmed operation goes through the whole pipeline again as its own document, so it is
        // planned and cached under its own hash; the original document is never rewritten.
        executeTrimmed: (trimmed, requestContext) =>
          server().executeOperation(
            { query: trimmed.query, variables: requestContext.request.variables, operationName: requestContext.request.operationName },
            { contextValue: { ...requestContext.contextValue, dropDeniedFields: false } },
          ),
      }),
      createAccessLogPlugin(),
      ...(options.plugins?.(graph) ?? []),
    ],
    // One token per subgraph fetch: audience = that subgraph, fields = its part of the plan.
    signer: createSubgraphCallSigner(signer),
    recordAccess: async (event: AccessEvent) => {
      try {
        await writer.record(event);
      } finally {
        const calls = event.context?.subgraphCalls;
        const release = calls ? quotaReleases.get(calls) : undefined;
        if (calls && release) {
          quotaReleases.delete(calls);
          release();
        }
      }
    },
    routes(app) {
      app.get('/.well-known/jwks.json', async () => jwks);
    },
  });

  return {
    ...gateway,
    grantStore,
    async close() {
      // Requests drain first (each waits for its own record), then the writer flushes and the
      // final heads are signed.
      await gateway.close();
      await writer.close();
      await checkpointer.close();
      await publisher.close();
      await rollups.close();
      await stopGrantWatch();
      await grantStore.close();
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

/** An error's message and, one level down, its cause: for the operator's log only. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const original = (error as { originalError?: unknown }).originalError;
  const inner = original instanceof Error ? original : error.cause instanceof Error ? error.cause : undefined;
  return inner && inner !== error ? `${error.message}: ${inner.message}` : error.message;
}
