import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { describeEachEngine } from '../support/databases.js';
import { integrationBody, secretValues, startSmallSimulator } from '../support/integrations.js';
import { ApiClient, assertNoSecretsLogged, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import type { RunningSimulator } from '../../src/simulators/server.js';

const builtSpa = new URL('../../dist/web/index.html', import.meta.url);

/** Every row of every table in the public schema as one text: what a stolen database dump would show. */
async function dumpDatabase(t: TestApp) {
  const tables = await queryRows<{ table_name: string }>(t.database.db, sql`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await queryRows<{ row: unknown }>(t.database.db, sql`select to_jsonb(t) as row from ${sql.identifier(table_name)} t`);
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}

function directives(csp: string | null) {
  return new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describeEachEngine('secrets at rest, in logs and in sessions; security headers', (engine) => {
  let t: TestApp;
  let sim: RunningSimulator;
  let admin: TestUser;
  const storedSecret = 'correct horse battery staple 7f3a';
  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp(engine), startSmallSimulator('connectwise')]);
    admin = await t.createUser('Alpha', 'admin');
    expect((await admin.session.post('/api/v1/integrations', integrationBody(sim))).status).toBe(201);
    const org = (await admin.apiKey.post('/api/v1/organizations', { name: 'Vault org' })).body.id;
    expect((await admin.session.post('/api/v1/passwords', { organizationId: org, name: 'Domain admin', secret: storedSecret })).status).toBe(201);
    expect((await admin.session.post('/api/v1/api-keys', { name: 'script' })).status).toBe(201);
  });
  afterAll(async () => {
    await sim?.close();
    await t?.close();
  });

  it('stores passwords, API keys and session tokens only as hashes, PSA credentials and password secrets only encrypted', async () => {
    const credentials = secretValues(sim.credentials);
    expect(credentials.length).toBeGreaterThan(0);
    const known = [...t.secrets, ...credentials, storedSecret];
    expect(known).toEqual(expect.arrayContaining([admin.password, storedSecret]));
    expect(known.filter((s) => s.startsWith('psl_')).length).toBeGreaterThanOrEqual(2);
    const dump = await dumpDatabase(t);
    expect(dump).toContain('scrypt$');
    for (const secret of known) expect(dump.includes(secret), `stored in plain text: ${secret.slice(0, 4)}…`).toBe(false);
    const [row] = await queryRows<{ secret_ciphertext: string }>(t.database.db, sql`select secret_ciphertext from passwords`);
    expect(row!.secret_ciphertext.length).toBeGreaterThan(storedSecret.length);
    // The ciphertext round-trips through the product's own route: it is the secret, sealed, not a placeholder.
    const id = (await admin.apiKey.get('/api/v1/passwords')).body.items[0].id;
    expect((await admin.apiKey.get(`/api/v1/passwords/${id}/secret`)).body.secret).toBe(storedSecret);
  });

  it('never writes a known secret to a log line, and the scan catches one that is', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    const known = [...t.secrets, ...secretValues(sim.credentials), storedSecret];
    assertNoSecretsLogged(t.logs, known);
    expect(() => assertNoSecretsLogged([...t.logs, `{"msg":"oops ${admin.password}"}`], known)).toThrow(/a secret reached the logs/);
  });

  it('ends a session at sign-out: the cookie and its CSRF token are refused for reads and changes', async () => {
    const user = await t.createUser('Alpha', 'editor');
    expect((await user.session.post('/api/v1/auth/sign-out')).status).toBe(204);
    expect((await user.session.get('/api/v1/organizations')).status).toBe(401);
    const change = await user.session.post('/api/v1/organizations', { name: 'After sign-out' });
    expect(change.status).toBe(401);
    expect(change.body.error.code).toBe('unauthenticated');
    expect((await queryRows(t.database.db, sql`select 1 from sessions where user_id = ${user.userId}`)).length).toBe(0);
  });

  it('sends strict security headers and a CSP without inline scripts on the API and the SPA', async () => {
    const pages = [
      await fetch(`${t.url}/api/health`),
      await fetch(`${t.url}/api/v1/organizations`),
      await fetch(`${t.url}/api/v1/organizations`, { headers: { authorization: `Bearer ${admin.apiKey.auth.bearer}` } }),
      await fetch(`${t.url}/organizations/some-client-route`),
      await fetch(`${t.url}/`),
    ];
    expect(fs.existsSync(builtSpa), 'the SPA must be built (npm run build) for the header check').toBe(true);
    expect(pages[3]!.headers.get('content-type')).toMatch(/text\/html/);
    for (const page of pages) {
      const label = page.url;
      const csp = directives(page.headers.get('content-security-policy'));
      expect(csp.get('default-src'), label).toEqual(["'self'"]);
      expect(csp.get('script-src'), label).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), label).toEqual(["'none'"]);
      expect(csp.get('object-src'), label).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), label).toEqual(["'none'"]);
      expect(csp.get('base-uri'), label).toEqual(["'self'"]);
      for (const [name, values] of csp) {
        if (name.startsWith('script') || name === 'default-src') expect(values.join(' '), `${label} ${name}`).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:/);
      }
      expect(page.headers.get('x-frame-options'), label).toMatch(/^(DENY|SAMEORIGIN)$/);
      expect(page.headers.get('x-content-type-options'), label).toBe('nosniff');
      expect(page.headers.get('referrer-policy'), label).toBe('no-referrer');
      expect(page.headers.get('cross-origin-opener-policy'), label).toBe('same-origin');
      const hsts = /max-age=(\d+)/.exec(page.headers.get('strict-transport-security') ?? '');
      expect(Number(hsts?.[1]), label).toBeGreaterThanOrEqual(180 * 24 * 3600);
      expect(page.headers.get('x-powered-by'), label).toBeNull();
    }
  });
});

describeEachEngine('session expiry', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // Two seconds: long enough to use the session once, short enough to watch it expire.
    t = await startTestApp(engine, { PSALINK_SESSION_TTL_HOURS: String(2 / 3600) });
  });
  afterAll(() => t?.close());

  it('refuses a session past its time to live with session_expired, for reads and changes', async () => {
    const user = await t.createUser('Alpha', 'editor');
    expect((await user.session.get('/api/v1/organizations')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const read = await user.session.get('/api/v1/organizations');
    expect(read.status).toBe(401);
    expect(read.body.error.code).toBe('session_expired');
    const again = new ApiClient(t.url, user.session.auth);
    expect((await again.post('/api/v1/organizations', { name: 'Too late' })).status).toBe(401);
    expect((await user.apiKey.get('/api/v1/organizations')).body.items).toEqual([]);
  });
});
