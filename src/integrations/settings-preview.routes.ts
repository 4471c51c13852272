import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { idParams, psaErrorResponses, settingsPreview, settingsPreviewBody } from './integration.schemas.js';
import { previewSettings } from './preview-settings.js';

const tags = ['Integrations'];

export function registerSettingsPreviewRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');

  app.post('/integrations/:id/settings-preview', {
    schema: {
      tags,
      summary: 'What saving scope or contacts changes would do at the next sync (created, linked, orphaned, healed); changes nothing',
      params: idParams,
      body: settingsPreviewBody,
      response: { 200: settingsPreview, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: (request) => previewSettings({ ctx, accountId: callerOf(request).accountId, integrationId: request.params.id, ...request.body }),
  });
}
