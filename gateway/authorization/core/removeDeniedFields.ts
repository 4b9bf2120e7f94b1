import { createHash } from 'node:crypto';
import { Kind, isInterfaceType, print, visit } from 'graphql';
import type {
  ASTNode,
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLObjectType,
  GraphQLSchema,
  InlineFragmentNode,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
} from 'graphql';
import { narrow, possibleTypesOf, selectionCoordinates } from '../../../lib/federation/coordinates.ts';
import { compositeTypeNamed, fieldOf, rootTypeOf, selectionTypeOf } from './coordinates.ts';
import { unknownFragment } from './errors.ts';
import { fragmentsOf, selectOperation } from './operation.ts';

export type TrimmedOperation =
  | {
      readonly kind: 'trimmed';
      /** The selected operation without the denied selections, and only the fragments it still uses. */
      readonly document: DocumentNode;
      /** `print(document)`: plan and cache it under its own hash, never under the original's. */
      readonly query: string;
      /** SHA-256 (hex) of `query`, the way Apollo Server hashes a query. */
      readonly queryHash: string;
      /** Denied coordinates that caused a selection to be removed, sorted. */
      readonly removedCoordinates: readonly string[];
    }
  | {
      /** Every selection was denied: there is nothing left to run. */
      readonly kind: 'empty';
      readonly removedCoordinates: readonly string[];
    };

/**
 * The "drop denied fields" mode: returns a NEW document for the selected operation with every
 * selection that reads a denied coordinate removed. The input document is never modified (AST
 * nodes that need no change are shared, as graphql-js `visit` does).
 *
 * - A field on an object type is removed when its coordinate is denied. A field on an interface is
 *   removed when the field of every implementation possible there is denied; when only some are,
 *   it is kept for the others as `... { ... on Allowed { field } }` (the denied implementations'
 *   values are absent from the answer, as a removed field's are).
 *   `@skip`/`@include` are not evaluated here: a selection reading a denied coordinate goes whether
 *   or not it is skipped. Selections that were skipped when the decision was made were never
 *   decided, so run the result only with the variables it was decided for (the plugin does).
 * - A field, inline fragment or fragment definition whose selection set becomes empty goes too,
 *   recursively; so do the spreads of a fragment that became empty.
 * - A fragment is trimmed in the context of each spread (the types possible there), as the
 *   coordinates were collected. Where it loses nothing, the spread and its definition stay; where
 *   it loses selections, that spread becomes an inline fragment on the same type condition with
 *   the remaining selections, so a fragment shared by an allowed and a denied context is not
 *   trimmed where it did not need to be.
 * - Other operations, fragments no longer spread, and variable definitions no longer used are
 *   dropped, so the result passes graphql-js validation against the same schema.
 */
export function removeDeniedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  deniedCoordinates: Iterable<string>,
): TrimmedOperation {
  const operation = selectOperation(document, operationName);
  const trimmer = new Trimmer(schema, fragmentsOf(document), new Set(deniedCoordinates));
  const rootType = rootTypeOf(schema, operation);
  const selectionSet = trimmer.selectionSet(operation.selectionSet, rootType, [rootType]);
  const removedCoordinates = [...trimmer.removed].sort();
  if (!selectionSet) return { kind: 'empty', removedCoordinates };

  const usedFragments = trimmer.fragmentsReachableFrom(selectionSet);
  const usedVariables = variablesUsedIn([
    selectionSet,
    ...(operation.directives ?? []),
    ...usedFragments.map((fragment) => fragment.selectionSet),
  ]);
  const trimmedOperation: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: (operation.variableDefinitions ?? []).filter((definition) =>
      usedVariables.has(definition.variable.name.value),
    ),
    selectionSet,
  };
  const fragmentOrder = new Map(
    document.definitions.flatMap((definition, index) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, index] as const] : [],
    ),
  );
  const trimmed: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      trimmedOperation,
      ...usedFragments.sort(
        (a, b) => (fragmentOrder.get(a.name.value) ?? 0) - (fragmentOrder.get(b.name.value) ?? 0),
      ),
    ],
  };
  const query = print(trimmed);
  return {
    kind: 'trimmed',
    document: trimmed,
    query,
    queryHash: createHash('sha256').update(query).digest('hex'),
    removedCoordinates,
  };
}

function variablesUsedIn(nodes: readonly ASTNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  }
  return names;
}

type FragmentInContext =
  { readonly changed: false } | { readonly changed: true; readonly selectionSet: SelectionSetNode | null };

class Trimmer {
  readonly removed = new Set<string>();
  /** Each fragment trimmed per context: `name|possible type names`. */
  readonly #fragmentsInContext = new Map<string, FragmentInContext>();
  readonly #inProgress = new Set<string>();
  readonly #schema: GraphQLSchema;
  readonly #fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly #denied: ReadonlySet<string>;

  constructor(
    schema: GraphQLSchema,
    fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    denied: ReadonlySet<string>,
  ) {
    this.#schema = schema;
    this.#fragments = fragments;
    this.#denied = denied;
  }

