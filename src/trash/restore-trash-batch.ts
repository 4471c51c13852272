import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import { AppError } from '../shared/errors.js';
import { lockOpenBatch } from './trash-batch-lock.js';
import { auditTrash } from './trash-audit.js';
import { insertableColumns, trashTableNames } from './trash-tables.js';

export interface RestoreTrashBatchOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  batchId: string;
  actor: Actor;
}

export interface RestoreResult {
  batchId: string;
  counts: Record<string, number>;
}

/**
 * Puts every row of a batch back exactly as it was (same ids and column values, links included), parents first, in
 * one transaction. Refused, with nothing changed, when a row with one of the ids (or the same PSA link) exists again.
 */
export async function restoreTrashBatch(o: RestoreTrashBatchOptions): Promise<RestoreResult> {
  return o.ctx.database.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const batch = await lockOpenBatch(tx, o.accountId, o.batchId);
    const ofBatch = (table: string) => sql`i.batch_id = ${batch.id} and i.account_id = ${o.accountId} and i.table_name = ${table}`;
    const [taken] = await queryRows<{ n: number }>(tx, sql.join(
      [sql`select (0`, ...trashTableNames.map((table) => sql` + (select count(*)::int from ${sql.identifier(table)} t
        where t.id = any(array(select i.row_id from trash_items i where ${ofBatch(table)})))`), sql`) as n`],
      sql``,
    ));
    if (taken!.n > 0) {
      throw new AppError('conflict', `${taken!.n} of the rows in this batch exist again (restored or re-created since), so it cannot be restored.`);
    }
    for (const table of trashTableNames) {
      const columns = insertableColumns(table);
      const restored = sql`insert into ${sql.identifier(table)} (${sql.join(columns.map((c) => sql.identifier(c)), sql`, `)})
        select ${sql.join(columns.map((c) => sql`p.${sql.identifier(c)}`), sql`, `)}
        from trash_items i cross join lateral jsonb_populate_record(null::${sql.identifier(table)}, i.row) p where ${ofBatch(table)}`;
      try {
        await tx.execute(restored);
      } catch (error) {
        throw asConflict(error, table);
      }
    }
    await tx.execute(sql`update trash_batches set restored_at = now() where id = ${batch.id}`);
    // The scopes whose links came back: a scope delete left its scope disconnected, and the audit says which.
    const scopes = await queryRows<{ id: string; state: string }>(tx, sql`
      select distinct s.id, s.state::text as state from trash_items i
      join sync_scopes s on s.account_id = i.account_id and s.integration_id = (i.row->>'integration_id')::uuid and s.kind::text = i.row->>'kind'
        and ((s.dimension = 'type' and s.external_id = i.row->>'psa_type_id') or (s.dimension = 'status' and s.external_id = i.row->>'psa_status_id'))
      where ${ofBatch('psa_links')} order by s.id`);
    await auditTrash(tx, {
      accountId: o.accountId,
      actor: o.actor,
      action: 'trash.restored',
      batchId: batch.id,
      counts: batch.counts,
      details: { scopeIds: scopes.map((s) => s.id), scopes },
    });
    return { batchId: batch.id, counts: batch.counts };
  });
}

/** A unique or foreign-key violation: the world moved on (a PSA link re-created, a parent gone). */
function asConflict(error: unknown, table: string): unknown {
  const code = pgCode(error);
  if (code === '23505' || code === '23503') {
    const what = code === '23505' ? 'an equal row exists again' : 'a row it refers to is gone';
    return new AppError('conflict', `The batch cannot be restored: in ${table}, ${what}.`);
  }
  return error;
}

function pgCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^\d{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
