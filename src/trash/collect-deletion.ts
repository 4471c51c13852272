import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { uuidArray } from '../db/sql-lists.js';
import type { RecordKind } from '../psa/canonical.js';
import { notFound } from '../shared/errors.js';
import type { LinkState } from '../sync/domain/link-states.js';
import { trashTableNames, trashTables, type TrashTable } from './trash-tables.js';

/** One row a delete removes: enough to count it, name it, and notice when it changes. */
export interface DeletionRow {
  table: TrashTable;
  id: string;
  name: string;
  /** updated_at to the microsecond: any edit of the row changes it. */
  version: string;
  /** For psa_links rows: the kind, record and state of the link. */
  linkKind: RecordKind | null;
  recordId: string | null;
  state: LinkState | null;
}

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
export function deletionTargets(accountId: string, kind: RecordKind, ids: readonly string[]): Record<TrashTable, SQL | null> {
  const own = sql`account_id = ${accountId}`;
  const byId = sql`${own} and id = any(${uuidArray(ids)})`;
  if (kind === 'organization') {
    const byOrg = sql`${own} and organization_id = any(${uuidArray(ids)})`;
    const childIds = (table: string) =>
      sql`array(select c.id from ${sql.identifier(table)} c where c.account_id = ${accountId} and c.organization_id = any(${uuidArray(ids)}))`;
    return {
      organizations: byId,
      configurations: byOrg,
      contacts: byOrg,
      passwords: byOrg,
      documents: byOrg,
      psa_links: sql`${own} and ((kind = 'organization' and record_id = any(${uuidArray(ids)}))
        or (kind = 'configuration' and record_id = any(${childIds('configurations')}))
        or (kind = 'contact' and record_id = any(${childIds('contacts')})))`,
    };
  }
  const attached = sql`${own} and attached_to_kind = ${kind} and attached_to_id = any(${uuidArray(ids)})`;
  return {
    organizations: null,
    configurations: kind === 'configuration' ? byId : null,
    contacts: kind === 'contact' ? byId : null,
    passwords: attached,
    documents: attached,
    psa_links: sql`${own} and kind = ${kind} and record_id = any(${uuidArray(ids)})`,
  };
}

/** The select list describing rows of a table as DeletionRows (over its unqualified columns). */
export function describeRows(table: TrashTable): SQL {
  const link = table === 'psa_links';
  return sql`${table} as "table", id, ${trashTables[table].displayName} as name,
    extract(epoch from updated_at)::text as version,
    ${link ? sql`kind::text` : sql`null::text`} as "linkKind",
    ${link ? sql`record_id` : sql`null::uuid`} as "recordId",
    ${link ? sql`state::text` : sql`null::text`} as state`;
}

/**
 * Everything a delete of these records would remove, in one statement whatever the size. Every id must be a record
 * of the caller's account: an unknown or foreign id is answered as not found, before anything happens.
 */
export async function collectDeletion(o: CollectDeletionOptions): Promise<DeletionRow[]> {
  const targets = deletionTargets(o.accountId, o.kind, o.ids);
  const selects = trashTableNames
    .filter((table) => targets[table] !== null)
    .map((table) => sql`(select ${describeRows(table)} from ${sql.identifier(table)} where ${targets[table]!})`);
  const rows = await queryRows<DeletionRow>(o.db, sql.join(selects, sql` union all `));
  assertAllFound(rows, o.kind, o.ids);
  return rows;
}

export function assertAllFound(rows: readonly DeletionRow[], kind: RecordKind, ids: readonly string[]) {
  const found = new Set(rows.filter((row) => row.table === rootTable[kind]).map((row) => row.id));
  if (new Set(ids).size !== found.size || ids.some((id) => !found.has(id))) {
    throw notFound(ids.length === 1 ? `The ${kind}` : `One or more of the ${kind}s`);
  }
}
