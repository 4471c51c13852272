import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalRecord, PsaConnector, RecordKind, ReconcileEntry } from '../../psa/canonical.js';
import { PsaError } from '../../psa/psa-error.js';
import { createHaloModule, haloModule } from '../../simulators/halo/halo.module.js';
import { type RunningSimulator, startSimulator } from '../../simulators/server.js';
import { scales } from '../../simulators/world/types.js';
import { createHaloConnector } from './halo-connector.js';

let sim: RunningSimulator;
let connector: PsaConnector;
const http = { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 };

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

const control = (path: string, method: string, body?: unknown) =>
  fetch(`${sim.controlUrl}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });

/** What Halo exposes of the world: ConnectWise-style soft-deleted companies do not exist in Halo. */
function worldIds(kind: RecordKind): string[] {
  if (kind === 'organization') return [...sim.world.all('companies')].filter((c) => !c.deleted).map((c) => String(c.id));
  return [...sim.world.all(kind === 'configuration' ? 'configurations' : 'contacts')].map((r) => String(r.id));
}

beforeAll(async () => {
  sim = await startSimulator(haloModule, { scale: scales.medium, seed: 11 });
  connector = createHaloConnector({ baseUrl: sim.baseUrl, credentials: sim.credentials, http });
});
afterAll(() => sim.close());

describe('Halo connector against the simulator (medium)', () => {
  it('tests the connection with a readable summary', async () => {
    const { message } = await connector.testConnection();
    expect(message).toMatch(/^Connected to HaloPSA at 127\.0\.0\.1:\d+: \d+ clients and 13 asset types are readable\.$/);
  });

  it('lists lookups: top levels, asset types and asset statuses', async () => {
    const lookups = await connector.listLookups();
    const refs = (list: { id: number; name: string }[]) => list.map((l) => ({ id: String(l.id), name: l.name }));
    expect(lookups).toEqual({
      organizationTypes: refs(sim.world.lookups.companyTypes),
      organizationStatuses: [],
      configurationTypes: refs(sim.world.lookups.configurationTypes),
      configurationStatuses: refs(sim.world.lookups.configurationStatuses),
      contactTypes: [],
    });
  });

  for (const kind of ['organization', 'configuration', 'contact'] as const) {
    it(`lists every ${kind} exactly once, inactive ones included, and listIds agrees`, async () => {
      const records = await collect(connector.listRecords(kind));
      const ids = records.map((r) => r.externalId);
      expect(ids.length).toBe(new Set(ids).size);
      expect(ids.sort()).toEqual(worldIds(kind).sort());
      expect(records.some((r) => !r.active)).toBe(true);
      const entries = await collect(connector.listIds(kind));
      const fromRecords = records.map((r): ReconcileEntry => ({ externalId: r.externalId, typeId: r.type?.id ?? null, statusId: r.status?.id ?? null, parentExternalId: r.parentExternalId, active: r.active, deleted: r.deleted }));
      expect(entries.sort((a, b) => a.externalId.localeCompare(b.externalId))).toEqual(fromRecords.sort((a, b) => a.externalId.localeCompare(b.externalId)));
    });
  }

  it('maps records faithfully (spot checks against the world)', async () => {
    const asset = [...sim.world.all('configurations')].find((c) => c.serialNumber && c.hostname && c.warrantyExpiration)!;
    const record = (await connector.getRecord('configuration', String(asset.id))) as CanonicalRecord & { kind: 'configuration' };
    expect(record).toMatchObject({
      name: asset.name,
      type: { id: String(asset.typeId) },
      status: { id: String(asset.statusId) },
      parentExternalId: String(asset.companyId),
      updatedAt: asset.updatedAt.toISOString(),
      active: asset.active,
      fields: { serialNumber: asset.serialNumber, hostname: asset.hostname, assetTag: asset.tagNumber, macAddress: asset.macAddress, warrantyExpiresOn: asset.warrantyExpiration, model: asset.model },
    });
    const company = [...sim.world.all('companies')].find((c) => !c.deleted && c.website && c.city)!;
    expect(await connector.getRecord('organization', String(company.id))).toMatchObject({
      name: company.name,
      type: { id: String(company.typeIds[0]) },
      status: null,
      fields: { website: company.website, phone: company.phone, city: company.city, postalCode: company.zip, country: company.country },
    });
  });

  it('lists incrementally what changed through the control API since a point in time', async () => {
    const since = new Date(sim.world.now().getTime() + 3_600_000);
    expect((await control('/clock', 'POST', { now: since.toISOString() })).status).toBe(200);
    const asset = [...sim.world.all('configurations')][42]!;
    const contact = [...sim.world.all('contacts')][7]!;
    const company = [...sim.world.all('companies')].find((c) => !c.deleted)!;
    await control(`/records/configurations/${asset.id}`, 'PATCH', { name: 'CHANGED-ASSET', statusId: 3 });
    await control(`/records/contacts/${contact.id}`, 'PATCH', { lastName: 'Changed', active: false });
    await control(`/records/companies/${company.id}`, 'PATCH', { typeIds: [4] });
    const created = (await (await control('/records/configurations', 'POST', { name: 'NEW-ASSET', companyId: company.id })).json()) as { id: number };

    const assets = await collect(connector.listRecords('configuration', { changedSince: since }));
    expect(assets.map((a) => a.externalId).sort()).toEqual([String(asset.id), String(created.id)].sort());
    expect(assets.find((a) => a.externalId === String(asset.id))).toMatchObject({ name: 'CHANGED-ASSET', status: { id: '3' } });
    expect(await collect(connector.listRecords('contact', { changedSince: since }))).toMatchObject([{ externalId: String(contact.id), active: false, fields: { lastName: 'Changed' } }]);
    expect(await collect(connector.listIds('organization', { changedSince: since }))).toMatchObject([{ externalId: String(company.id), typeId: '4' }]);
  });

  it('gets one record, and null when it was deleted or never existed', async () => {
    const contact = [...sim.world.all('contacts')][100]!;
    expect(await connector.getRecord('contact', String(contact.id))).toMatchObject({ externalId: String(contact.id), parentExternalId: String(contact.companyId) });
    expect((await control(`/records/contacts/${contact.id}`, 'DELETE')).status).toBe(204);
    expect(await connector.getRecord('contact', String(contact.id))).toBeNull();
    expect(await connector.getRecord('organization', '99999999')).toBeNull();
    expect(await connector.getRecord('organization', 'abc')).toBeNull();
  });
});

describe('Halo connector: connection problems a person can act on', () => {
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PsaError);
    return error as PsaError;
  };

  it('wrong secret → auth, and the secret never appears in the message', async () => {
    const wrong = createHaloConnector({ baseUrl: sim.baseUrl, credentials: { ...sim.credentials, clientSecret: 'definitely-wrong-secret' }, http });
    const error = await failure(wrong.testConnection());
    expect(error.errorClass).toBe('auth');
    expect(error.message).toMatch(/client ID and secret/);
    expect(error.message).not.toContain('definitely-wrong-secret');
  });

  it('wrong tenant → auth; wrong URL → config; nothing listening → transient', async () => {
    expect((await failure(createHaloConnector({ baseUrl: sim.baseUrl, credentials: { ...sim.credentials, tenant: 'other' }, http }).testConnection())).errorClass).toBe('auth');
    const wrongUrl = await failure(createHaloConnector({ baseUrl: `${sim.baseUrl}/halo`, credentials: sim.credentials, http }).testConnection());
    expect(wrongUrl.errorClass).toBe('config');
    expect(wrongUrl.message).toMatch(/server root/);
    const nowhere = await failure(createHaloConnector({ baseUrl: 'http://127.0.0.1:9', credentials: sim.credentials, http: { ...http, maxRetries: 1 } }).testConnection());
    expect(nowhere.errorClass).toBe('transient');
  });

  it('an application without asset permission → permission, saying which', async () => {
    const limited = await startSimulator(createHaloModule({ grantedScopes: ['read:customers'] }), { scale: { orgs: 3, configurations: 3, contacts: 3 } });
    try {
      const error = await failure(createHaloConnector({ baseUrl: limited.baseUrl, credentials: limited.credentials, http }).testConnection());
      expect(error.errorClass).toBe('permission');
    } finally {
      await limited.close();
    }
  });

  it('missing credentials or a base URL that is not a URL → config', () => {
    expect(() => createHaloConnector({ baseUrl: sim.baseUrl, credentials: { clientId: 'x' } })).toThrow(PsaError);
    expect(() => createHaloConnector({ baseUrl: 'not a url', credentials: sim.credentials })).toThrow(/not a URL/);
  });
});
