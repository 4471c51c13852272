import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PsaConnector, RecordKind } from '../../psa/canonical.js';
import { PsaError, type PsaErrorClass } from '../../psa/psa-error.js';
import { autotaskModule } from '../../simulators/autotask/autotask.module.js';
import { startSimulator, type RunningSimulator } from '../../simulators/server.js';
import type { FaultSpec } from '../../simulators/faults.js';
import { scales } from '../../simulators/world/types.js';
import { createAutotaskConnector } from './autotask-connector.js';

/**
 * Every fault the simulator injects, at medium scale: the connector retries and returns the complete listing, or
 * throws a PsaError of the right class — never a short listing that looks complete.
 */
let sim: RunningSimulator;
let connector: PsaConnector;
const http = {
  timeoutMs: 400,
  maxRetries: 3,
  baseDelayMs: 1,
  maxDelayMs: 5,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 5))),
};

beforeAll(async () => {
  sim = await startSimulator(autotaskModule, { scale: scales.medium, seed: 9 });
  connector = createAutotaskConnector({ baseUrl: sim.baseUrl, credentials: sim.credentials, http });
  await connector.testConnection(); // the zone is known; faults below hit the listing itself
});
afterAll(() => sim.close());
afterEach(() => sim.faults.clear());

const inject = (spec: Partial<FaultSpec> & Pick<FaultSpec, 'kind'>) =>
  sim.faults.add({ skip: 0, times: 1, status: 503, delayMs: 2_000, retryAfterSeconds: 1, ...spec });

async function listIds(kind: RecordKind) {
  const ids: string[] = [];
  for await (const page of connector.listIds(kind)) ids.push(...page.map((entry) => entry.externalId));
  return ids;
}
const contactIds = () => [...sim.world.tables.contacts.keys()].map(String);

async function expectFailure(kind: RecordKind, errorClass: PsaErrorClass) {
  const error = await listIds(kind).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PsaError);
  expect((error as PsaError).errorClass).toBe(errorClass);
  expect((error as Error).message).not.toContain(sim.credentials.secret!);
}

describe('Autotask connector under faults', () => {
  it.each([
    ['rate_limit', { kind: 'rate_limit', times: 2 }],
    ['server_error', { kind: 'server_error', times: 2, status: 502 }],
    ['slow past the timeout', { kind: 'slow', delayMs: 1_500 }],
    ['timeout', { kind: 'timeout' }],
    ['drop', { kind: 'drop', times: 2 }],
    ['malformed', { kind: 'malformed' }],
  ] as const)('retries a passing %s and returns the complete listing', async (_name, spec) => {
    inject({ ...spec, path: '/Contacts/query', skip: 3 });
    expect(await listIds('contact')).toEqual(contactIds());
    expect(sim.faults.list()).toHaveLength(0);
  });

  it.each([
    ['rate_limit', { kind: 'rate_limit' }, 'rate_limited'],
    ['server_error', { kind: 'server_error' }, 'transient'],
    ['slow', { kind: 'slow', delayMs: 1_000 }, 'transient'],
    ['timeout', { kind: 'timeout' }, 'transient'],
    ['drop', { kind: 'drop' }, 'transient'],
    ['malformed', { kind: 'malformed' }, 'bad_response'],
    ['expired_token', { kind: 'expired_token' }, 'auth'],
  ] as const)('throws %s as %s when it lasts, after some pages were read', async (_name, spec, errorClass) => {
    inject({ ...spec, path: '/Contacts/query', skip: 4, times: 100 });
    await expectFailure('contact', errorClass);
  });

  it('returns every record that existed throughout the listing exactly once under page drift', async () => {
    const before = new Set(contactIds());
    // Before the 4th page: the 40 lowest ids go, 40 new contacts arrive (at the end, as new ids do).
    inject({ kind: 'page_drift', path: '/Contacts/query', skip: 3, drift: { kind: 'contacts', delete: 40, insert: 40 } });
    const listed = await listIds('contact');
    const after = new Set(contactIds());
    const listedSet = new Set(listed);
    expect(listedSet.size).toBe(listed.length);
    expect([...before].filter((id) => after.has(id) && !listedSet.has(id))).toEqual([]);
    expect(listed.filter((id) => !before.has(id) && !after.has(id))).toEqual([]);
    expect(listed.filter((id) => !before.has(id))).toHaveLength(40);
  });

  it('neither skips nor repeats when records ahead of the cursor are deleted and inserted between pages', async () => {
    const seen: string[] = [];
    let page = 0;
    const removed = ['7000', '7001', '11000'];
    for await (const entries of connector.listIds('contact')) {
      seen.push(...entries.map((entry) => entry.externalId));
      if (page++ === 1) {
        for (const id of removed) sim.world.remove('contacts', Number(id));
        sim.world.create('contacts', { ...sim.world.get('contacts', 2)!, lastName: 'Inserted' });
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(contactIds());
    for (const id of removed) expect(seen).not.toContain(id);
  });

  it('fails the whole incremental listing, not part of it, when a page keeps failing', async () => {
    inject({ kind: 'server_error', path: '/ConfigurationItems/query', skip: 2, times: 100 });
    const pages: number[] = [];
    const error = await (async () => {
      for await (const records of connector.listRecords('configuration', { changedSince: new Date(0) })) pages.push(records.length);
    })().catch((e: unknown) => e);
    expect(pages.length).toBeGreaterThan(0);
    expect((error as PsaError).errorClass).toBe('transient');
  });
});
