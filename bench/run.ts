/**
 * `npm run bench [-- --scale small|medium|large] [-- --only start|connectors|sync]`: prints tables and writes bench-results.json.
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
import { root } from './support.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'large' },
    repetitions: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
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
  results.sync = await benchSync({ scales, repetitions });
}
fs.writeFileSync(path.join(root, 'bench-results.json'), JSON.stringify(results, null, 2));
console.log('\nWrote bench-results.json');
