import { describe, expect, it } from 'vitest';
import type { CanonicalConfiguration, CanonicalOrganization, CanonicalRecord } from '../../psa/canonical.js';
import type { LinkState, OrphanReason } from './link-states.js';
import { payloadHash } from './payload-hash.js';
import { planPage } from './plan-page.js';
import { planRecord } from './plan-record.js';
import type { PlanContext, ReviewDecision, StoredLink } from './plan-types.js';
import type { ScopeState } from './scope-states.js';

const organization = (over: Partial<CanonicalOrganization> = {}): CanonicalOrganization => ({
  kind: 'organization',
  externalId: '10',
  name: 'Acme Dental',
  type: { id: '1', name: 'Customer' },
  status: { id: '1', name: 'Active' },
  parentExternalId: null,
  updatedAt: '2026-11-01T10:00:00.000Z',
  active: true,
  deleted: false,
  fields: { name: 'Acme Dental', website: null, phone: '+1 555 0100', address: null, city: 'Denver', region: null, postalCode: null, country: null },
  ...over,
});

const configuration = (over: Partial<CanonicalConfiguration> = {}): CanonicalConfiguration => ({
  kind: 'configuration',
  externalId: '500',
  name: 'ACME-DC01',
  type: { id: '3', name: 'Managed Server' },
  status: { id: '1', name: 'Active' },
  parentExternalId: '10',
  updatedAt: '2026-11-01T10:00:00.000Z',
  active: true,
  deleted: false,
  fields: { name: 'ACME-DC01', serialNumber: 'SN1', assetTag: null, hostname: null, macAddress: null, ipAddress: null, manufacturer: 'Dell', model: null, operatingSystem: null, warrantyExpiresOn: '2027-01-31' },
  ...over,
});

const link = (state: LinkState, over: Partial<StoredLink> = {}): StoredLink => ({
  linkId: 'link-1',
  recordId: 'rec-1',
  state,
  orphanReason: null,
  payloadHash: 'old-hash',
  ...over,
});

function context(over: { link?: StoredLink; scopes?: Record<string, ScopeState>; kindEnabled?: boolean; parentSynced?: boolean | null; matches?: string[]; kind?: PlanContext['kind']; review?: ReviewDecision } = {}): PlanContext {
  return {
    ...(over.review ? { review: () => over.review } : {}),
    kind: over.kind ?? 'organization',
    links: new Map(over.link ? [['10', over.link], ['500', over.link]] : []),
    scopeState: (dimension, id) => over.scopes?.[`${dimension}:${id}`] ?? 'enabled',
    kindEnabled: over.kindEnabled ?? true,
    parent: () => (over.parentSynced === null ? undefined : { organizationId: 'org-1', synced: over.parentSynced ?? true }),
    matches: () => over.matches ?? [],
  };
}

const action = (record: CanonicalRecord, ctx: PlanContext) => {
  const d = planRecord(record, ctx);
  return d.action === 'skip' ? `skip:${d.reason}` : d.action === 'orphan' ? `orphan:${d.reason}` : d.action;
};

describe('planRecord: new PSA records', () => {
  it.each([
    ['in scope, no match', organization(), context(), 'create'],
    ['in scope, one unlinked local match', organization(), context({ matches: ['local-1'] }), 'link'],
    ['in scope, several matches', organization(), context({ matches: ['a', 'b'] }), 'ambiguous'],
    ['type excluded', organization(), context({ scopes: { 'type:1': 'excluded' } }), 'skip:not_in_scope'],
    ['status excluded', organization(), context({ scopes: { 'status:1': 'excluded' } }), 'skip:not_in_scope'],
    ['kind switched off', organization(), context({ kindEnabled: false }), 'skip:not_in_scope'],
    ['scope paused', organization(), context({ scopes: { 'type:1': 'paused' } }), 'skip:paused'],
    ['scope disconnected: never re-created', organization(), context({ scopes: { 'type:1': 'disconnected' } }), 'skip:disconnected'],
    ['deleted in the PSA', organization({ deleted: true }), context(), 'skip:deleted'],
    ['inactive in the PSA', configuration({ active: false }), context({ kind: 'configuration' }), 'skip:inactive'],
    ['parent not synced', configuration(), context({ kind: 'configuration', parentSynced: false }), 'skip:parent_not_synced'],
    ['parent unknown', configuration(), context({ kind: 'configuration', parentSynced: null }), 'skip:parent_not_synced'],
    ['no name', organization({ fields: { ...organization().fields, name: '  ' } }), context(), 'reject'],
    ['oversized field', organization({ fields: { ...organization().fields, city: 'x'.repeat(201) } }), context(), 'reject'],
    ['child without a company', configuration({ parentExternalId: null }), context({ kind: 'configuration' }), 'reject'],
    ['bad warranty date', configuration({ fields: { ...configuration().fields, warrantyExpiresOn: 'soon' } }), context({ kind: 'configuration' }), 'reject'],
    ['no type or status: governed by nothing else', organization({ type: null, status: null }), context({ scopes: { 'type:1': 'excluded' } }), 'create'],
  ])('%s → %s', (_label, record, ctx, expected) => {
    expect(action(record, ctx)).toBe(expected);
  });

  it('resolves a child to its parent organization', () => {
    const d = planRecord(configuration(), context({ kind: 'configuration' }));
    expect(d).toMatchObject({ action: 'create', organizationId: 'org-1' });
  });
});

