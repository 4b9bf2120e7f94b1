import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ApolloServer, ApolloServerPlugin, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import type { AccessEvent } from '../lib/accessLog/index.ts';
import { withDeadline } from '../lib/databaseFaults.ts';
import { isPenghubungError, PenghubungError } from '../lib/errors.ts';
import type { GatewayContext } from './context.ts';
import { graphQLErrorBody } from './errorMasking/formatError.ts';
import type { SubgraphCallSigner } from './dataSource.ts';
import { createSubgraphFetcher, type SubgraphFaultOptions } from './fetcher.ts';
import { GraphRuntime, type GraphServerOptions } from './graphRuntime.ts';
import { BROWSER_LANDING_CSP, browserLandingPage, isBrowserVisit } from './browserLanding.ts';
import { GatewayRequest, type Requester } from './request.ts';
import { INTERNAL_MESSAGE } from './errorMasking/formatError.ts';
import type { SupergraphSource, SupergraphUpdate } from '../lib/feed/supergraphSource.ts';

export interface GatewayOptions {
  source: SupergraphSource;
  /** Least time between two supergraph swaps of one graph (gateway/graphRuntime.ts, MIN_SWAP_INTERVAL_MS unless told). */
  minSwapIntervalMs?: number;
  /** The graph served at `/graphql`: the one of all themes. */
  defaultGraph?: string;
  /** Plugins for one graph's server, built per graph so per-schema caches never mix. */
  plugins?: (graph: string, server: () => ApolloServer<GatewayContext>) => ApolloServerPlugin<GatewayContext>[];
  /** Resolves the caller; throws a PenghubungError (401) for a bad credential. Absent: anonymous. */
  authenticate?: (request: FastifyRequest) => Promise<Requester | null>;
  signer?: SubgraphCallSigner;
  /**
   * Admission of an authenticated request before GraphQL reads it (rate limits, the size of its
   * variables): a PenghubungError refuses it with its status, and it is recorded as denied.
   */
  admit?: (request: {
    requester: Requester | null;
    graph: string;
    variables: unknown;
    /** Runs `release` once the request is finished (answered and recorded): what admission held is given back. */
    onFinish: (release: () => void) => void;
  }) => Promise<PenghubungError | null>;
  /**
   * A look at a GraphQL POST body's JSON text before it is parsed (its nesting): a PenghubungError
   * refuses the request like `admit` does, once it is authenticated; the body is never parsed.
   */
  inspectBody?: (graph: string, text: string) => PenghubungError | null;
  /** Per-graph server options besides plugins (validation rules, parse options, error formatter). */
  serverOptions?: (graph: string, supergraph: () => string) => GraphServerOptions;
  /**
   * Records one request in the access log. Called for every GraphQL request (allowed, denied,
   * unauthenticated, unknown graph) before its response is sent; the response waits until this
   * resolves, so nothing is answered that is not recorded. A rejection turns the response into 503
   * (fail closed) unless the recorder chooses otherwise.
   */
  recordAccess?: (access: AccessEvent) => Promise<void>;
  /**
   * What readiness (`GET /ready`) checks besides the graphs being loaded, e.g. the database and the
   * access log: each answers whether this process can serve requests now. Liveness (`GET /health`)
   * checks nothing beyond the process answering.
   */
  readiness?: Record<string, () => Promise<ReadinessCheck>>;
  /** Deadlines and circuit breaking of subgraph fetches (gateway/fetcher.ts); defaults apply when absent. */
  subgraphFaults?: SubgraphFaultOptions;
  /** Extra routes on the same server (e.g. the JWKS subgraphs verify against). */
  routes?: (app: FastifyInstance) => void;
  /**
   * Fastify's request log. Requests are logged by method, path and client address only: a GET
   * request's query string carries the document and its variables (`?query={penduduk(nik:"3501…")}`).
   * `stream` is where lines go (default stdout).
   */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  trustProxy?: boolean;
  /** The console's address, linked from the page a browser visit to /graphql gets. */
  consoleUrl?: string;
}

/** What the gateway knows about a request when its response is ready (GatewayRequest.accessEvent). */
export type { AccessEvent };

export interface ReadinessCheck {
  ready: boolean;
  [detail: string]: unknown;
}

/** Seconds a client is told to wait (`Retry-After`) after a 503. */
const RETRY_AFTER_SECONDS = '2';
/** Longest a readiness check may take before it counts as not ready. */
const READINESS_CHECK_MS = 1_000;

