import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.js';
import { syncRuns } from '../../db/schema/index.js';
import { AppError } from '../../shared/errors.js';

export type SyncRunRow = typeof syncRuns.$inferSelect;
export type RunStatus = SyncRunRow['status'];
export type RunTrigger = SyncRunRow['trigger'];

/** A run's life (DESIGN.md "Sync run") as data, enforced in SQL like the link states. */
export const runTransitions = {
  claim: { from: ['queued'], to: 'running' },
  finish: { from: ['running'], to: ['succeeded', 'partial', 'failed', 'held', 'cancelled'] },
  cancelQueued: { from: ['queued'], to: 'cancelled' },
  confirmHeld: { from: ['held'], to: 'succeeded' },
  discardHeld: { from: ['held'], to: 'cancelled' },
  workerLost: { from: ['running'], to: 'failed' },
} as const;

export const finalStatuses: readonly RunStatus[] = ['succeeded', 'partial', 'failed', 'held', 'cancelled'];

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

const one = async (db: Db, query: ReturnType<typeof sql>) => (await queryRows<Record<string, unknown>>(db, query))[0];

/** A run of the account, or undefined (another account's run is indistinguishable from an unknown one). */
export async function findRun(db: Db, accountId: string, runId: string): Promise<SyncRunRow | undefined> {
  const rows = await db.select().from(syncRuns).where(sql`${syncRuns.id} = ${runId} and ${syncRuns.accountId} = ${accountId}`).limit(1);
  return rows[0];
}

export interface CreateRunOptions {
  db: Db;
  accountId: string;
  integrationId: string;
  trigger: RunTrigger;
  full: boolean;
  userId?: string | null;
}

/**
 * Queues a run. At most one run of an integration waits at a time (a unique index, so also across processes):
 * asking again while one waits returns that one instead of piling up duplicates.
 */
