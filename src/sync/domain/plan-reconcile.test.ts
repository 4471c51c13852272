import { describe, expect, it } from 'vitest';
import type { ReconcileEntry, RecordKind } from '../../psa/canonical.js';
import type { LinkState, OrphanReason } from './link-states.js';
import { planReconcileEntry, type ReconciledLink } from './plan-reconcile.js';
import type { PlanContext } from './plan-types.js';
import type { ScopeState } from './scope-states.js';

const entry = (over: Partial<ReconcileEntry> = {}): ReconcileEntry => ({
  externalId: '500',
  typeId: '3',
  statusId: '1',
  parentExternalId: '10',
  active: true,
  deleted: false,
  ...over,
});

/** A link in step with `entry()`: same type, status and parent as the PSA reports. */
const link = (state: LinkState, over: Partial<ReconciledLink> = {}): ReconciledLink => ({
  linkId: 'link-1',
  recordId: 'rec-1',
  state,
  orphanReason: null,
  payloadHash: 'hash',
  psaTypeId: '3',
  psaStatusId: '1',
  psaParentId: '10',
  ...over,
});
const orphaned = (reason: OrphanReason, over: Partial<ReconciledLink> = {}) => link('orphaned', { orphanReason: reason, ...over });

function context(over: { kind?: RecordKind; scopes?: Record<string, ScopeState>; kindEnabled?: boolean; parent?: 'synced' | 'orphaned' | 'unknown' } = {}): PlanContext {
  return {
    kind: over.kind ?? 'configuration',
    links: new Map(),
    scopeState: (dimension, id) => over.scopes?.[`${dimension}:${id}`] ?? 'enabled',
    kindEnabled: over.kindEnabled ?? true,
    parent: (id) => (over.parent === 'unknown' || id !== '10' ? undefined : { organizationId: 'org-1', synced: (over.parent ?? 'synced') === 'synced' }),
    matches: () => [],
  };
}

/** The decision in one word: none, refetch, or orphan:<reason>. */
const decide = (e: ReconcileEntry, l: ReconciledLink | undefined, ctx: PlanContext) => {
  const d = planReconcileEntry(e, l, ctx);
  return d.action === 'orphan' ? `orphan:${d.reason}` : d.action;
};

