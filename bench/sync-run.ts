/**
 * Measured in its own process: one sync run of an integration on PostgreSQL (`DATABASE_URL`), as `psalink sync`
 * does it. Prints {status, counts, seconds, peakRssMb} as its last line.
 */

import { openDatabase } from '../src/db/database.js';
import { SecretBox } from '../src/shared/secret-box.js';
import { executeSyncRun } from '../src/sync/engine/run-sync.js';
import { createRun } from '../src/sync/runs/run-store.js';

const [accountId, integrationId, secretKey, full] = process.argv.slice(2) as [string, string, string, string];
const database = await openDatabase({ engine: 'postgres', url: process.env.DATABASE_URL! }, { migrate: false });
const ctx = { database, secretBox: new SecretBox(Buffer.from(secretKey, 'base64')) };
try {
  const { run } = await createRun({ db: database.db, accountId, integrationId, trigger: 'cli', full: full === 'full' });
  const started = performance.now();
  const result = await executeSyncRun({ ctx, runId: run.id });
  const seconds = (performance.now() - started) / 1000;
  if (!result.executed) throw new Error(`the run was not executed: ${result.reason}`);
  console.log(JSON.stringify({ status: result.run.status, counts: result.run.counts, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
} finally {
  await database.close();
}