export interface Gateway {
  app: FastifyInstance;
  listen(options: { host: string; port: number }): Promise<string>;
  graphs(): { name: string; version: number }[];
  close(): Promise<void>;
}

const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** The client's `x-request-id`, if it is printable ASCII of at most 128 characters. */
function clientRequestIdOf(request: FastifyRequest): string | null {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : null;
}

/**
 * GraphQL-over-HTTP: a client that accepts only `application/json` (the legacy media type) gets 200
 * for a well-formed request whose document does not parse or validate or whose variables do not
 * coerce, with the errors in the body; `application/graphql-response+json` keeps the 4xx. Refusals
 * of ours (limits, authorization) keep their status either way.
 */
const LEGACY_200_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);
function legacyJsonStatus(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    const errors = parsed.errors ?? [];
    if (errors.length === 0 || parsed.data !== undefined) return status;
    return errors.every((error) => LEGACY_200_CODES.has(String(error.extensions?.code))) ? 200 : status;
  } catch {
    return status;
  }
}

/**
 * A requester opts into "drop denied fields" per request with `x-penghubung-denied-fields: drop`:
 * the fields it was not granted are left out, and the rest is answered with an error naming them.
 */
export const DROP_DENIED_FIELDS_HEADER = 'x-penghubung-denied-fields';

/** The body of a request whose JSON text `inspectBody` refused: the refusal, in place of the parsed body. */
const REFUSED_BODY = Symbol('refusedBody');

function refusedBodyOf(body: unknown): PenghubungError | null {
  return typeof body === 'object' && body !== null && REFUSED_BODY in body ? (body as { [REFUSED_BODY]: PenghubungError })[REFUSED_BODY] : null;
}

/** A request as the server log shows it: never its query string, which may hold a NIK (see `logger`). */
function requestForLog(request: { method: string; url: string; ip?: string }) {
  const query = request.url.indexOf('?');
  return { method: request.method, url: query < 0 ? request.url : `${request.url.slice(0, query)}?[disamarkan]`, remoteAddress: request.ip };
}

function searchParam(url: string, name: string): string | null {
  const query = url.indexOf('?');
  return query < 0 ? null : new URLSearchParams(url.slice(query + 1)).get(name);
}

