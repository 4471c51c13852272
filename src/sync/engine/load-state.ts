import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.js';
import { textArray } from '../../db/sql-lists.js';
import type { RecordKind } from '../../psa/canonical.js';
import type { LinkState, OrphanReason } from '../domain/link-states.js';
import { MatchIndex, type LocalCandidate } from '../domain/matching.js';
import type { ReconciledLink } from '../domain/plan-reconcile.js';
import type { ParentOrganization, ReviewDecision } from '../domain/plan-types.js';
import type { ScopeState } from '../domain/scope-states.js';

/*
 * What the planner needs from the database, loaded set-based: once per run (scopes), once per kind (match index,
 * review decisions, parent organizations) or once per page (the page's links).
 */

export const scopeKey = (kind: RecordKind, dimension: 'type' | 'status', externalId: string) => `${kind}:${dimension}:${externalId}`;

export async function loadScopeStates(db: Db, integrationId: string): Promise<Map<string, ScopeState>> {
  const rows = await queryRows<{ kind: RecordKind; dimension: 'type' | 'status'; external_id: string; state: ScopeState }>(
    db,
    sql`select kind, dimension, external_id, state from sync_scopes where integration_id = ${integrationId}`,
  );
  return new Map(rows.map((r) => [scopeKey(r.kind, r.dimension, r.external_id), r.state]));
}

/**
 * The kind's scope states as committed now, share-locked until the caller's transaction ends: a page is applied only
 * under the scope states it was planned with, and a concurrent pause or disconnect waits for it (or it for them).
 */
export async function lockScopeStates(db: Db, integrationId: string, kind: RecordKind): Promise<Map<string, ScopeState>> {
  const rows = await queryRows<{ dimension: 'type' | 'status'; external_id: string; state: ScopeState }>(
    db,
    sql`select dimension, external_id, state from sync_scopes where integration_id = ${integrationId} and kind = ${kind} for share`,
  );
  return new Map(rows.map((r) => [scopeKey(kind, r.dimension, r.external_id), r.state]));
}

interface LinkRow {
  id: string;
  external_id: string;
  record_id: string;
  state: LinkState;
  orphan_reason: OrphanReason | null;
  payload_hash: string | null;
  psa_type_id: string | null;
  psa_status_id: string | null;
  psa_parent_id: string | null;
}

const toLink = (r: LinkRow): ReconciledLink => ({
  linkId: r.id,
  recordId: r.record_id,
  state: r.state,
  orphanReason: r.orphan_reason,
  payloadHash: r.payload_hash,
  psaTypeId: r.psa_type_id,
  psaStatusId: r.psa_status_id,
  psaParentId: r.psa_parent_id,
});

/** The links of a page's PSA ids. */
export async function loadLinks(db: Db, integrationId: string, kind: RecordKind, externalIds: readonly string[]): Promise<Map<string, ReconciledLink>> {
  if (externalIds.length === 0) return new Map();
  // One probe of the unique (integration, kind, external id) index per id, whatever the statistics say: during a first
  // sync they lag far behind the table, and `external_id = any(…)` was planned as a filter over every link of the
  // kind, page after page (quadratic). `offset 0` keeps the planner from flattening the probe into a join.
  const rows = await queryRows<LinkRow>(db, sql`
    select l.id, l.external_id, l.record_id, l.state, l.orphan_reason, l.payload_hash, l.psa_type_id, l.psa_status_id, l.psa_parent_id
    from unnest(${textArray(externalIds)}) as e(external_id)
    cross join lateral (
      select * from psa_links p where p.integration_id = ${integrationId} and p.kind = ${kind} and p.external_id = e.external_id offset 0
    ) l`);
  return new Map(rows.map((r) => [r.external_id, toLink(r)]));
}

/** PSA company id → organization, for configurations and contacts. An orphaned company's children are not synced. */
export async function loadParents(db: Db, integrationId: string): Promise<Map<string, ParentOrganization>> {
  const rows = await queryRows<{ external_id: string; record_id: string; state: LinkState }>(
    db,
    sql`select external_id, record_id, state from psa_links where integration_id = ${integrationId} and kind = 'organization'`,
  );
  return new Map(rows.map((r) => [r.external_id, { organizationId: r.record_id, synced: r.state !== 'orphaned' }]));
}

/** Unlinked local records of a kind: what a PSA record without a link may be matched to. */
export async function loadMatchIndex(db: Db, accountId: string, kind: RecordKind): Promise<MatchIndex> {
  const unlinked = (alias: string) => sql.raw(`not exists (select 1 from psa_links l where l.account_id = ${alias}.account_id and l.kind = '${kind}' and l.record_id = ${alias}.id)`);
  let candidates: LocalCandidate[];
  if (kind === 'organization') {
    const rows = await queryRows<{ id: string; name: string }>(db, sql`select o.id, o.name from organizations o where o.account_id = ${accountId} and ${unlinked('o')}`);
    candidates = rows.map((r) => ({ recordId: r.id, name: r.name, organizationId: null }));
  } else if (kind === 'configuration') {
    const rows = await queryRows<{ id: string; name: string; organization_id: string; serial_number: string | null; type_name: string | null }>(db, sql`
      select c.id, c.name, c.organization_id, c.serial_number, t.name as type_name
      from configurations c left join configuration_types t on t.id = c.configuration_type_id
      where c.account_id = ${accountId} and ${unlinked('c')}`);
    candidates = rows.map((r) => ({ recordId: r.id, name: r.name, organizationId: r.organization_id, serialNumber: r.serial_number, typeName: r.type_name }));
  } else {
    const rows = await queryRows<{ id: string; full_name: string; organization_id: string; email: string | null; first_name: string; last_name: string }>(db, sql`
      select c.id, c.full_name, c.organization_id, c.email, c.first_name, c.last_name
      from contacts c where c.account_id = ${accountId} and ${unlinked('c')}`);
    candidates = rows.map((r) => ({ recordId: r.id, name: r.full_name, organizationId: r.organization_id, email: r.email, firstName: r.first_name, lastName: r.last_name }));
  }
  return new MatchIndex(candidates);
}

