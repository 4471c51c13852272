import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { getRecordLink } from './get-record-link.js';
import { recordLinkParams, recordLinkResult } from './record-link.schemas.js';

/**
 * The PSA link of one record, for the PSA controls on its page. Every role may read it, as every role reads the
 * record page itself (technicians want "Open in the PSA" most); changing sync stays admin-only (POST /manage/records/sync).
 */
export function registerRecordLinkRoutes(app: App, ctx: AppContext) {
  app.get('/manage/records/:kind/:recordId/link', {
    schema: {
      tags: ['Manage Data'],
      summary: "One record's PSA link: state, orphan reason, PSA id, type and status, last sync, last error and a link into the PSA; null for a local record",
      params: recordLinkParams,
      response: { 200: recordLinkResult, ...errorResponses },
    },
    preHandler: authorize(ctx, 'readonly'),
    handler: async (request) => {
      const { kind, recordId } = request.params;
      return { link: await getRecordLink({ db: ctx.database.db, secretBox: ctx.secretBox, accountId: callerOf(request).accountId, kind, recordId }) };
    },
  });
}
