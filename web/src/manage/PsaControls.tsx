import { useState } from 'react';
import type { SyncKind } from '../api/manage';
import { usePermissions } from '../auth/session';
import { syncKindNames } from '../integrations/labels';
import { formatDateTime, formatRelative } from '../ui/format';
import { PlugIcon } from '../ui/icons';
import { errorMessage } from '../ui/States';
import { useRecordLink, useSetRecordSync } from './hooks';
import { SyncStateIcon, syncStates } from './SyncStateIcon';

interface Props {
  kind: SyncKind;
  id: string | undefined;
  name: string | undefined;
  organizationId?: string | undefined;
}

/**
 * PSA controls at the bottom of a record's page: its link state, PSA id, last sync, Disable Sync / Enable Sync and
 * the last sync error. Administrators only; nothing for a record that has no PSA link.
 */
export function PsaControls(props: Props) {
  const { isAdmin } = usePermissions();
  if (!isAdmin) return null;
  return <AdminPsaControls {...props} />;
}

function AdminPsaControls({ kind, id, name, organizationId }: Props) {
  const link = useRecordLink(kind, id, name, organizationId);
  const setSync = useSetRecordSync();
  const [message, setMessage] = useState<string | null>(null);
  if (!link.data || !id) return null;
  const record = link.data;
  const disabled = record.state === 'disabled';
  const toggle = () =>
    setSync.mutate(
      { kind, ids: [id], action: disabled ? 'enable' : 'disable' },
      {
        onSuccess: () => setMessage(disabled ? 'Sync enabled: the next sync refreshes this record from the PSA.' : 'Sync disabled: the PSA no longer changes this record.'),
        onError: (error) => setMessage(errorMessage(error)),
      },
    );
  return (
    <section className="card psa-controls" aria-label="PSA controls">
      <div className="card-header">
        <h2 className="card-title">
          <PlugIcon /> PSA controls
        </h2>
        <button type="button" className={disabled ? 'btn btn-primary btn-sm' : 'btn btn-secondary btn-sm'} onClick={toggle} disabled={setSync.isPending}>
          {setSync.isPending ? 'Saving…' : disabled ? 'Enable Sync' : 'Disable Sync'}
        </button>
      </div>
      <dl className="psa-facts">
        <div>
          <dt>Sync</dt>
          <dd className="psa-state">
            <SyncStateIcon state={record.state} record={record} />
            {syncStates[record.state].label}
            {record.orphanReasonText && <span className="muted"> · {record.orphanReasonText}</span>}
          </dd>
        </div>
        <div>
          <dt>PSA {syncKindNames[kind].noun} id</dt>
          <dd className="mono">{record.externalId}</dd>
        </div>
        <div>
          <dt>PSA type · status</dt>
          <dd>{[record.psaType, record.psaStatus].filter(Boolean).join(' · ') || '—'}</dd>
        </div>
        <div>
          <dt>Last synced</dt>
          <dd>{record.lastSyncedAt ? <span title={formatDateTime(record.lastSyncedAt)}>{formatRelative(record.lastSyncedAt)}</span> : 'Never'}</dd>
        </div>
        {record.orphanedAt && (
          <div>
            <dt>Orphaned</dt>
            <dd title={formatDateTime(record.orphanedAt)}>{formatRelative(record.orphanedAt)}</dd>
          </div>
        )}
      </dl>
      {message && (
        <p className="psa-message" role="status">
          {message}
        </p>
      )}
      {record.lastError && (
        <div className="sync-error-details" role="note" aria-label="Sync error details">
          <strong>Sync error</strong>
          <p>{record.lastError.message}</p>
          <p className="muted small">
            <code>{record.lastError.code}</code>
            {record.lastError.at && ` · ${formatDateTime(record.lastError.at)}`} · Fix the cause in the PSA, then retry from the error inbox or wait for the next sync.
          </p>
        </div>
      )}
    </section>
  );
}
