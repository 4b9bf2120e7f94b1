import { GraphQLError, getArgumentValues, getVariableValues } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { OperationCoordinates } from './coordinates.ts';
import { invalidArguments, invalidVariables } from './errors.ts';
import type { RawVariables } from './operation.ts';

/**
 * The arguments of each selection of a coordinate, as the field's resolver would receive them:
 * variables coerced and applied, defaults filled in (`getArgumentValues` of graphql-js). Computed per
 * request, only for coordinates whose rules read arguments; the variables are coerced once.
 */
export class RequestArguments {
  readonly #schema: GraphQLSchema;
  readonly #operation: OperationCoordinates;
  readonly #variables: RawVariables;
  #coerced: Record<string, unknown> | undefined;

  constructor(schema: GraphQLSchema, operation: OperationCoordinates, variables: RawVariables) {
    this.#schema = schema;
    this.#operation = operation;
    this.#variables = variables;
  }

  /** One argument object per selection of `coordinate` (at least one: `{}` when it is not selected). */
  of(coordinate: string): Record<string, unknown>[] {
    const selections = this.#operation.selections.get(coordinate);
    if (!selections || selections.length === 0) return [{}];
    const variables = this.#coercedVariables();
    return selections.map(({ field, node }) => {
      try {
        return getArgumentValues(field, node, variables);
      } catch (error) {
        if (error instanceof GraphQLError) throw invalidArguments(coordinate, error.message);
        throw error;
      }
    });
  }

  #coercedVariables(): Record<string, unknown> {
    if (this.#coerced) return this.#coerced;
    const result = getVariableValues(this.#schema, this.#operation.variableDefinitions, { ...this.#variables });
    if (result.errors) throw invalidVariables(result.errors.map((error) => error.message));
    return (this.#coerced = result.coerced);
  }
}
