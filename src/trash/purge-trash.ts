import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import { lockOpenBatch } from './trash-batch-lock.js';
import { auditTrash } from './trash-audit.js';

export interface PurgeTrashBatchOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  batchId: string;
  actor: Actor;
}

/**
 * Purges a batch now: its rows are gone for good. The batch row stays (who, when, counts) with purged_at set, so
 * the trash still tells what happened.
 */
export async function purgeTrashBatch(o: PurgeTrashBatchOptions): Promise<{ batchId: string; counts: Record<string, number> }> {
  return o.ctx.database.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const batch = await lockOpenBatch(tx, o.accountId, o.batchId);
    await tx.execute(sql`delete from trash_items where batch_id = ${batch.id} and account_id = ${o.accountId}`);
    await tx.execute(sql`update trash_batches set purged_at = now() where id = ${batch.id}`);
    await auditTrash(tx, { accountId: o.accountId, actor: o.actor, action: 'trash.purged', batchId: batch.id, counts: batch.counts });
    return { batchId: batch.id, counts: batch.counts };
  });
}

export interface PurgeExpiredOptions {
  db: Db;
}

/**
 * The retention job: every batch of every account past its expiry loses its rows, in one statement, each with an
 * audit event by the system. Restored batches expire too (their copies are no longer needed).
 */
export async function purgeExpired(o: PurgeExpiredOptions): Promise<number> {
  const [result] = await queryRows<{ purged: number }>(o.db, sql`
    with expired as (
      update trash_batches set purged_at = now()
      where purged_at is null and expires_at <= now()
      returning id, account_id, counts
    ), items as (
      delete from trash_items where batch_id = any(array(select id from expired))
    ), audit as (
      insert into audit_events (account_id, actor_type, actor_id, actor_label, action, target_type, target_id, counts, trash_batch_id)
      select account_id, 'system', null, 'trash retention', 'trash.expired_purged', 'trash_batch', id::text, counts, id from expired
    )
    select count(*)::int as purged from expired`);
  return result!.purged;
}
