/**
 * Who is signed in. The session itself is an HttpOnly cookie the page cannot read; this keeps the
 * user and the CSRF token the registry returns with it. Any 401 (idle or absolute expiry, a revoked
 * session) moves the console back to sign-in; half-written forms survive that (see useDraft).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, del, get, onUnauthenticated, post, setCsrfToken } from './client';

export type Role = 'administrator' | 'publisher' | 'requester' | 'evaluator';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  agencyId: string | null;
  agencySlug: string | null;
}

interface SessionBody {
  user: SessionUser;
  csrfToken: string;
}

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: SessionUser };

interface SessionContextValue {
  state: SessionState;
  signIn(email: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const queryClient = useQueryClient();

  useEffect(() => {
    let cancelled = false;
    get<SessionBody>('/v1/session', { quietUnauthenticated: true })
      .then((body) => {
        if (cancelled) return;
        setCsrfToken(body.csrfToken);
        setState({ status: 'signed-in', user: body.user });
      })
      .catch(() => {
        if (!cancelled) setState({ status: 'signed-out', expired: false });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        setState((current) => (current.status === 'signed-in' ? { status: 'signed-out', expired: true } : current));
      }),
    [],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const body = await post<SessionBody>('/v1/session', { email, password }, { quietUnauthenticated: true });
      setCsrfToken(body.csrfToken);
      queryClient.clear();
      setState({ status: 'signed-in', user: body.user });
      return body.user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await del('/v1/session', { quietUnauthenticated: true });
    } catch (error) {
      // Already gone (expired): signing out locally is all that is left to do.
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    setCsrfToken(null);
    queryClient.clear();
    setState({ status: 'signed-out', expired: false });
  }, [queryClient]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages rendered inside the signed-in shell. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser without a session');
  return state.user;
}
