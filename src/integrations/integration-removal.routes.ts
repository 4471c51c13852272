import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { actorOf } from './integration-store.js';
import { idParams, psaErrorResponses, removalPreview, removalResult, removeBody } from './integration.schemas.js';
import { previewRemoveIntegration } from './preview-remove-integration.js';
import { removeIntegration } from './remove-integration.js';

const tags = ['Integrations'];

export function registerIntegrationRemovalRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');

  app.get('/integrations/:id/removal-preview', {
    schema: {
      tags,
      summary: 'What removing the integration would do (links removed, records kept), and the token to confirm it',
      params: idParams,
      response: { 200: removalPreview, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: (request) => previewRemoveIntegration({ ctx, accountId: callerOf(request).accountId, integrationId: request.params.id }),
  });

  app.delete('/integrations/:id', {
    schema: {
      tags,
      summary: 'Remove the integration as previewed; records stay as local records',
      params: idParams,
      body: removeBody,
      response: { 200: removalResult, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: async (request) => {
      const caller = callerOf(request);
      const removed = await removeIntegration({
        ctx,
        accountId: caller.accountId,
        integrationId: request.params.id,
        actor: actorOf(caller),
        confirmationToken: request.body.confirmationToken,
      });
      return { removed };
    },
  });
}
