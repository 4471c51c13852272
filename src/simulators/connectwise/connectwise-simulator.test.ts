import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from '../../../test/support/spec-validator.js';
import { startSimulator, type RunningSimulator } from '../server.js';
import { scales } from '../world/types.js';
import { connectwiseModule } from './connectwise.module.js';

let sim: RunningSimulator;
let authHeaders: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator(connectwiseModule, { scale: scales.small, seed: 7 });
  const { companyId, publicKey, privateKey, clientId } = sim.credentials;
  authHeaders = { authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`, clientId: clientId! };
});
afterAll(() => sim.close());

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  link: string | null;
}

async function cw(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; query?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(path.startsWith('http') ? path : `${sim.baseUrl}/${path}`);
  for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.headers ?? authHeaders), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, link: response.headers.get('link') };
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe('company info and authentication', () => {
  it('answers /login/companyinfo without credentials, with the codebase clients build the API URL from', async () => {
    const info = await cw(`${new URL(sim.baseUrl).origin}/login/companyinfo/PSALINK`, { headers: {} });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ Codebase: 'v4_6_release/', CompanyID: 'psalink', IsCloud: false });
    expect(info.body.VersionCode).toMatch(/^v\d{4}\.\d+$/);
    expect((await cw(`${new URL(sim.baseUrl).origin}/login/companyinfo/nobody`, { headers: {} })).status).toBe(404);
  });

  it('refuses a missing clientId, missing or wrong Basic credentials and a wrong clientId with 401 {code, message}', async () => {
    const { companyId, publicKey, clientId } = sim.credentials;
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const cases: Record<string, string>[] = [
      { authorization: authHeaders.authorization! },
      { clientId: clientId! },
      { clientId: clientId!, authorization: basic(`${companyId}+${publicKey}`, 'wrong') },
      { clientId: clientId!, authorization: basic(`other+${publicKey}`, sim.credentials.privateKey!) },
      { clientId: clientId!, authorization: 'Bearer abc' },
      { ...authHeaders, clientId: 'not-the-client-id' },
    ];
    for (const headers of cases) {
      const answer = await cw('company/companies', { headers });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ code: 'Unauthorized', message: expect.any(String) });
      expect(JSON.stringify(answer.body)).not.toContain(sim.credentials.privateKey);
    }
    const upperCompany = basic(`${companyId!.toUpperCase()}+${publicKey}`, sim.credentials.privateKey!);
    expect((await cw('company/companies', { headers: { clientId: clientId!, authorization: upperCompany } })).status).toBe(200);
  });

  it('answers unknown routes and bad ids with ConnectWise bodies, and paths without case', async () => {
    expect(await cw('company/widgets')).toMatchObject({ status: 404, body: { code: 'NotFound' } });
    expect(await cw('company/companies/abc')).toMatchObject({ status: 400, body: { code: 'InvalidObject' } });
    expect(await cw('company/companies/999999')).toMatchObject({ status: 404, body: { code: 'NotFound', message: 'Company ID 999999 was not found.' } });
    expect((await cw('Company/Companies/1')).status).toBe(200);
    expect((await cw('system/info')).body).toMatchObject({ version: expect.stringMatching(/^v\d{4}\./), isCloud: false });
  });
});

describe('responses validate against the ConnectWise spec', () => {
  it('lists, single records, counts and lookups', async () => {
    const listings: [string, string][] = [
      ['company/companies', '/company/companies'],
      ['company/configurations', '/company/configurations'],
      ['company/contacts', '/company/contacts'],
      ['company/companies/types', '/company/companies/types'],
      ['company/companies/statuses', '/company/companies/statuses'],
      ['company/configurations/types', '/company/configurations/types'],
      ['company/configurations/statuses', '/company/configurations/statuses'],
      ['company/contacts/types', '/company/contacts/types'],
    ];
    for (const [path, template] of listings) {
      const answer = await cw(path, { query: { pageSize: '1000' } });
      expect(answer.status).toBe(200);
      expect(answer.body.length).toBeGreaterThan(0);
      expect(validateResponse('connectwise-manage', 'GET', template, answer.body), path).toEqual([]);
    }
    for (const [path, template] of [['company/companies/3', '/company/companies/{id}'], ['company/configurations/3', '/company/configurations/{id}'], ['company/contacts/3', '/company/contacts/{id}'], ['company/companies/statuses/2', '/company/companies/statuses/{id}']]) {
      expect(validateResponse('connectwise-manage', 'GET', template!, (await cw(path!)).body), path).toEqual([]);
    }
    const count = await cw('company/configurations/count');
    expect(count.body).toEqual({ count: sim.world.count('configurations') });
    expect(validateResponse('connectwise-manage', 'GET', '/company/configurations/count', count.body)).toEqual([]);
  });

  it('shapes references as {id, name, _info} and leaves null fields out', async () => {
    const configuration = (await cw('company/configurations/1')).body;
    expect(configuration.type).toEqual({ id: expect.any(Number), name: expect.any(String), _info: { type_href: expect.stringContaining('/company/configurations/types/') } });
    expect(configuration.company).toMatchObject({ id: expect.any(Number), identifier: expect.any(String), name: expect.any(String) });
    expect(configuration._info).toMatchObject({ lastUpdated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), dateEntered: expect.any(String) });
    const sparse = [...sim.world.all('companies')].find((c) => c.website === null)!;
    expect((await cw(`company/companies/${sparse.id}`)).body).not.toHaveProperty('website');
  });
});

describe('paging', () => {
  it('pages 25 by default with first/prev/next/last links that carry the query', async () => {
    const total = sim.world.count('contacts');
    const first = await cw('company/contacts', { query: { conditions: 'id > 0' } });
    expect(first.body).toHaveLength(25);
    const last = Math.ceil(total / 25);
    expect(first.link).toBe(
      `<${sim.baseUrl}/company/contacts?conditions=id%20%3E%200&pageSize=25&page=2>; rel="next", <${sim.baseUrl}/company/contacts?conditions=id%20%3E%200&pageSize=25&page=${last}>; rel="last"`,
    );
    const middle = await cw('company/contacts', { query: { page: '3' } });
    expect(middle.link).toMatch(/page=1>; rel="first", <.*page=2>; rel="prev", <.*page=4>; rel="next", <.*page=\d+>; rel="last"$/);
    const end = await cw('company/contacts', { query: { page: String(last) } });
    expect(end.link).not.toContain('rel="next"');
    expect((await cw('company/contacts', { query: { page: String(last + 1) } })).body).toEqual([]);
    expect((await cw('company/contacts', { query: { pageSize: '5000' } })).body).toHaveLength(Math.min(1000, total));
  });

  it('walks navigable pages to every record in id order', async () => {
    const seen: number[] = [];
    let next: string | undefined = `${sim.baseUrl}/company/contacts?pageSize=300`;
    while (next) {
      const page = await cw(next);
      seen.push(...ids(page.body));
      next = /<([^>]+)>; rel="next"/.exec(page.link ?? '')?.[1];
    }
    expect(seen).toEqual([...sim.world.tables.contacts.keys()]);
  });

  it('pages forward-only by pageId and keeps its place when records come and go between pages', async () => {
    const fetchPage = (pageId?: string) =>
      cw('company/configurations', { headers: { ...authHeaders, 'pagination-type': 'forward-only' }, query: { pageSize: '400', fields: 'id', ...(pageId ? { pageId } : {}) } });
    const before = [...sim.world.tables.configurations.keys()];
    const seen: number[] = [];
    let page = await fetchPage();
    seen.push(...ids(page.body));
    await fetch(`${sim.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'page_drift', path: 'configurations', drift: { kind: 'configurations', delete: 50, insert: 20 } }) });
    for (;;) {
      const next = /<([^>]+)>; rel="next"/.exec(page.link ?? '')?.[1];
      if (!next) break;
      expect(next).toMatch(/pageSize=400&pageId=\d+$/);
      page = await fetchPage(new URL(next).searchParams.get('pageId')!);
      seen.push(...ids(page.body));
    }
    expect(new Set(seen).size).toBe(seen.length);
    const after = new Set(sim.world.tables.configurations.keys());
    for (const id of before.filter((id) => after.has(id))) expect(seen).toContain(id);
    expect((await cw('company/configurations', { headers: { ...authHeaders, 'pagination-type': 'forward-only' }, query: { orderBy: 'name' } })).status).toBe(400);
  });
});

