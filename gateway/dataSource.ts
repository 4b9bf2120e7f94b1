import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext } from './context.ts';
import type { Fetcher } from './fetcher.ts';

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
    headers.set('x-request-id', options.context.requestId);
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
    const call = { subgraph: this.subgraphName, status: 200, durationMs: 0 } as GatewayContext['subgraphCalls'][number];
    try {
      const response = await super.process(options);
      if (response.errors?.length) call.error = response.errors[0]?.message;
      return response;
    } catch (error) {
      const status = (error as { extensions?: { response?: { status?: number } } }).extensions?.response?.status;
      call.status = typeof status === 'number' ? status : 502;
      call.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      call.durationMs = Math.round((performance.now() - started) * 100) / 100;
      options.context.subgraphCalls?.push(call);
    }
  }
}
