import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalRecord, PsaConnector, RecordKind } from '../../psa/canonical.js';
import { PsaError } from '../../psa/psa-error.js';
import { connectwiseModule } from '../../simulators/connectwise/connectwise.module.js';
import { startSimulator, type RunningSimulator } from '../../simulators/server.js';
import { scales, type SimKind } from '../../simulators/world/types.js';
import { createConnectWiseConnector, type ConnectWiseCredentials } from './connectwise-connector.js';

let sim: RunningSimulator;
let connector: PsaConnector;
const fast = { timeoutMs: 5_000, maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 };
const simKind: Record<RecordKind, SimKind> = { organization: 'companies', configuration: 'configurations', contact: 'contacts' };

beforeAll(async () => {
  sim = await startSimulator(connectwiseModule, { scale: scales.medium, seed: 3 });
  connector = createConnectWiseConnector({ baseUrl: sim.baseUrl, credentials: sim.credentials as unknown as ConnectWiseCredentials, http: fast });
});
afterAll(() => sim.close());

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

async function control(path: string, method: string, body?: unknown) {
  const response = await fetch(`${sim.controlUrl}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
  return response.status === 204 ? undefined : response.json();
}

const worldIds = (kind: RecordKind) => [...sim.world.tables[simKind[kind]].keys()].map(String);

describe('testConnection', () => {
  it('reports the site and company it reached', async () => {
    const { message } = await connector.testConnection();
    expect(message).toMatch(/^Connected to ConnectWise PSA v\d{4}\.\d+ at 127\.0\.0\.1:\d+ for "psalink \(simulated\)"/);
  });

  it('says which setting is wrong, without repeating a secret', async () => {
    const credentials = sim.credentials as unknown as ConnectWiseCredentials;
    const attempt = (baseUrl: string, changes: Partial<ConnectWiseCredentials>) =>
      createConnectWiseConnector({ baseUrl, credentials: { ...credentials, ...changes }, http: { ...fast, maxRetries: 0 } }).testConnection().catch((error: unknown) => error);

    const wrongKey = (await attempt(sim.baseUrl, { privateKey: 'WrongPrivateKey9' })) as PsaError;
    expect(wrongKey).toBeInstanceOf(PsaError);
    expect(wrongKey.errorClass).toBe('auth');
    expect(wrongKey.message).toMatch(/refused the API keys for company "psalink".*public and private key/);
    expect(wrongKey.message).not.toContain('WrongPrivateKey9');

    const wrongCompany = (await attempt(sim.baseUrl, { companyId: 'nosuchco' })) as PsaError;
    expect(wrongCompany).toMatchObject({ errorClass: 'config', message: expect.stringMatching(/does not know the company id "nosuchco"/) });

    const wrongClient = (await attempt(sim.baseUrl, { clientId: 'other-client-id' })) as PsaError;
    expect(wrongClient.errorClass).toBe('auth');
    expect(wrongClient.message).not.toContain('other-client-id');

    const nowhere = (await attempt('http://127.0.0.1:9/v4_6_release/apis/3.0', {})) as PsaError;
    expect(nowhere).toMatchObject({ errorClass: 'transient', message: expect.stringMatching(/Could not reach ConnectWise at http:\/\/127\.0\.0\.1:9.*Check the URL/) });

    const notUrl = (() => {
      try {
        return createConnectWiseConnector({ baseUrl: 'not a url', credentials });
      } catch (error) {
        return error;
      }
    })();
    expect(notUrl).toMatchObject({ errorClass: 'config' });
    expect(() => createConnectWiseConnector({ baseUrl: sim.baseUrl, credentials: { ...credentials, clientId: '' } })).toThrow(/clientId is missing/);
  });

  it('discovers the codebase from companyinfo when given only the site', async () => {
    const siteOnly = createConnectWiseConnector({ baseUrl: new URL(sim.baseUrl).origin, credentials: sim.credentials as unknown as ConnectWiseCredentials, http: fast });
    await expect(siteOnly.testConnection()).resolves.toBeTruthy();
    expect((await siteOnly.listLookups()).contactTypes).toHaveLength(sim.world.lookups.contactTypes.length);
  });
});

describe('listings at medium scale', () => {
  it('lists the lookups', async () => {
    const lookups = await connector.listLookups();
    const refs = (list: { id: number; name: string }[]) => list.map((l) => ({ id: String(l.id), name: l.name }));
    expect(lookups).toEqual({
      organizationTypes: refs(sim.world.lookups.companyTypes),
      organizationStatuses: refs(sim.world.lookups.companyStatuses),
      configurationTypes: refs(sim.world.lookups.configurationTypes),
      configurationStatuses: refs(sim.world.lookups.configurationStatuses),
      contactTypes: refs(sim.world.lookups.contactTypes),
    });
  });

  it.each(['organization', 'configuration', 'contact'] as const)('lists every %s once, in id order, and listIds agrees', async (kind) => {
    const records = await collect(connector.listRecords(kind));
    expect(records.map((r) => r.externalId)).toEqual(worldIds(kind));
    const entries = await collect(connector.listIds(kind));
    expect(entries).toEqual(
      records.map((r) => ({ externalId: r.externalId, typeId: r.type?.id ?? null, statusId: r.status?.id ?? null, parentExternalId: r.parentExternalId, active: r.active, deleted: r.deleted })),
    );
  });

  it('maps the world faithfully', async () => {
    const companies = await collect(connector.listRecords('organization'));
    const inactiveStatus = sim.world.lookups.companyStatuses.find((s) => s.name === 'Inactive')!.id;
    for (const record of companies) {
      const company = sim.world.get('companies', Number(record.externalId))!;
      expect(record).toMatchObject({ name: company.name, deleted: company.deleted, active: company.statusId !== inactiveStatus, type: { id: String(company.typeIds[0]) }, status: { id: String(company.statusId) } });
      expect(record.fields).toMatchObject({ website: company.website, phone: company.phone, city: company.city, country: company.country });
    }
    expect(companies.some((r) => r.deleted)).toBe(true);
    const contact = (await collect(connector.listRecords('contact'))).find((r) => r.kind === 'contact' && r.fields.mobile && r.fields.phone && r.fields.email)!;
    const simContact = sim.world.get('contacts', Number(contact.externalId))!;
    expect(contact.fields).toMatchObject({ email: simContact.email, phone: simContact.phone, mobile: simContact.mobile });
    expect(contact.parentExternalId).toBe(String(simContact.companyId));
  });
});

describe('incremental listing, getRecord and deletes', () => {
  it('returns exactly what changed since a moment, by the PSA clock', async () => {
    await control('/clock', 'POST', { advanceMs: 86_400_000 });
    const since = new Date((await control('', 'GET')).now);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await control('/records/configurations/10', 'PATCH', { name: 'CHANGED-10' });
    await control('/records/configurations/20', 'PATCH', { companyId: 3 });
    const created = await control('/records/companies', 'POST', { name: 'Brand New Co' });
    await control('/records/contacts/30', 'PATCH', { email: 'new@example.com' });

    const configurations = await collect(connector.listRecords('configuration', { changedSince: since }));
    expect(configurations.map((r) => r.externalId)).toEqual(['10', '20']);
    expect(configurations[1]!.parentExternalId).toBe('3');
    expect((await collect(connector.listRecords('organization', { changedSince: since }))).map((r) => r.externalId)).toEqual([String(created.id)]);
    const contacts = await collect(connector.listRecords('contact', { changedSince: since }));
    expect(contacts.map((r) => [r.externalId, r.kind === 'contact' ? r.fields.email : null])).toEqual([['30', 'new@example.com']]);
    expect((await collect(connector.listIds('configuration', { changedSince: since }))).map((e) => e.externalId)).toEqual(['10', '20']);
  });

  it('gets one record as listed, and null once it is gone', async () => {
    const listed = (await collect(connector.listRecords('configuration'))).find((r) => r.externalId === '42') as CanonicalRecord;
    expect(await connector.getRecord('configuration', '42')).toEqual(listed);
    await control('/records/configurations/42', 'DELETE');
    expect(await connector.getRecord('configuration', '42')).toBeNull();
    expect(await connector.getRecord('contact', 'not-a-number')).toBeNull();
    expect((await collect(connector.listIds('configuration'))).some((e) => e.externalId === '42')).toBe(false);
  });

  it('sees a company deleted through the API as deleted in the id listing, not in the incremental one', async () => {
    const since = new Date((await control('', 'GET')).now);
    const response = await fetch(`${sim.baseUrl}/company/companies/7`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`${sim.credentials.companyId}+${sim.credentials.publicKey}:${sim.credentials.privateKey}`).toString('base64')}`, clientId: sim.credentials.clientId! },
    });
    expect(response.status).toBe(204);
    expect(await connector.getRecord('organization', '7')).toMatchObject({ deleted: true });
    expect((await collect(connector.listIds('organization'))).find((e) => e.externalId === '7')).toMatchObject({ deleted: true });
    expect((await collect(connector.listRecords('organization', { changedSince: since }))).some((r) => r.externalId === '7')).toBe(false);
  });
});
