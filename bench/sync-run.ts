/**
 * Measured in its own process: one sync run of an integration, as `psalink sync` does it, on the database the parent
 * prepared (see bench-database.ts). Prints {status, counts, seconds, cpuSeconds, peakRssMb} as its last line.
 */

import { SecretBox } from '../src/shared/secret-box.js';
import { executeSyncRun } from '../src/sync/engine/run-sync.js';
import { createRun } from '../src/sync/runs/run-store.js';
import { openBenchDatabase } from './bench-database.js';

const [accountId, integrationId, secretKey, full] = process.argv.slice(2) as [string, string, string, string];
const database = await openBenchDatabase();
const ctx = { database, secretBox: new SecretBox(Buffer.from(secretKey, 'base64')) };
try {
  const { run } = await createRun({ db: database.db, accountId, integrationId, trigger: 'cli', full: full === 'full' });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await executeSyncRun({ ctx, runId: run.id });
  const seconds = (performance.now() - started) / 1000;
  // This process's own CPU time: the rest of the wall time it waited on PostgreSQL and the PSA.
  const { user, system } = process.cpuUsage(cpu);
  if (!result.executed) throw new Error(`the run was not executed: ${result.reason}`);
  console.log(JSON.stringify({ status: result.run.status, counts: result.run.counts, seconds, cpuSeconds: (user + system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
} finally {
  await database.close();
}
