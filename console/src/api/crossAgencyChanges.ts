/** Publishes of other agencies held until the owners of the fields they reach consent. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from './client';

export type ChangeStatus = 'pending' | 'accepted' | 'declined';

export interface CrossAgencyChange {
  id: string;
  subgraph: string;
  /** Slug of the agency asking for the change. */
  agency: string;
  requestedBy: string;
  status: ChangeStatus;
  owners: string[];
  acceptedBy: string[];
  reaches: { kind: string; coordinate: string; ownerAgency: string; ownerSubgraph: string; message: { id: string; en: string } }[];
  routingUrl: string;
  sdlHash: string;
  schema: string;
  decidedBy: string | null;
  reason: string;
  createdAt: string;
  decidedAt: string | null;
}

export function useCrossAgencyChanges(status: ChangeStatus | 'all') {
  return useQuery({
    queryKey: ['cross-agency-changes', status],
    queryFn: () => get<{ changes: CrossAgencyChange[] }>('/v1/cross-agency-changes', { query: { status } }),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['cross-agency-changes'] }),
      queryClient.invalidateQueries({ queryKey: ['inbox'] }),
    ]);
}

export function useDecideChange() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'accept' | 'decline'; reason: string }) =>
      post<{ change: CrossAgencyChange }>(`/v1/cross-agency-changes/${id}/${decision}`, { reason }),
    onSuccess: refresh,
  });
}
