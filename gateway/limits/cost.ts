/**
 * The gateway's own estimate of what an operation costs to plan and fetch, used beside
 * graphql-armor's rules (which see neither lists nor agencies). It depends on no GraphQL engine: a
 * schema, a document and where each field is resolved (`FieldOwners`, read from the supergraph).
 *
 * - a leaf field costs 1, a field with a selection 2 plus what it selects;
 * - a list multiplies what is under it by its page size: a literal `batas`/`first`/`last`/`limit`
 *   argument, else that argument's default in the schema, else `listSize` (10); nested lists multiply;
 * - a field resolved by other subgraphs than its parent's (an entity join, one more fetch per
 *   parent) adds `joinCost` (10);
 * - fragments cost what they select each time they are spread: the estimate is of the expanded
 *   operation, computed once per (fragment, subgraphs) so a document of nested fragments that
 *   expands to millions of fields is priced in microseconds;
 * - introspection and `__typename` cost nothing.
 * The walk stops as soon as the running total passes `stopAbove`.
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostWeights {
  leafCost: number;
  objectCost: number;
  listSize: number;
  joinCost: number;
}

export const DEFAULT_COST_WEIGHTS: Readonly<CostWeights> = Object.freeze({ leafCost: 1, objectCost: 2, listSize: 10, joinCost: 10 });

/** Argument names read as a page size. */
const PAGE_SIZE_ARGUMENTS = new Set(['batas', 'first', 'last', 'limit', 'take', 'pageSize']);

/** Which subgraphs resolve a field coordinate (`Type.field`); undefined when unknown (no joins counted). */
export type FieldOwners = (coordinate: string) => readonly string[] | undefined;

/** No supergraph at hand: every field in one place, no joins. */
export const NO_OWNERS: FieldOwners = () => undefined;

/**
 * Where each field is resolved, read from a supergraph's `@join__type`/`@join__field` directives: a
 * field's own `@join__field(graph:)` (external ones left out), else its type's `@join__type(graph:)`.
 */
export function fieldOwnersFromSupergraph(supergraphSdl: string): FieldOwners {
  const owners = new Map<string, string[]>();
  const document = parse(supergraphSdl, { noLocation: true });
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeGraphs = graphsOf(definition.directives ?? [], 'join__type', false);
    for (const field of definition.fields ?? []) {
      const fieldGraphs = graphsOf(field.directives ?? [], 'join__field', true);
      const graphs = fieldGraphs.length > 0 ? fieldGraphs : typeGraphs;
      if (graphs.length > 0) owners.set(`${definition.name.value}.${field.name.value}`, [...new Set(graphs)].sort());
    }
  }
  return (coordinate) => owners.get(coordinate);
}

function graphsOf(directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: { kind: string; value?: unknown } }[] }[], name: string, skipExternal: boolean): string[] {
  const graphs: string[] = [];
  for (const directive of directives) {
    if (directive.name.value !== name) continue;
    const args = directive.arguments ?? [];
    if (skipExternal && args.some((arg) => arg.name.value === 'external' && arg.value.kind === Kind.BOOLEAN && arg.value.value === true)) continue;
    const graph = args.find((arg) => arg.name.value === 'graph');
    if (graph && graph.value.kind === Kind.ENUM && typeof graph.value.value === 'string') graphs.push(graph.value.value);
  }
  return graphs;
}

export interface CostEstimateInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  owners?: FieldOwners;
  weights?: Partial<CostWeights>;
  /** Stop as soon as the total exceeds this (the result is then some value above it). */
  stopAbove?: number;
}

/** The estimated cost of one operation of `document` (see the file comment). */
export function estimateOperationCost(input: CostEstimateInput): number {
  const weights = { ...DEFAULT_COST_WEIGHTS, ...input.weights };
  const owners = input.owners ?? NO_OWNERS;
  const stopAbove = input.stopAbove ?? Number.POSITIVE_INFINITY;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  const selectionSetCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, place: readonly string[] | undefined): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, place);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? input.schema.getType(typeName) : parent;
        if (type && isCompositeType(type)) total += selectionSetCost(selection.selectionSet, type, place);
      } else {
        const name = selection.name.value;
        const key = `${name}\u0000${place?.join(',') ?? ''}`;
        let cost = fragmentCosts.get(key);
        if (cost === undefined) {
          const fragment = fragments.get(name);
          const type = fragment ? input.schema.getType(fragment.typeCondition.name.value) : undefined;
          // An unknown or cyclic fragment is for validation to report; it adds nothing here.
          if (!fragment || !type || !isCompositeType(type) || visiting.has(name)) {
            cost = 0;
          } else {
            visiting.add(name);
            cost = selectionSetCost(fragment.selectionSet, type, place);
            visiting.delete(name);
          }
          fragmentCosts.set(key, cost);
        }
        total += cost;
      }
      if (total > stopAbove) return total;
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, place: readonly string[] | undefined): number => {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    const field = fieldOf(parent, name);
    if (!field) return weights.leafCost;
    const fieldOwners = owners(`${parent.name}.${name}`);
    let join = 0;
    let next = place;
    if (fieldOwners) {
      const shared = place ? fieldOwners.filter((graph) => place.includes(graph)) : fieldOwners;
      if (place && shared.length === 0) join = weights.joinCost;
      next = shared.length > 0 ? shared : fieldOwners;
    }
    const named = getNamedType(field.type);
    if (!node.selectionSet || !isCompositeType(named)) return weights.leafCost + join;
    const multiplier = listMultiplier(field.type, pageSizeOf(node, field, weights.listSize));
    const inner = selectionSetCost(node.selectionSet, named, next);
    return weights.objectCost + join + multiplier * inner;
  };

  const root = rootType(input.schema, input.operation);
  if (!root) return 0;
  return selectionSetCost(input.operation.selectionSet, root, undefined);
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLCompositeType | undefined {
  const type =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return type ?? undefined;
}

/** The page size a list field asks for: a literal page-size argument, else its default, else `fallback`. */
function pageSizeOf(node: FieldNode, field: GraphQLField<unknown, unknown>, fallback: number): number {
  for (const argument of node.arguments ?? []) {
    if (!PAGE_SIZE_ARGUMENTS.has(argument.name.value)) continue;
    if (argument.value.kind === Kind.INT) return Math.max(1, Number.parseInt(argument.value.value, 10));
    return fallback;
  }
  for (const argument of field.args) {
    if (PAGE_SIZE_ARGUMENTS.has(argument.name) && typeof argument.defaultValue === 'number') return Math.max(1, argument.defaultValue);
  }
  return fallback;
}

/** `size` per list level of `type` (`[[T]]` is size²); 1 for a non-list. */
function listMultiplier(type: GraphQLOutputType, size: number): number {
  let multiplier = 1;
  let current: GraphQLOutputType = type;
  for (;;) {
    const nullable = getNullableType(current);
    if (!isListType(nullable)) return multiplier;
    multiplier *= size;
    current = nullable.ofType as GraphQLOutputType;
  }
}
