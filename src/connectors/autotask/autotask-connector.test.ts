import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalRecord, PsaConnector, ReconcileEntry, RecordKind } from '../../psa/canonical.js';
import { PsaError } from '../../psa/psa-error.js';
import { autotaskModule } from '../../simulators/autotask/autotask.module.js';
import { startSimulator, type RunningSimulator } from '../../simulators/server.js';
import { scales, type SimKind } from '../../simulators/world/types.js';
import { createAutotaskConnector } from './autotask-connector.js';

/** The connector against the simulator over HTTP at medium scale (1k companies, 30k CIs, 12k contacts). */
let sim: RunningSimulator;
let connector: PsaConnector;
const fast = { sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 5))), baseDelayMs: 1, timeoutMs: 5_000 };
const simKinds: Record<RecordKind, SimKind> = { organization: 'companies', configuration: 'configurations', contact: 'contacts' };

beforeAll(async () => {
  sim = await startSimulator(autotaskModule, { scale: scales.medium, seed: 5 });
  connector = createAutotaskConnector({ baseUrl: sim.baseUrl, credentials: sim.credentials, http: fast });
});
afterAll(() => sim.close());

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
const worldIds = (kind: RecordKind) => [...sim.world.tables[simKinds[kind]].keys()].map(String);
const control = (path: string, method: string, body?: unknown) =>
  fetch(sim.controlUrl + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });

describe('Autotask connector: full listings', () => {
  const records = new Map<RecordKind, CanonicalRecord[]>();

  it('tests the connection with a readable summary', async () => {
    const { message } = await connector.testConnection();
    expect(message).toMatch(/Connected to Autotask .*1000 companies visible/);
  });

  it.each(['organization', 'configuration', 'contact'] as const)('lists every %s exactly once, in id order', async (kind) => {
    const listed = await collect(connector.listRecords(kind));
    records.set(kind, listed);
    expect(listed.map((record) => record.externalId)).toEqual(worldIds(kind));
    expect(listed.every((record) => record.kind === kind && record.updatedAt !== null)).toBe(true);
  });

  it.each(['organization', 'configuration', 'contact'] as const)('lists %s ids that agree with the records', async (kind) => {
    const entries = await collect(connector.listIds(kind));
    const expected: ReconcileEntry[] = records.get(kind)!.map((record) => ({
      externalId: record.externalId,
      typeId: record.type?.id ?? null,
      statusId: record.status?.id ?? null,
      parentExternalId: record.parentExternalId,
      active: record.active,
      deleted: record.deleted,
    }));
    expect(entries).toEqual(expected);
  });

  it('maps records faithfully to the world', () => {
    const company = sim.world.get('companies', 1)!;
    expect(records.get('organization')![0]).toMatchObject({
      name: company.name,
      type: { id: String(company.typeIds[0]), name: sim.world.lookups.companyTypes.find((t) => t.id === company.typeIds[0])!.name },
      status: company.active && !company.deleted ? { id: 'active' } : { id: 'inactive' },
      updatedAt: company.updatedAt.toISOString(),
      fields: { name: company.name, phone: company.phone, city: company.city, country: company.country, website: company.website },
    });
    const ci = sim.world.get('configurations', 1)!;
    expect(records.get('configuration')![0]).toMatchObject({
      name: ci.name,
      parentExternalId: String(ci.companyId),
      type: { id: String(ci.typeId) },
      active: ci.active,
      fields: { serialNumber: ci.serialNumber, assetTag: ci.tagNumber, hostname: ci.hostname, manufacturer: ci.manufacturer, model: ci.model, operatingSystem: ci.osType, warrantyExpiresOn: ci.warrantyExpiration },
    });
    const contact = sim.world.get('contacts', 1)!;
    expect(records.get('contact')![0]).toMatchObject({ type: null, status: null, active: contact.active, fields: { email: contact.email, mobile: contact.mobile } });
  });

  it('lists the lookups', async () => {
    const lookups = await connector.listLookups();
    expect(lookups.organizationTypes.map((type) => type.name)).toEqual(sim.world.lookups.companyTypes.map((type) => type.name));
    expect(lookups.configurationTypes).toEqual(sim.world.lookups.configurationTypes.map((type) => ({ id: String(type.id), name: type.name })));
    expect(lookups.organizationStatuses.map((status) => status.id)).toEqual(['active', 'inactive']);
    expect(lookups.contactTypes).toEqual([]);
  });
});

