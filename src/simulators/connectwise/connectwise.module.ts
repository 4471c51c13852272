import type { SimulatorModule } from '../module.js';
import type { CwCredentials } from './auth.js';
import { buildCatalogs } from './catalogs.js';
import { errorBodyFor } from './errors.js';
import { API_PREFIX, registerApiRoutes } from './routes.js';

/** What /login/companyinfo reports about the simulated site; clients read `Codebase` to build the API URL. */
export const CODEBASE = 'v4_6_release/';
export const VERSION_CODE = 'v2025.1';
export const VERSION_NUMBER = 'v4.6.95000';

/**
 * Simulated ConnectWise PSA (Manage) REST API 3.0: API-member Basic auth plus clientId, companies, configurations and
 * contacts with their lookups, the conditions grammar, navigable and forward-only paging, and writes.
 */
export const connectwiseModule: SimulatorModule = {
  psa: 'connectwise',
  credentialOptions: [
    { key: 'companyId', flag: '--company-id', description: 'Login company id (the first part of the Basic user name)', default: 'psalink' },
    { key: 'publicKey', flag: '--public-key', description: "API member's public key", default: 'SimPublicKey0001' },
    { key: 'privateKey', flag: '--private-key', description: "API member's private key", default: 'SimPrivateKey001' },
    { key: 'clientId', flag: '--client-id', description: 'Integration clientId sent in the clientId header', default: '3c6d7b52-5d4f-4f7e-9b8a-2f1c0e6a9d41' },
  ],
  baseUrl: (origin) => origin + API_PREFIX,
  // ASP.NET routing on the real servers ignores case.
  caseInsensitivePaths: true,
  errorBody: (status, message) => errorBodyFor(status, message),
  async register(app, ctx) {
    const credentials = ctx.credentials as unknown as CwCredentials;

    app.get('/login/companyinfo/:companyId', async (request, reply) => {
      const { companyId } = request.params as { companyId: string };
      if (companyId.toLowerCase() !== credentials.companyId.toLowerCase()) {
        return reply.status(404).send({ code: 'NotFound', message: `Company '${companyId}' was not found on this site.` });
      }
      return {
        CompanyName: `${credentials.companyId} (simulated)`,
        Codebase: CODEBASE,
        VersionCode: VERSION_CODE,
        VersionNumber: VERSION_NUMBER,
        CompanyID: credentials.companyId,
        IsCloud: false,
        SiteUrl: request.headers.host ?? '',
        AllowAnonymousRegistration: false,
      };
    });

    await registerApiRoutes(app, { world: ctx.world, catalogs: buildCatalogs(ctx.world), deletedAt: new Map() }, credentials);
  },
};
