import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/support/test-app.js';
import { buildOrganization, countRows, insertIntegration, snapshotAccount, type TrashWorld } from '../../test/support/trash.js';

describeEachEngine('record delete with preview', (engine) => {
  let t: TestApp;
  let admin: TestUser;
  let editor: TestUser;
  let otherAdmin: TestUser;
  let alpha: TrashWorld;
  let beta: TrashWorld;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.createUser('Acme MSP', 'admin');
    editor = await t.createUser('Acme MSP', 'editor');
    otherAdmin = await t.createUser('Globex MSP', 'admin');
    const integrationId = await insertIntegration(t, admin);
    alpha = await buildOrganization(t, admin, integrationId, 'Alpha', 'orphaned');
    beta = await buildOrganization(t, admin, integrationId, 'Beta', 'syncing');
  });
  afterAll(() => t?.close());

  const preview = (body: object, client = admin.apiKey) => client.post('/api/v1/manage/records/delete-preview', body);
  const execute = (body: object, client = admin.apiKey) => client.post('/api/v1/manage/records/delete', body);

  it('previews an organization delete: every child per kind, local-only counts, a sample and a stable token', async () => {
    const response = await preview({ kind: 'organization', ids: [alpha.org] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      kind: 'organization',
      ids: [alpha.org],
      counts: {
        organizations: { total: 1, localOnly: 0 },
        configurations: { total: 2, localOnly: 1 },
        contacts: { total: 1, localOnly: 1 },
        passwords: { total: 2, localOnly: 2 },
        documents: { total: 2, localOnly: 2 },
      },
      links: 2,
      syncing: 0,
      sample: { organizations: ['Alpha'], configurations: ['Alpha laptop', 'Alpha server'], contacts: ['Ann Alpha'] },
    });
    expect((await preview({ kind: 'organization', ids: [alpha.org] }, admin.session)).body.confirmationToken).toBe(response.body.confirmationToken);
  });

  it('previews a configuration delete with its attached password and its link only', async () => {
    const response = await preview({ kind: 'configuration', ids: [alpha.configs[0]] });
    expect(response.body.counts).toMatchObject({ configurations: { total: 1, localOnly: 0 }, passwords: { total: 1 }, documents: { total: 0 }, organizations: { total: 0 } });
    expect(response.body.links).toBe(1);
  });

  it('refuses editors, anonymous callers and other accounts, and changes nothing', async () => {
    const before = await snapshotAccount(t, admin.accountId);
    const { confirmationToken } = (await preview({ kind: 'organization', ids: [alpha.org] })).body;
    for (const call of [preview, (body: object, client?: TestUser['apiKey']) => execute({ ...body, confirmationToken }, client)]) {
      expect((await call({ kind: 'organization', ids: [alpha.org] }, editor.apiKey)).status).toBe(403);
      expect((await call({ kind: 'organization', ids: [alpha.org] }, t.anonymous)).status).toBe(401);
      const foreign = await call({ kind: 'organization', ids: [alpha.org] }, otherAdmin.apiKey);
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('not_found');
      // One unknown id among known ones: the whole request is refused.
      expect((await call({ kind: 'organization', ids: [alpha.org, '00000000-0000-4000-8000-000000000000'] })).status).toBe(404);
      // The id of a configuration is not an organization.
      expect((await call({ kind: 'organization', ids: [alpha.configs[0]] })).status).toBe(404);
    }
    expect((await preview({ kind: 'invoice', ids: [alpha.org] })).status).toBe(400);
    expect((await preview({ kind: 'organization', ids: [] })).status).toBe(400);
    expect(await snapshotAccount(t, admin.accountId)).toEqual(before);
  });

  it('refuses a stale token with preview_stale when a child changed since the preview', async () => {
    const { confirmationToken } = (await preview({ kind: 'organization', ids: [alpha.org] })).body;
    expect((await execute({ kind: 'organization', ids: [alpha.org], confirmationToken: 'forged' })).body.error.code).toBe('preview_stale');
    expect((await admin.apiKey.patch(`/api/v1/documents/${alpha.documents[0]}`, { bodyMarkdown: 'edited' })).status).toBe(200);
    const stale = await execute({ kind: 'organization', ids: [alpha.org], confirmationToken });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'preview_stale', details: { counts: { documents: 2 } } });
    expect(await countRows(t, 'organizations', admin.accountId)).toBe(2);
    expect(await countRows(t, 'trash_batches', admin.accountId)).toBe(0);
  });

  it('refuses to delete a record that is syncing or in sync error, with what to do', async () => {
    const { confirmationToken, syncing } = (await preview({ kind: 'organization', ids: [beta.org] })).body;
    expect(syncing).toBe(2);
    const refused = await execute({ kind: 'organization', ids: [beta.org], confirmationToken });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect(refused.body.error.message).toMatch(/Disable sync/);
    await t.database.db.execute(sql`update psa_links set state = 'error' where record_id = ${beta.configs[0]}`);
    const configToken = (await preview({ kind: 'configuration', ids: [beta.configs[0]] })).body.confirmationToken;
    expect((await execute({ kind: 'configuration', ids: [beta.configs[0]], confirmationToken: configToken })).body.error.code).toBe('conflict');
    expect(await countRows(t, 'configurations', admin.accountId)).toBe(4);
  });

  it('moves the organization, its children and links into one trash batch and audits it', async () => {
    const { confirmationToken } = (await preview({ kind: 'organization', ids: [alpha.org] })).body;
    const done = await execute({ kind: 'organization', ids: [alpha.org], confirmationToken, reason: 'Customer left' }, admin.session);
    expect(done.status).toBe(200);
    const counts = { organizations: 1, configurations: 2, contacts: 1, passwords: 2, documents: 2, links: 2 };
    expect(done.body).toEqual({ batchId: expect.any(String), counts });
    expect((await admin.apiKey.get(`/api/v1/organizations/${alpha.org}`)).status).toBe(404);
    expect((await admin.apiKey.get(`/api/v1/passwords/${alpha.passwords[1]}`)).status).toBe(404);
    expect(await countRows(t, 'psa_links', admin.accountId)).toBe(2);
    expect(await countRows(t, 'trash_items', admin.accountId)).toBe(10);
    const audit = await admin.apiKey.get(`/api/v1/trash/${done.body.batchId}`);
    expect(audit.body).toMatchObject({ action: 'records.deleted', reason: 'Customer left', actorLabel: admin.email, counts, itemCount: 10 });
    const [event] = await queryRows(t.database.db, sql`select action, counts, trash_batch_id from audit_events where trash_batch_id = ${done.body.batchId}`);
    expect(event).toMatchObject({ action: 'records.deleted', counts, trash_batch_id: done.body.batchId });
    // The same token cannot delete twice.
    expect((await execute({ kind: 'organization', ids: [alpha.org], confirmationToken })).status).toBe(404);
  });
});