  /** The trimmed selection set, the same node when nothing changed, or null when nothing is left. */
  selectionSet(
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
    possible: readonly GraphQLObjectType[],
  ): SelectionSetNode | null {
    const kept: SelectionNode[] = [];
    let changed = false;
    for (const selection of selectionSet.selections) {
      const next = this.#selection(selection, parentType, possible);
      if (next !== selection) changed = true;
      if (next) kept.push(next);
    }
    if (kept.length === 0) return null;
    return changed ? { ...selectionSet, selections: kept } : selectionSet;
  }

  /**
   * The fragment definitions the trimmed selections still spread. Only fragments that lost nothing
   * are still spread, and so are the fragments they spread: their definitions are kept as written.
   */
  fragmentsReachableFrom(selectionSet: SelectionSetNode): FragmentDefinitionNode[] {
    const reachable = new Map<string, FragmentDefinitionNode>();
    const pending: SelectionSetNode[] = [selectionSet];
    for (let next = pending.pop(); next; next = pending.pop()) {
      visit(next, {
        FragmentSpread: (spread) => {
          const name = spread.name.value;
          const fragment = this.#fragments.get(name);
          if (fragment && !reachable.has(name)) {
            reachable.set(name, fragment);
            pending.push(fragment.selectionSet);
          }
        },
      });
    }
    return [...reachable.values()];
  }

  #selection(
    selection: SelectionNode,
    parentType: GraphQLCompositeType,
    possible: readonly GraphQLObjectType[],
  ): SelectionNode | null {
    const schema = this.#schema;
    switch (selection.kind) {
      case Kind.FIELD: {
        const name = selection.name.value;
        // Always allowed: `__typename`, and introspection with everything under it.
        if (name === '__typename' || name === '__schema' || name === '__type') return selection;
        const field = fieldOf(parentType, name);
        const coordinates = selectionCoordinates(parentType, name, possible);
        const denied = coordinates.filter((coordinate) => this.#denied.has(coordinate));
        if (denied.length > 0) {
          for (const coordinate of denied) this.removed.add(coordinate);
          if (!isInterfaceType(parentType) || denied.length === coordinates.length) return null;
          // On an interface, keep the field for the implementations that may read it: the
          // selection becomes `... { ... on Allowed { field } … }`, trimmed again below each.
          const allowed = possible.filter((type) => !this.#denied.has(`${type.name}.${name}`));
          const perType: InlineFragmentNode = {
            kind: Kind.INLINE_FRAGMENT,
            directives: [],
            selectionSet: {
              kind: Kind.SELECTION_SET,
              selections: allowed.map(
                (type): InlineFragmentNode => ({
                  kind: Kind.INLINE_FRAGMENT,
                  typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type.name } },
                  directives: [],
                  selectionSet: { kind: Kind.SELECTION_SET, selections: [selection] },
                }),
              ),
            },
          };
          return this.#selection(perType, parentType, possible);
        }
        if (!selection.selectionSet) return selection;
        const fieldType = selectionTypeOf(parentType, name, field.type);
        const selectionSet = this.selectionSet(
          selection.selectionSet,
          fieldType,
          possibleTypesOf(schema, fieldType),
        );
        if (!selectionSet) return null;
        return selectionSet === selection.selectionSet ? selection : { ...selection, selectionSet };
      }
      case Kind.INLINE_FRAGMENT: {
        const condition = selection.typeCondition
          ? compositeTypeNamed(schema, selection.typeCondition.name.value)
          : parentType;
        const narrowed = selection.typeCondition ? narrow(schema, possible, condition) : possible;
        const selectionSet = this.selectionSet(selection.selectionSet, condition, narrowed);
        if (!selectionSet) return null;
        return selectionSet === selection.selectionSet ? selection : { ...selection, selectionSet };
      }
      case Kind.FRAGMENT_SPREAD: {
        const fragment = this.#fragments.get(selection.name.value);
        if (!fragment) throw unknownFragment(selection.name.value);
        const condition = compositeTypeNamed(schema, fragment.typeCondition.name.value);
        const trimmed = this.#fragmentIn(fragment, condition, narrow(schema, possible, condition));
        if (!trimmed.changed) return selection;
        if (!trimmed.selectionSet) return null;
        const inline: InlineFragmentNode = {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: selection.directives ?? [],
          selectionSet: trimmed.selectionSet,
        };
        return inline;
      }
    }
  }

  #fragmentIn(
    fragment: FragmentDefinitionNode,
    condition: GraphQLCompositeType,
    possible: readonly GraphQLObjectType[],
  ): FragmentInContext {
    const key = `${fragment.name.value}|${possible.map((type) => type.name).join(',')}`;
    const known = this.#fragmentsInContext.get(key);
    if (known) return known;
    // A cycle (invalid, but possible in an unvalidated document) contributes nothing more.
    if (this.#inProgress.has(key)) return { changed: true, selectionSet: null };
    this.#inProgress.add(key);
    const selectionSet = this.selectionSet(fragment.selectionSet, condition, possible);
    this.#inProgress.delete(key);
    const result: FragmentInContext =
      selectionSet === fragment.selectionSet ? { changed: false } : { changed: true, selectionSet };
    this.#fragmentsInContext.set(key, result);
    return result;
  }
}
