/** The notification outbox for administrators (GET /v1/admin/notifications, POST …/:id/retry). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiUrl, get, post } from './client';
import type { components } from './openapi';

export const notificationStatuses = ['failed', 'pending', 'delivered', 'skipped'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

export type OutgoingNotification = components['schemas']['Notification'];

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
