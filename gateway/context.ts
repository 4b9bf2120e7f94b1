import type { AuthorizationState } from './authorization/plugin.ts';

/** The authenticated caller of the gateway: a requester's client application and its credential. */
export interface Requester {
  clientId: string;
  clientName: string;
  credentialId: string;
}

/** One call the gateway made to a subgraph while serving a request, for the access log. */
export interface SubgraphCall {
  subgraph: string;
  status: number;
  durationMs: number;
  error?: string;
}

/** Per-request state shared by the gateway's plugins. */
export interface GatewayContext {
  requestId: string;
  graph: string;
  clientAddress: string;
  requester: Requester | null;
  /** The request opted into leaving out denied fields instead of being refused. */
  dropDeniedFields: boolean;
  /** Filled by the authorization plugin: the coordinates the operation touches and the decision. */
  authorization?: AuthorizationState;
  subgraphCalls: SubgraphCall[];
  /** Filled by the access-log plugin (gateway/accessLog/plugin.ts): what the log record needs. */
  operation?: AccessedOperation;
}

/** What the access-log record keeps of the GraphQL operation a request carried. */
export interface AccessedOperation {
  name: string | null;
  /** Hex SHA-256 of the document source (Apollo's `queryHash`); null when no document was sent. */
  hash: string | null;
  /** The document source, stored once per hash in `operations`. */
  document: string | null;
  /** The variables as sent; the log writer masks them before storing. */
  variables: Record<string, unknown> | null;
  outcome: 'ok' | 'partial' | 'denied' | 'error' | 'unauthenticated';
  /** `extensions.code` of the first error, if any. */
  errorCode: string | null;
  /** The field coordinates the executed operation selected (for a refused one: those it asked for). */
  coordinates: readonly string[];
  deniedCoordinates: readonly string[];
}
