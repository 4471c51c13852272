import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { inTransaction, queryRows, type Db } from '../db/database.js';
import { uuidArray } from '../db/sql-lists.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import type { RecordKind } from '../psa/canonical.js';
import { stepper, type ReportProgress } from '../manage/jobs/manage-job-progress.js';
import { AppError } from '../shared/errors.js';
import { collectDeletion, deletionTargets, rootIds } from './collect-deletion.js';
import { normalizeIds, summarizeDeletion, type DeletionPreview } from './preview-deletion.js';
import { auditTrash } from './trash-audit.js';
import { recordTables, trashTableNames, trashTables, type RecordTable } from './trash-tables.js';

export type TrashCounts = Record<RecordTable, number> & { links: number };

export interface MoveToTrashOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  kind: RecordKind;
  ids: readonly string[];
  /** From the deletion preview; refused when any affected row changed since. */
  confirmationToken: string;
  actor: Actor;
  reason?: string;
  /** What the batch and audit event call the action (default `records.deleted`). */
  action?: string;
  /**
   * A person deleting chosen records: refuse while any of them is syncing or in error (the next run would bring it
   * back or fail). Scope deletes pass false: they delete syncing records on purpose.
   */
  refuseSyncing: boolean;
  /** Run inside this transaction (a scope delete also changes the scope, atomically) instead of opening one. */
  tx?: Db;
  /** More details for the audit event (the scope a scope delete came from). */
  auditDetails?: object;
  /** Told as the transaction moves from table to table (a large delete runs as a job the screen follows). */
  onProgress?: ReportProgress;
}

export interface MoveToTrashResult {
  batchId: string;
  counts: TrashCounts;
}

const rootTables: Record<RecordKind, string> = { organization: 'organizations', configuration: 'configurations', contact: 'contacts' };

/**
 * Executes a previewed delete in one transaction: every affected row (records, children, links) is copied whole into
 * one trash batch and deleted, and an audit event records it. Restorable until the account's retention runs out.
 */
export function moveToTrash(o: MoveToTrashOptions): Promise<MoveToTrashResult> {
  return inTransaction(o.ctx.database.db, o.tx, (tx) => moveInside(tx, o));
}

async function moveInside(tx: Db, o: MoveToTrashOptions): Promise<MoveToTrashResult> {
  const tables = [...trashTableNames].reverse();
  const step = stepper(o.onProgress, tables.length + 2);
  step('Checking the records against the preview');
  const ids = normalizeIds(o.ids);
  const targets = deletionTargets(o.accountId, o.kind, rootIds(ids));
  // Locking the records holds off edits and new children (their foreign key waits on the lock), and locking the
  // links holds off a sync changing their state, until commit: what is checked below is what gets deleted.
  await tx.execute(sql`select id from ${sql.identifier(rootTables[o.kind])}
    where account_id = ${o.accountId} and id = any(${uuidArray(ids)}) for update`);
  await tx.execute(sql`select id from psa_links where ${targets.psa_links!} for update`);
  const deletion = await collectDeletion({ db: tx, accountId: o.accountId, kind: o.kind, ids });
  const preview = summarizeDeletion({ secretBox: o.ctx.secretBox, accountId: o.accountId, kind: o.kind, ids, deletion });
  if (o.refuseSyncing && preview.syncing > 0) {
    throw new AppError(
      'conflict',
      `${preview.syncing} of these records ${preview.syncing === 1 ? 'is' : 'are'} kept in sync with the PSA (or in sync error), so the next sync would bring ${preview.syncing === 1 ? 'it' : 'them'} back. Disable sync on ${preview.syncing === 1 ? 'it' : 'them'} first (or let ${preview.syncing === 1 ? 'it' : 'them'} be orphaned), then delete.`,
      { syncing: preview.syncing },
    );
  }
  if (!sameToken(o.confirmationToken, preview.confirmationToken)) {
    throw new AppError('preview_stale', 'The records changed since the deletion preview. Review the new preview and confirm again.', {
      counts: countsOf(preview),
    });
  }
  const counts = countsOf(preview);
  const action = o.action ?? 'records.deleted';
  const [batch] = await queryRows<{ id: string }>(tx, sql`
    insert into trash_batches (account_id, actor_type, actor_id, actor_label, action, reason, counts, expires_at)
    select ${o.accountId}::uuid, ${o.actor.type}::actor_type, ${o.actor.id}::uuid, ${o.actor.label}, ${action}, ${o.reason ?? ''}, ${JSON.stringify(counts)}::jsonb,
      now() + make_interval(days => a.trash_retention_days)
    from accounts a where a.id = ${o.accountId}
    returning id`);
  const batchId = batch!.id;
  // Children before parents, links first (their condition looks the child records up).
  for (const table of tables) {
    step(`Moving ${trashTables[table].label} to the trash`);
    const where = targets[table];
    if (!where) continue;
    const moved = await queryRows<{ row_id: string }>(tx, sql`
      with d as (delete from ${sql.identifier(table)} where ${where} returning *)
      insert into trash_items (account_id, batch_id, table_name, row_id, row)
      select ${o.accountId}::uuid, ${batchId}::uuid, ${table}, d.id, to_jsonb(d) from d
      returning row_id`);
    if (moved.length !== deletion.tables[table].total) {
      throw new AppError('preview_stale', 'The records changed while they were being deleted. Review the new preview and confirm again.');
    }
  }
  step('Recording the audit event');
  await auditTrash(tx, {
    accountId: o.accountId,
    actor: o.actor,
    action,
    batchId,
    counts,
    details: { kind: o.kind, recordIds: ids.slice(0, 100), reason: o.reason ?? '', ...o.auditDetails },
  });
  return { batchId, counts };
}

function countsOf(preview: DeletionPreview): TrashCounts {
  const totals = Object.fromEntries(recordTables.map((table) => [table, preview.counts[table].total])) as Record<RecordTable, number>;
  return { ...totals, links: preview.links };
}

export function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
