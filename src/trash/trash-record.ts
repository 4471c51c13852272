import type { Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import type { RecordKind } from '../psa/canonical.js';
import { collectDeletion } from './collect-deletion.js';
import { moveToTrash, type MoveToTrashResult } from './move-to-trash.js';
import { normalizeIds, summarizeDeletion } from './preview-deletion.js';

export interface TrashRecordOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  kind: RecordKind;
  id: string;
  actor: Actor;
}

/**
 * The plain REST delete of one record: no separate preview (the request is the confirmation), but the same trash
 * batch, children and links included, and the same refusal while the record is syncing or in sync error.
 */
export async function trashRecord(o: TrashRecordOptions): Promise<MoveToTrashResult> {
  return o.ctx.database.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const ids = normalizeIds([o.id]);
    const deletion = await collectDeletion({ db: tx, accountId: o.accountId, kind: o.kind, ids });
    const { confirmationToken } = summarizeDeletion({ secretBox: o.ctx.secretBox, accountId: o.accountId, kind: o.kind, ids, deletion });
    return moveToTrash({ ctx: o.ctx, tx, accountId: o.accountId, kind: o.kind, ids, confirmationToken, actor: o.actor, refuseSyncing: true });
  });
}
