import autocannon from 'autocannon';
import { createApiKey } from '../../src/accounts/api-keys.js';
import { freePort, stopProcess, waitForHealth } from '../../e2e/support/harness.js';
import type { ManageFixture } from '../manage-fixture.js';
import { fmt, printTable, spawnTs } from '../support.js';

export interface HttpLoadRow {
  endpoint: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

const CONNECTIONS = 10;
const endpoints = ['/api/v1/manage/summary', '/api/v1/manage/records?kind=configuration'];

/**
 * Scenario 5: a real `psalink serve` process on the generated data, loaded by autocannon with an API key. Runs last:
 * on PGlite the server needs the data dir, so the bench's own connection is closed first. Any non-2xx fails the run.
 */
export async function benchHttpLoad(o: { fixture: ManageFixture; seconds: number }): Promise<HttpLoadRow[]> {
  const { key } = await createApiKey({ db: o.fixture.database.db, accountId: o.fixture.accountId, userId: o.fixture.userId, name: 'bench' });
  const env: Record<string, string> = { PSALINK_DEMO_PSA: 'off', HOST: '127.0.0.1', PORT: String(await freePort()) };
  if (o.fixture.target.engine === 'postgres') env.DATABASE_URL = o.fixture.target.url;
  else {
    await o.fixture.database.close();
    env.PSALINK_DATA_DIR = o.fixture.target.dataDir;
  }
  const child = spawnTs('src/cli/main.ts', ['serve'], env);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  const rows: HttpLoadRow[] = [];
  try {
    await waitForHealth(baseUrl, { child, log: () => output }, 120_000);
    for (const endpoint of endpoints) {
      const result = await autocannon({ url: baseUrl + endpoint, connections: CONNECTIONS, duration: o.seconds, headers: { authorization: `Bearer ${key}` } });
      const errors = result.errors + result.timeouts + result.non2xx;
      if (errors > 0 || result.requests.total === 0) throw new Error(`${endpoint}: ${errors} errors of ${result.requests.total} requests\n${output.slice(-2000)}`);
      rows.push({ endpoint, requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total, errors });
    }
  } finally {
    await stopProcess(child);
  }
  for (const r of rows) if (![r.requestsPerSecond, r.p50Ms, r.p99Ms].every(Number.isFinite)) throw new Error(`${r.endpoint}: a figure is not finite`);
  printTable(
    `HTTP under load (${o.fixture.engine}; autocannon, ${CONNECTIONS} connections, ${o.seconds} s each, API key)`,
    ['endpoint', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'errors'],
    rows.map((r) => [r.endpoint, fmt(r.requestsPerSecond), fmt(r.p50Ms), fmt(r.p99Ms), fmt(r.requests), r.errors]),
  );
  return rows;
}
