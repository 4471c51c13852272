import type { CanonicalRecord } from '../../psa/canonical.js';
import type { OrphanReason } from './link-states.js';
import { payloadHash } from './payload-hash.js';
import type { PlanContext, RecordDecision, StoredLink } from './plan-types.js';
import type { ScopeState } from './scope-states.js';
import { validateRecord } from './validate-record.js';

/** The strongest restriction wins: a record in a disconnected type is untouched even if its status is enabled. */
const precedence: ScopeState[] = ['disconnected', 'paused', 'excluded', 'enabled'];

export function effectiveScope(typeId: string | null, statusId: string | null, ctx: Pick<PlanContext, 'kindEnabled' | 'scopeState'>): ScopeState {
  if (!ctx.kindEnabled) return 'excluded';
  const states = [typeId !== null ? ctx.scopeState('type', typeId) : 'enabled', statusId !== null ? ctx.scopeState('status', statusId) : 'enabled'];
  return precedence.find((state) => states.includes(state)) ?? 'enabled';
}

/** Orphan a linked record, unless it already is for the same reason (then nothing changes: idempotent). */
export function orphan(link: StoredLink, reason: OrphanReason): RecordDecision {
  if (link.state === 'orphaned' && link.orphanReason === reason) return { action: 'skip', reason: 'already_orphaned', link };
  return { action: 'orphan', link, reason };
}

/**
 * What the sync does with one PSA record, given the stored state. Pure: the same inputs always give the same
 * decision, which is what makes runs idempotent and a killed run's successor converge to the same state.
 */
export function planRecord(record: CanonicalRecord, ctx: PlanContext): RecordDecision {
  const link = ctx.links.get(record.externalId);
  // A person turned sync off for this record: the sync leaves it alone entirely.
  if (link?.state === 'disabled') return { action: 'skip', reason: 'disabled', link };

  const scope = effectiveScope(record.type?.id ?? null, record.status?.id ?? null, ctx);
  if (scope === 'disconnected') return { action: 'skip', reason: 'disconnected', ...(link ? { link } : { externalId: record.externalId }) };
  if (scope === 'paused') return { action: 'skip', reason: 'paused', ...(link ? { link } : { externalId: record.externalId }) };
  if (scope === 'excluded') return link ? orphan(link, 'excluded_by_settings') : { action: 'skip', reason: 'not_in_scope', externalId: record.externalId };
  if (record.deleted) return link ? orphan(link, 'deleted_in_psa') : { action: 'skip', reason: 'deleted', externalId: record.externalId };
  if (!record.active) return link ? orphan(link, 'inactive_in_psa') : { action: 'skip', reason: 'inactive', externalId: record.externalId };

  const problem = validateRecord(record);
  if (problem) return link ? { action: 'fail', record, link, ...problem } : { action: 'reject', record, ...problem };

  let organizationId: string | null = null;
  if (record.kind !== 'organization') {
    const parent = ctx.parent(record.parentExternalId!);
    if (!parent?.synced) return link ? orphan(link, 'parent_not_synced') : { action: 'skip', reason: 'parent_not_synced', externalId: record.externalId };
    organizationId = parent.organizationId;
  }

  const hash = payloadHash(record);
  if (link) {
    if (link.state === 'syncing' && link.payloadHash === hash) return { action: 'unchanged', link };
    return { action: 'update', record, hash, link, organizationId, healed: link.state === 'orphaned' };
  }
  const review = ctx.review?.(record);
  if (review?.decision === 'ignore') return { action: 'skip', reason: 'ignored', externalId: record.externalId };
  if (review?.decision === 'link') return { action: 'link', record, hash, recordId: review.recordId, organizationId };
  if (review?.decision === 'create') return { action: 'create', record, hash, organizationId };
  if (review?.decision === 'wait') return { action: 'ambiguous', record, candidates: review.candidates };
  const candidates = ctx.matches(record);
  if (candidates.length === 0) return { action: 'create', record, hash, organizationId };
  if (candidates.length === 1) return { action: 'link', record, hash, recordId: candidates[0]!, organizationId };
  return { action: 'ambiguous', record, candidates };
}
