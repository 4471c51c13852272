import type { Db } from '../../db/database.js';
import type { LookupIds } from '../../integrations/resolve-lookup-ids.js';
import type { SyncSettings } from '../../integrations/sync-settings.js';
import type { CanonicalRecord, RecordKind } from '../../psa/canonical.js';
import type { LinkState, OrphanReason } from '../domain/link-states.js';
import type { MatchIndex } from '../domain/matching.js';
import { planPage } from '../domain/plan-page.js';
import type { ParentOrganization, PlanContext, ReviewDecision } from '../domain/plan-types.js';
import { addPageCounts, type RunCounts } from '../domain/run-counts.js';
import type { ScopeState } from '../domain/scope-states.js';
import { applyPage, ScopesChanged, type PendingOrphan } from './apply-page.js';
import { loadLinks, loadMatchIndex, loadParents, loadReviewDecisions, scopeKey } from './load-state.js';
import type { RunIssues } from './run-issues.js';

/** An orphan the run will apply at the end of the kind, unless the safety brake holds it. */
export interface KindOrphan extends PendingOrphan {
  externalId: string;
  was: LinkState;
}

export interface KindSessionOptions {
  db: Db;
  accountId: string;
  integrationId: string;
  kind: RecordKind;
  lookups: LookupIds;
  scopes: ReadonlyMap<string, ScopeState>;
  settings: SyncSettings;
  counts: RunCounts;
  issues: RunIssues;
  orphanLater(linkId: string, externalId: string, reason: OrphanReason, was: LinkState): void;
  /** An orphan decision superseded by a later look at the same record. */
  forgetOrphan?(linkId: string): void;
  onPage(records: CanonicalRecord[]): Promise<void>;
  /** The newest PSA change time seen, for the run's watermark. */
  sawUpdatedAt(iso: string): void;
}

/**
 * Everything the planner needs for one kind, loaded once (match index, review decisions, parent organizations),
 * and `process`: plan a page of PSA records against the stored links and apply it. A run processes every page of
 * a kind through one session; Retry in the error inbox processes a single record through its own.
 */
export async function openKindSession(o: KindSessionOptions) {
  const { db, kind } = o;
  const [matchIndex, reviews, parents] = await Promise.all([
    loadMatchIndex(db, o.accountId, kind),
    loadReviewDecisions(db, o.integrationId, kind),
    kind === 'organization' ? Promise.resolve(new Map<string, ParentOrganization>()) : loadParents(db, o.integrationId),
  ]);
  // The scope states pages are planned with; refreshed when an admin changes a scope while the run goes on.
  let scopes: ReadonlyMap<string, ScopeState> = o.scopes;
  // A record an admin chose for one PSA record is not offered to any other by automatic matching.
  const reserved = new Set([...reviews.values()].flatMap((r) => (r.decision === 'link' ? [r.recordId] : [])));
  const baseContext: Omit<PlanContext, 'links'> = {
    kind,
    kindEnabled: kind !== 'contact' || o.settings.contactsEnabled,
    scopeState: (dimension, externalId) => scopes.get(scopeKey(kind, dimension, externalId)) ?? 'excluded',
    parent: (externalCompanyId) => parents.get(externalCompanyId),
    matches: (record) => matchIndex.match(record, organizationOf(record, parents)).candidates.filter((id) => !reserved.has(id)),
    review: (record) => reviewFor(record, reviews, matchIndex),
  };

  const planned = new Set<string>();
  /** PSA records this kind planned as gone from the sync (inactive, deleted, out of scope): nothing to fix or review. */
  const settled = new Set<string>();
  /** Plans the page and applies it; planned again when a scope changed state meanwhile (the apply says so). */
  const planAndApply = async (records: CanonicalRecord[]) => {
    for (let attempt = 1; ; attempt++) {
      const links = await loadLinks(db, o.integrationId, kind, records.map((r) => r.externalId));
      const plan = planPage(records, { ...baseContext, links });
      try {
        const applied = await applyPage({ db, accountId: o.accountId, integrationId: o.integrationId, kind, plan, lookups: o.lookups, scopes, candidateName: (id) => matchIndex.get(id)?.name });
        return { plan, links, applied };
      } catch (error) {
        if (!(error instanceof ScopesChanged) || attempt >= 5) throw error;
        scopes = new Map([...[...scopes].filter(([key]) => !key.startsWith(`${kind}:`)), ...error.current]);
      }
    }
  };

  const process = async (records: CanonicalRecord[]) => {
    const { plan, links, applied } = await planAndApply(records);
    if (plan.orphans.length > 0) {
      const externalIdOf = new Map([...links].map(([externalId, link]) => [link.linkId, externalId]));
      for (const orphan of plan.orphans) o.orphanLater(orphan.link.linkId, externalIdOf.get(orphan.link.linkId) ?? '', orphan.reason, orphan.link.state);
    }
    for (const d of [...plan.updates, ...plan.unchanged, ...plan.fails]) o.forgetOrphan?.(d.link.linkId);
    plan.orphans = [];
    for (const recordId of applied.linkedRecordIds) matchIndex.remove(recordId);
    addPageCounts(o.counts, applied);
    o.issues.addPlan(kind, plan);
    for (const skip of plan.skips) if (skip.externalId && skip.reason in settlingSkips) settled.add(skip.externalId);
    for (const r of records) {
      planned.add(r.externalId);
      if (r.updatedAt) o.sawUpdatedAt(r.updatedAt);
    }
    await o.onPage(records);
  };
  return { planned, settled, process, baseContext, reviews };
}

/** Skips that mean the PSA record left the sync for good (a paused or disconnected scope does not). */
const settlingSkips = { inactive: true, deleted: true, not_in_scope: true, parent_not_synced: true } as const;

const organizationOf = (record: CanonicalRecord, parents: ReadonlyMap<string, ParentOrganization>) =>
  record.parentExternalId ? (parents.get(record.parentExternalId)?.organizationId ?? null) : null;

/** An admin's "link to this record" only holds while that record is still free; otherwise the admin decides again. */
function reviewFor(record: CanonicalRecord, reviews: ReadonlyMap<string, ReviewDecision>, index: MatchIndex): ReviewDecision | undefined {
  const review = reviews.get(record.externalId);
  if (review?.decision === 'link' && !index.get(review.recordId)) return { decision: 'wait', candidates: [] };
  return review;
}
