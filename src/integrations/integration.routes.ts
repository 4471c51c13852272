import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { psaIntegrations } from '../db/schema/index.js';
import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { addIntegration } from './add-integration.js';
import { integrationDto, toIntegrationDto } from './integration-dto.js';
import { registerIntegrationRemovalRoutes } from './integration-removal.routes.js';
import { registerIntegrationScopeRoutes } from './integration-scope.routes.js';
import { registerMatchRoutes } from '../matches/match.routes.js';
import { registerSettingsPreviewRoutes } from './settings-preview.routes.js';
import { actorOf, findIntegration } from './integration-store.js';
import { addBody, idParams, psaErrorResponses, testBody, testResult, updateBody } from './integration.schemas.js';
import { pauseIntegration } from './pause-integration.js';
import { resumeIntegration } from './resume-integration.js';
import { testConnection, testIntegrationConnection } from './test-connection.js';
import { updateIntegration } from './update-integration.js';

const tags = ['Integrations'];

/** Account → Integrations: admins only, everything scoped to the caller's account. */
export function registerIntegrationRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');

  app.get('/integrations', {
    schema: { tags, summary: "The account's PSA integration (at most one)", response: { 200: z.object({ items: z.array(integrationDto) }), ...psaErrorResponses } },
    preHandler: admin,
    handler: async (request) => {
      const rows = await ctx.database.db.select().from(psaIntegrations).where(eq(psaIntegrations.accountId, callerOf(request).accountId));
      return { items: await Promise.all(rows.map((row) => toIntegrationDto(ctx, row))) };
    },
  });

  app.get('/integrations/:id', {
    schema: { tags, summary: 'One integration with its sync settings and scopes', params: idParams, response: { 200: integrationDto, ...psaErrorResponses } },
    preHandler: admin,
    handler: async (request) => toIntegrationDto(ctx, await findIntegration(ctx.database.db, callerOf(request).accountId, request.params.id)),
  });

  app.post('/integrations', {
    schema: {
      tags,
      summary: "Connect the account's PSA; reads its types and statuses (all enabled) before saving",
      body: addBody,
      response: { 201: integrationDto, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: async (request, reply) => {
      const caller = callerOf(request);
      const { integration } = await addIntegration({ ctx, accountId: caller.accountId, actor: actorOf(caller), ...request.body });
      return reply.status(201).send(await toIntegrationDto(ctx, integration));
    },
  });

  app.patch('/integrations/:id', {
    schema: { tags, summary: 'Change the name, URL, credentials (all replaced) or sync settings', params: idParams, body: updateBody, response: { 200: integrationDto, ...psaErrorResponses } },
    preHandler: admin,
    handler: async (request) => {
      const caller = callerOf(request);
      const row = await updateIntegration({ ctx, accountId: caller.accountId, integrationId: request.params.id, actor: actorOf(caller), ...request.body });
      return toIntegrationDto(ctx, row);
    },
  });

  for (const [action, run] of [['pause', pauseIntegration], ['resume', resumeIntegration]] as const) {
    app.post(`/integrations/:id/${action}`, {
      schema: { tags, summary: action === 'pause' ? 'Pause every sync of the integration' : 'Resume syncing', params: idParams, response: { 200: integrationDto, ...psaErrorResponses } },
      preHandler: admin,
      handler: async (request) => {
        const caller = callerOf(request);
        return toIntegrationDto(ctx, await run({ ctx, accountId: caller.accountId, integrationId: request.params.id, actor: actorOf(caller) }));
      },
    });
  }

  app.post('/integrations/test', {
    schema: { tags, summary: 'Test a provider, URL and credentials before saving them', body: testBody, response: { 200: testResult, ...psaErrorResponses } },
    preHandler: admin,
    handler: (request) => testConnection(request.body),
  });

  app.post('/integrations/:id/test', {
    schema: { tags, summary: "Test the saved integration's connection", params: idParams, response: { 200: testResult, ...psaErrorResponses } },
    preHandler: admin,
    handler: (request) => testIntegrationConnection({ ctx, accountId: callerOf(request).accountId, integrationId: request.params.id }),
  });

  registerIntegrationScopeRoutes(app, ctx);
  registerSettingsPreviewRoutes(app, ctx);
  registerMatchRoutes(app, ctx);
  registerIntegrationRemovalRoutes(app, ctx);
}
