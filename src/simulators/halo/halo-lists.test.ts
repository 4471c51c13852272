import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../server.js';
import { scales } from '../world/types.js';
import { haloModule } from './halo.module.js';

type Json = Record<string, unknown>;
let sim: RunningSimulator;
let token: string;

async function api(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const response = await fetch(`${sim.baseUrl}/api/${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as Json & Json[] };
}
const ids = (items: unknown) => (items as { id: number }[]).map((i) => i.id);

beforeAll(async () => {
  sim = await startSimulator(haloModule, { scale: scales.small, seed: 3 });
  const { clientId, clientSecret, tenant } = sim.credentials;
  const response = await fetch(`${sim.baseUrl}/auth/token?tenant=${tenant}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId!, client_secret: clientSecret!, scope: 'all' }).toString(),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(() => sim.close());

describe('Halo simulator: paging', () => {
  it('pages with pageinate/page_size/page_no, counts every match in record_count, and ends with an empty page', async () => {
    const all = [...sim.world.all('configurations')].map((c) => c.id);
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const { json } = await api(`Asset?pageinate=true&page_size=300&page_no=${page}&includeinactive=true&order=id`);
      expect(json).toMatchObject({ page_no: page, page_size: 300, record_count: all.length });
      if ((json.assets as unknown[]).length === 0) break;
      seen.push(...ids(json.assets));
    }
    expect(seen).toEqual(all);
  });

  it('answers the first 50 without pagination, or `count` of them, and ids only with idonly', async () => {
    const plain = (await api('Client')).json;
    expect(Object.keys(plain).sort()).toEqual(['clients', 'record_count']);
    expect((plain.clients as unknown[]).length).toBe(Math.min(50, plain.record_count as number));
    expect(((await api('Client?count=5')).json.clients as unknown[]).length).toBe(5);
    const idOnly = (await api('Users?idonly=true&count=3')).json.users as Json[];
    expect(idOnly.every((u) => Object.keys(u).join() === 'id')).toBe(true);
  });

  it('matches paths without case, as Halo does', async () => {
    expect((await api('client?count=1')).status).toBe(200);
    expect((await api('USERS?count=1')).status).toBe(200);
  });
});

describe('Halo simulator: filters and order', () => {
  it('lists only active records unless includeinactive, and only inactive ones with activeinactive=false,true', async () => {
    const visible = [...sim.world.all('companies')].filter((c) => !c.deleted);
    expect((await api('Client?count=1')).json.record_count).toBe(visible.filter((c) => c.active).length);
    expect((await api('Client?count=1&includeinactive=true')).json.record_count).toBe(visible.length);
    expect((await api('Client?count=1&activeinactive=false,true')).json.record_count).toBe(visible.filter((c) => !c.active).length);
  });

  it('filters clients by top level, assets by client, type and statuses, users by client; search is a contains match', async () => {
    const toplevel = [...sim.world.all('companies')].find((c) => !c.deleted && c.typeIds[0] !== 1)!.typeIds[0];
    const clients = (await api(`Client?toplevel_id=${toplevel}&includeinactive=true&count=1000`)).json.clients as Json[];
    expect(clients.length).toBeGreaterThan(0);
    expect(clients.every((c) => c.toplevel_id === toplevel)).toBe(true);

    const someAsset = [...sim.world.all('configurations')][5]!;
    const byClient = (await api(`Asset?client_id=${someAsset.companyId}&includeinactive=true&count=5000`)).json.assets as Json[];
    expect(byClient.map((a) => a.client_id)).toEqual(byClient.map(() => someAsset.companyId));
    expect(ids(byClient)).toContain(someAsset.id);
    const byType = (await api('Asset?assettype_id=3&count=5000')).json.assets as Json[];
    expect(byType.every((a) => a.assettype_id === 3)).toBe(true);
    const byStatuses = (await api('Asset?assetstatuses=2,3&includeinactive=true&count=5000')).json.assets as Json[];
    expect(byStatuses.length).toBeGreaterThan(0);
    expect(byStatuses.every((a) => a.status_id === 2 || a.status_id === 3)).toBe(true);

    const users = (await api(`Users?client_id=${someAsset.companyId}&includeinactive=true&count=5000`)).json.users as Json[];
    expect(users.every((u) => u.client_id === someAsset.companyId)).toBe(true);
    const word = [...sim.world.all('companies')].find((c) => !c.deleted)!.name.split(' ')[0]!;
    const searched = (await api(`Client?search=${encodeURIComponent(word.toUpperCase())}&includeinactive=true&count=1000`)).json.clients as Json[];
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.every((c) => String(c.name).toLowerCase().includes(word.toLowerCase()))).toBe(true);
  });

  it('orders by a named field, descending on request, with id breaking ties', async () => {
    const byName = (await api('Client?order=name&orderdesc=true&includeinactive=true&count=1000')).json.clients as Json[];
    const names = byName.map((c) => String(c.name).toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
    const newest = (await api('Asset?order=id&orderdesc=true&pageinate=true&page_size=1')).json.assets as Json[];
    expect(newest[0]!.id).toBe(Math.max(...[...sim.world.all('configurations')].filter((c) => c.active).map((c) => c.id)));
  });

  it('answers parameters that do not bind with a 400 in Halo’s error shape', async () => {
    const bad = await api('Asset?client_id=abc');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ ClassName: 'System.Exception', Message: "The value 'abc' is not valid for client_id." });
  });
});

