import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../server.js';
import { scales } from '../world/types.js';
import { autotaskModule } from './autotask.module.js';

/**
 * A third-party client written for the real Autotask API, @apigrate/autotask-restapi, used unchanged against the
 * simulator: it looks up the zone from `ZoneInformation?user=` and follows the returned `url`, sends the header
 * credentials, and uses query/count/get/create/update and the child-entity routes for contacts.
 */
type Result = Record<string, unknown> & { items?: Record<string, unknown>[]; item?: Record<string, unknown>; itemId?: number; queryCount?: number };
interface EntityClient {
  query(search: unknown): Promise<Result>;
  count(search: unknown): Promise<Result>;
  get(id: number): Promise<Result | null>;
  create(...args: unknown[]): Promise<Result>;
  update(...args: unknown[]): Promise<Result>;
  delete(...args: unknown[]): Promise<Result>;
  fieldInfo(): Promise<{ fields: { name: string; picklistValues: { value: string; label: string }[] | null }[] }>;
  udfInfo(): Promise<{ fields: { name: string }[] }>;
}
type AutotaskClient = Record<'Companies' | 'CompanyContacts' | 'Contacts' | 'ConfigurationItems', EntityClient>;

const require = createRequire(import.meta.url);
const { AutotaskRestApi } = require('@apigrate/autotask-restapi') as {
  AutotaskRestApi: new (user: string, secret: string, code: string, options: { base_url: string }) => AutotaskClient;
};

let sim: RunningSimulator;
let client: AutotaskClient;

beforeAll(async () => {
  sim = await startSimulator(autotaskModule, { scale: scales.small, seed: 11 });
  const { username, secret, integrationCode } = sim.credentials;
  // The library is configured with the service root, as for https://webservices.autotask.net/ATServicesRest/.
  client = new AutotaskRestApi(username!, secret!, integrationCode!, { base_url: sim.baseUrl.replace(/V1\.0$/, '') });
});
afterAll(() => sim.close());

describe('@apigrate/autotask-restapi against the simulator', () => {
  it('counts, queries and gets companies', async () => {
    const count = await client.Companies.count({ filter: [{ op: 'gte', field: 'Id', value: 0 }] });
    expect(count).toEqual({ queryCount: sim.world.count('companies') });
    const result = await client.Companies.query({ filter: [{ op: 'beginsWith', field: 'CompanyName', value: 'a' }], includeFields: ['Id', 'companyName'] });
    expect(result.items!.length).toBeGreaterThan(0);
    for (const item of result.items!) expect(String(item.companyName).toLowerCase().startsWith('a')).toBe(true);
    expect((await client.Companies.get(1))!.item).toMatchObject({ id: 1, companyName: sim.world.get('companies', 1)!.name });
    // The library turns the API's 404 for an unknown id into null.
    expect(await client.Companies.get(987654)).toBeNull();
  });

  it('creates and updates a company, and a contact under it', async () => {
    const created = await client.Companies.create({ CompanyName: 'Sirius Cybernetics Corporation', CompanyType: 3, Phone: '8005551212' });
    const companyId = created.itemId!;
    await client.Companies.update({ id: companyId, phone: '1112223344' });
    expect((await client.Companies.get(companyId))!.item).toMatchObject({ companyName: 'Sirius Cybernetics Corporation', companyType: 3, phone: '1112223344' });

    const contact = await client.CompanyContacts.create(companyId, { FirstName: 'Zaphod', LastName: 'Beeblebrox', IsActive: 1 });
    const found = await client.Contacts.query({ filter: [{ field: 'firstName', op: 'eq', value: 'zaphod' }] });
    expect(found.items!.map((item) => item.id)).toEqual([contact.itemId]);
    await client.CompanyContacts.update(companyId, { id: contact.itemId, title: 'President' });
    expect((await client.Contacts.get(contact.itemId!))!.item).toMatchObject({ companyID: companyId, title: 'President', isActive: 1 });
    await client.CompanyContacts.delete(companyId, contact.itemId);
    expect(await client.Contacts.get(contact.itemId!)).toBeNull();
  });

  it('reads field definitions with picklists and user-defined fields', async () => {
    const { fields } = await client.ConfigurationItems.fieldInfo();
    const types = fields.find((field) => field.name === 'configurationItemType')!.picklistValues!;
    expect(types.map((value) => value.label)).toEqual(sim.world.lookups.configurationTypes.map((type) => type.name));
    expect((await client.Companies.udfInfo()).fields.map((field) => field.name)).toContain('Number of Employees');
  });

  it('surfaces a refused secret as the library\'s 401 error', async () => {
    const { username, integrationCode } = sim.credentials;
    const wrong = new AutotaskRestApi(username!, 'not-the-secret', integrationCode!, { base_url: sim.baseUrl.replace(/V1\.0$/, '') });
    await expect(wrong.Companies.get(1)).rejects.toMatchObject({ status: 401 });
  });
});