export async function createRun(o: CreateRunOptions): Promise<{ run: SyncRunRow; created: boolean }> {
  // The waiting run that refused this insert may be claimed before it is read back: then a new one may wait, so try
  // again (a press of Sync now on two processes at once must never answer "try again").
  for (let attempt = 1; ; attempt++) {
    try {
      const [run] = await o.db
        .insert(syncRuns)
        .values({ accountId: o.accountId, integrationId: o.integrationId, trigger: o.trigger, full: o.full, triggeredByUserId: o.userId ?? null })
        .returning();
      return { run: run!, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [queued] = await o.db.select().from(syncRuns).where(sql`${syncRuns.integrationId} = ${o.integrationId} and ${syncRuns.status} = 'queued'`).limit(1);
      if (!queued) {
        if (attempt < 5) continue;
        throw new AppError('conflict', 'A sync of this integration was just queued; try again in a moment.');
      }
      // A full sync asked for while an incremental one waits upgrades the waiting run.
      if (o.full && !queued.full) await o.db.update(syncRuns).set({ full: true }).where(sql`${syncRuns.id} = ${queued.id} and ${syncRuns.status} = 'queued'`);
      return { run: { ...queued, full: queued.full || o.full }, created: false };
    }
  }
}

export type ClaimResult = { claimed: true; run: SyncRunRow } | { claimed: false; reason: 'not_queued' | 'busy' };

/** queued → running. `busy` when another run of the integration is running (the unique index refuses a second). */
export async function claimRun(db: Db, runId: string): Promise<ClaimResult> {
  try {
    const [run] = await db
      .update(syncRuns)
      .set({ status: 'running', startedAt: sql`now()`, heartbeatAt: sql`now()` })
      .where(sql`${syncRuns.id} = ${runId} and ${syncRuns.status} = 'queued'`)
      .returning();
    return run ? { claimed: true, run } : { claimed: false, reason: 'not_queued' };
  } catch (error) {
    if (isUniqueViolation(error)) return { claimed: false, reason: 'busy' };
    throw error;
  }
}

/** Stores progress and refreshes the heartbeat; tells whether someone asked to cancel. */
export async function heartbeat(db: Db, runId: string, progress: object, counts: object): Promise<{ cancelRequested: boolean }> {
  const row = await one(db, sql`
    update sync_runs set heartbeat_at = now(), progress = ${JSON.stringify(progress)}::jsonb, counts = ${JSON.stringify(counts)}::jsonb
    where id = ${runId} and status = 'running' returning cancel_requested_at`);
  return { cancelRequested: !row || row.cancel_requested_at !== null };
}

export interface FinishRun {
  status: (typeof runTransitions.finish.to)[number];
  counts: object;
  progress: object;
  issues: object[];
  watermark: Date | null;
  heldPlan?: object | null;
  errorCode?: string | null;
  errorMessage?: string | null;
}

export async function finishRun(db: Db, runId: string, f: FinishRun): Promise<SyncRunRow | undefined> {
  const [run] = await db
    .update(syncRuns)
    .set({
      status: f.status,
      finishedAt: sql`now()`,
      counts: f.counts,
      progress: f.progress,
      issues: f.issues,
      watermark: f.watermark,
      heldPlan: f.heldPlan ?? null,
      errorCode: f.errorCode ?? null,
      errorMessage: f.errorMessage ?? null,
    })
    .where(sql`${syncRuns.id} = ${runId} and ${syncRuns.status} = 'running'`)
    .returning();
  return run;
}

/** Cancel: a queued run ends at once; a running one stops at its next page. */
export async function requestCancel(db: Db, accountId: string, runId: string): Promise<SyncRunRow> {
  await db.execute(sql`
    update sync_runs set status = 'cancelled', finished_at = now(), error_code = 'cancelled', error_message = 'Cancelled before it started.'
    where id = ${runId} and account_id = ${accountId} and status = 'queued'`);
  await db.execute(sql`update sync_runs set cancel_requested_at = coalesce(cancel_requested_at, now()) where id = ${runId} and account_id = ${accountId} and status = 'running'`);
  const run = await findRun(db, accountId, runId);
  if (!run) throw new AppError('not_found', 'The sync run was not found.');
  return run;
}

/**
 * A running run whose heartbeat stopped belongs to a worker that died (killed, crashed, machine lost). It is marked
 * failed so that the integration can sync again; the next run converges from the last successful watermark.
 */
export async function markLostRuns(db: Db, staleAfterSeconds: number, integrationId?: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(db, sql`
    update sync_runs set status = 'failed', finished_at = now(), error_code = 'worker_lost',
      error_message = 'The worker running this sync stopped (it was killed or crashed). The next run picks up where the last successful one ended.'
    where status = 'running' and heartbeat_at < now() - make_interval(secs => ${staleAfterSeconds})
      ${integrationId ? sql`and integration_id = ${integrationId}` : sql``}
    returning id`);
  return rows.length;
}

/** Where the next incremental run starts: the last run that completed its listings (succeeded or partial). */
export async function lastWatermark(db: Db, integrationId: string): Promise<Date | null> {
  const row = await one(db, sql`
    select watermark from sync_runs where integration_id = ${integrationId} and status in ('succeeded', 'partial') and watermark is not null
    order by finished_at desc limit 1`);
  return row?.watermark ? new Date(row.watermark as string) : null;
}

/** The previous run's per-kind listing sizes: the progress bar's estimate. */
export async function previousListed(db: Db, integrationId: string): Promise<Record<string, number>> {
  const row = await one(db, sql`
    select progress from sync_runs where integration_id = ${integrationId} and status in ('succeeded', 'partial', 'held')
    order by finished_at desc limit 1`);
  const progress = (row?.progress ?? {}) as Record<string, { listed?: number }>;
  return Object.fromEntries(Object.entries(progress).map(([kind, p]) => [kind, p.listed ?? 0]));
}
