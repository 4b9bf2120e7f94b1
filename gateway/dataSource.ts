import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext, SubgraphCall } from './context.ts';
import { GraphQLError, Kind, parse } from 'graphql';
import { SubgraphFailure, type Fetcher } from './fetcher.ts';

type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];

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
 */
export class GatewayDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly subgraphName: string;
  private readonly signer: SubgraphCallSigner | undefined;

  constructor(options: { name: string; url: string; fetcher: Fetcher; signer?: SubgraphCallSigner }) {
    super({ url: options.url, fetcher: options.fetcher });
    this.subgraphName = options.name;
    this.signer = options.signer;
  }

  override async willSendRequest(options: ProcessOptions): Promise<void> {
    if (!isIncoming(options)) return;
    const headers = options.request.http?.headers;
    if (!headers) return;
    headers.set('x-request-id', options.context.request.id);
    if (this.signer) {
      // A fetch without operation text has nothing to authorize: it is signed with no fields.
      const token = await this.signer({
        subgraph: this.subgraphName,
        context: options.context,
        operation: options.request.query ?? '{ __typename }',
        schema: options.incomingRequestContext.schema,
      });
      headers.set('authorization', `Bearer ${token}`);
    }
  }

  override async process(options: ProcessOptions) {
    if (!isIncoming(options)) return super.process(options);
    const started = performance.now();
    const call: SubgraphCall = { subgraph: this.subgraphName, status: 200, durationMs: 0 };
    try {
      const response = await super.process(options);
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
