import { recordKinds, type RecordKind } from '../psa/canonical.js';
import type { LinkState, OrphanReason } from '../sync/domain/link-states.js';
import { effectiveScope } from '../sync/domain/plan-record.js';
import type { ScopeState } from '../sync/domain/scope-states.js';

/*
 * The settings preview, pure: what saving a scope or contacts change does at the next run, from the stored links
 * (orphan, heal) and from the PSA records that enter the scope (create, link, ambiguous). Counted as a difference
 * between the settings now and the proposed ones, with the planner's own scope rule (effectiveScope).
 */

export interface PreviewCounts {
  create: number;
  link: number;
  orphan: number;
  heal: number;
  ambiguous: number;
  parentNotSynced: number;
}

export interface SettingsPreview {
  byKind: Record<RecordKind, PreviewCounts>;
  total: PreviewCounts;
}

export const emptyCounts = (): PreviewCounts => ({ create: 0, link: 0, orphan: 0, heal: 0, ambiguous: 0, parentNotSynced: 0 });

/** One side of the comparison: the scope states and the contacts switch, now or as proposed. */
export interface SettingsView {
  kindEnabled(kind: RecordKind): boolean;
  scopeState(kind: RecordKind, dimension: 'type' | 'status', externalId: string): ScopeState;
}

export const scopeIn = (view: SettingsView, kind: RecordKind, typeId: string | null, statusId: string | null): ScopeState =>
  effectiveScope(typeId, statusId, { kindEnabled: view.kindEnabled(kind), scopeState: (dimension, id) => view.scopeState(kind, dimension, id) });

/** A link as the preview sees it: its state and the PSA type and status it had at its last sync. */
export interface LinkFacts {
  state: LinkState;
  orphanReason: OrphanReason | null;
  typeId: string | null;
  statusId: string | null;
}

/** Links of one kind that share every fact the preview looks at, with their organization's link (children only). */
export interface LinkGroup extends LinkFacts {
  kind: RecordKind;
  parent: LinkFacts | null;
  count: number;
}

const live = (link: LinkFacts) => link.state === 'syncing' || link.state === 'error';

/** Orphaned as excluded_by_settings by the change: in sync now, its type or status (or contacts) switched off. */
export function leavesBySettings(kind: RecordKind, link: LinkFacts, before: SettingsView, after: SettingsView): boolean {
  return live(link) && scopeIn(after, kind, link.typeId, link.statusId) === 'excluded' && scopeIn(before, kind, link.typeId, link.statusId) !== 'excluded';
}

/** Whether an organization's children sync (the engine's loadParents: linked and not orphaned), now and after. */
export const parentSyncedBefore = (parent: LinkFacts | null) => parent !== null && parent.state !== 'orphaned';

export function parentSyncedAfter(parent: LinkFacts | null, before: SettingsView, after: SettingsView): boolean {
  if (parent === null) return false;
  if (parent.state === 'orphaned') return returnsToSync('organization', parent, null, before, after);
  return !leavesBySettings('organization', parent, before, after);
}

/**
 * An orphaned link the change brings back to syncing: orphaned by the settings (or because its organization was),
 * in an enabled scope with a synced organization after the change and not before.
 */
export function returnsToSync(kind: RecordKind, link: LinkFacts, parent: LinkFacts | null, before: SettingsView, after: SettingsView): boolean {
  if (link.state !== 'orphaned' || (link.orphanReason !== 'excluded_by_settings' && link.orphanReason !== 'parent_not_synced')) return false;
  const syncsIn = (view: SettingsView, parentSynced: boolean) => scopeIn(view, kind, link.typeId, link.statusId) === 'enabled' && (kind === 'organization' || parentSynced);
  return syncsIn(after, kind === 'organization' || parentSyncedAfter(parent, before, after)) && !syncsIn(before, parentSyncedBefore(parent));
}

/** What the change does to the stored links: orphan and heal per kind, plus children whose organization leaves. */
export function countLinkOutcomes(groups: readonly LinkGroup[], before: SettingsView, after: SettingsView): Record<RecordKind, PreviewCounts> {
  const byKind = Object.fromEntries(recordKinds.map((kind) => [kind, emptyCounts()])) as Record<RecordKind, PreviewCounts>;
  for (const group of groups) {
    const counts = byKind[group.kind];
    if (leavesBySettings(group.kind, group, before, after)) counts.orphan += group.count;
    else if (returnsToSync(group.kind, group, group.parent, before, after)) counts.heal += group.count;
    else if (
      group.kind !== 'organization' &&
      live(group) &&
      scopeIn(after, group.kind, group.typeId, group.statusId) === 'enabled' &&
      parentSyncedBefore(group.parent) &&
      !parentSyncedAfter(group.parent, before, after)
    ) {
      counts.parentNotSynced += group.count;
    }
  }
  return byKind;
}

/** A PSA record without a link enters the sync when it would sync after the change and would not before. */
export function entersScope(kind: RecordKind, typeId: string | null, statusId: string | null, parentBefore: boolean, parentAfter: boolean, before: SettingsView, after: SettingsView) {
  const syncsIn = (view: SettingsView, parentSynced: boolean) => scopeIn(view, kind, typeId, statusId) === 'enabled' && (kind === 'organization' || parentSynced);
  return syncsIn(after, parentAfter) && !syncsIn(before, parentBefore);
}

export function totalOf(byKind: Record<RecordKind, PreviewCounts>): PreviewCounts {
  const total = emptyCounts();
  for (const kind of recordKinds) for (const key of Object.keys(total) as (keyof PreviewCounts)[]) total[key] += byKind[kind][key];
  return total;
}
