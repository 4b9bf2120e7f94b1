import type { DocumentNode, GraphQLSchema } from 'graphql';
import {
  nextTimeChange,
  usesArguments,
  type FieldConditions,
} from '../../../lib/grantConditions/conditions.ts';
import { RequestArguments } from './arguments.ts';
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
  /**
   * The conditions attached to each granted coordinate by its approval and grants (period, hours,
   * arguments, list size); see `lib/grantConditions`. Covered by `version` like the coordinates. A
   * coordinate here but not in `coordinates` (a grant scheduled or lately ended) gets its rule too,
   * so that its refusal names the period rather than a missing grant.
   */
  readonly grantConditions?: ReadonlyMap<string, FieldConditions>;
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
  /** The clock of time-dependent grant conditions (tests pass their own). Default: the system clock. */
  readonly now?: () => Date;
}

interface SchemaCaches {
  readonly conditionVariables: LruCache<string, readonly string[]>;
  readonly operations: LruCache<string, OperationCoordinates>;
  readonly decisions: LruCache<string, CachedDecision>;
  readonly trimmed: LruCache<string, TrimmedOperation>;
  readonly filteredSchemas: LruCache<string, GraphQLSchema>;
}

const SEPARATOR = '\u0000';

/** A decision and the instant (ms) it stops being valid: a period or permitted-hours boundary. */
interface CachedDecision {
  readonly decision: AuthorizationDecision;
  readonly until: number;
}

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
  readonly #options: Required<Omit<FieldAuthorizerOptions, 'now'>>;
  readonly #now: () => Date;
  #schemaCaches = new WeakMap<GraphQLSchema, SchemaCaches>();
  readonly #rules: LruCache<string, GrantRules>;

  constructor(options: FieldAuthorizerOptions = {}) {
    this.#options = {
      maxOperations: options.maxOperations ?? 2_000,
      maxDecisions: options.maxDecisions ?? 20_000,
      maxGrantSets: options.maxGrantSets ?? 1_000,
      maxFilteredSchemas: options.maxFilteredSchemas ?? 100,
    };
    this.#now = options.now ?? (() => new Date());
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
            const conditions = grantSet.grantConditions?.get(coordinate);
            yield condition
              ? { coordinate, condition }
              : conditions
                ? { coordinate, conditions }
                : { coordinate };
          }
          for (const [coordinate, conditions] of grantSet.grantConditions ?? []) {
            if (!grantSet.coordinates.has(coordinate)) yield { coordinate, conditions };
          }
        })(),
        this.#now,
      ),
    );
  }

  /**
   * Decides every coordinate of the operation. Cached per (operation key, grant-set version), except:
   * never when the grant set carries custom `conditions` (their outcome depends on `ctx`); the
   * coordinates whose grant conditions read arguments are decided on every request (arguments and
   * variables are not in the operation key); and a decision under period or permitted-hours
   * conditions is kept only until the next boundary, so none outlives it.
   */
  async authorize(
    schema: GraphQLSchema,
    request: OperationRequest,
    grantSet: GrantSet,
    ctx: object = {},
  ): Promise<AuthorizationResult> {
    const { key, operation } = this.coordinates(schema, request);
    const rules = this.rules(grantSet);
    if (rules.contextual) {
      const decision = await authorizeCoordinates(rules, operation.coordinates, ctx);
      return { operation, operationKey: key, ...decision };
    }
    // The coordinates whose conditions read arguments are decided on every request; the others'
    // decision is cached until the next time boundary among them.
    const perRequest = argumentCoordinates(rules.conditions, operation.coordinates);
    const cacheable =
      perRequest.length === 0
        ? operation.coordinates
        : operation.coordinates.filter((c) => !perRequest.includes(c));
    const decisions = this.#caches(schema).decisions;
    const decisionKey = grantSet.version + SEPARATOR + key;
    const at = this.#now();
    const cached = decisions.get(decisionKey);
    let decision: AuthorizationDecision;
    if (cached && at.getTime() < cached.until) {
      decision = cached.decision;
    } else {
      decision = await authorizeCoordinates(rules, cacheable, ctx);
      decisions.set(decisionKey, { decision, until: validUntil(rules.conditions, cacheable, at) });
    }
    if (perRequest.length > 0) {
      const args = new RequestArguments(schema, operation, request.variables);
      const own = await authorizeCoordinates(rules, perRequest, ctx, (coordinate) => args.of(coordinate));
      decision = merged(operation.coordinates, decision, own);
    }
    return { operation, operationKey: key, ...decision };
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
    const rules = this.rules(grantSet);
    // Under time or argument conditions the denied set varies between requests of one operation key.
    if (rules.contextual || rules.conditions.size > 0) return compute();
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

/** The coordinates whose grant conditions read the field's arguments. */
function argumentCoordinates(
  conditions: ReadonlyMap<string, FieldConditions>,
  coordinates: readonly string[],
): readonly string[] {
  if (conditions.size === 0) return [];
  return coordinates.filter((coordinate) => {
    const found = conditions.get(coordinate);
    return found !== undefined && usesArguments(found);
  });
}

/** Two decisions over disjoint parts of `coordinates`, as one, in the order of `coordinates`. */
function merged(
  coordinates: readonly string[],
  a: AuthorizationDecision,
  b: AuthorizationDecision,
): AuthorizationDecision {
  if (a.denied.length === 0 && b.denied.length === 0)
    return { allowed: coordinates, denied: [], failedConditions: [] };
  const denied = new Set([...a.denied, ...b.denied]);
  const order = new Map(coordinates.map((coordinate, index) => [coordinate, index]));
  return {
    allowed: coordinates.filter((coordinate) => !denied.has(coordinate)),
    denied: coordinates.filter((coordinate) => denied.has(coordinate)),
    failedConditions: [...a.failedConditions, ...b.failedConditions].sort(
      (x, y) => (order.get(x.coordinate) ?? 0) - (order.get(y.coordinate) ?? 0),
    ),
  };
}

/** The first period or hours boundary ahead among the operation's coordinates; +∞ when none. */
function validUntil(
  conditions: ReadonlyMap<string, FieldConditions>,
  coordinates: readonly string[],
  at: Date,
): number {
  let until = Number.POSITIVE_INFINITY;
  if (conditions.size === 0) return until;
  for (const coordinate of coordinates) {
    const found = conditions.get(coordinate);
    const next = found ? nextTimeChange(found, at) : null;
    if (next !== null) until = Math.min(until, next);
  }
  return until;
}
