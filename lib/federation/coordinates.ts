/**
 * The coordinate model: the one answer, for the registry and the gateway alike, to three questions
 * about a federated graph.
 *
 * 1. Which coordinates exist? The unit of access is `Type.field` of an OBJECT type of the graph's
 *    API schema (what clients see: `@inaccessible` elements and federation plumbing are not in it).
 *    Those are the only coordinates a request, an approval, a grant and the gateway's check name.
 * 2. Which coordinates does a selection touch? A field selected on an object type touches that
 *    coordinate. A field selected on an interface touches the same field of every object type the
 *    value can be at that point of the operation (narrowed by the enclosing type conditions): the
 *    interface field is not a coordinate of its own, it has no data of its own. So `Product.createdBy`
 *    on an interface `Product` implemented by `Buku` and `Film` touches `Buku.createdBy` and
 *    `Film.createdBy`. Unions have no fields; `__typename` (on any type, abstract or not) and
 *    introspection touch no coordinate and need no grant.
 *    Consequence: a grant on every implementation opens a query written against the interface, and
 *    an implementation added later is closed until someone asks for it (a new request).
 * 3. Who owns a coordinate? Every subgraph that can hand its value to the gateway, read from the
 *    supergraph's `@join__*` directives:
 *    - a field without `@join__field`: every subgraph that declares the type (`@join__type`),
 *      including Federation 1 `extend type … @key` with its `@external` key fields, which composition
 *      treats as resolvable there, and `resolvable: false` stubs, which do return their key fields;
 *    - a field with `@join__field(graph: G)`: G, unless `external: true` (another subgraph resolves
 *      it) or `usedOverridden: true` (kept for keys or `@requires`; the `@override` target serves it);
 *    - `external: true` in G but named by a `@provides` of G: G too (G returns the value);
 *    - a field of an object type contributed through an `@interfaceObject` (the supergraph shows it
 *      as `@join__field` without a graph): each subgraph declaring the interface as
 *      `@interfaceObject` and resolving that interface field;
 *    - a `@shareable` field, or a key, in several subgraphs: all of them.
 *    The query planner may take a value from any of its owners, so the rule of the access workflow
 *    is that EVERY owning agency must consent: the coordinate is open only when each owner granted
 *    it.
 *
 * Request shorthands (`expandRequested`): `Interface.field` stands for the implementations' fields,
 * `Type.*` for every field of an object type (of every implementation for an interface, of every
 * member for a union), `*` for every coordinate of the graph. Stored requests hold the expanded list.
 *
 * This module reads the supergraph SDL with graphql-js only: the join spec is the contract, not the
 * engine's internals, so another composition engine producing a join-spec supergraph fits.
 */
import { Kind, isInterfaceType, isObjectType, isUnionType, parse } from 'graphql';
import type {
  ConstDirectiveNode,
  DocumentNode,
  FieldDefinitionNode,
  GraphQLCompositeType,
  GraphQLObjectType,
  GraphQLSchema,
  SelectionSetNode,
  TypeNode,
} from 'graphql';

/** `Type.field`. */
export const COORDINATE_SHAPE = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/;
/** `Type.*`: every field of a type. */
export const TYPE_WILDCARD_SHAPE = /^[_A-Za-z][_0-9A-Za-z]*\.\*$/;
/** `*`: every field of the graph. */
export const GRAPH_WILDCARD = '*';

// ---------------------------------------------------------------------------------------------
// Selections (used by the gateway's walk, the drop mode and the per-fetch token)
// ---------------------------------------------------------------------------------------------

/** The object types a value of `type` can be. */
export function possibleTypesOf(schema: GraphQLSchema, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isObjectType(type) ? [type] : schema.getPossibleTypes(type);
}

/** `possible` narrowed by a type condition. */
export function narrow(
  schema: GraphQLSchema,
  possible: readonly GraphQLObjectType[],
  condition: GraphQLCompositeType,
): readonly GraphQLObjectType[] {
  if (isObjectType(condition)) return possible.includes(condition) ? [condition] : [];
  return possible.filter((type) => schema.isSubType(condition, type));
}

