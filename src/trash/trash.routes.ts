import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { actorOf } from '../integrations/integration-store.js';
import { listTrash, showTrashBatch } from './list-trash.js';
import { purgeTrashBatch } from './purge-trash.js';
import { registerRecordDeleteRoutes } from './record-delete.routes.js';
import { jobAccepted } from '../manage/jobs/manage-job.schemas.js';
import { answerStarted, startManageAction } from '../manage/jobs/start-manage-action.js';
import { getTrashSettings, updateTrashSettings } from './trash-settings.js';
import { batchParams, batchResult, purgeBody, trashBatchDetail, trashPage, trashQuery, trashSettings } from './trash.schemas.js';

const tags = ['Trash'];

/** The trash: every delete as one restorable batch, its retention setting, and the record delete that fills it. */
export function registerTrashRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');
  const db = ctx.database.db;

  app.get('/trash', {
    schema: { tags, summary: 'Trash batches, newest first', querystring: trashQuery, response: { 200: trashPage, ...errorResponses } },
    preHandler: admin,
    handler: (request) => listTrash({ db, accountId: callerOf(request).accountId, ...request.query }),
  });

  app.get('/trash/settings', {
    schema: { tags, summary: 'How long deleted data stays restorable', response: { 200: trashSettings, ...errorResponses } },
    preHandler: admin,
    handler: (request) => getTrashSettings({ db, accountId: callerOf(request).accountId }),
  });

  app.put('/trash/settings', {
    schema: { tags, summary: 'Change how long deleted data stays restorable (new batches)', body: trashSettings, response: { 200: trashSettings, ...errorResponses } },
    preHandler: admin,
    handler: (request) => {
      const caller = callerOf(request);
      return updateTrashSettings({ db, accountId: caller.accountId, actor: actorOf(caller), settings: request.body });
    },
  });

  app.get('/trash/:id', {
    schema: { tags, summary: 'One trash batch and the rows it holds', params: batchParams, response: { 200: trashBatchDetail, ...errorResponses } },
    preHandler: admin,
    handler: (request) => showTrashBatch({ db, accountId: callerOf(request).accountId, batchId: request.params.id }),
  });

  app.post('/trash/:id/restore', {
    schema: {
      tags,
      summary: 'Put every row of the batch back as it was, links included; 202 with a job when large',
      params: batchParams,
      response: { 200: batchResult, 202: jobAccepted, ...errorResponses },
    },
    preHandler: admin,
    handler: async (request, reply) => {
      const caller = callerOf(request);
      const params = { batchId: request.params.id };
      return answerStarted(reply, await startManageAction({ ctx, accountId: caller.accountId, actor: actorOf(caller), action: 'trash.restore', params }));
    },
  });

  app.post('/trash/:id/purge', {
    schema: {
      tags,
      summary: 'Remove the batch for good now (its record of who, when and counts stays)',
      params: batchParams,
      body: purgeBody,
      response: { 200: batchResult, ...errorResponses },
    },
    preHandler: admin,
    handler: (request) => {
      const caller = callerOf(request);
      return purgeTrashBatch({ ctx, accountId: caller.accountId, batchId: request.params.id, actor: actorOf(caller) });
    },
  });

  registerRecordDeleteRoutes(app, ctx);
}
