/** What waits for the signed-in user (GET /v1/inbox), refreshed every 30 s for the navigation badges. */
import { useQuery } from '@tanstack/react-query';
import { get } from './client';

export interface InboxItem {
  kind: string;
  count: number;
  /** The console path where these items are handled. */
  href: string;
}

export interface Inbox {
  items: InboxItem[];
  total: number;
}

export function useInbox() {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: () => get<Inbox>('/v1/inbox'),
    refetchInterval: 30_000,
    // A registry without the inbox (or a failed call) shows no badges rather than an error.
    retry: false,
  });
}
