import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PsaConnector } from '../../psa/canonical.js';
import type { PsaHttpOptions } from '../../psa/http/psa-http-client.js';
import { PsaError } from '../../psa/psa-error.js';
import { connectwiseModule } from '../../simulators/connectwise/connectwise.module.js';
import type { FaultSpec } from '../../simulators/faults.js';
import { startSimulator, type RunningSimulator } from '../../simulators/server.js';
import { scales } from '../../simulators/world/types.js';
import { createConnectWiseConnector, type ConnectWiseCredentials } from './connectwise-connector.js';

/**
 * Every fault the simulator injects, hitting the middle of a full configuration listing (30 pages at medium scale):
 * the connector either retries and returns every record, or throws a PsaError of the right class — never a listing
 * that ends early as if complete.
 */
let sim: RunningSimulator;
const http: PsaHttpOptions = { timeoutMs: 400, maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5, sleep: async () => {} };

beforeAll(async () => {
  sim = await startSimulator(connectwiseModule, { scale: scales.medium, seed: 11 });
});
afterAll(() => sim.close());
afterEach(async () => {
  await fetch(`${sim.controlUrl}/faults`, { method: 'DELETE' });
});

const connector = (): PsaConnector => createConnectWiseConnector({ baseUrl: sim.baseUrl, credentials: sim.credentials as unknown as ConnectWiseCredentials, http });

async function inject(fault: Partial<FaultSpec> & { kind: FaultSpec['kind'] }) {
  const response = await fetch(`${sim.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: 'company/configurations', skip: 3, ...fault }) });
  expect(response.status).toBe(201);
}

async function listConfigurationIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of connector().listRecords('configuration')) ids.push(...page.map((r) => r.externalId));
  return ids;
}

const allIds = () => [...sim.world.tables.configurations.keys()].map(String);

async function failure(run: () => Promise<unknown>): Promise<PsaError> {
  const error = await run().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, 'the listing must fail, not end early').toBeInstanceOf(PsaError);
  return error as PsaError;
}

describe('faults the connector rides out', () => {
  it.each<[string, Partial<FaultSpec> & { kind: FaultSpec['kind'] }]>([
    ['a rate-limit storm (429 + Retry-After)', { kind: 'rate_limit', times: 2, retryAfterSeconds: 1 }],
    ['a burst of 5xx', { kind: 'server_error', times: 3, status: 503 }],
    ['a response slower than the timeout', { kind: 'slow', delayMs: 1_000 }],
    ['a request that never answers', { kind: 'timeout', delayMs: 1_000 }],
    ['a dropped connection', { kind: 'drop', times: 2 }],
    ['a truncated JSON body', { kind: 'malformed' }],
  ])('retries through %s and returns every record', async (_name, fault) => {
    await inject(fault);
    expect(await listConfigurationIds()).toEqual(allIds());
    expect(sim.faults.list()).toHaveLength(0);
  });

  it('keeps its place through page drift: every record that existed throughout comes exactly once', async () => {
    const before = allIds();
    await inject({ kind: 'page_drift', times: 3, drift: { kind: 'configurations', delete: 40, insert: 25 } });
    const listed = await listConfigurationIds();
    expect(new Set(listed).size).toBe(listed.length);
    const after = new Set(allIds());
    const survivors = before.filter((id) => after.has(id));
    expect(survivors.length).toBe(before.length - 120);
    const listedSet = new Set(listed);
    expect(survivors.filter((id) => !listedSet.has(id))).toEqual([]);
    // Records inserted while listing have higher ids, so keyset paging reaches them too.
    expect(listed.filter((id) => !before.includes(id))).toHaveLength(75);
  });
});

describe('faults the connector reports', () => {
  it.each<[string, string, Partial<FaultSpec> & { kind: FaultSpec['kind'] }]>([
    ['5xx that outlast the retries', 'transient', { kind: 'server_error', times: 50, status: 500 }],
    ['a rate limit that outlasts the retries', 'rate_limited', { kind: 'rate_limit', times: 50, retryAfterSeconds: 0 }],
    ['timeouts that outlast the retries', 'transient', { kind: 'timeout', times: 50, delayMs: 1_000 }],
    ['bodies that stay malformed', 'bad_response', { kind: 'malformed', times: 50 }],
    ['credentials that expire mid-listing', 'auth', { kind: 'expired_token' }],
  ])('throws on %s as %s, mid-listing', async (_name, errorClass, fault) => {
    await inject(fault);
    const pages: number[] = [];
    const error = await failure(async () => {
      for await (const page of connector().listRecords('configuration')) pages.push(page.length);
    });
    expect(error.errorClass).toBe(errorClass);
    // The pages before the fault arrived, then the listing threw instead of ending.
    expect(pages).toEqual([1000, 1000, 1000]);
    expect(error.message).not.toContain(sim.credentials.privateKey);
    expect(error.message).not.toContain(sim.credentials.clientId);
  });

  it('reports an expired credential on a single get as auth, not as a missing record', async () => {
    await inject({ kind: 'expired_token', skip: 0, path: 'company/configurations/5' });
    expect((await failure(() => connector().getRecord('configuration', '5'))).errorClass).toBe('auth');
  });
});
