/** The service directory (GET /v1/directory, /v1/directory/search) and its themes (GET /v1/themes). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from './client';

export type Classification = string;

export interface DirectoryField {
  name: string;
  coordinate: string;
  returnType: string;
  description: string;
  classification: Classification;
  personalData: boolean;
  agency: string;
  grantedTo: { clientId: string; client: string; organization: string; endsAt: string }[];
}

export interface DirectoryType {
  name: string;
  description: string;
  keys: string[];
  fields: DirectoryField[];
}

export interface DirectorySubgraph {
  name: string;
  description: string;
  contact: string;
  agency: { slug: string; name: string };
  version: number;
  publishedAt: string;
  types: DirectoryType[];
}

export interface DirectoryGraph {
  name: string;
  description: string;
  themes: string[];
  subgraphs: DirectorySubgraph[];
}

export interface DirectoryTheme {
  slug: string;
  name: string;
  description: string;
  graphs: DirectoryGraph[];
}

export interface Theme {
  slug: string;
  name: string;
  description: string;
}

export interface SearchHit {
  coordinate: string;
  typeName: string;
  fieldName: string;
  returnType: string;
  description: string;
  classification: Classification;
  personalData: boolean;
  subgraph: string;
  theme: string;
  agency: { slug: string; name: string };
  graphs: string[];
  rank: number;
}

export function useThemes() {
  return useQuery({
    queryKey: ['themes'],
    queryFn: () => get<{ themes: Theme[] }>('/v1/themes'),
    select: (body) => body.themes,
  });
}

/** The directory tree, for one theme or every theme. */
export function useDirectory(theme?: string) {
  return useQuery({
    queryKey: ['directory', theme ?? ''],
    queryFn: () => get<{ themes: DirectoryTheme[] }>('/v1/directory', { query: { theme } }),
    select: (body) => body.themes,
    placeholderData: keepPreviousData,
  });
}

export function useDirectorySearch(q: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: ['directory-search', trimmed],
    queryFn: () => get<{ query: string; results: SearchHit[] }>('/v1/directory/search', { query: { q: trimmed, limit: 100 } }),
    enabled: trimmed.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Every type of one graph with its fields, across the themes the graph spans, without repeats. */
export function graphTypes(themes: DirectoryTheme[] | undefined, graph: string): { subgraph: DirectorySubgraph; type: DirectoryType }[] {
  const seen = new Set<string>();
  const result: { subgraph: DirectorySubgraph; type: DirectoryType }[] = [];
  for (const theme of themes ?? []) {
    for (const candidate of theme.graphs) {
      if (candidate.name !== graph) continue;
      for (const subgraph of candidate.subgraphs) {
        for (const type of subgraph.types) {
          const key = `${subgraph.name}\u0000${type.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          result.push({ subgraph, type });
        }
      }
    }
  }
  return result;
}