/**
 * The grantable coordinates one field selection touches: on an object type its own; on an interface
 * the field of each object type possible there (none for `__typename`, which callers skip).
 */
export function selectionCoordinates(
  parentType: GraphQLCompositeType,
  fieldName: string,
  possible: readonly GraphQLObjectType[],
): string[] {
  if (isObjectType(parentType)) return [`${parentType.name}.${fieldName}`];
  return possible.map((type) => `${type.name}.${fieldName}`);
}

/**
 * The coordinates a subgraph may see for one field of a fetch: the grantable ones and, on an
 * interface, the interface's own too, because a subgraph that declares the interface as an
 * `@interfaceObject` resolves it as an object type of that name. Used for the token a subgraph
 * checks, never for a grant decision.
 */
export function subgraphSelectionCoordinates(
  parentType: GraphQLCompositeType,
  fieldName: string,
  possible: readonly GraphQLObjectType[],
): string[] {
  const grantable = selectionCoordinates(parentType, fieldName, possible);
  return isInterfaceType(parentType) ? [`${parentType.name}.${fieldName}`, ...grantable] : grantable;
}

/**
 * The grantable coordinates a subgraph's own `Type.field` stands for in a graph's API schema: itself
 * on an object type; on an interface (declared as such, or as an `@interfaceObject` in that
 * subgraph) the field of every implementation. What a change to that field can take away from
 * grant holders.
 */
export function grantableCoordinatesOf(apiSchema: GraphQLSchema, coordinate: string): string[] {
  const [typeName = '', fieldName = ''] = coordinate.split('.');
  const type = apiSchema.getType(typeName);
  if (isInterfaceType(type)) return apiSchema.getPossibleTypes(type).map((object) => `${object.name}.${fieldName}`);
  return [coordinate];
}

// ---------------------------------------------------------------------------------------------
// The model of one supergraph (used by the registry)
// ---------------------------------------------------------------------------------------------

export interface RequestedExpansion {
  /** Sorted, unique grantable coordinates the request stands for. */
  readonly coordinates: readonly string[];
  /** Entries of neither shape (`Type.field`, `Type.*`, `*`). */
  readonly malformed: readonly string[];
  /** Well formed, but naming no field (or no type) of the graph. */
  readonly unknown: readonly string[];
}

export interface CoordinateModel {
  /** Every grantable coordinate of the graph, sorted. */
  readonly coordinates: readonly string[];
  /** Whether `coordinate` is grantable in this graph. */
  has(coordinate: string): boolean;
  /** The subgraph names (as in the supergraph's `join__Graph`) that own `coordinate`, sorted. */
  owners(coordinate: string): readonly string[];
  /** The request's entries with interface fields and wildcards expanded (see the module comment). */
  expandRequested(entries: readonly string[]): RequestedExpansion;
}

interface JoinField {
  graph: string | null;
  external: boolean;
  usedOverridden: boolean;
  provides: string | null;
}

interface SupergraphType {
  kind: 'object' | 'interface' | 'other';
  /** Graphs from `@join__type`, with whether the type is an `@interfaceObject` there. */
  graphs: Map<string, { interfaceObject: boolean }>;
  fields: Map<string, { joins: JoinField[]; type: TypeNode }>;
  /** The interfaces the type declares it implements. */
  interfaces: string[];
}

/**
 * Builds the model of one supergraph. `apiSchema` is the graph's client-facing schema (what
 * exists); `supergraphSdl` the composed SDL with `@join__*` (who owns it).
 */
