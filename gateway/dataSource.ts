import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext, SubgraphCall } from './context.ts';
import { GraphQLError, Kind, parse } from 'graphql';
import { SubgraphFailure, type Fetcher } from './fetcher.ts';

type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

// @apollo/gateway does not export its request-kind enum; this is its value for client operations
// (schema loading and health checks have other kinds and carry no request context).
const INCOMING_OPERATION = 'incoming operation';

function isIncoming(options: ProcessOptions): options is Extract<ProcessOptions, { incomingRequestContext: unknown }> {
  return (options.kind as string) === INCOMING_OPERATION;
}

/**
 * Signs the identity a subgraph receives with one fetch (see gateway/subgraphToken.ts): the subgraph,
 * the request, the fetch's own operation text and the schema it was planned against.
 */
export type SubgraphCallSigner = (call: {
  subgraph: string;
  context: GatewayContext;
  operation: string;
  schema: GraphQLSchema;
}) => string | Promise<string>;

/**
 * The gateway's only way to a subgraph. It forwards the request id, attaches a gateway token signed
 * for this subgraph and this fetch when a signer is configured, and records each call's status and duration for the log.
 *
 * A client operation's fetch is sent here rather than through `RemoteGraphQLDataSource.process`,
 * which builds a node-fetch `Headers` and `Request` per fetch that nothing of ours reads; the rest
 * is what it does with the settings we use (no APQ, the subgraph's `cache-control` honoured):
 * a JSON POST, a non-2xx answer turned into `errorFromResponse`, the body parsed by `parseBody`.
 * Schema loading and health checks (other kinds) still go through it.
 */
export class GatewayDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly subgraphName: string;
  private readonly signer: SubgraphCallSigner | undefined;

  constructor(options: { name: string; url: string; fetcher: Fetcher; signer?: SubgraphCallSigner }) {
    super({ url: options.url, fetcher: options.fetcher });
    this.subgraphName = options.name;
    this.signer = options.signer;
  }

  override async process(options: ProcessOptions) {
    if (!isIncoming(options)) return super.process(options);
    const started = performance.now();
    const call: SubgraphCall = { subgraph: this.subgraphName, status: 200, durationMs: 0 };
    try {
      const response = await this.send(options);
      if (response.errors?.length) call.error = response.errors[0]?.message;
      return response;
    } catch (error) {
      if (error instanceof SubgraphFailure) {
        // A timeout or an open circuit (gateway/fetcher.ts): named in the partial answer and the log.
        call.status = error.code === 'UPSTREAM_TIMEOUT' ? 504 : 503;
        call.error = `${error.code}: ${error.message}`;
        throw subgraphFailureError(error, pathText(options.pathInIncomingRequest) || rootFieldsOf(options.request.query));
      }
      const status = (error as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
      call.status = typeof status === 'number' ? status : 502;
      call.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      call.durationMs = Math.round((performance.now() - started) * 100) / 100;
      options.context.request.calledSubgraph(call);
    }
  }

  /** One fetch of a client operation: headers, token, POST, the answer parsed. */
  private async send(options: Extract<ProcessOptions, { incomingRequestContext: unknown }>): Promise<GatewayGraphQLResponse> {
    const { http, query, ...rest } = options.request;
    if (!query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    if (http?.headers) for (const [name, value] of http.headers) headers[name] = value;
    headers['content-type'] = 'application/json';
    headers['x-request-id'] = options.context.request.id;
    if (this.signer) {
      // A fetch without operation text has nothing to authorize: it is signed with no fields.
      const token = await this.signer({ subgraph: this.subgraphName, context: options.context, operation: query, schema: options.incomingRequestContext.schema });
      headers['authorization'] = `Bearer ${token}`;
    }
    const response = await this.fetcher(this.url, { method: 'POST', headers, body: JSON.stringify({ query, ...rest }) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const body = await this.parseBody(response);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    const policy = options.incomingRequestContext.overallCachePolicy;
    if (this.honorSubgraphCacheControlHeader && policy && 'restrict' in policy) policy.restrict(cacheHint(response.headers.get('cache-control')));
    return { ...(body as GatewayGraphQLResponse), http: response as unknown as NonNullable<GatewayGraphQLResponse['http']> };
  }
}

/** The cache hint of a subgraph's `cache-control` header, as `RemoteGraphQLDataSource` reads it. */
function cacheHint(header: string | null): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: 0 };
  if (!header) return hint;
  for (const directive of header.split(',')) {
    const [name, value] = directive.trim().split('=', 2).map((part) => part.trim());
    const unquoted = value?.replace(/^"|"$/g, '');
    if (name === 'max-age' && unquoted && /^[0-9]+$/.test(unquoted)) hint.maxAge = Number(unquoted);
    else if (name === 'private') hint.scope = 'PRIVATE';
    else if (name === 'public') hint.scope = 'PUBLIC';
  }
  return hint;
}

/** The error of a failed fetch in the partial answer: the agency's subgraph and the field path it was to fill. */
function subgraphFailureError(failure: SubgraphFailure, fieldPath: string): GraphQLError {
  const where = fieldPath ? ` (${fieldPath})` : '';
  const [id, en] =
    failure.code === 'UPSTREAM_TIMEOUT'
      ? [`Subgraph "${failure.subgraph}" tidak menjawab tepat waktu${where}: ${failure.message}.`, `Subgraph "${failure.subgraph}" did not answer in time${where}: ${failure.message}.`]
      : [`Subgraph "${failure.subgraph}" tidak tersedia${where}: ${failure.message}.`, `Subgraph "${failure.subgraph}" is unavailable${where}: ${failure.message}.`];
  return new GraphQLError(id, {
    extensions: { code: failure.code, messageEn: en, details: { subgraph: failure.subgraph, ...(fieldPath ? { path: fieldPath } : {}) } },
  });
}

/** `penduduk.izinUsaha` from the fetch's path in the response (list positions and `@` left out); empty for a root fetch. */
function pathText(path: readonly (string | number)[] | undefined): string {
  return (path ?? []).filter((key) => typeof key === 'string' && key !== '@').join('.');
}

/** The root fields a fetch asked for (`penduduk, daftarIzinUsaha`): where a root fetch's data would have gone. Only on failure. */
function rootFieldsOf(query: string | undefined): string {
  if (!query) return '';
  try {
    const operation = parse(query).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return '';
    return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.alias?.value ?? selection.name.value] : [])).join(', ');
  } catch {
    return '';
  }
}
