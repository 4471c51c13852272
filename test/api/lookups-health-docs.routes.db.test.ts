import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/databases.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

describeEachEngine('lookup, health and documentation routes', (engine) => {
  let t: TestApp;
  let admin: TestUser, editor: TestUser, other: TestUser;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.createUser('Alpha', 'admin');
    editor = await t.createUser('Alpha', 'editor');
    other = await t.createUser('Beta', 'admin');
  });
  afterAll(() => t.close());

  it('lookups: an admin adds values; everyone in the account reads them; duplicates conflict', async () => {
    const created = await admin.session.post('/api/v1/lookups/configurationTypes', { name: 'Managed Server' });
    expect(created.status).toBe(201);
    const lists = await editor.apiKey.get('/api/v1/lookups');
    expect(lists.body.configurationTypes).toEqual([{ id: created.body.id, name: 'Managed Server' }]);
    expect(Object.keys(lists.body).sort()).toEqual(['configurationStatuses', 'configurationTypes', 'contactTypes', 'organizationStatuses', 'organizationTypes']);
    const duplicate = await admin.session.post('/api/v1/lookups/configurationTypes', { name: 'managed server' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('already_exists');
  });

  it('lookups: bad list names and bodies are 400; editors may not add; other accounts see nothing', async () => {
    expect((await admin.session.post('/api/v1/lookups/colours', { name: 'Red' })).status).toBe(400);
    expect((await admin.session.post('/api/v1/lookups/contactTypes', { name: '' })).status).toBe(400);
    expect((await editor.session.post('/api/v1/lookups/contactTypes', { name: 'Billing' })).status).toBe(403);
    expect((await other.apiKey.get('/api/v1/lookups')).body.configurationTypes).toEqual([]);
    expect((await t.anonymous.get('/api/v1/lookups')).status).toBe(401);
    // A type id of another account cannot be used on a record.
    const theirType = await other.session.post('/api/v1/lookups/organizationTypes', { name: 'Customer' });
    const org = await editor.session.post('/api/v1/organizations', { name: 'Typed', organizationTypeId: theirType.body.id });
    expect(org.status).toBe(400);
  });

  it('health answers ok when the database is reachable, without authentication', async () => {
    const response = await t.anonymous.get('/api/health');
    expect(response).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('health answers 503 database_unavailable when the database is gone', async () => {
    const broken = await startTestApp(engine);
    await broken.database.close();
    const response = await broken.anonymous.get('/api/health');
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('database_unavailable');
    await broken.app.close();
    await broken.database.destroy(); // already closed: on PostgreSQL this still drops the throwaway database
  });

  it('serves the OpenAPI document with every v1 route and an interactive docs page', async () => {
    const doc = await t.anonymous.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    for (const resource of ['organizations', 'configurations', 'contacts', 'passwords', 'documents']) {
      expect(paths).toContain(`/api/v1/${resource}`);
      expect(paths).toContain(`/api/v1/${resource}/{id}`);
    }
    expect(doc.body.paths['/api/v1/organizations'].get.responses['200']).toBeDefined();
    const docs = await fetch(`${t.url}/api/docs`, { redirect: 'follow' });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
  });

  it('answers unknown API paths with a JSON 404 and sends security headers', async () => {
    const response = await t.anonymous.get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
