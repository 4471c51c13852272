import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { uuidArray } from '../db/sql-lists.js';
import type { RecordKind } from '../psa/canonical.js';
import { notFound } from '../shared/errors.js';
import { trashTableNames, trashTables, type TrashTable } from './trash-tables.js';

const SAMPLE_SIZE = 10;

/** What a delete removes from one table, aggregated in the database: no row travels to Node. */
export interface TableDeletion {
  total: number;
  /** The first names by name. */
  sample: string[];
  /** Order-independent hash of every row's id, version and state: any row added, removed or edited changes it. */
  digest: string;
}

export interface DeletionAggregate {
  tables: Record<TrashTable, TableDeletion>;
  /** psa_links rows per record kind: the linked records among those deleted (a record has one link of its kind). */
  linksByKind: Record<RecordKind, number>;
  /** psa_links rows syncing or in sync error. */
  syncing: number;
}

/**
 * The records a delete starts from, written after a column: `= any(array)` for chosen ids, or `in (select …)` for a
 * set a query defines (read by each statement again: the caller locks it and the moved counts are checked).
 */
export type RootSet = SQL;
export const rootIds = (ids: readonly string[]): RootSet => sql`= any(${uuidArray(ids)})`;

export interface CollectDeletionOptions {
  db: Db;
  accountId: string;
  kind: RecordKind;
  ids: readonly string[];
}

const rootTable: Record<RecordKind, TrashTable> = { organization: 'organizations', configuration: 'configurations', contact: 'contacts' };

/**
 * Which rows of each table a delete of these records removes, as a condition over the table's unqualified columns:
 * the records, their children (an organization's configurations, contacts, passwords and documents; the passwords
 * and documents attached to a configuration or contact) and the PSA links of all of them. Null: none of the table.
 */
export function deletionTargets(accountId: string, kind: RecordKind, roots: RootSet): Record<TrashTable, SQL | null> {
  const own = sql`account_id = ${accountId}`;
  const byId = sql`${own} and id ${roots}`;
  if (kind === 'organization') {
    const byOrg = sql`${own} and organization_id ${roots}`;
    const childIds = (table: string) =>
      sql`array(select c.id from ${sql.identifier(table)} c where c.account_id = ${accountId} and c.organization_id ${roots})`;
    return {
      organizations: byId,
      configurations: byOrg,
      contacts: byOrg,
      passwords: byOrg,
      documents: byOrg,
      psa_links: sql`${own} and ((kind = 'organization' and record_id ${roots})
        or (kind = 'configuration' and record_id = any(${childIds('configurations')}))
        or (kind = 'contact' and record_id = any(${childIds('contacts')})))`,
    };
  }
  const attached = sql`${own} and attached_to_kind = ${kind} and attached_to_id ${roots}`;
  return {
    organizations: null,
    configurations: kind === 'configuration' ? byId : null,
    contacts: kind === 'contact' ? byId : null,
    passwords: attached,
    documents: attached,
    psa_links: sql`${own} and kind = ${kind} and record_id ${roots}`,
  };
}

// A 64-bit hash per row, xor-ed: independent of row order (no sort), and a change in any one row flips about half
// of the bits. Rows are distinct by id, so no two can cancel out by being equal.
const rowHash = (table: TrashTable) =>
  sql`hashtextextended(id::text || ':' || extract(epoch from updated_at)::text || ':' || ${table === 'psa_links' ? sql`state::text` : sql`''`}, 0)`;

/**
 * One row of counts, sample and digest for the table. The rows are read once (materialized): a name-ordered index
 * walk for the sample would scan most of the table when the delete is small.
 */
function aggregateTable(table: TrashTable, where: SQL): SQL {
  const link = table === 'psa_links';
  const ofKind = (kind: RecordKind) => (link ? sql`count(*) filter (where kind = ${kind})::int` : sql`0`);
  return sql`(with m as materialized (select ${trashTables[table].displayName} as name, ${link ? sql`kind, state, ` : sql``}${rowHash(table)} as hash
      from ${sql.identifier(table)} where ${where})
    select ${table} as "table", count(*)::int as total, coalesce(bit_xor(hash), 0)::text as digest,
      ${link ? sql`array[]::text[]` : sql`array(select name from m order by name limit ${SAMPLE_SIZE})`} as sample,
      ${link ? sql`count(*) filter (where state in ('syncing', 'error'))::int` : sql`0`} as syncing,
      ${ofKind('organization')} as organization, ${ofKind('configuration')} as configuration, ${ofKind('contact')} as contact
    from m)`;
}

interface AggregateRow extends TableDeletion {
  table: TrashTable;
  syncing: number;
  organization: number;
  configuration: number;
  contact: number;
}

/**
 * Everything a delete of these records would remove, counted, sampled and hashed per table in one statement whatever
 * the size. Every id must be a record of the caller's account: an unknown or foreign id is answered as not found,
 * before anything happens.
 */
export async function collectDeletion(o: CollectDeletionOptions): Promise<DeletionAggregate> {
  // The ids are parsed once per statement, not once per table that looks them up.
  const targets = deletionTargets(o.accountId, o.kind, sql`= any((select a from root_ids)::uuid[])`);
  const selects = trashTableNames.filter((table) => targets[table] !== null).map((table) => aggregateTable(table, targets[table]!));
  const rows = await queryRows<AggregateRow>(o.db, sql`with root_ids(a) as (select ${uuidArray(o.ids)}) ${sql.join(selects, sql` union all `)}`);
  const empty: TableDeletion = { total: 0, sample: [], digest: '0' };
  const tables = Object.fromEntries(trashTableNames.map((table) => [table, empty])) as Record<TrashTable, TableDeletion>;
  for (const row of rows) tables[row.table] = { total: row.total, sample: row.sample, digest: row.digest };
  const links = rows.find((row) => row.table === 'psa_links')!;
  if (tables[rootTable[o.kind]].total !== new Set(o.ids).size) throw notFound(o.ids.length === 1 ? `The ${o.kind}` : `One or more of the ${o.kind}s`);
  return {
    tables,
    linksByKind: { organization: links.organization, configuration: links.configuration, contact: links.contact },
    syncing: links.syncing,
  };
}
