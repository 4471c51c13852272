import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { SyncErrorItem, SyncErrorRetry } from '../../api/integrations';
import type { Page } from '../../api/types';
import { integrationKeys } from './keys';

/** The account-wide error inbox, newest first. */
export function useSyncErrors() {
  const query = useInfiniteQuery({
    queryKey: integrationKeys.syncErrors,
    queryFn: ({ pageParam, signal }) => api.get<Page<SyncErrorItem>>('/sync-errors', { limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}

/** Refetches one PSA record now; a retry is a small run, so the run history changes too. */
export function useRetrySyncError() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (item: SyncErrorItem) => api.post<SyncErrorRetry>(`/sync-errors/${item.id}/retry`),
    onSuccess: async (_result, item) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: integrationKeys.syncErrors }),
        client.invalidateQueries({ queryKey: integrationKeys.runs(item.integrationId) }),
      ]);
    },
  });
}
