/**
 * One token per subgraph fetch (DESIGN.md, "Trust boundaries"; STYLE.md rule 26).
 *
 * The query planner sends each subgraph its own operation text: the fields this operation's plan
 * needs from that subgraph, with the key fields and `@requires` fields it must hand to the others.
 * The token for that fetch names that subgraph as audience and lists exactly the coordinates of that
 * text, nothing of other subgraphs: captured at one subgraph it opens no other, and at its own
 * subgraph nothing beyond this fetch. The coordinates depend only on the text and the schema, so they
 * are computed once per operation text and cached per schema (a new supergraph brings a new schema,
 * and with it an empty cache).
 */
import { Kind, getNamedType, isCompositeType, parse } from 'graphql';
import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLObjectType,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayTokenSigner } from '../lib/gatewayToken.ts';
import type { FieldConditions } from '../lib/grantConditions/conditions.ts';
import { narrow, possibleTypesOf, subgraphSelectionCoordinates } from '../lib/federation/coordinates.ts';
import type { SubgraphCallSigner } from './dataSource.ts';

/** Distinct subgraph operation texts remembered per schema. */
const FETCHES_PER_SCHEMA = 2_000;

/**
 * The coordinates (`Type.field`) a subgraph fetch selects, `Query._entities` included for an entity
 * fetch with the fields under each `... on Type` and `Type.__typename` for each entity type fetched. `@skip`/`@include` are not decided: every field
 * the text names is listed, which is exactly what this text can resolve. On an interface a field is
 * listed under the interface and every possible type (the subgraph sees the concrete type). A field
 * the API schema does not know (`@inaccessible`) is listed without its sub-selection, so the
 * subgraph refuses what lies below it rather than the gateway guessing.
 */
export function fetchCoordinates(schema: GraphQLSchema, document: DocumentNode): string[] {
  const coordinates = new Set<string>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const queryType = schema.getQueryType();

  const typeNamed = (name: string): GraphQLCompositeType | undefined => {
    const type = schema.getType(name);
    return type && isCompositeType(type) ? type : undefined;
  };

  const visit = (
    type: GraphQLCompositeType,
    possible: readonly GraphQLObjectType[],
    selectionSet: SelectionSetNode,
    spreading: ReadonlySet<string>,
  ): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        if (type === queryType && name === '_entities') {
          coordinates.add(`${type.name}._entities`);
          // Only `... on Type` (and __typename) sit under `_entities`: each names the entity fetched.
          if (selection.selectionSet) visitEntities(selection.selectionSet, spreading);
          continue;
        }
        for (const coordinate of subgraphSelectionCoordinates(type, name, possible)) coordinates.add(coordinate);
        const field = 'getFields' in type ? type.getFields()[name] : undefined;
        const child = field ? getNamedType(field.type) : undefined;
        if (selection.selectionSet && child && isCompositeType(child)) {
          visit(child, possibleTypesOf(schema, child), selection.selectionSet, spreading);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? typeNamed(selection.typeCondition.name.value) : type;
        if (condition) visit(condition, narrow(schema, possible, condition), selection.selectionSet, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const condition = fragment && typeNamed(fragment.typeCondition.name.value);
        if (!fragment || !condition || spreading.has(name)) continue;
        visit(condition, narrow(schema, possible, condition), fragment.selectionSet, new Set([...spreading, name]));
      }
    }
  };

  const visitEntities = (selectionSet: SelectionSetNode, spreading: ReadonlySet<string>): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT && selection.typeCondition) {
        const type = typeNamed(selection.typeCondition.name.value);
        // The entity is named even when the fetch reads only its `__typename` (an entity interface
        // asked for the concrete type of a representation an `@interfaceObject` subgraph returned):
        // the subgraph resolves a representation of a type its token names.
        coordinates.add(`${selection.typeCondition.name.value}.__typename`);
        if (type) visit(type, possibleTypesOf(schema, type), selection.selectionSet, spreading);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD && !spreading.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && typeNamed(fragment.typeCondition.name.value);
        if (fragment && type) {
          visit(type, possibleTypesOf(schema, type), fragment.selectionSet, new Set([...spreading, fragment.name.value]));
        }
      }
    }
  };

  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = schema.getRootType(definition.operation);
    if (root) visit(root, [root], definition.selectionSet, new Set());
  }
  return [...coordinates].sort();
}

/**
 * The gateway's subgraph-call signer: one token per fetch, audience = the subgraph, fields = the
 * fetch's coordinates (cached per schema and operation text), the requester and the request id.
 */
export function createSubgraphCallSigner(signer: GatewayTokenSigner): SubgraphCallSigner {
  const caches = new WeakMap<GraphQLSchema, LRUCache<string, readonly string[]>>();
  const coordinatesOf = (schema: GraphQLSchema, operation: string): readonly string[] => {
    let cache = caches.get(schema);
    if (!cache) {
      cache = new LRUCache({ max: FETCHES_PER_SCHEMA });
      caches.set(schema, cache);
    }
    let coordinates = cache.get(operation);
    if (!coordinates) {
      coordinates = fetchCoordinates(schema, parse(operation, { noLocation: true }));
      cache.set(operation, coordinates);
    }
    return coordinates;
  };
  return ({ subgraph, context, operation, schema }) => {
    const fields = coordinatesOf(schema, operation);
    return signer.sign({
      audience: subgraph,
      requester: context.request.requester?.clientId ?? 'anonim',
      graph: context.request.graph,
      requestId: context.request.id,
      fields,
      conditions: conditionsFor(fields, context.authorization?.allowedConditions),
    });
  };
}

/** The grant conditions of this fetch's fields, for its subgraph to enforce again (none: omitted). */
function conditionsFor(
  fields: readonly string[],
  all: Readonly<Record<string, FieldConditions>> | undefined,
): Record<string, FieldConditions> {
  const result: Record<string, FieldConditions> = {};
  if (!all) return result;
  for (const field of fields) {
    const conditions = all[field];
    if (conditions) result[field] = conditions;
  }
  return result;
}
