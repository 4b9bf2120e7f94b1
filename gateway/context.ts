import type { AccessOperation, AccessSubgraphCall } from '../lib/accessLog/index.ts';
import type { AuthorizationState } from './authorization/plugin.ts';

/** The authenticated caller of the gateway: a requester's client application and its credential. */
export interface Requester {
  clientId: string;
  clientName: string;
  credentialId: string;
}

/** One call the gateway made to a subgraph while serving a request, for the access log. */
export type SubgraphCall = AccessSubgraphCall;

/** Per-request state shared by the gateway's plugins. */
export interface GatewayContext {
  /** The gateway's own id of the request (a UUID), the access-log record's `request_id`. */
  requestId: string;
  /** The `x-request-id` the client sent, if any: kept in the record's `client_request_id`. */
  clientRequestId?: string | null;
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
export type AccessedOperation = AccessOperation;
