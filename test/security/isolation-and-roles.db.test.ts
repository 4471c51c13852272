import { afterAll, beforeAll, expect, it } from 'vitest';
import { roles, type Role } from '../../src/accounts/roles.js';
import { describeEachEngine } from '../support/databases.js';
import { integrationBody } from '../support/integrations.js';
import { startManageWorld, type ManageWorld } from '../support/manage.js';
import { ApiClient, type TestUser } from '../support/test-app.js';
import { buildAccountB, identifiersOf, snapshotWholeAccount } from './account-b.js';
import { documentRoutes, routeCases, type AccountB, type RouteCase } from './route-cases.js';

/*
 * Account isolation and the role matrix, over every operation of the OpenAPI document. The route table must cover the
 * document exactly, so a new route fails here until someone decides its role and how it treats another account's ids.
 */
describeEachEngine('account isolation and roles over every route', (engine) => {
  let w: ManageWorld;
  let b: AccountB;
  let routes: string[];
  /** A's users by role; A's admin is the world's other-account admin. */
  const a = {} as Record<Role, TestUser>;
  beforeAll(async () => {
    w = await startManageWorld(engine);
    b = await buildAccountB(w);
    a.admin = w.otherAdmin;
    for (const role of ['manager', 'editor', 'readonly'] as const) a[role] = await w.t.createUser('Globex MSP', role);
    routes = documentRoutes((await w.t.anonymous.get('/api/openapi.json')).body);
  });
  afterAll(() => w?.close());

  /** The route's caller: a throwaway user for routes that end the session they are called with. */
  async function callerFor(route: RouteCase, role: Role, via: 'apiKey' | 'session'): Promise<ApiClient> {
    const user = route.endsSession ? await w.t.createUser('Globex MSP', role) : a[role];
    return user[via];
  }
  const send = (client: ApiClient, key: string, route: RouteCase) => {
    const { path, body } = route.request(b);
    return client.request(key.split(' ')[0]!, path, body);
  };

  it('has a case for every route of the OpenAPI document, and no case for a route it lacks', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(Object.keys(routeCases).sort()).toEqual([...routes].sort());
  });

  it("answers another account's ids with 404 on every id-based route and leaks nothing anywhere; B's data is unchanged", async () => {
    const before = await snapshotWholeAccount(w, b.accountId);
    const secrets = identifiersOf(before);
    expect(secrets).toEqual(expect.arrayContaining([b.organization, b.password, b.integration, b.manageJob]));
    for (const key of routes) {
      const route = routeCases[key]!;
      for (const via of ['apiKey', 'session'] as const) {
        const client = route.role === 'public' ? w.t.anonymous : await callerFor(route, 'admin', via);
        const response = await send(client, key, route);
        const label = `${key} via ${via}: ${response.status} ${JSON.stringify(response.body)?.slice(0, 200)}`;
        expect(response.status, label).toBeLessThan(500);
        if (route.cross === 'not_found') {
          expect(response.status, label).toBe(404);
          expect(response.body.error.code, label).toBe('not_found');
        }
        // An error that repeats an id the caller sent ("organization … does not exist") tells A nothing new.
        const sent = JSON.stringify(route.request(b));
        const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
        for (const secret of secrets) expect(text.includes(secret) && !sent.includes(secret), `${label} leaks ${secret}`).toBe(false);
      }
    }
    expect(await snapshotWholeAccount(w, b.accountId)).toEqual(before);
  });

  it("refuses B's runs, matches and scopes under A's own integration: ids are checked against the account, not only the parent", async () => {
    // The enumeration above connected A to the same PSA (POST /integrations); one per PSA, so reuse it if it is there.
    const listed = (await a.admin.apiKey.get('/api/v1/integrations')).body.items as { id: string }[];
    const ownId = listed[0]?.id ?? (await a.admin.apiKey.post('/api/v1/integrations', integrationBody(w.sim))).body.id;
    expect(ownId).toEqual(expect.any(String));
    const before = await snapshotWholeAccount(w, b.accountId);
    const nested = routes.filter((key) => key.includes('/integrations/{id}/'));
    expect(nested.length).toBeGreaterThan(15);
    for (const key of nested) {
      const { path, body } = routeCases[key]!.request(b);
      const mixed = path.replace(b.integration, ownId);
      const response = await a.admin.apiKey.request(key.split(' ')[0]!, mixed, body);
      const label = `${key} under A's integration: ${response.status} ${JSON.stringify(response.body)?.slice(0, 200)}`;
      expect(response.status, label).toBeLessThan(500);
      // With another of B's ids in the path, the answer is 404; B's ids in the body must be refused or ignored.
      if (/\{(runId|matchId)\}/.test(key)) expect(response.status, label).toBe(404);
      if (key === 'PUT /api/v1/integrations/{id}/scopes') expect(response.status, label).toBeGreaterThanOrEqual(400);
    }
    expect(await snapshotWholeAccount(w, b.accountId)).toEqual(before);
  });

  it('refuses anonymous callers (401) and every role below the route minimum (403); the minimum role passes', async () => {
    const before = await snapshotWholeAccount(w, b.accountId);
    let checked = 0;
    for (const key of routes) {
      const route = routeCases[key]!;
      if (route.role === 'public') continue;
      const anonymous = await send(w.t.anonymous, key, route);
      expect(anonymous.status, `${key} anonymous`).toBe(401);
      expect(anonymous.body.error.code).toBe('unauthenticated');
      const minimum = roles.indexOf(route.role);
      for (const role of roles.slice(0, minimum)) {
        const response = await send(await callerFor(route, role, 'apiKey'), key, route);
        expect(response.status, `${key} as ${role}: ${JSON.stringify(response.body)}`).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
        checked++;
      }
      const allowed = await send(await callerFor(route, route.role, 'session'), key, route);
      expect([401, 403], `${key} as ${route.role}: ${allowed.status} ${JSON.stringify(allowed.body)}`).not.toContain(allowed.status);
      expect(allowed.status).toBeLessThan(500);
    }
    expect(checked).toBeGreaterThan(100);
    expect(await snapshotWholeAccount(w, b.accountId)).toEqual(before);
  });

  it('refuses every cookie-authenticated change without its CSRF token (403 csrf_failed) and changes nothing', async () => {
    const before = await snapshotWholeAccount(w, b.accountId);
    const beforeA = await snapshotWholeAccount(w, a.admin.accountId);
    let checked = 0;
    for (const key of routes) {
      const route = routeCases[key]!;
      if (key.startsWith('GET ') || route.role === 'public') continue;
      // The refused sign-out must not end the session: later routes reuse it, and the end checks it.
      const session = a.admin.session;
      const noToken = new ApiClient(session.baseUrl, { cookie: session.auth.cookie });
      for (const csrfToken of [undefined, 'forged', session.auth.csrfToken + 'x']) {
        const { path, body } = route.request(b);
        const headers: Record<string, string> = csrfToken === undefined ? {} : { 'x-csrf-token': csrfToken };
        const response = await noToken.request(key.split(' ')[0]!, path, body, headers);
        expect(response.status, `${key} csrf ${csrfToken}`).toBe(403);
        expect(response.body.error.code).toBe('csrf_failed');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(await snapshotWholeAccount(w, b.accountId)).toEqual(before);
    expect(await snapshotWholeAccount(w, a.admin.accountId)).toEqual(beforeA);
    expect((await a.admin.session.get('/api/v1/auth/session')).status).toBe(200);
  });
});
