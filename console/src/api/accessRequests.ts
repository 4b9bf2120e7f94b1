/**
 * The access workflow as every role's pages take part in it: the requests (a requester's own, an
 * agency's part, or all for the administrator, as the registry decides by the session), one request,
 * its submission, the administrator's approval or rejection, an agency's grant or refusal, and the
 * grants with their revocation. The shapes are the registry's own (openapi.ts, generated).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from './client';
import type { components, paths } from './openapi';

type Schemas = components['schemas'];
export type AccessRequest = Schemas['AccessRequest'];
export type RequestStatus = AccessRequest['status'];
export type Grant = Schemas['Grant'];
export type GrantState = Grant['state'];
export type AgencyRef = Schemas['AgencyRef'];
/** What a request is submitted with (the "Input" variant: as sent, defaults not yet applied). */
export type SubmitAccessRequest = Schemas['SubmitAccessRequestInputInput'];
export type GrantInput = Schemas['GrantRequestInput'];

type RequestsQuery = NonNullable<paths['/v1/access-requests']['get']['parameters']['query']>;
type GrantsQuery = NonNullable<paths['/v1/grants']['get']['parameters']['query']>;

const REQUESTS = 'access-requests';
const GRANTS = 'grants';

/** Every view of requests and grants is stale after any decision (and the inbox counts with them). */
function useRefreshAccess() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([REQUESTS, GRANTS, 'inbox'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
}

/** The requests the session may see, newest first; `awaiting`: an agency's undecided approved ones. */
export function useAccessRequests(filter: { status?: RequestStatus; awaiting?: boolean } = {}) {
  const query: RequestsQuery = { status: filter.status, awaiting: filter.awaiting ? 'true' : undefined };
  return useQuery({
    queryKey: [REQUESTS, 'list', query],
    queryFn: async () => {
      const requests = await get<AccessRequest[]>('/v1/access-requests', { query });
      return [...requests].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  });
}

export function useAccessRequest(id: string) {
  return useQuery({
    queryKey: [REQUESTS, 'one', id],
    queryFn: () => get<AccessRequest>(`/v1/access-requests/${encodeURIComponent(id)}`),
  });
}

export function useSubmitAccessRequest() {
  const refresh = useRefreshAccess();
  return useMutation({
    mutationFn: (input: SubmitAccessRequest) => post<AccessRequest>('/v1/access-requests', input),
    onSuccess: refresh,
  });
}

/** The administrator approves or rejects a pending request. */
export function useDecideRequest(id: string) {
  const refresh = useRefreshAccess();
  return useMutation({
    mutationFn: ({ decision, reason }: { decision: 'approve' | 'reject'; reason: string }) =>
      post<AccessRequest>(`/v1/access-requests/${encodeURIComponent(id)}/${decision}`, { reason }),
    onSuccess: refresh,
  });
}

/** An agency grants its part of an approved request (all its fields, or those named). */
export function useGrantRequest(id: string) {
  const refresh = useRefreshAccess();
  return useMutation({
    mutationFn: (input: GrantInput) =>
      post<AccessRequest>(`/v1/access-requests/${encodeURIComponent(id)}/grant`, input),
    onSuccess: refresh,
  });
}

export function useDeclineRequest(id: string) {
  const refresh = useRefreshAccess();
  return useMutation({
    mutationFn: (reason: string) =>
      post<AccessRequest>(`/v1/access-requests/${encodeURIComponent(id)}/decline`, { reason }),
    onSuccess: refresh,
  });
}

/** The grants the session may see: a client's, or an agency's on its fields; `current`: not ended. */
export function useGrants(filter: { clientId?: string; current?: boolean } = {}) {
  const query: GrantsQuery = { clientId: filter.clientId, current: filter.current ? 'true' : undefined };
  return useQuery({
    queryKey: [GRANTS, query],
    queryFn: () => get<Grant[]>('/v1/grants', { query }),
  });
}

export function useRevokeGrant() {
  const refresh = useRefreshAccess();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      post<Grant>(`/v1/grants/${encodeURIComponent(id)}/revoke`, { reason }),
    onSuccess: refresh,
  });
}
