/**
 * The access workflow as an agency's publisher takes part in it: approved requests touching its
 * fields (only its agency's part is returned), its grant or refusal, the grants on its fields and
 * their revocation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from './client';

interface Ref {
  id: string;
  name: string;
}

export interface AgencyRef {
  id: string;
  slug: string;
  name: string;
}

export type GrantState = 'scheduled' | 'active' | 'expired' | 'revoked';

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
  state: GrantState;
}

export type RequestStatus = 'pending' | 'approved' | 'rejected';

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
  items: { id: string; coordinate: string; agency: AgencyRef; subgraph: string; status: 'pending' | 'granted' | 'declined' }[];
  approval: { decision: 'approved' | 'rejected'; reason: string; actor: Ref; decidedAt: string; conditions: unknown } | null;
  agencyDecisions: { decision: 'granted' | 'declined'; reason: string; actor: Ref; decidedAt: string; agency: AgencyRef }[];
  grants: Grant[];
}

export interface GrantInput {
  reason: string;
  coordinates?: string[];
  startsAt?: string;
  endsAt?: string;
}

/** `awaiting`: only approved requests the agency has not decided yet (its inbox). */
export function useAgencyRequests(awaiting: boolean) {
  return useQuery({
    queryKey: ['agency-requests', awaiting],
    queryFn: () => get<AccessRequest[]>('/v1/access-requests', { query: { awaiting: awaiting ? 'true' : undefined } }),
  });
}

export function useAccessRequest(id: string) {
  return useQuery({ queryKey: ['access-request', id], queryFn: () => get<AccessRequest>(`/v1/access-requests/${id}`) });
}

function useRefreshAccess() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      ['agency-requests', 'access-request', 'agency-grants', 'inbox'].map((key) =>
        queryClient.invalidateQueries({ queryKey: [key] }),
      ),
    );
}

export function useGrantRequest(id: string) {
  const refresh = useRefreshAccess();
  return useMutation({
    mutationFn: (input: GrantInput) => post<AccessRequest>(`/v1/access-requests/${id}/grant`, input),
    onSuccess: refresh,
  });
}

export function useDeclineRequest(id: string) {
  const refresh = useRefreshAccess();
  return useMutation({
    mutationFn: (reason: string) => post<AccessRequest>(`/v1/access-requests/${id}/decline`, { reason }),
    onSuccess: refresh,
  });
}

export function useAgencyGrants(currentOnly: boolean) {
  return useQuery({
    queryKey: ['agency-grants', currentOnly],
    queryFn: () => get<Grant[]>('/v1/grants', { query: { current: currentOnly ? 'true' : undefined } }),
  });
}

export function useRevokeGrant() {
  const refresh = useRefreshAccess();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => post<Grant>(`/v1/grants/${id}/revoke`, { reason }),
    onSuccess: refresh,
  });
}
