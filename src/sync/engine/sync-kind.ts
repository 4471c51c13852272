import pLimit from 'p-limit';
import type { CanonicalRecord, PsaConnector } from '../../psa/canonical.js';
import type { LinkState, OrphanReason } from '../domain/link-states.js';
import { planReconcileEntry } from '../domain/plan-reconcile.js';
import type { ReviewDecision } from '../domain/plan-types.js';
import type { KindProgress } from '../domain/run-counts.js';
import { openKindSession, type KindOrphan, type KindSessionOptions } from './kind-session.js';
import { effectiveScope } from '../domain/plan-record.js';
import { scopeFrozen } from '../domain/scope-states.js';
import { clearSettledRows, loadLinks, loadRetryIds, streamLiveLinks } from './load-state.js';

export interface SyncKindOptions extends Omit<KindSessionOptions, 'orphanLater' | 'onPage'> {
  connector: PsaConnector;
  /** Incremental runs list what changed since then and reconcile the rest; undefined = full listing. */
  changedSince: Date | undefined;
  signal: AbortSignal;
  progress: KindProgress;
  /** Called after every page: stores progress and notices a cancel. */
  onPage(): Promise<void>;
}

export type { KindOrphan };

const REFETCH_BATCH = 50;
/** Above this many records to read again, the run lists the kind instead of fetching them one by one. */
const RELIST_ABOVE = 200;
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

  const session = await openKindSession({
    ...o,
    orphanLater,
    forgetOrphan: (linkId) => void pending.delete(linkId),
    onPage: async (records) => {
      o.progress.processed += records.length;
      await o.onPage();
    },
  });
  const { planned, settled, process, baseContext, reviews } = session;

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
    if (refetch.size > RELIST_ABOVE) {
      // Many records to read again (a type just enabled, contacts switched back on): one listing beats thousands of
      // single-record calls against the PSA's rate limits.
      o.progress.phase = 'listing';
      for await (const page of o.connector.listRecords(kind, { signal: o.signal })) {
        const wanted = page.filter((r) => refetch.has(r.externalId));
        if (wanted.length > 0) await process(wanted);
      }
    } else {
      await refetchAndProcess([...refetch], o, process, async (externalId) => {
        const link = (await loadLinks(db, o.integrationId, kind, [externalId])).get(externalId);
        seen.delete(externalId); // an authoritative 404: gone, whatever the id listing said a moment ago
        if (link && link.state !== 'disabled') orphanLater(link.linkId, externalId, 'deleted_in_psa', link.state);
      });
    }
  }

  // Only now, after a complete listing: links whose PSA record was not listed at all were deleted in the PSA —
  // except in a paused or disconnected scope, which the sync leaves exactly as it is.
  for await (const links of streamLiveLinks(db, o.integrationId, kind)) {
    for (const l of links) {
      if (seen.has(l.external_id) || scopeFrozen(effectiveScope(l.psa_type_id, l.psa_status_id, baseContext))) continue;
      orphanLater(l.id, l.external_id, 'deleted_in_psa', l.state);
    }
  }
  await clearSettledRows(db, o.integrationId, kind, { seen: (id) => seen.has(id), settled: (id) => settled.has(id) });
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

const waitsForAdmin = (review: ReviewDecision | undefined) => review?.decision === 'wait' || review?.decision === 'ignore';
