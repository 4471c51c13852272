import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Integration, ScopeRefresh, ScopeStateChange, ScopeUpdate, SettingsPreview, SyncSettingsPatch } from '../../api/integrations';
import { integrationKeys } from './keys';
import { rememberIntegration } from './use-integration';

/** Reads the PSA's types and statuses again; new ones arrive excluded, so nothing new syncs by surprise. */
export function useRefreshScopes(integration: Integration) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ScopeRefresh>(`/integrations/${integration.id}/scopes/refresh`),
    onSuccess: (result) => rememberIntegration(client, { ...integration, scopes: result.scopes }),
  });
}

export interface SettingsChange {
  scopes: ScopeStateChange[];
  contactsEnabled?: boolean;
}

/** What the changed scopes and contacts switch would do to records, before anything is saved. */
export function useSettingsPreview(integrationId: string) {
  return useMutation({
    mutationFn: (change: SettingsChange) =>
      api.post<SettingsPreview>(`/integrations/${integrationId}/settings-preview`, {
        ...(change.scopes.length > 0 ? { scopes: change.scopes } : {}),
        ...(change.contactsEnabled !== undefined ? { contactsEnabled: change.contactsEnabled } : {}),
      }),
  });
}

/** Saves in the two calls the API has: the scope states, then the settings; the cached integration follows both. */
export function useApplySettings(integration: Integration) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ scopes, settings }: { scopes: ScopeStateChange[]; settings: SyncSettingsPatch | null }) => {
      let current = integration;
      if (scopes.length > 0) {
        const update = await api.put<ScopeUpdate>(`/integrations/${integration.id}/scopes`, { scopes });
        current = { ...current, scopes: update.scopes };
        rememberIntegration(client, current);
      }
      if (settings) {
        current = await api.patch<Integration>(`/integrations/${integration.id}`, { settings });
        rememberIntegration(client, current);
      }
      return current;
    },
    // Match proposals depend on what is in scope.
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.matches(integration.id) }),
  });
}
