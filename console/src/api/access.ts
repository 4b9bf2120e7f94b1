/**
 * The requester's side of the access workflow: client applications, their API keys, access requests
 * and grants (registry/access/schemas.ts gives the shapes).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from './client';

export interface Ref {
  id: string;
  name: string;
}

export interface AgencyRef {
  id: string;
  slug: string;
  name: string;
}

export interface Client {
  id: string;
  name: string;
  requester: Ref;
  agency: AgencyRef | null;
  organization: string;
  contact: string;
  grantsVersion: number;
  createdAt: string;
}

export type AccessRequestStatus = 'pending' | 'approved' | 'rejected' | 'granted' | 'partially_granted' | 'declined' | string;

export interface Grant {
  id: string;
  requestId: string;
  coordinate: string;
  graph: string;
  client: Ref;
  agency: AgencyRef;
  startsAt: string;
  endsAt: string;
  quotaPerDay: number | null;
  conditions: unknown[];
  grantedBy: Ref;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: Ref | null;
  revokeReason: string | null;
  state: 'scheduled' | 'active' | 'expired' | 'revoked';
}

export interface Decision {
  decision: string;
  reason: string;
  actor: Ref;
  decidedAt: string;
}

export interface AccessRequest {
  id: string;
  status: AccessRequestStatus;
  client: { id: string; name: string; organization: string };
  requester: Ref;
  graph: string;
  purpose: string;
  legalBasis: string;
  periodStart: string;
  periodEnd: string;
  quotaPerDay: number | null;
  createdAt: string;
  items: { id: string; coordinate: string; agency: AgencyRef; subgraph: string; status: 'pending' | 'granted' | 'declined' }[];
  approval: (Decision & { conditions: unknown }) | null;
  agencyDecisions: (Decision & { agency: AgencyRef })[];
  grants: Grant[];
}

export interface Credential {
  id: string;
  clientId: string;
  label: string;
  prefix: string;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  state: 'active' | 'expired' | 'revoked';
}

export interface SubmitAccessRequest {
  clientId: string;
  graph: string;
  coordinates: string[];
  purpose: string;
  legalBasis: string;
  periodStart: string;
  periodEnd: string;
  quotaPerDay?: number;
}

export function useClients() {
  return useQuery({ queryKey: ['clients'], queryFn: () => get<Client[]>('/v1/clients') });
}

export function useClient(id: string) {
  return useQuery({ queryKey: ['clients', id], queryFn: () => get<Client>(`/v1/clients/${encodeURIComponent(id)}`) });
}

export function useRegisterClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; contact: string; organization?: string }) => post<Client>('/v1/clients', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['clients'] }),
  });
}

export function useAccessRequests() {
  return useQuery({ queryKey: ['access-requests'], queryFn: () => get<AccessRequest[]>('/v1/access-requests') });
}

export function useAccessRequest(id: string) {
  return useQuery({
    queryKey: ['access-requests', id],
    queryFn: () => get<AccessRequest>(`/v1/access-requests/${encodeURIComponent(id)}`),
  });
}

export function useSubmitAccessRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitAccessRequest) => post<AccessRequest>('/v1/access-requests', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['access-requests'] });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
}

export function useGrants(filter: { clientId?: string; current?: boolean } = {}) {
  return useQuery({
    queryKey: ['grants', filter.clientId ?? '', filter.current ?? false],
    queryFn: () => get<Grant[]>('/v1/grants', { query: { clientId: filter.clientId, current: filter.current ? 'true' : undefined } }),
  });
}

export function useCredentials(clientId: string) {
  return useQuery({
    queryKey: ['credentials', clientId],
    queryFn: () => get<Credential[]>(`/v1/clients/${encodeURIComponent(clientId)}/credentials`),
  });
}

export function useIssueCredential(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { label: string; expiresAt?: string }) =>
      post<{ credential: Credential; apiKey: string }>(`/v1/clients/${encodeURIComponent(clientId)}/credentials`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['credentials', clientId] }),
  });
}

export function useRevokeCredential(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentialId: string) =>
      post<Credential>(`/v1/clients/${encodeURIComponent(clientId)}/credentials/${encodeURIComponent(credentialId)}/revoke`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['credentials', clientId] }),
  });
}

/** The requester has looked at its requests: the "decided" count of its inbox starts again from now. */
export function useMarkDecidedSeen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => post<void>('/v1/inbox/seen', { kind: 'access_requests.decided' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['inbox'] }),
  });
}
