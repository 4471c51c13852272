import { QueryClient } from '@tanstack/react-query';
import { ApiError, setUnauthenticatedHandler } from '../api/client';
import { endSession } from '../auth/session';

/** One client for the app; any 401 (an expired or revoked session) ends the session, and RequireSession asks to sign in. */
export function createQueryClient() {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // Client errors will not fix themselves; network and server errors get one more try.
        retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
  setUnauthenticatedHandler(() => endSession(client));
  return client;
}
