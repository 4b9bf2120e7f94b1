import { GraphQLError, Kind, getNamedType, isCompositeType, isInterfaceType, isObjectType } from 'graphql';
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  OperationDefinitionNode,
  OperationTypeNode,
  SelectionSetNode,
  VariableDefinitionNode,
} from 'graphql';
import { narrow, possibleTypesOf, selectionCoordinates } from '../../../lib/federation/coordinates.ts';
import {
  conditionNotEvaluable,
  selectionOnLeaf,
  unknownField,
  unknownFragment,
  unknownType,
  unsupportedOperation,
} from './errors.ts';
import {
  coerceVariables,
  conditionVariableNames,
  fragmentsOf,
  isIncluded,
  selectOperation,
  type RawVariables,
} from './operation.ts';

/**
 * What an operation reads, as schema coordinates (`Type.field`).
 *
 * The coordinate model is `lib/federation/coordinates.ts`, shared with the registry: a field
 * selected on an interface is recorded under the same field of every object type the value can be at
 * that point of the query (`IzinUsaha.nomor`, `KartuKeluarga.nomor`, …), narrowed by the enclosing
 * type conditions: `... on Dokumen { nomor }` inside a `HasilPencarian` (`Penduduk | IzinUsaha`) adds
 * only `IzinUsaha.nomor`. The interface field is not a coordinate of its own (it is not grantable):
 * the check is on what can be returned.
 *
 * `__typename` (on objects, interfaces and unions) and introspection (`__schema`, `__type` and
 * everything below them) are never coordinates: they are reported as flags and always allowed.
 */
export interface OperationCoordinates {
  readonly operationType: OperationTypeNode;
  readonly operationName: string | null;
  /** Sorted, unique `Type.field` coordinates, introspection excluded. */
  readonly coordinates: readonly string[];
  /** The operation reads `__schema` or `__type`. */
  readonly introspection: boolean;
  /** The operation reads `__typename` somewhere. */
  readonly typename: boolean;
  /**
   * Every selection of each coordinate (one per alias or distinct node), so that rules which read a
   * field's arguments (a grant's argument constraints) can get them per request with the variables
   * applied: see `./arguments.ts`. Nodes reached only through a fragment spread walked once count once.
   */
  readonly selections: ReadonlyMap<string, readonly FieldSelection[]>;
  /** The operation's variable definitions, to coerce the request's variables for those rules. */
  readonly variableDefinitions: readonly VariableDefinitionNode[];
}

/** One selection of a field in the operation. */
export interface FieldSelection {
  readonly field: GraphQLField<unknown, unknown>;
  readonly node: FieldNode;
}

/**
 * Collects the field coordinates an operation would read, with `@skip`/`@include` decided from the
 * variables (and literals), through aliases (the coordinate is the field's real name), named and
 * inline fragments, and every possible concrete type of interfaces and unions.
 *
 * Throws a `PenghubungError` (BAD_REQUEST) for an unknown operation name, several operations and no
 * name, or invalid condition variables; VALIDATION_FAILED for a field or fragment the schema or
 * the document does not define (a document validated against `schema` never gets there).
 */
export function collectFieldCoordinates(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables?: RawVariables,
): OperationCoordinates {
  const operation = selectOperation(document, operationName);
  return collectOperationCoordinates(
    schema,
    document,
    operation,
    variables,
    conditionVariableNames(document),
  );
}

/** As `collectFieldCoordinates`, for callers that already selected the operation and cached the names. */
export function collectOperationCoordinates(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: RawVariables,
  conditionVariables: readonly string[],
): OperationCoordinates {
  const rootType = rootTypeOf(schema, operation);
  const walk = new CoordinateWalk(
    schema,
    fragmentsOf(document),
    coerceVariables(schema, operation, variables, conditionVariables),
  );
  try {
    walk.selectionSet(operation.selectionSet, rootType, [rootType]);
  } catch (error) {
    // getDirectiveValues throws a GraphQLError when a condition cannot be evaluated (an undefined
    // variable in an unvalidated document): that is the client's mistake, not ours.
    if (error instanceof GraphQLError) {
      throw conditionNotEvaluable(error.message);
    }
    throw error;
  }
  return {
    operationType: operation.operation,
    operationName: operation.name?.value ?? null,
    coordinates: [...walk.coordinates].sort(),
    introspection: walk.introspection,
    typename: walk.typename,
    selections: walk.selections,
    variableDefinitions: operation.variableDefinitions ?? [],
  };
}

