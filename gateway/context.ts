import type { AuthorizationState } from './authorization/plugin.ts';
import type { GatewayRequest } from './request.ts';

export type { AccessedOperation, Requester, SubgraphCall } from './request.ts';

/**
 * The context of one GraphQL operation at the gateway. Apollo Server hands each operation its own
 * shallow copy of the object the gateway created, so what is set on it at the top level stays with
 * that operation (`authorization`), while `request` is the same record for every operation of the
 * HTTP request.
 */
export interface GatewayContext {
  /** The HTTP request's one record (gateway/request.ts): identity, subgraph calls, what the log needs. */
  readonly request: GatewayRequest;
  /**
   * This operation may leave out denied fields instead of being refused: the client opted in
   * (`x-penghubung-denied-fields: drop`), and it is not already the trimmed run of another operation.
   */
  dropDeniedFields: boolean;
  /** Set by the authorization plugin: the coordinates this operation touches and the decision. */
  authorization?: AuthorizationState;
}
