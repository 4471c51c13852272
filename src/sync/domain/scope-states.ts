/**
 * Sync scope states (one scope = one PSA type or status of a kind). `enabled` syncs; `excluded` was unchecked in
 * the settings (its records orphan as excluded_by_settings); `paused` keeps links but the sync skips the records;
 * `disconnected` means links were removed or records deleted, and the sync must neither touch nor re-create them.
 */
export const scopeStates = ['enabled', 'excluded', 'paused', 'disconnected'] as const;
export type ScopeState = (typeof scopeStates)[number];

export type ScopeEvent = 'include' | 'exclude' | 'pause' | 'resume' | 'disconnect' | 'reconnect';

export const scopeTransitions: Record<ScopeEvent, { from: readonly ScopeState[]; to: ScopeState }> = {
  include: { from: ['excluded', 'enabled'], to: 'enabled' },
  exclude: { from: ['enabled', 'excluded'], to: 'excluded' },
  pause: { from: ['enabled'], to: 'paused' },
  resume: { from: ['paused'], to: 'enabled' },
  disconnect: { from: ['enabled', 'paused', 'excluded'], to: 'disconnected' },
  // Reconnecting re-matches the scope's PSA records to existing local records before creating any (never duplicates).
  reconnect: { from: ['disconnected'], to: 'enabled' },
};

export function nextScopeState(from: ScopeState, event: ScopeEvent): ScopeState | undefined {
  const transition = scopeTransitions[event];
  return transition.from.includes(from) ? transition.to : undefined;
}

/** Does the sync create, update, heal or orphan records in a scope of this state? */
export const scopeSyncs = (state: ScopeState) => state === 'enabled';
/** Does the sync leave the scope's linked records exactly as they are? */
export const scopeFrozen = (state: ScopeState) => state === 'paused' || state === 'disconnected';
