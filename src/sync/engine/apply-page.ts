import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { queryRows } from '../../db/database.js';
import { textArray } from '../../db/sql-lists.js';
import type { LookupIds } from '../../integrations/resolve-lookup-ids.js';
import type { CanonicalRecord, RecordKind } from '../../psa/canonical.js';
import { linkTransitions, type OrphanReason } from '../domain/link-states.js';
import type { PagePlan } from '../domain/plan-page.js';
import type { AppliedPage } from '../domain/run-counts.js';
import type { ScopeState } from '../domain/scope-states.js';
import { lockScopeStates } from './load-state.js';
import { recordRow, recordsetShape, recordTables } from './record-columns.js';

export interface ApplyPageOptions {
  db: Db;
  accountId: string;
  integrationId: string;
  kind: RecordKind;
  plan: PagePlan;
  lookups: LookupIds;
  /** Names of local records, for the suggestions of an ambiguous match. */
  candidateName(recordId: string): string | undefined;
  /** The kind's scope states the plan was made with (scopeKey → state; absent means excluded). */
  scopes: ReadonlyMap<string, ScopeState>;
}

/** A scope of the kind changed state since the page was planned (an admin paused or disconnected it mid-run). */
export class ScopesChanged extends Error {
  constructor(readonly current: ReadonlyMap<string, ScopeState>) {
    super('the sync scopes changed while the page was planned');
  }
}

export interface AppliedPageResult extends AppliedPage {
  /** Local records that got a link on this page: matching must not offer them again. */
  linkedRecordIds: string[];
}

