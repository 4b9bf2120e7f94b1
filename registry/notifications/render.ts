/**
 * What is sent for an outbox row, rendered from its stored facts when it is delivered: the webhook's
 * JSON body (identifiers and states only: no names, purposes or reasons, which may carry personal
 * data) and the e-mail (Indonesian first, English below; plain text and simple HTML in which every
 * value a person wrote is escaped).
 */
import escapeHtml from 'escape-html';
import { consoleLink } from './consolePaths.ts';
import type { EmailFacts, NotificationFacts } from './events.ts';

export interface WebhookBody {
  event: string;
  /** The delivery id: the same on every attempt of this delivery. */
  id: string;
  occurredAt: string;
  waitingFor: NotificationFacts['waitingFor'];
  request?: { id: string; status: string; graph: string; agency?: string };
  change?: { id: string; subgraph: string; status: string; agency: string };
}

export function webhookBody(deliveryId: string, facts: NotificationFacts): WebhookBody {
  const base = { event: facts.event, id: deliveryId, occurredAt: facts.occurredAt, waitingFor: facts.waitingFor };
  if (facts.event === 'cross_agency_change.requested') {
    const { change } = facts;
    return { ...base, change: { id: change.id, subgraph: change.subgraph, status: change.status, agency: change.agency.slug } };
  }
  const { request } = facts;
  return {
    ...base,
    request: {
      id: request.id,
      status: request.status,
      graph: request.graph,
      ...(request.agency ? { agency: request.agency.slug } : {}),
    },
  };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** One line of the message, in both languages, with the values a person wrote kept apart for escaping. */
type Line = { text: string } | { label: string; value: string };

interface Message {
  subject: { id: string; en: string };
  id: Line[];
  en: Line[];
}

export function renderEmail(facts: EmailFacts, consoleUrl: string): RenderedEmail {
  const message = describe(facts);
  // A request opens on its own page (`permohonan/:id` in every role's console); a change on the list.
  const link = consoleLink(consoleUrl, 'request' in facts ? `${facts.path}/${facts.request.id}` : facts.path);
  const subject = `[Penghubung] ${message.subject.id} / ${message.subject.en}`;
  const plain = (lines: Line[]) => lines.map((line) => ('text' in line ? line.text : `${line.label}: ${line.value}`)).join('\n');
  const text = [
    `Yth. ${facts.recipientName},`,
    '',
    plain(message.id),
    '',
    `Buka konsol: ${link}`,
    '',
    '---',
    '',
    `Dear ${facts.recipientName},`,
    '',
    plain(message.en),
    '',
    `Open the console: ${link}`,
    '',
  ].join('\n');
  const htmlLines = (lines: Line[]) =>
    lines
      .map((line) => ('text' in line ? `<p>${escapeHtml(line.text)}</p>` : `<p><strong>${escapeHtml(line.label)}:</strong> ${escapeHtml(line.value)}</p>`))
      .join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="id"><body style="font-family: sans-serif">',
    `<p>Yth. ${escapeHtml(facts.recipientName)},</p>`,
    htmlLines(message.id),
    `<p><a href="${escapeHtml(link)}">Buka konsol Penghubung</a></p>`,
    '<hr>',
    `<div lang="en"><p>Dear ${escapeHtml(facts.recipientName)},</p>`,
    htmlLines(message.en),
    `<p><a href="${escapeHtml(link)}">Open the Penghubung console</a></p></div>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

function describe(facts: EmailFacts): Message {
  if (facts.event === 'cross_agency_change.requested') {
    const { change } = facts;
    const from = `${change.agency.name} (${change.agency.slug})`;
    return {
      subject: { id: 'Perubahan skema lintas PD menunggu persetujuan', en: 'Cross-agency schema change awaiting consent' },
      id: [
        { text: `${from} menerbitkan perubahan subgraph ${change.subgraph} yang menyentuh field milik perangkat daerah Anda. Perubahan itu ditahan sampai perangkat daerah Anda menerimanya atau menolaknya.` },
        { label: 'Diajukan oleh', value: change.requestedBy },
        { label: 'Nomor perubahan', value: change.id },
      ],
      en: [
        { text: `${from} published a change to subgraph ${change.subgraph} that reaches fields of your agency. It is held until your agency accepts or declines it.` },
        { label: 'Requested by', value: change.requestedBy },
        { label: 'Change id', value: change.id },
      ],
    };
  }
  const { request } = facts;
  const client = request.organization ? `${request.client} (${request.organization})` : request.client;
  const common = {
    id: [
      { label: 'Aplikasi klien', value: client },
      { label: 'Graf', value: request.graph },
      { label: 'Tujuan', value: request.purpose },
      ...(request.reason === undefined ? [] : [{ label: 'Alasan', value: request.reason }]),
      { label: 'Nomor permohonan', value: request.id },
    ],
    en: [
      { label: 'Client', value: client },
      { label: 'Graph', value: request.graph },
      { label: 'Purpose', value: request.purpose },
      ...(request.reason === undefined ? [] : [{ label: 'Reason', value: request.reason }]),
      { label: 'Request id', value: request.id },
    ],
  };
  const agency = request.agency ? `${request.agency.name} (${request.agency.slug})` : '';
  const forRequester = facts.waitingFor.role === 'requester';
  const intro: Record<typeof facts.event, { subject: Message['subject']; id: string; en: string }> = {
    'access_request.submitted': {
      subject: { id: 'Permohonan akses menunggu persetujuan', en: 'Access request awaiting approval' },
      id: 'Permohonan akses baru menunggu persetujuan administrator.',
      en: 'A new access request is waiting for an administrator’s approval.',
    },
    'access_request.approved': forRequester
      ? {
          subject: { id: 'Permohonan akses disetujui', en: 'Access request approved' },
          id: 'Permohonan akses Anda disetujui administrator. Perangkat daerah pemilik data kini memutuskan pemberian aksesnya.',
          en: 'Your access request was approved by an administrator. The agencies owning the data now decide on granting access.',
        }
      : {
          subject: { id: 'Permohonan akses menunggu keputusan PD Anda', en: 'Access request awaiting your agency’s decision' },
          id: 'Permohonan akses yang menyangkut field perangkat daerah Anda telah disetujui administrator dan menunggu keputusan Anda: berikan atau tolak.',
          en: 'An access request touching your agency’s fields was approved by an administrator and awaits your decision: grant or decline.',
        },
    'access_request.rejected': {
      subject: { id: 'Permohonan akses ditolak', en: 'Access request rejected' },
      id: 'Permohonan akses Anda ditolak administrator.',
      en: 'Your access request was rejected by an administrator.',
    },
    'access_request.granted': {
      subject: { id: 'Akses diberikan', en: 'Access granted' },
      id: `${agency} memberikan akses atas bagiannya dari permohonan Anda.`,
      en: `${agency} granted access to its part of your request.`,
    },
    'access_request.declined': {
      subject: { id: 'Pemberian akses ditolak', en: 'Access declined' },
      id: `${agency} menolak memberikan akses atas bagiannya dari permohonan Anda.`,
      en: `${agency} declined to grant access to its part of your request.`,
    },
  };
  const chosen = intro[facts.event];
  return { subject: chosen.subject, id: [{ text: chosen.id }, ...common.id], en: [{ text: chosen.en }, ...common.en] };
}
