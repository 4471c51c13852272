import type { ReconcileEntry } from '../../psa/canonical.js';
import { effectiveScope, orphan } from './plan-record.js';
import type { PlanContext, RecordDecision, StoredLink } from './plan-types.js';

/** A link as reconciliation compares it: what the PSA said at the last sync. */
export interface ReconciledLink extends StoredLink {
  psaTypeId: string | null;
  psaStatusId: string | null;
  psaParentId: string | null;
}

export type ReconcileDecision =
  | { action: 'none' }
  /** Read the whole record from the PSA and plan it like a listed one (create, link, heal, or apply a silent change). */
  | { action: 'refetch' }
  | Extract<RecordDecision, { action: 'orphan' }>;

/**
 * What an incremental run does with a record the PSA did not list as changed, from the cheap reconciliation entry
 * (ids, type, status, parent, flags) and the stored link. Only what the entry proves is acted on directly (an orphan);
 * anything that needs the record's fields is refetched, so that this path and the full listing decide alike.
 */
export function planReconcileEntry(entry: ReconcileEntry, link: ReconciledLink | undefined, ctx: PlanContext): ReconcileDecision {
  if (link?.state === 'disabled') return { action: 'none' };
  const scope = effectiveScope(entry.typeId, entry.statusId, ctx);
  if (scope === 'paused' || scope === 'disconnected') return { action: 'none' };
  const orphanAs = (reason: Parameters<typeof orphan>[1]): ReconcileDecision => {
    if (!link) return { action: 'none' };
    const decision = orphan(link, reason);
    return decision.action === 'orphan' ? decision : { action: 'none' };
  };
  if (scope === 'excluded') return orphanAs('excluded_by_settings');
  if (entry.deleted) return orphanAs('deleted_in_psa');
  if (!entry.active) return orphanAs('inactive_in_psa');
  if (ctx.kind !== 'organization') {
    const parent = entry.parentExternalId ? ctx.parent(entry.parentExternalId) : undefined;
    if (!parent?.synced) return orphanAs('parent_not_synced');
  }
  if (!link) return { action: 'refetch' };
  // Not in step (error, orphaned), or reconnected after "Disable Sync" (hash cleared): read it again.
  if (link.state !== 'syncing' || link.payloadHash === null) return { action: 'refetch' };
  const moved = link.psaTypeId !== entry.typeId || link.psaStatusId !== entry.statusId || link.psaParentId !== entry.parentExternalId;
  return moved ? { action: 'refetch' } : { action: 'none' };
}
