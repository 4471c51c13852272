import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { describeEachEngine } from '../support/databases.js';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** What each resource needs to exercise the five routes; the rest of the file is the same for all of them. */
interface Fixture {
  path: string;
  table: string;
  create(refs: Refs): Record<string, unknown>;
  update: Record<string, unknown>;
  invalid(refs: Refs): Record<string, unknown>[];
}
interface Refs {
  organizationId: string;
  configurationId: string;
}

const fixtures: Fixture[] = [
  {
    path: 'organizations',
    table: 'organizations',
    create: () => ({ name: 'Fabrikam Inc', city: 'Oslo', website: 'https://fabrikam.example' }),
    update: { name: 'Fabrikam AS', notes: 'Local note' },
    invalid: () => [{}, { name: '' }, { name: 'x'.repeat(256) }, { name: 'ok', color: 'red' }, { name: 42 }, { name: 'ok', organizationTypeId: 'nope' }],
  },
  {
    path: 'configurations',
    table: 'configurations',
    create: ({ organizationId }) => ({ organizationId, name: 'FAB-SRV01', serialNumber: 'SN-1', warrantyExpiresOn: '2027-03-01' }),
    update: { operatingSystem: 'Windows Server 2025', warrantyExpiresOn: null },
    invalid: ({ organizationId }) => [{ name: 'no org' }, { organizationId, name: '' }, { organizationId, name: 'x', warrantyExpiresOn: 'soon' }],
  },
  {
    path: 'contacts',
    table: 'contacts',
    create: ({ organizationId }) => ({ organizationId, firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@fabrikam.example' }),
    update: { title: 'CFO', phone: '+47 555 1234' },
    invalid: ({ organizationId }) => [{ organizationId }, { organizationId, firstName: 'A', email: 'not-an-email' }, { firstName: 'No', lastName: 'Org' }],
  },
  {
    path: 'passwords',
    table: 'passwords',
    create: ({ organizationId, configurationId }) => ({ organizationId, name: 'Router admin', username: 'admin', secret: 'hunter2-S3cret!', attachedToKind: 'configuration', attachedToId: configurationId }),
    update: { username: 'root', url: 'https://10.0.0.1' },
    invalid: ({ organizationId, configurationId }) => [{ organizationId, name: 'no secret' }, { organizationId, name: 'x', secret: '' }, { organizationId, name: 'x', secret: 's', attachedToKind: 'configuration' }, { organizationId, name: 'x', secret: 's', attachedToKind: 'contact', attachedToId: configurationId }],
  },
  {
    path: 'documents',
    table: 'documents',
    create: ({ organizationId }) => ({ organizationId, title: 'Onboarding', bodyMarkdown: '# Hello\n\n*world*' }),
    update: { bodyMarkdown: '## Updated' },
    invalid: ({ organizationId }) => [{ organizationId }, { organizationId, title: '   ' }, { organizationId, title: 'x', bodyMarkdown: 5 }],
  },
];

describeEachEngine('record routes', (engine) => {
  let t: TestApp;
  let admin: TestUser, manager: TestUser, editor: TestUser, readonly: TestUser, other: TestUser;
  let refs: Refs, otherRefs: Refs;

  const count = async (table: string) => (await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  async function seedRefs(user: TestUser, name: string): Promise<Refs> {
    const org = await user.apiKey.post('/api/v1/organizations', { name });
    const cfg = await user.apiKey.post('/api/v1/configurations', { organizationId: org.body.id, name: `${name} server` });
    return { organizationId: org.body.id, configurationId: cfg.body.id };
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.createUser('Alpha', 'admin');
    manager = await t.createUser('Alpha', 'manager');
    editor = await t.createUser('Alpha', 'editor');
    readonly = await t.createUser('Alpha', 'readonly');
    other = await t.createUser('Beta', 'admin');
    refs = await seedRefs(admin, 'Alpha Base');
    otherRefs = await seedRefs(other, 'Beta Base');
  });
  afterAll(() => t.close());

  for (const f of fixtures) {
    describe(f.path, () => {
      it('happy path: create, get, list, update, delete — over the session and over an API key', async () => {
        const created = await editor.session.post(`/api/v1/${f.path}`, f.create(refs));
        expect(created.status).toBe(201);
        const id = created.body.id;
        expect(created.body).not.toHaveProperty('accountId');
        expect((await readonly.apiKey.get(`/api/v1/${f.path}/${id}`)).body).toEqual(created.body);
        const listed = await readonly.session.get(`/api/v1/${f.path}?limit=200`);
        expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);
        const updated = await editor.apiKey.patch(`/api/v1/${f.path}/${id}`, f.update);
        expect(updated.status).toBe(200);
        expect(updated.body).toMatchObject(f.update);
        expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));
        expect((await manager.session.delete(`/api/v1/${f.path}/${id}`)).status).toBe(204);
        expect((await readonly.session.get(`/api/v1/${f.path}/${id}`)).status).toBe(404);
      });

      it('errors: invalid bodies answer 400 validation_failed and create nothing; unknown ids 404; bad ids 400', async () => {
        const before = await count(f.table);
        for (const body of f.invalid(refs)) {
          const response = await editor.session.post(`/api/v1/${f.path}`, body);
          expect(response.status, JSON.stringify(body)).toBe(400);
          expect(response.body.error.code).toBe('validation_failed');
        }
        expect(await count(f.table)).toBe(before);
        const missing = '00000000-0000-4000-8000-000000000000';
        expect((await editor.session.get(`/api/v1/${f.path}/${missing}`)).body.error.code).toBe('not_found');
        expect((await editor.session.patch(`/api/v1/${f.path}/${missing}`, f.update)).status).toBe(404);
        expect((await manager.session.delete(`/api/v1/${f.path}/${missing}`)).status).toBe(404);
        expect((await editor.session.get(`/api/v1/${f.path}/not-a-uuid`)).status).toBe(400);
        expect((await editor.session.get(`/api/v1/${f.path}?limit=0`)).status).toBe(400);
        expect((await editor.session.get(`/api/v1/${f.path}?cursor=garbage`)).body.error.code).toBe('invalid_cursor');
      });

      it("security: another account's ids answer 404 through session and API key, and nothing changes", async () => {
        const theirs = await other.apiKey.post(`/api/v1/${f.path}`, f.create(otherRefs));
        expect(theirs.status).toBe(201);
        for (const client of [admin.session, admin.apiKey]) {
          expect((await client.get(`/api/v1/${f.path}/${theirs.body.id}`)).status).toBe(404);
          expect((await client.patch(`/api/v1/${f.path}/${theirs.body.id}`, f.update)).status).toBe(404);
          expect((await client.delete(`/api/v1/${f.path}/${theirs.body.id}`)).status).toBe(404);
          const listed = await client.get(`/api/v1/${f.path}?limit=200`);
          expect(listed.body.items.map((i: { id: string }) => i.id)).not.toContain(theirs.body.id);
        }
        expect((await other.apiKey.get(`/api/v1/${f.path}/${theirs.body.id}`)).body).toEqual(theirs.body);
      });

      it('security: roles — readonly cannot write, editor cannot delete, anonymous gets 401', async () => {
        const created = await editor.session.post(`/api/v1/${f.path}`, f.create(refs));
        const forbidden = await readonly.session.post(`/api/v1/${f.path}`, f.create(refs));
        expect(forbidden.status).toBe(403);
        expect(forbidden.body.error.code).toBe('forbidden');
        expect((await readonly.apiKey.patch(`/api/v1/${f.path}/${created.body.id}`, f.update)).status).toBe(403);
        expect((await editor.session.delete(`/api/v1/${f.path}/${created.body.id}`)).status).toBe(403);
        expect((await t.anonymous.get(`/api/v1/${f.path}`)).status).toBe(401);
        expect((await t.anonymous.delete(`/api/v1/${f.path}/${created.body.id}`)).status).toBe(401);
        expect((await readonly.session.get(`/api/v1/${f.path}/${created.body.id}`)).body).toEqual(created.body);
      });
    });
  }

  it("refuses references into another account as if they did not exist", async () => {
    const before = await count('configurations');
    const response = await editor.session.post('/api/v1/configurations', { organizationId: otherRefs.organizationId, name: 'Sneaky' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    const moved = await editor.session.patch(`/api/v1/configurations/${refs.configurationId}`, { organizationId: otherRefs.organizationId });
    expect(moved.status).toBe(400);
    const attach = await editor.session.post('/api/v1/passwords', { organizationId: refs.organizationId, name: 'x', secret: 'y', attachedToKind: 'configuration', attachedToId: otherRefs.configurationId });
    expect(attach.status).toBe(400);
    expect(await count('configurations')).toBe(before);
  });

  it('keeps password secrets encrypted at rest and out of every read but the reveal route', async () => {
    const secret = 'Very-Secret-Value-4711';
    const created = await editor.session.post('/api/v1/passwords', { organizationId: refs.organizationId, name: 'VPN', secret });
    expect(JSON.stringify(created.body)).not.toContain(secret);
    expect(JSON.stringify((await editor.session.get('/api/v1/passwords?limit=200')).body)).not.toContain(secret);
    const raw = await queryRows(t.database.db, sql`select * from passwords`);
    expect(JSON.stringify(raw)).not.toContain(secret);
    const revealed = await readonly.session.get(`/api/v1/passwords/${created.body.id}/secret`);
    expect(revealed.body).toEqual({ secret });
    expect(revealed.headers.get('cache-control')).toBe('no-store');
    expect((await other.session.get(`/api/v1/passwords/${created.body.id}/secret`)).status).toBe(404);
    expect(t.logs.join('\n')).not.toContain(secret);
  });

  it('searches, filters, sorts and pages with keyset cursors', async () => {
    const org = (await admin.apiKey.post('/api/v1/organizations', { name: 'Paging Org' })).body.id;
    const names = Array.from({ length: 23 }, (_, i) => `Node ${String(i).padStart(2, '0')}%_`);
    for (const name of names) await editor.apiKey.post('/api/v1/configurations', { organizationId: org, name });
    for (const sort of ['name', '-name', 'createdAt', '-updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await readonly.apiKey.get(
          `/api/v1/configurations?organizationId=${org}&sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.body.items.map((i) => i.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      if (sort === 'name') expect(seen).toEqual([...names].sort());
      if (sort === '-name') expect(seen).toEqual([...names].sort().reverse());
    }
    // LIKE wildcards in the search text are literal.
    const search = await readonly.apiKey.get(`/api/v1/configurations?q=${encodeURIComponent('07%_')}`);
    expect(search.body.items.map((i: { name: string }) => i.name)).toEqual(['Node 07%_']);
    const wildcard = await readonly.apiKey.get(`/api/v1/configurations?q=${encodeURIComponent('%')}&organizationId=${refs.organizationId}`);
    expect(wildcard.body.items).toEqual([]);
    const wrongSort = await readonly.apiKey.get(`/api/v1/configurations?sort=-name&cursor=${(await readonly.apiKey.get('/api/v1/configurations?limit=1')).body.nextCursor}`);
    expect(wrongSort.body.error.code).toBe('invalid_cursor');
  });

  it('moves an organization delete with its child records into one restorable trash batch', async () => {
    const r = await seedRefs(admin, 'Doomed Org');
    await editor.apiKey.post('/api/v1/documents', { organizationId: r.organizationId, title: 'Doc' });
    expect((await manager.apiKey.delete(`/api/v1/organizations/${r.organizationId}`)).status).toBe(204);
    expect((await readonly.apiKey.get(`/api/v1/configurations/${r.configurationId}`)).status).toBe(404);
    expect((await readonly.apiKey.get(`/api/v1/documents?organizationId=${r.organizationId}`)).body.items).toEqual([]);
    const [batch] = (await admin.apiKey.get('/api/v1/trash')).body.items;
    expect(batch).toMatchObject({ action: 'records.deleted', actorLabel: manager.email, counts: { organizations: 1, configurations: 1, documents: 1 } });
    expect((await admin.apiKey.post(`/api/v1/trash/${batch.id}/restore`)).status).toBe(200);
    expect((await readonly.apiKey.get(`/api/v1/configurations/${r.configurationId}`)).status).toBe(200);
  });
});
