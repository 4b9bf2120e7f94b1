/** Agencies and themes, for pickers across the console. */
import { useQuery } from '@tanstack/react-query';
import { get } from './client';

export interface Agency {
  id: string;
  slug: string;
  name: string;
  description: string;
  contact: string;
  createdAt: string;
}

export function useAgencies() {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: async () => (await get<{ agencies: Agency[] }>('/v1/agencies')).agencies,
    staleTime: 60_000,
  });
}
