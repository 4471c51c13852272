import { z } from 'zod';
import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { findRecord } from '../records/resource.js';
import { passwordResource } from './password.resource.js';

/** Secrets are revealed one at a time, on purpose, never in lists. */
export function registerPasswordSecretRoute(app: App, ctx: AppContext) {
  app.get('/passwords/:id/secret', {
    schema: {
      tags: ['Passwords'],
      summary: 'Reveal the secret of a password',
      params: z.strictObject({ id: z.uuid() }),
      response: { 200: z.object({ secret: z.string() }), ...errorResponses },
    },
    preHandler: authorize(ctx, 'readonly'),
    handler: async (request, reply) => {
      const row = await findRecord(ctx, passwordResource, callerOf(request), request.params.id);
      reply.header('cache-control', 'no-store');
      return { secret: ctx.secretBox.decrypt(row.secretCiphertext as string) };
    },
  });
}
