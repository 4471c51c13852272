import { z } from 'zod';
import { authorize, callerOf } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { errorResponses } from '../../http/schemas.js';
import { actorOf, findIntegration } from '../../integrations/integration-store.js';
import { getRun, listRuns } from './list-runs.js';
import { runDetailDto, runDto, toRunDto } from './run-dto.js';
import { streamRunEvents } from './run-events.js';
import { requestCancel } from './run-store.js';
import { requestSync } from './request-sync.js';
import { settleHeldRun } from './settle-held-run.js';

const tags = ['Sync runs'];
const integrationParams = z.strictObject({ id: z.uuid() });
const runParams = z.strictObject({ id: z.uuid(), runId: z.uuid() });
const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(500).optional() });

/** Sync now, run history, drill-down, cancel, the safety brake's confirm/discard, live progress. Admins only. */
export function registerRunRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');
  const db = ctx.database.db;

  app.post('/integrations/:id/runs', {
    schema: {
      tags,
      summary: 'Sync now: queue a run (full: refetch everything). If one is already waiting, that one is returned with 200',
      params: integrationParams,
      body: z.strictObject({ full: z.boolean().default(false) }).default({ full: false }),
      response: { 200: runDto, 202: runDto, ...errorResponses },
    },
    preHandler: admin,
    handler: async (request, reply) => {
      const caller = callerOf(request);
      const { run, created } = await requestSync({
        ctx, accountId: caller.accountId, integrationId: request.params.id, trigger: 'manual', full: request.body.full, actor: actorOf(caller), userId: caller.userId,
      });
      return reply.status(created ? 202 : 200).send(toRunDto(run, created ? caller.email : null));
    },
  });

  app.get('/integrations/:id/runs', {
    schema: { tags, summary: 'Run history, newest first', params: integrationParams, querystring: listQuery, response: { 200: z.object({ items: z.array(runDto), nextCursor: z.string().nullable() }), ...errorResponses } },
    preHandler: admin,
    handler: async (request) => {
      const { accountId } = callerOf(request);
      await findIntegration(db, accountId, request.params.id);
      return listRuns({ db, accountId, integrationId: request.params.id, ...request.query });
    },
  });

  app.get('/integrations/:id/runs/:runId', {
    schema: { tags, summary: 'One run with its issues (errors, ambiguous matches, orphans)', params: runParams, response: { 200: runDetailDto, ...errorResponses } },
    preHandler: admin,
    handler: async (request) => {
      const row = await getRun(db, callerOf(request).accountId, request.params.id, request.params.runId);
      return { ...toRunDto(row.run, row.email), issues: row.run.issues as z.infer<typeof runDetailDto>['issues'] };
    },
  });

  app.get('/integrations/:id/runs/:runId/events', {
    schema: { tags, summary: 'Live progress as server-sent events: `run` (a SyncRun) every ~500 ms until it ends, then `end`', params: runParams, produces: ['text/event-stream'], response: { ...errorResponses } },
    preHandler: admin,
    handler: (request, reply) => streamRunEvents(request, reply, { db, accountId: callerOf(request).accountId, integrationId: request.params.id, runId: request.params.runId }),
  });

  app.post('/integrations/:id/runs/:runId/cancel', {
    schema: { tags, summary: 'Cancel a queued run now, or a running one at its next page (what it applied stays)', params: runParams, response: { 200: runDto, ...errorResponses } },
    preHandler: admin,
    handler: async (request) => {
      const { accountId } = callerOf(request);
      await getRun(db, accountId, request.params.id, request.params.runId);
      return toRunDto(await requestCancel(db, accountId, request.params.runId));
    },
  });

  for (const decision of ['confirm', 'discard'] as const) {
    app.post(`/integrations/:id/runs/:runId/${decision}`, {
      schema: {
        tags,
        summary: decision === 'confirm' ? 'Apply what the safety brake held (the orphans it listed)' : 'Discard what the safety brake held: nothing is orphaned',
        params: runParams,
        response: { 200: runDto, ...errorResponses },
      },
      preHandler: admin,
      handler: async (request) => {
        const caller = callerOf(request);
        const run = await settleHeldRun({ db, accountId: caller.accountId, integrationId: request.params.id, runId: request.params.runId, actor: actorOf(caller), decision });
        return toRunDto(run);
      },
    });
  }
}
