import { allow, deny } from 'graphql-shield';
import type { IRule, and } from 'graphql-shield';
import type { GraphQLResolveInfo } from 'graphql';

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
}

/** The rule for each granted coordinate; anything else falls to `fallback` (deny). */
export interface GrantRules {
  readonly byCoordinate: ReadonlyMap<string, ShieldRule>;
  readonly fallback: ShieldRule;
  /** True when some rule is a `condition`: decisions then depend on the request context. */
  readonly contextual: boolean;
}

export interface AuthorizationDecision {
  /** Coordinates whose rule resolved to `true`, in the order given. */
  readonly allowed: readonly string[];
  /** Every other coordinate: rule false, an error, or no grant at all (deny by default). */
  readonly denied: readonly string[];
}

/**
 * Builds the rule map for one grant set: `allow` (or the grant's condition) per granted coordinate,
 * `deny` for everything else. Build it once per grant-set version, not per request: evaluation then
 * costs one map lookup per coordinate of the operation, whatever the number of grants.
 */
export function buildShieldRules(grants: Iterable<Grant>): GrantRules {
  const byCoordinate = new Map<string, ShieldRule>();
  let contextual = false;
  for (const grant of grants) {
    if (grant.condition) {
      contextual = true;
      byCoordinate.set(grant.coordinate, grant.condition);
    } else if (!byCoordinate.has(grant.coordinate)) {
      byCoordinate.set(grant.coordinate, allow);
    }
  }
  return { byCoordinate, fallback: deny, contextual };
}

const shieldOptions: ShieldOptions = {
  debug: false,
  allowExternalErrors: false,
  fallbackRule: deny,
  // Only rules built with `cache: 'strict'` hash; parent and args are always empty here.
  hashFunction: ({ parent, args }) => JSON.stringify([parent, args]),
};

/**
 * Evaluates each coordinate's rule by calling graphql-shield's own `rule.resolve`, as its field
 * middleware would, with an empty parent and arguments and a minimal `info`: rules at the gateway
 * decide on the requester (the context) and the coordinate, never on data, because no resolver of
 * the gateway schema runs. A rule may read `info.fieldName` and `info.parentType.name` only.
 *
 * Fails closed: anything but `true` (false, an error, a thrown exception) denies.
 */
export async function authorizeCoordinates(
  rules: GrantRules,
  coordinates: readonly string[],
  ctx: object = {},
): Promise<AuthorizationDecision> {
  // graphql-shield's cached rules keep their per-request cache in `ctx._shield`.
  const shieldCtx = { ...ctx, _shield: { cache: {} } };
  const results = await Promise.all(
    coordinates.map(async (coordinate) => {
      const rule = rules.byCoordinate.get(coordinate) ?? rules.fallback;
      try {
        return (await rule.resolve({}, {}, shieldCtx, coordinateInfo(coordinate), shieldOptions)) === true;
      } catch {
        return false;
      }
    }),
  );
  const allowed: string[] = [];
  const denied: string[] = [];
  coordinates.forEach((coordinate, index) => (results[index] ? allowed : denied).push(coordinate));
  return { allowed, denied };
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
