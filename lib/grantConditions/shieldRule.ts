/**
 * A grant's conditions as one graphql-shield rule, shared by the gateway (called by its coordinate
 * walk with each selection's arguments) and the subgraphs (run as field middleware on the real
 * resolver's arguments). The rule is built with `cache: 'no_cache'`: its outcome depends on the time
 * and the arguments, and callers decide what may be reused (see `usesArguments`, `nextTimeChange`).
 */
import { rule } from 'graphql-shield';
import type { GraphQLResolveInfo } from 'graphql';
import { checkBeforeResolve, type ConditionFailure, type FieldConditions } from './conditions.ts';
import { PatternBudget } from './patterns.ts';

/**
 * What a request's context may carry for these rules: the pattern-matching work left to the whole
 * request (`patterns.ts`), shared by every field and alias it evaluates. Without one, each
 * evaluation gets its own.
 */
export interface ConditionContext {
  readonly patternBudget?: PatternBudget;
}

function budgetOf(context: unknown): PatternBudget | undefined {
  const budget = (context as ConditionContext | null | undefined)?.patternBudget;
  return budget instanceof PatternBudget ? budget : undefined;
}

/** What a condition rule returns when it refuses: shield treats any Error as "not allowed". */
export class ConditionFailedError extends Error {
  readonly coordinate: string;
  readonly failure: ConditionFailure;

  constructor(coordinate: string, failure: ConditionFailure) {
    super(failure.message.id);
    this.name = 'ConditionFailedError';
    this.coordinate = coordinate;
    this.failure = failure;
  }
}

/** The graphql-shield rule of one coordinate's conditions; `now` is the clock (tests pass their own). */
export function conditionRule(conditions: FieldConditions, now: () => Date = () => new Date()) {
  return rule({ cache: 'no_cache' })((
    _parent: unknown,
    args: Record<string, unknown> | undefined,
    context: unknown,
    info: GraphQLResolveInfo,
  ) => {
    const failure = checkBeforeResolve(conditions, now(), args ?? {}, budgetOf(context));
    if (!failure) return true;
    return new ConditionFailedError(`${info.parentType.name}.${info.fieldName}`, failure);
  });
}
