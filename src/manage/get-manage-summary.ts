import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows, type Db } from '../db/database.js';
import { recordKinds, type RecordKind } from '../psa/canonical.js';
import { linkStates, orphanReasons, type LinkState, type OrphanReason } from '../sync/domain/link-states.js';
import type { summaryDto } from './manage.schemas.js';

type Summary = z.infer<typeof summaryDto>;
type ScopeRow = Summary['synced'][number]['scopes'][number];
type StateCounts = Record<LinkState | 'total', number>;

interface Group {
  kind: RecordKind;
  /** 0: grouped by PSA type (and reason); 1: grouped by PSA status. */
  by_status: number;
  ref: string | null;
  state: LinkState;
  orphan_reason: OrphanReason | null;
  n: number;
  /** Orphaned groups by type: the oldest orphan of the kind and type. */
  oldest?: Date | string | null;
}

interface Scope {
  id: string;
  kind: RecordKind;
  dimension: 'type' | 'status';
  external_id: string;
  name: string;
  state: ScopeRow['state'];
}

const emptyStates = (): StateCounts => ({ syncing: 0, orphaned: 0, disabled: 0, error: 0, total: 0 });
const emptyReasons = (): Record<OrphanReason | 'total', number> => ({ deleted_in_psa: 0, inactive_in_psa: 0, excluded_by_settings: 0, parent_not_synced: 0, total: 0 });

/**
 * The three sections of Manage Data as counts, read from psa_link_counts (kept exact by triggers on psa_links) rather
 * than by grouping every link: a few hundred delta rows summed with grouping sets (by PSA type, state and reason, and
 * by PSA status and state), the oldest orphan per type by one index probe each, and the few sync_scopes rows joined
 * in memory. The record tables are never read.
 */
export async function getManageSummary(o: { db: Db; accountId: string }): Promise<Summary> {
  const [integration] = await queryRows<{ id: string }>(o.db, sql`select id from psa_integrations where account_id = ${o.accountId}`);
  if (!integration) return { integrationId: null, synced: [], orphaned: [], disconnected: [] };
  const counted = sql`c.account_id = ${o.accountId} and c.integration_id = ${integration.id}`;
  const groups = await queryRows<Group>(o.db, sql`
    select c.kind, (grouping(c.psa_type_id) = 1)::int as by_status,
      coalesce(c.psa_type_id, c.psa_status_id) as ref, c.state, c.orphan_reason, sum(c.n)::int as n
    from psa_link_counts c where ${counted}
    group by grouping sets ((c.kind, c.psa_type_id, c.state, c.orphan_reason), (c.kind, c.psa_status_id, c.state))
    having sum(c.n) <> 0`);
  const oldest = await oldestOrphans(o.db, o.accountId, integration.id);
  for (const g of groups) if (g.by_status === 0 && g.state === 'orphaned') g.oldest = oldest.get(`${g.kind}/${g.ref ?? ''}`) ?? null;
  const scopes = await queryRows<Scope>(o.db, sql`
    select id, kind, dimension, external_id, name, state from sync_scopes
    where account_id = ${o.accountId} and integration_id = ${integration.id}
    order by kind, dimension, lower(name), external_id`);
  await foldCounts(o.db, o.accountId, integration.id);
  const byType = groups.filter((g) => g.by_status === 0);
  return {
    integrationId: integration.id,
    synced: syncedSection(byType, groups.filter((g) => g.by_status === 1), scopes),
    orphaned: orphanedSection(byType.filter((g) => g.state === 'orphaned'), scopes),
    disconnected: typeRows(byType.filter((g) => g.state === 'disabled'), scopes).map(({ groups: rows, ...row }) => ({ ...row, count: sum(rows) })),
  };
}

/**
 * The oldest orphan of each kind and PSA type that has orphans: min(orphaned_at) cannot be kept by deltas, but the
 * partial index psa_links_orphan_age_idx answers each as one probe (`is null` and `=` kept apart so both use it).
 */
async function oldestOrphans(db: Db, accountId: string, integrationId: string): Promise<Map<string, Date | string | null>> {
  const oldestOf = (typeMatch: SQL) => sql`(select min(l.orphaned_at) from psa_links l
    where l.account_id = ${accountId} and l.kind = g.kind and l.state = 'orphaned' and ${typeMatch} and l.integration_id = ${integrationId})`;
  const rows = await queryRows<{ kind: RecordKind; psa_type_id: string | null; oldest: Date | string | null }>(db, sql`
    select g.kind, g.psa_type_id,
      case when g.psa_type_id is null then ${oldestOf(sql`l.psa_type_id is null`)} else ${oldestOf(sql`l.psa_type_id = g.psa_type_id`)} end as oldest
    from (select c.kind, c.psa_type_id from psa_link_counts c
      where c.account_id = ${accountId} and c.integration_id = ${integrationId} and c.state = 'orphaned'
      group by c.kind, c.psa_type_id having sum(c.n) > 0) g`);
  return new Map(rows.map((r) => [`${r.kind}/${r.psa_type_id ?? ''}`, r.oldest]));
}

