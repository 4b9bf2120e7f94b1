/** The administrative trail, searched on the registry (GET /v1/admin/trail) one page at a time. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from './client';
import type { components } from './openapi';

export type TrailEntry = components['schemas']['TrailEntry'];
export type TrailPage = components['schemas']['TrailPage'];

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
