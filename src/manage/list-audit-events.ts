import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { decodeCursor, encodeCursor } from '../records/cursor.js';
import type { AuditEventDto, AuditQuery } from './manage.schemas.js';

const SORT = 'audit:at:desc';

export interface ListAuditEventsOptions {
  db: Db;
  accountId: string;
  filter: Omit<AuditQuery, 'limit' | 'cursor'>;
  limit: number;
  cursor?: string | undefined;
}

interface Row {
  id: string;
  at: Date | string;
  at_key: string;
  actor_type: AuditEventDto['actorType'];
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  counts: Record<string, unknown>;
  details: Record<string, unknown>;
  trash_batch_id: string | null;
}

/** The account's audit log, newest first, keyset-paginated on (created_at, id) as its index is. */
export async function listAuditEvents(o: ListAuditEventsOptions): Promise<{ items: AuditEventDto[]; nextCursor: string | null }> {
  const f = o.filter;
  const conditions: SQL[] = [sql`account_id = ${o.accountId}`];
  if (f.actorType) conditions.push(sql`actor_type = ${f.actorType}`);
  if (f.actorId) conditions.push(sql`actor_id = ${f.actorId}`);
  if (f.action) conditions.push(sql`action = ${f.action}`);
  if (f.from) conditions.push(sql`created_at >= ${f.from}::timestamptz`);
  if (f.to) conditions.push(sql`created_at < ${f.to}::timestamptz`);
  if (o.cursor) {
    // The key is PostgreSQL's own text of the timestamp: microseconds survive, so no event is skipped or repeated.
    const after = decodeCursor(o.cursor, SORT);
    conditions.push(sql`(created_at, id) < (${String(after.value)}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await queryRows<Row>(o.db, sql`
    select id, created_at as at, created_at::text as at_key, actor_type, actor_id, actor_label, action, target_type, target_id, counts, details, trash_batch_id
    from audit_events where ${sql.join(conditions, sql` and `)}
    order by created_at desc, id desc limit ${o.limit + 1}`);
  const page = rows.slice(0, o.limit);
  const last = page.at(-1);
  return { items: page.map(toDto), nextCursor: rows.length > o.limit && last ? encodeCursor({ sort: SORT, value: last.at_key, id: last.id }) : null };
}

/** Every matching event for the CSV export, a page at a time; the first page is read before the download starts. */
export async function openAuditEvents(o: Omit<ListAuditEventsOptions, 'limit' | 'cursor'>, pageSize = 1000): Promise<AsyncIterable<AuditEventDto>> {
  const first = await listAuditEvents({ ...o, limit: pageSize });
  return (async function* () {
    let page = first;
    yield* page.items;
    while (page.nextCursor) {
      page = await listAuditEvents({ ...o, limit: pageSize, cursor: page.nextCursor });
      yield* page.items;
    }
  })();
}

const toDto = (r: Row): AuditEventDto => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  actorType: r.actor_type,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  counts: r.counts ?? {},
  details: r.details ?? {},
  trashBatchId: r.trash_batch_id,
});
