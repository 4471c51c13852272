import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../../records/cursor.js';
import type { RecordKind } from '../../psa/canonical.js';

const SORT = 'sync-errors:at:desc';

export interface SyncErrorItem {
  id: string;
  kind: RecordKind;
  /** Null when the PSA record could not be created at all. */
  recordId: string | null;
  recordName: string;
  externalId: string;
  code: string;
  message: string;
  at: string;
  integrationId: string;
}

interface Row {
  id: string;
  kind: RecordKind;
  record_id: string | null;
  record_name: string | null;
  external_id: string;
  code: string;
  message: string;
  at: Date | string;
  integration_id: string;
}

/**
 * The error inbox: records whose link is in `error` (they keep their last good data) and PSA records that could
 * not be created, newest first, across the account.
 */
const inboxRows = (accountId: string) => sql`
  select l.id, l.kind, l.record_id, coalesce(o.name, c.name, p.full_name) as record_name, l.external_id,
    coalesce(l.last_error_code, 'sync_error') as code, coalesce(l.last_error_message, '') as message,
    coalesce(l.last_error_at, l.updated_at) as at, l.integration_id
  from psa_links l
    left join organizations o on l.kind = 'organization' and o.id = l.record_id
    left join configurations c on l.kind = 'configuration' and c.id = l.record_id
    left join contacts p on l.kind = 'contact' and p.id = l.record_id
  where l.account_id = ${accountId} and l.state = 'error'
  union all
  select e.id, e.kind, null, e.name, e.external_id, e.code, e.message, e.last_error_at, e.integration_id
  from psa_record_errors e where e.account_id = ${accountId}`;

export async function listSyncErrors(o: { db: Db; accountId: string; limit: number; cursor?: string }) {
  const after = o.cursor ? decodeCursor(o.cursor, SORT) : undefined;
  const rows = await queryRows<Row>(o.db, sql`
    select * from (${inboxRows(o.accountId)}) inbox
    ${after ? sql`where (at, id) < (${String(after.value)}::timestamptz, ${after.id}::uuid)` : sql``}
    order by at desc, id desc limit ${o.limit + 1}`);
  const items = rows.slice(0, o.limit).map(toItem);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > o.limit && last ? encodeCursor({ sort: SORT, value: last.at, id: last.id }) : null };
}

export async function findSyncError(db: Db, accountId: string, id: string): Promise<SyncErrorItem | undefined> {
  const [row] = await queryRows<Row>(db, sql`select * from (${inboxRows(accountId)}) inbox where id = ${id}`);
  return row ? toItem(row) : undefined;
}

const toItem = (r: Row): SyncErrorItem => ({
  id: r.id,
  kind: r.kind,
  recordId: r.record_id,
  recordName: r.record_name ?? `PSA ${r.kind} ${r.external_id}`,
  externalId: r.external_id,
  code: r.code,
  message: r.message,
  at: new Date(r.at).toISOString(),
  integrationId: r.integration_id,
});
