import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { accounts, sessions } from '../db/schema/index.js';
import { authorize, callerOf, csrfTokenFor, SESSION_COOKIE } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { errorResponses, isoDateTime } from '../http/schemas.js';
import { AppError } from '../shared/errors.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { roleSchema } from './roles.js';
import { signIn } from './sign-in.js';

const me = z
  .object({
    user: z.object({ id: z.uuid(), email: z.string(), role: roleSchema }),
    account: z.object({ id: z.uuid(), name: z.string() }),
    csrfToken: z.string().describe('Send as X-CSRF-Token on every state-changing request made with the cookie'),
  })
  .describe('Session');

const apiKey = z.object({ id: z.uuid(), name: z.string(), prefix: z.string(), createdAt: isoDateTime, lastUsedAt: isoDateTime.nullable() });
const iso = <T extends { createdAt: Date; lastUsedAt: Date | null }>(k: T) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

export function registerAuthRoutes(app: App, ctx: AppContext) {
  const accountName = async (accountId: string) =>
    (await ctx.database.db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)))[0]!;

  app.post('/auth/sign-in', {
    schema: {
      tags: ['Authentication'],
      summary: 'Sign in with email and password; sets the session cookie',
      body: z.strictObject({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) }),
      response: { 200: me, ...errorResponses },
    },
    // Per-address limit on top of the per-user lockout in sign-in.ts, so one client cannot spray many accounts.
    config: { rateLimit: { max: ctx.config.signInRateLimit, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      const { token, session, user } = await signIn({
        db: ctx.database.db,
        email: request.body.email,
        password: request.body.password,
        sessionTtlMs: ctx.config.sessionTtlMs,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        path: '/',
        expires: session.expiresAt,
      });
      return {
        user: { id: user.id, email: user.email, role: user.role },
        account: await accountName(user.accountId),
        csrfToken: csrfTokenFor(ctx, token),
      };
    },
  });

  app.get('/auth/session', {
    schema: { tags: ['Authentication'], summary: 'The signed-in user and the CSRF token', response: { 200: me, ...errorResponses } },
    preHandler: authorize(ctx, 'readonly'),
    handler: async (request) => {
      const caller = callerOf(request);
      const token = request.cookies[SESSION_COOKIE];
      if (caller.via !== 'session' || !token) throw new AppError('unauthenticated', 'This needs a browser session.');
      return {
        user: { id: caller.userId, email: caller.email, role: caller.role },
        account: await accountName(caller.accountId),
        csrfToken: csrfTokenFor(ctx, token),
      };
    },
  });

  app.post('/auth/sign-out', {
    schema: { tags: ['Authentication'], summary: 'End the session', response: { 204: z.null(), ...errorResponses } },
    preHandler: authorize(ctx, 'readonly'),
    handler: async (request, reply) => {
      const caller = callerOf(request);
      if (caller.sessionId) {
        await ctx.database.db
          .delete(sessions)
          .where(and(eq(sessions.id, caller.sessionId), eq(sessions.accountId, caller.accountId)));
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/api-keys', {
    schema: { tags: ['API keys'], summary: 'Your API keys (never the keys themselves)', response: { 200: z.object({ items: z.array(apiKey) }), ...errorResponses } },
    preHandler: authorize(ctx, 'readonly'),
    handler: async (request) => {
      const caller = callerOf(request);
      const rows = await listApiKeys({ db: ctx.database.db, accountId: caller.accountId, userId: caller.userId });
      return { items: rows.map(iso) };
    },
  });

  app.post('/api-keys', {
    schema: {
      tags: ['API keys'],
      summary: 'Create an API key; the key is shown in this response only',
      body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
      response: { 201: apiKey.extend({ key: z.string() }), ...errorResponses },
    },
    preHandler: authorize(ctx, 'readonly'),
    handler: async (request, reply) => {
      const caller = callerOf(request);
      const created = await createApiKey({ db: ctx.database.db, accountId: caller.accountId, userId: caller.userId, name: request.body.name });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(iso(created));
    },
  });

  app.delete('/api-keys/:id', {
    schema: { tags: ['API keys'], summary: 'Revoke an API key', params: z.strictObject({ id: z.uuid() }), response: { 204: z.null(), ...errorResponses } },
    preHandler: authorize(ctx, 'readonly'),
    handler: async (request, reply) => {
      const caller = callerOf(request);
      await revokeApiKey({ db: ctx.database.db, accountId: caller.accountId, userId: caller.userId, id: request.params.id });
      return reply.status(204).send(null);
    },
  });
}
