import { eq, sql, type SQL } from 'drizzle-orm';
import { clients } from '../../drizzle/schema/index.ts';
import type { AccessScope } from '../access/scope.ts';

/**
 * The WHERE condition that keeps the rows a caller's scope (registry/access/scope.ts) may see, one
 * rule for every repository of the access workflow: everything for `all` (no condition), nothing for
 * `none`, the caller's own clients for a requester (`clients.requester_id`, so the query joins
 * `clients`), and for a publisher what `agency` says of this repository's rows.
 */
export function scopeCondition(scope: AccessScope, agency: (agencyId: string) => SQL): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'requester':
      return eq(clients.requesterId, scope.userId);
    case 'agency':
      return agency(scope.agencyId);
    case 'none':
      return sql`false`;
  }
}
