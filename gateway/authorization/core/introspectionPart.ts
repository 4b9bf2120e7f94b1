import { Kind, type DocumentNode, type FragmentDefinitionNode, type InlineFragmentNode, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';

const ROOT_INTROSPECTION = new Set(['__schema', '__type']);

/**
 * The introspection part of an operation that also selects data: the same operation with only its
 * root `__schema`/`__type` fields (fragments at the root inlined), so that part can be answered from
 * the requester's filtered schema while the data is planned and fetched as usual. The response keys
 * are those of the original. Null when the operation has no root introspection field.
 */
export function introspectionPart(document: DocumentNode, operationName: string | null | undefined): DocumentNode | null {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations[0];
  if (!operation) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let found = false;
  const visiting = new Set<string>();
  const rootOnly = (selectionSet: SelectionSetNode): SelectionSetNode => ({
    kind: Kind.SELECTION_SET,
    selections: selectionSet.selections.flatMap((selection): SelectionNode[] => {
      if (selection.kind === Kind.FIELD) {
        if (!ROOT_INTROSPECTION.has(selection.name.value)) return [];
        found = true;
        return [selection];
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return [{ ...selection, selectionSet: rootOnly(selection.selectionSet) }];
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) return [];
      visiting.add(fragment.name.value);
      const inlined: InlineFragmentNode = {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: fragment.typeCondition,
        directives: selection.directives ?? [],
        selectionSet: rootOnly(fragment.selectionSet),
      };
      visiting.delete(fragment.name.value);
      return [inlined];
    }),
  });
  const selectionSet = rootOnly(operation.selectionSet);
  if (!found) return null;
  return {
    kind: Kind.DOCUMENT,
    definitions: [{ ...operation, selectionSet }, ...fragments.values()],
  };
}
