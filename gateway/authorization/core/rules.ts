import { allow, deny } from 'graphql-shield';
import type { IRule, and } from 'graphql-shield';
import type { GraphQLResolveInfo } from 'graphql';
import { usesArguments, type ConditionFailure, type FieldConditions } from '../../../lib/grantConditions/conditions.ts';
import { ConditionFailedError, conditionRule, type ConditionContext } from '../../../lib/grantConditions/shieldRule.ts';
import { PatternBudget } from '../../../lib/grantConditions/patterns.ts';

/** Any graphql-shield rule: `rule(...)(fn)`, `allow`, `deny`, `and(...)`, `or(...)`, … */
export type ShieldRule = Parameters<typeof and>[number];

/** graphql-shield's `IOptions`, which its package entry does not export by name. */
type ShieldOptions = Parameters<IRule['resolve']>[4];

/**
 * One field a requester was granted. `condition`, when present, replaces the plain `allow` with a
 * graphql-shield rule evaluated on every request (a time window, a purpose recorded in the
 * context, …); such rules make decisions depend on the request, so they are never cached.
 */
export interface Grant {
  readonly coordinate: string;
  readonly condition?: ShieldRule;
  /**
   * The grant's own conditions (period, hours, arguments, list size), as data: they become a
   * graphql-shield rule (`conditionRule`). Decisions under them are reused only while they cannot
   * change: never when they read arguments, and not past the next time boundary.
   */
  readonly conditions?: FieldConditions;
}

/** The rule for each granted coordinate; anything else falls to `fallback` (deny). */
export interface GrantRules {
  readonly byCoordinate: ReadonlyMap<string, ShieldRule>;
  readonly fallback: ShieldRule;
  /** True when some rule is a `condition`: decisions then depend on the request context. */
  readonly contextual: boolean;
  /** The grant conditions of each coordinate that has some (see `Grant.conditions`). */
  readonly conditions: ReadonlyMap<string, FieldConditions>;
}

export interface AuthorizationDecision {
  /** Coordinates whose rule resolved to `true`, in the order given. */
  readonly allowed: readonly string[];
  /** Every other coordinate: rule false, an error, or no grant at all (deny by default). */
  readonly denied: readonly string[];
  /** The denied coordinates whose grant exists but whose conditions refused, with the reason. */
  readonly failedConditions: readonly FailedCondition[];
}

export interface FailedCondition extends ConditionFailure {
  readonly coordinate: string;
}

/**
 * Builds the rule map for one grant set: `allow` (or the grant's condition) per granted coordinate,
 * `deny` for everything else. Build it once per grant-set version, not per request: evaluation then
 * costs one map lookup per coordinate of the operation, whatever the number of grants.
 */
export function buildShieldRules(grants: Iterable<Grant>, now: () => Date = () => new Date()): GrantRules {
  const byCoordinate = new Map<string, ShieldRule>();
  const conditions = new Map<string, FieldConditions>();
  let contextual = false;
  for (const grant of grants) {
    if (grant.condition) {
      contextual = true;
      byCoordinate.set(grant.coordinate, grant.condition);
    } else if (grant.conditions) {
      conditions.set(grant.coordinate, grant.conditions);
      byCoordinate.set(grant.coordinate, conditionRule(grant.conditions, now));
    } else if (!byCoordinate.has(grant.coordinate)) {
      byCoordinate.set(grant.coordinate, allow);
    }
  }
  return { byCoordinate, fallback: deny, contextual, conditions };
}

const shieldOptions: ShieldOptions = {
  debug: false,
  allowExternalErrors: false,
  fallbackRule: deny,
  // Only rules built with `cache: 'strict'` hash; parent and args are always empty here.
  hashFunction: ({ parent, args }) => JSON.stringify([parent, args]),
};

/** The arguments of each selection of a coordinate in this request (see `RequestArguments`). */
export type ArgumentsOf = (coordinate: string) => readonly Record<string, unknown>[];

/**
 * Evaluates each coordinate's rule by calling graphql-shield's own `rule.resolve`, as its field
 * middleware would, with an empty parent and a minimal `info`: rules at the gateway decide on the
 * requester (the context), the coordinate and the field's arguments, never on data, because no
 * resolver of the gateway schema runs. A rule may read `info.fieldName` and `info.parentType.name`
 * only. A coordinate whose grant conditions read arguments is evaluated once per selection (every
 * alias), with that selection's arguments; every other rule once, with none.
 *
 * Fails closed: anything but `true` (false, an error, a thrown exception) denies.
 */
export async function authorizeCoordinates(
  rules: GrantRules,
  coordinates: readonly string[],
  ctx: object = {},
  argumentsOf: ArgumentsOf = () => [{}],
): Promise<AuthorizationDecision> {
  // graphql-shield's cached rules keep their per-request cache in `ctx._shield`; the condition rules
  // share one pattern-matching budget over every selection of the request.
  const conditionContext: ConditionContext = { patternBudget: new PatternBudget() };
  const shieldCtx = { ...ctx, ...conditionContext, _shield: { cache: {} } };
  const results = await Promise.all(
    coordinates.map(async (coordinate): Promise<true | FailedCondition | false> => {
      const rule = rules.byCoordinate.get(coordinate) ?? rules.fallback;
      const conditions = rules.conditions.get(coordinate);
      const argumentSets = conditions && usesArguments(conditions) ? argumentsOf(coordinate) : [{}];
      for (const args of argumentSets) {
        let result: unknown;
        try {
          result = await rule.resolve({}, args, shieldCtx, coordinateInfo(coordinate), shieldOptions);
        } catch (error) {
          result = error;
        }
        if (result === true) continue;
        return result instanceof ConditionFailedError ? { coordinate, ...result.failure } : false;
      }
      return true;
    }),
  );
  const allowed: string[] = [];
  const denied: string[] = [];
  const failedConditions: FailedCondition[] = [];
  coordinates.forEach((coordinate, index) => {
    const result = results[index];
    if (result === true) return allowed.push(coordinate);
    denied.push(coordinate);
    if (result) failedConditions.push(result);
    return undefined;
  });
  return { allowed, denied, failedConditions };
}

function coordinateInfo(coordinate: string): GraphQLResolveInfo {
  const dot = coordinate.indexOf('.');
  const info = {
    fieldName: coordinate.slice(dot + 1),
    parentType: { name: coordinate.slice(0, dot) },
  };
  // Deliberately partial: there is no execution, so there is no path, schema or operation to give.
  return info as unknown as GraphQLResolveInfo;
}
