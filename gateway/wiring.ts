import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessEvent } from '../lib/accessLog/index.ts';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../lib/config.ts';
import { ErrorCode, PenghubungError } from '../lib/errors.ts';
import type { QuotaVerdict } from '../lib/feed/index.ts';
import type { SupergraphSource } from '../lib/feed/supergraphSource.ts';
import type { GatewayTokenSigner } from '../lib/gatewayToken.ts';
import { createAccessLogPlugin } from './accessLog/plugin.ts';
import type { GrantSet } from './authorization/core/index.ts';
import { createAuthorizationPlugin } from './authorization/plugin.ts';
import { buildGateway, type Gateway, type ReadinessCheck } from './buildGateway.ts';
import type { GatewayContext } from './context.ts';
import { maskError } from './errorMasking/formatError.ts';
import { createErrorMaskingPlugin } from './errorMasking/plugin.ts';
import type { SubgraphFaultOptions } from './fetcher.ts';
import { createOperationLimits } from './limits/index.ts';
import type { Requester } from './request.ts';
import type { SubgraphCallSigner } from './dataSource.ts';
import { createSubgraphCallSigner } from './subgraphToken.ts';

/** A client's grants in a graph, with the daily quota behind them (null: none). */
export type GatewayGrantSet = GrantSet & { readonly quotaPerDay: number | null };

/** What the request's steps read and write outside the gateway. */
export interface GatewayParts {
  source: SupergraphSource;
  /** Least time between two supergraph swaps of one graph (gateway/graphRuntime.ts). */
  minSwapIntervalMs?: number;
  /** The caller of a request; throws a PenghubungError (401, or 503 when it cannot tell) to refuse it. */
  authenticate(request: FastifyRequest): Promise<Requester | null>;
  /** The client's grants in a graph, with the daily quota behind them (null: none). */
  grantSet(clientId: string, graph: string): Promise<GatewayGrantSet>;
  /** Counts one request against the client's daily quota in a graph; needed when a grant set has a quota. */
  admitQuota?(clientId: string, graph: string, quotaPerDay: number): Promise<QuotaVerdict>;
  /** Signs the token of each subgraph fetch (audience = the subgraph, fields = the fetch's). */
  tokenSigner: GatewayTokenSigner;
  /** Writes a request's access-log record; absent, nothing is collected for the log. */
  recordAccess?: (access: AccessEvent) => Promise<void>;
  /** Operation limits per graph; default `DEFAULT_OPERATION_LIMITS` everywhere. */
  limitsFor?: (graph: string) => OperationLimits;
  /** Where the description of a masked error goes, its values left out (default: the process's stderr). */
  logMaskedError?: (message: string, detail: { requestId: string; description: string }) => void;
  /** Plugins after the gateway's own steps, per graph. */
  plugins?: (graph: string) => ApolloServerPlugin<GatewayContext>[];
  readiness?: Record<string, () => Promise<ReadinessCheck>>;
  subgraphFaults?: SubgraphFaultOptions;
  routes?: (app: FastifyInstance) => void;
  logger?: boolean | { level: string };
  /**
   * For benchmarks that measure one step against the same wiring without it
   * (bench/authorizationGateway.bench.ts); the production gateway never sets it.
   * `authorization` receives the field-authorization plugin and returns what to use instead (the
   * plugin wrapped to time its decision), or null to leave field authorization out; `subgraphCallSigner`
   * receives the per-fetch signer and returns the one to use.
   */
  measure?: {
    authorization?: (plugin: ApolloServerPlugin<GatewayContext>) => ApolloServerPlugin<GatewayContext> | null;
    subgraphCallSigner?: (perFetch: SubgraphCallSigner) => SubgraphCallSigner;
  };
  /** The console's address, linked from the page a browser visit to /graphql gets. */
  consoleUrl?: string;
}

