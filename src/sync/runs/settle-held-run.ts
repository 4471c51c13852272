import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.js';
import { auditIntegration, type Actor } from '../../integrations/integration-store.js';
import { AppError } from '../../shared/errors.js';
import type { OrphanReason } from '../domain/link-states.js';
import { addOrphans, emptyRunCounts, type RunCounts } from '../domain/run-counts.js';
import { applyOrphans } from '../engine/apply-page.js';
import type { HeldPlan } from '../engine/run-sync.js';
import { findRun, type SyncRunRow } from './run-store.js';

export interface SettleHeldRunOptions {
  db: Db;
  accountId: string;
  integrationId: string;
  runId: string;
  actor: Actor;
  /** confirm: apply what the brake held; discard: apply nothing. */
  decision: 'confirm' | 'discard';
}

/**
 * An admin's answer to the safety brake. Confirm orphans exactly the links the run listed (those still in a state
 * that may be orphaned: a link disabled since is left alone) and the run becomes `succeeded`, so its watermark
 * counts; discard ends it `cancelled` and the next run decides afresh.
 */
export async function settleHeldRun(o: SettleHeldRunOptions): Promise<SyncRunRow> {
  return o.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [claimed] = await queryRows<{ id: string; held_plan: HeldPlan | null; counts: RunCounts }>(db, sql`
      update sync_runs set status = ${o.decision === 'confirm' ? 'succeeded' : 'cancelled'}::sync_run_status,
        error_code = ${o.decision === 'confirm' ? null : 'discarded'},
        error_message = ${o.decision === 'confirm' ? null : 'An administrator discarded what the safety brake held; nothing was orphaned.'}
      where id = ${o.runId} and account_id = ${o.accountId} and integration_id = ${o.integrationId} and status = 'held'
      returning id, held_plan, counts`);
    if (!claimed) {
      const run = await findRun(db, o.accountId, o.runId);
      if (!run || run.integrationId !== o.integrationId) throw new AppError('not_found', 'The sync run was not found.');
      throw new AppError('conflict', `This run is ${run.status}, not held: there is nothing to ${o.decision}.`);
    }
    const orphans = Object.values(claimed.held_plan?.orphans ?? {}).flat() as { linkId: string; reason: OrphanReason }[];
    const counts = { ...emptyRunCounts(), ...claimed.counts };
    let orphaned = 0;
    if (o.decision === 'confirm') {
      const applied = await applyOrphans(db, o.accountId, orphans);
      orphaned = applied.length;
      addOrphans(counts, applied.map((a) => a.reason));
      await db.execute(sql`update sync_runs set counts = ${JSON.stringify(counts)}::jsonb where id = ${o.runId}`);
    }
    await auditIntegration(db, {
      accountId: o.accountId,
      actor: o.actor,
      action: o.decision === 'confirm' ? 'sync.held_confirmed' : 'sync.held_discarded',
      integrationId: o.integrationId,
      counts: { held: orphans.length, orphaned },
      details: { runId: o.runId },
    });
    return (await findRun(db, o.accountId, o.runId))!;
  });
}