describe('planRecord: linked PSA records', () => {
  const same = (r: CanonicalRecord) => payloadHash(r);
  const orphaned = (reason: OrphanReason) => link('orphaned', { orphanReason: reason });
  it.each([
    ['syncing, unchanged payload', organization(), context({ link: link('syncing', { payloadHash: same(organization()) }) }), 'unchanged'],
    ['syncing, changed payload', organization(), context({ link: link('syncing') }), 'update'],
    ['error: retried every run even if unchanged', organization(), context({ link: link('error', { payloadHash: same(organization()) }) }), 'update'],
    ['orphaned, back in scope: healed', organization(), context({ link: orphaned('excluded_by_settings') }), 'update'],
    ['disabled: left alone whatever happens', organization({ deleted: true }), context({ link: link('disabled') }), 'skip:disabled'],
    ['type excluded', organization(), context({ link: link('syncing'), scopes: { 'type:1': 'excluded' } }), 'orphan:excluded_by_settings'],
    ['already orphaned for that reason', organization(), context({ link: orphaned('excluded_by_settings'), scopes: { 'type:1': 'excluded' } }), 'skip:already_orphaned'],
    ['orphaned for another reason', organization({ deleted: true }), context({ link: orphaned('excluded_by_settings') }), 'orphan:deleted_in_psa'],
    ['soft-deleted in the PSA', organization({ deleted: true }), context({ link: link('syncing') }), 'orphan:deleted_in_psa'],
    ['inactive in the PSA', configuration({ active: false }), context({ kind: 'configuration', link: link('syncing') }), 'orphan:inactive_in_psa'],
    ['error then inactive', configuration({ active: false }), context({ kind: 'configuration', link: link('error') }), 'orphan:inactive_in_psa'],
    ['parent no longer synced', configuration(), context({ kind: 'configuration', link: link('syncing'), parentSynced: false }), 'orphan:parent_not_synced'],
    ['paused scope keeps the link as it is', organization({ deleted: true }), context({ link: link('syncing'), scopes: { 'status:1': 'paused' } }), 'skip:paused'],
    ['disconnected beats paused and excluded', organization(), context({ link: link('syncing'), scopes: { 'type:1': 'excluded', 'status:1': 'disconnected' } }), 'skip:disconnected'],
    ['invalid PSA data keeps the last good data', organization({ fields: { ...organization().fields, name: '' } }), context({ link: link('syncing') }), 'fail'],
  ])('%s → %s', (_label, record, ctx, expected) => {
    expect(action(record, ctx)).toBe(expected);
  });

  it('marks a heal on the update so the writer moves the link back to syncing', () => {
    expect(planRecord(organization(), context({ link: orphaned('deleted_in_psa') }))).toMatchObject({ action: 'update', healed: true });
    expect(planRecord(organization(), context({ link: link('error') }))).toMatchObject({ action: 'update', healed: false });
  });
});

describe('payloadHash', () => {
  it('changes with any written field, type, status or parent and ignores field order and updatedAt', () => {
    const base = payloadHash(organization());
    expect(payloadHash(organization({ updatedAt: '2030-01-01T00:00:00.000Z' }))).toBe(base);
    expect(payloadHash(organization({ fields: { ...organization().fields, phone: '+1 555 0199' } }))).not.toBe(base);
    expect(payloadHash(organization({ type: { id: '2', name: 'Vendor' } }))).not.toBe(base);
    expect(payloadHash(organization({ status: { id: '1', name: 'Active (renamed)' } }))).not.toBe(base);
    const reordered = organization({ fields: Object.fromEntries(Object.entries(organization().fields).reverse()) as CanonicalOrganization['fields'] });
    expect(payloadHash(reordered)).toBe(base);
  });
});

