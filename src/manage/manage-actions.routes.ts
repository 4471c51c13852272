import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { actorOf } from '../integrations/integration-store.js';
import { deleteResult, deletionPreview } from '../trash/trash.schemas.js';
import { enableScope } from './enable-scope.js';
import { jobAccepted } from './jobs/manage-job.schemas.js';
import { answerStarted, startManageAction } from './jobs/start-manage-action.js';
import {
  changedResult,
  disconnectBody,
  disconnectPreviewBody,
  orphansDeleteBody,
  orphansPreviewBody,
  reconnectBody,
  recordsSyncBody,
  scopeDisconnectPreview,
  scopeDisconnectResult,
  scopeParams,
  scopeResult,
} from './manage-actions.schemas.js';
import { previewDeleteOrphans } from './preview-delete-orphans.js';
import { previewDisconnectScope } from './preview-disconnect-scope.js';
import { reconnectRecords } from './reconnect-records.js';
import { setRecordsSync } from './set-records-sync.js';

const tags = ['Manage Data'];

/** Manage Data's write actions: record sync, scope disconnect/resume/reconnect, Delete All orphans. Admins only. */
export function registerManageActionRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');
  const who = (request: Parameters<typeof callerOf>[0]) => {
    const caller = callerOf(request);
    return { ctx, accountId: caller.accountId, actor: actorOf(caller) };
  };

  app.post('/manage/records/sync', {
    schema: { tags, summary: 'Disable Sync or Enable Sync (reconnect) on one or many linked records', body: recordsSyncBody, response: { 200: changedResult, ...errorResponses } },
    preHandler: admin,
    handler: (request) => setRecordsSync({ ...who(request), ...request.body }),
  });

  app.post('/manage/reconnect', {
    schema: { tags, summary: 'Reconnect every disconnected (sync disabled) record of a kind, or of a kind and PSA type', body: reconnectBody, response: { 200: changedResult, ...errorResponses } },
    preHandler: admin,
    handler: (request) => reconnectRecords({ ...who(request), ...request.body }),
  });

  app.post('/manage/scopes/:scopeId/disconnect-preview', {
    schema: {
      tags,
      summary: 'What disconnecting a scope (pause, unlink or delete) would do, and the token to confirm it',
      params: scopeParams,
      body: disconnectPreviewBody,
      response: { 200: scopeDisconnectPreview, ...errorResponses },
    },
    preHandler: admin,
    handler: (request) => previewDisconnectScope({ ctx, accountId: callerOf(request).accountId, scopeId: request.params.scopeId, mode: request.body.mode }),
  });

  app.post('/manage/scopes/:scopeId/disconnect', {
    schema: {
      tags,
      summary: 'Disconnect a scope as previewed (refused with preview_stale when anything changed since); 202 with a job when large',
      params: scopeParams,
      body: disconnectBody,
      response: { 200: scopeDisconnectResult, 202: jobAccepted, ...errorResponses },
    },
    preHandler: admin,
    handler: async (request, reply) =>
      answerStarted(reply, await startManageAction({ ...who(request), action: 'scope.disconnect', params: { scopeId: request.params.scopeId, ...request.body } })),
  });

  app.post('/manage/scopes/:scopeId/resume', {
    schema: { tags, summary: 'Resume a paused scope: the next run syncs its records again', params: scopeParams, response: { 200: scopeResult, ...errorResponses } },
    preHandler: admin,
    handler: (request) => enableScope({ ...who(request), scopeId: request.params.scopeId, event: 'resume' }),
  });

  app.post('/manage/scopes/:scopeId/reconnect', {
    schema: { tags, summary: 'Reconnect a disconnected scope: the next run re-matches its PSA records, never duplicating', params: scopeParams, response: { 200: scopeResult, ...errorResponses } },
    preHandler: admin,
    handler: (request) => enableScope({ ...who(request), scopeId: request.params.scopeId, event: 'reconnect' }),
  });

  app.post('/manage/orphans/delete-preview', {
    schema: { tags, summary: 'What deleting every orphaned record of a kind (or kind and type) would remove, and the token', body: orphansPreviewBody, response: { 200: deletionPreview, ...errorResponses } },
    preHandler: admin,
    handler: (request) => previewDeleteOrphans({ ctx, accountId: callerOf(request).accountId, ...request.body }),
  });

  app.post('/manage/orphans/delete', {
    schema: {
      tags,
      summary: 'Delete All orphaned records of a kind (or kind and type) as previewed, into one trash batch; 202 with a job when large',
      body: orphansDeleteBody,
      response: { 200: deleteResult, 202: jobAccepted, ...errorResponses },
    },
    preHandler: admin,
    handler: async (request, reply) => answerStarted(reply, await startManageAction({ ...who(request), action: 'orphans.delete', params: request.body })),
  });
}
