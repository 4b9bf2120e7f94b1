/** The notification outbox for administrators (GET /v1/admin/notifications, POST …/:id/retry). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiUrl, get, post } from './client';

export const notificationStatuses = ['failed', 'pending', 'delivered', 'skipped'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

export interface OutgoingNotification {
  id: string;
  event: string;
  channel: 'webhook' | 'email';
  subjectType: string;
  subjectId: string;
  recipient: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  occurredAt: string;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

export function useNotifications(status: NotificationStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['notifications', status, page, pageSize],
    queryFn: () =>
      get<{ items: OutgoingNotification[]; total: number }>(
        apiUrl('/v1/admin/notifications', { status, limit: pageSize, offset: (page - 1) * pageSize }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useRetryNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post<unknown>(`/v1/admin/notifications/${encodeURIComponent(id)}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
