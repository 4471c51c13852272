import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { isoColumn } from '../db/timestamps.js';
import { decodeCursor, encodeCursor } from '../records/cursor.js';
import { notFound } from '../shared/errors.js';
import { jsonDisplayName, trashTableNames, type TrashTable } from './trash-tables.js';

export interface TrashBatchDto {
  id: string;
  actorType: string;
  actorLabel: string;
  action: string;
  reason: string;
  counts: Record<string, number>;
  createdAt: string;
  expiresAt: string;
  restoredAt: string | null;
  purgedAt: string | null;
}

const batchColumns = sql`id, actor_type as "actorType", actor_label as "actorLabel", action, reason, counts,
  ${isoColumn('created_at')} as "createdAt", ${isoColumn('expires_at')} as "expiresAt", ${isoColumn('restored_at')} as "restoredAt", ${isoColumn('purged_at')} as "purgedAt"`;

export interface ListTrashOptions {
  db: Db;
  accountId: string;
  limit: number;
  cursor?: string;
}

/**
 * The account's trash batches, newest first, keyset-paginated on (created_at, id). The cursor names the last batch
 * seen and its time is read back from it, so no client-supplied timestamp is ever parsed.
 */
export async function listTrash(o: ListTrashOptions): Promise<{ items: TrashBatchDto[]; nextCursor: string | null }> {
  const after = o.cursor ? decodeCursor(o.cursor, 'createdAt') : undefined;
  const rows = await queryRows<TrashBatchDto>(o.db, sql`
    select ${batchColumns} from trash_batches
    where account_id = ${o.accountId} ${after ? sql`and (created_at, id) < (select b.created_at, b.id from trash_batches b where b.id = ${after.id} and b.account_id = ${o.accountId})` : sql``}
    order by created_at desc, id desc limit ${o.limit + 1}`);
  const more = rows.length > o.limit;
  const page = rows.slice(0, o.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: more && last ? encodeCursor({ sort: 'createdAt', value: last.createdAt, id: last.id }) : null,
  };
}

const ITEM_LIMIT = 1000;

export interface TrashItemSummary {
  table: TrashTable;
  rowId: string;
  displayName: string;
}

/** One batch and what it holds (table, row id, display name), parents first, at most 1000 items. */
export async function showTrashBatch(o: { db: Db; accountId: string; batchId: string }) {
  const [batch] = await queryRows<TrashBatchDto>(o.db, sql`select ${batchColumns} from trash_batches where id = ${o.batchId} and account_id = ${o.accountId}`);
  if (!batch) throw notFound('The trash batch');
  const order = sql.join(trashTableNames.map((table, index) => sql`when ${table} then ${index}`), sql` `);
  const items = await queryRows<TrashItemSummary & { total: number }>(o.db, sql`
    select table_name as "table", row_id as "rowId", coalesce(${jsonDisplayName(sql`row`)}, '') as "displayName", count(*) over ()::int as total
    from trash_items where batch_id = ${batch.id} and account_id = ${o.accountId}
    order by case table_name ${order} end, 3, row_id limit ${ITEM_LIMIT}`);
  return {
    ...batch,
    itemCount: items[0]?.total ?? 0,
    items: items.map(({ total: _total, ...item }) => item),
  };
}
