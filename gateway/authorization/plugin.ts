import { GraphQLError, execute } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextResponseForOperation,
  GraphQLResponse,
} from '@apollo/server';
import { ErrorCode, graphQLExtensionsOf, httpStatusOf, isPenghubungError } from '../../lib/errors.ts';
import type { Message } from '../../lib/errors.ts';
import { FieldAuthorizer } from './core/authorizer.ts';
import type { AuthorizationResult, GrantSet, OperationRequest } from './core/authorizer.ts';
import type { FailedCondition } from './core/rules.ts';
import type { FieldConditions } from '../../lib/grantConditions/conditions.ts';
import type { OperationCoordinates } from './core/coordinates.ts';
import type { TrimmedOperation } from './core/removeDeniedFields.ts';
import { introspectionPart } from './core/introspectionPart.ts';

/**
 * The Apollo Server adapter of field-level authorization (see DESIGN.md, "How enforcement and
 * logging work at the gateway"). All decisions are made by `./core`; this file only reads the
 * request context, stores the outcome on it, and turns a denial into a GraphQL error.
 *
 * At `didResolveOperation` — after validation, before any query planning or subgraph call — it
 * collects the operation's field coordinates and decides each against the requester's grants.
 * `requestContext.document` is never rewritten: the gateway's plan cache is keyed by the original
 * query hash, and a trimmed plan stored under it would leak to other requesters.
 */

/** What the plugin leaves on the request context for later plugins (access log, limits). */
export interface AuthorizationState {
  readonly operation: OperationCoordinates;
  /** Sorted, unique `Type.field` coordinates the operation selects (introspection excluded). */
  readonly coordinates: readonly string[];
  readonly allowed: readonly string[];
  readonly denied: readonly string[];
  /** The denied coordinates that are granted but whose grant conditions refused, with the reason. */
  readonly failedConditions: readonly FailedCondition[];
  /**
   * The grant conditions of the allowed coordinates that have some: what the subgraphs must enforce
   * again on the real arguments and results (the gateway token carries them).
   */
  readonly allowedConditions: Readonly<Record<string, FieldConditions>>;
  /** The grant-set version decided against; null when the requester has no grant set. */
  readonly grantSetVersion: string | null;
  /**
   * `allowed`: everything selected is granted; `denied`: the request is refused; `trimmed`: the
   * denied selections were dropped and `trimmed` was executed instead of the original.
   */
  readonly outcome: 'allowed' | 'denied' | 'trimmed';
  readonly trimmed?: Extract<TrimmedOperation, { kind: 'trimmed' }>;
}

/**
 * Contexts this plugin can serve: it writes `authorization` on them. Apollo Server gives each
 * operation its own shallow copy of the context, so this is the decision of that operation.
 */
export interface AuthorizationContext extends BaseContext {
  authorization?: AuthorizationState;
}

/**
 * Runs the trimmed operation in "drop denied fields" mode. The gateway implements it by calling its
 * executor with a derived request context (`{ ...requestContext, document, source: query, queryHash }`)
 * so the trimmed text is planned and cached under its own hash; the original context is untouched.
 */
export type ExecuteTrimmed<TContext extends AuthorizationContext> = (
  trimmed: Extract<TrimmedOperation, { kind: 'trimmed' }>,
  requestContext: GraphQLRequestContextResponseForOperation<TContext>,
) => Promise<GraphQLResponse>;

