import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ConnectionInput, ConnectionTest, Credentials, Integration, RemovalPreview, SyncSettingsPatch } from '../../api/integrations';
import { integrationKeys } from './keys';

/** The account's integration: the API allows at most one, so the list is the one place to read it from. */
export function useIntegrations() {
  return useQuery({
    queryKey: integrationKeys.list,
    queryFn: ({ signal }) => api.get<{ items: Integration[] }>('/integrations', undefined, signal),
  });
}

/** Every call that answers with the integration refreshes the one cached copy, so all tabs agree at once. */
export function rememberIntegration(client: QueryClient, integration: Integration) {
  client.setQueryData(integrationKeys.list, { items: [integration] });
}

export function useTestNewConnection() {
  return useMutation({ mutationFn: (input: ConnectionInput) => api.post<ConnectionTest>('/integrations/test', input) });
}

export function useTestSavedConnection(id: string) {
  return useMutation({ mutationFn: () => api.post<ConnectionTest>(`/integrations/${id}/test`) });
}

export function useConnectIntegration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectionInput & { name?: string }) => api.post<Integration>('/integrations', input),
    onSuccess: (integration) => rememberIntegration(client, integration),
  });
}

export interface IntegrationUpdate {
  name?: string;
  baseUrl?: string;
  /** Replaces every stored credential. */
  credentials?: Credentials;
  settings?: SyncSettingsPatch;
}

export function useUpdateIntegration(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IntegrationUpdate) => api.patch<Integration>(`/integrations/${id}`, body),
    onSuccess: (integration) => rememberIntegration(client, integration),
  });
}

export function usePauseIntegration(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'pause' | 'resume') => api.post<Integration>(`/integrations/${id}/${action}`),
    onSuccess: (integration) => rememberIntegration(client, integration),
  });
}

/** A GET, but asked for on click: its token binds the removal to what the admin saw at that moment. */
export function useRemovalPreview(id: string) {
  return useMutation({ mutationFn: () => api.get<RemovalPreview>(`/integrations/${id}/removal-preview`) });
}

export function useRemoveIntegration(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (confirmationToken: string) => api.delete<unknown>(`/integrations/${id}`, { confirmationToken }),
    onSuccess: async () => {
      client.setQueryData(integrationKeys.list, { items: [] });
      client.removeQueries({ queryKey: integrationKeys.one(id) });
      // Links are gone from every record, so cached record pages are out of date.
      await invalidateSyncedData(client);
    },
  });
}

/** After a sync or a removal: everything that shows synced data, but not the session. */
export function invalidateSyncedData(client: QueryClient) {
  return client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
}
