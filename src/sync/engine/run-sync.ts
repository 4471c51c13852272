import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { recordAudit, syncActor } from '../../audit/record-audit.js';
import { psaIntegrations } from '../../db/schema/index.js';
import type { AppContext } from '../../http/context.js';
import { connectorForIntegration, describePsaFailure } from '../../integrations/integration-connector.js';
import { refreshScopes } from '../../integrations/refresh-scopes.js';
import { resolveLookupIds } from '../../integrations/resolve-lookup-ids.js';
import { parseSyncSettings } from '../../integrations/sync-settings.js';
import type { PsaConnector, RecordKind } from '../../psa/canonical.js';
import type { PsaHttpOptions } from '../../psa/http/psa-http-client.js';
import { isPsaError } from '../../psa/psa-error.js';
import { AppError } from '../../shared/errors.js';
import { addOrphans, emptyRunCounts, type RunProgress } from '../domain/run-counts.js';
import { brakeTrips } from '../domain/safety-brake.js';
import { claimRun, finishRun, heartbeat, lastWatermark, previousListed, type ClaimResult, type SyncRunRow } from '../runs/run-store.js';
import { applyOrphans } from './apply-page.js';
import { countSyncedLinks, loadScopeStates } from './load-state.js';
import { recordTables } from './record-columns.js';
import { RunIssues } from './run-issues.js';
import { syncKind, type KindOrphan } from './sync-kind.js';

/** Organizations first: configurations and contacts resolve their organization through the PSA company id. */
export const kindOrder: readonly RecordKind[] = ['organization', 'contact', 'configuration'];

/** Rows written by one kind above which the run refreshes the tables' planner statistics. */
const BULK_LOAD_ROWS = 1_000;

/** The sync is not in a hurry, a person is not waiting: patient retries, longer timeouts (the client's defaults). */
const syncHttp: PsaHttpOptions = {};

export interface ExecuteSyncRunOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  runId: string;
  /** Aborts when the process stops; the run ends `cancelled` and the next one converges. */
  signal?: AbortSignal;
  /** Tests and benchmarks may bring their own connector or HTTP options. */
  connector?: PsaConnector;
  http?: PsaHttpOptions;
  heartbeatMs?: number;
  /** Called with the stored progress after every page (the CLI's progress bar). */
  onProgress?(progress: RunProgress): void;
}

export type ExecuteResult = { executed: true; run: SyncRunRow } | { executed: false; reason: Extract<ClaimResult, { claimed: false }>['reason'] };

/** The held orphans of a run, for the admin to confirm or discard. */
export interface HeldPlan {
  orphans: Partial<Record<RecordKind, { linkId: string; reason: string }[]>>;
  threshold: { maxShare: number; minCount: number };
}

/**
 * Executes a queued run: lookups and scopes, then each kind in order. Every page is applied as it comes (one
 * transaction each), so a killed run leaves consistent data and the next run converges; orphans wait for the end of
 * their kind and the safety brake.
 */
