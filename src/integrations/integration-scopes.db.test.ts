import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import type { RunningSimulator } from '../simulators/server.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { control, integrationBody, startSmallSimulator } from '../../test/support/integrations.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/support/test-app.js';
import { applyLookups } from './refresh-scopes.js';
import { resolveLookupIds } from './resolve-lookup-ids.js';

interface Scope {
  id: string;
  externalId: string;
  name: string;
  state: string;
}

describeEachEngine('integration scopes', (engine) => {
  let t: TestApp;
  let sim: RunningSimulator;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let editor: TestUser;
  let id: string;
  let otherId: string;

  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp(engine), startSmallSimulator()]);
    admin = await t.createUser('Acme MSP', 'admin');
    otherAdmin = await t.createUser('Globex MSP', 'admin');
    editor = await t.createUser('Acme MSP', 'editor');
    // Globex already has "WORKSTATION" in its own list: the PSA's "Workstation" must reuse it, not duplicate it.
    expect((await otherAdmin.apiKey.post('/api/v1/lookups/configurationTypes', { name: 'WORKSTATION' })).status).toBe(201);
    id = (await admin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id;
    otherId = (await otherAdmin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id;
  });
  afterAll(async () => {
    await Promise.all([t?.close(), sim?.close()]);
  });

  const scopeRows = (integrationId: string) =>
    queryRows<{ id: string; kind: string; dimension: string; external_id: string; name: string; state: string; updated_at: Date }>(
      t.database.db,
      sql`select * from sync_scopes where integration_id = ${integrationId} order by kind, dimension, external_id::int`,
    );
  const configurationTypes = async () => (await admin.apiKey.get(`/api/v1/integrations/${id}`)).body.scopes.configuration.type as Scope[];

  it('mirrors the PSA types and statuses into the account lists, case-insensitively', async () => {
    const acme = (await admin.apiKey.get('/api/v1/lookups')).body;
    expect(acme.configurationTypes).toHaveLength(13);
    expect(acme.organizationStatuses.map((v: { name: string }) => v.name)).toEqual(['Active', 'Credit Hold', 'Inactive', 'Not Approved']);
    expect(acme.contactTypes).toHaveLength(5);
    const globex = (await otherAdmin.apiKey.get('/api/v1/lookups')).body;
    expect(globex.configurationTypes).toHaveLength(13);
    expect(globex.configurationTypes.map((v: { name: string }) => v.name)).toContain('WORKSTATION');
  });

  it('resolves every PSA type and status id to the account lookup id', async () => {
    const ids = await resolveLookupIds({ db: t.database.db, accountId: otherAdmin.accountId, integrationId: otherId });
    expect(ids.size).toBe(32);
    const globex = (await otherAdmin.apiKey.get('/api/v1/lookups')).body;
    const workstation = globex.configurationTypes.find((v: { name: string }) => v.name === 'WORKSTATION').id;
    const externalId = sim.world.lookups.configurationTypes.find((l) => l.name === 'Workstation')!.id;
    expect(ids.get('configuration', 'type', String(externalId))).toBe(workstation);
    expect(ids.get('contact', 'status', '1')).toBeUndefined();
    // Scoped to the account: Acme's integration resolves to Acme's own list.
    const acme = await resolveLookupIds({ db: t.database.db, accountId: admin.accountId, integrationId: id });
    expect(acme.get('configuration', 'type', String(externalId))).not.toBe(workstation);
    expect((await resolveLookupIds({ db: t.database.db, accountId: admin.accountId, integrationId: otherId })).size).toBe(0);
  });

  it('refreshes idempotently', async () => {
    const before = await scopeRows(id);
    const response = await admin.apiKey.post(`/api/v1/integrations/${id}/scopes/refresh`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ added: [], renamed: [], listed: 32 });
    expect(await scopeRows(id)).toEqual(before);
    expect((await admin.session.post(`/api/v1/integrations/${id}/scopes/refresh`)).body.added).toEqual([]);
  });

  it('adds a type that appears later as excluded, updates renamed ones, and keeps vanished ones', async () => {
    const created = await control(sim, 'POST', '/lookups/configurationTypes', { name: 'Hypervisor' });
    expect(created.status).toBe(201);
    await control(sim, 'PATCH', '/lookups/configurationTypes/1', { name: 'Managed Server (legacy)' });
    const response = await admin.apiKey.post(`/api/v1/integrations/${id}/scopes/refresh`);
    expect(response.status).toBe(200);
    expect(response.body.added).toEqual([expect.objectContaining({ kind: 'configuration', dimension: 'type', externalId: String(created.body.id), name: 'Hypervisor', state: 'excluded' })]);
    expect(response.body.renamed).toEqual([expect.objectContaining({ externalId: '1', name: 'Managed Server (legacy)', state: 'enabled' })]);
    expect(response.body.scopes.configuration.type).toHaveLength(14);
    const names = (await admin.apiKey.get('/api/v1/lookups')).body.configurationTypes.map((v: { name: string }) => v.name);
    expect(names).toEqual(expect.arrayContaining(['Hypervisor', 'Managed Server (legacy)', 'Managed Server']));

    // A type the PSA stops listing stays: links may still point at it.
    const lookups = { organizationTypes: [], organizationStatuses: [], configurationTypes: [{ id: '2', name: 'Server' }], configurationStatuses: [], contactTypes: [] };
    const result = await applyLookups({ db: t.database.db, accountId: admin.accountId, integrationId: id, lookups, newScopeState: 'excluded' });
    expect(result).toEqual({ added: [], renamed: [], listed: 1 });
    expect(await scopeRows(id)).toHaveLength(33);
  });

  it('answers 502 with the error class when the PSA fails, and changes nothing', async () => {
    const before = await scopeRows(id);
    await control(sim, 'POST', '/faults', { kind: 'server_error', times: 20, status: 503 });
    const response = await admin.apiKey.post(`/api/v1/integrations/${id}/scopes/refresh`);
    await control(sim, 'DELETE', '/faults');
    expect(response.status).toBe(502);
    expect(response.body.error).toMatchObject({ code: 'psa_error', details: { errorClass: 'transient' } });
    expect(await scopeRows(id)).toEqual(before);
  });

  it('sets which types and statuses sync and returns only the scopes that changed', async () => {
    const types = await configurationTypes();
    const printer = types.find((s) => s.name === 'Printer')!;
    const hypervisor = types.find((s) => s.name === 'Hypervisor')!;
    const server = types.find((s) => s.name === 'Server')!;
    const body = { scopes: [{ id: printer.id, state: 'excluded' }, { id: hypervisor.id, state: 'enabled' }, { id: server.id, state: 'enabled' }] };
    const response = await admin.session.request('PUT', `/api/v1/integrations/${id}/scopes`, body);
    expect(response.status).toBe(200);
    expect(response.body.changed).toEqual([
      expect.objectContaining({ id: printer.id, name: 'Printer', state: 'excluded', previousState: 'enabled' }),
      expect.objectContaining({ id: hypervisor.id, name: 'Hypervisor', state: 'enabled', previousState: 'excluded' }),
    ]);
    expect(response.body.scopes.configuration.type.find((s: Scope) => s.id === printer.id).state).toBe('excluded');
    expect((await admin.apiKey.request('PUT', `/api/v1/integrations/${id}/scopes`, body)).body.changed).toEqual([]);
    const audit = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'integration.scopes_changed'`);
    expect(audit[0]!.n).toBe(1);
  });

  it('refuses unknown, foreign, repeated and paused scopes, changing nothing', async () => {
    const before = await scopeRows(id);
    const [printer] = (await configurationTypes()).filter((s) => s.name === 'Printer');
    const foreign = (await scopeRows(otherId))[0]!;
    const put = (scopes: unknown[]) => admin.apiKey.request('PUT', `/api/v1/integrations/${id}/scopes`, { scopes });
    const unknown = await put([{ id: printer!.id, state: 'enabled' }, { id: randomUUID(), state: 'enabled' }]);
    expect(unknown.status).toBe(404);
    expect((await put([{ id: foreign.id, state: 'excluded' }])).status).toBe(404);
    expect((await put([{ id: printer!.id, state: 'enabled' }, { id: printer!.id, state: 'excluded' }])).status).toBe(400);
    expect((await put([{ id: printer!.id, state: 'paused' }])).status).toBe(400);
    await t.database.db.execute(sql`update sync_scopes set state = 'paused' where id = ${printer!.id}`);
    const paused = await put([{ id: printer!.id, state: 'enabled' }]);
    expect(paused.status).toBe(409);
    expect(paused.body.error.message).toMatch(/Printer \(paused\)/);
    await t.database.db.execute(sql`update sync_scopes set state = 'excluded' where id = ${printer!.id}`);
    expect(await scopeRows(id)).toEqual(before);
    expect((await scopeRows(otherId))[0]).toEqual(foreign);
  });

  it('keeps other accounts and non-admins out', async () => {
    const before = await scopeRows(id);
    const [scope] = before;
    expect((await otherAdmin.apiKey.post(`/api/v1/integrations/${id}/scopes/refresh`)).status).toBe(404);
    expect((await otherAdmin.apiKey.request('PUT', `/api/v1/integrations/${id}/scopes`, { scopes: [{ id: scope!.id, state: 'excluded' }] })).status).toBe(404);
    expect((await otherAdmin.apiKey.request('PUT', `/api/v1/integrations/${id}/scopes`, { scopes: [] })).status).toBe(404);
    expect((await editor.apiKey.post(`/api/v1/integrations/${id}/scopes/refresh`)).status).toBe(403);
    expect((await editor.session.request('PUT', `/api/v1/integrations/${id}/scopes`, { scopes: [{ id: scope!.id, state: 'excluded' }] })).status).toBe(403);
    expect(await scopeRows(id)).toEqual(before);
  });
});
