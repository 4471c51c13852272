import { sql } from 'drizzle-orm';
import { inTransaction, type Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import { AppError } from '../shared/errors.js';
import type { ReportProgress } from './jobs/manage-job-progress.js';
import { moveToTrash, sameToken } from '../trash/move-to-trash.js';
import { computeDisconnectPreview, type DisconnectMode } from './preview-disconnect-scope.js';
import { auditScope, findScope, scopeDto, scopeLinksWhere, transitionScope, type ScopeDto } from './scope-store.js';

export interface DisconnectScopeOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  scopeId: string;
  mode: DisconnectMode;
  confirmationToken: string;
  actor: Actor;
  reason?: string;
  /** Run inside this transaction (a disconnect job records its own success in it) instead of opening one. */
  tx?: Db;
  onProgress?: ReportProgress;
}

export interface DisconnectScopeResult {
  mode: DisconnectMode;
  scope: ScopeDto;
  /** Pause: records frozen; unlink: links removed; delete: records deleted (their children not counted). */
  changed: number;
  batchId: string | null;
}

/**
 * Disconnects a scope as previewed, in one transaction: pause (scope paused, links stay), unlink (links removed,
 * records stay local) or delete (records with their children and links into one trash batch); the latter two leave
 * the scope disconnected so the sync neither touches nor re-creates its records.
 */
export function disconnectScope(o: DisconnectScopeOptions): Promise<DisconnectScopeResult> {
  return inTransaction(o.ctx.database.db, o.tx, async (tx) => {
    const scope = await findScope(tx, o.accountId, o.scopeId, true);
    // Hold off a sync changing the links between the check and the change.
    await tx.execute(sql`select id from psa_links where ${scopeLinksWhere(o.accountId, scope)} for update`);
    const preview = await computeDisconnectPreview({ db: tx, secretBox: o.ctx.secretBox, accountId: o.accountId, scope, mode: o.mode });
    if (!sameToken(o.confirmationToken, preview.confirmationToken)) {
      throw new AppError('preview_stale', 'The scope or its records changed since the preview. Review the new preview and confirm again.', {
        links: preview.links,
        records: preview.records,
      });
    }
    const next = await transitionScope(tx, o.accountId, scope, o.mode === 'pause' ? 'pause' : 'disconnect');
    const details = { mode: o.mode, reason: o.reason ?? '', previousState: scope.state };
    if (o.mode === 'delete') {
      const { batchId, counts } = await moveToTrash({
        ctx: o.ctx,
        tx,
        accountId: o.accountId,
        kind: scope.kind,
        ids: preview.deletion!.ids,
        confirmationToken: preview.deletion!.confirmationToken,
        actor: o.actor,
        reason: o.reason,
        action: 'scope.deleted',
        refuseSyncing: false,
        onProgress: o.onProgress,
        auditDetails: { scope: scopeDto(next), previousState: scope.state },
      });
      return { mode: o.mode, scope: scopeDto(next), changed: counts[`${scope.kind}s`], batchId };
    }
    // Unlink: the records stay, as local records; every link of the scope goes (the lock above kept the set fixed).
    if (o.mode === 'unlink') await tx.execute(sql`delete from psa_links where ${scopeLinksWhere(o.accountId, scope)}`);
    await auditScope(tx, {
      accountId: o.accountId,
      actor: o.actor,
      action: o.mode === 'pause' ? 'scope.paused' : 'scope.unlinked',
      scope: next,
      counts: o.mode === 'pause' ? { [scope.kind]: preview.records } : { [scope.kind]: preview.records, links: preview.links },
      details,
    });
    return { mode: o.mode, scope: scopeDto(next), changed: o.mode === 'pause' ? preview.records : preview.links, batchId: null };
  });
}