export async function executeSyncRun(o: ExecuteSyncRunOptions): Promise<ExecuteResult> {
  const db = o.ctx.database.db;
  const claim = await claimRun(db, o.runId);
  if (!claim.claimed) return { executed: false, reason: claim.reason };
  const run = claim.run;
  const counts = emptyRunCounts();
  const issues = new RunIssues();
  const previous = await previousListed(db, run.integrationId);
  const progress = Object.fromEntries(
    kindOrder.map((k) => [k, { phase: 'waiting', listed: 0, processed: 0, estimatedTotal: previous[k] || null }]),
  ) as RunProgress;
  const cancel = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, cancel.signal]) : cancel.signal;
  let lastBeat = 0;
  const beat = async (force = false) => {
    if (!force && Date.now() - lastBeat < 500) return;
    lastBeat = Date.now();
    const { cancelRequested } = await heartbeat(db, run.id, progress, counts);
    o.onProgress?.(progress);
    if (cancelRequested) cancel.abort(new AppError('conflict', 'The run was cancelled.'));
    signal.throwIfAborted();
  };
  // Between pages a PSA may keep the run waiting (rate limits): the heartbeat must go on regardless.
  const timer = setInterval(() => void beat(true).catch(() => {}), o.heartbeatMs ?? 5_000);
  const held: HeldPlan['orphans'] = {};
  let watermark = await lastWatermark(db, run.integrationId);
  try {
    const [integration] = await db.select().from(psaIntegrations).where(eq(psaIntegrations.id, run.integrationId)).limit(1);
    if (!integration) throw new AppError('not_found', 'The integration was removed.');
    if (integration.status === 'paused') {
      return await done(await finishRun(db, run.id, { status: 'cancelled', counts, progress, issues: [], watermark, errorCode: 'integration_paused', errorMessage: 'The integration is paused; resume it to sync.' }));
    }
    const settings = parseSyncSettings(integration.settings);
    const connector = o.connector ?? connectorForIntegration(o.ctx.secretBox, integration, o.http ?? syncHttp);
    await refreshScopes({ ctx: o.ctx, accountId: run.accountId, integrationId: run.integrationId, connector, deadlineMs: 120_000 });
    const [lookups, scopes] = await Promise.all([
      resolveLookupIds({ db, accountId: run.accountId, integrationId: run.integrationId }),
      loadScopeStates(db, run.integrationId),
    ]);
    const changedSince = run.full || !watermark ? undefined : new Date(watermark.getTime() - settings.overlapMinutes * 60_000);
    let newest = watermark;

    for (const kind of kindOrder) {
      const synced = await countSyncedLinks(db, run.integrationId, kind);
      const createdBefore = counts.created + counts.linked;
      const orphans = await syncKind({
        db, accountId: run.accountId, integrationId: run.integrationId, kind, connector, lookups, scopes, settings, changedSince, signal,
        counts, progress: progress[kind], issues, onPage: () => beat(),
        sawUpdatedAt: (iso) => {
          const at = new Date(iso);
          if (!Number.isNaN(at.getTime()) && (!newest || at > newest)) newest = at;
        },
      });
      await settleOrphans(kind, orphans, synced);
      // A first sync loads tables from empty: without fresh statistics the next kind's lookups plan full scans.
      if (counts.created + counts.linked - createdBefore > BULK_LOAD_ROWS) await db.execute(sql.raw(`analyze psa_links, ${recordTables[kind].table}`));
      await beat(true);
    }
    watermark = newest;
    const status = Object.keys(held).length > 0 ? 'held' : counts.errors > 0 ? 'partial' : 'succeeded';
    const heldPlan: HeldPlan | null = status === 'held' ? { orphans: held, threshold: settings.brake } : null;
    return await done(await finishRun(db, run.id, { status, counts, progress, issues: issues.items, watermark, heldPlan }));

    async function settleOrphans(kind: RecordKind, orphans: KindOrphan[], synced: number) {
      const newlyOrphaned = orphans.filter((x) => x.was !== 'orphaned').length;
      if (brakeTrips(newlyOrphaned, synced, settings.brake)) {
        held[kind] = orphans.map(({ linkId, reason }) => ({ linkId, reason }));
        return;
      }
      const applied = await applyOrphans(db, run.accountId, orphans);
      addOrphans(counts, applied.map((a) => a.reason));
      const externalIds = new Map(orphans.map((x) => [x.linkId, x.externalId]));
      for (const a of applied) issues.addOrphan(kind, externalIds.get(a.linkId) ?? '', a.reason);
    }
  } catch (error) {
    const cancelled = cancel.signal.aborted || o.signal?.aborted;
    const failure = cancelled ? { errorCode: 'cancelled', errorMessage: 'The run was cancelled between pages; what it had applied stays, and the next run picks up from the last successful one.', known: true } : describeFailure(error);
    const finished = await finishRun(db, run.id, { status: cancelled ? 'cancelled' : 'failed', counts, progress, issues: issues.items, watermark: null, errorCode: failure.errorCode, errorMessage: failure.errorMessage });
    if (!cancelled && !failure.known) throw Object.assign(error as object, { syncRun: finished });
    return await done(finished);
  } finally {
    clearInterval(timer);
  }

  async function done(finished: SyncRunRow | undefined): Promise<ExecuteResult> {
    if (!finished) throw new AppError('conflict', 'The run was finished by someone else (its worker was presumed lost).');
    await auditRun(db, finished);
    return { executed: true, run: finished };
  }
}

/** The audit log shows every run the sync finished, with its result and counts (actor: the sync). */
async function auditRun(db: Db, run: SyncRunRow) {
  await recordAudit(db, {
    accountId: run.accountId,
    actor: syncActor,
    action: `sync.${run.status}`,
    targetType: 'sync_run',
    targetId: run.id,
    counts: run.counts as object,
    details: { integrationId: run.integrationId, trigger: run.trigger, full: run.full, errorCode: run.errorCode },
  });
}

/** Why a run failed, in words an admin can act on; an unexpected error stays generic (details go to the log). */
function describeFailure(error: unknown): { errorCode: string; errorMessage: string; known: boolean } {
  if (isPsaError(error)) return { errorCode: `psa_${error.errorClass}`, errorMessage: describePsaFailure(error).message, known: true };
  if (error instanceof AppError) {
    const errorClass = (error.details as { errorClass?: string } | undefined)?.errorClass;
    return { errorCode: errorClass ? `psa_${errorClass}` : error.code, errorMessage: error.message, known: true };
  }
  if (error instanceof Error && error.name === 'TimeoutError') return { errorCode: 'psa_transient', errorMessage: describePsaFailure(error).message, known: true };
  if (isConnectionLost(error)) {
    return {
      errorCode: 'database_unavailable',
      errorMessage: 'The sync lost its connection to the database (was PostgreSQL restarted?). What it had applied stays; the next run picks up from the last successful one.',
      known: true,
    };
  }
  return { errorCode: 'internal_error', errorMessage: 'The sync stopped on an unexpected error; nothing was orphaned. The details are in the server log.', known: false };
}

/**
 * The database went away under the run (a PostgreSQL restart or failover ends every connection): not a bug, and the
 * pages applied so far are whole, so the run fails with words an admin can act on. SQLSTATE class 08 is a connection
 * failure, 57P01–57P03 an administrator's or crash shutdown; node-postgres reports a closed socket without a code.
 */
function isConnectionLost(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && (/^08/.test(e.code) || /^57P0[123]$/.test(e.code) || e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET')) return true;
    if (typeof e.message === 'string' && /^Connection terminated|not queryable/.test(e.message)) return true;
  }
  return false;
}
