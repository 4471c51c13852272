import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createUser } from '../../src/accounts/create-user.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/database.js';
import { addIntegration } from '../../src/integrations/add-integration.js';
import { SecretBox } from '../../src/shared/secret-box.js';
import { fmt, firstJsonLine, printTable, runJsonChild, spawnTs, stats, type Stats } from '../support.js';

interface SyncRun {
  status: string;
  counts: Record<string, number>;
  seconds: number;
  peakRssMb: number;
}
interface ListingRun {
  counts: Record<string, number>;
  seconds: number;
}

export interface SyncBenchResult {
  scale: string;
  records: number;
  full: { seconds: Stats; recordsPerSecond: number; peakRssMb: Stats; listingFloor: Stats; ratioToListing: number };
  incremental: { seconds: Stats; listingFloor: Stats; ratioToListing: number; changed: number };
}

const adminUrl = process.env.PSALINK_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
/** What an incremental run changed: records created, updated, orphaned or healed. */
const changedBy = (c: Record<string, number>) => (c.created ?? 0) + (c.updated ?? 0) + (c.orphaned ?? 0) + (c.healed ?? 0);

async function admin(query: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** A migrated database with one account connected to the simulator: what a first sync starts from. */
async function prepareDatabase(name: string, sim: { baseUrl: string; credentials: Record<string, string> }, secretKey: Buffer) {
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const database = await openDatabase({ engine: 'postgres', url: dbUrl(name) });
  try {
    const ctx = { config: loadConfig({ PSALINK_DATA_DIR: 'unused' }), database, secretBox: new SecretBox(secretKey) };
    const { account } = await createUser({ db: database.db, accountName: 'Bench MSP', email: 'bench@bench.test', password: 'bench-password-1', role: 'admin' });
    const actor = { type: 'system' as const, id: null, label: 'bench' };
    const { integration } = await addIntegration({ ctx, accountId: account.id, actor, provider: 'connectwise', baseUrl: sim.baseUrl, credentials: sim.credentials });
    return { accountId: account.id, integrationId: integration.id };
  } finally {
    await database.close();
  }
}

/**
 * The sync against the ConnectWise simulator (a separate process, over loopback) into PostgreSQL: a full initial sync
 * into an empty database, and incremental syncs after 1% of the records changed and 0.1% were deleted — each beside
 * the floor of the listings it needs, measured in the same run.
 */
export async function benchSync(options: { scales: string[]; repetitions: number }): Promise<SyncBenchResult[]> {
  const results: SyncBenchResult[] = [];
  const secretKey = randomBytes(32);
  for (const scale of options.scales) {
    const simulator = spawnTs('src/cli/main.ts', ['sim', 'connectwise', '--scale', scale]);
    const name = `psalink_bench_${scale}`;
    try {
      const sim = await firstJsonLine<{ baseUrl: string; credentials: Record<string, string>; controlUrl: string }>(simulator);
      const env = { DATABASE_URL: dbUrl(name) };
      const fullRuns: SyncRun[] = [];
      let ids = { accountId: '', integrationId: '' };
      for (let i = 0; i < options.repetitions; i++) {
        ids = await prepareDatabase(name, sim, secretKey);
        fullRuns.push(await runJsonChild<SyncRun>('bench/sync-run.ts', [ids.accountId, ids.integrationId, secretKey.toString('base64'), 'incremental'], env));
      }
      const fullFloor: ListingRun[] = [];
      for (let i = 0; i < options.repetitions; i++) fullFloor.push(await runJsonChild<ListingRun>('bench/connector-listing.ts', ['connectwise', sim.baseUrl, JSON.stringify(sim.credentials)]));

      const incrementalRuns: SyncRun[] = [];
      const incrementalFloor: ListingRun[] = [];
      for (let i = 0; i < options.repetitions; i++) {
        for (const kind of ['companies', 'configurations', 'contacts']) {
          await fetch(`${sim.controlUrl}/churn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, changeFraction: 0.01, deleteFraction: 0.001, seed: i + 1 }) });
        }
        // The floor lists exactly what the run will: changes since its start point, and every id.
        const since = await changedSince(dbUrl(name), ids.integrationId);
        incrementalFloor.push(await runJsonChild<ListingRun>('bench/connector-listing.ts', ['connectwise', sim.baseUrl, JSON.stringify(sim.credentials), since]));
        incrementalRuns.push(await runJsonChild<SyncRun>('bench/sync-run.ts', [ids.accountId, ids.integrationId, secretKey.toString('base64'), 'incremental'], env));
      }
      for (const run of [...fullRuns, ...incrementalRuns]) if (!['succeeded', 'partial'].includes(run.status)) throw new Error(`a ${scale} sync ended ${run.status}`);
      const records = fullRuns[0]!.counts.created!;
      const full = stats(fullRuns.map((r) => r.seconds));
      const fullListing = stats(fullFloor.map((r) => r.seconds));
      const incremental = stats(incrementalRuns.map((r) => r.seconds));
      const incrementalListing = stats(incrementalFloor.map((r) => r.seconds));
      results.push({
        scale,
        records,
        full: { seconds: full, recordsPerSecond: records / full.median, peakRssMb: stats(fullRuns.map((r) => r.peakRssMb)), listingFloor: fullListing, ratioToListing: full.median / fullListing.median },
        incremental: { seconds: incremental, listingFloor: incrementalListing, ratioToListing: incremental.median / incrementalListing.median, changed: changedBy(incrementalRuns[0]!.counts) },
      });
    } finally {
      simulator.kill('SIGTERM');
      await admin(`drop database if exists ${name} with (force)`).catch(() => {});
    }
  }
  printTable(
    'Sync into PostgreSQL (ConnectWise simulator over loopback; floor = the same listings without processing)',
    ['scale', 'records', 'full sync s', 'records/s', 'peak RSS MB', 'listing s', '× listing', 'incremental s', 'its listing s', '× listing'],
    results.map((r) => [
      r.scale,
      fmt(r.records),
      `${fmt(r.full.seconds.median, 2)} [${fmt(r.full.seconds.min, 2)}–${fmt(r.full.seconds.max, 2)}]`,
      fmt(r.full.recordsPerSecond),
      fmt(r.full.peakRssMb.median),
      fmt(r.full.listingFloor.median, 2),
      fmt(r.full.ratioToListing, 2),
      `${fmt(r.incremental.seconds.median, 2)} [${fmt(r.incremental.seconds.min, 2)}–${fmt(r.incremental.seconds.max, 2)}]`,
      fmt(r.incremental.listingFloor.median, 2),
      fmt(r.incremental.ratioToListing, 2),
    ]),
  );
  return results;
}

/** Where the next incremental run starts listing changes: the last successful watermark minus the default overlap. */
async function changedSince(url: string, integrationId: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ watermark: Date }>(
      `select watermark from sync_runs where integration_id = $1 and status in ('succeeded', 'partial') order by finished_at desc limit 1`,
      [integrationId],
    );
    return new Date(rows[0]!.watermark.getTime() - 10 * 60_000).toISOString();
  } finally {
    await client.end();
  }
}
