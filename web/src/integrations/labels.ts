import type { OrphanReason, Provider, RunPhase, RunStatus, RunTrigger, SyncKind, TestErrorClass } from '../api/integrations';
import type { Kind } from '../api/types';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export const providerLabels: Record<Provider, string> = {
  connectwise: 'ConnectWise PSA',
  autotask: 'Autotask',
  halo: 'HaloPSA',
};

/** How a sync kind is named on screen, and where its records live in the SPA. */
export const syncKindNames: Record<SyncKind, { noun: string; plural: string; path: Kind }> = {
  organization: { noun: 'organization', plural: 'Organizations', path: 'organizations' },
  configuration: { noun: 'configuration', plural: 'Configurations', path: 'configurations' },
  contact: { noun: 'contact', plural: 'Contacts', path: 'contacts' },
};

/** "1 organization", "12 organizations". */
export const countOf = (n: number, kind: SyncKind) => `${n.toLocaleString()} ${n === 1 ? syncKindNames[kind].noun : syncKindNames[kind].plural.toLowerCase()}`;

export const runStatus: Record<RunStatus, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'info' },
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  partial: { label: 'Partial', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
  held: { label: 'Held', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** What each final status means, for the result panel and the run detail. */
export const runStatusHelp: Record<RunStatus, string> = {
  queued: 'Waiting for a worker to start it.',
  running: 'Reading the PSA and applying the changes.',
  succeeded: 'Everything in scope is in step with the PSA.',
  partial: 'Most records synced; some could not be applied and are listed in the error inbox.',
  failed: 'The PSA could not be read completely, so nothing was orphaned. The next run tries again.',
  held: 'The safety brake stopped this run from orphaning more records than allowed. Confirm or discard it.',
  cancelled: 'Stopped before the end; what it applied stays, the next run continues from there.',
};

export const isLive = (status: RunStatus) => status === 'queued' || status === 'running';

export const runTrigger: Record<RunTrigger, string> = {
  schedule: 'Schedule',
  manual: 'Sync now',
  cli: 'Command line',
  demo: 'Demo',
  retry: 'Retry',
};

export const phaseLabels: Record<RunPhase, string> = {
  waiting: 'Waiting',
  listing: 'Reading the PSA',
  reconciling: 'Checking for deletions',
  done: 'Done',
  skipped: 'Skipped',
};

export const orphanReasonLabels: Record<OrphanReason, string> = {
  deleted_in_psa: 'deleted in the PSA',
  inactive_in_psa: 'inactive in the PSA',
  excluded_by_settings: 'type or status no longer synced',
  parent_not_synced: 'organization not synced',
};

/** What to do about a failed connection test, by the class of failure the server reports. */
export const testErrorHelp: Record<TestErrorClass, { hint: string; field: 'baseUrl' | 'credentials' | null }> = {
  auth: { hint: 'The PSA refused these credentials. Check each value, or create a new API key in the PSA.', field: 'credentials' },
  permission: { hint: 'The credentials work but lack permissions. Give the API member access to companies, configurations and contacts.', field: 'credentials' },
  not_found: { hint: 'Nothing answered at this address. Check the URL (and the company id for ConnectWise).', field: 'baseUrl' },
  rate_limited: { hint: 'The PSA is limiting requests right now. Wait a minute and test again.', field: null },
  transient: { hint: 'The PSA could not be reached or timed out. Check the URL and try again in a moment.', field: 'baseUrl' },
  bad_response: { hint: 'Something answered, but not as the PSA API does. Check that the URL points at the API.', field: 'baseUrl' },
  config: { hint: 'The connection settings are incomplete. Check the URL and that every credential is filled in.', field: 'credentials' },
};

export function formatDuration(ms: number | null) {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export const formatPercent = (share: number) => `${Math.round(share * 1000) / 10}%`;
