/**
 * What the service directory says of each field an access request names (the request names
 * coordinates; the directory says how secret each one is and whose it is), for the administrator's
 * decision.
 */
import { useQuery } from '@tanstack/react-query';
import { get } from './client';
import type { components } from './openapi';

export type Classification = FieldFacts['classification'];

export interface FieldFacts {
  classification: 'publik' | 'terbatas' | 'rahasia';
  personalData: boolean;
  description: string;
  agency: string;
}

type DirectoryBody = components['schemas']['Directory'];

/** `subgraph|Type.field` → what the directory says of that field. */
export function fieldKey(subgraph: string, coordinate: string): string {
  return `${subgraph}|${coordinate}`;
}

export function useFieldFacts() {
  return useQuery({
    queryKey: ['directory', 'field-facts'],
    queryFn: async () => {
      const body = await get<DirectoryBody>('/v1/directory');
      const facts = new Map<string, FieldFacts>();
      for (const theme of body.themes) {
        for (const graph of theme.graphs) {
          for (const subgraph of graph.subgraphs) {
            for (const type of subgraph.types) {
              for (const field of type.fields) {
                facts.set(fieldKey(subgraph.name, field.coordinate), {
                  classification: field.classification,
                  personalData: field.personalData,
                  description: field.description,
                  agency: subgraph.agency.name,
                });
              }
            }
          }
        }
      }
      return facts;
    },
    staleTime: 60_000,
  });
}
