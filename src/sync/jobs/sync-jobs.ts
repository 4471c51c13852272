import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { queryRows } from '../../db/database.js';
import type { AppContext } from '../../http/context.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { PsaHttpOptions } from '../../psa/http/psa-http-client.js';
import { executeSyncRun } from '../engine/run-sync.js';
import { LOST_AFTER_SECONDS, requestSync } from '../runs/request-sync.js';
import { markLostRuns } from '../runs/run-store.js';
import type { SyncDispatcher } from '../runs/sync-dispatcher.js';

export const SYNC_RUN_QUEUE = 'sync-run';
export const SYNC_SCHEDULER_QUEUE = 'sync-scheduler';
/** When another run of the integration is still going, a queued run tries again this much later. */
const BUSY_RETRY_SECONDS = 15;

type Logger = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

export interface StartSyncJobsOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  queue: JobQueue;
  log: Logger;
  /** Runs executed at once by this process (each for a different integration). */
  concurrency?: number;
  /** The PSA HTTP client's patience (tests cut it short). */
  http?: PsaHttpOptions;
  /** false: no minutely scheduler tick (tests call tickScheduler themselves, so that nothing races them). */
  schedule?: boolean;
}

/**
 * The sync's background work on the job queue: a worker for queued runs, and a scheduler tick every minute that
 * queues the runs that are due, re-dispatches runs whose job was lost, and marks runs whose worker died.
 * Returns the dispatcher the routes use for Sync now.
 */
export async function startSyncJobs(o: StartSyncJobsOptions): Promise<SyncDispatcher> {
  const db = o.ctx.database.db;
  const dispatcher: SyncDispatcher = {
    dispatch: async (run) => void (await o.queue.send(SYNC_RUN_QUEUE, { runId: run.id }, { singletonKey: run.id, retryLimit: 0 })),
  };

  // One process owns a PGlite data dir: whatever it left running when it stopped is certainly lost.
  if (o.ctx.database.engine === 'pglite') await markLostRuns(db, 0);

  await o.queue.work<{ runId: string }>(
    SYNC_RUN_QUEUE,
    async (job) => {
      try {
        const result = await executeSyncRun({ ctx: o.ctx, runId: job.data.runId, signal: job.signal, http: o.http });
        if (!result.executed && result.reason === 'busy') {
          await o.queue.send(SYNC_RUN_QUEUE, { runId: job.data.runId }, { startAfterSeconds: BUSY_RETRY_SECONDS, retryLimit: 0 });
        } else if (result.executed) {
          o.log.info({ runId: result.run.id, status: result.run.status, counts: result.run.counts }, 'sync run finished');
        }
      } catch (error) {
        // The run row says `failed` already; the job itself is done (a retry would start a second run).
        o.log.error({ err: error, runId: job.data.runId }, 'sync run stopped on an unexpected error');
      }
    },
    { concurrency: o.concurrency ?? 2 },
  );

  if (o.schedule !== false) {
    await o.queue.work(SYNC_SCHEDULER_QUEUE, async () => {
      await tickScheduler(o, dispatcher);
    });
    await o.queue.schedule(SYNC_SCHEDULER_QUEUE, '* * * * *');
  }
  return dispatcher;
}

/** One scheduler tick; exported for tests, which call it instead of waiting for the minute. */
export async function tickScheduler(o: Pick<StartSyncJobsOptions, 'ctx' | 'log'>, dispatcher: SyncDispatcher): Promise<{ queued: number; redispatched: number; lost: number }> {
  const db = o.ctx.database.db;
  const lost = await markLostRuns(db, LOST_AFTER_SECONDS);
  const due = await queryRows<{ id: string; account_id: string }>(db, sql`
    select i.id, i.account_id from psa_integrations i
    where i.status = 'active'
      and not exists (select 1 from sync_runs r where r.integration_id = i.id and r.status in ('queued', 'running'))
      and coalesce((select max(r.created_at) from sync_runs r where r.integration_id = i.id and r.trigger <> 'retry'), '-infinity'::timestamptz)
        < now() - make_interval(mins => coalesce((i.settings->>'scheduleMinutes')::int, 60))`);
  let queued = 0;
  for (const integration of due) {
    try {
      const { created } = await requestSync({ ctx: { ...o.ctx, sync: dispatcher }, accountId: integration.account_id, integrationId: integration.id, trigger: 'schedule', full: false });
      queued += Number(created);
    } catch (error) {
      o.log.warn({ err: error, integrationId: integration.id }, 'could not queue a scheduled sync');
    }
  }
  // A run queued by a process that stopped before handing it over (or by a CLI) would wait forever otherwise.
  const stranded = await queryRows<{ id: string; integration_id: string }>(db, sql`
    select id, integration_id from sync_runs where status = 'queued' and created_at < now() - interval '1 minute'`);
  for (const run of stranded) await dispatcher.dispatch({ id: run.id, integrationId: run.integration_id });
  return { queued, redispatched: stranded.length, lost };
}
