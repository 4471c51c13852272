import type { Config } from '../config/config.js';
import { startDemoPsa } from '../demo/demo-psa.js';
import { seedDemoIfEmpty } from '../demo/seed-demo.js';
import type { RunningSimulator } from '../simulators/server.js';
import { buildApp } from '../http/app.js';
import { startJobQueue, type JobQueue } from '../jobs/job-queue.js';
import { startSyncJobs } from '../sync/jobs/sync-jobs.js';
import { startTrashJobs } from '../trash/trash-jobs.js';
import { startManageJobs } from '../manage/jobs/manage-job-worker.js';
import { openContext } from './open-context.js';

/**
 * `psalink serve`: migrate, seed the demo on an empty database, start the job queue (sync runs, the schedule), listen,
 * and close cleanly on SIGINT/SIGTERM: a run in progress is cancelled between pages, and the next run converges.
 */
export async function serve(config: Config) {
  const ctx = await openContext(config);
  const app = await buildApp(ctx);
  let demoPsa: RunningSimulator | undefined;
  let queue: JobQueue | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await queue?.stop();
      await demoPsa?.close();
    } finally {
      await ctx.close();
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  queue = await startJobQueue({ database: ctx.database, log: app.log });
  ctx.sync = await startSyncJobs({ ctx, queue, log: app.log });
  ctx.manageJobs = await startManageJobs({ ctx, queue, log: app.log });
  await startTrashJobs({ ctx, queue, log: app.log });
  const demo = await seedDemoIfEmpty(ctx);
  if (config.demoPsa) demoPsa = await startDemoPsa(ctx, { firstStart: demo !== undefined });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
  const where = ctx.database.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL';
  console.log(`psalink is running at ${url} (${where}). API docs: ${url}/api/docs`);
  if (demo) console.log(`First start: sign in at ${url} as ${demo.email} with password ${demo.password}`);
  if (demoPsa) console.log(`Demo PSA: a simulated ConnectWise PSA at ${demoPsa.baseUrl} feeds the demo account (PSALINK_DEMO_PSA=off to start without it).`);
  return app;
}
