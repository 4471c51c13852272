import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/support/test-app.js';
import { buildOrganization, countRows, insertIntegration, linkRecord, snapshotAccount, type TrashWorld } from '../../test/support/trash.js';
import { purgeExpired } from './purge-trash.js';

describeEachEngine('trash: list, restore, purge, retention', (engine) => {
  let t: TestApp;
  let admin: TestUser;
  let editor: TestUser;
  let otherAdmin: TestUser;
  let integrationId: string;
  let worlds: TrashWorld[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.createUser('Acme MSP', 'admin');
    editor = await t.createUser('Acme MSP', 'editor');
    otherAdmin = await t.createUser('Globex MSP', 'admin');
    integrationId = await insertIntegration(t, admin);
    worlds = [];
    for (const name of ['Alpha', 'Beta', 'Gamma']) worlds.push(await buildOrganization(t, admin, integrationId, name, name === 'Gamma' ? null : 'orphaned'));
  });
  afterAll(() => t?.close());

  const deleteRecords = async (kind: string, ids: string[], reason?: string) => {
    const { confirmationToken } = (await admin.apiKey.post('/api/v1/manage/records/delete-preview', { kind, ids })).body;
    const done = await admin.apiKey.post('/api/v1/manage/records/delete', { kind, ids, confirmationToken, reason });
    expect(done.status).toBe(200);
    return done.body.batchId as string;
  };
  const expiresIn = async (batchId: string) =>
    (await queryRows<{ days: number }>(t.database.db, sql`select round(extract(epoch from expires_at - created_at) / 86400)::int as days from trash_batches where id = ${batchId}`))[0]!.days;

  it('restores a deleted organization to exactly the database state before the delete', async () => {
    const before = await snapshotAccount(t, admin.accountId);
    const batchId = await deleteRecords('organization', [worlds[0]!.org, worlds[1]!.org], 'Mistake');
    expect(await snapshotAccount(t, admin.accountId)).not.toEqual(before);
    const restored = await admin.session.post(`/api/v1/trash/${batchId}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.counts).toMatchObject({ organizations: 2, configurations: 4, links: 4 });
    expect(await snapshotAccount(t, admin.accountId)).toEqual(before);
    const batch = (await admin.apiKey.get(`/api/v1/trash/${batchId}`)).body;
    expect(batch.restoredAt).toEqual(expect.any(String));
    // Once only.
    expect((await admin.apiKey.post(`/api/v1/trash/${batchId}/restore`)).body.error.code).toBe('conflict');
    expect((await queryRows(t.database.db, sql`select 1 from audit_events where action = 'trash.restored' and trash_batch_id = ${batchId}`)).length).toBe(1);
  });

  it('restores a single configuration with its attached password and link', async () => {
    const before = await snapshotAccount(t, admin.accountId);
    const batchId = await deleteRecords('configuration', [worlds[0]!.configs[0]!]);
    expect(await countRows(t, 'configurations', admin.accountId)).toBe(5);
    expect((await admin.apiKey.post(`/api/v1/trash/${batchId}/restore`)).status).toBe(200);
    expect(await snapshotAccount(t, admin.accountId)).toEqual(before);
  });

  it('refuses a restore when a row of the batch exists again (its PSA link re-created), and changes nothing', async () => {
    const gone = worlds[2]!.configs[0]!;
    const batchId = await deleteRecords('configuration', [gone]);
    // The next sync re-created the PSA record as a new configuration holding the same link.
    const other = (await admin.apiKey.post('/api/v1/configurations', { organizationId: worlds[2]!.org, name: 'Re-created' })).body.id as string;
    await linkRecord(t, admin, integrationId, 'configuration', other, 'syncing');
    await t.database.db.execute(sql`update psa_links set external_id = ${`configuration-${gone}`} where record_id = ${other}`);
    const before = await snapshotAccount(t, admin.accountId);
    const refused = await admin.apiKey.post(`/api/v1/trash/${batchId}/restore`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect(await snapshotAccount(t, admin.accountId)).toEqual(before);
    expect((await admin.apiKey.get(`/api/v1/trash/${batchId}`)).body.restoredAt).toBeNull();
  });

  it('lists batches newest first with keyset paging, and shows a batch with its items', async () => {
    const first = await admin.apiKey.get('/api/v1/trash?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({ action: 'records.deleted', actorLabel: admin.email, counts: { configurations: 1, passwords: 1, links: 1 }, restoredAt: null, purgedAt: null });
    const second = await admin.apiKey.get(`/api/v1/trash?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items[0].reason).toBe('Mistake');
    const detail = await admin.apiKey.get(`/api/v1/trash/${second.body.items[0].id}`);
    expect(detail.body.itemCount).toBe(20);
    expect(detail.body.items[0]).toMatchObject({ table: 'organizations', displayName: 'Alpha' });
    expect(detail.body.items.map((item: { table: string }) => item.table)).toContain('psa_links');
    expect((await admin.apiKey.get('/api/v1/trash?cursor=garbage')).body.error.code).toBe('invalid_cursor');
    const forged = Buffer.from(JSON.stringify(['createdAt', 'not a time', second.body.items[0].id])).toString('base64url');
    // A hand-made cursor is only ever a batch id: its time is read from the batch, never parsed from the client.
    expect((await admin.apiKey.get(`/api/v1/trash?cursor=${forged}`)).body).toEqual({ items: [], nextCursor: null });
  });

  it('keeps every trash route to admins of the account', async () => {
    const [batch] = (await admin.apiKey.get('/api/v1/trash')).body.items;
    for (const [method, path, body] of [
      ['GET', '/api/v1/trash', undefined],
      ['GET', `/api/v1/trash/${batch.id}`, undefined],
      ['POST', `/api/v1/trash/${batch.id}/restore`, {}],
      ['POST', `/api/v1/trash/${batch.id}/purge`, { confirm: 'PURGE' }],
      ['GET', '/api/v1/trash/settings', undefined],
      ['PUT', '/api/v1/trash/settings', { retentionDays: 5 }],
    ] as const) {
      expect((await editor.apiKey.request(method, path, body)).status, `${method} ${path}`).toBe(403);
      expect((await t.anonymous.request(method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    expect((await otherAdmin.apiKey.get('/api/v1/trash')).body.items).toEqual([]);
    for (const action of ['restore', 'purge']) {
      expect((await otherAdmin.apiKey.post(`/api/v1/trash/${batch.id}/${action}`, { confirm: 'PURGE' })).status).toBe(404);
    }
    expect((await otherAdmin.apiKey.get(`/api/v1/trash/${batch.id}`)).status).toBe(404);
    expect((await admin.apiKey.get(`/api/v1/trash/${batch.id}`)).body).toMatchObject({ restoredAt: null, purgedAt: null, itemCount: 3 });
  });

  it('purges a batch now only when confirmed; the batch row stays with its counts', async () => {
    const [batch] = (await admin.apiKey.get('/api/v1/trash')).body.items;
    expect((await admin.apiKey.post(`/api/v1/trash/${batch.id}/purge`, {})).status).toBe(400);
    expect((await admin.apiKey.post(`/api/v1/trash/${batch.id}/purge`, { confirm: 'purge' })).status).toBe(400);
    const purged = await admin.session.post(`/api/v1/trash/${batch.id}/purge`, { confirm: 'PURGE' });
    expect(purged.status).toBe(200);
    const detail = (await admin.apiKey.get(`/api/v1/trash/${batch.id}`)).body;
    expect(detail).toMatchObject({ purgedAt: expect.any(String), counts: { configurations: 1 }, itemCount: 0, items: [] });
    expect((await admin.apiKey.post(`/api/v1/trash/${batch.id}/restore`)).body.error.code).toBe('conflict');
    expect((await admin.apiKey.post(`/api/v1/trash/${batch.id}/purge`, { confirm: 'PURGE' })).body.error.code).toBe('conflict');
  });

  it('reads and changes the retention; new batches expire after it and the daily purge removes them', async () => {
    expect((await admin.apiKey.get('/api/v1/trash/settings')).body).toEqual({ retentionDays: 30 });
    expect((await admin.apiKey.request('PUT', '/api/v1/trash/settings', { retentionDays: 0 })).status).toBe(400);
    expect((await admin.apiKey.request('PUT', '/api/v1/trash/settings', { retentionDays: 366 })).status).toBe(400);
    expect((await admin.session.request('PUT', '/api/v1/trash/settings', { retentionDays: 7 })).body).toEqual({ retentionDays: 7 });
    expect((await admin.apiKey.get('/api/v1/trash/settings')).body).toEqual({ retentionDays: 7 });
    expect((await otherAdmin.apiKey.get('/api/v1/trash/settings')).body).toEqual({ retentionDays: 30 });

    const batchId = await deleteRecords('organization', [worlds[0]!.org]);
    expect(await expiresIn(batchId)).toBe(7);
    expect(await purgeExpired({ db: t.database.db })).toBe(0);
    await t.database.db.execute(sql`update trash_batches set expires_at = now() - interval '1 second' where id = ${batchId}`);
    expect(await purgeExpired({ db: t.database.db })).toBe(1);
    expect((await admin.apiKey.get(`/api/v1/trash/${batchId}`)).body).toMatchObject({ purgedAt: expect.any(String), itemCount: 0, counts: { organizations: 1 } });
    expect(await purgeExpired({ db: t.database.db })).toBe(0);
    const events = await queryRows<{ action: string; actor_type: string }>(t.database.db, sql`select action, actor_type from audit_events where trash_batch_id = ${batchId} order by created_at`);
    expect(events).toEqual([{ action: 'records.deleted', actor_type: 'api_key' }, { action: 'trash.expired_purged', actor_type: 'system' }]);
  });
});