describe('planPage', () => {
  it('plans a PSA id listed twice once, with its last copy', () => {
    const plan = planPage([organization({ name: 'First' }), organization({ name: 'Second' })], context());
    expect(plan.creates).toHaveLength(1);
    expect(plan.creates[0]!.record.name).toBe('Second');
  });

  it('sends two PSA records claiming the same local record to match review instead of merging them', () => {
    const ctx = context({ matches: ['local-1'] });
    const plan = planPage([organization({ externalId: '10' }), organization({ externalId: '11' })], ctx);
    expect(plan.links).toEqual([]);
    expect(plan.ambiguous.map((a) => a.record.externalId)).toEqual(['10', '11']);
  });

  it('buckets every decision', () => {
    const links = new Map<string, StoredLink>([
      ['1', link('syncing', { linkId: 'l1', payloadHash: payloadHash(organization({ externalId: '1' })) })],
      ['2', link('syncing', { linkId: 'l2' })],
      ['3', link('disabled', { linkId: 'l3' })],
    ]);
    const ctx = { ...context(), links };
    const plan = planPage(
      [organization({ externalId: '1' }), organization({ externalId: '2' }), organization({ externalId: '3' }), organization({ externalId: '4' }), organization({ externalId: '5', deleted: true })],
      ctx,
    );
    expect([plan.unchanged.length, plan.updates.length, plan.skips.length, plan.creates.length]).toEqual([1, 1, 2, 1]);
  });
});

describe('planRecord: match review decisions', () => {
  const linkTo = (recordId: string): ReviewDecision => ({ decision: 'link', recordId });
  it.each([
    ['link: the admin chose a record, matching is not asked', organization(), context({ review: linkTo('chosen'), matches: ['a', 'b'] }), 'link'],
    ['link: even with no candidate at all', organization(), context({ review: linkTo('chosen') }), 'link'],
    ['create: the admin wants a new record despite candidates', organization(), context({ review: { decision: 'create' }, matches: ['a'] }), 'create'],
    ['ignore: the PSA record stays out of psalink', organization(), context({ review: { decision: 'ignore' }, matches: ['a'] }), 'skip:ignored'],
    ['wait: a pending proposal is not guessed, even with one candidate now', organization(), context({ review: { decision: 'wait', candidates: ['a', 'b'] }, matches: ['a'] }), 'ambiguous'],
    ['no review row: matching decides', organization(), context({ matches: ['a'] }), 'link'],
    ['a linked record ignores its old review row', organization(), context({ link: link('syncing'), review: linkTo('chosen') }), 'update'],
    ['a disabled link beats a decision', organization(), context({ link: link('disabled'), review: { decision: 'create' } }), 'skip:disabled'],
    ['out of scope beats a decision', organization(), context({ review: { decision: 'create' }, scopes: { 'type:1': 'excluded' } }), 'skip:not_in_scope'],
    ['paused scope beats a decision', organization(), context({ review: linkTo('chosen'), scopes: { 'type:1': 'paused' } }), 'skip:paused'],
    ['deleted in the PSA beats a decision', organization({ deleted: true }), context({ review: linkTo('chosen') }), 'skip:deleted'],
    ['inactive beats a decision', organization({ active: false }), context({ review: { decision: 'create' } }), 'skip:inactive'],
    ['invalid PSA data beats a decision', organization({ fields: { ...organization().fields, name: ' ' } }), context({ review: { decision: 'create' } }), 'reject'],
    ['a child whose parent is not synced waits for it', configuration(), context({ kind: 'configuration', parentSynced: false, review: { decision: 'create' } }), 'skip:parent_not_synced'],
  ])('%s → %s', (_label, record, ctx, expected) => {
    expect(action(record, ctx)).toBe(expected);
  });

  it('links to the decided record, with the organization of a child resolved', () => {
    expect(planRecord(organization(), context({ review: linkTo('chosen'), matches: ['other'] }))).toMatchObject({ action: 'link', recordId: 'chosen', organizationId: null });
    expect(planRecord(configuration(), context({ kind: 'configuration', review: linkTo('cfg-9') }))).toMatchObject({ action: 'link', recordId: 'cfg-9', organizationId: 'org-1' });
    expect(planRecord(configuration(), context({ kind: 'configuration', review: { decision: 'create' }, matches: ['x'] }))).toMatchObject({ action: 'create', organizationId: 'org-1' });
  });

  it('a waiting proposal keeps its own candidates, not the current matches', () => {
    expect(planRecord(organization(), context({ review: { decision: 'wait', candidates: ['a', 'b'] }, matches: ['c'] }))).toMatchObject({ action: 'ambiguous', candidates: ['a', 'b'] });
  });

  it('two PSA records decided onto one local record are both sent back to review', () => {
    const plan = planPage([organization({ externalId: '10' }), organization({ externalId: '11' })], context({ review: linkTo('chosen') }));
    expect(plan.links).toEqual([]);
    expect(plan.ambiguous.map((a) => [a.record.externalId, a.candidates])).toEqual([['10', ['chosen']], ['11', ['chosen']]]);
  });
});
