/**
 * Where a request stands for its requester, from its status and its fields' decisions: waiting for
 * the administrator, waiting for the agencies, or decided (granted, partly granted, declined,
 * rejected).
 */
import type { AccessRequest } from '../../api/accessRequests';

export type RequestStage = 'pending' | 'awaiting_agency' | 'granted' | 'partially_granted' | 'declined' | 'rejected';

export const STAGES: RequestStage[] = ['pending', 'awaiting_agency', 'granted', 'partially_granted', 'declined', 'rejected'];

export function stageOf(request: Pick<AccessRequest, 'status' | 'items'>): RequestStage {
  if (request.status === 'rejected') return 'rejected';
  if (request.status !== 'approved') return 'pending';
  if (request.items.some((item) => item.status === 'pending')) return 'awaiting_agency';
  const granted = request.items.filter((item) => item.status === 'granted').length;
  if (granted === request.items.length) return 'granted';
  return granted === 0 ? 'declined' : 'partially_granted';
}

export function isWaiting(stage: RequestStage): boolean {
  return stage === 'pending' || stage === 'awaiting_agency';
}
