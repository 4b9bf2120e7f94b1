import type { DocumentNode, GraphQLSchema } from 'graphql';
import { collectOperationCoordinates, type OperationCoordinates } from './coordinates.ts';
import { filterSchemaForCoordinates } from './filterSchema.ts';
import { LruCache } from './lru.ts';
import { conditionVariableNames, selectOperation, type RawVariables } from './operation.ts';
import { removeDeniedFields, type TrimmedOperation } from './removeDeniedFields.ts';
import {
  authorizeCoordinates,
  buildShieldRules,
  type AuthorizationDecision,
  type GrantRules,
  type ShieldRule,
} from './rules.ts';

/**
 * What a requester may read, as the credential lookup returns it.
 *
 * `version` must change whenever `coordinates` (or `conditions`) change, and two different grant
 * sets must never share a version: rules, decisions and filtered schemas are cached under it. A
 * content hash of the sorted coordinates, or `<grant-set id>:<revision>`, both qualify.
 */
export interface GrantSet {
  readonly version: string;
  readonly coordinates: ReadonlySet<string>;
  /** Optional per-coordinate graphql-shield conditions; see `Grant.condition`. */
  readonly conditions?: ReadonlyMap<string, ShieldRule>;
}

/** One operation to authorize, engine-neutral. */
export interface OperationRequest {
  /**
   * Identifies the document text: Apollo Server's `queryHash` (SHA-256 of the query), or the query
   * text itself. Two different documents must never share a key.
   */
  readonly documentKey: string;
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  readonly variables?: RawVariables;
}

export interface AuthorizationResult extends AuthorizationDecision {
  readonly operation: OperationCoordinates;
  /** The key the operation's coordinates are cached under (document, operation name, conditions). */
  readonly operationKey: string;
}

export interface FieldAuthorizerOptions {
  /** Coordinate sets kept, one per (document, operation name, `@skip`/`@include` values). Default 2,000. */
  readonly maxOperations?: number;
  /** Decisions kept, one per (operation key, grant-set version). Default 20,000. */
  readonly maxDecisions?: number;
  /** Rule maps kept, one per grant-set version. Default 1,000. */
  readonly maxGrantSets?: number;
  /** Filtered schemas kept for introspection, one per grant-set version. Default 100. */
  readonly maxFilteredSchemas?: number;
}

interface SchemaCaches {
  readonly conditionVariables: LruCache<string, readonly string[]>;
  readonly operations: LruCache<string, OperationCoordinates>;
  readonly decisions: LruCache<string, AuthorizationDecision>;
  readonly trimmed: LruCache<string, TrimmedOperation>;
  readonly filteredSchemas: LruCache<string, GraphQLSchema>;
}

const SEPARATOR = '\u0000';

/**
 * Field-level authorization with its caches, independent of any GraphQL server or gateway: feed it
 * a schema, an operation and a grant set.
 *
 * Everything that depends on the schema is cached per schema object (a `WeakMap`), so a new
 * supergraph starts with empty caches and an in-flight request on the old schema can never fill the
 * new one's; `clear()` drops all of it at once. Work per operation after the first request of a
 * kind is a few map lookups; the rule map of a grant set is built once per version.
 */
export class FieldAuthorizer {
  readonly #options: Required<FieldAuthorizerOptions>;
  #schemaCaches = new WeakMap<GraphQLSchema, SchemaCaches>();
  readonly #rules: LruCache<string, GrantRules>;

