import { useState } from 'react';
import type { SyncKind } from '../api/manage';
import { usePermissions } from '../auth/session';
import { providerLabels, syncKindNames } from '../integrations/labels';
import { safeHref } from '../records/kinds';
import { formatDateTime, formatRelative } from '../ui/format';
import { ExternalIcon, PlugIcon } from '../ui/icons';
import { errorMessage } from '../ui/States';
import { usePsaLink, useSetRecordSync, type RecordLink } from './hooks';
import { SyncStateIcon, syncStates } from './SyncStateIcon';

interface Props {
  kind: SyncKind;
  id: string | undefined;
  /** Not needed any more (the link is looked up by id); still accepted from the record pages. */
  name?: string | undefined;
  organizationId?: string | undefined;
}

/**
 * PSA controls at the bottom of a record's page: its link state, PSA id with a link into the PSA, last sync and the
 * sync error. Every role sees them (technicians open records in the PSA most); only administrators get Disable Sync /
 * Enable Sync. Nothing for a local record.
 */
export function PsaControls({ kind, id }: Props) {
  const link = usePsaLink(kind, id);
  if (!link.data || !id) return null;
  return <LinkPanel kind={kind} id={id} link={link.data} />;
}

function LinkPanel({ kind, id, link }: { kind: SyncKind; id: string; link: RecordLink }) {
  const { isAdmin } = usePermissions();
  const setSync = useSetRecordSync();
  const [message, setMessage] = useState<string | null>(null);
  const psaName = providerLabels[link.provider];
  const href = link.psaUrl ? safeHref(link.psaUrl) : undefined;
  const disabled = link.state === 'disabled';
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
        {isAdmin && (
          <button type="button" className={disabled ? 'btn btn-primary btn-sm' : 'btn btn-secondary btn-sm'} onClick={toggle} disabled={setSync.isPending}>
            {setSync.isPending ? 'Saving…' : disabled ? 'Enable Sync' : 'Disable Sync'}
          </button>
        )}
      </div>
      <dl className="psa-facts">
        <div>
          <dt>Sync</dt>
          <dd className="psa-state">
            <SyncStateIcon state={link.state} record={link} />
            {syncStates[link.state].label}
            {link.orphanReasonText && <span className="muted"> · {link.orphanReasonText}</span>}
          </dd>
        </div>
        <div>
          <dt>PSA {syncKindNames[kind].noun} id</dt>
          <dd>
            <div className="mono">{link.psaId}</div>
            {href && (
              <a className="external-link" href={href} target="_blank" rel="noopener noreferrer">
                Open in {psaName}
                <ExternalIcon width={12} height={12} />
              </a>
            )}
          </dd>
        </div>
        <div>
          <dt>PSA type · status</dt>
          <dd>{[link.psaTypeName, link.psaStatusName].filter(Boolean).join(' · ') || '—'}</dd>
        </div>
        <div>
          <dt>Last synced</dt>
          <dd>{link.lastSyncedAt ? <span title={formatDateTime(link.lastSyncedAt)}>{formatRelative(link.lastSyncedAt)}</span> : 'Never'}</dd>
        </div>
        {link.orphanedAt && (
          <div>
            <dt>Orphaned</dt>
            <dd title={formatDateTime(link.orphanedAt)}>{formatRelative(link.orphanedAt)}</dd>
          </div>
        )}
      </dl>
      {message && (
        <p className="psa-message" role="status">
          {message}
        </p>
      )}
      {link.state === 'error' && <SyncErrorDetails error={link.lastError} />}
    </section>
  );
}

function SyncErrorDetails({ error }: { error: RecordLink['lastError'] }) {
  return (
    <div className="sync-error-details" role="note" aria-label="Sync error details">
      <strong>Sync error</strong>
      <p>{error?.message || 'The last sync could not apply this record.'}</p>
      <p className="muted small">
        {error && <code>{error.code}</code>}
        {error?.at && ` · ${formatDateTime(error.at)}`}
        {error && ' · '}Fix the cause in the PSA, then retry from the error inbox or wait for the next sync.
      </p>
    </div>
  );
}
