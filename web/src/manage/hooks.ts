import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import type { Provider } from '../api/integrations';
import type {
  AuditEvent,
  AuditFilter,
  DeletionPreview,
  DeletionResult,
  DisconnectMode,
  JobAccepted,
  LinkState,
  ManageJob,
  ManagedRecord,
  ManageSummary,
  OrphanReason,
  RecordsFilter,
  ScopeDisconnectPreview,
  ScopeDisconnectResult,
  ScopeRef,
  SyncKind,
  TrashBatch,
  TrashBatchDetail,
} from '../api/manage';
import type { Page } from '../api/types';
import { followJob } from './follow-job';

export const manageKeys = {
  summary: ['manage', 'summary'] as const,
  records: (filter: RecordsFilter) => ['manage', 'records', filter] as const,
  record: (kind: SyncKind, id: string) => ['manage', 'record', kind, id] as const,
  trash: ['trash', 'list'] as const,
  batch: (id: string) => ['trash', 'one', id] as const,
  audit: (filter: AuditFilter) => ['audit', filter] as const,
};

/**
 * Every Manage Data write changes link states, counts, records, the trash and the audit log at once: refresh all
 * cached data (but not the session) rather than guess which lists a change touched.
 */
export const refreshAll = (client: QueryClient) => client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });

export function useManageSummary() {
  return useQuery({ queryKey: manageKeys.summary, queryFn: ({ signal }) => api.get<ManageSummary>('/manage/summary', undefined, signal) });
}

export function useManagedRecords(filter: RecordsFilter) {
  const query = useInfiniteQuery({
    queryKey: manageKeys.records(filter),
    queryFn: ({ pageParam, signal }) => api.get<Page<ManagedRecord>>('/manage/records', { ...filter, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}

/** Disable Sync / Enable Sync (reconnect) on one or many records. */
export function useSetRecordSync() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: SyncKind; ids: string[]; action: 'disable' | 'enable' }) => api.post<{ changed: number }>('/manage/records/sync', body),
    onSuccess: () => refreshAll(client),
  });
}

/** Reconnect every disconnected record of a kind, or of a kind and PSA type. */
export function useReconnectType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: SyncKind; typeExternalId: string | null }) => api.post<{ changed: number }>('/manage/reconnect', body),
    onSuccess: () => refreshAll(client),
  });
}

export function useScopeDisconnectPreview(scopeId: string) {
  return useMutation({ mutationFn: (mode: DisconnectMode) => api.post<ScopeDisconnectPreview>(`/manage/scopes/${scopeId}/disconnect-preview`, { mode }) });
}

/** Disconnect a scope as previewed; a large one runs as a job, whose progress `job` shows while it runs. */
export function useScopeDisconnect(scopeId: string) {
  const client = useQueryClient();
  const [job, setJob] = useState<ManageJob | null>(null);
  const mutation = useMutation({
    mutationFn: async (body: { mode: DisconnectMode; confirmationToken: string; reason?: string }) =>
      followJob(await api.post<ScopeDisconnectResult | JobAccepted>(`/manage/scopes/${scopeId}/disconnect`, body), setJob),
    onSuccess: () => refreshAll(client),
  });
  return { ...mutation, job };
}

/** Resume a paused scope, or reconnect a disconnected one (the next run re-matches, never duplicates). */
export function useScopeResume() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ scopeId, action }: { scopeId: string; action: 'resume' | 'reconnect' }) => api.post<{ scope: ScopeRef }>(`/manage/scopes/${scopeId}/${action}`),
    onSuccess: () => refreshAll(client),
  });
}

export type OrphanTarget = { kind: SyncKind; typeExternalId: string | null };

