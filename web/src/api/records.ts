import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Kind, Page, RecordOf } from './types';

export const PAGE_SIZE = 50;

export type ListParams = Record<string, string | undefined>;

/** One kind's list with keyset paging: each "Load more" passes the previous page's nextCursor back. */
export function useRecordList<K extends Kind>(kind: K, params: ListParams, options: { enabled?: boolean } = {}) {
  const query = useInfiniteQuery({
    queryKey: [kind, 'list', params],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<RecordOf[K]>>(`/${kind}`, { ...params, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep showing the previous results while a new search loads, so the table does not flash empty.
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, items };
}

export function useRecord<K extends Kind>(kind: K, id: string | undefined) {
  return useQuery({
    queryKey: [kind, 'one', id],
    queryFn: ({ signal }) => api.get<RecordOf[K]>(`/${kind}/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Creates (no id) or updates (id) a record; every cached list and view of the kind is refreshed afterwards. */
export function useSaveRecord<K extends Kind>(kind: K, id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id ? api.patch<RecordOf[K]>(`/${kind}/${id}`, body) : api.post<RecordOf[K]>(`/${kind}`, body),
    onSuccess: async (saved) => {
      client.setQueryData([kind, 'one', saved.id], saved);
      await client.invalidateQueries({ queryKey: [kind, 'list'] });
    },
  });
}

export function useDeleteRecord(kind: Kind, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/${kind}/${id}`),
    onSuccess: async () => {
      client.removeQueries({ queryKey: [kind, 'one', id] });
      // Deleting an organization cascades to its children on the server, so refresh everything.
      await client.invalidateQueries({ queryKey: kind === 'organizations' ? [] : [kind, 'list'] });
    },
  });
}
