import type { FastifyError, FastifyInstance } from 'fastify';
import type { SimContext, SimulatorModule } from '../module.js';
import { registerHaloResource, authorizer } from './halo-api.routes.js';
import { haloAssets } from './halo-assets.js';
import { registerHaloAuthRoutes } from './halo-auth.routes.js';
import { haloClients } from './halo-clients.js';
import { haloErrorBody, sendHaloError } from './halo-errors.js';
import { registerHaloLookupRoutes } from './halo-lookup.routes.js';
import { type HaloScope, HaloTokenIssuer } from './halo-tokens.js';
import { haloUsers } from './halo-users.js';

export interface HaloModuleOptions {
  /** Access token lifetime in seconds, on the simulated clock (Halo's default is one hour). */
  tokenLifetimeSeconds?: number;
  /** Scopes the API application is granted; requesting any other scope is refused with `invalid_scope`. */
  grantedScopes?: HaloScope[];
}

const defaultLifetime = () => {
  const fromEnv = Number(process.env.PSALINK_HALO_TOKEN_LIFETIME_SECONDS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 3600;
};

/**
 * The HaloPSA simulator: the server root is the base URL (tokens at `/auth/token`, resources under `/api`), routes
 * match without case as ASP.NET's do, and every `/api` call needs a bearer token from `/auth/token`.
 */
export function createHaloModule(options: HaloModuleOptions = {}): SimulatorModule {
  return {
    psa: 'halo',
    credentialOptions: [
      { key: 'clientId', flag: '--client-id', description: 'Client ID of the Halo API application (client credentials)', default: 'psalink-sim-client' },
      { key: 'clientSecret', flag: '--client-secret', description: 'Client secret of the Halo API application', default: 'psalink-sim-secret-0123456789' },
      { key: 'tenant', flag: '--tenant', description: 'Tenant name, sent as ?tenant= to /auth/token by hosted-instance clients', default: 'psalink' },
    ],
    baseUrl: (origin) => origin,
    caseInsensitivePaths: true,
    errorBody: haloErrorBody,
    async register(app: FastifyInstance, ctx: SimContext) {
      app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
      const tokens = new HaloTokenIssuer(options.tokenLifetimeSeconds ?? defaultLifetime(), () => ctx.world.now());
      registerHaloAuthRoutes(app, ctx, { tokens, grantedScopes: options.grantedScopes ?? ['all'] });
      const authorize = authorizer(tokens);
      await app.register(
        async (api) => {
          api.setNotFoundHandler((_request, reply) => reply.status(404).send(''));
          api.setErrorHandler((error: FastifyError, _request, reply) => {
            const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
            return sendHaloError(reply, status, status === 500 ? 'An error occurred.' : error.message);
          });
          registerHaloResource(api, ctx, haloClients, authorize);
          registerHaloResource(api, ctx, haloAssets, authorize);
          registerHaloResource(api, ctx, haloUsers, authorize);
          registerHaloLookupRoutes(api, ctx, authorize);
        },
        { prefix: '/api' },
      );
    },
  };
}

export const haloModule: SimulatorModule = createHaloModule();
