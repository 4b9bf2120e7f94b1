/**
 * What part of the access workflow a caller sees. Every repository query of `registry/access/` is
 * scoped by one of these, so a requester never reads another requester's clients or requests and a
 * publisher only its own agency's part of a request.
 *
 * - administrators and evaluators see everything (evaluators read only: the routes refuse them every
 *   change);
 * - a requester sees the clients it registered and their requests, grants and credentials;
 * - a publisher sees the requests that touch its agency's fields, and of those only its agency's
 *   items, decisions and grants.
 */
import type { Actor } from '../http/actor.ts';

export type AccessScope =
  | { kind: 'all' }
  | { kind: 'requester'; userId: string }
  | { kind: 'agency'; agencyId: string }
  /** A publisher without an agency (a data error): sees nothing. */
  | { kind: 'none' };

export function scopeOf(actor: Actor): AccessScope {
  switch (actor.role) {
    case 'administrator':
    case 'evaluator':
      return { kind: 'all' };
    case 'requester':
      return { kind: 'requester', userId: actor.userId };
    case 'publisher':
      return actor.agencyId ? { kind: 'agency', agencyId: actor.agencyId } : { kind: 'none' };
  }
}
