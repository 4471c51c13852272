import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { startManageWorld, type ManageWorld } from '../../test/support/manage.js';
import type { ApiClient } from '../../test/support/test-app.js';

interface Item {
  id: string;
  name: string;
  state: string;
  orphanedAt: string | null;
  lastSyncedAt: string | null;
  organization: { id: string; name: string } | null;
  [key: string]: unknown;
}

describeEachEngine('Manage Data record lists', (engine) => {
  let w: ManageWorld;
  beforeAll(async () => {
    w = await startManageWorld(engine);
  });
  afterAll(() => w?.close());

  const list = async (query: string, client: ApiClient = w.admin.apiKey) => (await client.get(`/api/v1/manage/records?${query}`)).body as { items: Item[]; nextCursor: string | null };
  async function allPages(query: string, limit: number) {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
  const count = async (kind: string) => (await queryRows<{ n: number }>(w.t.database.db, sql`select count(*)::int as n from psa_links where kind = ${kind}`))[0]!.n;

  it('lists a kind with its link state, reason in words, parent organization, PSA names and last error', async () => {
    const response = await w.admin.session.get('/api/v1/manage/records?kind=configuration&limit=200');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(await count('configuration'));
    const byId = new Map<string, Item>(response.body.items.map((i: Item) => [i.id, i]));
    expect(byId.get(w.configurations.deleted[0]!)).toMatchObject({ state: 'orphaned', orphanReason: 'deleted_in_psa', orphanReasonText: 'Deleted in the PSA', orphanedAt: expect.any(String) });
    expect(byId.get(w.configurations.error[0]!)).toMatchObject({ state: 'error', lastError: { code: 'validation_failed', message: 'Name is too long', at: expect.any(String) } });
    const syncing = response.body.items.find((i: Item) => i.state === 'syncing');
    expect(syncing).toMatchObject({ kind: 'configuration', externalId: expect.any(String), psaType: expect.any(String), orphanReason: null, lastError: null, lastSyncedAt: expect.any(String) });
    expect(syncing.organization).toEqual({ id: expect.any(String), name: expect.any(String) });
    const organizations = await list('kind=organization&limit=200');
    expect(organizations.items).toHaveLength(await count('organization'));
    expect(organizations.items.every((i) => i.organization === null && i.psaStatus !== undefined)).toBe(true);
  });

  it('pages every sort and order without duplicates or gaps, in order', async () => {
    const total = await count('configuration');
    for (const sort of ['name', 'orphanedAt', 'lastSyncedAt'] as const) {
      for (const order of ['asc', 'desc']) {
        const items = await allPages(`kind=configuration&sort=${sort}&order=${order}`, 3);
        expect(new Set(items.map((i) => i.id)).size, `${sort} ${order}`).toBe(total);
        const whole = (await list(`kind=configuration&sort=${sort}&order=${order}&limit=200`)).items;
        expect(items.map((i) => i.id)).toEqual(whole.map((i) => i.id));
      }
    }
    const byOrphanedAt = (await list('kind=configuration&sort=orphanedAt&order=desc&state=orphaned&reason=deleted_in_psa')).items;
    expect(byOrphanedAt.map((i) => i.id)).toEqual(w.configurations.deleted);
    const byName = (await list('kind=contact&sort=name&limit=200')).items.map((i) => i.name);
    expect(byName).toHaveLength(await count('contact'));
  });

  it('filters by state, reason, scope, organization and escaped search text', async () => {
    expect((await list('kind=configuration&state=disabled')).items.map((i) => i.id).sort()).toEqual([...w.configurations.disabled].sort());
    expect((await list('kind=configuration&reason=excluded_by_settings')).items.map((i) => i.id).sort()).toEqual([...w.configurations.excluded].sort());
    expect((await list('kind=contact&state=orphaned&reason=parent_not_synced')).items).toHaveLength(1);
    const [scope] = await queryRows<{ id: string; external_id: string; n: number }>(w.t.database.db, sql`
      select s.id, s.external_id, count(l.id)::int as n from sync_scopes s join psa_links l on l.kind = s.kind and l.psa_type_id = s.external_id
      where s.kind = 'configuration' and s.dimension = 'type' group by s.id, s.external_id order by n desc limit 1`);
    const inScope = (await list(`kind=configuration&scopeId=${scope!.id}&limit=200`)).items;
    expect(inScope).toHaveLength(scope!.n);
    const someOrg = inScope[0]!.organization!;
    const ofOrg = (await list(`kind=configuration&organizationId=${someOrg.id}&limit=200`)).items;
    expect(ofOrg.length).toBeGreaterThan(0);
    expect(ofOrg.every((i) => i.organization?.id === someOrg.id)).toBe(true);
    expect((await list(`kind=organization&organizationId=${someOrg.id}`)).items.map((i) => i.id)).toEqual([someOrg.id]);
    expect((await list('kind=configuration&q=100%25_')).items.map((i) => i.id)).toEqual([w.configurations.wildcard]);
    expect((await list('kind=configuration&q=%25')).items.map((i) => i.id)).toEqual([w.configurations.wildcard]);
    expect((await list('kind=configuration&q=big%20%22server')).items).toHaveLength(0);
    expect((await list('kind=configuration&q=ACME,%20%22big')).items.map((i) => i.id)).toEqual([w.configurations.quoted]);
  });

  it('refuses a scope of another kind, an unknown scope and a cursor of another sort', async () => {
    const [orgScope] = await queryRows<{ id: string }>(w.t.database.db, sql`select id from sync_scopes where kind = 'organization' limit 1`);
    expect((await w.admin.apiKey.get(`/api/v1/manage/records?kind=configuration&scopeId=${orgScope!.id}`)).body.error.code).toBe('validation_failed');
    expect((await w.admin.apiKey.get('/api/v1/manage/records?kind=configuration&scopeId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const page = await list('kind=configuration&limit=2');
    const wrong = await w.admin.apiKey.get(`/api/v1/manage/records?kind=configuration&sort=lastSyncedAt&cursor=${page.nextCursor}`);
    expect(wrong.body.error.code).toBe('invalid_cursor');
    expect((await w.admin.apiKey.get('/api/v1/manage/records')).status).toBe(400);
  });

  it('exports every matching record as RFC 4180 CSV with formulas neutralised', async () => {
    const response = await w.admin.session.get<string>('/api/v1/manage/records.csv?kind=configuration&sort=name');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="psalink-configuration-records-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = response.body;
    expect(text.split('\r\n')[0]).toBe('id,kind,name,organization_id,organization,psa_id,psa_type,psa_status,state,orphan_reason,orphaned_at,last_synced_at,error_code,error_message,error_at');
    const rows = text.split('\r\n').filter((line) => /^[0-9a-f]{8}-/.test(line));
    expect(rows).toHaveLength(await count('configuration'));
    expect(text).toContain(`${w.configurations.formula},configuration,"'=HYPERLINK(""http://evil.test"",""click"")",`);
    expect(text).toContain(`${w.configurations.quoted},configuration,"Acme, ""Big"" Server\nrack 2",`);
    expect(text).toContain(',Deleted in the PSA,');
    const filtered = (await w.admin.apiKey.get<string>('/api/v1/manage/records.csv?kind=configuration&state=disabled')).body;
    expect(filtered.trim().split('\r\n')).toHaveLength(1 + w.configurations.disabled.length);
    expect((await w.admin.apiKey.get('/api/v1/manage/records.csv?kind=configuration&scopeId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('is for admins only, and another account sees none of these records', async () => {
    for (const path of ['/api/v1/manage/records?kind=configuration', '/api/v1/manage/records.csv?kind=configuration']) {
      expect((await w.editor.session.get(path)).status).toBe(403);
      expect((await w.editor.apiKey.get(path)).status).toBe(403);
      expect((await w.t.anonymous.get(path)).status).toBe(401);
    }
    expect((await list('kind=configuration', w.otherAdmin.apiKey)).items).toEqual([]);
    const organizationId = (await list('kind=configuration')).items[0]!.organization!.id;
    expect((await list(`kind=configuration&organizationId=${organizationId}`, w.otherAdmin.apiKey)).items).toEqual([]);
    const [scope] = await queryRows<{ id: string }>(w.t.database.db, sql`select id from sync_scopes where kind = 'configuration' limit 1`);
    expect((await w.otherAdmin.apiKey.get(`/api/v1/manage/records?kind=configuration&scopeId=${scope!.id}`)).status).toBe(404);
    const csv = (await w.otherAdmin.apiKey.get<string>('/api/v1/manage/records.csv?kind=configuration')).body;
    expect(csv.trim().split('\r\n')).toHaveLength(1);
  });
});
