import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAt } from '../../../test/support/spec-validator.js';
import { type RunningSimulator, startSimulator } from '../server.js';
import { scales } from '../world/types.js';
import { createHaloModule, haloModule } from './halo.module.js';

type Json = Record<string, unknown>;
let sim: RunningSimulator;
let token: string;

async function requestToken(target: RunningSimulator, form: Record<string, string>, query = `?tenant=${target.credentials.tenant}`) {
  const response = await fetch(`${target.baseUrl}/auth/token${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const goodForm = (target: RunningSimulator) => ({
  grant_type: 'client_credentials',
  client_id: target.credentials.clientId!,
  client_secret: target.credentials.clientSecret!,
  scope: 'all',
});

async function api(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${init.token ?? token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const response = await fetch(`${sim.baseUrl}/api/${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: (text ? JSON.parse(text) : undefined) as Json & Json[] };
}

beforeAll(async () => {
  sim = await startSimulator(haloModule, { scale: scales.small, seed: 7 });
  token = (await requestToken(sim, goodForm(sim))).body.access_token as string;
});
afterAll(() => sim.close());

describe('Halo simulator: authorisation', () => {
  it('issues bearer tokens for client credentials, with the tenant or without it', async () => {
    const withTenant = await requestToken(sim, goodForm(sim));
    expect(withTenant.status).toBe(200);
    expect(withTenant.body).toMatchObject({ token_type: 'Bearer', scope: 'all', expires_in: 3600 });
    expect(typeof withTenant.body.access_token).toBe('string');
    expect((await requestToken(sim, goodForm(sim), '')).status).toBe(200);
  });

  it('accepts the client id and secret in a Basic header', async () => {
    const basic = Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64');
    const response = await fetch(`${sim.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials&scope=all',
    });
    expect(response.status).toBe(200);
  });

  it('answers wrong credentials, tenant, grant or scope with OAuth errors', async () => {
    expect(await requestToken(sim, { ...goodForm(sim), client_secret: 'wrong' })).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect(await requestToken(sim, goodForm(sim), '?tenant=someone-else')).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect(await requestToken(sim, { ...goodForm(sim), grant_type: 'password' })).toEqual({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await requestToken(sim, { client_id: 'x' })).toEqual({ status: 400, body: { error: 'invalid_request' } });
    expect(await requestToken(sim, { ...goodForm(sim), scope: 'root' })).toEqual({ status: 400, body: { error: 'invalid_scope' } });
    const json = await fetch(`${sim.baseUrl}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(goodForm(sim)) });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ error: 'invalid_request' });
  });

  it('refuses API calls without, with an unknown and with an expired token: bare 401 with a Bearer challenge', async () => {
    const none = await fetch(`${sim.baseUrl}/api/Client`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.text()).toBe('');
    expect((await api('Client', { token: 'not-a-token' })).status).toBe(401);

    const shortLived = await startSimulator(createHaloModule({ tokenLifetimeSeconds: 60 }), { scale: { orgs: 3, configurations: 3, contacts: 3 } });
    try {
      const { access_token } = (await requestToken(shortLived, goodForm(shortLived))).body as { access_token: string };
      const call = () => fetch(`${shortLived.baseUrl}/api/Client`, { headers: { authorization: `Bearer ${access_token}` } });
      expect((await call()).status).toBe(200);
      shortLived.world.setClock(new Date(shortLived.world.now().getTime() + 61_000));
      const expired = await call();
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", error_description="The token expired at/);
    } finally {
      await shortLived.close();
    }
  });

  it('enforces the scopes an application is granted: invalid_scope at the token, 403 at the API', async () => {
    const limited = await startSimulator(createHaloModule({ grantedScopes: ['read:customers'] }), { scale: { orgs: 3, configurations: 3, contacts: 3 } });
    try {
      expect((await requestToken(limited, goodForm(limited))).body).toEqual({ error: 'invalid_scope' });
      const { access_token } = (await requestToken(limited, { ...goodForm(limited), scope: 'read:customers' })).body as { access_token: string };
      const call = (path: string, method = 'GET') =>
        fetch(`${limited.baseUrl}/api/${path}`, { method, headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }, body: method === 'POST' ? '[{"name":"X"}]' : undefined });
      expect((await call('Client')).status).toBe(200);
      const assets = await call('Asset');
      expect(assets.status).toBe(403);
      expect(await assets.json()).toMatchObject({ ClassName: expect.any(String), Message: expect.stringContaining('read:assets') });
      expect((await call('Client', 'POST')).status).toBe(403);
    } finally {
      await limited.close();
    }
  });
});

describe('Halo simulator: responses match the spec models', () => {
  const each = (items: unknown[], pointer: string) => items.flatMap((item) => validateAt('halopsa', pointer, item));

  it('clients validate as Area, assets as Device, users as Users, asset types as Xtype (lists and single records)', async () => {
    const clients = (await api('Client?pageinate=true&page_size=50&includeinactive=true&include_website=true')).json.clients as Json[];
    expect(each(clients, '#/components/schemas/Area')).toEqual([]);
    expect(validateAt('halopsa', '#/components/schemas/Area', (await api(`Client/${clients[0]!.id}`)).json)).toEqual([]);

    const assets = (await api('Asset?pageinate=true&page_size=50&includeassetfields=true')).json.assets as Json[];
    expect(each(assets, '#/components/schemas/Device')).toEqual([]);
    expect(validateAt('halopsa', '#/components/schemas/Device', (await api(`Asset/${assets[0]!.id}`)).json)).toEqual([]);

    const users = (await api('Users?pageinate=true&page_size=50')).json.users as Json[];
    expect(each(users, '#/components/schemas/Users')).toEqual([]);
    expect(validateAt('halopsa', '#/components/schemas/Users', (await api(`Users/${users[0]!.id}`)).json)).toEqual([]);

    const types = (await api('AssetType')).json;
    expect(Array.isArray(types)).toBe(true);
    expect(each(types, '#/components/schemas/Xtype')).toEqual([]);
  });
});