export function buildCoordinateModel(supergraphSdl: string, apiSchema: GraphQLSchema): CoordinateModel {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphNames = joinGraphNames(document);
  const types = supergraphTypes(document, graphNames);
  const provided = providedCoordinates(types);

  const coordinates: string[] = [];
  const ownersOf = new Map<string, readonly string[]>();
  for (const type of Object.values(apiSchema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const fieldName of Object.keys(type.getFields())) {
      const coordinate = `${type.name}.${fieldName}`;
      coordinates.push(coordinate);
      ownersOf.set(coordinate, ownersOfField(types, provided, type, fieldName));
    }
  }
  coordinates.sort();
  const known = new Set(coordinates);

  const expandOne = (entry: string, into: Set<string>): 'ok' | 'malformed' | 'unknown' => {
    if (entry === GRAPH_WILDCARD) {
      for (const coordinate of coordinates) into.add(coordinate);
      return 'ok';
    }
    const typeWildcard = TYPE_WILDCARD_SHAPE.test(entry);
    if (!typeWildcard && !COORDINATE_SHAPE.test(entry)) return 'malformed';
    const [typeName, fieldName] = entry.split('.') as [string, string];
    if (typeName.startsWith('__')) return 'unknown';
    const type = apiSchema.getType(typeName);
    if (isObjectType(type)) {
      const names = typeWildcard ? Object.keys(type.getFields()) : [fieldName];
      if (!names.every((name) => known.has(`${typeName}.${name}`))) return 'unknown';
      for (const name of names) into.add(`${typeName}.${name}`);
      return 'ok';
    }
    if (isInterfaceType(type)) {
      const names = typeWildcard ? Object.keys(type.getFields()) : [fieldName];
      if (!names.every((name) => name in type.getFields())) return 'unknown';
      for (const implementation of apiSchema.getPossibleTypes(type)) {
        for (const name of names) into.add(`${implementation.name}.${name}`);
      }
      return 'ok';
    }
    if (isUnionType(type) && typeWildcard) {
      for (const member of type.getTypes()) {
        for (const name of Object.keys(member.getFields())) into.add(`${member.name}.${name}`);
      }
      return 'ok';
    }
    return 'unknown';
  };

  return {
    coordinates,
    has: (coordinate) => known.has(coordinate),
    owners: (coordinate) => ownersOf.get(coordinate) ?? [],
    expandRequested(entries) {
      const expanded = new Set<string>();
      const malformed: string[] = [];
      const unknown: string[] = [];
      for (const entry of entries) {
        const outcome = expandOne(entry, expanded);
        if (outcome === 'malformed') malformed.push(entry);
        else if (outcome === 'unknown') unknown.push(entry);
      }
      return { coordinates: [...expanded].sort(), malformed, unknown };
    },
  };
}

/** `join__Graph` enum values → subgraph names (`@join__graph(name:)`). */
function joinGraphNames(document: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      names.set(value.name.value, stringArgument(graph, 'name') ?? value.name.value);
    }
  }
  return names;
}

function supergraphTypes(document: DocumentNode, graphNames: ReadonlyMap<string, string>): Map<string, SupergraphType> {
  const types = new Map<string, SupergraphType>();
  const graphOf = (directive: ConstDirectiveNode): string | null => {
    const value = enumArgument(directive, 'graph');
    return value === null ? null : (graphNames.get(value) ?? value);
  };
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    const type: SupergraphType = {
      kind: definition.kind === Kind.OBJECT_TYPE_DEFINITION ? 'object' : 'interface',
      graphs: new Map(),
      fields: new Map(),
      interfaces: (definition.interfaces ?? []).map((named) => named.name.value),
    };
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const graph = graphOf(directive);
      if (graph === null) continue;
      const interfaceObject = booleanArgument(directive, 'isInterfaceObject');
      const known = type.graphs.get(graph);
      type.graphs.set(graph, { interfaceObject: interfaceObject || (known?.interfaceObject ?? false) });
    }
    for (const field of definition.fields ?? []) type.fields.set(field.name.value, { joins: joinFields(field, graphOf), type: field.type });
    types.set(definition.name.value, type);
  }
  return types;
}

function joinFields(field: FieldDefinitionNode, graphOf: (directive: ConstDirectiveNode) => string | null): JoinField[] {
  return (field.directives ?? [])
    .filter((directive) => directive.name.value === 'join__field')
    .map((directive) => ({
      graph: graphOf(directive),
      external: booleanArgument(directive, 'external'),
      usedOverridden: booleanArgument(directive, 'usedOverridden'),
      provides: stringArgument(directive, 'provides'),
    }));
}

