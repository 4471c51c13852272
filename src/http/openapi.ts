import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { App } from './context.js';

/** The zod schemas of the routes are the contract; this turns them into /api/openapi.json and /api/docs. */
export async function registerOpenApi(app: App) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'psalink API',
        version: '1',
        description:
          'PSA integration hub. Authenticate with `Authorization: Bearer <API key>` (create one with `psalink api-key create` or POST /api/v1/api-keys), or with the session cookie plus the `X-CSRF-Token` header from /api/v1/auth/session. Errors are `{"error":{"code","message","details"}}`. Lists use keyset pagination: pass `nextCursor` back as `cursor`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (psl_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'psalink_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
