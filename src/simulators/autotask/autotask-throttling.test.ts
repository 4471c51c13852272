import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../server.js';
import { scales } from '../world/types.js';
import { autotaskModule } from './autotask.module.js';
import { autotaskRuntimeOf } from './runtime.js';

/** The hourly request budget (here 40 requests, via the requestBudget option) and the 3-thread limit. */
let sim: RunningSimulator;
let headers: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator(autotaskModule, { scale: scales.small, seed: 3, credentials: { requestBudget: '40' } });
  headers = { ApiIntegrationCode: sim.credentials.integrationCode!, UserName: sim.credentials.username!, Secret: sim.credentials.secret! };
});
afterAll(() => sim.close());

const get = async (path: string) => {
  const started = Date.now();
  const response = await fetch(sim.baseUrl + path, { headers });
  return { status: response.status, body: await response.json(), ms: Date.now() - started };
};
const budget = () => autotaskRuntimeOf(sim.world)!.budget;

describe('Autotask simulator throttling', () => {
  it('reports the budget and its use in ThresholdInformation', async () => {
    await get('/Companies/1');
    const { body } = await get('/ThresholdInformation');
    expect(body).toEqual({ externalRequestThreshold: 40, requestThresholdTimeframe: 60, currentTimeframeRequestCount: budget().used() });
    expect(body.currentTimeframeRequestCount).toBeGreaterThanOrEqual(1);
  });

  it('answers the fourth concurrent request on one endpoint with 429, not those on another endpoint', async () => {
    // Past half the budget every request waits 0.5 s, which keeps three of them in flight together.
    budget().record(20 - budget().used());
    const responses = await Promise.all([1, 2, 3, 4].map((id) => get(`/Companies/${id}`)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(responses.find((response) => response.status === 429)!.body.errors[0]).toMatch(/thread/i);
    expect(Math.min(...responses.filter((r) => r.status === 200).map((r) => r.ms))).toBeGreaterThanOrEqual(450);
    const mixed = await Promise.all([get('/Companies/5'), get('/Contacts/1'), get('/ConfigurationItems/1'), get('/Contacts/2')]);
    expect(mixed.map((response) => response.status)).toEqual([200, 200, 200, 200]);
  });

  it('adds 1 s past 75% and refuses with 429 once the hour is used up, until it rolls on', async () => {
    budget().record(30 - budget().used());
    const slow = await get('/Companies/1');
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(950);
    budget().record(40 - budget().used());
    const refused = await get('/Companies/1');
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0]).toMatch(/threshold/i);
    expect((await get('/ThresholdInformation')).body.currentTimeframeRequestCount).toBe(40);
    await fetch(`${sim.controlUrl}/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 3_600_001 }) });
    const again = await get('/Companies/1');
    expect(again.status).toBe(200);
    expect(again.ms).toBeLessThan(450);
  });
});
