import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../http/context.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { ManageJobDispatcher } from './manage-job-dispatcher.js';
import { JOB_LOST_AFTER_SECONDS, markLostManageJobs, strandedManageJobs } from './manage-job-store.js';
import { runManageJob } from './run-manage-job.js';

export const MANAGE_JOB_QUEUE = 'manage-action';
const MANAGE_SWEEP_QUEUE = 'manage-action-sweep';

export interface StartManageJobsOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  queue: JobQueue;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** false: no minutely sweep (tests call sweepManageJobs themselves). */
  schedule?: boolean;
}

/**
 * Large Manage Data actions on the job queue: a worker runs them one at a time per process (each is one big
 * transaction; two at once would only contend), and a minutely sweep fails jobs whose worker died and hands over
 * jobs whose process stopped before it could. Returns the dispatcher the routes use.
 */
export async function startManageJobs(o: StartManageJobsOptions): Promise<ManageJobDispatcher> {
  const dispatcher: ManageJobDispatcher = {
    // Never retried by the queue: a failed job is reported as failed; running it again is the person's choice.
    dispatch: async (jobId) => void (await o.queue.send(MANAGE_JOB_QUEUE, { jobId }, { singletonKey: jobId, retryLimit: 0 })),
  };
  // One process owns a PGlite data dir: a job it left running when it stopped certainly died (and rolled back).
  if (o.ctx.database.engine === 'pglite') await markLostManageJobs(o.ctx.database.db, 0);
  await o.queue.work<{ jobId: string }>(MANAGE_JOB_QUEUE, async (job) => {
    try {
      await runManageJob(o.ctx, job.data.jobId);
    } catch (error) {
      o.log.warn({ err: error, jobId: job.data.jobId }, 'a Manage Data job could not record its outcome');
    }
  });
  if (o.schedule !== false) {
    await o.queue.work(MANAGE_SWEEP_QUEUE, () => sweepManageJobs(o.ctx, dispatcher).then(() => undefined));
    await o.queue.schedule(MANAGE_SWEEP_QUEUE, '* * * * *');
  }
  return dispatcher;
}

/** Fails jobs whose worker went silent and re-dispatches jobs queued over a minute ago (a second dispatch is a no-op). */
export async function sweepManageJobs(ctx: Pick<AppContext, 'database'>, dispatcher: ManageJobDispatcher) {
  const lost = await markLostManageJobs(ctx.database.db, JOB_LOST_AFTER_SECONDS);
  const stranded = await strandedManageJobs(ctx.database.db);
  for (const jobId of stranded) await dispatcher.dispatch(jobId);
  return { lost, redispatched: stranded.length };
}
