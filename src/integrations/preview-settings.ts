import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { syncScopes } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import { recordKinds, type PsaConnector, type RecordKind } from '../psa/canonical.js';
import { AppError } from '../shared/errors.js';
import { nextScopeState, type ScopeState } from '../sync/domain/scope-states.js';
import { loadScopeStates, scopeKey } from '../sync/engine/load-state.js';
import { connectorForIntegration, withPsa } from './integration-connector.js';
import { findIntegration } from './integration-store.js';
import { countLinkOutcomes, totalOf, type LinkGroup, type SettingsPreview, type SettingsView } from './settings-preview-counts.js';
import { countEntering, loadOrganizationLinks } from './settings-preview-entering.js';
import { parseSyncSettings } from './sync-settings.js';

/** Listing whole kinds from the PSA takes longer than a quick call; a person still waits for it. */
export const PREVIEW_DEADLINE_MS = 120_000;

export interface PreviewSettingsOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  integrationId: string;
  /** Proposed scope states, as PUT /scopes would take them. */
  scopes?: { id: string; state: 'enabled' | 'excluded' }[];
  contactsEnabled?: boolean;
  /** Tests may bring their own connector. */
  connector?: PsaConnector;
}

const eventFor = { enabled: 'include', excluded: 'exclude' } as const;

/**
 * What saving these settings would do at the next run, changing nothing: links orphaned as excluded_by_settings or
 * healed (from the stored links), children orphaned because their organization leaves, and PSA records entering
 * the scope that would be linked, created or wait in match review (read from the PSA, only for the kinds where
 * something can enter).
 */
export async function previewSettings(o: PreviewSettingsOptions): Promise<SettingsPreview> {
  const db = o.ctx.database.db;
  const integration = await findIntegration(db, o.accountId, o.integrationId);
  const contactsBefore = parseSyncSettings(integration.settings).contactsEnabled;
  const contactsAfter = o.contactsEnabled ?? contactsBefore;
  const now = await loadScopeStates(db, integration.id);
  const proposed = new Map(now);
  for (const change of await resolveChanges(db, o.accountId, integration.id, o.scopes ?? [])) proposed.set(change.key, change.state);

  const view = (states: ReadonlyMap<string, ScopeState>, contacts: boolean): SettingsView => ({
    kindEnabled: (kind) => kind !== 'contact' || contacts,
    scopeState: (kind, dimension, id) => states.get(scopeKey(kind, dimension, id)) ?? 'excluded',
  });
  const before = view(now, contactsBefore);
  const after = view(proposed, contactsAfter);

  const byKind = countLinkOutcomes(await loadLinkGroups(db, o.accountId, integration.id), before, after);
  const opened = (kind: RecordKind) =>
    (kind === 'contact' && contactsAfter && !contactsBefore) ||
    [...proposed].some(([key, state]) => key.startsWith(`${kind}:`) && state === 'enabled' && now.get(key) !== 'enabled');
  if (recordKinds.some(opened) || byKind.organization.heal > 0) {
    const connector = o.connector ?? connectorForIntegration(o.ctx.secretBox, integration);
    await withPsa(async (signal) => {
      const parents = await loadOrganizationLinks(db, integration.id);
      const entering = { db, accountId: o.accountId, integrationId: integration.id, connector, signal, before, after, parents, started: new Map<string, string>() };
      if (opened('organization')) byKind.organization = { ...byKind.organization, ...(await countEntering({ ...entering, kind: 'organization' })) };
      // Children follow their organization: one that starts syncing brings its configurations and contacts.
      const orgsStart = byKind.organization.heal + byKind.organization.create + byKind.organization.link > 0;
      for (const kind of ['contact', 'configuration'] as const) {
        if (after.kindEnabled(kind) && (opened(kind) || orgsStart)) byKind[kind] = { ...byKind[kind], ...(await countEntering({ ...entering, kind })) };
      }
    }, PREVIEW_DEADLINE_MS);
  }
  return { byKind, total: totalOf(byKind) };
}

/** The proposed scope changes, checked exactly as PUT /scopes checks them (all or nothing). */
async function resolveChanges(db: Db, accountId: string, integrationId: string, scopes: { id: string; state: 'enabled' | 'excluded' }[]) {
  const ids = scopes.map((s) => s.id);
  if (new Set(ids).size !== ids.length) throw new AppError('validation_failed', 'Each scope may appear only once.');
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(syncScopes)
    .where(and(eq(syncScopes.accountId, accountId), eq(syncScopes.integrationId, integrationId), inArray(syncScopes.id, ids)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new AppError('not_found', 'Some scopes were not found in this integration.', { unknownScopeIds: unknown });
  const blocked = scopes.filter((s) => !nextScopeState(byId.get(s.id)!.state, eventFor[s.state]));
  if (blocked.length > 0) {
    const names = blocked.map((s) => `${byId.get(s.id)!.name} (${byId.get(s.id)!.state})`).join(', ');
    throw new AppError('conflict', `These scopes are paused or disconnected; reconnect them in Manage Data first: ${names}.`, { scopeIds: blocked.map((s) => s.id) });
  }
  return scopes.map((s) => {
    const row = byId.get(s.id)!;
    return { key: scopeKey(row.kind, row.dimension, row.externalId), state: s.state as ScopeState };
  });
}

/** Every link but the disabled ones, grouped by what decides its fate: a handful of rows whatever the data size. */
async function loadLinkGroups(db: Db, accountId: string, integrationId: string): Promise<LinkGroup[]> {
  const rows = await queryRows<{
    kind: RecordKind; state: LinkGroup['state']; orphan_reason: LinkGroup['orphanReason']; psa_type_id: string | null; psa_status_id: string | null;
    parent_state: LinkGroup['state'] | null; parent_reason: LinkGroup['orphanReason']; parent_type_id: string | null; parent_status_id: string | null; n: number;
  }>(db, sql`
    select l.kind, l.state, l.orphan_reason, l.psa_type_id, l.psa_status_id,
      p.state as parent_state, p.orphan_reason as parent_reason, p.psa_type_id as parent_type_id, p.psa_status_id as parent_status_id, count(*)::int as n
    from psa_links l
    left join psa_links p on l.kind <> 'organization' and p.integration_id = l.integration_id and p.kind = 'organization' and p.external_id = l.psa_parent_id
    where l.account_id = ${accountId} and l.integration_id = ${integrationId} and l.state <> 'disabled'
    group by l.kind, l.state, l.orphan_reason, l.psa_type_id, l.psa_status_id, p.state, p.orphan_reason, p.psa_type_id, p.psa_status_id`);
  return rows.map((r) => ({
    kind: r.kind,
    state: r.state,
    orphanReason: r.orphan_reason,
    typeId: r.psa_type_id,
    statusId: r.psa_status_id,
    parent: r.parent_state ? { state: r.parent_state, orphanReason: r.parent_reason, typeId: r.parent_type_id, statusId: r.parent_status_id } : null,
    count: Number(r.n),
  }));
}
