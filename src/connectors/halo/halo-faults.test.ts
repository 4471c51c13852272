import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PsaConnector } from '../../psa/canonical.js';
import { PsaError, type PsaErrorClass } from '../../psa/psa-error.js';
import { haloModule } from '../../simulators/halo/halo.module.js';
import { type RunningSimulator, startSimulator } from '../../simulators/server.js';
import { scales } from '../../simulators/world/types.js';
import { createHaloConnector } from './halo-connector.js';

let sim: RunningSimulator;
let connector: PsaConnector;
/** Short waits and timeouts keep the suite fast; slow and timeout faults are set past `timeoutMs`. */
const http = { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 400, maxRetries: 4 };

async function injectFault(spec: Record<string, unknown>) {
  const response = await fetch(`${sim.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
  expect(response.status).toBe(201);
}

async function listedIds(kind: 'configuration' | 'contact', target = connector): Promise<number[]> {
  const ids: number[] = [];
  for await (const page of target.listRecords(kind)) ids.push(...page.map((r) => Number(r.externalId)));
  return ids;
}
const assetIds = () => listedIds('configuration');

const worldAssetIds = () => [...sim.world.all('configurations')].map((c) => c.id);
const worldUserIds = () => [...sim.world.all('contacts')].map((c) => c.id);

async function expectFailure(promise: Promise<unknown>, errorClass: PsaErrorClass) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PsaError);
  expect((error as PsaError).errorClass).toBe(errorClass);
}

beforeAll(async () => {
  sim = await startSimulator(haloModule, { scale: scales.medium, seed: 5 });
  connector = createHaloConnector({ baseUrl: sim.baseUrl, credentials: sim.credentials, http, pageSize: 1000 });
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

describe('Halo connector survives faults, or fails with the right class — never a silent partial listing', () => {
  const survivable: [string, Record<string, unknown>][] = [
    ['a rate-limit storm (429 with Retry-After)', { kind: 'rate_limit', path: '/api/users', skip: 3, times: 3, retryAfterSeconds: 0 }],
    ['a 5xx burst', { kind: 'server_error', path: '/api/users', skip: 5, times: 3, status: 502 }],
    ['a response slower than the timeout', { kind: 'slow', path: '/api/users', skip: 2, times: 1, delayMs: 1_500 }],
    ['a request that is never answered', { kind: 'timeout', path: '/api/users', skip: 4, times: 1 }],
    ['a dropped connection', { kind: 'drop', path: '/api/users', skip: 6, times: 2 }],
    ['a truncated JSON body', { kind: 'malformed', path: '/api/users', skip: 7, times: 1 }],
    ['an expired token (refreshed, then the call is retried once)', { kind: 'expired_token', path: '/api/users', skip: 8, times: 1 }],
    ['a failing token endpoint', { kind: 'server_error', path: '/auth/token', times: 2 }],
  ];
  // Contacts (12k at medium) keep these fast; the page-drift test below lists the 30k assets.
  for (const [name, fault] of survivable) {
    it(`retries through ${name}`, async () => {
      const fresh = createHaloConnector({ baseUrl: sim.baseUrl, credentials: sim.credentials, http, pageSize: 1000 });
      await injectFault(fault);
      expect(await listedIds('contact', fresh)).toEqual(worldUserIds());
      expect(sim.faults.list()).toEqual([]);
    });
  }

  it('returns every record that existed throughout exactly once when records are created and deleted between pages', async () => {
    const before = new Set(worldAssetIds());
    // Between pages 4 and 5: the 40 lowest ids are deleted and 40 assets created, so the count does not move.
    await injectFault({ kind: 'page_drift', path: '/api/asset', skip: 5, times: 1, drift: { kind: 'configurations', insert: 40, delete: 40 } });
    const ids = await assetIds();
    const after = new Set(worldAssetIds());
    expect(ids.length).toBe(new Set(ids).size);
    const throughout = [...before].filter((id) => after.has(id));
    const seen = new Set(ids);
    expect(throughout.filter((id) => !seen.has(id))).toEqual([]);
    expect(ids.every((id) => before.has(id) || after.has(id))).toBe(true);
  });

  it('gives up with transient on a persistent 5xx, rate_limited on endless 429s, bad_response on endless garbage', async () => {
    await injectFault({ kind: 'server_error', path: '/api/asset', skip: 2, times: 1000 });
    await expectFailure(assetIds(), 'transient');
    sim.faults.clear();
    await injectFault({ kind: 'rate_limit', path: '/api/asset', skip: 2, times: 1000, retryAfterSeconds: 0 });
    await expectFailure(assetIds(), 'rate_limited');
    sim.faults.clear();
    await injectFault({ kind: 'malformed', path: '/api/asset', skip: 2, times: 1000 });
    await expectFailure(assetIds(), 'bad_response');
  });

  it('a token refused again after a refresh → auth; revoked credentials → auth', async () => {
    await injectFault({ kind: 'expired_token', path: '/api/asset', skip: 1, times: 2 });
    await expectFailure(assetIds(), 'auth');
    sim.faults.clear();

    const original = sim.credentials.clientSecret;
    try {
      sim.credentials.clientSecret = 'rotated-by-an-admin';
      await injectFault({ kind: 'expired_token', path: '/api/asset', skip: 1, times: 1 });
      await expectFailure(assetIds(), 'auth');
    } finally {
      sim.credentials.clientSecret = original!;
    }
  });
});
