import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiKey, authenticateSession } from '../accounts/authenticate.js';
import type { Caller } from '../accounts/caller.js';
import { hasRole, type Role } from '../accounts/roles.js';
import { hashToken } from '../accounts/tokens.js';
import { AppError } from '../shared/errors.js';
import type { AppContext } from './context.js';

export const SESSION_COOKIE = 'psalink_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token is derived from the session token, so nothing extra is stored and it dies with the session. */
export const csrfTokenFor = (ctx: AppContext, sessionToken: string) => ctx.secretBox.mac('csrf', hashToken(sessionToken));

/**
 * Resolves the caller from `Authorization: Bearer` (API key) or the session cookie. Cookie-authenticated requests
 * that change state must carry the CSRF header; bearer requests cannot be forged cross-site, so they need none.
 */
export async function resolveCaller(ctx: AppContext, request: FastifyRequest): Promise<Caller> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError('unauthenticated', 'Use "Authorization: Bearer <API key>".');
    return authenticateApiKey(ctx.database.db, match[1]!);
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw new AppError('unauthenticated', 'Sign in to continue.');
  const caller = await authenticateSession(ctx.database.db, token);
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || sent !== csrfTokenFor(ctx, token)) {
      throw new AppError('csrf_failed', 'The request is missing its CSRF token. Reload the page and try again.');
    }
  }
  return caller;
}

/** preHandler for a route: authenticates and checks the role; the caller is then on request.caller. */
export function authorize(ctx: AppContext, role: Role) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const caller = await resolveCaller(ctx, request);
    if (!hasRole(caller.role, role)) {
      throw new AppError('forbidden', `This needs the ${role} role or higher; you are ${caller.role}.`);
    }
    request.caller = caller;
  };
}

/** The authenticated caller inside a handler that used authorize(). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.caller;
}
