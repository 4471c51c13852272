import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, isUnauthenticated, setCsrfToken } from '../api/client';
import type { Role, Session } from '../api/types';

export const SESSION_KEY = ['session'] as const;

/** The signed-in user, or null when signed out. A 401 here is an answer, not an error. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async ({ signal }) => {
      try {
        return remember(await api.get<Session>('/auth/session', undefined, signal));
      } catch (error) {
        if (isUnauthenticated(error)) return forget();
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

function remember(session: Session) {
  setCsrfToken(session.csrfToken);
  return session;
}

function forget() {
  setCsrfToken(null);
  return null;
}

/** After sign-in: store the session and drop anything cached for whoever used this tab before. */
export function startSession(client: QueryClient, session: Session) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  client.setQueryData(SESSION_KEY, remember(session));
}

/** Any 401 ends the session in the SPA too; RequireSession then sends the user to sign in. */
export function endSession(client: QueryClient) {
  client.setQueryData(SESSION_KEY, forget());
}

const rank: Role[] = ['readonly', 'editor', 'manager', 'admin'];

export const hasRole = (actual: Role | undefined, required: Role) => actual !== undefined && rank.indexOf(actual) >= rank.indexOf(required);

/** What the signed-in user may do; screens hide the actions that would be refused. */
export function usePermissions() {
  const role = useSession().data?.user.role;
  return {
    role,
    canEdit: hasRole(role, 'editor'),
    canDelete: hasRole(role, 'manager'),
    isAdmin: hasRole(role, 'admin'),
  };
}

export const roleLabel: Record<Role, string> = {
  readonly: 'Read-only',
  editor: 'Editor',
  manager: 'Manager',
  admin: 'Administrator',
};

/** Only same-site paths are followed after sign-in, so ?next= cannot send anyone elsewhere. */
export function safeNext(next: string | null) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/organizations';
}