/** Delete All orphaned records of a kind (and type): preview, then execute with its token. */
export function useOrphanDelete() {
  const client = useQueryClient();
  const preview = useMutation({ mutationFn: (target: OrphanTarget) => api.post<DeletionPreview>('/manage/orphans/delete-preview', target) });
  const [job, setJob] = useState<ManageJob | null>(null);
  const execute = useMutation({
    mutationFn: async (body: OrphanTarget & { confirmationToken: string; reason?: string }) =>
      followJob(await api.post<DeletionResult | JobAccepted>('/manage/orphans/delete', body), setJob),
    onSuccess: () => refreshAll(client),
  });
  return { preview, execute, job };
}

/** Delete selected records (with their children): preview, then execute with its token. */
export function useRecordsDelete() {
  const client = useQueryClient();
  const preview = useMutation({ mutationFn: (body: { kind: SyncKind; ids: string[] }) => api.post<DeletionPreview>('/manage/records/delete-preview', body) });
  const execute = useMutation({
    mutationFn: (body: { kind: SyncKind; ids: string[]; confirmationToken: string; reason?: string }) => api.post<DeletionResult>('/manage/records/delete', body),
    onSuccess: () => refreshAll(client),
  });
  return { preview, execute };
}

export function useTrash() {
  const query = useInfiniteQuery({
    queryKey: manageKeys.trash,
    queryFn: ({ pageParam, signal }) => api.get<Page<TrashBatch>>('/trash', { limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}

export function useTrashBatch(id: string) {
  return useQuery({ queryKey: manageKeys.batch(id), queryFn: ({ signal }) => api.get<TrashBatchDetail>(`/trash/${id}`, undefined, signal) });
}

export function useTrashSettings() {
  return useQuery({ queryKey: ['trash', 'settings'], queryFn: ({ signal }) => api.get<{ retentionDays: number }>('/trash/settings', undefined, signal) });
}

/** Restore a batch; a large one runs as a job, whose progress `job` shows while it runs. */
export function useRestoreBatch() {
  const client = useQueryClient();
  const [job, setJob] = useState<ManageJob | null>(null);
  const mutation = useMutation({
    mutationFn: async (id: string) => followJob(await api.post<DeletionResult | JobAccepted>(`/trash/${id}/restore`), setJob),
    onSuccess: () => refreshAll(client),
  });
  return { ...mutation, job };
}

export function usePurgeBatch() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.post<DeletionResult>(`/trash/${id}/purge`, { confirm: 'PURGE' }), onSuccess: () => refreshAll(client) });
}

export function useAuditLog(filter: AuditFilter) {
  const query = useInfiniteQuery({
    queryKey: manageKeys.audit(filter),
    queryFn: ({ pageParam, signal }) => api.get<Page<AuditEvent>>('/audit', { ...filter, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}

/** Change how long deleted batches stay restorable; the change is audited, so the audit log refreshes too. */
export function useUpdateTrashSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: { retentionDays: number }) => api.put<{ retentionDays: number }>('/trash/settings', settings),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['trash', 'settings'] }), client.invalidateQueries({ queryKey: ['audit'] })]),
  });
}

/** One record's PSA link as GET /manage/records/{kind}/{recordId}/link answers it (src/manage/record-link.schemas.ts). */
export interface RecordLink {
  id: string;
  state: LinkState;
  orphanReason: OrphanReason | null;
  orphanReasonText: string | null;
  orphanedAt: string | null;
  psaId: string;
  psaTypeName: string | null;
  psaStatusName: string | null;
  lastSyncedAt: string | null;
  lastError: { code: string; message: string; at: string | null } | null;
  provider: Provider;
  /** Opens the record in the PSA's own web UI; null when the integration's URL does not tell where. */
  psaUrl: string | null;
}

/** The exact link of one record, by id; null for a local record. Any role may read it. */
export function usePsaLink(kind: SyncKind, id: string | undefined) {
  return useQuery({
    queryKey: manageKeys.record(kind, id ?? ''),
    enabled: Boolean(id),
    queryFn: async ({ signal }) => (await api.get<{ link: RecordLink | null }>(`/manage/records/${kind}/${id}/link`, undefined, signal)).link,
  });
}
