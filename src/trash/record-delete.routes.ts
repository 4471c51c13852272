import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { actorOf } from '../integrations/integration-store.js';
import type { RecordKind } from '../psa/canonical.js';
import { moveToTrash } from './move-to-trash.js';
import { previewDeletion } from './preview-deletion.js';
import { deleteBody, deletePreviewBody, deleteResult, deletionPreview } from './trash.schemas.js';

const tags = ['Manage Data'];

/** Deleting chosen records: a preview first, then the delete bound to it, into the trash. Admins only. */
export function registerRecordDeleteRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');

  app.post('/manage/records/delete-preview', {
    schema: {
      tags,
      summary: 'What deleting these records would remove (children and links included), and the token to confirm it',
      body: deletePreviewBody,
      response: { 200: deletionPreview, ...errorResponses },
    },
    preHandler: admin,
    handler: (request) =>
      previewDeletion({ ctx, accountId: callerOf(request).accountId, kind: request.body.kind as RecordKind, ids: request.body.ids }),
  });

  app.post('/manage/records/delete', {
    schema: {
      tags,
      summary: 'Delete the records as previewed into the trash (refused while any of them is syncing)',
      body: deleteBody,
      response: { 200: deleteResult, ...errorResponses },
    },
    preHandler: admin,
    handler: (request) => {
      const caller = callerOf(request);
      return moveToTrash({
        ctx,
        accountId: caller.accountId,
        kind: request.body.kind as RecordKind,
        ids: request.body.ids,
        confirmationToken: request.body.confirmationToken,
        reason: request.body.reason,
        actor: actorOf(caller),
        refuseSyncing: true,
      });
    },
  });
}
