/**
 * Inside a subgraph: even a caller holding a valid gateway token gets only the fields of the fetch
 * the token was signed for.
 *
 * The gateway signs one token per subgraph fetch (gateway/subgraphToken.ts): its audience is this
 * subgraph and its `fields` are the coordinates of that fetch's operation text, the key and
 * `@requires` fields the plan reads from here included. graphql-shield runs as ordinary middleware on
 * the subgraph's resolvers: a field `Type.field` resolves only when its coordinate is in the token,
 * except `Query._service`, `_Service.sdl`, `__typename` and introspection. Key fields are no exception:
 * they resolve when the token lists them. Everything else is denied with
 * `extensions.code = 'FORBIDDEN_FIELD'`.
 *
 * `_entities` needs `Query._entities` in the token, and `__resolveReference` is not a field, so no
 * middleware sees it: `guardEntityReferences` wraps it so that a representation of type `T` resolves
 * only when the token names some field of `T` (the fields the fetch reads under `... on T`).
 *
 * The grant conditions the token carries for a field (period, permitted hours, argument constraints,
 * list size: `lib/grantConditions`) are enforced here again, on the real resolver's arguments and
 * result: a field whose conditions fail is refused with `CONDITION_FAILED`, naming the condition.
 */
import { GraphQLError, Kind, getNullableType, isListType, isObjectType } from 'graphql';
import type { DocumentNode, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { shield, rule } from 'graphql-shield';
import type { IMiddlewareFieldMap, IMiddlewareFunction, IMiddlewareGenerator } from 'graphql-middleware';
import { ErrorCode } from '../../lib/errors.ts';
import type { VerifiedGatewayToken } from '../../lib/gatewayToken.ts';
import { PatternBudget } from '../../lib/grantConditions/patterns.ts';
import {
  checkBeforeResolve,
  checkListSize,
  maxItemsOf,
  type ConditionFailure,
  type FieldConditions,
} from '../../lib/grantConditions/conditions.ts';

/** What every subgraph context carries about the caller. */
export interface SubgraphContextBase {
  /** The verified gateway token; null when the subgraph runs without a verifier. */
  gatewayToken: VerifiedGatewayToken | null;
  /** Coordinates the token allows; null = no check (no verifier configured). */
  allowedFields: ReadonlySet<string> | null;
  /** Types with at least one allowed coordinate; null = no check. */
  allowedTypes: ReadonlySet<string> | null;
  /** Grant conditions per allowed coordinate, from the token; empty = none. */
  fieldConditions: ReadonlyMap<string, FieldConditions>;
  /** The pattern-matching work left to this operation, over every field's conditions. */
  patternBudget: PatternBudget;
}

export function contextBaseOf(token: VerifiedGatewayToken | null): SubgraphContextBase {
  if (!token) return { gatewayToken: null, allowedFields: null, allowedTypes: null, fieldConditions: new Map(), patternBudget: new PatternBudget() };
  const allowedFields = new Set(token.fields);
  const allowedTypes = new Set<string>();
  for (const coordinate of allowedFields) {
    const dot = coordinate.indexOf('.');
    if (dot > 0) allowedTypes.add(coordinate.slice(0, dot));
  }
  return {
    gatewayToken: token,
    allowedFields,
    allowedTypes,
    fieldConditions: new Map(Object.entries(token.conditions)),
    patternBudget: new PatternBudget(),
  };
}

/** Fields the federation machinery resolves whatever the operation (they read only the schema). */
const FEDERATION_FIELDS = ['Query._service', '_Service.sdl'];

/** `@key(fields: "…")` selections per entity type, read from the subgraph's SDL. */
export function entityKeys(typeDefs: DocumentNode): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const definition of typeDefs.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.STRING) continue;
      const list = keys.get(definition.name.value) ?? [];
      list.push(fields.value);
      keys.set(definition.name.value, list);
    }
  }
  return keys;
}

export function forbiddenField(coordinate: string): GraphQLError {
  return new GraphQLError(`Akses ke field ${coordinate} tidak diizinkan oleh token gateway`, {
    extensions: {
      code: ErrorCode.FORBIDDEN_FIELD,
      messageEn: `Access to field ${coordinate} is not allowed by the gateway token`,
      coordinate,
    },
  });
}

export function conditionFailed(coordinate: string, failure: ConditionFailure): GraphQLError {
  return new GraphQLError(`Akses ke field ${coordinate} ditolak: ${failure.message.id}`, {
    extensions: {
      code: ErrorCode.CONDITION_FAILED,
      messageEn: `Access to field ${coordinate} denied: ${failure.message.en}`,
      coordinate,
      condition: failure.condition,
      ...(failure.argument === undefined ? {} : { argument: failure.argument }),
    },
  });
}