  constructor(options: FieldAuthorizerOptions = {}) {
    this.#options = {
      maxOperations: options.maxOperations ?? 2_000,
      maxDecisions: options.maxDecisions ?? 20_000,
      maxGrantSets: options.maxGrantSets ?? 1_000,
      maxFilteredSchemas: options.maxFilteredSchemas ?? 100,
    };
    this.#rules = new LruCache(this.#options.maxGrantSets);
  }

  /** Drops every cache: call it when the schema or the grant store changes wholesale. */
  clear(): void {
    this.#schemaCaches = new WeakMap();
    this.#rules.clear();
  }

  /** The operation's coordinates, computed once per operation key. */
  coordinates(
    schema: GraphQLSchema,
    request: OperationRequest,
  ): { key: string; operation: OperationCoordinates } {
    const caches = this.#caches(schema);
    const names = caches.conditionVariables.getOrSet(request.documentKey, () =>
      conditionVariableNames(request.document),
    );
    const key = operationKey(request, names);
    const operation = caches.operations.getOrSet(key, () =>
      collectOperationCoordinates(
        schema,
        request.document,
        selectOperation(request.document, request.operationName),
        request.variables,
        names,
      ),
    );
    return { key, operation };
  }

  /** The graphql-shield rules of a grant set, built once per version. */
  rules(grantSet: GrantSet): GrantRules {
    return this.#rules.getOrSet(grantSet.version, () =>
      buildShieldRules(
        (function* () {
          for (const coordinate of grantSet.coordinates) {
            const condition = grantSet.conditions?.get(coordinate);
            yield condition ? { coordinate, condition } : { coordinate };
          }
        })(),
      ),
    );
  }

  /**
   * Decides every coordinate of the operation. Cached per (operation key, grant-set version) unless
   * the grant set carries conditions, whose outcome depends on `ctx`.
   */
  async authorize(
    schema: GraphQLSchema,
    request: OperationRequest,
    grantSet: GrantSet,
    ctx: object = {},
  ): Promise<AuthorizationResult> {
    const { key, operation } = this.coordinates(schema, request);
    const rules = this.rules(grantSet);
    const decisions = this.#caches(schema).decisions;
    const decisionKey = grantSet.version + SEPARATOR + key;
    let decision = rules.contextual ? undefined : decisions.get(decisionKey);
    if (!decision) {
      decision = await authorizeCoordinates(rules, operation.coordinates, ctx);
      if (!rules.contextual) decisions.set(decisionKey, decision);
    }
    return { operation, operationKey: key, allowed: decision.allowed, denied: decision.denied };
  }

  /**
   * The operation without its denied selections ("drop denied fields" mode), cached per decision.
   * Plan it under `queryHash`, never under the original document's hash.
   */
  trimmed(
    schema: GraphQLSchema,
    request: OperationRequest,
    result: AuthorizationResult,
    grantSet: GrantSet,
  ): TrimmedOperation {
    const compute = () => removeDeniedFields(schema, request.document, request.operationName, result.denied);
    if (this.rules(grantSet).contextual) return compute();
    return this.#caches(schema).trimmed.getOrSet(grantSet.version + SEPARATOR + result.operationKey, compute);
  }

  /** The schema this grant set may see through introspection, built once per version. */
  filteredSchema(schema: GraphQLSchema, grantSet: GrantSet): GraphQLSchema {
    return this.#caches(schema).filteredSchemas.getOrSet(grantSet.version, () =>
      filterSchemaForCoordinates(schema, grantSet.coordinates),
    );
  }

  #caches(schema: GraphQLSchema): SchemaCaches {
    let caches = this.#schemaCaches.get(schema);
    if (!caches) {
      const options = this.#options;
      caches = {
        conditionVariables: new LruCache(options.maxOperations),
        operations: new LruCache(options.maxOperations),
        decisions: new LruCache(options.maxDecisions),
        trimmed: new LruCache(options.maxDecisions),
        filteredSchemas: new LruCache(options.maxFilteredSchemas),
      };
      this.#schemaCaches.set(schema, caches);
    }
    return caches;
  }
}

/**
 * Document, operation name, and the raw values of the variables `@skip`/`@include` read: nothing
 * else changes which coordinates an operation selects.
 */
function operationKey(request: OperationRequest, conditionVariables: readonly string[]): string {
  let key = request.documentKey + SEPARATOR + (request.operationName ?? '');
  for (const name of conditionVariables) {
    key += SEPARATOR + String(JSON.stringify(request.variables?.[name]));
  }
  return key;
}
