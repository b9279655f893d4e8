import { useCallback, useEffect, useState } from 'react';
import { ApiProblem } from '../api/client.js';
import type { ApiClient } from '../api/client.js';

/** The signed-in user as `GET /api/me` answers it. */
export interface Me {
  username: string;
  displayName: string;
  role: string;
  teams: string[];
}

/** Loading, loaded, or failed for a reason other than the sign-in ending (which signs out). */
export type MeState = { status: 'loading' } | { status: 'ready'; me: Me } | { status: 'failed' };

/** Who is signed in, asked once per sign-in; `retry` asks again after a failure. */
export function useMe(api: ApiClient, signedIn: boolean): { state: MeState; retry(): void } {
  const [state, setState] = useState<MeState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setState({ status: 'loading' });
    if (!signedIn) return;
    let current = true;
    api.call<Me>('GET', '/api/me').then(
      (me) => current && setState({ status: 'ready', me }),
      (error: unknown) => {
        // A refused token has signed the user out already (ApiClient.onSignedOut).
        if (current && !(error instanceof ApiProblem && error.status === 401)) setState({ status: 'failed' });
      },
    );
    return () => {
      current = false;
    };
  }, [api, signedIn, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
