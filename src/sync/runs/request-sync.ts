import type { Actor } from '../../integrations/integration-store.js';
import { auditIntegration, findIntegration } from '../../integrations/integration-store.js';
import type { AppContext } from '../../http/context.js';
import { AppError } from '../../shared/errors.js';
import { createRun, markLostRuns, type RunTrigger, type SyncRunRow } from './run-store.js';

export interface RequestSyncOptions {
  ctx: Pick<AppContext, 'database' | 'sync'>;
  accountId: string;
  integrationId: string;
  trigger: RunTrigger;
  full: boolean;
  actor?: Actor;
  userId?: string | null;
}

/** A worker that has not beaten its heart for this long is presumed dead (it beats every 5 s). */
export const LOST_AFTER_SECONDS = 60;

/**
 * Sync now (and the schedule): queues a run and hands it to a worker. One run waits at a time per integration:
 * asking again returns the waiting run (`created: false`) instead of queueing a duplicate.
 */
export async function requestSync(o: RequestSyncOptions): Promise<{ run: SyncRunRow; created: boolean }> {
  const db = o.ctx.database.db;
  const integration = await findIntegration(db, o.accountId, o.integrationId);
  if (integration.status === 'paused') throw new AppError('conflict', 'The integration is paused. Resume it to sync.', { reason: 'integration_paused' });
  await markLostRuns(db, LOST_AFTER_SECONDS, integration.id);
  const result = await createRun({ db, accountId: o.accountId, integrationId: integration.id, trigger: o.trigger, full: o.full, userId: o.userId });
  if (result.created) {
    if (o.actor) await auditIntegration(db, { accountId: o.accountId, actor: o.actor, action: 'sync.requested', integrationId: integration.id, details: { runId: result.run.id, full: o.full } });
    await o.ctx.sync?.dispatch(result.run);
  }
  return result;
}
