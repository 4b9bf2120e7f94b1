/**
 * The requester's client applications and their API keys (the requests and grants are in
 * accessRequests.ts). The shapes are the registry's own (openapi.ts, generated).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from './client';
import type { components } from './openapi';

export type Client = components['schemas']['Client'];
export type Credential = components['schemas']['Credential'];

export function useClients() {
  return useQuery({ queryKey: ['clients'], queryFn: () => get<Client[]>('/v1/clients') });
}

export function useClient(id: string) {
  return useQuery({
    queryKey: ['clients', id],
    queryFn: () => get<Client>(`/v1/clients/${encodeURIComponent(id)}`),
  });
}

export function useRegisterClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: components['schemas']['RegisterClientInputInput']) =>
      post<Client>('/v1/clients', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['clients'] }),
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
    mutationFn: (input: components['schemas']['IssueCredentialInputInput']) =>
      post<components['schemas']['IssuedCredential']>(
        `/v1/clients/${encodeURIComponent(clientId)}/credentials`,
        input,
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['credentials', clientId] }),
  });
}

export function useRevokeCredential(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentialId: string) =>
      post<Credential>(
        `/v1/clients/${encodeURIComponent(clientId)}/credentials/${encodeURIComponent(credentialId)}/revoke`,
        {},
      ),
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
