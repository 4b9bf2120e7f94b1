/** Agencies (PD) and themes: listed for everyone (pickers across the console), created by the administrator. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from './client';
import type { components } from './openapi';

export type Agency = components['schemas']['Agency'];
export type Theme = components['schemas']['Theme'];

export function useAgencies() {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: async () => (await get<{ agencies: Agency[] }>('/v1/agencies')).agencies,
  });
}

export function useThemes() {
  return useQuery({
    queryKey: ['themes'],
    queryFn: async () => (await get<{ themes: Theme[] }>('/v1/themes')).themes,
  });
}

export function useCreateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { slug: string; name: string; description: string; contact?: string }) =>
      post<Agency>('/v1/admin/agencies', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['agencies'] }),
  });
}

export function useCreateTheme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ slug, name, description }: { slug: string; name: string; description: string }) =>
      post<Theme>('/v1/admin/themes', { slug, name, description }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['themes'] }),
  });
}

export interface CatalogueChange {
  slug: string;
  name: string;
  description: string;
  contact?: string;
}

/** Renaming an agency or a theme, or changing its description (its slug stays). */
export function useUpdateCatalogueEntry(kind: 'agency' | 'theme') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ slug, ...body }: CatalogueChange) =>
      patch<Agency | Theme>(
        `/v1/admin/${kind === 'agency' ? 'agencies' : 'themes'}/${encodeURIComponent(slug)}`,
        body,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [kind === 'agency' ? 'agencies' : 'themes'] }),
  });
}
