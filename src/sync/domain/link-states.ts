/**
 * The link state machine as data (DESIGN.md "Link states"). Every change of a link's state names its event; the
 * table says from which states the event may fire and where it leads. Repositories enforce the same table in SQL
 * (`UPDATE … WHERE state = ANY(allowedFrom(event))`), so a concurrent change cannot slip an illegal transition in.
 */
export const linkStates = ['syncing', 'orphaned', 'disabled', 'error'] as const;
export type LinkState = (typeof linkStates)[number];

export const orphanReasons = ['deleted_in_psa', 'inactive_in_psa', 'excluded_by_settings', 'parent_not_synced'] as const;
export type OrphanReason = (typeof orphanReasons)[number];

export type LinkEvent =
  /** The sync applied PSA data to the record (also how an error clears). */
  | 'applied'
  /** The record left the scope, was deleted or went inactive in the PSA, or lost its parent. */
  | 'orphaned'
  /** A record back in scope: the sync takes it over again. */
  | 'healed'
  /** Applying PSA data failed; the last good data stays. */
  | 'failed'
  /** A person turned sync off for this record ("Disable Sync"). */
  | 'disabled'
  /** A person turned it back on ("Reconnect"); the next run refreshes it. */
  | 'reconnected';

export const linkTransitions: Record<LinkEvent, { from: readonly LinkState[]; to: LinkState }> = {
  applied: { from: ['syncing', 'error'], to: 'syncing' },
  orphaned: { from: ['syncing', 'error', 'orphaned'], to: 'orphaned' },
  healed: { from: ['orphaned'], to: 'syncing' },
  failed: { from: ['syncing', 'error'], to: 'error' },
  disabled: { from: ['syncing', 'orphaned', 'error'], to: 'disabled' },
  reconnected: { from: ['disabled'], to: 'syncing' },
};

export function nextLinkState(from: LinkState, event: LinkEvent): LinkState | undefined {
  const transition = linkTransitions[event];
  return transition.from.includes(from) ? transition.to : undefined;
}

/** What the Manage Data screen and the run summary say for a reason. */
export const orphanReasonText: Record<OrphanReason, string> = {
  deleted_in_psa: 'Deleted in the PSA',
  inactive_in_psa: 'Inactive in the PSA',
  excluded_by_settings: 'Its type or status is no longer synced',
  parent_not_synced: 'Its organization is not synced',
};
