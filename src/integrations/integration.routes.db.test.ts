import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import type { RunningSimulator } from '../simulators/server.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { control, expectNoSecrets, integrationBody, secretValues, startSmallSimulator } from '../../test/support/integrations.js';
import { testConnection } from './test-connection.js';
import { startTestApp, type ApiClient, type TestApp, type TestUser } from '../../test/support/test-app.js';

describeEachEngine('integration routes', (engine) => {
  let t: TestApp;
  let sim: RunningSimulator;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let lesser: TestUser[];
  let id: string;
  const wrongPrivateKey = 'WrongPrivateKey9';
  let secrets: string[];

  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp(engine), startSmallSimulator()]);
    secrets = [...secretValues(sim.credentials), wrongPrivateKey];
    admin = await t.createUser('Acme MSP', 'admin');
    otherAdmin = await t.createUser('Globex MSP', 'admin');
    lesser = [await t.createUser('Acme MSP', 'manager'), await t.createUser('Acme MSP', 'editor'), await t.createUser('Acme MSP', 'readonly')];
  });
  afterAll(async () => {
    await Promise.all([t?.close(), sim?.close()]);
  });

  const rawRow = async (integrationId: string) =>
    (await queryRows<Record<string, unknown>>(t.database.db, sql`select * from psa_integrations where id = ${integrationId}`))[0];
  const integrationCount = async () => Number((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from psa_integrations`))[0]!.n);

  it('adds the integration with every type and status enabled, and stores the credentials only encrypted', async () => {
    const response = await admin.session.post('/api/v1/integrations', integrationBody(sim, { name: 'Our ConnectWise' }));
    expect(response.status).toBe(201);
    const body = response.body;
    id = body.id;
    expect(body).toMatchObject({ provider: 'connectwise', name: 'Our ConnectWise', baseUrl: sim.baseUrl, status: 'active' });
    expect(body.settings).toEqual({ scheduleMinutes: 60, contactsEnabled: true, brake: { maxShare: 0.1, minCount: 25 }, overlapMinutes: 10 });
    expect(body.credentialKeys).toEqual(['clientId', 'companyId', 'privateKey', 'publicKey']);
    expect(body.scopes.organization.type.map((s: { name: string }) => s.name)).toEqual(['Competitor', 'Customer', 'Former Customer', 'Partner', 'Prospect', 'Vendor']);
    expect(body.scopes.organization.status).toHaveLength(4);
    expect(body.scopes.configuration.type).toHaveLength(13);
    expect(body.scopes.configuration.status).toHaveLength(4);
    expect(body.scopes.contact).toEqual({ type: expect.any(Array), status: [] });
    const all = Object.values(body.scopes).flatMap((d) => Object.values(d as object).flat()) as { state: string }[];
    expect(all).toHaveLength(32);
    expect(all.every((s) => s.state === 'enabled')).toBe(true);
    expectNoSecrets(body, secrets);

    const row = await rawRow(id);
    expectNoSecrets(row, secrets);
    expect(String(row!.credentials_ciphertext)).toMatch(/^v1\./);
    expect(JSON.parse(t.ctx.secretBox.decrypt(String(row!.credentials_ciphertext)))).toEqual(sim.credentials);
  });

  it('allows one integration per account', async () => {
    const again = await admin.apiKey.post('/api/v1/integrations', integrationBody(sim));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_exists');
  });

  it('refuses missing credentials, naming them, and credentials the PSA rejects, saving nothing', async () => {
    const missing = await otherAdmin.apiKey.post('/api/v1/integrations', integrationBody(sim, { credentials: { companyId: 'psalink', publicKey: 'x' } }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.missing).toEqual(['privateKey', 'clientId']);
    const wrong = await otherAdmin.apiKey.post('/api/v1/integrations', integrationBody(sim, { credentials: { ...sim.credentials, privateKey: wrongPrivateKey } }));
    expect(wrong.status).toBe(502);
    expect(wrong.body.error).toMatchObject({ code: 'psa_error', details: { errorClass: 'auth' } });
    expectNoSecrets(wrong.body, secrets);
    const badUrl = await otherAdmin.apiKey.post('/api/v1/integrations', integrationBody(sim, { baseUrl: 'ftp://example.test' }));
    expect(badUrl.status).toBe(400);
    expect(await integrationCount()).toBe(1);
  });

  it('lists and reads the integration of the caller account only', async () => {
    const list = await admin.apiKey.get('/api/v1/integrations');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await otherAdmin.apiKey.get('/api/v1/integrations')).body).toEqual({ items: [] });
    const one = await admin.apiKey.get(`/api/v1/integrations/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.name).toBe('Our ConnectWise');
    expectNoSecrets([list.body, one.body], secrets);
    expect((await otherAdmin.apiKey.get(`/api/v1/integrations/${id}`)).status).toBe(404);
    expect((await admin.apiKey.get('/api/v1/integrations/not-a-uuid')).status).toBe(400);
  });

  it('updates the name, URL, settings (partially) and replaces the credentials, re-encrypted', async () => {
    const before = String((await rawRow(id))!.credentials_ciphertext);
    const response = await admin.session.patch(`/api/v1/integrations/${id}`, {
      name: 'CW',
      settings: { scheduleMinutes: 30, brake: { minCount: 50 } },
      credentials: { ...sim.credentials, extra: 'kept' },
    });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe('CW');
    expect(response.body.settings).toEqual({ scheduleMinutes: 30, contactsEnabled: true, brake: { maxShare: 0.1, minCount: 50 }, overlapMinutes: 10 });
    expect(response.body.credentialKeys).toEqual(['clientId', 'companyId', 'extra', 'privateKey', 'publicKey']);
    const after = String((await rawRow(id))!.credentials_ciphertext);
    expect(after).not.toBe(before);
    expectNoSecrets(after, secrets);

    for (const bad of [{ settings: { scheduleMinutes: 2 } }, { settings: { brake: { maxShare: 2 } } }, { settings: { colour: 'red' } }, { credentials: { companyId: 'x' } }, { provider: 'halo' }]) {
      const refused = await admin.apiKey.patch(`/api/v1/integrations/${id}`, bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    const foreign = await otherAdmin.apiKey.patch(`/api/v1/integrations/${id}`, { name: 'Hijacked', credentials: { ...sim.credentials } });
    expect(foreign.status).toBe(404);
    expect((await rawRow(id))!.name).toBe('CW');
    expect(String((await rawRow(id))!.credentials_ciphertext)).toBe(after);
  });

  it('pauses and resumes the whole integration', async () => {
    const paused = await admin.apiKey.post(`/api/v1/integrations/${id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    expect((await admin.apiKey.post(`/api/v1/integrations/${id}/pause`)).body.status).toBe('paused');
    expect((await otherAdmin.apiKey.post(`/api/v1/integrations/${id}/resume`)).status).toBe(404);
    expect((await rawRow(id))!.status).toBe('paused');
    const resumed = await admin.session.post(`/api/v1/integrations/${id}/resume`);
    expect(resumed.body.status).toBe('active');
  });

  it('tests the saved connection and unsaved credentials with an actionable message', async () => {
    const saved = await admin.apiKey.post(`/api/v1/integrations/${id}/test`);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ok: true, message: expect.any(String) });

    const good = await admin.apiKey.post('/api/v1/integrations/test', integrationBody(sim));
    expect(good.body.ok).toBe(true);
    const wrong = await admin.apiKey.post('/api/v1/integrations/test', integrationBody(sim, { credentials: { ...sim.credentials, privateKey: wrongPrivateKey } }));
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ ok: false, errorClass: 'auth' });
    expect(wrong.body.message).toMatch(/key|credential|member/i);
    expectNoSecrets(wrong.body, secrets);
    const missing = await admin.apiKey.post('/api/v1/integrations/test', integrationBody(sim, { credentials: { companyId: 'psalink' } }));
    expect(missing.body).toMatchObject({ ok: false, errorClass: 'config' });
    expect((await otherAdmin.apiKey.post(`/api/v1/integrations/${id}/test`)).status).toBe(404);
  });

  it('answers fast when the PSA is down', async () => {
    const down = await startSmallSimulator();
    await down.close();
    const started = Date.now();
    const response = await admin.apiKey.post('/api/v1/integrations/test', integrationBody(down));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.body).toMatchObject({ ok: false, errorClass: 'transient' });
    expect(response.body.message).toMatch(/reach|answer/i);
    const add = await otherAdmin.apiKey.post('/api/v1/integrations', integrationBody(down));
    expect(add.status).toBe(502);
    expect(add.body.error.details.errorClass).toBe('transient');
  });

  it('gives up on a PSA that never answers at the deadline', async () => {
    const hanging = await startSmallSimulator();
    try {
      await control(hanging, 'POST', '/faults', { kind: 'timeout', times: 10 });
      const started = Date.now();
      const result = await testConnection({ provider: 'connectwise', baseUrl: hanging.baseUrl, credentials: hanging.credentials, deadlineMs: 800 });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(result).toMatchObject({ ok: false, errorClass: 'transient', message: expect.stringMatching(/did not answer within 1 seconds/) });
    } finally {
      // The simulator holds the abandoned request open on purpose; drop it instead of waiting for keep-alive to end.
      const closing = hanging.close();
      hanging.app.server.closeAllConnections();
      await closing;
    }
  });

  it('is for admins only', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/integrations'],
      ['GET', `/api/v1/integrations/${id}`],
      ['POST', '/api/v1/integrations', integrationBody(sim)],
      ['PATCH', `/api/v1/integrations/${id}`, { name: 'Mine' }],
      ['POST', `/api/v1/integrations/${id}/pause`, {}],
      ['POST', `/api/v1/integrations/${id}/resume`, {}],
      ['POST', '/api/v1/integrations/test', integrationBody(sim)],
      ['POST', `/api/v1/integrations/${id}/test`, {}],
      ['POST', `/api/v1/integrations/${id}/scopes/refresh`, {}],
      ['PUT', `/api/v1/integrations/${id}/scopes`, { scopes: [] }],
      ['GET', `/api/v1/integrations/${id}/removal-preview`],
      ['DELETE', `/api/v1/integrations/${id}`, { confirmationToken: 'x' }],
    ];
    const clients: [ApiClient, number][] = [...lesser.flatMap((u) => [[u.session, 403], [u.apiKey, 403]] as [ApiClient, number][]), [t.anonymous, 401]];
    for (const [method, path, body] of calls) {
      for (const [client, status] of clients) {
        expect((await client.request(method, path, body)).status, `${method} ${path}`).toBe(status);
      }
    }
    expect((await rawRow(id))!.name).toBe('CW');
  });

  it('never logs a credential', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    expectNoSecrets(t.logs.join('\n'), secrets);
  });
});
