import { sql } from 'drizzle-orm';
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
  oldest: Date | string | null;
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
 * The three sections of Manage Data as counts. One pass over psa_links alone (grouping sets: by PSA type, state and
 * reason, and by PSA status and state) gives every number; the record tables are never read, and the few
 * sync_scopes rows are joined in memory.
 */
export async function getManageSummary(o: { db: Db; accountId: string }): Promise<Summary> {
  const [integration] = await queryRows<{ id: string }>(o.db, sql`select id from psa_integrations where account_id = ${o.accountId}`);
  if (!integration) return { integrationId: null, synced: [], orphaned: [], disconnected: [] };
  const groups = await queryRows<Group>(o.db, sql`
    select l.kind, (grouping(l.psa_type_id) = 1)::int as by_status,
      coalesce(l.psa_type_id, l.psa_status_id) as ref, l.state, l.orphan_reason, count(*)::int as n, min(l.orphaned_at) as oldest
    from psa_links l
    where l.account_id = ${o.accountId} and l.integration_id = ${integration.id}
    group by grouping sets ((l.kind, l.psa_type_id, l.state, l.orphan_reason), (l.kind, l.psa_status_id, l.state))`);
  const scopes = await queryRows<Scope>(o.db, sql`
    select id, kind, dimension, external_id, name, state from sync_scopes
    where account_id = ${o.accountId} and integration_id = ${integration.id}
    order by kind, dimension, lower(name), external_id`);
  const byType = groups.filter((g) => g.by_status === 0);
  return {
    integrationId: integration.id,
    synced: syncedSection(byType, groups.filter((g) => g.by_status === 1), scopes),
    orphaned: orphanedSection(byType.filter((g) => g.state === 'orphaned'), scopes),
    disconnected: typeRows(byType.filter((g) => g.state === 'disabled'), scopes).map(({ groups: rows, ...row }) => ({ ...row, count: sum(rows) })),
  };
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
      const at = g.oldest === null ? null : new Date(g.oldest).getTime();
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
