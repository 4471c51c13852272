import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from '../../../test/support/spec-validator.js';
import { startSimulator, type RunningSimulator } from '../server.js';
import { scales } from '../world/types.js';
import { autotaskModule } from './autotask.module.js';

/**
 * Fidelity over HTTP: responses validate against the real API's Swagger document (after dropping nulls — Swagger
 * 2.0 cannot say "nullable" and the real API sends nulls for empty fields), auth, paths, paging, filters, errors.
 */
let sim: RunningSimulator;
let headers: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator(autotaskModule, { scale: scales.small, seed: 7 });
  headers = { ApiIntegrationCode: sim.credentials.integrationCode!, UserName: sim.credentials.username!, Secret: sim.credentials.secret!, 'Content-Type': 'application/json' };
});
afterAll(() => sim.close());

const call = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  const url = path.startsWith('http') ? path : sim.baseUrl + path;
  const response = await fetch(url, { method: init.method ?? 'GET', headers: init.headers ?? headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
};
const search = (query: unknown) => `search=${encodeURIComponent(JSON.stringify(query))}`;
/**
 * The Swagger generator rendered .NET `object` and enums as `{"type": "object"}`: the real API sends a number for
 * `itemId`, a boolean for `isSupportedWebhookField` and a name for `userAccessFor…`. Those keys are checked apart.
 */
const generatorObjects = new Set(['itemId', 'isSupportedWebhookField', 'userAccessForCreate', 'userAccessForDelete', 'userAccessForQuery', 'userAccessForUpdate']);
const comparable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(comparable);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => v !== null && !generatorObjects.has(k))
      .map(([k, v]) => [k, comparable(v)]),
  );
};
const valid = (method: string, template: string, body: unknown) => expect(validateResponse('autotask', method, template, comparable(body))).toEqual([]);
const all = [{ op: 'gte', field: 'id', value: 0 }];

describe('Autotask simulator: zone and credentials', () => {
  it('answers ZoneInformation without credentials and points at itself', async () => {
    const { status, body } = await call(`/ZoneInformation?user=${encodeURIComponent(sim.credentials.username!)}`, { headers: {} });
    expect(status).toBe(200);
    valid('GET', '/V1.0/ZoneInformation', body);
    expect(body.url).toBe(sim.baseUrl.replace(/V1\.0$/, ''));
    expect((await call('/ZoneInformation?user=nobody%40example.com', { headers: {} })).status).toBe(500);
  });

  it('refuses calls without or with wrong credentials: 401 and {errors}', async () => {
    const missing = await call('/Companies/1', { headers: {} });
    expect(missing.status).toBe(401);
    expect(missing.body.errors).toHaveLength(1);
    for (const wrong of [{ Secret: 'nope' }, { UserName: 'other@example.com' }, { ApiIntegrationCode: 'NOPE' }] as Record<string, string>[]) {
      const response = await call('/Companies/1', { headers: { ...headers, ...wrong } });
      expect(response.status).toBe(401);
      expect(typeof response.body.errors[0]).toBe('string');
    }
  });

  it('ignores case in paths and in the user name', async () => {
    expect((await call('/companies/1')).status).toBe(200);
    const upper = sim.baseUrl.replace('/ATServicesRest/V1.0', '/ATSERVICESREST/v1.0');
    expect((await call(`${upper}/CONFIGURATIONITEMS/1`, { headers: { ...headers, UserName: sim.credentials.username!.toUpperCase() } })).status).toBe(200);
  });
});