const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::jsonb`;
const states = (list: readonly string[]) => sql.raw(`array[${list.map((s) => `'${s}'`).join(',')}]::link_state[]`);

/** Link columns the sync refreshes every time it applies a PSA record. */
const linkMeta = (record: CanonicalRecord, hash: string) => ({
  external_id: record.externalId,
  psa_type_id: record.type?.id ?? null,
  psa_status_id: record.status?.id ?? null,
  psa_parent_id: record.parentExternalId,
  psa_updated_at: record.updatedAt,
  payload_hash: hash,
});
const linkMetaShape = 'external_id text, psa_type_id text, psa_status_id text, psa_parent_id text, psa_updated_at timestamptz, payload_hash text';

/**
 * Applies a page's plan in one transaction, set-based: a handful of statements whatever the page size. Links are
 * written before record fields, guarded by the link state machine in SQL, so a concurrent "Disable Sync" or a second
 * run can never make the writer overwrite a record it no longer owns or link one PSA record twice.
 */
export async function applyPage(options: ApplyPageOptions): Promise<AppliedPageResult> {
  const { db, plan } = options;
  return db.transaction(async (tx) => {
    const current = await lockScopeStates(tx as unknown as Db, options.integrationId, options.kind);
    if (!sameScopeStates(options.kind, options.scopes, current)) throw new ScopesChanged(current);
    const created = await createRecords(tx as unknown as Db, options);
    const linked = await linkRecords(tx as unknown as Db, options);
    const updated = await updateRecords(tx as unknown as Db, options);
    const failed = await failLinks(tx as unknown as Db, options);
    await recordRejects(tx as unknown as Db, options);
    await queueForReview(tx as unknown as Db, options);
    await clearResolved(tx as unknown as Db, options, [...created.externalIds, ...linked.externalIds, ...updated.externalIds]);
    return {
      created: created.externalIds.length,
      linked: linked.externalIds.length,
      updated: updated.externalIds.length,
      healed: updated.healed,
      unchanged: plan.unchanged.length,
      errors: failed + plan.rejects.length,
      skipped: plan.skips.length + (plan.creates.length - created.externalIds.length) + (plan.links.length - linked.externalIds.length) + (plan.updates.length - updated.externalIds.length),
      ambiguous: plan.ambiguous.length,
      linkedRecordIds: linked.recordIds,
    };
  });
}

function sameScopeStates(kind: RecordKind, planned: ReadonlyMap<string, ScopeState>, current: ReadonlyMap<string, ScopeState>): boolean {
  const ofKind = [...planned.keys()].filter((key) => key.startsWith(`${kind}:`));
  const keys = new Set([...ofKind, ...current.keys()]);
  return [...keys].every((key) => (planned.get(key) ?? 'excluded') === (current.get(key) ?? 'excluded'));
}

async function writeRecordFields(db: Db, kind: RecordKind, accountId: string, rows: Record<string, string | null>[], mode: 'insert' | 'update') {
  if (rows.length === 0) return;
  const { table, columns } = recordTables[kind];
  const names = columns.map((c) => c.name);
  const shape = sql.raw(recordsetShape(kind));
  if (mode === 'insert') {
    await db.execute(sql`
      insert into ${sql.identifier(table)} (id, account_id, ${sql.raw(names.join(', '))})
      select v.id, ${accountId}, ${sql.raw(names.map((n) => `v.${n}`).join(', '))}
      from jsonb_to_recordset(${json(rows)}) as v(${shape})`);
    return;
  }
  await db.execute(sql`
    update ${sql.identifier(table)} r set ${sql.raw(names.map((n) => `${n} = v.${n}`).join(', '))}, updated_at = now()
    from jsonb_to_recordset(${json(rows)}) as v(${shape})
    where r.id = v.id and r.account_id = ${accountId}`);
}

/**
 * New `syncing` links for PSA records and the record ids they point at. A link that exists already (either unique
 * key) is not inserted and not returned: the caller writes record fields only for what comes back.
 */
async function insertLinks(db: Db, o: ApplyPageOptions, rows: { record: CanonicalRecord; hash: string; recordId: string }[], guard: SQL = sql``) {
  return queryRows<{ external_id: string; record_id: string }>(db, sql`
    insert into psa_links (account_id, integration_id, kind, external_id, record_id, state, psa_type_id, psa_status_id, psa_parent_id, psa_updated_at, payload_hash, last_synced_at)
    select ${o.accountId}, ${o.integrationId}, ${o.kind}, v.external_id, v.record_id, 'syncing', v.psa_type_id, v.psa_status_id, v.psa_parent_id, v.psa_updated_at, v.payload_hash, now()
    from jsonb_to_recordset(${json(rows.map((r) => ({ ...linkMeta(r.record, r.hash), record_id: r.recordId })))}) as v(${sql.raw(linkMetaShape)}, record_id uuid)
    ${guard}
    on conflict do nothing
    returning external_id, record_id`);
}

async function createRecords(db: Db, o: ApplyPageOptions) {
  if (o.plan.creates.length === 0) return { externalIds: [] as string[] };
  const planned = o.plan.creates.map((c) => ({ ...c, recordId: randomUUID() }));
  // The link first: if this PSA record got a link meanwhile, no record is created for it (no duplicates, ever).
  const inserted = await insertLinks(db, o, planned);
  const done = new Set(inserted.map((r) => r.external_id));
  const rows = planned
    .filter((c) => done.has(c.record.externalId))
    .map((c) => recordRow(o.kind, c.recordId, c.record, { organizationId: c.organizationId, lookups: o.lookups }));
  await writeRecordFields(db, o.kind, o.accountId, rows, 'insert');
  return { externalIds: [...done] };
}

async function linkRecords(db: Db, o: ApplyPageOptions) {
  if (o.plan.links.length === 0) return { externalIds: [] as string[], recordIds: [] as string[] };
  const { table } = recordTables[o.kind];
  // Only to a record that still exists in this account and has no link yet (the unique record key refuses a second).
  const inserted = await insertLinks(db, o, o.plan.links, sql`where exists (select 1 from ${sql.identifier(table)} r where r.id = v.record_id and r.account_id = ${o.accountId})`);
  const done = new Set(inserted.map((r) => r.external_id));
  const rows = o.plan.links
    .filter((l) => done.has(l.record.externalId))
    .map((l) => recordRow(o.kind, l.recordId, l.record, { organizationId: l.organizationId, lookups: o.lookups }));
  await writeRecordFields(db, o.kind, o.accountId, rows, 'update');
  return { externalIds: [...done], recordIds: inserted.map((r) => r.record_id) };
}

async function updateRecords(db: Db, o: ApplyPageOptions) {
  if (o.plan.updates.length === 0) return { externalIds: [] as string[], healed: 0 };
  const from = [...new Set([...linkTransitions.applied.from, ...linkTransitions.healed.from])];
  const updated = await queryRows<{ id: string; record_id: string; was: string }>(db, sql`
    update psa_links l set state = 'syncing', orphan_reason = null, orphaned_at = null,
      psa_type_id = v.psa_type_id, psa_status_id = v.psa_status_id, psa_parent_id = v.psa_parent_id,
      psa_updated_at = v.psa_updated_at, payload_hash = v.payload_hash, last_synced_at = now(),
      last_error_code = null, last_error_message = null, last_error_at = null, updated_at = now()
    from jsonb_to_recordset(${json(o.plan.updates.map((u) => ({ ...linkMeta(u.record, u.hash), link_id: u.link.linkId, was: u.link.state })))}) as v(${sql.raw(linkMetaShape)}, link_id uuid, was text)
    where l.id = v.link_id and l.account_id = ${o.accountId} and l.state = any(${states(from)}) and l.state::text = v.was
    returning l.id, l.record_id, v.was`);
  const done = new Set(updated.map((r) => r.id));
  const applied = o.plan.updates.filter((u) => done.has(u.link.linkId));
  const rows = applied.map((u) => recordRow(o.kind, u.link.recordId, u.record, { organizationId: u.organizationId, lookups: o.lookups }));
  await writeRecordFields(db, o.kind, o.accountId, rows, 'update');
  return { externalIds: applied.map((u) => u.record.externalId), healed: updated.filter((r) => r.was === 'orphaned').length };
}

async function failLinks(db: Db, o: ApplyPageOptions): Promise<number> {
  if (o.plan.fails.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(db, sql`
    update psa_links l set state = 'error', last_error_code = v.code, last_error_message = v.message, last_error_at = now(), updated_at = now()
    from jsonb_to_recordset(${json(o.plan.fails.map((f) => ({ link_id: f.link.linkId, code: f.code, message: f.message })))}) as v(link_id uuid, code text, message text)
    where l.id = v.link_id and l.account_id = ${o.accountId} and l.state = any(${states(linkTransitions.failed.from)})
    returning l.id`);
  return rows.length;
}

async function recordRejects(db: Db, o: ApplyPageOptions) {
  if (o.plan.rejects.length === 0) return;
  await db.execute(sql`
    insert into psa_record_errors (account_id, integration_id, kind, external_id, name, code, message, last_error_at)
    select ${o.accountId}, ${o.integrationId}, ${o.kind}, v.external_id, v.name, v.code, v.message, now()
    from jsonb_to_recordset(${json(o.plan.rejects.map((r) => ({ external_id: r.record.externalId, name: r.record.name.slice(0, 500) || `PSA ${o.kind} ${r.record.externalId}`, code: r.code, message: r.message })))}) as v(external_id text, name text, code text, message text)
    on conflict (integration_id, kind, external_id) do update set name = excluded.name, code = excluded.code, message = excluded.message, last_error_at = now()`);
}

async function queueForReview(db: Db, o: ApplyPageOptions) {
  if (o.plan.ambiguous.length === 0) return;
  const rows = o.plan.ambiguous.map((a) => ({
    external_id: a.record.externalId,
    psa_name: a.record.name.slice(0, 500) || `PSA ${o.kind} ${a.record.externalId}`,
    psa_detail: detailOf(a.record),
    suggestions: a.candidates.slice(0, 10).map((recordId) => ({ recordId, name: o.candidateName(recordId) ?? '', score: 1 })),
  }));
  // An admin's decision stands; only pending rows take the new proposal.
  await db.execute(sql`
    insert into match_reviews (account_id, integration_id, kind, external_id, psa_name, psa_detail, proposal, suggestions)
    select ${o.accountId}, ${o.integrationId}, ${o.kind}, v.external_id, v.psa_name, v.psa_detail, 'decide', v.suggestions
    from jsonb_to_recordset(${json(rows)}) as v(external_id text, psa_name text, psa_detail text, suggestions jsonb)
    on conflict (integration_id, kind, external_id) do update
      set psa_name = excluded.psa_name, psa_detail = excluded.psa_detail, proposal = 'decide', match_type = null, proposed_record_id = null, suggestions = excluded.suggestions, updated_at = now()
      where match_reviews.decision = 'pending'`);
}

/** The line of context match review shows under a PSA record's name: what matching looked at. */
function detailOf(record: CanonicalRecord): string | null {
  const company = record.parentExternalId ? `PSA company ${record.parentExternalId}` : null;
  if (record.kind === 'configuration') return [company, record.fields.serialNumber && `serial ${record.fields.serialNumber}`, record.type?.name].filter(Boolean).join(' · ') || null;
  if (record.kind === 'contact') return [company, record.fields.email].filter(Boolean).join(' · ') || null;
  return [record.type?.name, record.status?.name].filter(Boolean).join(' · ') || null;
}

/** A PSA record that now has a good link needs neither its error nor its review row any more. */
async function clearResolved(db: Db, o: ApplyPageOptions, externalIds: string[]) {
  if (externalIds.length === 0) return;
  const scope = sql`integration_id = ${o.integrationId} and kind = ${o.kind} and external_id = any(${textArray(externalIds)})`;
  await db.execute(sql`delete from psa_record_errors where ${scope}`);
  await db.execute(sql`delete from match_reviews where ${scope}`);
}

export interface PendingOrphan {
  linkId: string;
  reason: OrphanReason;
}

/** Orphans links (never from `disabled`: the state machine in SQL); returns the ones it changed, with their reasons. */
export async function applyOrphans(db: Db, accountId: string, orphans: readonly PendingOrphan[]): Promise<PendingOrphan[]> {
  const applied: PendingOrphan[] = [];
  for (let i = 0; i < orphans.length; i += 5000) {
    const chunk = orphans.slice(i, i + 5000);
    const rows = await queryRows<{ id: string; orphan_reason: OrphanReason }>(db, sql`
      update psa_links l set state = 'orphaned', orphan_reason = v.reason::orphan_reason,
        orphaned_at = case when l.state = 'orphaned' then l.orphaned_at else now() end, updated_at = now()
      from jsonb_to_recordset(${json(chunk.map((o) => ({ link_id: o.linkId, reason: o.reason })))}) as v(link_id uuid, reason text)
      where l.id = v.link_id and l.account_id = ${accountId} and l.state = any(${states(linkTransitions.orphaned.from)})
        and (l.state <> 'orphaned' or l.orphan_reason is distinct from v.reason::orphan_reason)
        -- a scope paused or disconnected since the orphan was planned is frozen: its links are left as they are
        and not exists (select 1 from sync_scopes s where s.integration_id = l.integration_id and s.kind = l.kind
          and s.state in ('paused', 'disconnected')
          and ((s.dimension = 'type' and s.external_id = l.psa_type_id) or (s.dimension = 'status' and s.external_id = l.psa_status_id)))
      returning l.id, l.orphan_reason`);
    applied.push(...rows.map((r) => ({ linkId: r.id, reason: r.orphan_reason })));
  }
  return applied;
}
