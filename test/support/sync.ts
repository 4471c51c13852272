import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.js';
import { executeSyncRun, type ExecuteSyncRunOptions } from '../../src/sync/engine/run-sync.js';
import { createRun, type SyncRunRow } from '../../src/sync/runs/run-store.js';
import type { RunCounts } from '../../src/sync/domain/run-counts.js';
import type { TestApp } from './test-app.js';

/** The PSA HTTP client's patience is for production; tests want a dead simulator to fail in a second or two. */
export const testHttp = { timeoutMs: 5_000, maxRetries: 2, baseDelayMs: 20, maxDelayMs: 200 };

/**
 * Queues and executes one run in this process, as `psalink sync` does; returns the finished run. `signal` stands for
 * the process stopping (a kill); `onProgress` sees the stored progress at every heartbeat (after a page, at most every
 * 500 ms, and every `heartbeatMs` while the PSA keeps the run waiting).
 */
export async function runSync(
  t: TestApp,
  accountId: string,
  integrationId: string,
  options: { full?: boolean } & Pick<ExecuteSyncRunOptions, 'signal' | 'onProgress' | 'heartbeatMs'> = {},
): Promise<SyncRunRow & { counts: RunCounts }> {
  const { run } = await createRun({ db: t.database.db, accountId, integrationId, trigger: 'cli', full: options.full ?? false });
  const result = await executeSyncRun({ ctx: t.ctx, runId: run.id, http: testHttp, heartbeatMs: options.heartbeatMs ?? 1_000, signal: options.signal, onProgress: options.onProgress });
  if (!result.executed) throw new Error(`the run was not executed: ${result.reason}`);
  return result.run as SyncRunRow & { counts: RunCounts };
}

export interface LinkRow {
  kind: string;
  external_id: string;
  record_id: string;
  state: string;
  orphan_reason: string | null;
}

export const linksOf = (t: TestApp, integrationId: string) =>
  queryRows<LinkRow>(t.database.db, sql`select kind, external_id, record_id, state, orphan_reason from psa_links where integration_id = ${integrationId} order by kind, external_id`);

export const linkOf = async (t: TestApp, integrationId: string, kind: string, externalId: string | number) =>
  (await queryRows<LinkRow>(t.database.db, sql`select kind, external_id, record_id, state, orphan_reason from psa_links where integration_id = ${integrationId} and kind = ${kind} and external_id = ${String(externalId)}`))[0];

export const countRows = async (t: TestApp, table: 'organizations' | 'configurations' | 'contacts', accountId: string) =>
  (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.identifier(table)} where account_id = ${accountId}`))[0]!.n;
