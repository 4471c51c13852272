import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { SyncRun, SyncRunDetail } from '../../api/integrations';
import type { Page } from '../../api/types';
import { isLive } from '../labels';
import { integrationKeys } from './keys';

const HISTORY_PAGE = 25;

/** Run history, newest first, with keyset "Load more". */
export function useRunHistory(integrationId: string) {
  const query = useInfiniteQuery({
    queryKey: integrationKeys.runList(integrationId),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<SyncRun>>(`/integrations/${integrationId}/runs`, { limit: HISTORY_PAGE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}

/** The newest run: the overview's "last run", and how a run started elsewhere (schedule, CLI) is noticed. */
export function useLatestRun(integrationId: string) {
  return useQuery({
    queryKey: integrationKeys.latestRun(integrationId),
    queryFn: async ({ signal }) => (await api.get<Page<SyncRun>>(`/integrations/${integrationId}/runs`, { limit: 1 }, signal)).items[0] ?? null,
    // A scheduled run may start at any time; look now and then, more often while one is going.
    refetchInterval: (query) => (query.state.data && isLive(query.state.data.status) ? 5_000 : 60_000),
  });
}

export function useRunDetail(integrationId: string, runId: string) {
  return useQuery({
    queryKey: integrationKeys.run(integrationId, runId),
    queryFn: ({ signal }) => api.get<SyncRunDetail>(`/integrations/${integrationId}/runs/${runId}`, undefined, signal),
  });
}

export function useStartRun(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (full: boolean) => api.post<SyncRun>(`/integrations/${integrationId}/runs`, { full }),
    onSuccess: async (run) => {
      client.setQueryData(integrationKeys.latestRun(integrationId), run);
      await client.invalidateQueries({ queryKey: integrationKeys.runList(integrationId) });
    },
  });
}

export type RunAction = 'cancel' | 'confirm' | 'discard';

/** Cancel a live run, or settle a held one; the answer is the run's new state. */
export function useRunAction(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, action }: { runId: string; action: RunAction }) => api.post<SyncRun>(`/integrations/${integrationId}/runs/${runId}/${action}`),
    onSuccess: async (run) => {
      client.setQueryData(integrationKeys.latestRun(integrationId), (latest: SyncRun | null | undefined) => (latest?.id === run.id ? run : latest));
      await client.invalidateQueries({ queryKey: integrationKeys.runs(integrationId) });
    },
  });
}
