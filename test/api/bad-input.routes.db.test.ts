import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { buildAccountB } from '../security/account-b.js';
import { documentRoutes, routeCases, type AccountB } from '../security/route-cases.js';
import { describeEachEngine } from '../support/databases.js';
import { startManageWorld, type ManageWorld } from '../support/manage.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { applyBodyMutation, applyTargetMutation, mutationsOf, targetMutationsOf } from './bad-input.properties.js';

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
// The generated property below covers ids more widely; these stay as fixed regressions.
const ids = ['00000000-0000-4000-8000-000000000000\u0000', "1' or '1'='1", 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
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
            for (const [i, body] of payloads.entries()) {
              // Anonymous callers once per URL: the admin's answers are the ones that reach the handlers.
              for (const client of i === 0 ? [admin.apiKey, t.anonymous] : [admin.apiKey]) {
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
  }, 90_000);
});

/*
 * The property behind the list above: take every route's valid-shaped request (the route table of the security
 * tests, with the account's own ids) and change one thing — a body field to a wrong type, a hostile or huge or
 * deeply nested value, a field removed or added, an id or a query parameter made malformed or foreign. Whatever the
 * change, the answer is never a 500, a 4xx carries a code, and a 4xx changes nothing. Deterministic: the seed is
 * fixed; PSALINK_FC_SEED and PSALINK_FC_RUNS override it for a longer hunt.
 */
const seed = Number(process.env.PSALINK_FC_SEED ?? 20_261_124);
const runs = Number(process.env.PSALINK_FC_RUNS ?? 150);

/** Everything the account holds, as one hash; the columns any authenticated request touches are left out. */
async function fingerprint(t: TestApp, accountId: string): Promise<string> {
  const tables = await queryRows<{ table_name: string }>(t.database.db, sql`
    select table_name from information_schema.columns where table_schema = 'public' and column_name = 'account_id' order by table_name`);
  const parts = tables.map(({ table_name }) => sql`select ${table_name}::text as t, md5(coalesce(string_agg(
      (to_jsonb(x) - 'last_used_at' - 'last_seen_at')::text, ',' order by (to_jsonb(x) - 'last_used_at' - 'last_seen_at')::text), '')) as h
    from ${sql.identifier(table_name)} x where x.account_id = ${accountId}`);
  const rows = await queryRows<{ t: string; h: string }>(t.database.db, sql.join(parts, sql` union all `));
  return rows.map((r) => `${r.t}:${r.h}`).join(' ');
}

/** Routes that call the PSA may answer 502 psa_error for a well-formed request the PSA refuses; never a 500. */
const callsPsa = (key: string) => /\/integrations(\/\{id\})?(\/test|\/scopes\/refresh|\/matches\/prepare)?$/.test(key.split(' ')[1]!) && key !== 'GET /api/v1/integrations';

describeEachEngine('bad input to every route, generated per route', (engine) => {
  let w: ManageWorld;
  let own: AccountB;
  let caller: TestUser;
  beforeAll(async () => {
    w = await startManageWorld(engine);
    own = await buildAccountB(w);
    // A second admin: the fuzzed routes include revoking the first admin's API key and signing out.
    caller = await w.t.createUser('Acme MSP', 'admin');
  });
  afterAll(() => w?.close());

  it('never answers a mutated request with a 500, and a 4xx changes nothing', async () => {
    const doc = (await w.t.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const keys = documentRoutes(doc).filter((key) => routeCases[key]);
    expect(keys.length).toBe(Object.keys(routeCases).length);
    const request = fc.constantFrom(...keys).chain((key) => {
      const base = routeCases[key]!.request(own);
      const mutation = base.body === undefined
        ? targetMutationsOf(base.path).map((target) => ({ target, body: undefined }))
        : fc.oneof(
            { weight: 3, arbitrary: mutationsOf(base.body as never).map((body) => ({ target: undefined, body })) },
            { weight: 1, arbitrary: targetMutationsOf(base.path).map((target) => ({ target, body: undefined })) },
          );
      return mutation.map((m) => ({ key, base, ...m }));
    });
    let before = await fingerprint(w.t, own.accountId);
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ key, base, target, body }) => {
        const path = target ? applyTargetMutation(base.path, target) : base.path;
        const sent = body ? applyBodyMutation(base.body as never, body) : base.body;
        const client = routeCases[key]!.role === 'public' ? w.t.anonymous : caller.apiKey;
        const response = await client.request(key.split(' ')[0]!, path, sent === undefined ? undefined : JSON.stringify(sent));
        const label = `${key} → ${response.status} ${JSON.stringify(response.body)?.slice(0, 300)}`;
        expect(response.status, label).not.toBe(500);
        if (response.status >= 500) expect(callsPsa(key) && response.body.error.code === 'psa_error', label).toBe(true);
        const after = await fingerprint(w.t, own.accountId);
        if (response.status >= 400) {
          rejected++;
          expect(response.body.error.code, label).toEqual(expect.any(String));
          expect(after, `${label} changed data`).toBe(before);
        }
        before = after;
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
    // Most mutations must be refusals, or the generator has stopped producing bad input.
    expect(rejected).toBeGreaterThan(runs * 0.6);
  });
});