/** Match review rows that steer the planner: decisions, and proposals that must wait for one. */
export async function loadReviewDecisions(db: Db, integrationId: string, kind: RecordKind): Promise<Map<string, ReviewDecision>> {
  const rows = await queryRows<{ external_id: string; proposal: string; decision: string; decided_record_id: string | null; suggestions: { recordId: string }[] }>(db, sql`
    select external_id, proposal, decision, decided_record_id, suggestions from match_reviews
    where integration_id = ${integrationId} and kind = ${kind} and (decision <> 'pending' or proposal = 'decide')`);
  const decisions = new Map<string, ReviewDecision>();
  for (const r of rows) {
    if (r.decision === 'link' && r.decided_record_id) decisions.set(r.external_id, { decision: 'link', recordId: r.decided_record_id });
    else if (r.decision === 'create') decisions.set(r.external_id, { decision: 'create' });
    else if (r.decision === 'ignore') decisions.set(r.external_id, { decision: 'ignore' });
    else decisions.set(r.external_id, { decision: 'wait', candidates: r.suggestions.map((s) => s.recordId) });
  }
  return decisions;
}

/** Links of a kind the PSA may have dropped: everything but `disabled` and what is already known deleted. */
export interface LiveLink {
  id: string;
  external_id: string;
  state: LinkState;
  psa_type_id: string | null;
  psa_status_id: string | null;
}

export async function* streamLiveLinks(db: Db, integrationId: string, kind: RecordKind, batch = 10_000): AsyncGenerator<LiveLink[]> {
  let after = '';
  for (;;) {
    const rows = await queryRows<LiveLink>(db, sql`
      select id, external_id, state, psa_type_id, psa_status_id from psa_links
      where integration_id = ${integrationId} and kind = ${kind} and external_id > ${after}
        and state <> 'disabled' and not (state = 'orphaned' and orphan_reason = 'deleted_in_psa')
      order by external_id limit ${batch}`);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.external_id;
    if (rows.length < batch) return;
  }
}

/** Links in `error`, PSA records that could not be created, and review decisions not yet applied: retried every run. */
export async function loadRetryIds(db: Db, integrationId: string, kind: RecordKind): Promise<string[]> {
  const rows = await queryRows<{ external_id: string }>(db, sql`
    select external_id from psa_links where integration_id = ${integrationId} and kind = ${kind} and state = 'error'
    union select external_id from psa_record_errors where integration_id = ${integrationId} and kind = ${kind}
    union select external_id from match_reviews where integration_id = ${integrationId} and kind = ${kind} and decision in ('link', 'create')`);
  return rows.map((r) => r.external_id);
}

/** How many links of a kind the sync currently keeps in step: the safety brake's denominator. */
export async function countSyncedLinks(db: Db, integrationId: string, kind: RecordKind): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`
    select count(*)::int as n from psa_links where integration_id = ${integrationId} and kind = ${kind} and state in ('syncing', 'error')`);
  return row?.n ?? 0;
}

/**
 * Error-inbox and match-review rows of PSA records that no longer need anyone: gone from the complete listing
 * (`seen` false), or planned as inactive, deleted or out of scope (`settled`). An admin's match decision is kept while
 * its PSA record exists (it applies again if the record comes back into scope). The rows are few: compared in memory.
 */
export async function clearSettledRows(db: Db, integrationId: string, kind: RecordKind, o: { seen(externalId: string): boolean; settled(externalId: string): boolean }) {
  const rows = await queryRows<{ source: 'error' | 'review'; external_id: string; decided: boolean }>(db, sql`
    select 'error' as source, external_id, false as decided from psa_record_errors where integration_id = ${integrationId} and kind = ${kind}
    union all
    select 'review', external_id, decision <> 'pending' from match_reviews where integration_id = ${integrationId} and kind = ${kind}`);
  for (const source of ['error', 'review'] as const) {
    const stale = rows
      .filter((r) => r.source === source && (!o.seen(r.external_id) || (!r.decided && o.settled(r.external_id))))
      .map((r) => r.external_id);
    if (stale.length === 0) continue;
    const table = source === 'error' ? 'psa_record_errors' : 'match_reviews';
    await db.execute(sql`delete from ${sql.identifier(table)} where integration_id = ${integrationId} and kind = ${kind} and external_id = any(${textArray(stale)})`);
  }
}
