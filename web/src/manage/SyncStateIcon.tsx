import type { LinkState, ManagedRecord } from '../api/manage';
import { AlertIcon, PlugIcon } from '../ui/icons';

/** The four sync icons of Manage Data, each with the words a tooltip and a screen reader need. */
export const syncStates: Record<LinkState, { label: string; help: string }> = {
  syncing: { label: 'Syncing', help: 'Linked to the PSA and kept in step by every sync.' },
  orphaned: { label: 'Orphaned', help: 'Deleted from the PSA, or no longer meets the sync settings. The record stays here.' },
  disabled: { label: 'Sync disabled', help: 'Someone stopped this record from syncing (PSA controls → Disable Sync).' },
  error: { label: 'Sync error', help: 'The last sync could not apply it. The details are at the bottom of the record page.' },
};

export const linkStateOrder: LinkState[] = ['syncing', 'orphaned', 'disabled', 'error'];

export function SyncStateIcon({ state, record }: { state: LinkState; record?: Pick<ManagedRecord, 'orphanReasonText' | 'lastError'> }) {
  const words = syncStates[state];
  const extra = state === 'orphaned' && record?.orphanReasonText ? ` Reason: ${record.orphanReasonText}.` : state === 'error' && record?.lastError ? ` ${record.lastError.message}` : '';
  const title = `${words.label}: ${words.help}${extra}`;
  return (
    <span className={`sync-icon sync-${state}`} title={title} role="img" aria-label={words.label}>
      {state === 'error' ? <AlertIcon /> : <PlugIcon />}
    </span>
  );
}

/** The legend under the Manage Data sections and above each list. */
export function SyncLegend() {
  return (
    <ul className="sync-legend" aria-label="Sync icons">
      {linkStateOrder.map((state) => (
        <li key={state} title={syncStates[state].help}>
          <SyncStateIcon state={state} />
          {syncStates[state].label}
        </li>
      ))}
    </ul>
  );
}
