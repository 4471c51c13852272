import { inTransaction, type Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import type { RecordKind } from '../psa/canonical.js';
import { AppError } from '../shared/errors.js';
import type { ReportProgress } from './jobs/manage-job-progress.js';
import { moveToTrash, type MoveToTrashResult } from '../trash/move-to-trash.js';
import { orphanedRecordIds } from './preview-delete-orphans.js';

export interface DeleteOrphansOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  kind: RecordKind;
  typeExternalId?: string | null;
  confirmationToken: string;
  actor: Actor;
  reason?: string;
  /** Run inside this transaction (a Delete All job records its own success in it) instead of opening one. */
  tx?: Db;
  onProgress?: ReportProgress;
}

/**
 * Delete All (orphaned) as previewed: the orphans of the kind (and type) with their children and links into one trash
 * batch. The set is read again in the transaction; an orphan added, healed or edited since makes the token stale.
 */
export function deleteOrphans(o: DeleteOrphansOptions): Promise<MoveToTrashResult> {
  return inTransaction(o.ctx.database.db, o.tx, async (tx) => {
    const ids = await orphanedRecordIds(tx, o.accountId, o.kind, o.typeExternalId, true);
    if (ids.length === 0) throw new AppError('preview_stale', `There are no orphaned ${o.kind}s to delete (any more).`);
    return moveToTrash({
      ctx: o.ctx,
      tx,
      accountId: o.accountId,
      kind: o.kind,
      ids,
      confirmationToken: o.confirmationToken,
      actor: o.actor,
      reason: o.reason,
      action: 'orphans.deleted',
      refuseSyncing: false,
      onProgress: o.onProgress,
      auditDetails: { typeExternalId: o.typeExternalId ?? null, allTypes: o.typeExternalId === undefined },
    });
  });
}
