import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { startManageWorld, type ManageWorld } from '../../test/support/manage.js';
import { runSync } from '../../test/support/sync.js';
import { snapshotAccount } from '../../test/support/trash.js';

interface Scope {
  id: string;
  kind: string;
  dimension: string;
  external_id: string;
  state: string;
  links: number;
}

describeEachEngine('Manage Data write actions', (engine) => {
  let w: ManageWorld;
  beforeAll(async () => {
    w = await startManageWorld(engine);
  });
  afterAll(() => w?.close());

  const db = () => w.t.database.db;
  const api = () => w.admin.apiKey;
  /** Type scopes of a kind with their link counts, most links first. */
  const typeScopes = (kind: string) =>
    queryRows<Scope>(db(), sql`
      select s.id, s.kind, s.dimension, s.external_id, s.state::text as state,
        (select count(*)::int from psa_links l where l.integration_id = s.integration_id and l.kind = s.kind and l.psa_type_id = s.external_id) as links
      from sync_scopes s where s.account_id = ${w.admin.accountId} and s.kind = ${kind} and s.dimension = 'type' order by links desc, s.external_id`);
  const scopeState = async (id: string) => (await queryRows<{ state: string }>(db(), sql`select state::text as state from sync_scopes where id = ${id}`))[0]!.state;
  const linksOfScope = (s: Scope) =>
    queryRows<{ record_id: string; external_id: string; state: string }>(db(), sql`
      select record_id, external_id, state::text as state from psa_links where kind = ${s.kind} and psa_type_id = ${s.external_id} and account_id = ${w.admin.accountId} order by external_id`);
  const count = async (table: string) => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.identifier(table)} where account_id = ${w.admin.accountId}`))[0]!.n;
  const audits = async (action: string) => queryRows<{ counts: Record<string, number>; details: Record<string, unknown> }>(db(), sql`select counts, details from audit_events where action = ${action} order by created_at`);
  const disconnect = async (scopeId: string, mode: string, reason?: string) => {
    const preview = await api().post(`/api/v1/manage/scopes/${scopeId}/disconnect-preview`, { mode });
    expect(preview.status).toBe(200);
    const done = await w.admin.session.post(`/api/v1/manage/scopes/${scopeId}/disconnect`, { mode, confirmationToken: preview.body.confirmationToken, reason });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    return { preview: preview.body, done: done.body };
  };

  it('disables and enables sync on chosen records, audited; unknown or foreign ids change nothing (404)', async () => {
    const [id] = (await queryRows<{ record_id: string }>(db(), sql`select record_id from psa_links where kind = 'configuration' and state = 'syncing' order by external_id limit 1`)).map((r) => r.record_id);
    const disabled = await w.admin.session.post('/api/v1/manage/records/sync', { kind: 'configuration', ids: [id], action: 'disable' });
    expect(disabled.body).toEqual({ changed: 1 });
    expect((await queryRows<{ state: string }>(db(), sql`select state::text as state from psa_links where record_id = ${id}`))[0]!.state).toBe('disabled');
    expect((await api().post('/api/v1/manage/records/sync', { kind: 'configuration', ids: [id], action: 'disable' })).body).toEqual({ changed: 0 });
    expect((await api().post('/api/v1/manage/records/sync', { kind: 'configuration', ids: [id], action: 'enable' })).body).toEqual({ changed: 1 });
    expect((await audits('records.sync_disabled'))[0]!.counts).toEqual({ configuration: 1 });
    expect(await audits('records.sync_enabled')).toHaveLength(1);
    const foreign = await w.otherAdmin.apiKey.post('/api/v1/manage/records/sync', { kind: 'configuration', ids: [id], action: 'disable' });
    expect(foreign.status).toBe(404);
    expect((await api().post('/api/v1/manage/records/sync', { kind: 'organization', ids: [id], action: 'disable' })).status).toBe(404);
    expect((await api().post('/api/v1/manage/records/sync', { kind: 'configuration', ids: [], action: 'disable' })).status).toBe(400);
    expect((await queryRows<{ state: string }>(db(), sql`select state::text as state from psa_links where record_id = ${id}`))[0]!.state).toBe('syncing');
  });

  it('keeps every write route to admins of the account, and changes nothing for others', async () => {
    const [scope] = await typeScopes('configuration');
    const before = await snapshotAccount(w.t, w.admin.accountId);
    const routes: [string, object][] = [
      ['/api/v1/manage/records/sync', { kind: 'configuration', ids: [w.configurations.disabled[0]], action: 'enable' }],
      ['/api/v1/manage/reconnect', { kind: 'configuration' }],
      [`/api/v1/manage/scopes/${scope!.id}/disconnect-preview`, { mode: 'pause' }],
      [`/api/v1/manage/scopes/${scope!.id}/disconnect`, { mode: 'pause', confirmationToken: 'x' }],
      [`/api/v1/manage/scopes/${scope!.id}/resume`, {}],
      [`/api/v1/manage/scopes/${scope!.id}/reconnect`, {}],
      ['/api/v1/manage/orphans/delete-preview', { kind: 'configuration' }],
      ['/api/v1/manage/orphans/delete', { kind: 'configuration', confirmationToken: 'x' }],
    ];
    for (const [path, body] of routes) {
      expect((await w.editor.apiKey.post(path, body)).status, path).toBe(403);
      expect((await w.t.anonymous.post(path, body)).status, path).toBe(401);
    }
    for (const [path, body] of routes.slice(2, 6)) expect((await w.otherAdmin.apiKey.post(path, body)).status, path).toBe(404);
    expect((await w.otherAdmin.apiKey.post('/api/v1/manage/reconnect', { kind: 'configuration' })).body).toEqual({ changed: 0 });
    const orphans = await w.otherAdmin.apiKey.post('/api/v1/manage/orphans/delete-preview', { kind: 'configuration' });
    expect(orphans.body.counts.configurations.total).toBe(0);
    expect((await w.otherAdmin.apiKey.post('/api/v1/manage/orphans/delete', { kind: 'configuration', confirmationToken: orphans.body.confirmationToken })).status).toBe(409);
    // A session without the CSRF header is refused too.
    expect((await w.admin.session.request('POST', '/api/v1/manage/reconnect', { kind: 'configuration' }, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect(await snapshotAccount(w.t, w.admin.accountId)).toEqual(before);
  });

  it('pause: the sync leaves the records alone; resume: the next run syncs them again', async () => {
    const [scope] = await typeScopes('configuration');
    const [link] = (await linksOfScope(scope!)).filter((l) => l.state === 'syncing');
    const name = async () => (await queryRows<{ name: string }>(db(), sql`select name from configurations where id = ${link!.record_id}`))[0]!.name;
    const { preview, done } = await disconnect(scope!.id, 'pause');
    expect(preview).toMatchObject({ mode: 'pause', scope: { id: scope!.id, state: 'enabled' }, links: scope!.links, deletion: null, effects: expect.any(Array) });
    expect(done).toMatchObject({ mode: 'pause', scope: { state: 'paused' }, batchId: null });
    // Only enabled scopes pause.
    expect((await api().post(`/api/v1/manage/scopes/${scope!.id}/disconnect-preview`, { mode: 'pause' })).status).toBe(200);
    const again = (await api().post(`/api/v1/manage/scopes/${scope!.id}/disconnect-preview`, { mode: 'pause' })).body.confirmationToken;
    expect((await api().post(`/api/v1/manage/scopes/${scope!.id}/disconnect`, { mode: 'pause', confirmationToken: again })).status).toBe(409);

    const before = await name();
    w.sim.world.update('configurations', Number(link!.external_id), { name: 'RENAMED-IN-PSA' });
    await runSync(w.t, w.admin.accountId, w.integrationId, { full: true });
    expect(await name()).toBe(before);
    const resumed = await api().post(`/api/v1/manage/scopes/${scope!.id}/resume`);
    expect(resumed.body).toEqual({ scope: expect.objectContaining({ id: scope!.id, state: 'enabled' }) });
    expect((await api().post(`/api/v1/manage/scopes/${scope!.id}/resume`)).body.error.code).toBe('conflict');
    await runSync(w.t, w.admin.accountId, w.integrationId, { full: true });
    expect(await name()).toBe('RENAMED-IN-PSA');
    expect((await audits('scope.paused'))[0]!.counts).toEqual({ configuration: scope!.links });
    expect(await audits('scope.resumed')).toHaveLength(1);
  });

  it('refuses a stale disconnect (a link of the scope changed since the preview) and changes nothing', async () => {
    const [scope] = await typeScopes('configuration');
    const preview = (await api().post(`/api/v1/manage/scopes/${scope!.id}/disconnect-preview`, { mode: 'unlink' })).body;
    const [link] = await linksOfScope(scope!);
    await db().execute(sql`update psa_links set state = 'disabled' where record_id = ${link!.record_id}`);
    const stale = await api().post(`/api/v1/manage/scopes/${scope!.id}/disconnect`, { mode: 'unlink', confirmationToken: preview.confirmationToken });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('preview_stale');
    // A token of another mode does not confirm this one.
    const pauseToken = (await api().post(`/api/v1/manage/scopes/${scope!.id}/disconnect-preview`, { mode: 'pause' })).body.confirmationToken;
    expect((await api().post(`/api/v1/manage/scopes/${scope!.id}/disconnect`, { mode: 'unlink', confirmationToken: pauseToken })).body.error.code).toBe('preview_stale');
    expect(await scopeState(scope!.id)).toBe('enabled');
    expect(await linksOfScope(scope!)).toHaveLength(scope!.links);
    await db().execute(sql`update psa_links set state = 'syncing' where record_id = ${link!.record_id}`);
  });

  it('unlink: links gone, records stay local, the sync does not re-create them; reconnect re-links without duplicates', async () => {
    const [scope] = await typeScopes('configuration');
    const links = await linksOfScope(scope!);
    const configurations = await count('configurations');
    const { done } = await disconnect(scope!.id, 'unlink');
    expect(done).toMatchObject({ mode: 'unlink', scope: { state: 'disconnected' }, changed: links.length, batchId: null });
    expect(await linksOfScope(scope!)).toEqual([]);
    expect(await count('configurations')).toBe(configurations);
    await runSync(w.t, w.admin.accountId, w.integrationId, { full: true });
    expect(await linksOfScope(scope!)).toEqual([]);
    expect(await count('configurations')).toBe(configurations);
    expect((await api().post(`/api/v1/manage/scopes/${scope!.id}/resume`)).status).toBe(409);

    expect((await api().post(`/api/v1/manage/scopes/${scope!.id}/reconnect`)).body.scope.state).toBe('enabled');
    await runSync(w.t, w.admin.accountId, w.integrationId, { full: true });
    const relinked = await linksOfScope(scope!);
    expect(relinked.map((l) => l.record_id).sort()).toEqual(links.map((l) => l.record_id).sort());
    expect(await count('configurations')).toBe(configurations);
    expect((await audits('scope.unlinked'))[0]!.counts).toEqual({ configuration: links.length, links: links.length });
    expect(await audits('scope.reconnected')).toHaveLength(1);
  });

  it('delete: records and their children go to one trash batch, the scope is disconnected; restore brings all back', async () => {
    const [scope] = (await typeScopes('organization')).filter((s) => s.links > 0);
    const orgIds = (await linksOfScope(scope!)).map((l) => l.record_id);
    const password = await api().post('/api/v1/passwords', { organizationId: orgIds[0], name: 'Local wifi', secret: 'pw' });
    expect(password.status).toBe(201);
    const before = await snapshotAccount(w.t, w.admin.accountId);
    const { preview, done } = await disconnect(scope!.id, 'delete', 'Customer left');
    expect(preview.deletion.counts.organizations.total).toBe(orgIds.length);
    expect(preview.deletion.counts.passwords.total).toBeGreaterThanOrEqual(1);
    expect(done).toMatchObject({ mode: 'delete', scope: { state: 'disconnected' }, changed: orgIds.length, batchId: expect.any(String) });
    expect(await queryRows(db(), sql`select id from organizations where id = ${orgIds[0]}`)).toEqual([]);
    expect((await api().get(`/api/v1/passwords/${password.body.id}`)).status).toBe(404);
    const batch = (await api().get(`/api/v1/trash/${done.batchId}`)).body;
    expect(batch).toMatchObject({ action: 'scope.deleted', reason: 'Customer left', counts: { organizations: orgIds.length, passwords: preview.deletion.counts.passwords.total } });

    expect((await api().post(`/api/v1/trash/${done.batchId}/restore`)).status).toBe(200);
    const after = await snapshotAccount(w.t, w.admin.accountId);
    // Everything is back as it was, the scope's state included (only its updated_at moved), and the restore says so.
    const withoutUpdatedAt = (rows: unknown[]) => rows.map((row) => ({ ...(row as object), updated_at: null }));
    expect({ ...after, sync_scopes: withoutUpdatedAt(after.sync_scopes!) }).toEqual({ ...before, sync_scopes: withoutUpdatedAt(before.sync_scopes!) });
    expect(await scopeState(scope!.id)).toBe(scope!.state);
    const [restored] = await queryRows<{ details: { scopeIds: string[]; scopesRestored: { id: string; state: string }[] } }>(
      db(),
      sql`select details from audit_events where action = 'trash.restored' and trash_batch_id = ${done.batchId}`,
    );
    expect(restored!.details.scopeIds).toContain(scope!.id);
    expect(restored!.details.scopesRestored).toEqual([{ id: scope!.id, state: scope!.state }]);
  });

  it('Delete All orphans of a kind and type: one batch, the other orphans stay; a stale token is refused', async () => {
    // The full syncs above healed the fixture's orphans (their PSA records exist): orphan them again.
    const orphaned = [...w.configurations.deleted, ...w.configurations.excluded];
    for (const id of orphaned) await db().execute(sql`update psa_links set state = 'orphaned', orphan_reason = 'deleted_in_psa', orphaned_at = now() where record_id = ${id}`);
    const [{ psa_type_id: type }] = (await queryRows<{ psa_type_id: string }>(db(), sql`select psa_type_id from psa_links where record_id = ${w.configurations.deleted[0]}`)) as [{ psa_type_id: string }];
    const orphansOf = async (t: string | null) =>
      (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from psa_links where kind = 'configuration' and state = 'orphaned' and account_id = ${w.admin.accountId} ${t ? sql`and psa_type_id = ${t}` : sql``}`))[0]!.n;
    const ofType = await orphansOf(type);
    const all = await orphansOf(null);
    const preview = (await api().post('/api/v1/manage/orphans/delete-preview', { kind: 'configuration', typeExternalId: type })).body;
    expect(preview.counts.configurations.total).toBe(ofType);
    expect((await api().post('/api/v1/manage/orphans/delete-preview', { kind: 'configuration' })).body.counts.configurations.total).toBe(all);
    // An orphan edited since the preview: stale.
    const [orphan] = await queryRows<{ record_id: string }>(db(), sql`select record_id from psa_links where kind = 'configuration' and state = 'orphaned' and psa_type_id = ${type} limit 1`);
    await api().patch(`/api/v1/configurations/${orphan!.record_id}`, { notes: 'edited' });
    const stale = await api().post('/api/v1/manage/orphans/delete', { kind: 'configuration', typeExternalId: type, confirmationToken: preview.confirmationToken });
    expect(stale.body.error.code).toBe('preview_stale');
    expect(await orphansOf(type)).toBe(ofType);

    const fresh = (await api().post('/api/v1/manage/orphans/delete-preview', { kind: 'configuration', typeExternalId: type })).body;
    const done = await w.admin.session.post('/api/v1/manage/orphans/delete', { kind: 'configuration', typeExternalId: type, confirmationToken: fresh.confirmationToken });
    expect(done.status).toBe(200);
    expect(done.body.counts).toMatchObject({ configurations: ofType, links: ofType });
    expect(await orphansOf(type)).toBe(0);
    expect(await orphansOf(null)).toBe(all - ofType);
    expect(all - ofType).toBeGreaterThan(0);
    expect((await api().get(`/api/v1/trash/${done.body.batchId}`)).body.action).toBe('orphans.deleted');
    expect((await audits('orphans.deleted'))[0]!.counts).toMatchObject({ configurations: ofType });
  });

  it('Reconnect all disconnected records of a kind', async () => {
    const disabled = (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from psa_links where kind = 'configuration' and state = 'disabled' and account_id = ${w.admin.accountId}`))[0]!.n;
    expect(disabled).toBeGreaterThan(0);
    expect((await api().post('/api/v1/manage/reconnect', { kind: 'configuration', typeExternalId: 'no-such-type' })).body).toEqual({ changed: 0 });
    expect((await w.admin.session.post('/api/v1/manage/reconnect', { kind: 'configuration' })).body).toEqual({ changed: disabled });
    expect((await queryRows(db(), sql`select 1 from psa_links where kind = 'configuration' and state = 'disabled'`)).length).toBe(0);
    expect((await audits('records.reconnected'))[0]!.counts).toEqual({ configuration: disabled });
  });

  it('the REST delete of a record moves it to the trash, and refuses a syncing record', async () => {
    const [syncing] = await queryRows<{ record_id: string }>(db(), sql`select record_id from psa_links where kind = 'organization' and state = 'syncing' limit 1`);
    const refused = await api().delete(`/api/v1/organizations/${syncing!.record_id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    const local = (await api().post('/api/v1/organizations', { name: 'Local only' })).body.id as string;
    await api().post('/api/v1/contacts', { organizationId: local, firstName: 'Lo', lastName: 'Cal' });
    expect((await api().delete(`/api/v1/organizations/${local}`)).status).toBe(204);
    const [batch] = (await api().get('/api/v1/trash')).body.items;
    expect(batch).toMatchObject({ action: 'records.deleted', counts: { organizations: 1, contacts: 1 } });
    expect((await api().delete(`/api/v1/organizations/${local}`)).status).toBe(404);
  });
});
