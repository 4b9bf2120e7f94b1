import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getVariableValues,
} from 'graphql';
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  FragmentSpreadNode,
  GraphQLSchema,
  InlineFragmentNode,
  OperationDefinitionNode,
  SelectionNode,
} from 'graphql';
import { invalidVariables, noOperation, operationNameRequired, unknownOperation } from './errors.ts';

/** Variables as the client sent them (JSON), before coercion. */
export type RawVariables = Readonly<Record<string, unknown>> | null | undefined;

/**
 * Picks the operation a request runs, with the rules of graphql-js `getOperationAST`, but failing
 * with a message the client can act on instead of returning null.
 */
export function selectOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) {
    const named = operations.find((operation) => operation.name?.value === operationName);
    if (named) return named;
    throw unknownOperation(operationName);
  }
  if (operations.length === 1) return operations[0] as OperationDefinitionNode;
  if (operations.length === 0) {
    throw noOperation();
  }
  throw operationNameRequired();
}

export function fragmentsOf(document: DocumentNode): ReadonlyMap<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * Coerces the variables named in `names` the way execution will (defaults applied, types checked),
 * so that `@skip`/`@include` are decided exactly as graphql-js will decide them. Only those
 * variables: the others do not change what is selected, and execution checks them anyway.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: RawVariables,
  names: readonly string[],
): Record<string, unknown> {
  if (names.length === 0) return {};
  const definitions = (operation.variableDefinitions ?? []).filter((definition) =>
    names.includes(definition.variable.name.value),
  );
  if (definitions.length === 0) return {};
  const result = getVariableValues(schema, definitions, { ...variables });
  if (result.errors) {
    throw invalidVariables(result.errors.map((error) => error.message));
  }
  return result.coerced;
}

/** `@skip`/`@include` on one selection, as `shouldIncludeNode` in graphql-js execution. */
export function isIncluded(
  node: FieldNode | FragmentSpreadNode | InlineFragmentNode,
  variables: Record<string, unknown>,
): boolean {
  if (!node.directives || node.directives.length === 0) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.['if'] === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  if (include?.['if'] === false) return false;
  return true;
}

/**
 * Names of the variables that `@skip`/`@include` read anywhere in the document. Only their values
 * change which fields an operation selects, so only they belong in the coordinate cache key.
 */
export function conditionVariableNames(document: DocumentNode): readonly string[] {
  const names = new Set<string>();
  const visitSelections = (selections: readonly SelectionNode[]): void => {
    for (const selection of selections) {
      for (const directive of selection.directives ?? []) {
        if (directive.name.value !== 'skip' && directive.name.value !== 'include') continue;
        for (const argument of directive.arguments ?? []) {
          if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
        }
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) {
        visitSelections(selection.selectionSet.selections);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      visitSelections(definition.selectionSet.selections);
    }
  }
  return [...names].sort();
}
