import { ManageAPI } from 'connectwise-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../server.js';
import { scales } from '../world/types.js';
import { connectwiseModule } from './connectwise.module.js';

/**
 * A third-party client written for the real API (`connectwise-rest` on npm) against the simulator. The library builds
 * `https://{companyUrl}/{entryPoint}/apis/3.0` and has no option for plain HTTP, so the one change is pointing its
 * axios instance at the simulator's http:// base; authentication, the clientId header, query parameters, its
 * paginate helper and its error handling are the library's own.
 */
let sim: RunningSimulator;
let cwm: ManageAPI;

beforeAll(async () => {
  sim = await startSimulator(connectwiseModule, { scale: scales.small, seed: 5 });
  const { companyId, publicKey, privateKey, clientId } = sim.credentials as Record<string, string>;
  cwm = new ManageAPI({ companyId: companyId!, publicKey: publicKey!, privateKey: privateKey!, clientId: clientId!, companyUrl: new URL(sim.baseUrl).host, logger: () => {} });
  // The root client (used by paginate) and each API group (CompanyAPI, …) hold their own axios instance.
  type WithAxios = { instance?: { defaults: { baseURL?: string } } };
  for (const client of [cwm, ...Object.values(cwm)] as WithAxios[]) {
    if (client?.instance?.defaults) client.instance.defaults.baseURL = sim.baseUrl;
  }
});
afterAll(() => sim.close());

describe('connectwise-rest against the simulator', () => {
  it('reads companies with conditions, orderBy and fields', async () => {
    const companies = await cwm.CompanyAPI.getCompanyCompanies({ conditions: 'status/id = 1 and name like "A*"', orderBy: 'name asc', fields: 'id,name,status', pageSize: 1000 });
    const expected = [...sim.world.all('companies')].filter((c) => c.statusId === 1 && c.name.toLowerCase().startsWith('a'));
    expect(companies.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(Object.keys(companies[0]!).sort()).toEqual(['id', 'name', 'status']);
  });

  it('pages through every configuration with its paginate helper', async () => {
    // This generated method takes an (unused) managedIdentifier before the query parameters.
    const all = (await cwm.paginate(cwm.CompanyAPI.getCompanyConfigurations, { startPage: 1, pageSize: 300 }, {}, { fields: 'id' })) as { id: number }[];
    expect(all.map((c) => c.id)).toEqual([...sim.world.tables.configurations.keys()]);
  });

  it('counts, gets, creates, patches and deletes', async () => {
    expect(await cwm.CompanyAPI.getCompanyContactsCount({ conditions: 'inactiveFlag = false' })).toEqual({ count: [...sim.world.all('contacts')].filter((c) => c.active).length });
    const created = await cwm.CompanyAPI.postCompanyCompanies({ identifier: 'LibraryCo', name: 'Library Co', site: { name: 'Main' } } as never);
    expect(created).toMatchObject({ identifier: 'LibraryCo', deletedFlag: false });
    const patched = await cwm.CompanyAPI.patchCompanyCompaniesById(created.id!, [{ op: 'replace', path: 'name', value: 'Library Co Renamed' as unknown as Record<string, unknown> }]);
    expect(patched.name).toBe('Library Co Renamed');
    await cwm.CompanyAPI.deleteCompanyCompaniesById(created.id!);
    expect(await cwm.CompanyAPI.getCompanyCompaniesById(created.id!)).toMatchObject({ deletedFlag: true });
  });

  it('surfaces the API error body as the library expects it', async () => {
    const error = (await cwm.CompanyAPI.getCompanyCompaniesById(999_999).catch((e: unknown) => e)) as { status: number; data: unknown };
    expect(error.status).toBe(404);
    expect(error.data).toEqual({ code: 'NotFound', message: 'Company ID 999999 was not found.' });
  });
});
