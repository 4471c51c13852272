import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiKeys, organizations, sessions, users } from '../db/schema/index.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { ApiClient, startTestApp, type TestApp, type TestUser } from '../../test/support/test-app.js';

describeEachEngine('authentication routes', (engine) => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.createUser('Alpha', 'admin');
  });
  afterAll(() => t.close());

  it('signs in with an httpOnly SameSite cookie and answers the session with a CSRF token', async () => {
    const response = await t.anonymous.post('/api/v1/auth/sign-in', { email: admin.email.toUpperCase(), password: admin.password });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: { email: admin.email, role: 'admin' }, account: { name: 'Alpha' } });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/psalink_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = await admin.session.get('/api/v1/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(admin.session.auth.csrfToken);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await t.anonymous.post('/api/v1/auth/sign-in', { email: admin.email, password: 'not-the-password' });
    const unknown = await t.anonymous.post('/api/v1/auth/sign-in', { email: 'nobody@alpha.test', password: 'whatever-pass' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('rejects malformed sign-in bodies with validation_failed', async () => {
    for (const body of [{}, { email: 'a@b.c' }, { email: 1, password: [] }, { email: 'a@b.c', password: 'x', extra: 1 }]) {
      const response = await t.anonymous.post('/api/v1/auth/sign-in', body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });

  it('locks a user out after repeated failures, even with the right password, with Retry-After', async () => {
    const victim = await t.createUser('Alpha', 'editor');
    for (let i = 0; i < 5; i++) {
      expect((await t.anonymous.post('/api/v1/auth/sign-in', { email: victim.email, password: `guess-${i}-xx` })).status).toBe(401);
    }
    const locked = await t.anonymous.post('/api/v1/auth/sign-in', { email: victim.email, password: victim.password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('account_locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Once the lock has passed, the right password works and resets the counter.
    await t.database.db.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.email, victim.email));
    expect((await t.anonymous.post('/api/v1/auth/sign-in', { email: victim.email, password: victim.password })).status).toBe(200);
    const [row] = await t.database.db.select().from(users).where(eq(users.email, victim.email));
    expect(row?.failedSignIns).toBe(0);
  });

  it('requires the CSRF token on cookie-authenticated changes and changes nothing without it', async () => {
    const noToken = new ApiClient(t.url, { cookie: admin.session.auth.cookie });
    const forged = new ApiClient(t.url, { cookie: admin.session.auth.cookie, csrfToken: 'forged' });
    for (const client of [noToken, forged]) {
      const response = await client.post('/api/v1/organizations', { name: 'CSRF Org' });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('csrf_failed');
    }
    const count = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(organizations);
    expect(count[0]?.n).toBe(0);
    expect((await noToken.get('/api/v1/organizations')).status).toBe(200);
  });

  it('signs out: the session is gone from the database and refused afterwards', async () => {
    const user = await t.createUser('Alpha', 'readonly');
    expect((await user.session.post('/api/v1/auth/sign-out')).status).toBe(204);
    const after = await user.session.get('/api/v1/auth/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('expires sessions: an expired one answers session_expired and is deleted', async () => {
    const user = await t.createUser('Alpha', 'readonly');
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.userId));
    const response = await user.session.get('/api/v1/organizations');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('session_expired');
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, user.userId))).toEqual([]);
  });

  it('answers 401 without credentials and with malformed or unknown bearer tokens', async () => {
    expect((await t.anonymous.get('/api/v1/organizations')).status).toBe(401);
    for (const authorization of ['Basic abc', 'Bearer', 'Bearer psl_unknown', 'Bearer nope']) {
      const response = await t.anonymous.request('GET', '/api/v1/organizations', undefined, { authorization });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthenticated');
    }
  });

  it('creates an API key shown once, stored only as a hash, usable as Bearer and revocable', async () => {
    const created = await admin.session.post('/api/v1/api-keys', { name: 'backup script' });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^psl_/);
    const listed = await admin.session.get('/api/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.items.map((k: { name: string }) => k.name)).toContain('backup script');
    const raw = JSON.stringify(await t.database.db.select().from(apiKeys));
    expect(raw).not.toContain(key);

    const client = new ApiClient(t.url, { bearer: key });
    expect((await client.post('/api/v1/organizations', { name: 'Via key' })).status).toBe(201);
    expect((await admin.session.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/organizations')).status).toBe(401);
  });

  it("does not let another account's user revoke a key (404, key keeps working)", async () => {
    const other = await t.createUser('Beta', 'admin');
    const created = await admin.session.post('/api/v1/api-keys', { name: 'mine' });
    const response = await other.session.delete(`/api/v1/api-keys/${created.body.id}`);
    expect(response.status).toBe(404);
    expect((await new ApiClient(t.url, { bearer: created.body.key }).get('/api/v1/organizations')).status).toBe(200);
    expect((await admin.session.post('/api/v1/api-keys', { name: '' })).status).toBe(400);
    const theirList = await other.session.get('/api/v1/api-keys');
    expect(theirList.body.items.map((k: { id: string }) => k.id)).not.toContain(created.body.id);
  });
});

describeEachEngine('sign-in rate limit per address', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { PSALINK_SIGN_IN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 too_many_requests past the limit', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.anonymous.post('/api/v1/auth/sign-in', { email: `x${i}@y.test`, password: 'wrong-password' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const last = await t.anonymous.post('/api/v1/auth/sign-in', { email: 'x@y.test', password: 'wrong-password' });
    expect(last.body.error.code).toBe('too_many_requests');
  });
});
