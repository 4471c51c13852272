import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/support/databases.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/support/test-app.js';

interface Event {
  id: string;
  at: string;
  action: string;
  actorType: string;
  [key: string]: unknown;
}

describeEachEngine('audit log routes', (engine) => {
  let t: TestApp;
  let admin: TestUser, editor: TestUser, otherAdmin: TestUser;
  const base = Date.parse('2026-03-01T12:00:00.000Z');
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.createUser('Acme MSP', 'admin');
    editor = await t.createUser('Acme MSP', 'editor');
    otherAdmin = await t.createUser('Globex MSP', 'admin');
    const insert = (accountId: string, minutes: number, actorType: string, actorId: string | null, label: string, action: string, extra = sql`'{}'::jsonb, null`) =>
      t.database.db.execute(sql`insert into audit_events (account_id, actor_type, actor_id, actor_label, action, target_type, target_id, counts, details, trash_batch_id, created_at)
        values (${accountId}, ${actorType}, ${actorId}, ${label}, ${action}, 'integration', 'i-1', '{"records": 3}'::jsonb, ${extra}, ${at(minutes)}::timestamptz + make_interval(secs => 0.000001 * ${minutes % 3}))`);
    // Twelve events, three of them at the very same microsecond: paging must still neither skip nor repeat one.
    for (let i = 0; i < 9; i++) await insert(admin.accountId, i, 'user', admin.userId, admin.email, i % 2 ? 'scope.paused' : 'records.deleted');
    for (let i = 0; i < 3; i++) await insert(admin.accountId, 20, 'sync', null, 'sync', 'sync.run');
    await insert(admin.accountId, 30, 'api_key', null, '@SUM(1+1)*cmd|"/c calc"!A1', 'orphans.deleted', sql`${JSON.stringify({ why: 'a, "quoted"\nline' })}::jsonb, '11111111-1111-4111-8111-111111111111'`);
    await insert(otherAdmin.accountId, 5, 'user', otherAdmin.userId, otherAdmin.email, 'records.deleted');
  });
  afterAll(() => t?.close());

  async function allPages(query: string, limit: number) {
    const items: Event[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Event[]; nextCursor: string | null } = (await admin.apiKey.get(`/api/v1/audit?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  it('lists events newest first with every field, paging without duplicates or gaps', async () => {
    const first = await admin.session.get('/api/v1/audit?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items[0]).toEqual({
      id: expect.any(String),
      at: at(30),
      actorType: 'api_key',
      actorId: null,
      actorLabel: '@SUM(1+1)*cmd|"/c calc"!A1',
      action: 'orphans.deleted',
      targetType: 'integration',
      targetId: 'i-1',
      counts: { records: 3 },
      details: { why: 'a, "quoted"\nline' },
      trashBatchId: '11111111-1111-4111-8111-111111111111',
    });
    const items = await allPages('', 2);
    expect(items).toHaveLength(13);
    expect(new Set(items.map((e) => e.id)).size).toBe(13);
    const times = items.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(items.filter((e) => e.action === 'sync.run')).toHaveLength(3);
  });

  it('filters by actor type, actor, action and time', async () => {
    expect((await allPages('actorType=sync', 2)).map((e) => e.action)).toEqual(['sync.run', 'sync.run', 'sync.run']);
    expect(await allPages(`actorId=${admin.userId}`, 4)).toHaveLength(9);
    expect((await allPages('action=scope.paused', 1)).every((e) => e.action === 'scope.paused')).toBe(true);
    expect(await allPages('action=scope.paused', 1)).toHaveLength(4);
    const window = await allPages(`from=${encodeURIComponent(at(2))}&to=${encodeURIComponent(at(5))}`, 50);
    expect(window.map((e) => e.at.slice(0, 16))).toEqual([at(4), at(3), at(2)].map((s) => s.slice(0, 16)));
    expect((await admin.apiKey.get('/api/v1/audit?actorType=robot')).status).toBe(400);
    expect((await admin.apiKey.get('/api/v1/audit?cursor=nonsense')).body.error.code).toBe('invalid_cursor');
  });

  it('exports the filtered log as CSV with JSON counts and details, quoted and formula-safe', async () => {
    const response = await admin.session.get<string>('/api/v1/audit.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="psalink-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.split('\r\n');
    expect(lines[0]).toBe('id,at,actor_type,actor,action,target_type,target_id,counts,details,trash_batch_id');
    expect(lines[1]).toContain(`,api_key,"'@SUM(1+1)*cmd|""/c calc""!A1",orphans.deleted,integration,i-1,"{""records"":3}","{""why"":""a, \\""quoted\\""\\nline""}",11111111-1111-4111-8111-111111111111`);
    expect(lines.filter((l) => /^[0-9a-f]{8}-/.test(l))).toHaveLength(13);
    const filtered = (await admin.apiKey.get<string>('/api/v1/audit.csv?actorType=sync')).body;
    expect(filtered.trim().split('\r\n')).toHaveLength(4);
    const formula = (await admin.apiKey.get<string>(`/api/v1/audit.csv?actorId=${admin.userId}`)).body;
    expect(formula).toContain(`,user,${admin.email},`);
  });

  it('is for admins only, and each account sees only its own events', async () => {
    for (const path of ['/api/v1/audit', '/api/v1/audit.csv']) {
      expect((await editor.session.get(path)).status).toBe(403);
      expect((await editor.apiKey.get(path)).status).toBe(403);
      expect((await t.anonymous.get(path)).status).toBe(401);
    }
    const other = (await otherAdmin.apiKey.get('/api/v1/audit')).body;
    expect(other.items.map((e: Event) => e.actorType)).toEqual(['user']);
    expect((await otherAdmin.apiKey.get(`/api/v1/audit?actorId=${admin.userId}`)).body.items).toEqual([]);
    const csv = (await otherAdmin.apiKey.get<string>('/api/v1/audit.csv')).body;
    expect(csv.trim().split('\r\n')).toHaveLength(2);
  });
});