/** More delta rows than this beyond the distinct keys, and the summary folds them into one row per key. */
const FOLD_SLACK = 500;

/**
 * Replaces an integration's delta rows by their sums. Safe beside writers: the delete takes only rows committed before
 * it and the insert puts back exactly their sum. One folder at a time per account (the others skip, not wait).
 */
async function foldCounts(db: Db, accountId: string, integrationId: string) {
  const [size] = await queryRows<{ rows: number; keys: number }>(db, sql`
    select count(*)::int as rows, count(distinct (kind, psa_type_id, psa_status_id, state, orphan_reason))::int as keys
    from psa_link_counts where account_id = ${accountId} and integration_id = ${integrationId}`);
  if (!size || size.rows <= size.keys * 2 + FOLD_SLACK) return;
  await db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(tx as unknown as Db, sql`select pg_try_advisory_xact_lock(hashtext('psa_link_counts'), hashtext(${accountId})) as locked`);
    if (!lock?.locked) return;
    await tx.execute(sql`
      with gone as (delete from psa_link_counts where account_id = ${accountId} and integration_id = ${integrationId} returning *)
      insert into psa_link_counts (account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, n)
      select account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, sum(n)
      from gone group by account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason having sum(n) <> 0`);
  });
}

function syncedSection(byType: Group[], byStatus: Group[], scopes: Scope[]): Summary['synced'] {
  const counted = new Map<string, StateCounts>();
  const countsOf = (key: string) => counted.get(key) ?? counted.set(key, emptyStates()).get(key)!;
  for (const g of byType) {
    add(countsOf(g.kind), g.state, g.n);
    if (g.ref !== null) add(countsOf(`${g.kind}/type/${g.ref}`), g.state, g.n);
  }
  for (const g of byStatus) if (g.ref !== null) add(countsOf(`${g.kind}/status/${g.ref}`), g.state, g.n);
  return recordKinds.map((kind) => ({
    kind,
    counts: countsOf(kind),
    scopes: scopes
      .filter((s) => s.kind === kind)
      .map((s) => ({ scopeId: s.id, dimension: s.dimension, externalId: s.external_id, name: s.name, state: s.state, counts: countsOf(`${kind}/${s.dimension}/${s.external_id}`) })),
  }));
}

function orphanedSection(orphans: Group[], scopes: Scope[]): Summary['orphaned'] {
  return typeRows(orphans, scopes).map(({ groups, ...row }) => {
    const counts = emptyReasons();
    let oldest: number | null = null;
    for (const g of groups) {
      if (g.orphan_reason && orphanReasons.includes(g.orphan_reason)) counts[g.orphan_reason] += g.n;
      counts.total += g.n;
      const at = g.oldest == null ? null : new Date(g.oldest).getTime();
      if (at !== null && (oldest === null || at < oldest)) oldest = at;
    }
    return { ...row, counts, oldestOrphanedAt: oldest === null ? null : new Date(oldest).toISOString() };
  });
}

/** One row per kind and PSA type (links without a type share one), named from the type scopes, by kind then name. */
function typeRows(groups: Group[], scopes: Scope[]) {
  const rows = new Map<string, { kind: RecordKind; typeExternalId: string | null; typeName: string | null; scopeId: string | null; groups: Group[] }>();
  for (const g of groups) {
    const key = `${g.kind}/${g.ref ?? ''}`;
    let row = rows.get(key);
    if (!row) {
      const scope = g.ref === null ? undefined : scopes.find((s) => s.kind === g.kind && s.dimension === 'type' && s.external_id === g.ref);
      rows.set(key, (row = { kind: g.kind, typeExternalId: g.ref, typeName: scope?.name ?? null, scopeId: scope?.id ?? null, groups: [] }));
    }
    row.groups.push(g);
  }
  const order = (r: { kind: RecordKind; typeName: string | null; typeExternalId: string | null }) => [recordKinds.indexOf(r.kind), r.typeName === null ? 1 : 0, (r.typeName ?? r.typeExternalId ?? '').toLowerCase()] as const;
  return [...rows.values()].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
  });
}

const sum = (groups: Group[]) => groups.reduce((n, g) => n + g.n, 0);

function add(counts: StateCounts, state: LinkState, n: number) {
  if (linkStates.includes(state)) counts[state] += n;
  counts.total += n;
}