describe('planReconcileEntry', () => {
  it.each([
    // A person turned sync off: nothing the PSA says matters.
    ['disabled, even deleted and excluded', entry({ deleted: true, active: false }), link('disabled'), context({ scopes: { 'type:3': 'excluded' } }), 'none'],
    ['disabled and unchanged', entry(), link('disabled'), context(), 'none'],
    // Kind switched off or scope excluded: orphan what is linked, ignore what is not.
    ['kind switched off (contacts)', entry({ typeId: null, statusId: null }), link('syncing'), context({ kind: 'contact', kindEnabled: false }), 'orphan:excluded_by_settings'],
    ['type excluded', entry(), link('syncing'), context({ scopes: { 'type:3': 'excluded' } }), 'orphan:excluded_by_settings'],
    ['status excluded', entry(), link('error'), context({ scopes: { 'status:1': 'excluded' } }), 'orphan:excluded_by_settings'],
    ['excluded, no link', entry(), undefined, context({ scopes: { 'type:3': 'excluded' } }), 'none'],
    ['excluded, already orphaned for it', entry(), orphaned('excluded_by_settings'), context({ scopes: { 'type:3': 'excluded' } }), 'none'],
    ['excluded, orphaned for another reason', entry(), orphaned('inactive_in_psa'), context({ scopes: { 'type:3': 'excluded' } }), 'orphan:excluded_by_settings'],
    // Paused and disconnected scopes are frozen: no orphaning, no refetch, whatever the PSA says.
    ['paused type, record deleted', entry({ deleted: true }), link('syncing'), context({ scopes: { 'type:3': 'paused' } }), 'none'],
    ['paused status, type moved', entry({ typeId: '4' }), link('syncing'), context({ scopes: { 'status:1': 'paused' } }), 'none'],
    ['paused, no link', entry(), undefined, context({ scopes: { 'type:3': 'paused' } }), 'none'],
    ['disconnected, no link: never re-created', entry(), undefined, context({ scopes: { 'type:3': 'disconnected' } }), 'none'],
    ['disconnected beats excluded', entry(), link('syncing'), context({ scopes: { 'type:3': 'excluded', 'status:1': 'disconnected' } }), 'none'],
    // Deleted and inactive in the PSA.
    ['soft-deleted', entry({ deleted: true }), link('syncing'), context(), 'orphan:deleted_in_psa'],
    ['soft-deleted and inactive: deleted wins', entry({ deleted: true, active: false }), link('syncing'), context(), 'orphan:deleted_in_psa'],
    ['soft-deleted, no link', entry({ deleted: true }), undefined, context(), 'none'],
    ['soft-deleted, already orphaned for it', entry({ deleted: true }), orphaned('deleted_in_psa'), context(), 'none'],
    ['inactive', entry({ active: false }), link('syncing'), context(), 'orphan:inactive_in_psa'],
    ['inactive while in error', entry({ active: false }), link('error'), context(), 'orphan:inactive_in_psa'],
    ['inactive, no link', entry({ active: false }), undefined, context(), 'none'],
    ['inactive, already orphaned for it', entry({ active: false }), orphaned('inactive_in_psa'), context(), 'none'],
    // The parent organization.
    ['parent orphaned', entry(), link('syncing'), context({ parent: 'orphaned' }), 'orphan:parent_not_synced'],
    ['parent unknown to psalink', entry(), link('syncing'), context({ parent: 'unknown' }), 'orphan:parent_not_synced'],
    ['no parent at all', entry({ parentExternalId: null }), link('syncing'), context(), 'orphan:parent_not_synced'],
    ['parent not synced, no link', entry(), undefined, context({ parent: 'orphaned' }), 'none'],
    ['parent not synced, already orphaned for it', entry(), orphaned('parent_not_synced'), context({ parent: 'orphaned' }), 'none'],
    ['organizations have no parent to check', entry({ parentExternalId: null }), link('syncing', { psaParentId: null }), context({ kind: 'organization', parent: 'unknown' }), 'none'],
    // Needs the record's fields: refetch.
    ['no link yet', entry(), undefined, context(), 'refetch'],
    ['orphaned, back in scope: heal', entry(), orphaned('excluded_by_settings'), context(), 'refetch'],
    ['orphaned as inactive, active again: heal', entry(), orphaned('inactive_in_psa'), context(), 'refetch'],
    ['orphaned as deleted, listed again: heal', entry(), orphaned('deleted_in_psa'), context(), 'refetch'],
    ['orphaned as parent not synced, parent back', entry(), orphaned('parent_not_synced'), context(), 'refetch'],
    ['error: retried every run', entry(), link('error'), context(), 'refetch'],
    ['reconnected after Disable Sync (hash cleared)', entry(), link('syncing', { payloadHash: null }), context(), 'refetch'],
    ['moved to another type', entry({ typeId: '4' }), link('syncing'), context(), 'refetch'],
    ['moved to another status', entry({ statusId: '2' }), link('syncing'), context(), 'refetch'],
    ['moved to another company', entry({ parentExternalId: '11' }), link('syncing'), context({ parent: 'synced' }), 'orphan:parent_not_synced'],
    ['lost its type', entry({ typeId: null }), link('syncing'), context(), 'refetch'],
    // In step: nothing to do.
    ['unchanged', entry(), link('syncing'), context(), 'none'],
    ['unchanged organization', entry({ parentExternalId: null }), link('syncing', { psaParentId: null }), context({ kind: 'organization' }), 'none'],
    ['unchanged contact without type or status', entry({ typeId: null, statusId: null }), link('syncing', { psaTypeId: null, psaStatusId: null }), context({ kind: 'contact' }), 'none'],
  ] as const)('%s', (_label, e, l, ctx, expected) => {
    expect(decide(e, l, ctx)).toBe(expected);
  });

  it('moved to another synced company: refetched so the record follows its company', () => {
    const ctx = { ...context(), parent: (id: string) => ({ organizationId: `org-${id}`, synced: true }) };
    expect(decide(entry({ parentExternalId: '11' }), link('syncing'), ctx)).toBe('refetch');
  });

  it('returns the orphan with the stored link, so the writer can guard the transition', () => {
    const stored = link('error', { linkId: 'link-7' });
    expect(planReconcileEntry(entry({ active: false }), stored, context())).toEqual({ action: 'orphan', link: stored, reason: 'inactive_in_psa' });
  });
});
