/**
 * A grant's conditions as one graphql-shield rule, shared by the gateway (called by its coordinate
 * walk with each selection's arguments) and the subgraphs (run as field middleware on the real
 * resolver's arguments). The rule is built with `cache: 'no_cache'`: its outcome depends on the time
 * and the arguments, and callers decide what may be reused (see `usesArguments`, `nextTimeChange`).
 */
import { rule } from 'graphql-shield';
import type { GraphQLResolveInfo } from 'graphql';
import { checkBeforeResolve, type ConditionFailure, type FieldConditions } from './conditions.ts';

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
    _context: unknown,
    info: GraphQLResolveInfo,
  ) => {
    const failure = checkBeforeResolve(conditions, now(), args ?? {});
    if (!failure) return true;
    return new ConditionFailedError(`${info.parentType.name}.${info.fieldName}`, failure);
  });
}
