/**
 * `buildSubgraphServer`: one agency's federation subgraph as an HTTP server (fastify + Apollo Server).
 *
 * - `POST /graphql` (and `GET`): the subgraph schema built with `buildSubgraphSchema`.
 * - `GET /health`: liveness, no token needed (it reveals nothing).
 * - With a `gatewayTokenVerifier`, `/graphql` refuses any call without a valid gateway token signed
 *   for this subgraph (audience = `name`) with HTTP 401 before the body is read, and graphql-shield
 *   lets through only the fields the token names (see `fieldGuard.ts`). Without one (tests of the wrapping alone) nothing is checked.
 * - Unexpected errors are logged and masked; project errors keep their code.
 * - Apollo's usage and schema reporting and inline traces are off: nothing leaves for Apollo's cloud,
 *   whatever the environment says.
 *
 * Nothing listens until `listen()`; `close()` stops Apollo and the server and runs `onClose`.
 */
import { Readable } from 'node:stream';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { GraphQLError, parse } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { ErrorCode, PenghubungError, isPenghubungError } from '../../lib/errors.ts';
import { gatewayTokenFromHeader } from '../../lib/gatewayToken.ts';
import type { GatewayTokenVerifier, VerifiedGatewayToken } from '../../lib/gatewayToken.ts';
import {
  contextBaseOf,
  createFieldGuard,
  createListSizeGuard,
  entityKeys,
  guardEntityReferences,
} from './fieldGuard.ts';
import type { SubgraphContextBase } from './fieldGuard.ts';
import { urlOf } from './restServer.ts';
import type { ListenOptions } from './restServer.ts';

/**
 * Resolvers of a subgraph: per type, field resolvers and `__resolveReference`. Loosely typed on
 * purpose (as Apollo's own map); each agency types its resolver functions.
 */
export type SubgraphResolvers = Record<string, Record<string, unknown>>;

export interface SubgraphServerOptions<TContext extends SubgraphContextBase> {
  /** Subgraph name as registered (e.g. `disdukcapil`). */
  name: string;
  /** Short agency name for logs (e.g. `Disdukcapil`). */
  agency: string;
  typeDefs: DocumentNode | string;
  resolvers: SubgraphResolvers;
  /** Builds the per-request context (DataLoaders!) from the caller's verified identity. */
  createContext(base: SubgraphContextBase): TContext;
  /** When given, every `/graphql` call needs a valid gateway token, and fields are checked. */
  gatewayTokenVerifier?: GatewayTokenVerifier;
  /** Runs after the server closed (close REST clients here). */
  onClose?: () => Promise<void>;
  /** Passed to fastify; off unless told. */
  logger?: FastifyServerOptions['logger'];
}

/** What every agency's `buildXSubgraph()` takes. */
export interface AgencySubgraphOptions {
  /** Base URL of the agency's REST API. */
  restBaseUrl: string;
  /** The secret the agency's REST API expects from this subgraph. */
  restCredential?: string;
  /** When given, calls need a valid gateway token and fields are checked against it. */
  gatewayTokenVerifier?: GatewayTokenVerifier;
  /** Timeout of each REST call; 10 s unless told. */
  restTimeoutMs?: number;
  logger?: FastifyServerOptions['logger'];
}