export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const defaultGraph = options.defaultGraph ?? 'semua';
  const fetcher = createSubgraphFetcher(options.subgraphFaults ?? {});
  const app = Fastify({
    logger: options.logger ? { ...(options.logger === true ? {} : options.logger), serializers: { req: requestForLog } } : false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1_048_576,
    // The gateway names every request itself: a client's id could repeat or collide with another's.
    genReqId: () => randomUUID(),
  });
  const runtimes = new Map<string, GraphRuntime>();
  const starting = new Map<string, Promise<GraphRuntime>>();
  const onError = (message: string, error: unknown) => app.log.error({ err: error }, message);
  const deps = {
    fetcherFor: (subgraph: string) => fetcher.fetcherFor(subgraph),
    ...(options.signer ? { signer: options.signer } : {}),
    plugins: options.plugins ?? (() => []),
    ...(options.serverOptions ? { serverOptions: options.serverOptions } : {}),
    ...(options.minSwapIntervalMs !== undefined ? { minSwapIntervalMs: options.minSwapIntervalMs } : {}),
    onError,
  };

  async function applyUpdate(update: SupergraphUpdate): Promise<void> {
    if (update.withdrawn) return withdraw(update);
    const running = runtimes.get(update.graph);
    if (running) return running.apply(update, onError);
    let start = starting.get(update.graph);
    if (!start) {
      start = GraphRuntime.start(update, deps).then((runtime) => {
        runtimes.set(update.graph, runtime);
        starting.delete(update.graph);
        return runtime;
      });
      starting.set(update.graph, start);
      start.catch((error: unknown) => {
        starting.delete(update.graph);
        onError(`graph ${update.graph} could not start`, error);
      });
    }
    const runtime = await start;
    await runtime.apply(update, onError);
  }

  /** The graph serves nothing from this version on: its runtime stops and its URL answers 404. */
  async function withdraw(update: SupergraphUpdate): Promise<void> {
    await starting.get(update.graph)?.catch(() => {});
    const running = runtimes.get(update.graph);
    if (!running || running.version >= update.version) return;
    runtimes.delete(update.graph);
    await running.stop().catch((error: unknown) => onError(`graph ${update.graph} did not stop cleanly`, error));
  }

  for (const update of await options.source.load()) {
    await applyUpdate(update).catch(() => {});
  }
  const unsubscribe = await options.source.subscribe((update) => {
    void applyUpdate(update).catch(() => {});
  });

  // Liveness: the process answers. An orchestrator restarts a process that fails this, so it checks
  // nothing the process cannot fix by itself (a database outage must not restart every gateway).
  app.get('/health', async () => ({
    status: 'ok',
    graphs: [...runtimes.values()].map((runtime) => ({ name: runtime.name, version: runtime.version, swaps: runtime.swaps })),
  }));
  // Readiness: whether requests can be served now (graphs loaded, the database and the access log
  // answering); a load balancer sends traffic elsewhere while it says 503.
  app.get('/ready', async (_request, reply) => {
    const graphs = [...runtimes.values()].map((runtime) => ({ name: runtime.name, version: runtime.version }));
    const checks: Record<string, ReadinessCheck> = { graphs: { ready: graphs.length > 0, graphs } };
    await Promise.all(
      Object.entries(options.readiness ?? {}).map(async ([name, check]) => {
        checks[name] = await readinessOf(check);
      }),
    );
    const ready = !closing && Object.values(checks).every((check) => check.ready);
    if (!ready) reply.header('retry-after', RETRY_AFTER_SECONDS);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : closing ? 'stopping' : 'not-ready', checks });
  });

  // The request's record (gateway/request.ts) rides on fastify's request object: opened as a GraphQL
  // request arrives, before its body is read, so that a body refused by fastify (not JSON, too large)
  // is recorded too; finished by the `onSend` hook below. Requests other than GraphQL carry none.
  app.decorateRequest('gatewayRequest', null);
  // A callback hook rather than an async one: nothing here waits, so no promise per request.
  const openRecord = (graphOf: (request: FastifyRequest) => string) => (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    reply.header('x-request-id', request.id);
    if (isBrowserVisit(request)) {
      // Answered here, without a record: no data is involved (./browserLanding.ts).
      void reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', BROWSER_LANDING_CSP)
        .send(browserLandingPage(options.consoleUrl));
      return;
    }
    request.gatewayRequest = new GatewayRequest({
      id: request.id,
      clientRequestId: clientRequestIdOf(request),
      graph: graphOf(request),
      clientAddress: request.ip,
    });
    done();
  };

  async function handleGraphQL(request: FastifyRequest, reply: FastifyReply, graphName: string) {
    const record = request.gatewayRequest!;
    const runtime = runtimes.get(graphName);
    if (!runtime) {
      // Only a caller with a valid key learns which graphs exist.
      const caller = options.authenticate ? await options.authenticate(request).catch(() => null) : null;
      const known = [...runtimes.keys()].sort().join(', ') || '-';
      const error = caller
        ? new PenghubungError('NOT_FOUND', {
            id: `Graph "${graphName}" tidak ada. Graph yang tersedia: ${known}.`,
            en: `Graph "${graphName}" does not exist. Available: ${known}.`,
          })
        : new PenghubungError('NOT_FOUND', { id: `Graph "${graphName}" tidak ada.`, en: `Graph "${graphName}" does not exist.` });
      return reply.code(404).type('application/json').send(graphQLErrorBody(error));
    }
    let requester: Requester | null = null;
    try {
      requester = options.authenticate ? await options.authenticate(request) : null;
    } catch (error) {
      if (!isPenghubungError(error)) throw error;
      record.refusedCredential(error);
      return reply.code(error.status).type('application/json').send(graphQLErrorBody(error));
    }
    record.authenticated(requester);
    const bodyRefusal = refusedBodyOf(request.body);
    if (options.admit || bodyRefusal) {
      const variables = request.method === 'GET' ? searchParam(request.url, 'variables') : (request.body as { variables?: unknown } | null)?.variables;
      const refusal = bodyRefusal ?? (await options.admit?.({ requester, graph: graphName, variables, onFinish: (release) => record.onFinish(release) })) ?? null;
      if (refusal) {
        record.refused(refusal);
        const retryAfter = (refusal.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
        return reply.code(refusal.status).type('application/json').send(graphQLErrorBody(refusal, request.id));
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: request.method.toUpperCase(),
      headers,
      search: request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '',
      body: request.body,
    };
    const context: GatewayContext = { request: record, dropDeniedFields: request.headers[DROP_DENIED_FIELDS_HEADER] === 'drop' };
    const response = await runtime.server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
    for (const [key, value] of response.headers) reply.header(key, value);
    const status = response.status ?? 200;
    if (response.body.kind === 'complete') {
      reply.code(legacyJsonStatus(status, response.headers.get('content-type'), response.body.string));
      return reply.send(response.body.string);
    }
    reply.code(status);
    return reply.send(Readable.from(response.body.asyncIterator));
  }

  if (options.inspectBody) {
    const inspect = options.inspectBody;
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
      const route = request.routeOptions.url;
      const graph = route === '/graphql' ? defaultGraph : route === '/graphql/:graph' ? (request.params as { graph: string }).graph : null;
      const refusal = graph === null ? null : inspect(graph, text as string);
      if (refusal) done(null, { [REFUSED_BODY]: refusal });
      else void parseJson(request, text as string, done);
    });
  }

  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    onRequest: openRecord(() => defaultGraph),
    handler: (request, reply) => handleGraphQL(request, reply, defaultGraph),
  });
  app.route<{ Params: { graph: string } }>({
    method: ['GET', 'POST'],
    url: '/graphql/:graph',
    onRequest: openRecord((request) => (request.params as { graph: string }).graph),
    handler: (request, reply) => handleGraphQL(request, reply, request.params.graph),
  });
  // An unexpected failure (a step that threw something other than a refusal) is answered 500
  // INTERNAL with the request id, its detail only in the operator's log; fastify's own refusals
  // (a body that is not JSON or too large, 4xx) keep its answer.
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    if (typeof error.statusCode === 'number' && error.statusCode < 500) return reply.send(error);
    request.log.error({ err: error }, 'unexpected error; answered 500 INTERNAL');
    return reply.code(500).type('application/json').send(graphQLErrorBody(new PenghubungError('INTERNAL', INTERNAL_MESSAGE), request.id));
  });
  options.routes?.(app);

  // Responses sent while shutting down close their connection, so a keep-alive client that had a
  // request in flight does not hold the server open after its answer.
  let closing = false;
  app.addHook('onSend', async (request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', RETRY_AFTER_SECONDS);
    // The one place a request's record is finished: written to the log, then what it held released.
    const record = request.gatewayRequest;
    if (!record || record.finished) return payload;
    if (!options.recordAccess) {
      record.finish();
      return payload;
    }
    const responseBody = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    try {
      await options.recordAccess(record.accessEvent(reply.statusCode, responseBody));
      return payload;
    } catch (error) {
      // A refused credential gets its refusal whether or not the log can record it: it carries no
      // data, and a client without a valid key must learn that at once, not that the log is down.
      if (record.authenticationError) {
        request.log.warn({ err: error }, 'access log write failed for a refused credential; answering the refusal');
        return payload;
      }
      // Fail closed: an answer that could not be recorded is not given.
      request.log.error({ err: error }, 'access log write failed; answering 503');
      reply.header('retry-after', RETRY_AFTER_SECONDS);
      const unavailable = new PenghubungError('UNAVAILABLE', {
        id: 'Log akses tidak dapat dicatat; permintaan tidak dilayani. Coba lagi sebentar lagi.',
        en: 'The access log could not be written; the request was not served. Try again shortly.',
      });
      reply.code(503).type('application/json');
      return graphQLErrorBody(unavailable);
    } finally {
      record.finish();
    }
  });

  let closed = false;
  return {
    app,
    async listen({ host, port }) {
      return app.listen({ host, port });
    },
    graphs: () => [...runtimes.values()].map((runtime) => ({ name: runtime.name, version: runtime.version })),
    async close() {
      if (closed) return;
      closed = true;
      closing = true;
      // Stop accepting and let requests in flight finish, then stop the graphs and the connections.
      await unsubscribe();
      await app.close();
      await Promise.all([...runtimes.values()].map((runtime) => runtime.stop()));
      await fetcher.close();
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The record of a GraphQL request at the gateway (null on other routes). */
    gatewayRequest: GatewayRequest | null;
  }
}

async function readinessOf(check: () => Promise<ReadinessCheck>): Promise<ReadinessCheck> {
  try {
    return await withDeadline(check(), READINESS_CHECK_MS, 'readiness check');
  } catch (error) {
    return { ready: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
