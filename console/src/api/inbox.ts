/** What waits for the signed-in user (GET /v1/inbox), refreshed every 30 s for the navigation badges. */
import { useQuery } from '@tanstack/react-query';
import { get } from './client';
import type { components } from './openapi';

export type Inbox = components['schemas']['Inbox'];

export function useInbox() {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: () => get<Inbox>('/v1/inbox'),
    refetchInterval: 30_000,
    // A registry without the inbox (or a failed call) shows no badges rather than an error.
    retry: false,
  });
}
