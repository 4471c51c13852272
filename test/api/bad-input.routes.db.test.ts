import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/databases.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** Garbage that must never produce a 500, sent to every route of the OpenAPI document. */
const bodies: unknown[] = [
  'not json',
  '[]',
  'null',
  '{"name":{"$gt":""}}',
  JSON.stringify({ name: "'; drop table organizations; --", organizationId: "' or 1=1 --" }),
  JSON.stringify({ name: '<script>alert(1)</script>', title: '\u0000\ud800', secret: 1e309 }),
  JSON.stringify({ name: 'nul \u0000 inside', title: 'nul \u0000', firstName: 'a', organizationId: '00000000-0000-4000-8000-000000000000', secret: 'x' }),
  '{"name\\u0000":"key with nul"}',
  JSON.stringify({ name: 'valid but for \u0000' }),
  JSON.stringify({ a: JSON.parse('['.repeat(500) + ']'.repeat(500)) }),
];
const ids = ['00000000-0000-4000-8000-000000000000\u0000', '00000000-0000-0000-0000-000000000000', "1' or '1'='1", '%00', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
const queries = ['?q=%00', '?q=a%00b', '?limit=-1', '?limit=abc', '?sort=;drop', '?cursor=%ff%fe', '?organizationId=1', '?q=' + 'x'.repeat(300)];

describeEachEngine('bad input to every route', (engine) => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.createUser('Alpha', 'admin');
  });
  afterAll(() => t.close());

  it('answers every garbage request with a 4xx error body, never a 500, and changes nothing', async () => {
    const before = await admin.apiKey.get('/api/v1/organizations?limit=200');
    const doc = (await t.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    let requests = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations).map((m) => m.toUpperCase())) {
        const urls = path.includes('{') ? ids.map((id) => path.replace(/\{[^}]+\}/g, encodeURIComponent(id))) : [path];
        for (const url of urls) {
          const variants = method === 'GET' ? queries.map((q) => url + q) : [url];
          for (const target of variants) {
            const payloads = method === 'GET' || method === 'DELETE' ? [undefined] : bodies;
            for (const body of payloads) {
              for (const client of [admin.apiKey, t.anonymous]) {
                const response = await client.request(method, target, body);
                requests++;
                expect(response.status, `${method} ${target} ${String(body).slice(0, 60)}`).toBeLessThan(500);
                if (response.status >= 400) expect(response.body.error.code).toEqual(expect.any(String));
              }
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(200);
    const huge = await admin.apiKey.request('POST', '/api/v1/documents', JSON.stringify({ title: 'x', bodyMarkdown: 'y'.repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    const wrongType = await admin.apiKey.request('POST', '/api/v1/organizations', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(415);
    expect((await admin.apiKey.get('/api/v1/organizations?limit=200')).body).toEqual(before.body);
  });
});