describe('Halo simulator: writes', () => {
  it('creates from an array without id, updates with an id, and deletes', async () => {
    const created = await api('Client', { method: 'POST', body: JSON.stringify([{ name: 'Halo Write Test Ltd', toplevel_id: 3, website: 'https://write.example' }]) });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Halo Write Test Ltd', toplevel_id: 3, toplevel_name: 'Prospect', inactive: false, website: 'https://write.example' });
    const id = created.json.id as number;

    const asset = await api('Asset', {
      method: 'POST',
      body: JSON.stringify([{ client_id: id, assettype_id: 5, inventory_number: 'AT-NEW', key_field: 'FW-NEW', fields: [{ name: 'Serial Number', value: 'SN-NEW' }] }]),
    });
    expect(asset.status).toBe(201);
    expect(asset.json).toMatchObject({ client_id: id, assettype_name: 'Firewall', key_field: 'FW-NEW', key_field2: 'SN-NEW' });

    const user = await api('Users', { method: 'POST', body: JSON.stringify([{ site_id: id, name: 'Ada Lovelace', emailaddress: 'ada@write.example' }]) });
    expect(user.json).toMatchObject({ firstname: 'Ada', surname: 'Lovelace', client_id: id });

    const updated = await api('Client', { method: 'POST', body: JSON.stringify([{ id, inactive: true }]) });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id, name: 'Halo Write Test Ltd', inactive: true });
    expect(sim.world.get('companies', id)?.active).toBe(false);

    expect((await api(`Asset/${asset.json.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`Asset/${asset.json.id}`)).status).toBe(404);
    expect((await api(`Asset/${asset.json.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a batch with one bad item whole, and bodies that are not arrays', async () => {
    const before = sim.world.count('companies');
    const batch = await api('Client', { method: 'POST', body: JSON.stringify([{ name: 'Fine' }, { toplevel_id: 2 }]) });
    expect(batch.status).toBe(400);
    expect(batch.json.Message).toContain('name');
    expect(sim.world.count('companies')).toBe(before);
    expect((await api('Client', { method: 'POST', body: JSON.stringify({ name: 'Not an array' }) })).status).toBe(400);
    expect((await api('Client', { method: 'POST', body: '[{"name": ' })).json).toMatchObject({ ClassName: 'System.Exception' });
    expect((await api('Client', { method: 'POST', body: JSON.stringify([{ id: 999999, name: 'Ghost' }]) })).status).toBe(400);
    expect((await api('Asset', { method: 'POST', body: JSON.stringify([{ client_id: 1, assettype_id: 999 }]) })).status).toBe(400);
  });
});

describe('Halo simulator: third-party client patterns', () => {
  // No HaloPSA client library is published on npm; this replays the loop of the public Go client
  // (bart-lute/halopsa-client-go): lower-case paths, pageinate/page_size/page_no, and stop when
  // page_no * page_size >= record_count, reading page_no and page_size back from the body.
  it('pages to the end the way the public Go client does', async () => {
    const users = new Set<number>();
    let pageNo = 1;
    for (;;) {
      const { json } = await api(`users?pageinate=true&page_size=50&page_no=${pageNo}`);
      for (const user of json.users as { id: number }[]) users.add(user.id);
      if ((json.page_no as number) * (json.page_size as number) >= (json.record_count as number)) break;
      pageNo = (json.page_no as number) + 1;
    }
    expect(users.size).toBe([...sim.world.all('contacts')].filter((c) => c.active).length);
  });
});