describe('Autotask simulator: items and metadata', () => {
  it('serves {item} shaped as the spec says, and 404 {errors} for an unknown id', async () => {
    for (const [path, template] of [
      ['/Companies/1', '/V1.0/Companies/{id}'],
      ['/ConfigurationItems/1', '/V1.0/ConfigurationItems/{id}'],
      ['/Contacts/1', '/V1.0/Contacts/{id}'],
      ['/ConfigurationItemTypes/1', '/V1.0/ConfigurationItemTypes/{id}'],
    ] as const) {
      const { status, body } = await call(path);
      expect(status).toBe(200);
      valid('GET', template, body);
      expect(body.item.id).toBe(1);
    }
    const contact = (await call('/Contacts/1')).body.item;
    expect([0, 1]).toContain(contact.isActive);
    const missing = await call('/Companies/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.errors).toHaveLength(1);
  });

  it('describes entities, fields with picklists, and user-defined fields', async () => {
    for (const entity of ['Companies', 'ConfigurationItems', 'Contacts']) {
      const info = await call(`/${entity}/entityInformation`);
      valid('GET', `/V1.0/${entity}/entityInformation`, info.body);
      expect(info.body.info.userAccessForQuery).toBe('All');
      const fields = await call(`/${entity}/entityInformation/fields`);
      valid('GET', `/V1.0/${entity}/entityInformation/fields`, fields.body);
      valid('GET', `/V1.0/${entity}/entityInformation/userDefinedFields`, (await call(`/${entity}/entityInformation/userDefinedFields`)).body);
    }
    const fields = (await call('/Companies/entityInformation/fields')).body.fields as { name: string; picklistValues: { value: string; label: string }[] | null }[];
    const companyType = fields.find((field) => field.name === 'companyType')!;
    expect(companyType.picklistValues!.map((value) => value.label)).toContain('Customer');
    expect(companyType.picklistValues!.every((value) => /^\d+$/.test(value.value))).toBe(true);
    const ciFields = (await call('/ConfigurationItems/entityInformation/fields')).body.fields as typeof fields;
    expect(ciFields.find((field) => field.name === 'configurationItemType')!.picklistValues!.length).toBe(sim.world.lookups.configurationTypes.length);
    valid('GET', '/V1.0/ConfigurationItemTypes/entityInformation/fields', (await call('/ConfigurationItemTypes/entityInformation/fields')).body);
  });

  it('answers Version and ThresholdInformation', async () => {
    valid('GET', '/V1.0/Version', (await call('/Version')).body);
    const threshold = (await call('/ThresholdInformation')).body;
    valid('GET', '/V1.0/ThresholdInformation', threshold);
    expect(threshold.externalRequestThreshold).toBe(10_000);
    expect(threshold.requestThresholdTimeframe).toBe(60);
    expect(threshold.currentTimeframeRequestCount).toBeGreaterThan(0);
  });
});

describe('Autotask simulator: queries', () => {
  it('answers GET ?search= and POST alike, validating against the spec', async () => {
    const query = { MaxRecords: 5, filter: [{ op: 'eq', field: 'isActive', value: true }] };
    const byGet = await call(`/Companies/query?${search(query)}`);
    const byPost = await call('/Companies/query', { method: 'POST', body: query });
    expect(byGet.status).toBe(200);
    valid('GET', '/V1.0/Companies/query', byGet.body);
    valid('POST', '/V1.0/ConfigurationItems/query', (await call('/ConfigurationItems/query', { method: 'POST', body: query })).body);
    valid('POST', '/V1.0/Contacts/query', (await call('/Contacts/query', { method: 'POST', body: { filter: [{ op: 'eq', field: 'isActive', value: 1 }] } })).body);
    valid('POST', '/V1.0/ConfigurationItemTypes/query', (await call('/ConfigurationItemTypes/query', { method: 'POST', body: { filter: all } })).body);
    expect(byPost.body).toEqual(byGet.body);
    expect(byGet.body.pageDetails).toMatchObject({ count: 5, requestCount: 5, prevPageUrl: null });
  });

  it('pages through nextPageUrl until null, in id order, matching query/count', async () => {
    const query = { MaxRecords: 300, IncludeFields: ['id'], filter: [{ op: 'exist', field: 'referenceTitle' }] };
    const count = (await call('/ConfigurationItems/query/count', { method: 'POST', body: query })).body;
    valid('POST', '/V1.0/ConfigurationItems/query/count', count);
    const ids: number[] = [];
    let page = (await call('/ConfigurationItems/query', { method: 'POST', body: query })).body;
    let pages = 1;
    for (;;) {
      ids.push(...page.items.map((item: { id: number }) => item.id));
      if (!page.pageDetails.nextPageUrl) break;
      // GET follows the link as given; POST (with or without the body) works too.
      page = (await call(page.pageDetails.nextPageUrl, pages % 2 ? {} : { method: 'POST', body: query })).body;
      pages++;
    }
    expect(ids).toHaveLength(count.queryCount);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(count.queryCount / 300));
    expect(ids.length).toBe(sim.world.count('configurations'));
  });

  it('keeps paging stable when records are deleted and inserted between pages', async () => {
    const query = { MaxRecords: 100, IncludeFields: ['id'], filter: all };
    const first = (await call('/Contacts/query', { method: 'POST', body: query })).body;
    for (const id of [1, 2, 3, 150]) sim.world.remove('contacts', id);
    const second = (await call(first.pageDetails.nextPageUrl)).body;
    expect(second.items[0].id).toBe(101);
    expect(second.items.map((item: { id: number }) => item.id)).not.toContain(150);
    const back = (await call(second.pageDetails.prevPageUrl)).body;
    expect(back.items[0].id).toBe(4);
  });

  it('applies filters, IncludeFields, udf and case-insensitive field names', async () => {
    const query = {
      IncludeFields: ['ID', 'companyname', 'Number of Employees'],
      filter: [{ op: 'or', items: [{ op: 'eq', field: 'CompanyType', value: 2 }, { op: 'gt', field: 'number of employees', value: 240, udf: true }] }],
    };
    const { body } = await call('/Companies/query', { method: 'POST', body: query });
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) {
      expect(Object.keys(item).sort()).toEqual(['companyName', 'id', 'userDefinedFields']);
      const company = sim.world.get('companies', item.id)!;
      const employees = Number(item.userDefinedFields[0].value);
      expect(company.typeIds[0] === 2 || employees > 240).toBe(true);
    }
  });

  it('filters configuration items changed since a time', async () => {
    const since = new Date(sim.world.now().getTime() - 200 * 86_400_000).toISOString();
    const query = { IncludeFields: ['id', 'lastModifiedTime'], filter: [{ op: 'gte', field: 'lastModifiedTime', value: since }] };
    const count = (await call(`/ConfigurationItems/query/count?${search(query)}`)).body.queryCount;
    const expected = [...sim.world.all('configurations')].filter((c) => c.updatedAt.toISOString() >= since).length;
    expect(count).toBe(expected);
  });

  it('refuses invalid queries with 500 {errors}', async () => {
    for (const body of [
      { filter: [] },
      { MaxRecords: 501, filter: all },
      { MaxRecords: 0, filter: all },
      { filter: [{ op: 'eq', field: 'noSuchField', value: 1 }] },
      { IncludeFields: ['noSuchField'], filter: all },
      { filter: [{ op: 'between', field: 'id', value: [1, 2] }] },
    ]) {
      const response = await call('/Companies/query', { method: 'POST', body });
      expect(response.status).toBe(500);
      expect(response.body.errors).toHaveLength(1);
    }
    const garbage = await fetch(`${sim.baseUrl}/Companies/query`, { method: 'POST', headers, body: '{"filter": [' });
    expect(garbage.status).toBe(500);
    expect((await call('/Companies/query?search=%7Bnot-json')).status).toBe(500);
    expect((await call('/Companies/query/next?paging=zzz&search=%7B%7D')).status).toBe(500);
    const unknownPath = await call('/NoSuchEntity/query', { method: 'POST', body: { filter: all } });
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.body.errors).toHaveLength(1);
  });
});

