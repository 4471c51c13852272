import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { listGroupedScopes } from './integration-dto.js';
import { actorOf } from './integration-store.js';
import { idParams, psaErrorResponses, refreshResult, setScopesBody, setScopesResult } from './integration.schemas.js';
import { refreshScopes } from './refresh-scopes.js';
import { setScopeStates } from './set-scope-states.js';

const tags = ['Integrations'];

export function registerIntegrationScopeRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');

  app.post('/integrations/:id/scopes/refresh', {
    schema: {
      tags,
      summary: "Read the PSA's types and statuses again; new ones start excluded",
      params: idParams,
      response: { 200: refreshResult, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: async (request) => {
      const { accountId } = callerOf(request);
      const result = await refreshScopes({ ctx, accountId, integrationId: request.params.id });
      return { ...result, scopes: await listGroupedScopes(ctx.database.db, accountId, request.params.id) };
    },
  });

  app.put('/integrations/:id/scopes', {
    schema: {
      tags,
      summary: 'Choose which PSA types and statuses sync (enabled or excluded)',
      params: idParams,
      body: setScopesBody,
      response: { 200: setScopesResult, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: async (request) => {
      const caller = callerOf(request);
      const changed = await setScopeStates({ ctx, accountId: caller.accountId, integrationId: request.params.id, actor: actorOf(caller), scopes: request.body.scopes });
      return { changed, scopes: await listGroupedScopes(ctx.database.db, caller.accountId, request.params.id) };
    },
  });
}
