import { and, eq } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.js';
import { AppError } from '../shared/errors.js';

export interface OwnedTable {
  table: PgTable;
  id: AnyPgColumn;
  accountId: AnyPgColumn;
}

/**
 * A reference in a request body (organization, type, status…) must point into the caller's own account. A foreign
 * or unknown id is answered exactly like a missing one, so ids of other accounts reveal nothing.
 */
export async function assertOwned(db: Db, owned: OwnedTable, accountId: string, id: string, label: string, field: string) {
  const [row] = await db
    .select({ id: owned.id })
    .from(owned.table)
    .where(and(eq(owned.id, id), eq(owned.accountId, accountId)))
    .limit(1);
  if (!row) throw new AppError('validation_failed', `The ${label} ${id} does not exist.`, { issues: [{ path: `body.${field}`, message: `unknown ${label}` }] });
}
