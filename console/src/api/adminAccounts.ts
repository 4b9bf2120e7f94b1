/** Staff accounts for the administrator: list, create, disable, enable and reset a password. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from './session';
import { get, post } from './client';
import type { components } from './openapi';

export type UserAccount = components['schemas']['ListedUser'];

export interface NewUser {
  name: string;
  email: string;
  role: Role;
  agency?: string;
  organization?: string;
  password?: string;
}

export function useUsers() {
  return useQuery({
    queryKey: ['admin-users'],
    queryFn: async () => (await get<{ users: UserAccount[] }>('/v1/admin/users')).users,
  });
}

function useUserMutation<T, R>(run: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin-users'] }),
  });
}

export function useCreateUser() {
  // Console accounts sign in with a password; the API token for scripts is issued separately (CLI).
  return useUserMutation((input: NewUser) =>
    post<{ user: UserAccount }>('/v1/admin/users', { ...input, issueToken: false }),
  );
}

export function useSetUserEnabled() {
  return useUserMutation(({ id, enabled, reason }: { id: string; enabled: boolean; reason?: string }) =>
    post(
      `/v1/admin/users/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`,
      enabled ? {} : { reason: reason ?? '' },
    ),
  );
}

/** The temporary password the registry generated, whatever key the answer carries it under. */
function temporaryPassword(body: unknown): string {
  if (body && typeof body === 'object') {
    for (const key of ['temporaryPassword', 'password']) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value === 'string') return value;
    }
  }
  return '';
}

export function useResetPassword() {
  return useUserMutation(async ({ id }: { id: string }) =>
    temporaryPassword(await post(`/v1/admin/users/${encodeURIComponent(id)}/password`, {})),
  );
}
