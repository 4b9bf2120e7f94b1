/**
 * The access request being put together: fields picked in the directory (or named by a refusal in
 * the explorer) and the form's own inputs, kept in one draft so that picking, writing and a session
 * expiry in between lose nothing. A request names one graph; picking in another graph starts over.
 */
import { useDraft } from '../../hooks/useDraft';

export const REQUEST_DRAFT_KEY = 'requester.request';

export interface RequestDraft {
  clientId: string;
  graph: string;
  coordinates: string[];
  purpose: string;
  legalBasis: string;
  periodStart: string;
  periodEnd: string;
  quotaPerDay: string;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function emptyRequestDraft(): RequestDraft {
  const today = new Date();
  const nextYear = new Date(today.getTime() + 365 * 24 * 3600 * 1000);
  return { clientId: '', graph: '', coordinates: [], purpose: '', legalBasis: '', periodStart: isoDate(today), periodEnd: isoDate(nextYear), quotaPerDay: '' };
}

export function useRequestDraft() {
  return useDraft<RequestDraft>(REQUEST_DRAFT_KEY, emptyRequestDraft());
}

/** The draft with `coordinate` added or removed, in `graph` (a different graph starts a new pick). */
export function togglePicked(draft: RequestDraft, graph: string, coordinate: string): RequestDraft {
  if (draft.graph !== graph) return { ...draft, graph, coordinates: [coordinate] };
  const has = draft.coordinates.includes(coordinate);
  return { ...draft, coordinates: has ? draft.coordinates.filter((c) => c !== coordinate) : [...draft.coordinates, coordinate].sort() };
}

/** The request form's address with `fields` of `graph` to put into the draft. */
export function requestFormHref(graph: string, fields: readonly string[]): string {
  const params = new URLSearchParams({ graph, fields: fields.join(',') });
  return `/pemohon/permohonan/baru?${params.toString()}`;
}