describe('Autotask connector: incremental listings and single records', () => {
  it('returns exactly the records changed since a time, by each entity\'s own last-modified field', async () => {
    await control('/clock', 'POST', { advanceMs: 60_000 });
    const since = sim.world.now();
    await control('/records/companies/3', 'PATCH', { name: 'Renamed Company' });
    await control('/records/configurations/17', 'PATCH', { typeId: 2, manufacturer: 'Brand New Maker' });
    await control('/records/contacts/9', 'PATCH', { active: false });
    const created = await (await control('/records/configurations', 'POST', { companyId: 3, name: 'NEW-CI' })).json();
    const viaApi = await fetch(`${sim.baseUrl}/Companies`, {
      method: 'POST',
      headers: { ApiIntegrationCode: sim.credentials.integrationCode!, UserName: sim.credentials.username!, Secret: sim.credentials.secret!, 'content-type': 'application/json' },
      body: JSON.stringify({ companyName: 'Via The API', companyType: 2, phone: '555' }),
    });
    const { itemId } = await viaApi.json();

    const companies = await collect(connector.listRecords('organization', { changedSince: since }));
    expect(companies.map((record) => record.externalId)).toEqual(['3', String(itemId)]);
    expect(companies[0]!.name).toBe('Renamed Company');
    const configurations = await collect(connector.listRecords('configuration', { changedSince: since }));
    expect(configurations.map((record) => record.externalId)).toEqual(['17', String(created.id)]);
    // A manufacturer first seen after the picklist was read is still named.
    expect(configurations[0]!.fields).toMatchObject({ manufacturer: 'Brand New Maker' });
    expect(configurations[0]!.type?.id).toBe('2');
    const contacts = await collect(connector.listIds('contact', { changedSince: since }));
    expect(contacts).toEqual([expect.objectContaining({ externalId: '9', active: false })]);
  });

  it('gets one record, and null once it is deleted', async () => {
    const record = await connector.getRecord('contact', '12');
    expect(record).toMatchObject({ kind: 'contact', externalId: '12', parentExternalId: String(sim.world.get('contacts', 12)!.companyId) });
    expect(await connector.getRecord('configuration', '17')).toMatchObject({ fields: { manufacturer: 'Brand New Maker' } });
    await control('/records/contacts/12', 'DELETE');
    expect(await connector.getRecord('contact', '12')).toBeNull();
    expect(await connector.getRecord('organization', 'not-a-number')).toBeNull();
    const ids = (await collect(connector.listIds('contact'))).map((entry) => entry.externalId);
    expect(ids).not.toContain('12');
    expect(ids).toHaveLength(sim.world.count('contacts'));
  });
});

describe('Autotask connector: connection problems a person can act on', () => {
  const failure = async (options: Partial<Parameters<typeof createAutotaskConnector>[0]>) => {
    const broken = createAutotaskConnector({ baseUrl: sim.baseUrl, credentials: sim.credentials, http: { ...fast, maxRetries: 1 }, ...options });
    const error = await broken.testConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PsaError);
    const text = `${(error as Error).message} ${JSON.stringify((error as PsaError).details)}`;
    for (const secret of ['autotask-sim-secret', 'wrong-secret', sim.credentials.integrationCode!]) expect(text).not.toContain(secret);
    return error as PsaError;
  };

  it('says the credentials were refused', async () => {
    const error = await failure({ credentials: { ...sim.credentials, secret: 'wrong-secret' } });
    expect(error.errorClass).toBe('auth');
    expect(error.message).toMatch(/secret/);
  });

  it('says the user name is unknown', async () => {
    const error = await failure({ credentials: { ...sim.credentials, username: 'nobody@example.com' } });
    expect(error.errorClass).toBe('auth');
    expect(error.message).toMatch(/user name/);
  });

  it('says the URL is wrong', async () => {
    const error = await failure({ baseUrl: sim.baseUrl.replace('/ATServicesRest/V1.0', '/somewhere-else') });
    expect(error.errorClass).toBe('config');
    expect(error.message).toMatch(/URL/);
    const unreachable = await failure({ baseUrl: 'http://127.0.0.1:9/ATServicesRest' });
    expect(unreachable.errorClass).toBe('transient');
    expect(unreachable.message).toMatch(/Could not reach Autotask/);
  });
});
