/** Console sessions for the administrator: who is signed in (GET /v1/admin/sessions), and ending one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from './session';
import { del, get } from './client';

export interface ActiveSession {
  /** The session's public id (never its cookie). */
  id: string;
  userId: string;
  userName: string;
  userEmail: string;
  role: Role;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  idleExpiresAt: string;
  ip: string;
  userAgent: string;
  /** The administrator's own session, the one viewing this list. */
  current: boolean;
}

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
