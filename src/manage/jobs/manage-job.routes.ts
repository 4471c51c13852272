import { authorize, callerOf } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { errorResponses } from '../../http/schemas.js';
import { progressBoard } from './manage-job-progress.js';
import { findManageJob, manageJobDto } from './manage-job-store.js';
import { jobParams, manageJob } from './manage-job.schemas.js';

/** Following a large Manage Data action that runs as a job. */
export function registerManageJobRoutes(app: App, ctx: AppContext) {
  app.get('/manage/jobs/:jobId', {
    schema: {
      tags: ['Manage Data'],
      summary: 'A large Manage Data action running as a job: its status, progress, and result or error',
      params: jobParams,
      response: { 200: manageJob, ...errorResponses },
    },
    preHandler: authorize(ctx, 'admin'),
    handler: async (request) => {
      const { accountId } = callerOf(request);
      // A job this process runs answers from memory: on PGlite its transaction holds the only connection.
      return progressBoard.read(request.params.jobId, accountId) ?? manageJobDto(await findManageJob(ctx.database.db, accountId, request.params.jobId));
    },
  });
}
