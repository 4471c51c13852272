import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { startManageWorld, type ManageWorld } from '../../test/support/manage.js';

describeEachEngine('Manage Data summary', (engine) => {
  let w: ManageWorld;
  beforeAll(async () => {
    w = await startManageWorld(engine);
  });
  afterAll(() => w?.close());

  it('counts synced items per kind and per scope, with the scope state, matching the links table', async () => {
    const response = await w.admin.session.get('/api/v1/manage/summary');
    expect(response.status).toBe(200);
    const summary = response.body;
    expect(summary.integrationId).toBe(w.integrationId);
    expect(summary.synced.map((s: { kind: string }) => s.kind)).toEqual(['organization', 'configuration', 'contact']);
    const expected = await queryRows<{ kind: string; state: string; n: number }>(w.t.database.db, sql`select kind, state, count(*)::int as n from psa_links group by kind, state`);
    for (const section of summary.synced) {
      for (const state of ['syncing', 'orphaned', 'disabled', 'error']) {
        expect(section.counts[state], `${section.kind} ${state}`).toBe(expected.find((e) => e.kind === section.kind && e.state === state)?.n ?? 0);
      }
    }
    const configuration = summary.synced[1];
    expect(configuration.counts).toMatchObject({ orphaned: 5, disabled: 2, error: 1 });
    const typeScopes = configuration.scopes.filter((s: { dimension: string }) => s.dimension === 'type');
    const [typed] = await queryRows<{ n: number }>(w.t.database.db, sql`select count(*)::int as n from psa_links where kind = 'configuration' and psa_type_id is not null`);
    expect(typeScopes.reduce((n: number, s: { counts: { total: number } }) => n + s.counts.total, 0)).toBe(typed!.n);
    const scopes = await queryRows<{ id: string; name: string; state: string }>(w.t.database.db, sql`select id, name, state from sync_scopes where kind = 'configuration'`);
    expect(configuration.scopes).toHaveLength(scopes.length);
    for (const row of configuration.scopes) {
      expect(row).toMatchObject({ name: scopes.find((s) => s.id === row.scopeId)!.name, state: 'enabled' });
      expect(row.counts.total).toBe(row.counts.syncing + row.counts.orphaned + row.counts.disabled + row.counts.error);
    }
    // Contacts have no status in any PSA: no status rows.
    expect(summary.synced[2].scopes.every((s: { dimension: string }) => s.dimension === 'type')).toBe(true);
  });

  it('reports the scope state of a paused scope', async () => {
    const [scope] = await queryRows<{ id: string }>(w.t.database.db, sql`select id from sync_scopes where kind = 'organization' and dimension = 'status' order by external_id limit 1`);
    await w.t.database.db.execute(sql`update sync_scopes set state = 'paused' where id = ${scope!.id}`);
    const summary = (await w.admin.apiKey.get('/api/v1/manage/summary')).body;
    expect(summary.synced[0].scopes.find((s: { scopeId: string }) => s.scopeId === scope!.id).state).toBe('paused');
    await w.t.database.db.execute(sql`update sync_scopes set state = 'enabled' where id = ${scope!.id}`);
  });

  it('groups orphaned data per kind and PSA type with counts per reason and the oldest orphan', async () => {
    const { orphaned } = (await w.admin.apiKey.get('/api/v1/manage/summary')).body;
    const configurations = orphaned.filter((o: { kind: string }) => o.kind === 'configuration');
    const total = (reason: string) => configurations.reduce((n: number, o: { counts: Record<string, number> }) => n + o.counts[reason]!, 0);
    expect(total('deleted_in_psa')).toBe(3);
    expect(total('excluded_by_settings')).toBe(2);
    expect(total('total')).toBe(5);
    const expected = await queryRows<{ psa_type_id: string; oldest: Date | string; name: string }>(w.t.database.db, sql`
      select l.psa_type_id, min(l.orphaned_at) as oldest, s.name from psa_links l join sync_scopes s on s.kind = l.kind and s.dimension = 'type' and s.external_id = l.psa_type_id
      where l.kind = 'configuration' and l.state = 'orphaned' group by l.psa_type_id, s.name`);
    expect(configurations).toHaveLength(expected.length);
    for (const e of expected) {
      const row = configurations.find((o: { typeExternalId: string }) => o.typeExternalId === e.psa_type_id);
      expect(row).toMatchObject({ typeName: e.name, scopeId: expect.any(String), oldestOrphanedAt: new Date(e.oldest).toISOString() });
    }
    const contacts = orphaned.filter((o: { kind: string }) => o.kind === 'contact');
    expect(contacts.reduce((n: number, o: { counts: { parent_not_synced: number } }) => n + o.counts.parent_not_synced, 0)).toBe(1);
  });

  it('counts disconnected (disabled) data per kind and PSA type', async () => {
    const { disconnected } = (await w.admin.apiKey.get('/api/v1/manage/summary')).body;
    expect(disconnected.every((d: { kind: string }) => d.kind === 'configuration')).toBe(true);
    expect(disconnected.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(2);
    expect(disconnected[0]).toMatchObject({ typeName: expect.any(String), scopeId: expect.any(String) });
  });

  it('is for admins only, and another account sees empty sections of its own', async () => {
    expect((await w.editor.session.get('/api/v1/manage/summary')).status).toBe(403);
    expect((await w.editor.apiKey.get('/api/v1/manage/summary')).body.error.code).toBe('forbidden');
    expect((await w.t.anonymous.get('/api/v1/manage/summary')).status).toBe(401);
    const other = await w.otherAdmin.apiKey.get('/api/v1/manage/summary');
    expect(other).toMatchObject({ status: 200, body: { integrationId: null, synced: [], orphaned: [], disconnected: [] } });
  });

  it('documents every Manage Data and audit route in the OpenAPI document, the exports as text/csv', async () => {
    const { paths } = (await w.t.anonymous.get('/api/openapi.json')).body;
    for (const path of ['/api/v1/manage/summary', '/api/v1/manage/records', '/api/v1/audit']) expect(Object.keys(paths[path].get.responses['200'].content)).toEqual(['application/json']);
    for (const path of ['/api/v1/manage/records.csv', '/api/v1/audit.csv']) expect(Object.keys(paths[path].get.responses['200'].content)).toEqual(['text/csv']);
    const parameters = paths['/api/v1/manage/records'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['kind', 'scopeId', 'state', 'reason', 'organizationId', 'q', 'sort', 'order', 'limit', 'cursor']));
  });
});