/**
 * The gateway with the steps of a request wired in their order (README, "a request's path"):
 * authentication, limits (body nesting, rate and variables before GraphQL; tokens, depth, aliases
 * and cost before validation), field authorization against the client's grants with "drop denied
 * fields" on request, the daily quota, one signed token per subgraph fetch, masked errors, and the
 * access-log record.
 * The one wiring: the production gateway (./assemble.ts) gives it the control-plane feed and the log
 * appender; tests and benches give it fixed parts.
 */
export async function wireGateway(parts: GatewayParts): Promise<Gateway> {
  const limits = createOperationLimits({ limitsFor: parts.limitsFor ?? (() => DEFAULT_OPERATION_LIMITS) });
  const logMaskedError =
    parts.logMaskedError ??
    ((message, detail) =>
      process.stderr.write(`[penghubung] ${message} (request ${detail.requestId}): ${detail.description}\n`));

  const perFetch = createSubgraphCallSigner(parts.tokenSigner);
  const measured = (plugin: ApolloServerPlugin<GatewayContext>) =>
    parts.measure?.authorization ? parts.measure.authorization(plugin) : plugin;
  return buildGateway({
    source: parts.source,
    ...(parts.minSwapIntervalMs !== undefined ? { minSwapIntervalMs: parts.minSwapIntervalMs } : {}),
    ...(parts.consoleUrl ? { consoleUrl: parts.consoleUrl } : {}),
    authenticate: (request) => parts.authenticate(request),
    inspectBody: (graph, text) => limits.inspectBody(graph, text),
    admit: ({ requester, graph, variables, onFinish }) =>
      limits.admit(requester?.credentialId ?? null, graph, variables, onFinish),
    serverOptions: (graph, supergraph) => ({
      ...limits.serverOptions(graph, supergraph),
      formatError: maskError,
    }),
    plugins: (graph, server) =>
      [
        createErrorMaskingPlugin({ log: logMaskedError }),
        measured(
          createAuthorizationPlugin<GatewayContext, GatewayGrantSet>({
            getGrantSet: ({ request }) =>
              request.requester ? parts.grantSet(request.requester.clientId, request.graph) : null,
            // The daily quota of the requests behind the client's grants in this graph, when they set one
            // (the grant set the operation was just authorized with: no second lookup).
            admit: async ({ request }, grants) => {
              const requester = request.requester;
              if (!requester || grants.quotaPerDay === null) return;
              if (!parts.admitQuota)
                throw new Error('a grant set has a daily quota, but the gateway has no quota counter');
              const verdict = await parts.admitQuota(requester.clientId, request.graph, grants.quotaPerDay);
              if (!verdict.admitted) throw quotaExceeded(request.graph, verdict);
              // The request holds its place in the quota until its record is committed (or the write failed).
              request.onFinish(verdict.release);
            },
            mode: 'drop-denied-fields',
            dropsDeniedFields: (context) => context.dropDeniedFields,
            // The trimmed operation goes through the whole pipeline again as its own document, so it is
            // planned and cached under its own hash; the original document is never rewritten. It fills
            // the same request record, and drops nothing itself.
            executeTrimmed: (trimmed, requestContext) =>
              server().executeOperation(
                {
                  query: trimmed.query,
                  variables: requestContext.request.variables,
                  operationName: requestContext.request.operationName,
                },
                { contextValue: { request: requestContext.contextValue.request, dropDeniedFields: false } },
              ),
          }),
        ),
        ...(parts.recordAccess ? [createAccessLogPlugin()] : []),
        ...(parts.plugins?.(graph) ?? []),
      ].filter((plugin) => plugin !== null),
    signer: parts.measure?.subgraphCallSigner ? parts.measure.subgraphCallSigner(perFetch) : perFetch,
    ...(parts.recordAccess ? { recordAccess: parts.recordAccess } : {}),
    ...(parts.readiness ? { readiness: parts.readiness } : {}),
    ...(parts.subgraphFaults ? { subgraphFaults: parts.subgraphFaults } : {}),
    ...(parts.routes ? { routes: parts.routes } : {}),
    ...(parts.logger === undefined ? {} : { logger: parts.logger }),
  });
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
