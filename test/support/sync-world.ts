import { sql } from 'drizzle-orm';
import { syncedRecords } from './fingerprint.js';
import { queryRows } from '../../src/db/database.js';
import type { SimPsa } from '../../src/simulators/module.js';
import type { RunningSimulator } from '../../src/simulators/server.js';
import type { SimCompany, SimConfiguration, SimContact } from '../../src/simulators/world/types.js';
import type { SimWorld } from '../../src/simulators/world/world.js';
import type { LinkState, OrphanReason } from '../../src/sync/domain/link-states.js';
import type { ScopeState } from '../../src/sync/domain/scope-states.js';
import type { RecordKind } from '../../src/psa/canonical.js';
import { integrationBody, startSmallSimulator } from './integrations.js';
import { linksOf, runSync, type LinkRow } from './sync.js';
import type { TestApp, TestUser } from './test-app.js';

/*
 * Helpers for sync tests over the simulators: an account connected to its own small simulated PSA, the stored state
 * of an integration in a form two accounts can be compared by, and an oracle that says from the simulator's own
 * records what every link should be.
 */

export const psas: readonly SimPsa[] = ['connectwise', 'autotask', 'halo'];

/** Where each PSA lists configurations (for faults): never the lookup lists the run reads first. */
export const configurationListingPath: Record<SimPsa, string> = {
  connectwise: '/company/configurations?',
  autotask: '/ConfigurationItems/query',
  halo: '/api/Asset?',
};

export const simKindOf: Record<RecordKind, 'companies' | 'configurations' | 'contacts'> = { organization: 'companies', configuration: 'configurations', contact: 'contacts' };

export interface SyncAccount {
  psa: SimPsa;
  sim: RunningSimulator;
  admin: TestUser;
  integrationId: string;
  sync(options?: Parameters<typeof runSync>[3]): ReturnType<typeof runSync>;
  links(): Promise<LinkRow[]>;
}

let accounts = 0;

/** A new account connected to a new small simulator of `psa` (every type and status enabled, as on adding). */
export async function openSyncAccount(t: TestApp, psa: SimPsa, settings?: Record<string, unknown>): Promise<SyncAccount> {
  const [sim, admin] = await Promise.all([startSmallSimulator(psa), t.createUser(`Sync ${psa} ${++accounts}`, 'admin')]);
  const added = await admin.apiKey.post('/api/v1/integrations', integrationBody(sim));
  if (added.status !== 201) throw new Error(`adding the integration failed: ${JSON.stringify(added.body)}`);
  const integrationId = added.body.id as string;
  if (settings) {
    const patched = await admin.apiKey.patch(`/api/v1/integrations/${integrationId}`, { settings });
    if (patched.status !== 200) throw new Error(`setting ${JSON.stringify(settings)} failed: ${JSON.stringify(patched.body)}`);
  }
  return {
    psa,
    sim,
    admin,
    integrationId,
    sync: (options) => runSync(t, admin.accountId, integrationId, options),
    links: () => linksOf(t, integrationId),
  };
}

export interface ScopeRow {
  id: string;
  kind: RecordKind;
  dimension: 'type' | 'status';
  external_id: string;
  state: ScopeState;
}

export const scopesOf = (t: TestApp, integrationId: string) =>
  queryRows<ScopeRow>(t.database.db, sql`select id, kind, dimension, external_id, state from sync_scopes where integration_id = ${integrationId} order by kind, dimension, external_id`);

/** The sync settings switch the oracle needs. */
export async function contactsEnabled(t: TestApp, integrationId: string): Promise<boolean> {
  const [row] = await queryRows<{ enabled: boolean | null }>(t.database.db, sql`select (settings->>'contactsEnabled')::boolean as enabled from psa_integrations where id = ${integrationId}`);
  return row?.enabled ?? true;
}

/**
 * Everything the sync owns or decides for an integration, keyed by PSA id so that two accounts synced from identical
 * PSAs compare equal: link state, reason, payload digest and error, and the record's fields (lookups by name, the
 * organization by its PSA id, local notes included).
 */
export function syncState(t: TestApp, integrationId: string) {
  return syncedRecords(t.database.db, integrationId);
}

