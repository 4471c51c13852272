import pLimit from 'p-limit';
import type { Db } from '../../db/database.js';
import type { LookupIds } from '../../integrations/resolve-lookup-ids.js';
import type { SyncSettings } from '../../integrations/sync-settings.js';
import type { CanonicalRecord, PsaConnector, RecordKind } from '../../psa/canonical.js';
import type { LinkState, OrphanReason } from '../domain/link-states.js';
import type { MatchIndex } from '../domain/matching.js';
import { planPage } from '../domain/plan-page.js';
import { planReconcileEntry } from '../domain/plan-reconcile.js';
import type { ParentOrganization, PlanContext, ReviewDecision } from '../domain/plan-types.js';
import { addPageCounts, type KindProgress, type RunCounts } from '../domain/run-counts.js';
import type { ScopeState } from '../domain/scope-states.js';
import { applyPage, type PendingOrphan } from './apply-page.js';
import { loadLinks, loadMatchIndex, loadParents, loadRetryIds, loadReviewDecisions, scopeKey, streamLiveLinks } from './load-state.js';
import type { RunIssues } from './run-issues.js';

export interface SyncKindOptions {
  db: Db;
  accountId: string;
  integrationId: string;
  kind: RecordKind;
  connector: PsaConnector;
  lookups: LookupIds;
  scopes: ReadonlyMap<string, ScopeState>;
  settings: SyncSettings;
  /** Incremental runs list what changed since then and reconcile the rest; undefined = full listing. */
  changedSince: Date | undefined;
  signal: AbortSignal;
  counts: RunCounts;
  progress: KindProgress;
  issues: RunIssues;
  /** Called after every page: stores progress and notices a cancel. */
  onPage(): Promise<void>;
  /** The newest PSA change time seen, for the run's watermark. */
  sawUpdatedAt(iso: string): void;
}

/** An orphan the run will apply at the end of the kind, unless the safety brake holds it. */
export interface KindOrphan extends PendingOrphan {
  externalId: string;
  was: LinkState;
}

const REFETCH_BATCH = 50;
/** PSAs limit concurrent calls (Autotask: 3 threads); single-record refetches stay well inside that. */
const REFETCH_CONCURRENCY = 3;

/**
 * Syncs one kind: plans and applies every PSA page, then (incremental runs) reconciles the cheap id listing and
 * refetches what it cannot decide from ids alone, then finds links whose PSA record is gone. Orphans are returned,
 * not applied: the caller weighs them against the safety brake.
 */
