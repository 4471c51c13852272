import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import type { RunningSimulator } from '../simulators/server.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { integrationBody, startSmallSimulator } from '../../test/support/integrations.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/support/test-app.js';

describeEachEngine('integration removal', (engine) => {
  let t: TestApp;
  let sim: RunningSimulator;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let manager: TestUser;
  let id: string;
  let orgIds: string[];

  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp(engine), startSmallSimulator()]);
    admin = await t.createUser('Acme MSP', 'admin');
    otherAdmin = await t.createUser('Globex MSP', 'admin');
    manager = await t.createUser('Acme MSP', 'manager');
    id = (await admin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id;
    orgIds = [];
    for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta']) orgIds.push((await admin.apiKey.post('/api/v1/organizations', { name })).body.id);
    // Three of the organizations are linked (two syncing, one orphaned), one is local; one finished run.
    await linkOrganization(orgIds[0]!, '1', 'syncing');
    await linkOrganization(orgIds[1]!, '2', 'syncing');
    await linkOrganization(orgIds[2]!, '3', 'orphaned');
    await t.database.db.execute(sql`insert into sync_runs (account_id, integration_id, trigger, status) values (${admin.accountId}, ${id}, 'manual', 'succeeded')`);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), sim?.close()]);
  });

  const linkOrganization = (recordId: string, externalId: string, state: string) =>
    t.database.db.execute(sql`
      insert into psa_links (account_id, integration_id, kind, external_id, record_id, state, orphan_reason)
      values (${admin.accountId}, ${id}, 'organization', ${externalId}, ${recordId}, ${state}, ${state === 'orphaned' ? 'deleted_in_psa' : null})`);
  const count = async (table: string) =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.identifier(table)} where account_id = ${admin.accountId}`))[0]!.n;
  const remove = (token: unknown, client = admin.apiKey, integrationId = id) =>
    client.request('DELETE', `/api/v1/integrations/${integrationId}`, token === undefined ? undefined : { confirmationToken: token });

  it('previews what removal does: counts links per kind and state, records stay', async () => {
    const preview = await admin.apiKey.get(`/api/v1/integrations/${id}/removal-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      integrationId: id,
      totalLinks: 3,
      scopes: 32,
      runs: 1,
      syncRunning: false,
      links: {
        organization: { syncing: 2, orphaned: 1, disabled: 0, error: 0, total: 3 },
        configuration: { syncing: 0, orphaned: 0, disabled: 0, error: 0, total: 0 },
        contact: { total: 0 },
      },
    });
    expect(preview.body.effects.join(' ')).toMatch(/stays in psalink as a local record.*No record is deleted/);
    expect(preview.body.confirmationToken).toEqual(expect.any(String));
    // The same counts give the same token; it is not something a caller could compute.
    expect((await admin.session.get(`/api/v1/integrations/${id}/removal-preview`)).body.confirmationToken).toBe(preview.body.confirmationToken);
  });

  it('refuses a missing, wrong or stale confirmation and changes nothing', async () => {
    const { confirmationToken } = (await admin.apiKey.get(`/api/v1/integrations/${id}/removal-preview`)).body;
    expect((await remove(undefined)).status).toBe(400);
    const wrong = await remove('not-the-token');
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('preview_stale');

    // A link appears between the preview and the confirmation (a sync ran).
    await linkOrganization(orgIds[3]!, '4', 'syncing');
    const stale = await remove(confirmationToken);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'preview_stale', details: { links: { organization: { total: 4 } } } });
    expect(await count('psa_links')).toBe(4);
    expect(await count('psa_integrations')).toBe(1);
  });

  it('keeps other accounts and non-admins out', async () => {
    const { confirmationToken } = (await admin.apiKey.get(`/api/v1/integrations/${id}/removal-preview`)).body;
    expect((await otherAdmin.apiKey.get(`/api/v1/integrations/${id}/removal-preview`)).status).toBe(404);
    expect((await remove(confirmationToken, otherAdmin.apiKey)).status).toBe(404);
    expect((await manager.apiKey.get(`/api/v1/integrations/${id}/removal-preview`)).status).toBe(403);
    expect((await remove(confirmationToken, manager.session)).status).toBe(403);
    expect(await count('psa_links')).toBe(4);
    expect(await count('psa_integrations')).toBe(1);
  });

  it('waits for a running sync', async () => {
    await t.database.db.execute(sql`insert into sync_runs (account_id, integration_id, trigger, status, started_at, heartbeat_at) values (${admin.accountId}, ${id}, 'manual', 'running', now(), now())`);
    const preview = (await admin.apiKey.get(`/api/v1/integrations/${id}/removal-preview`)).body;
    expect(preview.syncRunning).toBe(true);
    const refused = await remove(preview.confirmationToken);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/sync .* is running/);
    await t.database.db.execute(sql`update sync_runs set status = 'succeeded' where status = 'running'`);
  });

  it('removes links, scopes and runs as previewed; every record stays as a local record', async () => {
    const preview = (await admin.apiKey.get(`/api/v1/integrations/${id}/removal-preview`)).body;
    const response = await remove(preview.confirmationToken, admin.session);
    expect(response.status).toBe(200);
    expect(response.body.removed).toMatchObject({ links: { organization: { syncing: 3, orphaned: 1, total: 4 } }, scopes: 32, runs: 2 });
    for (const table of ['psa_integrations', 'psa_links', 'sync_scopes', 'sync_runs']) expect(await count(table), table).toBe(0);
    expect(await count('organizations')).toBe(4);
    const names = (await admin.apiKey.get('/api/v1/organizations')).body.items.map((o: { name: string }) => o.name);
    expect(names.sort()).toEqual(['Alpha', 'Beta', 'Delta', 'Gamma']);
    const [audit] = await queryRows<{ actor_label: string; counts: Record<string, number> }>(
      t.database.db,
      sql`select actor_label, counts from audit_events where action = 'integration.removed'`,
    );
    expect(audit).toMatchObject({ actor_label: admin.email, counts: { organizationLinks: 4, configurationLinks: 0, contactLinks: 0, scopes: 32, runs: 2 } });
    expect((await admin.apiKey.get(`/api/v1/integrations/${id}`)).status).toBe(404);
    expect((await remove(preview.confirmationToken)).status).toBe(404);
    // The account can connect its PSA again.
    expect((await admin.apiKey.post('/api/v1/integrations', integrationBody(sim))).status).toBe(201);
  });
});
