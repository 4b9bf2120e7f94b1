/**
 * The operation limits as GraphQL validation rules, so they run in the same pass as validation,
 * before the gateway resolves the operation, authorizes it or plans it (planning is where a small
 * document of nested fragments once ran for minutes). Depth, aliases, directives and a syntactic
 * cost come from graphql-armor (each counts through fragments, once per fragment); the cost estimate
 * that knows lists and entity joins is ours (./cost.ts). The token limit is graphql-js's own
 * `maxTokens` parse option (`parseOptionsFor`), which stops the lexer at the limit.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { Kind, type ParseOptions, type ValidationRule } from 'graphql';
import type { OperationLimits } from '../../lib/config.ts';
import { estimateOperationCost, type FieldOwners } from './cost.ts';
import { limitGraphQLError, type LimitName } from './errors.ts';

/** Reports an armor refusal as our error, with the number armor found ("…, found 12."). */
function reportAs(name: LimitName, max: number, measure?: string): GraphQLArmorRejectCallback {
  return (context, error) => {
    const found = /found (\d+(?:\.\d+)?)/.exec(error.message)?.[1];
    context?.reportError(
      limitGraphQLError({
        name,
        max,
        ...(found === undefined ? {} : { found: Math.ceil(Number(found)) }),
        ...(measure ? { measure } : {}),
      }),
    );
  };
}

export function parseOptionsFor(limits: OperationLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/** Validation rules enforcing `limits`; `owners` gives where fields are resolved in the graph's current supergraph. */
export function limitValidationRules(limits: OperationLimits, owners: () => FieldOwners): ValidationRule[] {
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [reportAs('maxDepth', limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reportAs('maxAliases', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportAs('maxDirectives', limits.maxDirectives)] },
    costLimit: {
      maxCost: limits.maxCost,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [reportAs('maxCost', limits.maxCost, 'graphql-armor')],
    },
  }).protect();
  return [...armor.validationRules, estimatedCostRule(limits.maxCost, owners)];
}

/** Our estimate (./cost.ts) over each operation of the document. */
function estimatedCostRule(maxCost: number, owners: () => FieldOwners): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = estimateOperationCost({
        schema: context.getSchema(),
        document: context.getDocument(),
        operation,
        owners: owners(),
        stopAbove: maxCost,
      });
      if (cost > maxCost) context.reportError(limitGraphQLError({ name: 'maxCost', max: maxCost, measure: 'penghubung' }));
      return false;
    },
    // Fragments are priced where they are spread.
    [Kind.FRAGMENT_DEFINITION]: () => false,
  });
}
