/**
 * The events that make a request (or a held cross-agency change) wait for someone, and how they are
 * put in the notification outbox: in the transaction of the state change, one webhook row per event
 * and one e-mail row per person who should act (their address taken at that moment). Rows are written
 * whatever is configured; the worker delivers them on the channels configured when they are due and
 * marks the others `skipped`, so the transaction of a change never depends on the configuration.
 */
import type { Executor } from '../../drizzle/database.ts';
import type { NewNotificationOutboxRow, UserRole } from '../../drizzle/schema/index.ts';
import { NotificationRepository } from '../repositories/NotificationRepository.ts';
import type { AccessRequestSubject, Recipient } from '../repositories/NotificationRepository.ts';
import { CONSOLE_PATHS } from './consolePaths.ts';

export const notificationEvents = [
  'access_request.submitted',
  'access_request.approved',
  'access_request.rejected',
  'access_request.granted',
  'access_request.declined',
  'cross_agency_change.requested',
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

export interface AgencyRef {
  slug: string;
  name: string;
}

/** Who must act next: a role, and for publishers the agencies whose publishers it is. */
export interface WaitingFor {
  role: UserRole;
  agencies?: string[];
}

/**
 * The facts of one event, stored in each of its outbox rows; the webhook body and the e-mails are
 * rendered from them when delivered (render.ts). User-written text (purpose, reason, names) goes to
 * the e-mails only, never to the webhook.
 */
export type NotificationFacts =
  | {
      event: Exclude<NotificationEvent, 'cross_agency_change.requested'>;
      occurredAt: string;
      waitingFor: WaitingFor;
      /** The console page of the people who must act. */
      path: string;
      request: Omit<AccessRequestSubject, 'createdBy' | 'owners'> & {
        /** The decision's reason (approval, rejection, an agency's grant or decline). */
        reason?: string;
        /** The agency whose part was granted or declined. */
        agency?: AgencyRef;
      };
    }
  | {
      event: 'cross_agency_change.requested';
      occurredAt: string;
      waitingFor: WaitingFor;
      path: string;
      change: { id: string; subgraph: string; status: string; agency: AgencyRef; requestedBy: string };
    };

/** An e-mail row's facts: the event's, and whom the mail greets. */
export type EmailFacts = NotificationFacts & { recipientName: string };

export interface AccessRequestEvent {
  event: Exclude<NotificationEvent, 'cross_agency_change.requested'>;
  requestId: string;
  at: Date;
  reason?: string;
  /** For `granted`/`declined`: the agency that decided its part. */
  agencyId?: string;
}

/**
 * Puts the notifications of a step of the access workflow in the outbox: a submitted request waits
 * for the administrators; an approved one for the publishers of each owning agency (and the requester
 * learns of the approval); a rejection and each agency's grant or decline go to the requester.
 */
export async function enqueueAccessRequestEvent(tx: Executor, input: AccessRequestEvent): Promise<void> {
  const repository = new NotificationRepository(tx);
  const subject = await repository.accessRequest(input.requestId);
  if (!subject) throw new Error(`access request ${input.requestId} not found for its notification`);
  const agency = input.agencyId === undefined ? null : await repository.agency(input.agencyId);
  const requester = await repository.recipient(subject.createdBy);
  const requesterOnly = requester ? [requester] : [];

  let waitingFor: WaitingFor;
  let path: string;
  let recipients: Recipient[];
  // The requester hears of the approval too, but the approval waits on the publishers.
  let alsoRequester = false;
  switch (input.event) {
    case 'access_request.submitted':
      waitingFor = { role: 'administrator' };
      path = CONSOLE_PATHS.adminRequests;
      recipients = await repository.recipients('administrator');
      break;
    case 'access_request.approved': {
      const owners = subject.owners;
      waitingFor = { role: 'publisher', agencies: owners.map((owner) => owner.slug) };
      path = CONSOLE_PATHS.publisherRequests;
      recipients = await repository.recipients('publisher', owners.map((owner) => owner.id));
      alsoRequester = true;
      break;
    }
    default:
      waitingFor = { role: 'requester' };
      path = CONSOLE_PATHS.requesterRequests;
      recipients = requesterOnly;
  }

  const facts: NotificationFacts = {
    event: input.event,
    occurredAt: input.at.toISOString(),
    waitingFor,
    path,
    request: {
      id: subject.id,
      status: subject.status,
      graph: subject.graph,
      client: subject.client,
      organization: subject.organization,
      purpose: subject.purpose,
      ...(input.reason === undefined ? {} : { reason: input.reason }),
      ...(agency ? { agency: { slug: agency.slug, name: agency.name } } : {}),
    },
  };
  const about: Subject = { type: 'access_request', id: subject.id, at: input.at };
  const rows = outboxRows(facts, about, recipients);
  if (alsoRequester) {
    rows.push(...emailRows({ ...facts, waitingFor: { role: 'requester' }, path: CONSOLE_PATHS.requesterRequests }, about, requesterOnly));
  }
  await repository.insert(rows);
}

/** A publish held until the owning agencies accept it: their publishers are told. */
export async function enqueueCrossAgencyChange(
  tx: Executor,
  change: { id: string; subgraphName: string; agencyId: string; requestedByName: string; ownerAgencyIds: string[]; status: string; createdAt: Date },
): Promise<void> {
  const repository = new NotificationRepository(tx);
  const agency = await repository.agency(change.agencyId);
  const owners = await repository.agencies(change.ownerAgencyIds);
  const facts: NotificationFacts = {
    event: 'cross_agency_change.requested',
    occurredAt: change.createdAt.toISOString(),
    waitingFor: { role: 'publisher', agencies: owners.map((owner) => owner.slug) },
    path: CONSOLE_PATHS.publisherChanges,
    change: {
      id: change.id,
      subgraph: change.subgraphName,
      status: change.status,
      agency: { slug: agency?.slug ?? '', name: agency?.name ?? '' },
      requestedBy: change.requestedByName,
    },
  };
  const recipients = await repository.recipients('publisher', change.ownerAgencyIds);
  await repository.insert(outboxRows(facts, { type: 'cross_agency_change', id: change.id, at: change.createdAt }, recipients));
}

/** The subject of an event's rows: what it is about and when it happened. */
interface Subject {
  type: string;
  id: string;
  at: Date;
}

/** The webhook row of an event and an e-mail row per recipient. */
function outboxRows(facts: NotificationFacts, subject: Subject, recipients: readonly Recipient[]): NewNotificationOutboxRow[] {
  return [
    { event: facts.event, channel: 'webhook', subjectType: subject.type, subjectId: subject.id, payload: facts, occurredAt: subject.at },
    ...emailRows(facts, subject, recipients),
  ];
}

function emailRows(facts: NotificationFacts, subject: Subject, recipients: readonly Recipient[]): NewNotificationOutboxRow[] {
  return recipients.map((recipient) => ({
    event: facts.event,
    channel: 'email' as const,
    subjectType: subject.type,
    subjectId: subject.id,
    recipientUserId: recipient.userId,
    recipient: recipient.email,
    payload: { ...facts, recipientName: recipient.name } satisfies EmailFacts,
    occurredAt: subject.at,
  }));
}
