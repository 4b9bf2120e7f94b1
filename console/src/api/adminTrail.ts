/** The administrative trail, searched on the registry (GET /v1/admin/trail) one page at a time. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from './client';

export interface TrailEntry {
  seq: number;
  occurredAt: string;
  actor: { id: string | null; name: string; role: string };
  action: string;
  subjectType: string;
  subjectId: string;
  agencyId: string | null;
  reason: string;
  before: unknown;
  after: unknown;
}

export interface TrailPage {
  entries: TrailEntry[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TrailFilter {
  actor?: string;
  action?: string;
  subject?: string;
  q?: string;
  from?: string;
  to?: string;
}

export function useTrail(filter: TrailFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['trail', filter, page, pageSize],
    queryFn: () => get<TrailPage>('/v1/admin/trail', { query: { ...filter, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}
