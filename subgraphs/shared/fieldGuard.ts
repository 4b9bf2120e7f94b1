/**
 * Defence in depth inside a subgraph: even a caller holding a valid gateway token gets only the fields
 * the gateway authorized for that operation.
 *
 * graphql-shield runs as ordinary middleware on the subgraph's resolvers. A field `Type.field` may
 * resolve when its coordinate is in the token's `fields`, or when the query planner needs it whatever
 * the operation asked: `Query._service`, `Query._entities`, `_Service.sdl`, introspection and the key
 * fields of every entity (`@key`), which the gateway fetches to join entities across subgraphs.
 * Everything else is denied with `extensions.code = 'FORBIDDEN_FIELD'`.
 *
 * `__resolveReference` is not a field, so no middleware sees it: `guardEntityReferences` wraps it so
 * that `_entities` resolves a representation of type `T` only when the token names some field of `T`.
 * The planner calls `_entities` on a subgraph only to fetch fields of `T` that subgraph contributes,
 * and those are in the operation; a plan that fetched nothing but key fields (entities with several
 * keys, `@interfaceObject`) would need this relaxed. Fields read through `@requires` are not in the
 * operation either; no demo subgraph uses `@requires` (see `subgraphs/README.md`).
 */
import { GraphQLError, Kind, getNamedType, parse } from 'graphql';
import type { DocumentNode, GraphQLResolveInfo, GraphQLSchema, SelectionSetNode } from 'graphql';
import { shield, rule } from 'graphql-shield';
import type { IMiddlewareGenerator } from 'graphql-middleware';
import { ErrorCode } from '../../lib/errors.ts';
import type { VerifiedGatewayToken } from '../../lib/gatewayToken.ts';

/** What every subgraph context carries about the caller. */
export interface SubgraphContextBase {
  /** The verified gateway token; null when the subgraph runs without a verifier. */
  gatewayToken: VerifiedGatewayToken | null;
  /** Coordinates the token allows; null = no check (no verifier configured). */
  allowedFields: ReadonlySet<string> | null;
  /** Types with at least one allowed coordinate; null = no check. */
  allowedTypes: ReadonlySet<string> | null;
}

export function contextBaseOf(token: VerifiedGatewayToken | null): SubgraphContextBase {
  if (!token) return { gatewayToken: null, allowedFields: null, allowedTypes: null };
  const allowedFields = new Set(token.fields);
  const allowedTypes = new Set<string>();
  for (const coordinate of allowedFields) {
    const dot = coordinate.indexOf('.');
    if (dot > 0) allowedTypes.add(coordinate.slice(0, dot));
  }
  return { gatewayToken: token, allowedFields, allowedTypes };
}

/** Fields the federation machinery resolves whatever the operation. */
const FEDERATION_FIELDS = ['Query._service', 'Query._entities', '_Service.sdl'];

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

/** Every coordinate a key selection touches, nested selections included (`Type.field`). */
export function keyFieldCoordinates(schema: GraphQLSchema, keys: Map<string, string[]>): Set<string> {
  const coordinates = new Set<string>();
  const visit = (typeName: string, selectionSet: SelectionSetNode): void => {
    const type = schema.getType(typeName);
    if (!type || !('getFields' in type)) return;
    const fields = type.getFields();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        coordinates.add(`${typeName}.${selection.name.value}`);
        const field = fields[selection.name.value];
        if (selection.selectionSet && field) visit(getNamedType(field.type).name, selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.typeCondition?.name.value ?? typeName, selection.selectionSet);
      }
    }
  };
  for (const [typeName, selections] of keys) {
    for (const selection of selections) {
      const operation = parse(`{ ${selection} }`).definitions[0];
      if (operation?.kind === Kind.OPERATION_DEFINITION) visit(typeName, operation.selectionSet);
    }
  }
  return coordinates;
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

/** The graphql-shield middleware: deny by default, allow what the token and the planner need. */
export function createFieldGuard(
  alwaysAllowed: Iterable<string>,
): IMiddlewareGenerator<unknown, SubgraphContextBase, unknown> {
  const allowed = new Set([...FEDERATION_FIELDS, ...alwaysAllowed]);
  // One rule for every field: the decision depends on the coordinate, so nothing may be cached.
  const fieldInToken = rule({ cache: 'no_cache' })((
    _parent: unknown,
    _args: unknown,
    context: SubgraphContextBase,
    info: GraphQLResolveInfo,
  ) => {
    const coordinate = `${info.parentType.name}.${info.fieldName}`;
    if (info.fieldName.startsWith('__') || info.parentType.name.startsWith('__') || allowed.has(coordinate)) {
      return true;
    }
    if (context.allowedFields === null) return true;
    return context.allowedFields.has(coordinate) || forbiddenField(coordinate);
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