export { narrow, possibleTypesOf } from '../../../lib/federation/coordinates.ts';

export function rootTypeOf(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLObjectType {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw unsupportedOperation(operation.operation);
  return rootType;
}

export function compositeTypeNamed(schema: GraphQLSchema, name: string): GraphQLCompositeType {
  const type: GraphQLNamedType | undefined = schema.getType(name);
  if (type && isCompositeType(type)) return type;
  throw unknownType(name);
}

/** The named composite type of a field that has a selection set. */
export function selectionTypeOf(
  parentType: GraphQLCompositeType,
  fieldName: string,
  fieldType: GraphQLOutputType,
): GraphQLCompositeType {
  const named = getNamedType(fieldType);
  if (!isCompositeType(named)) throw selectionOnLeaf(`${parentType.name}.${fieldName}`, named.name);
  return named;
}

export function fieldOf(parentType: GraphQLCompositeType, fieldName: string): GraphQLField<unknown, unknown> {
  const field =
    isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[fieldName] : undefined;
  if (!field) throw unknownField(parentType.name, fieldName);
  return field;
}

class CoordinateWalk {
  readonly coordinates = new Set<string>();
  readonly selections = new Map<string, FieldSelection[]>();
  readonly #selectedNodes = new Map<string, Set<FieldNode>>();
  introspection = false;
  typename = false;
  /**
   * Fragments already walked, per set of possible types. A fragment spread many times in the same
   * context adds nothing new, and remembering it keeps a "fragment bomb" (fragments spreading each
   * other many times over) linear instead of exponential.
   */
  readonly #walkedFragments = new Set<string>();
  readonly #schema: GraphQLSchema;
  readonly #fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly #variables: Record<string, unknown>;

  constructor(
    schema: GraphQLSchema,
    fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    variables: Record<string, unknown>,
  ) {
    this.#schema = schema;
    this.#fragments = fragments;
    this.#variables = variables;
  }

  selectionSet(
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
    possible: readonly GraphQLObjectType[],
  ): void {
    const schema = this.#schema;
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection, this.#variables)) continue;
      switch (selection.kind) {
        case Kind.FIELD: {
          const name = selection.name.value;
          if (name === '__typename') {
            this.typename = true;
            continue;
          }
          if ((name === '__schema' || name === '__type') && parentType === schema.getQueryType()) {
            this.introspection = true;
            continue;
          }
          const field = fieldOf(parentType, name);
          for (const coordinate of selectionCoordinates(parentType, name, possible)) {
            this.coordinates.add(coordinate);
            let nodes = this.#selectedNodes.get(coordinate);
            if (!nodes) this.#selectedNodes.set(coordinate, (nodes = new Set()));
            if (nodes.has(selection)) continue;
            nodes.add(selection);
            let list = this.selections.get(coordinate);
            if (!list) this.selections.set(coordinate, (list = []));
            list.push({ field, node: selection });
          }
          if (selection.selectionSet) {
            const fieldType = selectionTypeOf(parentType, name, field.type);
            this.selectionSet(selection.selectionSet, fieldType, possibleTypesOf(schema, fieldType));
          }
          break;
        }
        case Kind.INLINE_FRAGMENT: {
          if (!selection.typeCondition) {
            this.selectionSet(selection.selectionSet, parentType, possible);
            break;
          }
          const condition = compositeTypeNamed(schema, selection.typeCondition.name.value);
          this.selectionSet(selection.selectionSet, condition, narrow(schema, possible, condition));
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = this.#fragments.get(name);
          if (!fragment) throw unknownFragment(name);
          const condition = compositeTypeNamed(schema, fragment.typeCondition.name.value);
          const narrowed = narrow(schema, possible, condition);
          const key = `${name}|${narrowed.map((type) => type.name).join(',')}`;
          if (this.#walkedFragments.has(key)) break;
          this.#walkedFragments.add(key);
          this.selectionSet(fragment.selectionSet, condition, narrowed);
          break;
        }
      }
    }
  }
}
