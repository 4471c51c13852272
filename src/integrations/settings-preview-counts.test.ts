import { describe, expect, it } from 'vitest';
import type { RecordKind } from '../psa/canonical.js';
import type { ScopeState } from '../sync/domain/scope-states.js';
import { countLinkOutcomes, entersScope, leavesBySettings, returnsToSync, totalOf, type LinkFacts, type LinkGroup, type SettingsView } from './settings-preview-counts.js';

/** Scope states by "kind:dimension:id"; unknown ones are enabled here to keep the cases short. */
const view = (states: Record<string, ScopeState> = {}, contacts = true): SettingsView => ({
  kindEnabled: (kind) => kind !== 'contact' || contacts,
  scopeState: (kind, dimension, id) => states[`${kind}:${dimension}:${id}`] ?? 'enabled',
});
const facts = (state: LinkFacts['state'], orphanReason: LinkFacts['orphanReason'] = null, typeId: string | null = '1', statusId: string | null = '1'): LinkFacts => ({ state, orphanReason, typeId, statusId });
const group = (kind: RecordKind, link: LinkFacts, parent: LinkFacts | null = null, count = 1): LinkGroup => ({ kind, ...link, parent, count });

const now = view();
const typeOff = view({ 'configuration:type:1': 'excluded' });
const orgOff = view({ 'organization:type:1': 'excluded' });

describe('settings preview counts', () => {
  it('orphans synced and failing links whose scope is switched off, nothing else', () => {
    expect(leavesBySettings('configuration', facts('syncing'), now, typeOff)).toBe(true);
    expect(leavesBySettings('configuration', facts('error'), now, typeOff)).toBe(true);
    expect(leavesBySettings('configuration', facts('disabled'), now, typeOff)).toBe(false);
    expect(leavesBySettings('configuration', facts('orphaned', 'deleted_in_psa'), now, typeOff)).toBe(false);
    expect(leavesBySettings('configuration', facts('syncing', null, '2'), now, typeOff)).toBe(false);
    // A paused status wins over the excluded type: the sync leaves the record alone.
    const paused = view({ 'configuration:status:1': 'paused' });
    expect(leavesBySettings('configuration', facts('syncing'), paused, view({ 'configuration:status:1': 'paused', 'configuration:type:1': 'excluded' }))).toBe(false);
    expect(leavesBySettings('contact', facts('syncing', null, '5', null), now, view({}, false))).toBe(true);
    // Already excluded before: not this change's doing.
    expect(leavesBySettings('configuration', facts('syncing'), typeOff, typeOff)).toBe(false);
  });

  it('heals links orphaned by the settings or by their organization, once both sync again', () => {
    expect(returnsToSync('configuration', facts('orphaned', 'excluded_by_settings'), facts('syncing'), typeOff, now)).toBe(true);
    expect(returnsToSync('configuration', facts('orphaned', 'inactive_in_psa'), facts('syncing'), typeOff, now)).toBe(false);
    expect(returnsToSync('configuration', facts('orphaned', 'excluded_by_settings'), facts('orphaned', 'deleted_in_psa'), typeOff, now)).toBe(false);
    expect(returnsToSync('configuration', facts('orphaned', 'parent_not_synced'), facts('orphaned', 'excluded_by_settings'), orgOff, now)).toBe(true);
    expect(returnsToSync('contact', facts('orphaned', 'excluded_by_settings', '5', null), facts('syncing'), view({}, false), now)).toBe(true);
    expect(returnsToSync('organization', facts('orphaned', 'excluded_by_settings'), null, orgOff, now)).toBe(true);
  });

  it('counts children whose organization leaves as parent_not_synced, unless their own scope excludes them first', () => {
    const groups = [
      group('organization', facts('syncing'), null, 1),
      group('configuration', facts('syncing'), facts('syncing'), 4),
      group('configuration', facts('syncing', null, '9'), facts('syncing', null, '2'), 3),
      group('contact', facts('error', null, '5', null), facts('syncing'), 2),
      group('contact', facts('disabled', null, '5', null), facts('syncing'), 7),
    ];
    const byKind = countLinkOutcomes(groups, now, orgOff);
    expect(byKind.organization).toMatchObject({ orphan: 1, parentNotSynced: 0 });
    expect(byKind.configuration).toMatchObject({ orphan: 0, parentNotSynced: 4 });
    expect(byKind.contact).toMatchObject({ parentNotSynced: 2 });
    const both = countLinkOutcomes(groups, now, view({ 'organization:type:1': 'excluded', 'configuration:type:1': 'excluded' }));
    expect(both.configuration).toMatchObject({ orphan: 4, parentNotSynced: 0 });
    expect(totalOf(both)).toMatchObject({ orphan: 5, parentNotSynced: 2 });
  });

  it('lets unlinked records enter when their scope or their organization starts syncing', () => {
    expect(entersScope('configuration', '1', '1', true, true, typeOff, now)).toBe(true);
    expect(entersScope('configuration', '1', '1', true, true, now, now)).toBe(false);
    expect(entersScope('configuration', '1', '1', false, true, now, now)).toBe(true);
    expect(entersScope('configuration', '1', '1', false, false, typeOff, now)).toBe(false);
    expect(entersScope('organization', '1', '1', false, false, orgOff, now)).toBe(true);
  });
});
