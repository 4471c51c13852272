import { useState } from 'react';
import { syncKinds, type Integration, type ScopeStateChange, type SyncScope, type SyncSettingsPatch } from '../../api/integrations';

export type Choice = 'enabled' | 'excluded';

/** Only these two states are chosen here; paused and disconnected scopes are changed under Manage Data. */
export const isChoosable = (scope: SyncScope) => scope.state === 'enabled' || scope.state === 'excluded';

interface SettingsText {
  scheduleMinutes: string;
  maxSharePercent: string;
  minCount: string;
  contactsEnabled: boolean;
}

const fromSettings = (integration: Integration): SettingsText => ({
  scheduleMinutes: String(integration.settings.scheduleMinutes),
  maxSharePercent: String(Math.round(integration.settings.brake.maxShare * 1000) / 10),
  minCount: String(integration.settings.brake.minCount),
  contactsEnabled: integration.settings.contactsEnabled,
});

export type SettingsErrors = Partial<Record<'scheduleMinutes' | 'maxSharePercent' | 'minCount', string>>;

/**
 * The unsaved settings. Scope edits are kept as overrides by id, so that reading new types from the PSA (which
 * replaces the integration) keeps what the admin already ticked.
 */
export function useSettingsDraft(integration: Integration) {
  const [overrides, setOverrides] = useState<Record<string, Choice>>({});
  const [text, setText] = useState<SettingsText>(() => fromSettings(integration));
  const [errors, setErrors] = useState<SettingsErrors>({});

  const allScopes = syncKinds.flatMap((kind) => [...integration.scopes[kind].type, ...integration.scopes[kind].status]);
  const stateOf = (scope: SyncScope) => (isChoosable(scope) ? (overrides[scope.id] ?? scope.state) : scope.state);

  const scopeChanges: ScopeStateChange[] = allScopes
    .filter((scope) => isChoosable(scope) && overrides[scope.id] !== undefined && overrides[scope.id] !== scope.state)
    .map((scope) => ({ id: scope.id, state: overrides[scope.id]! }));

  return {
    text,
    errors,
    stateOf,
    scopeChanges,
    contactsChanged: text.contactsEnabled !== integration.settings.contactsEnabled,
    setChoice: (scopes: SyncScope[], choice: Choice) =>
      setOverrides((current) => ({ ...current, ...Object.fromEntries(scopes.filter(isChoosable).map((s) => [s.id, choice])) })),
    setText: (patch: Partial<SettingsText>) => {
      setText((current) => ({ ...current, ...patch }));
      setErrors({});
    },
    /** The settings patch, null when unchanged, or undefined (with errors shown) when a value is not valid. */
    settingsPatch(): SyncSettingsPatch | null | undefined {
      const found: SettingsErrors = {};
      const schedule = wholeNumber(text.scheduleMinutes);
      if (schedule === null || schedule < 5 || schedule > 1440) found.scheduleMinutes = 'Enter whole minutes from 5 to 1440 (one day).';
      const percent = Number(text.maxSharePercent.replace(',', '.'));
      if (!text.maxSharePercent.trim() || !Number.isFinite(percent) || percent < 0 || percent > 100) found.maxSharePercent = 'Enter a share from 0 to 100 %.';
      const minCount = wholeNumber(text.minCount);
      if (minCount === null || minCount < 0 || minCount > 1_000_000) found.minCount = 'Enter a whole number of records, 0 or more.';
      setErrors(found);
      if (Object.keys(found).length > 0) return undefined;
      const current = integration.settings;
      const patch: SyncSettingsPatch = {};
      if (schedule !== current.scheduleMinutes) patch.scheduleMinutes = schedule!;
      if (text.contactsEnabled !== current.contactsEnabled) patch.contactsEnabled = text.contactsEnabled;
      const maxShare = Math.round(percent * 10) / 1000;
      if (maxShare !== current.brake.maxShare || minCount !== current.brake.minCount) patch.brake = { maxShare, minCount: minCount! };
      return Object.keys(patch).length > 0 ? patch : null;
    },
    /** After saving: the integration now holds what was saved. */
    reset: (saved: Integration) => {
      setOverrides({});
      setText(fromSettings(saved));
      setErrors({});
    },
  };
}

export type SettingsDraft = ReturnType<typeof useSettingsDraft>;

function wholeNumber(value: string) {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}
