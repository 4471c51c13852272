import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { syncRuns, users } from '../../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../../records/cursor.js';
import { notFound } from '../../shared/errors.js';
import { toRunDto, type RunDto } from './run-dto.js';

const SORT = 'runs:created_at:desc';

export interface ListRunsOptions {
  db: Db;
  accountId: string;
  integrationId: string;
  limit: number;
  cursor?: string;
}

/** Run history, newest first, keyset-paged on (created_at, id). */
export async function listRuns(o: ListRunsOptions): Promise<{ items: RunDto[]; nextCursor: string | null }> {
  const after = o.cursor ? decodeCursor(o.cursor, SORT) : undefined;
  const rows = await o.db
    .select({ run: syncRuns, email: users.email })
    .from(syncRuns)
    .leftJoin(users, sql`${users.id} = ${syncRuns.triggeredByUserId}`)
    .where(
      sql`${syncRuns.accountId} = ${o.accountId} and ${syncRuns.integrationId} = ${o.integrationId}
        ${after ? sql`and (${syncRuns.createdAt}, ${syncRuns.id}) < (${String(after.value)}::timestamptz, ${after.id}::uuid)` : sql``}`,
    )
    .orderBy(sql`${syncRuns.createdAt} desc, ${syncRuns.id} desc`)
    .limit(o.limit + 1);
  const page = rows.slice(0, o.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toRunDto(r.run, r.email)),
    nextCursor: rows.length > o.limit && last ? encodeCursor({ sort: SORT, value: last.run.createdAt.toISOString(), id: last.run.id }) : null,
  };
}

/** One run of the caller's account (404 for another account's run, indistinguishable from an unknown one). */
export async function getRun(db: Db, accountId: string, integrationId: string, runId: string) {
  const [row] = await db
    .select({ run: syncRuns, email: users.email })
    .from(syncRuns)
    .leftJoin(users, sql`${users.id} = ${syncRuns.triggeredByUserId}`)
    .where(sql`${syncRuns.id} = ${runId} and ${syncRuns.accountId} = ${accountId} and ${syncRuns.integrationId} = ${integrationId}`)
    .limit(1);
  if (!row) throw notFound('The sync run');
  return row;
}
