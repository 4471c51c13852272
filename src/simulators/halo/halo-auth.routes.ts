import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimContext } from '../module.js';
import { type HaloScope, type HaloTokenIssuer, allows, parseScopes } from './halo-tokens.js';

export interface HaloAuthOptions {
  tokens: HaloTokenIssuer;
  /** What the API application is granted in Halo (Configuration > Integrations > HaloPSA API > Applications). */
  grantedScopes: readonly HaloScope[];
}

/** OAuth errors as Halo's authorisation server (IdentityServer) answers them: 400 with `{"error": …}`. */
function oauthError(reply: FastifyReply, error: string) {
  return reply.status(400).header('cache-control', 'no-store').header('pragma', 'no-cache').send({ error });
}

/** client_secret_basic: the client id and secret may come in a Basic Authorization header instead of the form. */
function basicCredentials(request: FastifyRequest): { id?: string; secret?: string } {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return {};
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/**
 * `POST /auth/token` (client credentials). The tenant comes as `?tenant=` on hosted instances; when given it must be
 * this instance's. Credentials are read from the context at each request, so tests can rotate them.
 */
export function registerHaloAuthRoutes(app: FastifyInstance, ctx: SimContext, options: HaloAuthOptions) {
  app.post('/auth/token', async (request, reply) => {
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body) || !isForm(request)) {
      return oauthError(reply, 'invalid_request');
    }
    const form = request.body as Record<string, string | undefined>;
    const { tenant } = request.query as { tenant?: string };
    const basic = basicCredentials(request);
    const clientId = form.client_id ?? basic.id;
    const clientSecret = form.client_secret ?? basic.secret;
    if (!form.grant_type) return oauthError(reply, 'invalid_request');
    if (form.grant_type !== 'client_credentials') return oauthError(reply, 'unsupported_grant_type');
    if (!clientId) return oauthError(reply, 'invalid_request');
    const tenantMatches = tenant === undefined || tenant.toLowerCase() === (ctx.credentials.tenant ?? '').toLowerCase();
    if (!tenantMatches || clientId !== ctx.credentials.clientId || clientSecret !== ctx.credentials.clientSecret) {
      return oauthError(reply, 'invalid_client');
    }
    const scopes = parseScopes(form.scope);
    if (!scopes || !scopes.every((scope) => isGranted(scope, options.grantedScopes))) return oauthError(reply, 'invalid_scope');
    const token = options.tokens.issue(scopes);
    return reply
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send({ scope: scopes.join(' '), token_type: 'Bearer', access_token: token.accessToken, expires_in: token.expiresIn });
  });
}

function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function isGranted(scope: HaloScope, granted: readonly HaloScope[]): boolean {
  if (granted.includes('all') || granted.includes(scope)) return true;
  if (scope === 'all' || scope === 'all:standard') return false;
  const [verb, area] = scope.split(':') as ['read' | 'edit', 'customers' | 'assets'];
  return allows(granted, area, verb === 'edit');
}
