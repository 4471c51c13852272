/**
 * `npm run bench [-- --scale small|medium|large] [-- --only start|connectors|sync|manage|bulk|http] [-- --db postgres|pglite]`: prints tables and writes bench-results.json.
 * Every comparison is measured in the same run; each figure is a median of several repetitions with min and max.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PsaProvider } from '../src/psa/canonical.js';
import { benchColdStart } from './scenarios/cold-start.js';
import { benchConnectorListing } from './scenarios/connector-listing.js';
import { benchSync } from './scenarios/sync.js';
import { benchManagePgliteRatio, benchManageSuite, manageSuiteParts } from './manage-suite.js';
import { root } from './support.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'large' },
    repetitions: { type: 'string', default: '3' },
    only: { type: 'string' },
    db: { type: 'string', default: 'postgres' },
  },
});
/** --db names one engine: then no PGlite-beside-PostgreSQL comparison (scenario 6) runs. */
const dbGiven = process.argv.some((a) => a === '--db' || a.startsWith('--db='));
const scaleOrder = ['small', 'medium', 'large'];
if (!scaleOrder.includes(values.scale)) throw new Error('--scale must be small, medium or large');
// Memory is compared across scales up to the chosen one, so that growth with the data shows.
const scales = scaleOrder.slice(0, scaleOrder.indexOf(values.scale) + 1);
const repetitions = Number(values.repetitions);
const providers: PsaProvider[] = ['connectwise', 'autotask', 'halo'];

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
console.log(`psalink benchmarks — scale ${values.scale}, ${repetitions} repetitions, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}`);

const results: Record<string, unknown> = { scale: values.scale, repetitions, machine, startedAt: new Date().toISOString() };
if (!values.only || values.only === 'start') {
  results.coldStart = await benchColdStart({ repetitions });
}
if (!values.only || values.only === 'connectors') {
  results.connectorListing = await benchConnectorListing({ providers, scales, repetitions });
}
if (!values.only || values.only === 'sync') {
  if (values.db !== 'postgres' && values.db !== 'pglite') throw new Error('--db must be postgres or pglite');
  // Scenario 6 for the sync: unless --db names one engine, PGlite syncs beside PostgreSQL at medium (or the chosen scale).
  const compareAt = dbGiven ? undefined : scales[Math.min(1, scales.length - 1)];
  results.sync = await benchSync({ scales, repetitions, engine: values.db, compareAt });
}
// Scenarios 3–5 (Manage Data reads, bulk actions, HTTP load) share one generated database at the chosen scale.
if (!values.only || manageSuiteParts.includes(values.only)) {
  results.manageData = await benchManageSuite({ scale: values.scale, engine: values.db, repetitions, only: values.only });
}
// Scenario 6 for the reads and bulk actions: unless --db names one engine, PGlite beside PostgreSQL at medium (or smaller).
if (!dbGiven && (!values.only || values.only === 'manage' || values.only === 'bulk')) {
  results.manageDataPgliteVsPostgres = await benchManagePgliteRatio({ scale: scales[Math.min(1, scales.length - 1)]!, repetitions });
}
fs.writeFileSync(path.join(root, 'bench-results.json'), JSON.stringify(results, null, 2));
console.log('\nWrote bench-results.json');
