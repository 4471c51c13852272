import { sql } from 'drizzle-orm';
import { inTransaction, queryRows, type Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import { stepper, type ReportProgress } from '../manage/jobs/manage-job-progress.js';
import { AppError } from '../shared/errors.js';
import { lockOpenBatch } from './trash-batch-lock.js';
import { auditTrash } from './trash-audit.js';
import { insertableColumns, trashTableNames, trashTables } from './trash-tables.js';

export interface RestoreTrashBatchOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  batchId: string;
  actor: Actor;
  /** Run inside this transaction (a restore job records its own success in it) instead of opening one. */
  tx?: Db;
  onProgress?: ReportProgress;
}

export interface RestoreResult {
  batchId: string;
  counts: Record<string, number>;
}

/**
 * Puts every row of a batch back exactly as it was (same ids and column values, links included), parents first, in
 * one transaction. Refused, with nothing changed, when a row with one of the ids (or the same PSA link) exists again.
 */
export function restoreTrashBatch(o: RestoreTrashBatchOptions): Promise<RestoreResult> {
  return inTransaction(o.ctx.database.db, o.tx, async (tx) => {
    const step = stepper(o.onProgress, trashTableNames.length + 2);
    step('Checking that nothing of the batch exists again');
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
      step(`Restoring ${trashTables[table].label}`);
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
    step('Recording the audit event');
    await tx.execute(sql`update trash_batches set restored_at = now() where id = ${batch.id}`);
    // A scope delete left its scope disconnected: the scope goes back to the state it had, unless it changed since.
    const reenabled = await queryRows<{ id: string; state: string }>(tx, sql`
      update sync_scopes s set state = (e.details->>'previousState')::scope_state, updated_at = now()
      from audit_events e
      where e.trash_batch_id = ${batch.id} and e.account_id = ${o.accountId} and e.action = 'scope.deleted'
        and s.id = (e.details->'scope'->>'id')::uuid and s.account_id = e.account_id and s.state = 'disconnected'
      returning s.id, s.state::text as state`);
    // The scopes whose links came back, and which of them the restore re-enabled: the audit tells each scope's story.
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
      details: { scopeIds: scopes.map((s) => s.id), scopes, scopesRestored: reenabled },
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
