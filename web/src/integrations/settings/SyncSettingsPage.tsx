import { useState } from 'react';
import { syncKinds, type ScopeStateChange, type SyncSettingsPatch } from '../../api/integrations';
import { useDocumentTitle } from '../../ui/hooks';
import { errorMessage } from '../../ui/States';
import { useApplySettings, useRefreshScopes, useSettingsPreview } from '../hooks/use-sync-settings';
import { useIntegrationContext } from '../integration-context';
import { describeChanges, describeRefresh } from './describe-changes';
import { ScheduleCard } from './ScheduleCard';
import { ScopeKindCard } from './ScopeKindCard';
import { SettingsPreviewDialog } from './SettingsPreviewDialog';
import { useSettingsDraft } from './use-settings-draft';

type Pending = { scopes: ScopeStateChange[]; settings: SyncSettingsPatch | null; changes: string[] };
type Notice = { tone: 'info' | 'success' | 'error'; text: string };

/**
 * What syncs (PSA types and statuses per kind, contacts at all), how often, and the safety brake. Changes that move
 * records are previewed first; saving then takes the two calls the API has (scopes, settings).
 */
export function SyncSettingsPage() {
  const { integration } = useIntegrationContext();
  useDocumentTitle(`Sync settings · ${integration.name}`);
  const draft = useSettingsDraft(integration);
  const refresh = useRefreshScopes(integration);
  const preview = useSettingsPreview(integration.id);
  const apply = useApplySettings(integration);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const save = (pendingSave: Pending) =>
    apply.mutate(pendingSave, {
      onSuccess: (saved) => {
        draft.reset(saved);
        setPending(null);
        preview.reset();
        setNotice({ tone: 'success', text: 'Saved. The next sync applies the new settings.' });
      },
      onError: (error) => !pending && setNotice({ tone: 'error', text: errorMessage(error) }),
    });

  const onSave = () => {
    setNotice(null);
    const settings = draft.settingsPatch();
    if (settings === undefined) return setNotice({ tone: 'error', text: 'Some values are not valid. Check the fields marked in red.' });
    const scopes = draft.scopeChanges;
    if (scopes.length === 0 && !settings) return setNotice({ tone: 'info', text: 'Nothing to save: these are the saved settings.' });
    const next = { scopes, settings, changes: describeChanges(integration, scopes, settings) };
    // Only scopes and the contacts switch move records; schedule and brake changes save straight away.
    if (scopes.length === 0 && settings?.contactsEnabled === undefined) return save(next);
    setPending(next);
    preview.mutate(
      { scopes, ...(settings?.contactsEnabled !== undefined ? { contactsEnabled: settings.contactsEnabled } : {}) },
      { onError: (error) => (setPending(null), setNotice({ tone: 'error', text: `The preview failed: ${errorMessage(error)}` })) },
    );
  };

  const onRefresh = () => {
    setNotice(null);
    refresh.mutate(undefined, {
      onSuccess: (result) => setNotice({ tone: result.added.length > 0 ? 'success' : 'info', text: describeRefresh(result.added, result.renamed) }),
      onError: (error) => setNotice({ tone: 'error', text: errorMessage(error) }),
    });
  };

  const dirty = draft.scopeChanges.length > 0 || draft.contactsChanged;
  return (
    <div className="settings-page">
      <div className="toolbar settings-toolbar">
        <p className="muted">Choose which PSA types and statuses sync. Paused and disconnected ones are changed under Manage Data.</p>
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-secondary" onClick={onRefresh} disabled={refresh.isPending}>
          {refresh.isPending ? 'Reading the PSA…' : 'Refresh from PSA'}
        </button>
      </div>
      <div className="settings-notice-slot" role="status" aria-live="polite">
        {notice && <p className={`notice notice-${notice.tone}`}>{notice.text}</p>}
      </div>
      <div className="scope-cards">
        {syncKinds.map((kind) => (
          <ScopeKindCard key={kind} kind={kind} integration={integration} draft={draft} />
        ))}
        <ScheduleCard draft={draft} />
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={onSave} disabled={preview.isPending || apply.isPending}>
          {preview.isPending ? 'Checking…' : apply.isPending && !pending ? 'Saving…' : 'Save'}
        </button>
        <span className="muted form-actions-hint">
          {dirty ? `${unsaved(draft.scopeChanges.length + (draft.contactsChanged ? 1 : 0))} to what syncs. Save previews their effect first.` : 'Changes to what syncs are previewed before they are saved.'}
        </span>
      </div>
      <SettingsPreviewDialog
        preview={pending ? preview.data : undefined}
        changes={pending?.changes ?? []}
        contactsOff={pending?.settings?.contactsEnabled === false}
        busy={apply.isPending}
        error={apply.isError ? errorMessage(apply.error) : undefined}
        onApply={() => pending && save(pending)}
        onCancel={() => {
          setPending(null);
          preview.reset();
          apply.reset();
        }}
      />
    </div>
  );
}

const unsaved = (n: number) => (n === 1 ? '1 unsaved change' : `${n} unsaved changes`);