export interface SubgraphServer {
  readonly name: string;
  readonly app: FastifyInstance;
  /** The executable schema (with the field guard applied when a verifier is configured). */
  readonly schema: GraphQLSchema;
  /** The subgraph SDL as given (what the registry composes). */
  readonly typeDefs: DocumentNode;
  /** Starts listening; resolves to the GraphQL endpoint URL (`http://host:port/graphql`). */
  listen(options?: ListenOptions): Promise<string>;
  /** The GraphQL endpoint URL once listening. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

export function buildSubgraphServer<TContext extends SubgraphContextBase>(
  options: SubgraphServerOptions<TContext>,
): SubgraphServer {
  const typeDefs = typeof options.typeDefs === 'string' ? parse(options.typeDefs) : options.typeDefs;
  const verifier = options.gatewayTokenVerifier;
  const keys = entityKeys(typeDefs);

  let schema = buildSubgraphSchema({
    typeDefs,
    resolvers: (verifier
      ? guardEntityReferences(options.resolvers, keys.keys())
      : options.resolvers) as GraphQLResolverMap<unknown>,
  });
  if (verifier) schema = applyMiddleware(schema, createFieldGuard(), createListSizeGuard(schema));

  const app = Fastify({ logger: options.logger ?? false });
  const tokens = new WeakMap<FastifyRequest, VerifiedGatewayToken>();
  let started = false;
  let url: string | undefined;

  const apollo = new ApolloServer<TContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The process that starts the servers owns shutdown (it drains and closes them in order).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
    formatError: (formatted, error) =>
      formatSubgraphError(formatted, error, (detail) => app.log.error(detail)),
  });

  app.addHook('onReady', async () => {
    await apollo.start();
    started = true;
  });
  app.addHook('onClose', async () => {
    if (started) await apollo.stop();
    await options.onClose?.();
  });

  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode;
    const clientError = status !== undefined && status >= 400 && status < 500;
    if (!clientError) request.log.error({ err: error }, 'unexpected error in subgraph HTTP layer');
    return reply.code(clientError ? status : 500).send({
      errors: [
        clientError
          ? {
              message: `Permintaan tidak sah: ${(error as Error).message}`,
              extensions: {
                code: ErrorCode.BAD_REQUEST,
                messageEn: `Bad request: ${(error as Error).message}`,
              },
            }
          : {
              message: 'Terjadi kesalahan internal pada subgraph',
              extensions: { code: ErrorCode.INTERNAL, messageEn: 'Internal error in the subgraph' },
            },
      ],
    });
  });

  app.get('/health', async () => ({ status: 'ok', subgraph: options.name }));

  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    // Refuse before the body is even read.
    onRequest: async (request, reply) => {
      if (!verifier) return;
      try {
        // Only a token signed for this subgraph: one captured at another subgraph is refused here.
        const token = gatewayTokenFromHeader(request.headers.authorization);
        tokens.set(request, await verifier.verify(token, { audience: options.name }));
      } catch (error) {
        const refusal = isPenghubungError(error)
          ? error
          : new PenghubungError(ErrorCode.UNAUTHENTICATED, {
              id: 'Token gateway tidak dapat diverifikasi',
              en: 'Gateway token could not be verified',
            });
        await reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="penghubung-subgraph", error="invalid_token"')
          .send({
            errors: [
              {
                message: refusal.message,
                extensions: {
                  code: ErrorCode.UNAUTHENTICATED,
                  messageEn: refusal.messageEn,
                  ...(refusal.details === undefined ? {} : { details: refusal.details }),
                },
              },
            ],
          });
      }
    },
    handler: async (request, reply) => {
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const queryStart = request.url.indexOf('?');
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method.toUpperCase(),
          headers,
          search: queryStart === -1 ? '' : request.url.slice(queryStart),
          body: request.body,
        },
        context: async () => options.createContext(contextBaseOf(tokens.get(request) ?? null)),
      });
      for (const [name, value] of response.headers) void reply.header(name, value);
      void reply.code(response.status ?? 200);
      if (response.body.kind === 'complete') return reply.send(response.body.string);
      return reply.send(Readable.from(response.body.asyncIterator));
    },
  });

  return {
    name: options.name,
    app,
    schema,
    typeDefs,
    get url() {
      return url;
    },
    async listen(listenOptions = {}) {
      const host = listenOptions.host ?? '127.0.0.1';
      await app.listen({ host, port: listenOptions.port ?? 0 });
      url = `${urlOf(app, host)}/graphql`;
      return url;
    },
    async close() {
      await app.close();
    },
  };
}

/**
 * Keeps errors with a project or GraphQL code; turns a `PenghubungError` into its code and English
 * text; masks anything unexpected (a bug, a thrown non-GraphQL error) after logging it.
 */
export function formatSubgraphError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (detail: Record<string, unknown>) => void,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isPenghubungError(original)) {
    return {
      ...formatted,
      message: original.message,
      extensions: {
        code: original.code,
        messageEn: original.messageEn,
        ...(original.details === undefined ? {} : { details: original.details }),
      },
    };
  }
  if (original instanceof GraphQLError || !(original instanceof Error)) return formatted;
  log({ err: original, path: formatted.path, msg: 'unexpected error in subgraph resolver' });
  return {
    message: 'Terjadi kesalahan internal pada subgraph',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: ErrorCode.INTERNAL, messageEn: 'Internal error in the subgraph' },
  };
}