export async function syncKind(o: SyncKindOptions): Promise<KindOrphan[]> {
  const { db, kind } = o;
  const kindEnabled = kind !== 'contact' || o.settings.contactsEnabled;
  const pending = new Map<string, KindOrphan>();
  const orphanLater = (linkId: string, externalId: string, reason: OrphanReason, was: LinkState) => pending.set(linkId, { linkId, externalId, reason, was });

  if (!kindEnabled) {
    // Contacts switched off: nothing is listed, and every contact still in sync leaves it.
    o.progress.phase = 'skipped';
    for await (const links of streamLiveLinks(db, o.integrationId, kind)) {
      for (const l of links) if (l.state !== 'orphaned') orphanLater(l.id, l.external_id, 'excluded_by_settings', l.state);
    }
    return [...pending.values()];
  }

  const [matchIndex, reviews, parents] = await Promise.all([
    loadMatchIndex(db, o.accountId, kind),
    loadReviewDecisions(db, o.integrationId, kind),
    kind === 'organization' ? Promise.resolve(new Map<string, ParentOrganization>()) : loadParents(db, o.integrationId),
  ]);
  const baseContext = {
    kind,
    kindEnabled,
    scopeState: (dimension: 'type' | 'status', externalId: string) => o.scopes.get(scopeKey(kind, dimension, externalId)) ?? 'excluded',
    parent: (externalCompanyId: string) => parents.get(externalCompanyId),
    matches: (record: CanonicalRecord) => matchIndex.match(record, organizationOf(record, parents)).candidates,
    review: (record: CanonicalRecord) => reviewFor(record, reviews, matchIndex),
  };

  const planned = new Set<string>();
  const process = async (records: CanonicalRecord[]) => {
    const links = await loadLinks(db, o.integrationId, kind, records.map((r) => r.externalId));
    const plan = planPage(records, { ...baseContext, links });
    if (plan.orphans.length > 0) {
      const externalIdOf = new Map([...links].map(([externalId, link]) => [link.linkId, externalId]));
      for (const orphan of plan.orphans) orphanLater(orphan.link.linkId, externalIdOf.get(orphan.link.linkId) ?? '', orphan.reason, orphan.link.state);
    }
    // A later look at the same record wins over an earlier orphan decision (a refetch after the listing).
    for (const d of [...plan.updates, ...plan.unchanged, ...plan.fails]) pending.delete(d.link.linkId);
    plan.orphans = [];
    const applied = await applyPage({ db, accountId: o.accountId, integrationId: o.integrationId, kind, plan, lookups: o.lookups, candidateName: (id) => matchIndex.get(id)?.name });
    for (const recordId of applied.linkedRecordIds) matchIndex.remove(recordId);
    addPageCounts(o.counts, applied);
    o.issues.addPlan(kind, plan);
    for (const r of records) {
      planned.add(r.externalId);
      if (r.updatedAt) o.sawUpdatedAt(r.updatedAt);
    }
    o.progress.processed += records.length;
    await o.onPage();
  };

  o.progress.phase = 'listing';
  for await (const page of o.connector.listRecords(kind, { changedSince: o.changedSince, signal: o.signal })) {
    o.progress.listed += page.length;
    await process(page);
  }

  // Every id the PSA has for this kind: the full listing itself, or the cheap reconciliation listing.
  let seen = planned;
  if (o.changedSince) {
    o.progress.phase = 'reconciling';
    seen = new Set(planned);
    const refetch = new Set<string>();
    for await (const entries of o.connector.listIds(kind, { signal: o.signal })) {
      const todo = entries.filter((e) => !planned.has(e.externalId));
      for (const e of entries) seen.add(e.externalId);
      const links = await loadLinks(db, o.integrationId, kind, todo.map((e) => e.externalId));
      for (const entry of todo) {
        const link = links.get(entry.externalId);
        const decision = planReconcileEntry(entry, link, { ...baseContext, links });
        if (decision.action === 'orphan') orphanLater(decision.link.linkId, entry.externalId, decision.reason, decision.link.state);
        else if (decision.action === 'refetch' && (link || !waitsForAdmin(reviews.get(entry.externalId)))) refetch.add(entry.externalId);
      }
      o.progress.listed += entries.length;
      o.progress.processed += todo.length;
      await o.onPage();
    }
    for (const id of await loadRetryIds(db, o.integrationId, kind)) if (!planned.has(id) && seen.has(id)) refetch.add(id);
    await refetchAndProcess([...refetch], o, process, async (externalId) => {
      const link = (await loadLinks(db, o.integrationId, kind, [externalId])).get(externalId);
      seen.delete(externalId); // an authoritative 404: gone, whatever the id listing said a moment ago
      if (link && link.state !== 'disabled') orphanLater(link.linkId, externalId, 'deleted_in_psa', link.state);
    });
  }

  // Only now, after a complete listing: links whose PSA record was not listed at all were deleted in the PSA.
  for await (const links of streamLiveLinks(db, o.integrationId, kind)) {
    for (const l of links) if (!seen.has(l.external_id)) orphanLater(l.id, l.external_id, 'deleted_in_psa', l.state);
  }
  o.progress.phase = 'done';
  return [...pending.values()];
}

async function refetchAndProcess(
  ids: string[],
  o: SyncKindOptions,
  process: (records: CanonicalRecord[]) => Promise<void>,
  gone: (externalId: string) => Promise<void>,
) {
  const limit = pLimit(REFETCH_CONCURRENCY);
  for (let i = 0; i < ids.length; i += REFETCH_BATCH) {
    const batch = ids.slice(i, i + REFETCH_BATCH);
    const fetched = await Promise.all(batch.map((id) => limit(() => o.connector.getRecord(o.kind, id, o.signal))));
    const records = fetched.filter((r): r is CanonicalRecord => r !== null);
    for (const [index, record] of fetched.entries()) if (record === null) await gone(batch[index]!);
    if (records.length > 0) await process(records);
  }
}

const organizationOf = (record: CanonicalRecord, parents: ReadonlyMap<string, ParentOrganization>) =>
  record.parentExternalId ? (parents.get(record.parentExternalId)?.organizationId ?? null) : null;

/** An admin's "link to this record" only holds while that record is still free; otherwise the admin decides again. */
function reviewFor(record: CanonicalRecord, reviews: ReadonlyMap<string, ReviewDecision>, index: MatchIndex): ReviewDecision | undefined {
  const review = reviews.get(record.externalId);
  if (review?.decision === 'link' && !index.get(review.recordId)) return { decision: 'wait', candidates: [] };
  return review;
}

const waitsForAdmin = (review: ReviewDecision | undefined) => review?.decision === 'wait' || review?.decision === 'ignore';
