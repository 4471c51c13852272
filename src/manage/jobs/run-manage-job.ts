import type { Db } from '../../db/database.js';
import type { AppContext } from '../../http/context.js';
import type { Actor } from '../../audit/record-audit.js';
import type { RecordKind } from '../../psa/canonical.js';
import { restoreTrashBatch } from '../../trash/restore-trash-batch.js';
import { deleteOrphans } from '../delete-orphans.js';
import { disconnectScope } from '../disconnect-scope.js';
import type { DisconnectMode } from '../preview-disconnect-scope.js';
import { progressBoard, type ManageJobProgress, type ReportProgress } from './manage-job-progress.js';
import { beatManageJob, claimManageJob, completeManageJob, failManageJob, manageJobDto, type ManageJobAction } from './manage-job-store.js';

type Ctx = Pick<AppContext, 'database' | 'secretBox'>;

/** What each job action's execute call carried, stored with the job. */
export interface ManageJobParams {
  'orphans.delete': { kind: RecordKind; typeExternalId?: string | null; confirmationToken: string; reason?: string };
  'scope.disconnect': { scopeId: string; mode: DisconnectMode; confirmationToken: string; reason?: string };
  'trash.restore': { batchId: string };
}

interface Execution<A extends ManageJobAction> {
  ctx: Ctx;
  accountId: string;
  actor: Actor;
  params: ManageJobParams[A];
  /** A job passes its transaction, to record its success in it; a direct call lets the action open its own. */
  tx?: Db;
  onProgress?: ReportProgress;
}

/** The one place each job action meets its use case, whether it runs in the request or as a job. */
export const executeManageAction: { [A in ManageJobAction]: (o: Execution<A>) => Promise<unknown> } = {
  'orphans.delete': ({ params, ...o }) => deleteOrphans({ ...o, ...params }),
  'scope.disconnect': ({ params, ...o }) => disconnectScope({ ...o, ...params }),
  'trash.restore': ({ params, ...o }) => restoreTrashBatch({ ...o, ...params }),
};

/** A running job shows a sign of life this often (PostgreSQL: another process may be the one asked about it). */
const HEARTBEAT_MS = 5000;

/**
 * Runs one queued job: claims it (a second worker handed the same job does nothing), executes its action with the
 * job's `succeeded` in the action's own transaction, and on any error records `failed` with the error a person
 * reads. The action's transaction rolled back then, so a failed job changed nothing.
 */
export async function runManageJob(ctx: Ctx, jobId: string): Promise<void> {
  const db = ctx.database.db;
  const claimed = await claimManageJob(db, jobId);
  if (!claimed) return;
  let progress: ManageJobProgress = { done: 0, total: 1, step: 'Starting' };
  progressBoard.start(claimed.accountId, { ...manageJobDto(claimed), progress });
  const onProgress: ReportProgress = (next) => {
    progress = next;
    progressBoard.report(jobId, next);
  };
  // On PGlite the action's transaction holds the only connection; the in-memory board is the whole story there.
  const heartbeat =
    ctx.database.engine === 'postgres' ? setInterval(() => void beatManageJob(db, jobId, progress).catch(() => {}), HEARTBEAT_MS) : undefined;
  try {
    await db.transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      const execute = executeManageAction[claimed.action] as (o: Execution<ManageJobAction>) => Promise<unknown>;
      const result = await execute({ ctx, tx, accountId: claimed.accountId, actor: claimed.actorRef, params: claimed.params as never, onProgress });
      await completeManageJob(tx, jobId, result, { done: progress.total, total: progress.total, step: 'Done' });
    });
  } catch (error) {
    await failManageJob(db, jobId, error);
  } finally {
    clearInterval(heartbeat);
    progressBoard.end(jobId);
  }
}