describe('conditions, childConditions, orderBy and fields', () => {
  it('filters like the world says', async () => {
    const firewallType = sim.world.lookups.configurationTypes.find((t) => t.name === 'Firewall')!.id;
    const expected = [...sim.world.all('configurations')].filter((c) => c.typeId === firewallType && c.active && c.companyId <= 20).map((c) => c.id);
    const answer = await cw('company/configurations', { query: { conditions: 'type/name = "firewall" and activeFlag = true and company/id <= 20', pageSize: '1000' } });
    expect(ids(answer.body)).toEqual(expected);
    const count = await cw('company/configurations/count', { query: { conditions: 'type/name = "firewall" and activeFlag = true and company/id <= 20' } });
    expect(count.body.count).toBe(expected.length);
  });

  it('matches collections with childConditions, orders by several keys and trims fields', async () => {
    const vendors = [...sim.world.all('companies')].filter((c) => c.typeIds.includes(2));
    const answer = await cw('company/companies', { query: { childConditions: 'types/id = 2', orderBy: 'name desc, id asc', fields: 'id,name,types/name', pageSize: '1000' } });
    const sorted = [...vendors].sort((a, b) => b.name.toLowerCase().localeCompare(a.name.toLowerCase()) || a.id - b.id);
    expect(ids(answer.body).sort()).toEqual(ids(sorted).sort());
    expect(answer.body[0]).toEqual({ id: expect.any(Number), name: expect.any(String), types: [{ name: 'Vendor' }] });
  });

  it('answers bad conditions with 400 InvalidObject and the reason', async () => {
    const answer = await cw('company/companies', { query: { conditions: 'name = "unterminated' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      code: 'InvalidObject',
      message: 'The conditions parameter is invalid.',
      errors: [{ code: 'InvalidField', message: expect.stringMatching(/Unterminated string/), resource: 'company', field: 'conditions' }],
    });
    expect((await cw('company/contacts', { query: { conditions: 'shoeSize > 9' } })).body.errors[0].message).toBe("Unknown field 'shoeSize' on contact.");
  });
});

describe('writes', () => {
  it('creates, replaces and patches a company, validating as the API does', async () => {
    const invalid = await cw('company/companies', { method: 'POST', body: { name: 'x'.repeat(200), status: { id: 99 } } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toBe('company object is invalid');
    expect(invalid.body.errors.map((e: { code: string; field: string }) => `${e.code}:${e.field}`)).toEqual(['NullOrEmptyField:identifier', 'MaxLengthField:name', 'NotFound:status/id']);

    const created = await cw('company/companies', { method: 'POST', body: { identifier: 'NewCo', name: 'New Co', types: [{ id: 3 }], website: 'https://new.example' } });
    expect(created.status).toBe(201);
    expect(validateResponse('connectwise-manage', 'POST', '/company/companies', created.body, '201')).toEqual([]);
    expect(created.body).toMatchObject({ identifier: 'NewCo', types: [{ id: 3, name: 'Prospect' }], status: { id: 1 } });
    const duplicate = await cw('company/companies', { method: 'POST', body: { identifier: 'newco', name: 'Again' } });
    expect(duplicate.body.errors[0]).toMatchObject({ field: 'identifier' });

    const replaced = await cw(`company/companies/${created.body.id}`, { method: 'PUT', body: { identifier: 'NewCo', name: 'New Co 2' } });
    expect(replaced.body).not.toHaveProperty('website');
    const patched = await cw(`company/companies/${created.body.id}`, { method: 'PATCH', body: [{ op: 'replace', path: 'status/id', value: 2 }, { op: 'add', path: '/phoneNumber', value: '555' }] });
    expect(validateResponse('connectwise-manage', 'PATCH', '/company/companies/{id}', patched.body)).toEqual([]);
    expect(patched.body).toMatchObject({ name: 'New Co 2', status: { id: 2, name: 'Inactive' }, phoneNumber: '555', types: [{ id: 3 }] });
    expect(sim.world.get('companies', created.body.id)).toMatchObject({ name: 'New Co 2', statusId: 2, phone: '555' });
  });

  it('soft-deletes companies (still listed, lastUpdated unchanged) and hard-deletes configurations and contacts', async () => {
    const before = (await cw('company/companies/4')).body;
    expect((await cw('company/companies/4', { method: 'DELETE' })).status).toBe(204);
    const after = (await cw('company/companies/4')).body;
    expect(after).toMatchObject({ deletedFlag: true, dateDeleted: expect.any(String), _info: { lastUpdated: before._info.lastUpdated } });
    expect(ids((await cw('company/companies', { query: { conditions: 'deletedFlag = true', pageSize: '1000' } })).body)).toContain(4);

    const configurationId = [...sim.world.tables.configurations.keys()].at(-1)!;
    expect((await cw(`company/configurations/${configurationId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await cw(`company/configurations/${configurationId}`)).status).toBe(404);
    expect((await cw(`company/configurations/${configurationId}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('creates configurations and contacts with their references and communication items', async () => {
    const configuration = await cw('company/configurations', { method: 'POST', body: { name: 'NEW-FW', type: { id: 5 }, company: { identifier: sim.world.get('companies', 2)!.identifier }, manufacturer: { name: 'Fortinet' }, warrantyExpirationDate: '2030-01-31T00:00:00Z' } });
    expect(configuration.status).toBe(201);
    expect(configuration.body).toMatchObject({ company: { id: 2 }, manufacturer: { name: 'Fortinet' }, warrantyExpirationDate: '2030-01-31T00:00:00Z', activeFlag: true });
    const missing = await cw('company/configurations', { method: 'POST', body: { name: 'X' } });
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['type', 'company']);

    const contact = await cw('company/contacts', {
      method: 'POST',
      body: { firstName: 'Ada', lastName: 'Lovelace', company: { id: 2 }, typeIds: [2], communicationItems: [{ type: { id: 1 }, value: 'ada@example.com', defaultFlag: true, communicationType: 'Email' }, { type: { name: 'Cell' }, value: '+1 555 0100', communicationType: 'Phone' }] },
    });
    expect(contact.status).toBe(201);
    expect(validateResponse('connectwise-manage', 'POST', '/company/contacts', contact.body, '201')).toEqual([]);
    expect(sim.world.get('contacts', contact.body.id)).toMatchObject({ email: 'ada@example.com', mobile: '+1 555 0100', phone: null, typeIds: [2] });
  });
});

describe('injected faults', () => {
  it('answer with ConnectWise error bodies', async () => {
    await fetch(`${sim.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'server_error', status: 500 }) });
    expect(await cw('company/companies')).toMatchObject({ status: 500, body: { code: 'ConnectWiseApi' } });
    await fetch(`${sim.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'rate_limit' }) });
    expect(await cw('company/companies')).toMatchObject({ status: 429, body: { code: 'TooManyRequests' } });
  });
});