interface CommonOptions<TContext extends AuthorizationContext, TGrants extends GrantSet> {
  /**
   * The grants of the requester on this request, typically from what the authentication plugin put
   * on the context. `null` means no authenticated requester: only introspection and `__typename`
   * are then answered, anything else is UNAUTHENTICATED.
   */
  getGrantSet(contextValue: TContext): TGrants | null | Promise<TGrants | null>;
  /**
   * Answer introspection from the schema filtered to the requester's grants (default true): an
   * introspection-only operation entirely, and in an operation that also selects data, its root
   * `__schema`/`__type` fields (the data is fetched as usual and the introspection keys of the
   * answer replaced), so no operation shows the requester more of the schema than it may use.
   */
  filteredIntrospection?: boolean;
  /** Shares caches, or sets their sizes. Default: a new `FieldAuthorizer` with default sizes. */
  authorizer?: FieldAuthorizer;
  /** How a requester obtains the missing fields; shown with FORBIDDEN_FIELD. */
  howToRequest?: Message;
  /**
   * Called once an operation that reads data is allowed, before anything is planned or fetched (e.g.
   * a daily quota); throw a PenghubungError to refuse it. Not called for introspection, nor for the
   * outer run of a trimmed operation (its trimmed document comes through again and is admitted then).
   * `grantSet` is the one `getGrantSet` gave for this operation (with whatever else it carries, such as
   * a quota), so admission looks nothing up again.
   */
  admit?: (contextValue: TContext, grantSet: TGrants) => Promise<void>;
}

export type AuthorizationPluginOptions<TContext extends AuthorizationContext, TGrants extends GrantSet = GrantSet> = CommonOptions<TContext, TGrants> &
  (
    | {
        /** Refuse an operation that selects any field not granted (the default). */
        mode?: 'reject';
      }
    | {
        /**
         * Drop the selections that are not granted and run what is left through `executeTrimmed`;
         * refuse only when nothing is left. The response carries the dropped coordinates in
         * `extensions.authorization.droppedCoordinates`.
         */
        mode: 'drop-denied-fields';
        executeTrimmed: ExecuteTrimmed<TContext>;
        /** Whether this request opted in (e.g. by a header); default: every request. */
        dropsDeniedFields?: (contextValue: TContext) => boolean;
      }
  );

const defaultHowToRequest: Message = {
  id:
    'Ajukan permohonan akses untuk field tersebut melalui direktori layanan Penghubung. Setelah disetujui ' +
    'administrator dan diberikan oleh perangkat daerah pemilik data, ulangi permintaan ini.',
  en:
    'Request access to these fields through the Penghubung service directory. Once the administrator ' +
    'approves and the agency that owns the data grants it, repeat this request.',
};

/** The grant set of a requester without one: nothing granted. */
const noGrants: GrantSet = { version: '\u0000no-grants', coordinates: new Set() };

