/** Graphs for the administrator: the list with members and newest composition, and managing them. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, patch, post } from './client';
import type { components } from './openapi';

export type GraphSummary = components['schemas']['GraphList']['graphs'][number];

/**
 * The health of a graph's last composition as the registry shows it: composed (served at `version`),
 * empty (no subgraph in its themes, nothing served) or failed (subgraphs but no served supergraph:
 * they do not compose together, gateways have nothing for it).
 */
export type GraphHealth = 'composed' | 'empty' | 'failed';

export function graphHealth(graph: GraphSummary): GraphHealth {
  if (graph.version !== null) return 'composed';
  return graph.subgraphs.length === 0 ? 'empty' : 'failed';
}

export function useGraphs() {
  return useQuery({
    queryKey: ['graphs'],
    queryFn: async () => (await get<{ graphs: GraphSummary[] }>('/v1/graphs')).graphs,
  });
}

export interface GraphInput {
  name: string;
  description: string;
  themes: string[];
  excludeThemes: string[];
}

export interface ForceInput {
  force?: boolean;
  reason?: string;
}

function useGraphMutation<T>(run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['graphs'] }),
  });
}

export function useCreateGraph() {
  return useGraphMutation((input: GraphInput) => post('/v1/admin/graphs', input));
}

export function useUpdateGraph() {
  return useGraphMutation(({ name, ...body }: Omit<GraphInput, 'name'> & ForceInput & { name: string }) =>
    patch(`/v1/admin/graphs/${encodeURIComponent(name)}`, body),
  );
}

export function useDeleteGraph() {
  return useGraphMutation(({ name, ...body }: ForceInput & { name: string }) =>
    del(`/v1/admin/graphs/${encodeURIComponent(name)}`, { body }),
  );
}
