/**
 * The administrator's side of the access workflow: the requests (all, or by status), one request,
 * approving or rejecting it with a reason, and the classification of each field from the service
 * directory (the request names coordinates; the directory says how secret each one is).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from './client';

export type RequestStatus = 'pending' | 'approved' | 'rejected';
export type Classification = 'publik' | 'terbatas' | 'rahasia';

interface Ref {
  id: string;
  name: string;
}

export interface AgencyRef {
  id: string;
  slug: string;
  name: string;
}

interface Decision {
  reason: string;
  actor: Ref;
  decidedAt: string;
}

export interface AccessRequest {
  id: string;
  status: RequestStatus;
  client: { id: string; name: string; organization: string };
  requester: Ref;
  graph: string;
  purpose: string;
  legalBasis: string;
  periodStart: string;
  periodEnd: string;
  quotaPerDay: number | null;
  createdAt: string;
  items: {
    id: string;
    coordinate: string;
    agency: AgencyRef;
    subgraph: string;
    status: 'pending' | 'granted' | 'declined';
  }[];
  approval: (Decision & { decision: 'approved' | 'rejected' }) | null;
  agencyDecisions: (Decision & { decision: 'granted' | 'declined'; agency: AgencyRef })[];
  grants: { id: string; coordinate: string; state: string }[];
}

/** Every request the administrator may see (all), newest first; the pages filter and page them. */
export function useAccessRequests(status?: RequestStatus) {
  return useQuery({
    queryKey: ['access-requests', status ?? 'all'],
    queryFn: async () => {
      const requests = await get<AccessRequest[]>('/v1/access-requests', { query: { status } });
      return [...requests].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  });
}

export function useAccessRequest(id: string) {
  return useQuery({
    queryKey: ['access-request', id],
    queryFn: () => get<AccessRequest>(`/v1/access-requests/${encodeURIComponent(id)}`),
  });
}

export function useDecideRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, reason }: { decision: 'approve' | 'reject'; reason: string }) =>
      post<AccessRequest>(`/v1/access-requests/${encodeURIComponent(id)}/${decision}`, { reason }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['access-requests'] }),
        queryClient.invalidateQueries({ queryKey: ['access-request', id] }),
        queryClient.invalidateQueries({ queryKey: ['inbox'] }),
      ]);
    },
  });
}

export interface FieldFacts {
  classification: Classification;
  personalData: boolean;
  description: string;
  agency: string;
}

interface DirectoryBody {
  themes: {
    graphs: {
      subgraphs: {
        name: string;
        agency: { slug: string; name: string };
        types: {
          fields: {
            coordinate: string;
            classification: Classification;
            personalData: boolean;
            description: string;
          }[];
        }[];
      }[];
    }[];
  }[];
}

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
