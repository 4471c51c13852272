import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Match, MatchDecisionBody, MatchList } from '../../api/integrations';
import { integrationKeys } from './keys';

export type MatchFilter = 'open' | 'all';

export function useMatches(integrationId: string, status: MatchFilter) {
  return useQuery({
    queryKey: [...integrationKeys.matches(integrationId), status],
    queryFn: ({ signal }) => api.get<MatchList>(`/integrations/${integrationId}/matches`, { status }, signal),
  });
}

/** Reads the PSA companies now and recomputes the proposals (before a first sync, or after PSA changes). */
export function usePrepareMatches(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MatchList>(`/integrations/${integrationId}/matches/prepare`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.matches(integrationId) }),
  });
}

export function useDecideMatch(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ matchId, body }: { matchId: string; body: MatchDecisionBody }) => api.patch<Match>(`/integrations/${integrationId}/matches/${matchId}`, body),
    onSuccess: async (match) => {
      // Show the decision in place at once; the refetch then updates the summary (and drops it from "open").
      for (const status of ['open', 'all']) {
        client.setQueryData([...integrationKeys.matches(integrationId), status], (list: MatchList | undefined) =>
          list ? { ...list, items: list.items.map((item) => (item.id === match.id ? match : item)) } : list,
        );
      }
      await client.invalidateQueries({ queryKey: integrationKeys.matches(integrationId) });
    },
  });
}

export function useAcceptExactMatches(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ accepted: number }>(`/integrations/${integrationId}/matches/accept-exact`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.matches(integrationId) }),
  });
}
