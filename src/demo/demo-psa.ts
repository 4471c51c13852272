import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/database.js';
import { textArray } from '../db/sql-lists.js';
import { accounts, psaIntegrations } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import { addIntegration } from '../integrations/add-integration.js';
import type { Actor } from '../integrations/integration-store.js';
import { simulatorModules } from '../simulators/registry.js';
import { startSimulator, type RunningSimulator } from '../simulators/server.js';
import type { SimWorld } from '../simulators/world/world.js';
import { executeSyncRun } from '../sync/engine/run-sync.js';
import { setLinkSync } from '../sync/links/set-link-sync.js';
import { createRun } from '../sync/runs/run-store.js';
import { DEMO_ACCOUNT } from './seed-demo.js';

const demoActor: Actor = { type: 'system', id: null, label: 'demo' };
const DEMO_SEED = 7;
const DEMO_SCALE = { orgs: 40, configurations: 600, contacts: 200 };

/**
 * The demo's PSA: a small ConnectWise simulator in this process. On the first start it is connected to the demo
 * account and synced twice around a few PSA changes, so that a newcomer sees every link state: syncing, orphaned
 * (deleted and inactive in the PSA), error (invalid PSA data) and disabled. At every later start the simulator comes
 * back with the same data and the same changes, and the integration's URL is pointed at it.
 */
export async function startDemoPsa(ctx: AppContext, options: { firstStart: boolean }): Promise<RunningSimulator | undefined> {
  const db = ctx.database.db;
  const [existing] = await db.select().from(psaIntegrations).where(eq(psaIntegrations.simulated, true)).limit(1);
  if (!existing && !options.firstStart) return undefined;
  const sim = await startSimulator(simulatorModules.connectwise, { seed: DEMO_SEED, scale: DEMO_SCALE });
  try {
    if (existing) {
      applyDemoChanges(sim.world);
      await db.update(psaIntegrations).set({ baseUrl: sim.baseUrl }).where(eq(psaIntegrations.id, existing.id));
      return sim;
    }
    const [account] = await db.select().from(accounts).where(eq(accounts.name, DEMO_ACCOUNT)).limit(1);
    if (!account) return sim;
    const { integration } = await addIntegration({
      ctx, accountId: account.id, actor: demoActor, provider: 'connectwise', name: 'ConnectWise PSA (demo simulator)', baseUrl: sim.baseUrl, credentials: sim.credentials,
    });
    await db.update(psaIntegrations).set({ simulated: true }).where(eq(psaIntegrations.id, integration.id));
    await syncOnce(ctx, account.id, integration.id);
    const { disable } = applyDemoChanges(sim.world);
    await syncOnce(ctx, account.id, integration.id);
    const recordIds = await queryRows<{ record_id: string }>(db, sql`
      select record_id from psa_links where integration_id = ${integration.id} and kind = 'configuration'
        and external_id = any(${textArray(disable.map(String))})`);
    await setLinkSync({ db, accountId: account.id, kind: 'configuration', recordIds: recordIds.map((r) => r.record_id), actor: demoActor, event: 'disabled' });
    return sim;
  } catch (error) {
    await sim.close();
    throw error;
  }
}

async function syncOnce(ctx: AppContext, accountId: string, integrationId: string) {
  const { run } = await createRun({ db: ctx.database.db, accountId, integrationId, trigger: 'demo', full: false });
  await executeSyncRun({ ctx, runId: run.id });
}

/**
 * The same PSA changes every time, picked by position among records that sync: three configurations deleted, two
 * contacts made inactive, two configurations given a name psalink cannot keep; two more are returned for
 * "Disable Sync".
 */
function applyDemoChanges(world: SimWorld): { disable: number[] } {
  const liveCompanies = new Set([...world.all('companies')].filter((c) => c.active && !c.deleted).map((c) => c.id));
  const configurations = [...world.all('configurations')].filter((c) => c.active && liveCompanies.has(c.companyId)).map((c) => c.id);
  const contacts = [...world.all('contacts')].filter((c) => c.active && liveCompanies.has(c.companyId)).map((c) => c.id);
  for (const id of configurations.slice(0, 3)) world.remove('configurations', id);
  for (const id of configurations.slice(3, 5)) world.update('configurations', id, { name: `${'Unnamed device with a label pasted from a spreadsheet '.repeat(6)}`.trim() });
  for (const id of contacts.slice(0, 2)) world.update('contacts', id, { active: false });
  return { disable: configurations.slice(5, 7) };
}
