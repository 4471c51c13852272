import { sql } from 'drizzle-orm';
import { createAutotaskConnector } from '../../src/connectors/autotask/autotask-connector.js';
import { createConnectWiseConnector, type ConnectWiseCredentials } from '../../src/connectors/connectwise/connectwise-connector.js';
import { createHaloConnector } from '../../src/connectors/halo/halo-connector.js';
import { queryRows } from '../../src/db/database.js';
import { addIntegration } from '../../src/integrations/add-integration.js';
import { cliActor } from '../../src/integrations/integration-store.js';
import type { PsaConnector } from '../../src/psa/canonical.js';
import type { PsaHttpOptions } from '../../src/psa/http/psa-http-client.js';
import type { SimPsa } from '../../src/simulators/module.js';
import { simulatorModules } from '../../src/simulators/registry.js';
import { startSimulator, type RunningSimulator } from '../../src/simulators/server.js';
import type { Scale } from '../../src/simulators/world/types.js';
import { executeSyncRun, type ExecuteSyncRunOptions } from '../../src/sync/engine/run-sync.js';
import type { RunCounts } from '../../src/sync/domain/run-counts.js';
import { createRun, type SyncRunRow } from '../../src/sync/runs/run-store.js';
import type { TestApp } from '../support/test-app.js';

/** The long versions (`npm run soak`): more data, more kills, the whole matrix on both engines. */
export const soak = process.env.PSALINK_SOAK === '1';

/** Enough records for several pages of every kind at `pageSize`, few enough to sync in a blink. */
export const reliabilityScale: Scale = soak ? { orgs: 40, configurations: 600, contacts: 200 } : { orgs: 8, configurations: 40, contacts: 16 };
const pageSize = soak ? 50 : 6;

/** Short waits, so that storms outlast the retries quickly; the timeout still leaves a loaded machine room. */
export const faultHttp = { timeoutMs: 600, maxRetries: 2, baseDelayMs: 20, maxDelayMs: 100 } satisfies PsaHttpOptions;

/** The PSA's connector with small pages, so that a fault lands between two pages of a listing. */
export function pagedConnector(psa: SimPsa, sim: RunningSimulator, http: PsaHttpOptions): PsaConnector {
  const base = { baseUrl: sim.baseUrl, http, pageSize };
  switch (psa) {
    case 'connectwise':
      return createConnectWiseConnector({ ...base, credentials: sim.credentials as unknown as ConnectWiseCredentials });
    case 'autotask':
      return createAutotaskConnector({ ...base, credentials: sim.credentials });
    case 'halo':
      return createHaloConnector({ ...base, credentials: sim.credentials });
  }
}

export interface FaultAccount {
  psa: SimPsa;
  sim: RunningSimulator;
  accountId: string;
  integrationId: string;
  sync(options?: Pick<ExecuteSyncRunOptions, 'onProgress'>): Promise<SyncRunRow & { counts: RunCounts }>;
}

let accounts = 0;

/**
 * A new account connected to `sim` (a new simulator of `psa` at the reliability scale if none is given), added as
 * `psalink integration add` does; no user, as the sync needs none (and password hashing would dominate the cases).
 */
export async function openFaultAccount(t: TestApp, psa: SimPsa, sim?: RunningSimulator): Promise<FaultAccount> {
  const psaSim = sim ?? (await startSimulator(simulatorModules[psa], { scale: reliabilityScale }));
  const [account] = await queryRows<{ id: string }>(t.database.db, sql`insert into accounts (name) values (${`Faults ${psa} ${++accounts}`}) returning id`);
  const accountId = account!.id;
  const { integration } = await addIntegration({ ctx: t.ctx, accountId, actor: cliActor, provider: psa, baseUrl: psaSim.baseUrl, credentials: psaSim.credentials });
  const integrationId = integration.id;
  return {
    psa,
    sim: psaSim,
    accountId,
    integrationId,
    async sync(options = {}) {
      const { run } = await createRun({ db: t.database.db, accountId, integrationId, trigger: 'cli', full: false });
      const connector = pagedConnector(psa, psaSim, faultHttp);
      const result = await executeSyncRun({ ctx: t.ctx, runId: run.id, connector, heartbeatMs: 1_000, onProgress: options.onProgress });
      if (!result.executed) throw new Error(`the run was not executed: ${result.reason}`);
      return result.run as SyncRunRow & { counts: RunCounts };
    },
  };
}
