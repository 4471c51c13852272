import { sql, type SQL } from 'drizzle-orm';
import type { RecordKind } from '../psa/canonical.js';
import { escapeLike } from '../records/list-query.js';
import type { RecordsQuery } from './manage.schemas.js';

/** How each kind's records table joins its links: its name column and, for children, the parent organization. */
const kinds: Record<RecordKind, { table: SQL; name: SQL; parent: SQL; organizationFilter: (id: string) => SQL }> = {
  organization: {
    table: sql`organizations`,
    name: sql`r.name`,
    parent: sql`left join organizations po on false`,
    organizationFilter: (id) => sql`r.id = ${id}`,
  },
  configuration: {
    table: sql`configurations`,
    name: sql`r.name`,
    parent: sql`join organizations po on po.id = r.organization_id`,
    organizationFilter: (id) => sql`r.organization_id = ${id}`,
  },
  contact: {
    table: sql`contacts`,
    name: sql`r.full_name`,
    parent: sql`join organizations po on po.id = r.organization_id`,
    organizationFilter: (id) => sql`r.organization_id = ${id}`,
  },
};

/*
 * The dates are nullable (never orphaned, never synced): sorting on them coalesced to -infinity makes the keyset
 * order total, and the key travels in the cursor as PostgreSQL's own text so microseconds survive the round trip.
 */
export const sortKeyOf = (kind: RecordKind, sort: RecordsQuery['sort']): { expression: SQL; cast: SQL } =>
  sort === 'name'
    ? { expression: kinds[kind].name, cast: sql`text` }
    : { expression: sort === 'orphanedAt' ? sql`coalesce(l.orphaned_at, '-infinity'::timestamptz)` : sql`coalesce(l.last_synced_at, '-infinity'::timestamptz)`, cast: sql`timestamptz` };

export interface ScopeFilter {
  dimension: 'type' | 'status';
  externalId: string;
}

export interface RecordsSelect {
  accountId: string;
  query: Omit<RecordsQuery, 'limit' | 'cursor'>;
  scope: ScopeFilter | undefined;
  after: { value: string | number; id: string } | undefined;
  limit: number;
}

export interface ManagedRecordRow {
  id: string;
  kind: RecordKind;
  name: string;
  organization_id: string | null;
  organization_name: string | null;
  external_id: string;
  psa_type: string | null;
  psa_status: string | null;
  state: 'syncing' | 'orphaned' | 'disabled' | 'error';
  orphan_reason: 'deleted_in_psa' | 'inactive_in_psa' | 'excluded_by_settings' | 'parent_not_synced' | null;
  orphaned_at: Date | string | null;
  last_synced_at: Date | string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: Date | string | null;
  sort_key: string;
}

/**
 * One keyset page of linked records of a kind, every join and filter scoped to the account. A search ("contains" in
 * the name or the PSA id) runs as two branches, one per table, merged by the sort key: a condition on one table is
 * what lets PostgreSQL choose per branch between walking the sort index (a common term) and the trigram index (a rare
 * one); `name ilike … or external_id ilike …` across the join can only scan every row of the kind.
 */
export function selectManagedRecords(o: RecordsSelect): SQL {
  const { kind, sort, order } = o.query;
  const k = kinds[kind];
  const key = sortKeyOf(kind, sort);
  const conditions: SQL[] = [sql`l.account_id = ${o.accountId}`, sql`l.kind = ${kind}`];
  if (o.query.state) conditions.push(sql`l.state = ${o.query.state}`);
  if (o.query.reason) conditions.push(sql`l.orphan_reason = ${o.query.reason}`);
  if (o.query.organizationId) conditions.push(k.organizationFilter(o.query.organizationId));
  if (o.scope) conditions.push(o.scope.dimension === 'type' ? sql`l.psa_type_id = ${o.scope.externalId}` : sql`l.psa_status_id = ${o.scope.externalId}`);
  const descending = order === 'desc';
  if (o.after) {
    const value = sql`${o.after.value}::${key.cast}`;
    conditions.push(descending ? sql`(${key.expression}, r.id) < (${value}, ${o.after.id}::uuid)` : sql`(${key.expression}, r.id) > (${value}, ${o.after.id}::uuid)`);
  }
  const direction = descending ? sql`desc` : sql`asc`;
  const page = (where: SQL[]) => sql`
    select r.id, l.kind, ${k.name} as name, po.id as organization_id, po.name as organization_name, l.external_id,
      ts.name as psa_type, ss.name as psa_status, l.state, l.orphan_reason, l.orphaned_at, l.last_synced_at,
      l.last_error_code, l.last_error_message, l.last_error_at, (${key.expression})::text as sort_key, ${key.expression} as sort_value
    from psa_links l
      join ${k.table} r on r.id = l.record_id and r.account_id = l.account_id
      ${k.parent}
      left join sync_scopes ts on ts.integration_id = l.integration_id and ts.kind = l.kind and ts.dimension = 'type' and ts.external_id = l.psa_type_id
      left join sync_scopes ss on ss.integration_id = l.integration_id and ss.kind = l.kind and ss.dimension = 'status' and ss.external_id = l.psa_status_id
    where ${sql.join(where, sql` and `)}
    order by ${key.expression} ${direction}, r.id ${direction}
    limit ${o.limit + 1}`;
  if (!o.query.q) return page(conditions);
  const pattern = `%${escapeLike(o.query.q)}%`;
  // union, not union all: a record matching in both its name and its PSA id is one row.
  return sql`
    select * from ((${page([...conditions, sql`${k.name} ilike ${pattern}`])}) union (${page([...conditions, sql`l.external_id ilike ${pattern}`])})) found
    order by sort_value ${direction}, id ${direction}
    limit ${o.limit + 1}`;
}
