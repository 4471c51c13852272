import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAuthRoutes } from '../accounts/auth.routes.js';
import { configurationResource } from '../configurations/configuration.resource.js';
import { contactResource } from '../contacts/contact.resource.js';
import { documentResource } from '../documents/document.resource.js';
import { registerIntegrationRoutes } from '../integrations/integration.routes.js';
import { registerRunRoutes } from '../sync/runs/run.routes.js';
import { registerSyncErrorRoutes } from '../sync/errors/sync-error.routes.js';
import { registerLookupRoutes } from '../lookups/lookup.routes.js';
import { registerManageActionRoutes } from '../manage/manage-actions.routes.js';
import { registerManageJobRoutes } from '../manage/jobs/manage-job.routes.js';
import { registerManageRoutes } from '../manage/manage.routes.js';
import { registerRecordLinkRoutes } from '../manage/record-link.routes.js';
import { organizationResource } from '../organizations/organization.resource.js';
import { passwordResource } from '../passwords/password.resource.js';
import { registerPasswordSecretRoute } from '../passwords/password.routes.js';
import { registerResourceRoutes } from '../records/resource-routes.js';
import { registerTrashRoutes } from '../trash/trash.routes.js';
import type { App, AppContext } from './context.js';
import { handleError, toErrorBody } from './error-handler.js';
import { registerOpenApi } from './openapi.js';
import { redactPaths } from './redact.js';
import { rejectNulCharacters } from './reject-nul.js';

/** The built SPA (vite build → dist/web), served from the same origin as the API. */
const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export async function buildApp(ctx: AppContext, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: ctx.config.logLevel, redact: redactPaths },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: false,
    // The router refuses a malformed URL or an over-long path parameter before any hook runs: answer in our format too.
    frameworkErrors: (_error, _request, reply: FastifyReply) => reply.status(400).send(toErrorBody('validation_failed', 'The request URL is not valid.')),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.removeContentTypeParser('application/json');
  rejectNulCharacters(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app);

  app.get('/api/health', {
    schema: { tags: ['Health'], summary: 'Is the database reachable?', response: { 200: z.object({ status: z.literal('ok') }), 503: z.unknown() } },
    handler: async (_request, reply) => {
      try {
        await ctx.database.ping();
        return { status: 'ok' as const };
      } catch {
        return reply.status(503).send(toErrorBody('database_unavailable', 'The database is not reachable.'));
      }
    },
  });

  await app.register(
    async (api) => {
      const v1 = api as unknown as App;
      registerAuthRoutes(v1, ctx);
      for (const resource of [organizationResource, configurationResource, contactResource, passwordResource, documentResource]) {
        registerResourceRoutes(v1, ctx, resource);
      }
      registerPasswordSecretRoute(v1, ctx);
      registerLookupRoutes(v1, ctx);
      registerIntegrationRoutes(v1, ctx);
      registerRunRoutes(v1, ctx);
      registerSyncErrorRoutes(v1, ctx);
      registerTrashRoutes(v1, ctx);
      registerManageRoutes(v1, ctx);
      registerManageActionRoutes(v1, ctx);
      registerRecordLinkRoutes(v1, ctx);
      registerManageJobRoutes(v1, ctx);
    },
    { prefix: '/api/v1' },
  );

  await registerSpa(app);
  return app;
}

/** Unknown /api paths answer JSON 404s; every other GET gets the SPA so that client-side routes survive a reload. */
async function registerSpa(app: App) {
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false, prefix: '/' });
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/') || !hasWeb) {
      return reply.status(404).send(toErrorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