describe('Autotask simulator: writes', () => {
  it('creates and patches companies and configuration items, answering {itemId}', async () => {
    const created = await call('/Companies', { method: 'POST', body: { CompanyName: 'Simulated Dental', CompanyType: 1, Phone: '+1 555 0199', countryID: 236 } });
    expect(created.status).toBe(200);
    valid('POST', '/V1.0/Companies', created.body);
    expect(Number.isInteger(created.body.itemId)).toBe(true);
    const id = created.body.itemId;
    const patched = await call('/Companies', { method: 'PATCH', body: { id, webAddress: 'https://dental.example', isActive: false, createDate: '2000-01-01' } });
    expect(patched.body).toEqual({ itemId: id });
    const item = (await call(`/Companies/${id}`)).body.item;
    expect(item).toMatchObject({ companyName: 'Simulated Dental', webAddress: 'https://dental.example', isActive: false, countryID: 236 });
    expect(item.createDate).not.toMatch(/^2000/);

    const ci = await call('/ConfigurationItems', { method: 'POST', body: { companyID: id, productID: 1, isActive: true, referenceTitle: 'DENT-FW01', configurationItemType: 5, serialNumber: 'SN1' } });
    expect(ci.status).toBe(200);
    await call('/ConfigurationItems', { method: 'PATCH', body: { id: ci.body.itemId, serialNumber: 'SN2', warrantyExpirationDate: '2030-06-30T00:00:00' } });
    expect((await call(`/ConfigurationItems/${ci.body.itemId}`)).body.item).toMatchObject({ companyID: id, referenceTitle: 'DENT-FW01', serialNumber: 'SN2', warrantyExpirationDate: '2030-06-30T00:00:00.000Z' });
  });

  it('creates, updates, reads and deletes contacts under their company', async () => {
    const created = await call('/Companies/2/Contacts', { method: 'POST', body: { firstName: 'Ada', lastName: 'Lovelace', isActive: 1, emailAddress: 'ada@example.com' } });
    expect(created.status).toBe(200);
    const id = created.body.itemId;
    await call('/Companies/2/Contacts', { method: 'PATCH', body: { id, title: 'CTO', isActive: 0 } });
    const item = (await call(`/Contacts/${id}`)).body.item;
    expect(item).toMatchObject({ companyID: 2, firstName: 'Ada', title: 'CTO', isActive: 0 });
    valid('GET', '/V1.0/Companies/{parentId}/Contacts', (await call('/Companies/2/Contacts')).body);
    expect((await call(`/Companies/3/Contacts/${id}`)).status).toBe(404);
    expect((await call(`/Companies/2/Contacts/${id}`, { method: 'DELETE' })).body).toEqual({ itemId: id });
    expect((await call(`/Contacts/${id}`)).status).toBe(404);
  });

  it('refuses invalid writes with 500 {errors}', async () => {
    for (const [path, method, body] of [
      ['/Companies', 'POST', { companyType: 1, phone: '1' }],
      ['/Companies', 'POST', { companyName: 'X', companyType: 999, phone: '1' }],
      ['/Companies', 'PATCH', { companyName: 'no id' }],
      ['/ConfigurationItems', 'POST', { companyID: 999999, productID: 1, isActive: true }],
      ['/ConfigurationItems', 'POST', { companyID: 1, isActive: true }],
      ['/Companies/2/Contacts', 'POST', { firstName: 'No', lastName: 'Active flag' }],
      ['/Companies/2/Contacts', 'POST', { firstName: 'A', lastName: 'B', isActive: 1, companyID: 3 }],
    ] as const) {
      const response = await call(path, { method, body });
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(500);
      expect(response.body.errors).toHaveLength(1);
    }
    expect((await call('/Companies', { method: 'PATCH', body: { id: 999999, phone: '1' } })).status).toBe(404);
  });
});