/** Record counts of an account, per table. */
export async function recordCounts(t: TestApp, accountId: string) {
  const [row] = await queryRows<{ organization: number; configuration: number; contact: number; password: number; document: number }>(t.database.db, sql`
    select (select count(*)::int from organizations where account_id = ${accountId}) as organization,
           (select count(*)::int from configurations where account_id = ${accountId}) as configuration,
           (select count(*)::int from contacts where account_id = ${accountId}) as contact,
           (select count(*)::int from passwords where account_id = ${accountId}) as password,
           (select count(*)::int from documents where account_id = ${accountId}) as document`);
  return row!;
}

/* ------------------------------------------------------------------------------------------------------------------ */
/* The oracle                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------------ */

/** A PSA record as the sync should see it through the PSA's API (see docs/simulator-fidelity.md). */
export interface PsaView {
  kind: RecordKind;
  externalId: string;
  /** Listed by the PSA at all (Halo hides deleted companies; everything else is listed until hard-deleted). */
  listed: boolean;
  typeId: string | null;
  statusId: string | null;
  parentExternalId: string | null;
  active: boolean;
  deleted: boolean;
  /** PSA data psalink refuses (name beyond its limits). */
  invalid: boolean;
  name: string;
}

const inactiveStatus = (world: SimWorld, statusId: number) => /inactive/i.test(world.lookups.companyStatuses.find((s) => s.id === statusId)?.name ?? '');

export function viewCompany(psa: SimPsa, world: SimWorld, c: SimCompany): PsaView {
  const typeId = c.typeIds[0] ?? null;
  return {
    kind: 'organization',
    externalId: String(c.id),
    listed: psa !== 'halo' || !c.deleted,
    typeId: typeId === null || typeId <= 0 ? null : String(typeId),
    statusId: psa === 'connectwise' ? String(c.statusId) : psa === 'autotask' ? (c.active && !c.deleted ? 'active' : 'inactive') : null,
    parentExternalId: null,
    // ConnectWise companies are inactive by status; Autotask shows a deleted company as inactive.
    active: psa === 'connectwise' ? !inactiveStatus(world, c.statusId) : psa === 'autotask' ? c.active && !c.deleted : c.active,
    deleted: psa === 'connectwise' && c.deleted,
    invalid: !c.name.trim() || c.name.length > 255,
    name: c.name,
  };
}

export function viewConfiguration(psa: SimPsa, world: SimWorld, k: SimConfiguration): PsaView {
  const companyKnown = psa !== 'connectwise' || world.get('companies', k.companyId) !== undefined;
  return {
    kind: 'configuration',
    externalId: String(k.id),
    listed: true,
    typeId: String(k.typeId),
    statusId: psa === 'autotask' ? (k.active ? 'active' : 'inactive') : String(k.statusId),
    parentExternalId: companyKnown ? String(k.companyId) : null,
    active: k.active,
    deleted: false,
    // Halo names a nameless asset after its id, so only a name beyond psalink's limit is invalid there.
    invalid: (psa !== 'halo' && !k.name.trim()) || k.name.length > 255 || !companyKnown,
    name: k.name,
  };
}

export function viewContact(psa: SimPsa, world: SimWorld, p: SimContact): PsaView {
  const companyKnown = psa !== 'connectwise' || world.get('companies', p.companyId) !== undefined;
  const typeId = psa === 'connectwise' ? (p.typeIds[0] ?? null) : null;
  return {
    kind: 'contact',
    externalId: String(p.id),
    listed: true,
    typeId: typeId === null ? null : String(typeId),
    statusId: null,
    parentExternalId: companyKnown ? String(p.companyId) : null,
    active: p.active,
    deleted: false,
    invalid: (!p.firstName.trim() && !p.lastName.trim()) || p.firstName.length > 200 || p.lastName.length > 200 || !companyKnown,
    name: `${p.firstName} ${p.lastName}`.trim(),
  };
}

export function psaViews(psa: SimPsa, world: SimWorld): PsaView[] {
  return [
    ...[...world.all('companies')].map((c) => viewCompany(psa, world, c)),
    ...[...world.all('contacts')].map((p) => viewContact(psa, world, p)),
    ...[...world.all('configurations')].map((k) => viewConfiguration(psa, world, k)),
  ].filter((v) => v.listed);
}

export interface Expected {
  state: LinkState | 'absent';
  reason: OrphanReason | null;
}

export const keyOf = (kind: string, externalId: string | number) => `${kind}:${externalId}`;

