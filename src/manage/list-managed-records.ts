import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { isoOrNull } from '../db/timestamps.js';
import { linkErrorOf } from './link-error.js';
import { decodeCursor, encodeCursor } from '../records/cursor.js';
import { AppError, notFound } from '../shared/errors.js';
import { orphanReasonText } from '../sync/domain/link-states.js';
import type { ManagedRecord, RecordsFilter } from './manage.schemas.js';
import { selectManagedRecords, type ManagedRecordRow, type ScopeFilter } from './managed-records-sql.js';

export interface ListManagedRecordsOptions {
  db: Db;
  accountId: string;
  query: RecordsFilter;
  limit: number;
  cursor?: string | undefined;
}

/** A cursor is bound to the kind, sort key and order it was made for; any other is refused, never misread. */
const cursorSort = (q: RecordsFilter) => `manage:${q.kind}:${q.sort}:${q.order}`;

/** Linked records of a kind for the Manage Data lists, keyset-paginated on (sort key, record id). */
export async function listManagedRecords(o: ListManagedRecordsOptions): Promise<{ items: ManagedRecord[]; nextCursor: string | null }> {
  const scope = o.query.scopeId ? await resolveScope(o.db, o.accountId, o.query.scopeId, o.query.kind) : undefined;
  const sort = cursorSort(o.query);
  const after = o.cursor ? decodeCursor(o.cursor, sort) : undefined;
  const rows = await queryRows<ManagedRecordRow>(o.db, selectManagedRecords({ accountId: o.accountId, query: o.query, scope, after, limit: o.limit }));
  const page = rows.slice(0, o.limit);
  const last = page.at(-1);
  return {
    items: page.map(toManagedRecord),
    nextCursor: rows.length > o.limit && last ? encodeCursor({ sort, value: last.sort_key, id: last.id }) : null,
  };
}

/**
 * Every matching record, page by page: each page is one index-friendly keyset query, so an export of a million rows
 * never holds more than a page in memory. The first page is read before returning, so that a bad filter answers a
 * normal error instead of a broken download.
 */
export async function openManagedRecords(o: Omit<ListManagedRecordsOptions, 'limit' | 'cursor'>, pageSize = 1000): Promise<AsyncIterable<ManagedRecord>> {
  const first = await listManagedRecords({ ...o, limit: pageSize });
  return (async function* () {
    let page = first;
    yield* page.items;
    while (page.nextCursor) {
      page = await listManagedRecords({ ...o, limit: pageSize, cursor: page.nextCursor });
      yield* page.items;
    }
  })();
}

async function resolveScope(db: Db, accountId: string, scopeId: string, kind: string): Promise<ScopeFilter> {
  const [scope] = await queryRows<{ kind: string; dimension: 'type' | 'status'; external_id: string }>(
    db,
    sql`select kind, dimension, external_id from sync_scopes where id = ${scopeId} and account_id = ${accountId}`,
  );
  if (!scope) throw notFound('The sync scope');
  if (scope.kind !== kind) throw new AppError('validation_failed', `That sync scope is of ${scope.kind} records, not ${kind} records.`);
  return { dimension: scope.dimension, externalId: scope.external_id };
}

function toManagedRecord(r: ManagedRecordRow): ManagedRecord {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    organization: r.organization_id && r.organization_name !== null ? { id: r.organization_id, name: r.organization_name } : null,
    externalId: r.external_id,
    psaType: r.psa_type,
    psaStatus: r.psa_status,
    state: r.state,
    orphanReason: r.orphan_reason,
    orphanReasonText: r.orphan_reason ? orphanReasonText[r.orphan_reason] : null,
    orphanedAt: isoOrNull(r.orphaned_at),
    lastSyncedAt: isoOrNull(r.last_synced_at),
    lastError: linkErrorOf(r),
  };
}
