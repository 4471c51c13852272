import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PsaError } from '../../psa/psa-error.js';
import { autotaskModule } from '../../simulators/autotask/autotask.module.js';
import { autotaskRuntimeOf } from '../../simulators/autotask/runtime.js';
import { startSimulator, type RunningSimulator } from '../../simulators/server.js';
import { scales } from '../../simulators/world/types.js';
import { createAutotaskConnector, type AutotaskConnectorOptions } from './autotask-connector.js';

/** Autotask's hourly request budget (40 here, via the simulator's requestBudget option) and its 3-thread limit. */
let sim: RunningSimulator;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 5)));
const connector = (options: Partial<AutotaskConnectorOptions> = {}) =>
  createAutotaskConnector({ baseUrl: sim.baseUrl, credentials: sim.credentials, http: { sleep, baseDelayMs: 1, maxRetries: 2 }, ...options });
const budget = () => autotaskRuntimeOf(sim.world)!.budget;
const fillBudgetTo = (used: number) => budget().record(used - budget().used());

beforeAll(async () => {
  sim = await startSimulator(autotaskModule, { scale: scales.small, seed: 2, credentials: { requestBudget: '40' } });
});
afterAll(() => sim.close());
// A fresh hour for every test.
beforeEach(() => sim.world.setClock(new Date(sim.world.now().getTime() + 3_600_001)));

async function drain(pages: AsyncIterable<unknown[]>) {
  let count = 0;
  for await (const page of pages) count += page.length;
  return count;
}

describe('Autotask connector and the request budget', () => {
  it('does not start a listing when the hour\'s budget is (nearly) used up', async () => {
    fillBudgetTo(39);
    const error = await drain(connector().listIds('contact')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PsaError);
    expect((error as PsaError).errorClass).toBe('rate_limited');
    expect((error as PsaError).message).toMatch(/39 of 40/);
    expect(budget().used()).toBe(39); // it asked ThresholdInformation, which costs nothing, and nothing else
  });

  it('classifies running out of budget in the middle of a listing as rate_limited', async () => {
    const fresh = connector({ budget: { stopAtRatio: 1 }, pageSize: 100 });
    await fresh.testConnection();
    fillBudgetTo(38);
    const pages: number[] = [];
    const error = await (async () => {
      for await (const page of fresh.listIds('configuration')) pages.push(page.length);
    })().catch((e: unknown) => e);
    expect(pages).toEqual([100, 100]);
    expect((error as PsaError).errorClass).toBe('rate_limited');
    expect((error as PsaError).message).toMatch(/threshold/);
  });

  it('keeps at most 3 requests in flight per endpoint, so Autotask never refuses a thread', async () => {
    fillBudgetTo(20); // past 50% every request takes 0.5 s, so listings overlap
    const strict = connector({ http: { sleep, maxRetries: 0 }, pageSize: 400 });
    const counts = await Promise.all([1, 2, 3, 4].map(() => drain(strict.listIds('contact'))));
    expect(counts).toEqual([800, 800, 800, 800].map(() => sim.world.count('contacts')));
  });
});
