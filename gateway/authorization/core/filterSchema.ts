import { GraphQLObjectType, GraphQLSchema, OperationTypeNode, isInterfaceType } from 'graphql';
import type { GraphQLInterfaceType } from 'graphql';
import { filterSchema, pruneSchema } from '@graphql-tools/utils';

/**
 * The schema one requester may see through introspection: only the fields it may query.
 *
 * - An object or root field is kept when its coordinate is allowed.
 * - An interface field is kept when the same field of every implementation is kept (the interface
 *   field is no coordinate of its own: `lib/federation/coordinates.ts`). That is the rule
 *   `collectFieldCoordinates` enforces for a selection on the interface, and it keeps the result a
 *   valid schema: no kept implementation lacks a field of its interface.
 * - Then `pruneSchema` removes what became empty or unreachable: types without fields, fields whose
 *   type was removed, unions without members, interface references to removed interfaces, unused
 *   input types and enums.
 * - The query root is kept even when nothing on it is allowed, so the result can still answer
 *   introspection; graphql-js calls an object type without fields invalid, so that one schema is
 *   built with `assumeValid` (it is derived from a valid schema by removal only). Mutation and
 *   subscription roots without allowed fields are removed, as the operation type then does not
 *   exist for this requester.
 * - Directives, descriptions and deprecations are unchanged.
 */
export function filterSchemaForCoordinates(
  schema: GraphQLSchema,
  allowedCoordinates: ReadonlySet<string>,
): GraphQLSchema {
  const interfaceFieldVisible = interfaceFieldVisibility(schema, allowedCoordinates);
  const filtered = filterSchema({
    schema,
    rootFieldFilter: (operation, fieldName) => {
      const rootType = schema.getRootType(operationTypeOf(operation));
      return rootType != null && allowedCoordinates.has(`${rootType.name}.${fieldName}`);
    },
    objectFieldFilter: (typeName, fieldName) => allowedCoordinates.has(`${typeName}.${fieldName}`),
    interfaceFieldFilter: (typeName, fieldName) => interfaceFieldVisible(typeName, fieldName),
  });
  const pruned = pruneSchema(filtered);
  if (pruned.getQueryType()) return pruned;

  const originalQuery = schema.getQueryType();
  if (!originalQuery) return pruned;
  const config = pruned.toConfig();
  const emptyQuery = new GraphQLObjectType({
    name: originalQuery.name,
    description: originalQuery.description,
    fields: {},
  });
  return new GraphQLSchema({
    ...config,
    query: emptyQuery,
    types: [...config.types.filter((type) => type.name !== originalQuery.name), emptyQuery],
    assumeValid: true,
  });
}

/** `filterSchema` names root kinds, not root types: a schema may call its query root anything. */
function operationTypeOf(operation: 'Query' | 'Mutation' | 'Subscription'): OperationTypeNode {
  if (operation === 'Query') return OperationTypeNode.QUERY;
  return operation === 'Mutation' ? OperationTypeNode.MUTATION : OperationTypeNode.SUBSCRIPTION;
}

function interfaceFieldVisibility(
  schema: GraphQLSchema,
  allowed: ReadonlySet<string>,
): (interfaceName: string, fieldName: string) => boolean {
  const memo = new Map<string, boolean>();
  const visible = (type: GraphQLInterfaceType, fieldName: string): boolean => {
    const coordinate = `${type.name}.${fieldName}`;
    const known = memo.get(coordinate);
    if (known !== undefined) return known;
    const { objects, interfaces } = schema.getImplementations(type);
    const result =
      objects.every((object) => allowed.has(`${object.name}.${fieldName}`)) &&
      interfaces.every((sub) => visible(sub, fieldName));
    memo.set(coordinate, result);
    return result;
  };
  return (interfaceName, fieldName) => {
    const type = schema.getType(interfaceName);
    return isInterfaceType(type) && visible(type, fieldName);
  };
}