export function createAuthorizationPlugin<TContext extends AuthorizationContext, TGrants extends GrantSet = GrantSet>(
  options: AuthorizationPluginOptions<TContext, TGrants>,
): ApolloServerPlugin<TContext> {
  const authorizer = options.authorizer ?? new FieldAuthorizer();
  const filteredIntrospection = options.filteredIntrospection ?? true;
  const howToRequest = options.howToRequest ?? defaultHowToRequest;

  return {
    async serverWillStart() {
      return {
        // Caches are per schema object already; dropping them on a new supergraph frees memory now.
        schemaDidLoadOrUpdate() {
          authorizer.clear();
        },
      };
    },

    async requestDidStart() {
      // Per operation, as the context copy it publishes the decision on.
      let grantSet: TGrants | null = null;
      let state: AuthorizationState | undefined;

      return {
        async didResolveOperation(requestContext: GraphQLRequestContextDidResolveOperation<TContext>) {
          const { contextValue } = requestContext;
          const request: OperationRequest = {
            documentKey: requestContext.queryHash,
            document: requestContext.document,
            operationName: requestContext.request.operationName ?? null,
            variables: requestContext.request.variables ?? null,
          };
          let result: AuthorizationResult;
          try {
            grantSet = await options.getGrantSet(contextValue);
            result = await authorizer.authorize(
              requestContext.schema,
              request,
              grantSet ?? noGrants,
              contextValue,
            );
          } catch (error) {
            throw toGraphQLError(error);
          }
          const { operation, allowed, denied, failedConditions } = result;
          const decided = {
            operation,
            coordinates: operation.coordinates,
            allowed,
            denied,
            failedConditions,
            allowedConditions: conditionsOf(grantSet, allowed),
            grantSetVersion: grantSet?.version ?? null,
          };
          const publish = (next: AuthorizationState): void => {
            state = next;
            contextValue.authorization = next;
          };
          if (denied.length === 0) {
            publish({ ...decided, outcome: 'allowed' });
            if (options.admit && grantSet !== null && operation.coordinates.length > 0) {
              try {
                await options.admit(contextValue, grantSet);
              } catch (error) {
                throw toGraphQLError(error);
              }
            }
            return;
          }
          if (grantSet === null) {
            publish({ ...decided, outcome: 'denied' });
            throw unauthenticated();
          }
          if (options.mode === 'drop-denied-fields' && (options.dropsDeniedFields?.(contextValue) ?? true)) {
            const trimmed = authorizer.trimmed(requestContext.schema, request, result, grantSet);
            if (trimmed.kind === 'trimmed') {
              publish({ ...decided, outcome: 'trimmed', trimmed });
              return;
            }
          }
          publish({ ...decided, outcome: 'denied' });
          throw refusal(denied, failedConditions, howToRequest);
        },

        async responseForOperation(requestContext) {
          if (!state) return null;
          if (state.outcome === 'trimmed' && state.trimmed && options.mode === 'drop-denied-fields') {
            const response = await options.executeTrimmed(state.trimmed, requestContext);
            return withDroppedCoordinates(response, state.denied, state.failedConditions);
          }
          const introspectionOnly = state.operation.introspection && state.coordinates.length === 0;
          if (filteredIntrospection && introspectionOnly && state.outcome === 'allowed') {
            const schema = authorizer.filteredSchema(requestContext.schema, grantSet ?? noGrants);
            const executed = await execute({
              schema,
              document: requestContext.document,
              operationName: requestContext.operationName,
              variableValues: requestContext.request.variables,
              contextValue: requestContext.contextValue,
            });
            return {
              http: { status: undefined, headers: new HeaderMap() },
              body: {
                kind: 'single',
                singleResult: {
                  data: executed.data,
                  ...(executed.errors ? { errors: executed.errors.map((error) => error.toJSON()) } : {}),
                },
              },
            };
          }
          return null;
        },

        async willSendResponse(requestContext) {
          if (!filteredIntrospection || !state || state.outcome !== 'allowed') return;
          if (!state.operation.introspection || state.coordinates.length === 0) return;
          const body = requestContext.response.body;
          if (body.kind !== 'single' || !body.singleResult.data || !requestContext.document) return;
          const part = introspectionPart(requestContext.document, requestContext.operationName);
          if (!part) return;
          const executed = await execute({
            schema: authorizer.filteredSchema(requestContext.schema, grantSet ?? noGrants),
            document: part,
            operationName: requestContext.operationName,
            variableValues: requestContext.request.variables,
            contextValue: requestContext.contextValue,
          });
          const data = body.singleResult.data as Record<string, unknown>;
          for (const [key, value] of Object.entries(executed.data ?? {})) data[key] = value;
        },
      };
    },
  };
}

function conditionsOf(grantSet: GrantSet | null, allowed: readonly string[]): Record<string, FieldConditions> {
  const all = grantSet?.grantConditions;
  const result: Record<string, FieldConditions> = {};
  if (!all || all.size === 0) return result;
  for (const coordinate of allowed) {
    const conditions = all.get(coordinate);
    if (conditions) result[coordinate] = conditions;
  }
  return result;
}

export function forbiddenField(
  deniedCoordinates: readonly string[],
  howToRequest: Message = defaultHowToRequest,
): GraphQLError {
  const list = deniedCoordinates.join(', ');
  return new GraphQLError(`Akses ditolak: Anda belum diberi akses ke field ${list}.`, {
    extensions: {
      code: ErrorCode.FORBIDDEN_FIELD,
      http: { status: httpStatusOf.FORBIDDEN_FIELD },
      messageEn: `Access denied: you have not been granted the fields ${list}.`,
      deniedCoordinates: [...deniedCoordinates],
      howToRequest: howToRequest.id,
      howToRequestEn: howToRequest.en,
    },
  });
}