/**
 * What every link should be after a successful run, from the PSA's records, the scopes and the contacts switch, given
 * the links before the run (the sync creates only what is in scope, orphans only what it linked, never touches a
 * disabled link, and leaves paused and disconnected scopes as they are). The DESIGN's rules, written independently
 * of the planner: the first that applies wins.
 */
export function expectedLinks(o: { views: readonly PsaView[]; scopes: readonly ScopeRow[]; contactsEnabled: boolean; before: readonly LinkRow[] }): Map<string, Expected> {
  const scopeState = new Map(o.scopes.map((s) => [`${s.kind}:${s.dimension}:${s.external_id}`, s.state]));
  const before = new Map(o.before.map((l) => [keyOf(l.kind, l.external_id), l]));
  const expected = new Map<string, Expected>();
  const keep = (key: string): Expected => {
    const link = before.get(key);
    return link ? { state: link.state as LinkState, reason: link.orphan_reason as OrphanReason | null } : { state: 'absent', reason: null };
  };
  const orphan = (key: string, reason: OrphanReason): Expected => (before.has(key) ? { state: 'orphaned', reason } : { state: 'absent', reason: null });
  const frozen = (view: PsaView) => {
    const states = [view.typeId === null ? 'enabled' : (scopeState.get(`${view.kind}:type:${view.typeId}`) ?? 'excluded'), view.statusId === null ? 'enabled' : (scopeState.get(`${view.kind}:status:${view.statusId}`) ?? 'excluded')];
    if (states.includes('disconnected') || states.includes('paused')) return 'frozen';
    if (states.includes('excluded') || (view.kind === 'contact' && !o.contactsEnabled)) return 'excluded';
    return 'enabled';
  };

  const decide = (view: PsaView): Expected => {
    const key = keyOf(view.kind, view.externalId);
    if (before.get(key)?.state === 'disabled') return keep(key);
    const scope = frozen(view);
    if (scope === 'frozen') return keep(key);
    if (scope === 'excluded') return orphan(key, 'excluded_by_settings');
    if (view.deleted) return orphan(key, 'deleted_in_psa');
    if (!view.active) return orphan(key, 'inactive_in_psa');
    if (view.invalid) return before.has(key) ? { state: 'error', reason: null } : { state: 'absent', reason: null };
    if (view.kind !== 'organization') {
      const parent = view.parentExternalId === null ? undefined : expected.get(keyOf('organization', view.parentExternalId));
      if (!parent || parent.state === 'absent' || parent.state === 'orphaned') return orphan(key, 'parent_not_synced');
    }
    return { state: 'syncing', reason: null };
  };

  const listed = new Set<string>();
  for (const kind of ['organization', 'contact', 'configuration'] as const) {
    for (const view of o.views.filter((v) => v.kind === kind)) {
      const key = keyOf(kind, view.externalId);
      listed.add(key);
      expected.set(key, decide(view));
    }
    // Links whose PSA record is no longer listed at all: deleted in the PSA (a disabled link is left alone).
    for (const link of o.before.filter((l) => l.kind === kind)) {
      const key = keyOf(kind, link.external_id);
      if (listed.has(key)) continue;
      expected.set(key, link.state === 'disabled' ? keep(key) : { state: 'orphaned', reason: 'deleted_in_psa' });
    }
  }
  return expected;
}

/** The links as the oracle speaks of them. */
export function actualLinks(links: readonly LinkRow[]): Map<string, Expected> {
  return new Map(links.map((l) => [keyOf(l.kind, l.external_id), { state: l.state as LinkState, reason: l.orphan_reason as OrphanReason | null }]));
}

/** The oracle's expectation without the records that should have no link, for comparison with actualLinks. */
export function presentOnly(expected: Map<string, Expected>): Map<string, Expected> {
  return new Map([...expected].filter(([, e]) => e.state !== 'absent'));
}

/** The oracle for an account: its simulator's records, its scopes and settings, and its links before the run. */
export async function expectedFor(t: TestApp, account: SyncAccount, before: readonly LinkRow[]) {
  const [scopes, contacts] = await Promise.all([scopesOf(t, account.integrationId), contactsEnabled(t, account.integrationId)]);
  return expectedLinks({ views: psaViews(account.psa, account.sim.world), scopes, contactsEnabled: contacts, before });
}
