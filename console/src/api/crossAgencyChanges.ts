/** Publishes of other agencies held until the owners of the fields they reach consent. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from './client';
import type { components } from './openapi';

export type ChangeStatus = 'pending' | 'accepted' | 'declined';

export type CrossAgencyChange = components['schemas']['CrossAgencyChange'];

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