/**
 * The refusal of an operation: FORBIDDEN_FIELD when some field is not granted at all (the failed
 * conditions of the others travel with it), CONDITION_FAILED when every denied field is granted but
 * its grant's conditions refused this request, naming each condition.
 */
function refusal(
  denied: readonly string[],
  failedConditions: readonly FailedCondition[],
  howToRequest: Message,
): GraphQLError {
  const detail = conditionsDetail(failedConditions);
  if (failedConditions.length < denied.length) {
    const error = forbiddenField(
      denied.filter((coordinate) => !failedConditions.some((failed) => failed.coordinate === coordinate)),
      howToRequest,
    );
    if (detail.length > 0) error.extensions['failedConditions'] = detail;
    return error;
  }
  return conditionFailed(failedConditions, detail);
}

/** What a client reads of each failed condition (Indonesian `message`, English `messageEn`). */
function conditionsDetail(failedConditions: readonly FailedCondition[]): object[] {
  return failedConditions.map(({ coordinate, condition, argument, message }) => ({
    coordinate,
    condition,
    ...(argument === undefined ? {} : { argument }),
    message: message.id,
    messageEn: message.en,
  }));
}

export function conditionFailed(
  failedConditions: readonly FailedCondition[],
  detail: readonly object[],
): GraphQLError {
  const describe = (pick: (failed: FailedCondition) => string) =>
    failedConditions.map((failed) => `${failed.coordinate}: ${pick(failed)}`).join(' ');
  return new GraphQLError(
    `Akses ditolak karena syarat pemberian akses tidak terpenuhi. ${describe((failed) => failed.message.id)}`,
    {
      extensions: {
        code: ErrorCode.CONDITION_FAILED,
        http: { status: httpStatusOf.CONDITION_FAILED },
        messageEn: `Access denied: the grant's conditions are not met. ${describe((failed) => failed.message.en)}`,
        deniedCoordinates: failedConditions.map((failed) => failed.coordinate),
        failedConditions: detail,
      },
    },
  );
}

function unauthenticated(): GraphQLError {
  return new GraphQLError('Permintaan ini memerlukan kredensial yang sah.', {
    extensions: {
      code: ErrorCode.UNAUTHENTICATED,
      http: { status: httpStatusOf.UNAUTHENTICATED },
      messageEn: 'This request requires a valid credential.',
    },
  });
}

/** Errors of the core become GraphQL errors with their code and status; others stay masked. */
function toGraphQLError(error: unknown): unknown {
  if (!isPenghubungError(error)) return error;
  return new GraphQLError(error.message, {
    extensions: { ...graphQLExtensionsOf(error), http: { status: error.status } },
  });
}

function withDroppedCoordinates(
  response: GraphQLResponse,
  dropped: readonly string[],
  failedConditions: readonly FailedCondition[],
): GraphQLResponse {
  if (response.body.kind !== 'single') return response;
  const { singleResult } = response.body;
  return {
    ...response,
    body: {
      kind: 'single',
      singleResult: {
        ...singleResult,
        // As the Apollo Router does: the rest is answered, and an error names what was left out.
        errors: [
          ...(singleResult.errors ?? []),
          {
            message: `Field berikut dihilangkan karena Anda belum diberi akses atau syarat aksesnya tidak terpenuhi: ${dropped.join(', ')}.`,
            extensions: {
              code: 'FORBIDDEN_FIELD',
              deniedCoordinates: [...dropped],
              ...(failedConditions.length > 0 ? { failedConditions: conditionsDetail(failedConditions) } : {}),
              messageEn: `These fields were left out because you have not been granted them or their access conditions are not met: ${dropped.join(', ')}.`,
            },
          },
        ],
        extensions: {
          ...singleResult.extensions,
          authorization: {
            droppedCoordinates: [...dropped],
            message: 'Sebagian field dihilangkan karena Anda belum diberi akses.',
            messageEn: 'Some fields were left out because you have not been granted them.',
          },
        },
      },
    },
  };
}
