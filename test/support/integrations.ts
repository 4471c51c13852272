import { expect } from 'vitest';
import { simulatorModules } from '../../src/simulators/registry.js';
import { startSimulator, type RunningSimulator } from '../../src/simulators/server.js';
import type { SimPsa } from '../../src/simulators/module.js';

/** A small simulated PSA over real HTTP, for integration tests. */
export function startSmallSimulator(psa: SimPsa = 'connectwise'): Promise<RunningSimulator> {
  return startSimulator(simulatorModules[psa], { scale: { orgs: 5, configurations: 20, contacts: 10 } });
}

/** The POST /integrations body for a simulator. */
export const integrationBody = (sim: RunningSimulator, extra: Record<string, unknown> = {}) => ({
  provider: sim.psa,
  baseUrl: sim.baseUrl,
  credentials: sim.credentials,
  ...extra,
});

/** Credential values worth hunting for in responses, rows and logs (the company id / tenant are not secrets). */
export const secretValues = (credentials: Record<string, string>) =>
  Object.entries(credentials)
    .filter(([key]) => !['companyId', 'tenant', 'username', 'requestBudget'].includes(key))
    .map(([, value]) => value);

export function expectNoSecrets(value: unknown, secrets: string[]) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const secret of secrets) expect(text, `a secret leaked: ${secret}`).not.toContain(secret);
}

/** Calls the simulator's control API. */
export async function control(sim: RunningSimulator, method: string, path: string, body?: unknown) {
  const response = await fetch(sim.controlUrl + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
