import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '@exchange/platform/messages';
import { callContext, ProblemError } from '../api/client';

export type Role = 'admin' | 'programme_manager' | 'reviewer' | 'host' | 'partner_agency' | 'startup';

/** The signed-in caller as the applications service sees the key (`GET /v1/me`). */
export interface Principal {
  principalId: string;
  role: Role;
  organisationId: string | null;
  startupId: string | null;
  apiKeyId: string;
  language?: Language | null;
}

interface SessionAnswer {
  principal: Principal;
  csrfToken: string;
  expiresAt: string;
}

export type SignedOutNotice = { kind: 'signed-out' } | { kind: 'ended'; message: string };

type SessionState =
  | { status: 'loading' }
  /** `notice`: why the person is here (they signed out, or the key stopped working), above the form. */
  | { status: 'signed-out'; notice: SignedOutNotice | null }
  | { status: 'signed-in'; principal: Principal };

interface SessionApi {
  state: SessionState;
  signIn(apiKey: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** A call to the console server's own `/session` routes; a refusal becomes a ProblemError. */
async function sessionCall(method: 'GET' | 'POST' | 'DELETE', body?: unknown): Promise<SessionAnswer | null> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': callContext.language };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && callContext.csrfToken) headers['x-csrf-token'] = callContext.csrfToken;
  const response = await fetch('/session', { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ProblemError(method, '/session', response, parsed);
  return parsed as SessionAnswer | null;
}

/**
 * The sign-in: the API key goes to the console server once and stays there; this page keeps only
 * the principal and the CSRF token, in memory. A 401 from any call returns to sign-in with the reason.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const queries = useQueryClient();

  const adopt = useCallback((answer: SessionAnswer) => {
    callContext.csrfToken = answer.csrfToken;
    setState({ status: 'signed-in', principal: answer.principal });
  }, []);
  const end = useCallback(
    (notice: SignedOutNotice | null) => {
      callContext.csrfToken = null;
      queries.clear();
      setState({ status: 'signed-out', notice });
    },
    [queries],
  );

  useEffect(() => {
    callContext.onSessionEnded = (problem) => end({ kind: 'ended', message: problem.problem.detail ?? problem.problem.title });
    sessionCall('GET').then(
      (answer) => (answer ? adopt(answer) : end(null)),
      () => end(null),
    );
  }, [adopt, end]);

  const api = useMemo<SessionApi>(
    () => ({
      state,
      async signIn(apiKey) {
        const answer = await sessionCall('POST', { apiKey });
        if (answer) adopt(answer);
      },
      async signOut() {
        try {
          await sessionCall('DELETE');
        } finally {
          end({ kind: 'signed-out' });
        }
      },
    }),
    [state, adopt, end],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in principal (screens are only shown signed in). */
export function usePrincipal(): Principal {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('usePrincipal while signed out');
  return state.principal;
}
