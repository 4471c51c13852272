import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { AppError, notFound } from '../shared/errors.js';

export interface LockedBatch {
  id: string;
  counts: Record<string, number>;
}

/**
 * Locks one of the account's trash batches for a restore or purge, which each happen once: a batch already restored
 * or purged is refused, and a concurrent second attempt waits here, then is refused too.
 */
export async function lockOpenBatch(db: Db, accountId: string, batchId: string): Promise<LockedBatch> {
  const [batch] = await queryRows<{ id: string; counts: Record<string, number>; restored_at: string | null; purged_at: string | null }>(db, sql`
    select id, counts, restored_at, purged_at from trash_batches where id = ${batchId} and account_id = ${accountId} for update`);
  if (!batch) throw notFound('The trash batch');
  if (batch.purged_at) throw new AppError('conflict', 'This trash batch was purged; its data is gone for good.');
  if (batch.restored_at) throw new AppError('conflict', 'This trash batch was restored already.');
  return { id: batch.id, counts: batch.counts };
}
