import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../lib/errors.ts';
import type { AuthorizationState } from '../authorization/plugin.ts';
import type { AccessedOperation, GatewayContext } from '../context.ts';

/**
 * The access-log plugin. One job: collect, on the request record (gateway/request.ts), what the
 * access-log record needs from GraphQL execution (see DESIGN.md, "How enforcement and logging work
 * at the gateway"). It writes nothing: the gateway hands the whole request to `recordAccess` (the log
 * writer, lib/accessLog/writer.ts) in its `onSend` hook, after this plugin has run and before the
 * response leaves.
 *
 * At `willSendResponse` — reached by every operation Apollo Server handles, also when parsing,
 * validation or authorization refused it — it sets `contextValue.request.operation`:
 * - `name`: the operation executed (or the one asked for, if it could not be resolved);
 * - `hash`: Apollo's `queryHash`, the hex SHA-256 of the document source; `document`: the source,
 *   `parsed`: its syntax tree (the writer stores neither as sent: lib/accessLog/literals.ts);
 * - `variables`: as sent (the writer masks them);
 * - `outcome`: `ok` (no errors), `partial` (data and errors, including an answer from which
 *   denied fields were dropped), `denied` (a refusal by a rule of the bus, `DENIED_CODES`, no
 *   data), `unauthenticated` (UNAUTHENTICATED, no data), `error` (anything else); `errorCode`: the first error's
 *   `extensions.code`;
 * - `coordinates` / `deniedCoordinates`: from the authorization plugin's state. `coordinates` are
 *   the fields the executed operation selected; for a refused operation, the fields it asked for (the
 *   outcome says nothing was fetched); in "drop denied fields" mode, the fields left after trimming.
 *   Without the authorization plugin there are none to record.
 *
 * HTTP batching (off in the gateway) runs several operations for one HTTP request: they are merged
 * into the one record of the HTTP request (first operation's name, hash and document; union
 * of coordinates; the worst outcome).
 */
export function createAccessLogPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const { contextValue } = requestContext;
          // The context is this operation's own copy: its decision; the request record is shared.
          const state = contextValue.authorization;
          const collected = collectOperation(requestContext, state);
          const previous = contextValue.request.operation;
          let operation = collected;
          if (previous) {
            // In "drop denied fields" mode the trimmed document runs first, as a nested operation on
            // the same request; the operation the client sent, finishing after it, stands for the request.
            const ranTrimmed = state?.outcome === 'trimmed' && previous.hash === state.trimmed?.queryHash;
            operation = ranTrimmed ? collected : merge(previous, collected);
          }
          contextValue.request.operation = operation;
        },
      };
    },
  };
}

function collectOperation(
  requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>,
  state: AuthorizationState | undefined,
): AccessedOperation {
  const { request, response } = requestContext;
  const body = response.body;
  const result = body.kind === 'single' ? body.singleResult : body.initialResult;
  const errors = result.errors ?? [];
  return {
    name: requestContext.operationName ?? request.operationName ?? null,
    hash: requestContext.queryHash ?? null,
    document: requestContext.queryHash ? (requestContext.source ?? null) : null,
    parsed: requestContext.queryHash ? requestContext.document : undefined,
    variables: request.variables ?? null,
    outcome: outcomeOf(result.data, errors),
    errorCode: codeOf(errors[0]),
    coordinates: state ? (state.outcome === 'trimmed' ? state.allowed : state.coordinates) : [],
    deniedCoordinates: state ? state.denied : [],
  };
}

function codeOf(error: GraphQLFormattedError | undefined): string | null {
  const code = error?.extensions?.['code'];
  return typeof code === 'string' ? code : null;
}

export function outcomeOf(
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLFormattedError[],
): AccessedOperation['outcome'] {
  if (errors.length === 0) return 'ok';
  // Data with errors: something was served (also when denied fields were dropped from it).
  if (data !== null && data !== undefined) return 'partial';
  const codes = errors.map(codeOf);
  if (codes.some((code) => code !== null && DENIED_CODES.has(code))) return 'denied';
  if (codes.includes(ErrorCode.UNAUTHENTICATED)) return 'unauthenticated';
  return 'error';
}

/** Refusals by a rule of the bus: a field not granted, a grant's condition, the quota, the rate, an operation limit. */
const DENIED_CODES: ReadonlySet<string> = new Set([
  ErrorCode.FORBIDDEN_FIELD,
  ErrorCode.CONDITION_FAILED,
  ErrorCode.QUOTA_EXCEEDED,
  ErrorCode.RATE_LIMITED,
  ErrorCode.OPERATION_LIMIT_EXCEEDED,
]);

const severity: Record<AccessedOperation['outcome'], number> = {
  ok: 0,
  partial: 1,
  unauthenticated: 2,
  denied: 3,
  error: 4,
};

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function merge(first: AccessedOperation, next: AccessedOperation): AccessedOperation {
  const worse = severity[next.outcome] > severity[first.outcome];
  return {
    ...first,
    outcome: worse ? next.outcome : first.outcome,
    errorCode: worse ? next.errorCode : (first.errorCode ?? next.errorCode),
    coordinates: union(first.coordinates, next.coordinates),
    deniedCoordinates: union(first.deniedCoordinates, next.deniedCoordinates),
  };
}