/** The graphql-shield middleware: deny by default, allow what the token and the planner need. */
export function createFieldGuard(
  alwaysAllowed: Iterable<string> = [],
): IMiddlewareGenerator<unknown, SubgraphContextBase, unknown> {
  const allowed = new Set([...FEDERATION_FIELDS, ...alwaysAllowed]);
  // One rule for every field: the decision depends on the coordinate, so nothing may be cached.
  const fieldInToken = rule({ cache: 'no_cache' })((
    _parent: unknown,
    args: Record<string, unknown> | undefined,
    context: SubgraphContextBase,
    info: GraphQLResolveInfo,
  ) => {
    const coordinate = `${info.parentType.name}.${info.fieldName}`;
    if (info.fieldName.startsWith('__') || info.parentType.name.startsWith('__') || allowed.has(coordinate)) {
      return true;
    }
    if (context.allowedFields === null) return true;
    if (!context.allowedFields.has(coordinate)) return forbiddenField(coordinate);
    const conditions = context.fieldConditions.get(coordinate);
    if (!conditions) return true;
    const failure = checkBeforeResolve(conditions, new Date(), args ?? {}, context.patternBudget);
    return failure ? conditionFailed(coordinate, failure) : true;
  });
  return shield<unknown, SubgraphContextBase, unknown>(
    {},
    {
      fallbackRule: fieldInToken,
      // Resolver errors (UPSTREAM_ERROR, BAD_REQUEST) pass through unchanged.
      allowExternalErrors: true,
      debug: false,
      fallbackError: (_thrown, _parent, _args, _context, info) =>
        forbiddenField(`${info.parentType.name}.${info.fieldName}`),
    },
  );
}

type ListMiddleware = IMiddlewareFunction<unknown, SubgraphContextBase, Record<string, unknown>>;

/**
 * The `maxItems` condition, checked where the list is produced: middleware on every list-returning
 * field of the schema that refuses a result longer than the token's conditions allow for that field.
 * Fields without conditions in the token pass untouched (one map lookup).
 */
export function createListSizeGuard(
  schema: GraphQLSchema,
): IMiddlewareFieldMap<unknown, SubgraphContextBase, Record<string, unknown>> {
  const middleware: IMiddlewareFieldMap<unknown, SubgraphContextBase, Record<string, unknown>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields: Record<string, ListMiddleware> = {};
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type))) continue;
      const coordinate = `${type.name}.${field.name}`;
      fields[field.name] = async (resolve, parent, args, context, info) => {
        const conditions = context.fieldConditions.get(coordinate);
        const value: unknown = await resolve(parent, args, context, info);
        if (!conditions) return value;
        const failure = checkListSize(maxItemsOf(conditions, new Date(), args, context.patternBudget), value);
        if (failure) throw conditionFailed(coordinate, failure);
        return value;
      };
    }
    if (Object.keys(fields).length > 0) middleware[type.name] = fields;
  }
  return middleware;
}

type ReferenceResolver<TContext> = (
  reference: object,
  context: TContext,
  info: GraphQLResolveInfo,
) => unknown;

/**
 * Wraps (or adds) `__resolveReference` of every entity type so that a representation of `T` resolves
 * only when the token names a field of `T`. Returns a new resolver map; the given one is not changed.
 */
export function guardEntityReferences<TMap extends Record<string, unknown>>(
  resolvers: TMap,
  entityTypeNames: Iterable<string>,
): TMap {
  const guarded: Record<string, unknown> = { ...resolvers };
  for (const typeName of entityTypeNames) {
    const typeResolvers = (guarded[typeName] ?? {}) as Record<string, unknown>;
    const original = typeResolvers.__resolveReference as ReferenceResolver<SubgraphContextBase> | undefined;
    // Async so that a refusal fails only this representation, not the whole `_entities` list.
    const resolveReference: ReferenceResolver<SubgraphContextBase> = async (reference, context, info) => {
      if (context.allowedTypes !== null && !context.allowedTypes.has(typeName)) {
        throw new GraphQLError(`Entitas ${typeName} tidak termasuk dalam token gateway`, {
          extensions: {
            code: ErrorCode.FORBIDDEN_FIELD,
            messageEn: `Entity ${typeName} is not covered by the gateway token`,
            coordinate: `${typeName}.__resolveReference`,
          },
        });
      }
      return original ? original(reference, context, info) : reference;
    };
    guarded[typeName] = { ...typeResolvers, __resolveReference: resolveReference };
  }
  return guarded as TMap;
}
