/**
 * What the signed-in caller should act on (GET /v1/inbox), per role, each count with the console page
 * where it is acted on (consolePaths.ts):
 * - administrator: `access_requests.awaiting_approval`, requests waiting for approval;
 * - publisher: `access_requests.awaiting_grant`, approved requests touching its agency's fields that
 *   its agency has not yet granted or declined, and `cross_agency_changes.awaiting_consent`, other
 *   agencies' held publishes reaching its fields that its agency has not accepted;
 * - requester: `access_requests.decided`, its requests given a decision (approval, rejection, an
 *   agency's grant or decline) since it last marked the kind seen (POST /v1/inbox/seen); until then,
 *   every request ever decided;
 * - evaluator: nothing. Misuse signals are computed per day from the log (GET /v1/log/signals), not
 *   held open for someone to close, so there is no count of open ones to show.
 * Every kind of the role is listed, with count 0 when nothing waits, so the console's navigation is stable.
 */
import type { Executor } from '../../drizzle/database.ts';
import type { Actor } from '../http/actor.ts';
import { InboxRepository } from '../repositories/InboxRepository.ts';
import { CONSOLE_PATHS } from './consolePaths.ts';

export const inboxKinds = [
  'access_requests.awaiting_approval',
  'access_requests.awaiting_grant',
  'cross_agency_changes.awaiting_consent',
  'access_requests.decided',
] as const;
export type InboxKind = (typeof inboxKinds)[number];

/** The kinds that count what came after the caller last looked; the others drop as work is done. */
export const seenKinds = ['access_requests.decided'] as const satisfies readonly InboxKind[];
export type SeenKind = (typeof seenKinds)[number];

export interface InboxItem {
  kind: InboxKind;
  count: number;
  href: string;
}

export interface Inbox {
  items: InboxItem[];
  total: number;
}

export async function inboxOf(db: Executor, actor: Actor): Promise<Inbox> {
  const repository = new InboxRepository(db);
  const items: InboxItem[] = [];
  switch (actor.role) {
    case 'administrator':
      items.push({ kind: 'access_requests.awaiting_approval', count: await repository.pendingApprovals(), href: CONSOLE_PATHS.adminRequests });
      break;
    case 'publisher': {
      const agencyId = actor.agencyId;
      items.push(
        { kind: 'access_requests.awaiting_grant', count: agencyId ? await repository.awaitingGrant(agencyId) : 0, href: CONSOLE_PATHS.publisherRequests },
        { kind: 'cross_agency_changes.awaiting_consent', count: agencyId ? await repository.awaitingConsent(agencyId) : 0, href: CONSOLE_PATHS.publisherChanges },
      );
      break;
    }
    case 'requester': {
      const since = await repository.seenAt(actor.userId, 'access_requests.decided');
      items.push({ kind: 'access_requests.decided', count: await repository.decidedSince(actor.userId, since), href: CONSOLE_PATHS.requesterRequests });
      break;
    }
    case 'evaluator':
      break;
  }
  return { items, total: items.reduce((sum, item) => sum + item.count, 0) };
}

/** Whether `kind` is one the caller's role sees, and one that is marked seen. */
export function canMarkSeen(actor: Actor, kind: SeenKind): boolean {
  return kind === 'access_requests.decided' && actor.role === 'requester';
}