/** The graphs that resolve `typeName.fieldName` themselves (not through an `@interfaceObject`). */
function resolvingGraphs(types: ReadonlyMap<string, SupergraphType>, typeName: string, fieldName: string): string[] {
  const type = types.get(typeName);
  const field = type?.fields.get(fieldName);
  if (!type || !field) return [];
  if (field.joins.length === 0) return [...type.graphs.keys()];
  return field.joins.flatMap((join) =>
    join.graph !== null && !join.external && !join.usedOverridden ? [join.graph] : [],
  );
}

function ownersOfField(
  types: ReadonlyMap<string, SupergraphType>,
  provided: ReadonlyMap<string, ReadonlySet<string>>,
  type: GraphQLObjectType,
  fieldName: string,
): readonly string[] {
  const owners = new Set(resolvingGraphs(types, type.name, fieldName));
  for (const graph of provided.get(`${type.name}.${fieldName}`) ?? []) owners.add(graph);
  for (const anInterface of type.getInterfaces()) {
    const declared = types.get(anInterface.name);
    if (!declared) continue;
    const resolving = new Set(resolvingGraphs(types, anInterface.name, fieldName));
    for (const [graph, { interfaceObject }] of declared.graphs) {
      if (interfaceObject && resolving.has(graph)) owners.add(graph);
    }
  }
  return [...owners].sort();
}

/**
 * `Type.field` → the graphs that return it through a `@provides` although it is `@external` there.
 * The field set is read against the supergraph's types; on an interface, what it names is provided
 * for every object type declaring that interface.
 */
function providedCoordinates(types: ReadonlyMap<string, SupergraphType>): Map<string, Set<string>> {
  const provided = new Map<string, Set<string>>();
  const implementationsOf = (interfaceName: string): string[] => {
    return [...types.entries()].flatMap(([name, type]) =>
      type.kind === 'object' && type.interfaces.includes(interfaceName) ? [name] : [],
    );
  };
  const add = (typeName: string, fieldName: string, graph: string) => {
    const coordinate = `${typeName}.${fieldName}`;
    let graphs = provided.get(coordinate);
    if (!graphs) provided.set(coordinate, (graphs = new Set()));
    graphs.add(graph);
  };
  const walk = (typeName: string, selectionSet: SelectionSetNode, graph: string) => {
    const type = types.get(typeName);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.typeCondition?.name.value ?? typeName, selection.selectionSet, graph);
        continue;
      }
      if (selection.kind !== Kind.FIELD || !type) continue;
      const name = selection.name.value;
      const field = type.fields.get(name);
      if (!field) continue;
      const targets = type.kind === 'interface' ? implementationsOf(typeName).filter((candidate) => types.get(candidate)?.fields.has(name)) : [typeName];
      for (const target of targets) add(target, name, graph);
      if (selection.selectionSet) walk(namedTypeOf(field.type), selection.selectionSet, graph);
    }
  };
  for (const type of types.values()) {
    for (const field of type.fields.values()) {
      for (const join of field.joins) {
        if (join.graph === null || join.provides === null) continue;
        let selectionSet: SelectionSetNode;
        try {
          const [operation] = parse(`{${join.provides}}`, { noLocation: true }).definitions;
          if (operation?.kind !== Kind.OPERATION_DEFINITION) continue;
          selectionSet = operation.selectionSet;
        } catch {
          // Composition has validated every field set; an unreadable one provides nothing.
          continue;
        }
        walk(namedTypeOf(field.type), selectionSet, join.graph);
      }
    }
  }
  return provided;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

function argumentOf(directive: ConstDirectiveNode | undefined, name: string) {
  return directive?.arguments?.find((argument) => argument.name.value === name)?.value;
}

function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | null {
  const value = argumentOf(directive, name);
  return value?.kind === Kind.STRING ? value.value : null;
}

function enumArgument(directive: ConstDirectiveNode, name: string): string | null {
  const value = argumentOf(directive, name);
  return value?.kind === Kind.ENUM ? value.value : null;
}

function booleanArgument(directive: ConstDirectiveNode, name: string): boolean {
  const value = argumentOf(directive, name);
  return value?.kind === Kind.BOOLEAN && value.value;
}
