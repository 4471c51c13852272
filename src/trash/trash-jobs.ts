import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../http/context.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { purgeExpired } from './purge-trash.js';

export const TRASH_PURGE_QUEUE = 'trash-purge';
/** Daily at 03:15 UTC, once across all processes. */
const PURGE_CRON = '15 3 * * *';

export interface StartTrashJobsOptions {
  ctx: Pick<AppContext, 'database'>;
  queue: JobQueue;
  log: Pick<FastifyBaseLogger, 'info'>;
}

/** The daily purge of trash batches past the account's retention period. */
export async function startTrashJobs(o: StartTrashJobsOptions): Promise<void> {
  await o.queue.work(TRASH_PURGE_QUEUE, async () => {
    const purged = await purgeExpired({ db: o.ctx.database.db });
    if (purged > 0) o.log.info({ purged }, 'purged expired trash batches');
  });
  await o.queue.schedule(TRASH_PURGE_QUEUE, PURGE_CRON);
}
