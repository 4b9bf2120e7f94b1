/** Console sessions for the administrator: who is signed in (GET /v1/admin/sessions), and ending one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get } from './client';
import type { components } from './openapi';

/** An active session under its public id (never its cookie); `current`: the one viewing the list. */
export type ActiveSession = components['schemas']['ConsoleSessionView'];

export function useActiveSessions() {
  return useQuery({
    queryKey: ['admin-sessions'],
    queryFn: async () => (await get<{ sessions: ActiveSession[] }>('/v1/admin/sessions')).sessions,
  });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      del<unknown>(`/v1/admin/sessions/${encodeURIComponent(id)}`, { body: { reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin-sessions'] }),
  });
}
