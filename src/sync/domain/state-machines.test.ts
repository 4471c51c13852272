import { describe, expect, it } from 'vitest';
import { linkStates, linkTransitions, nextLinkState, type LinkEvent, type LinkState } from './link-states.js';
import { nextScopeState, scopeStates, scopeTransitions, type ScopeEvent, type ScopeState } from './scope-states.js';

/** Every (from, event) pair: the expected result written out, so a change to the table must change this test. */
const expectedLinks: Record<LinkEvent, Partial<Record<LinkState, LinkState>>> = {
  applied: { syncing: 'syncing', error: 'syncing' },
  orphaned: { syncing: 'orphaned', error: 'orphaned', orphaned: 'orphaned' },
  healed: { orphaned: 'syncing' },
  failed: { syncing: 'error', error: 'error' },
  disabled: { syncing: 'disabled', orphaned: 'disabled', error: 'disabled' },
  reconnected: { disabled: 'syncing' },
};

const expectedScopes: Record<ScopeEvent, Partial<Record<ScopeState, ScopeState>>> = {
  include: { excluded: 'enabled', enabled: 'enabled' },
  exclude: { enabled: 'excluded', excluded: 'excluded' },
  pause: { enabled: 'paused' },
  resume: { paused: 'enabled' },
  disconnect: { enabled: 'disconnected', paused: 'disconnected', excluded: 'disconnected' },
  reconnect: { disconnected: 'enabled' },
};

describe('link state machine', () => {
  const pairs = (Object.keys(linkTransitions) as LinkEvent[]).flatMap((event) => linkStates.map((from) => [from, event] as const));
  it.each(pairs)('%s --%s-->', (from, event) => {
    expect(nextLinkState(from, event)).toBe(expectedLinks[event][from]);
  });

  it('never lets the sync itself leave disabled: only a person reconnects', () => {
    const syncEvents: LinkEvent[] = ['applied', 'orphaned', 'healed', 'failed'];
    for (const event of syncEvents) expect(nextLinkState('disabled', event)).toBeUndefined();
  });
});

describe('scope state machine', () => {
  const pairs = (Object.keys(scopeTransitions) as ScopeEvent[]).flatMap((event) => scopeStates.map((from) => [from, event] as const));
  it.each(pairs)('%s --%s-->', (from, event) => {
    expect(nextScopeState(from, event)).toBe(expectedScopes[event][from]);
  });
});
