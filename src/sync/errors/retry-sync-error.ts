import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.js';
import { psaIntegrations } from '../../db/schema/index.js';
import type { AppContext } from '../../http/context.js';
import { connectorForIntegration, withPsa } from '../../integrations/integration-connector.js';
import { resolveLookupIds } from '../../integrations/resolve-lookup-ids.js';
import { parseSyncSettings } from '../../integrations/sync-settings.js';
import { AppError, notFound } from '../../shared/errors.js';
import { emptyRunCounts, addOrphans } from '../domain/run-counts.js';
import { applyOrphans, type PendingOrphan } from '../engine/apply-page.js';
import { openKindSession } from '../engine/kind-session.js';
import { loadLinks, loadScopeStates } from '../engine/load-state.js';
import { RunIssues } from '../engine/run-issues.js';
import { claimRun, createRun, finishRun, requestCancel } from '../runs/run-store.js';
import { findSyncError } from './list-sync-errors.js';

export interface RetrySyncErrorOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  errorId: string;
  userId: string;
}

export type RetryOutcome = { outcome: 'fixed' | 'still_failing' | 'gone'; message: string };

/**
 * Retry from the error inbox: reads that one PSA record now and applies it exactly as a run would (it is a run, with
 * trigger `retry`, so it shows in the history and never overlaps another run of the integration).
 */
export async function retrySyncError(o: RetrySyncErrorOptions): Promise<RetryOutcome> {
  const db = o.ctx.database.db;
  const item = await findSyncError(db, o.accountId, o.errorId);
  if (!item) throw notFound('The sync error');
  const [integration] = await db.select().from(psaIntegrations).where(eq(psaIntegrations.id, item.integrationId)).limit(1);
  if (!integration) throw notFound('The integration');
  if (integration.status === 'paused') throw new AppError('conflict', 'The integration is paused. Resume it to retry.');

  const busy = () => new AppError('conflict', 'A sync of this integration is running or waiting; it retries this record itself.');
  const { run, created } = await createRun({ db, accountId: o.accountId, integrationId: integration.id, trigger: 'retry', full: false, userId: o.userId });
  if (!created) throw busy(); // the waiting run is somebody else's
  if (!(await claimRun(db, run.id)).claimed) {
    await requestCancel(db, o.accountId, run.id);
    throw busy();
  }
  const counts = emptyRunCounts();
  const issues = new RunIssues();
  const finish = (status: 'succeeded' | 'partial' | 'failed', error?: { code: string; message: string }) =>
    finishRun(db, run.id, { status, counts, progress: {}, issues: issues.items, watermark: null, errorCode: error?.code, errorMessage: error?.message });
  try {
    const connector = connectorForIntegration(o.ctx.secretBox, integration);
    const record = await withPsa((signal) => connector.getRecord(item.kind, item.externalId, signal));
    const orphans: PendingOrphan[] = [];
    const settings = parseSyncSettings(integration.settings);
    if (record) {
      const session = await openKindSession({
        db, accountId: o.accountId, integrationId: integration.id, kind: item.kind, settings, counts, issues,
        lookups: await resolveLookupIds({ db, accountId: o.accountId, integrationId: integration.id }),
        scopes: await loadScopeStates(db, integration.id),
        orphanLater: (linkId, _externalId, reason) => orphans.push({ linkId, reason }),
        onPage: async () => {},
        sawUpdatedAt: () => {},
      });
      await session.process([record]);
      // Out of scope, inactive or deleted now: nothing is left to fix for this PSA record.
      if (session.settled.has(item.externalId)) {
        await db.execute(sql`delete from psa_record_errors where integration_id = ${integration.id} and kind = ${item.kind} and external_id = ${item.externalId}`);
      }
    } else {
      const link = (await loadLinks(db, integration.id, item.kind, [item.externalId])).get(item.externalId);
      if (link) orphans.push({ linkId: link.linkId, reason: 'deleted_in_psa' });
      await db.execute(sql`delete from psa_record_errors where integration_id = ${integration.id} and kind = ${item.kind} and external_id = ${item.externalId}`);
    }
    addOrphans(counts, (await applyOrphans(db, o.accountId, orphans)).map((a) => a.reason));
    const outcome = await outcomeOf(o.ctx, integration.id, item.kind, item.externalId, record === null);
    await finish(outcome.outcome === 'still_failing' ? 'partial' : 'succeeded');
    return outcome;
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'The retry stopped on an unexpected error.';
    await finish('failed', { code: error instanceof AppError ? error.code : 'internal_error', message });
    throw error;
  }
}

async function outcomeOf(ctx: RetrySyncErrorOptions['ctx'], integrationId: string, kind: string, externalId: string, gone: boolean): Promise<RetryOutcome> {
  if (gone) return { outcome: 'gone', message: 'The PSA no longer has this record; its psalink record (if any) is now orphaned as deleted in the PSA.' };
  const [row] = await queryRows<{ state: string | null; message: string | null }>(ctx.database.db, sql`
    select l.state::text as state, coalesce(l.last_error_message, e.message) as message
    from (select 1) one
      left join psa_links l on l.integration_id = ${integrationId} and l.kind = ${kind}::record_kind and l.external_id = ${externalId}
      left join psa_record_errors e on e.integration_id = ${integrationId} and e.kind = ${kind}::record_kind and e.external_id = ${externalId}`);
  if (row?.state === 'error' || (!row?.state && row?.message)) return { outcome: 'still_failing', message: row.message ?? 'The PSA data still cannot be applied.' };
  if (row?.state === 'syncing') return { outcome: 'fixed', message: 'The record is in sync again.' };
  return { outcome: 'fixed', message: row?.state ? `The record is now ${row.state}.` : 'The PSA record is no longer in scope; nothing to apply.' };
}
