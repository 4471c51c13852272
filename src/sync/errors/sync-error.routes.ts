import { z } from 'zod';
import { authorize, callerOf } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { errorBody, errorResponses, isoDateTime } from '../../http/schemas.js';
import { listSyncErrors } from './list-sync-errors.js';
import { retrySyncError } from './retry-sync-error.js';

const tags = ['Sync errors'];

const syncErrorDto = z
  .object({
    id: z.uuid(),
    kind: z.enum(['organization', 'configuration', 'contact']),
    recordId: z.uuid().nullable().describe('Null when the PSA record could not be created at all'),
    recordName: z.string(),
    externalId: z.string().describe('The record id in the PSA'),
    code: z.string(),
    message: z.string().describe('What is wrong, in words an admin can act on in the PSA'),
    at: isoDateTime,
    integrationId: z.uuid(),
  })
  .describe('SyncError');

/** The error inbox, account-wide: admins only. */
export function registerSyncErrorRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');

  app.get('/sync-errors', {
    schema: {
      tags,
      summary: 'Every record in error across the account, and PSA records that could not be created; newest first',
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(500).optional() }),
      response: { 200: z.object({ items: z.array(syncErrorDto), nextCursor: z.string().nullable() }), ...errorResponses },
    },
    preHandler: admin,
    handler: (request) => listSyncErrors({ db: ctx.database.db, accountId: callerOf(request).accountId, ...request.query }),
  });

  app.post('/sync-errors/:id/retry', {
    schema: {
      tags,
      summary: 'Read the PSA record again now and apply it',
      params: z.strictObject({ id: z.uuid() }),
      response: { 200: z.object({ outcome: z.enum(['fixed', 'still_failing', 'gone']), message: z.string() }).describe('SyncErrorRetry'), ...errorResponses, 502: errorBody },
    },
    preHandler: admin,
    handler: (request) => {
      const caller = callerOf(request);
      return retrySyncError({ ctx, accountId: caller.accountId, errorId: request.params.id, userId: caller.userId });
    },
  });
}
