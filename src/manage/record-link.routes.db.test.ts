import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { startManageWorld, type ManageWorld } from '../../test/support/manage.js';
import type { TestUser } from '../../test/support/test-app.js';

describeEachEngine('GET /manage/records/{kind}/{recordId}/link', (engine) => {
  let w: ManageWorld;
  let readonly: TestUser;
  beforeAll(async () => {
    w = await startManageWorld(engine);
    readonly = await w.t.createUser('Acme MSP', 'readonly');
  });
  afterAll(() => w?.close());

  const linkPath = (kind: string, id: string) => `/api/v1/manage/records/${kind}/${id}/link`;
  const linkOf = async (kind: string, recordId: string) =>
    (await queryRows<{ id: string; external_id: string }>(w.t.database.db, sql`select id, external_id from psa_links where kind = ${kind} and record_id = ${recordId}`))[0]!;
  const firstRecord = async (kind: string, state = 'syncing') =>
    (await queryRows<{ record_id: string }>(w.t.database.db, sql`select record_id from psa_links where kind = ${kind} and state = ${state} order by external_id::int limit 1`))[0]!.record_id;

  it('answers the exact link of a synced record, with a link into the PSA', async () => {
    const id = await firstRecord('configuration');
    const stored = await linkOf('configuration', id);
    const response = await w.admin.session.get(linkPath('configuration', id));
    expect(response.status).toBe(200);
    expect(response.body.link).toMatchObject({
      id: stored.id,
      state: 'syncing',
      orphanReason: null,
      orphanReasonText: null,
      orphanedAt: null,
      psaId: stored.external_id,
      psaTypeName: expect.any(String),
      lastSyncedAt: expect.any(String),
      lastError: null,
      provider: 'connectwise',
    });
    // The demo-style simulator URL run through the ConnectWise formula: same origin, the configuration's record type and id.
    const url = new URL(response.body.link.psaUrl);
    expect(url.origin).toBe(new URL(w.sim.baseUrl).origin);
    expect(url.pathname).toBe('/v4_6_release/services/system_io/router/openrecord.rails');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ recordType: 'ConfigFV', recid: stored.external_id, companyName: w.sim.credentials.companyId });
    // Never a credential, only the login company.
    for (const key of ['publicKey', 'privateKey', 'clientId']) expect(JSON.stringify(response.body)).not.toContain(w.sim.credentials[key]!);

    const organization = await firstRecord('organization');
    const org = (await w.admin.apiKey.get(linkPath('organization', organization))).body.link;
    expect(org).toMatchObject({ psaId: (await linkOf('organization', organization)).external_id, state: 'syncing' });
    expect(new URL(org.psaUrl).searchParams.get('recordType')).toBe('CompanyFV');
    const contact = (await w.admin.apiKey.get(linkPath('contact', await firstRecord('contact')))).body.link;
    expect(new URL(contact.psaUrl).searchParams.get('recordType')).toBe('ContactFV');
  });

  it('carries the orphan reason and the sync error of the link', async () => {
    const [errorId] = w.configurations.error;
    const error = (await w.admin.apiKey.get(linkPath('configuration', errorId!))).body.link;
    expect(error).toMatchObject({ state: 'error', lastError: { code: 'validation_failed', message: 'Name is too long', at: expect.any(String) } });
    const orphan = (await w.admin.apiKey.get(linkPath('configuration', w.configurations.deleted[0]!))).body.link;
    expect(orphan).toMatchObject({ state: 'orphaned', orphanReason: 'deleted_in_psa', orphanReasonText: 'Deleted in the PSA', orphanedAt: expect.any(String) });
    const disabled = (await w.admin.apiKey.get(linkPath('configuration', w.configurations.disabled[0]!))).body.link;
    expect(disabled.state).toBe('disabled');
  });

  it('answers null for a local record, and no other record of the same name', async () => {
    const synced = await firstRecord('organization');
    const [{ name }] = (await queryRows<{ name: string }>(w.t.database.db, sql`select name from organizations where id = ${synced}`)) as [{ name: string }];
    // Same name as a synced organization: the old name search could pick the wrong one; an id lookup cannot.
    const local = (await w.admin.apiKey.post('/api/v1/organizations', { name })).body.id as string;
    const response = await w.admin.apiKey.get(linkPath('organization', local));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ link: null });
  });

  it('is 404 for another account\'s record or an unknown id, and 400 for a bad kind or id', async () => {
    const id = await firstRecord('configuration');
    const foreign = await w.otherAdmin.apiKey.get(linkPath('configuration', id));
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect(foreign.body.link).toBeUndefined();
    // The right id under the wrong kind is not that record either.
    expect((await w.admin.apiKey.get(linkPath('organization', id))).status).toBe(404);
    expect((await w.admin.apiKey.get(linkPath('contact', '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await w.admin.apiKey.get(linkPath('password', id))).status).toBe(400);
    expect((await w.admin.apiKey.get(linkPath('configuration', 'not-a-uuid'))).status).toBe(400);
  });

  it('is readable by every role of the account, not anonymously; changing sync stays admin-only', async () => {
    const id = await firstRecord('configuration');
    for (const user of [w.editor, readonly]) {
      const response = await user.session.get(linkPath('configuration', id));
      expect(response.status, user.role).toBe(200);
      expect(response.body.link.state).toBe('syncing');
    }
    expect((await w.t.anonymous.get(linkPath('configuration', id))).status).toBe(401);
    expect((await w.editor.apiKey.post('/api/v1/manage/records/sync', { kind: 'configuration', ids: [id], action: 'disable' })).status).toBe(403);
  });

  it('is documented in the OpenAPI document', async () => {
    const { paths } = (await w.t.anonymous.get('/api/openapi.json')).body;
    const operation = paths['/api/v1/manage/records/{kind}/{recordId}/link'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['kind', 'recordId']));
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '404']));
  });
});
