import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { CanonicalRecord, PsaConnector, RecordKind } from '../psa/canonical.js';
import { planPage } from '../sync/domain/plan-page.js';
import type { PlanContext, ReviewDecision } from '../sync/domain/plan-types.js';
import { loadLinks, loadMatchIndex, loadReviewDecisions } from '../sync/engine/load-state.js';
import { entersScope, parentSyncedAfter, parentSyncedBefore, type LinkFacts, type PreviewCounts, type SettingsView } from './settings-preview-counts.js';

export interface OrganizationLink {
  organizationId: string;
  facts: LinkFacts;
}

/** PSA company id → its organization link, for the children's side of the preview. */
export async function loadOrganizationLinks(db: Db, integrationId: string): Promise<Map<string, OrganizationLink>> {
  const rows = await queryRows<{ external_id: string; record_id: string; state: LinkFacts['state']; orphan_reason: LinkFacts['orphanReason']; psa_type_id: string | null; psa_status_id: string | null }>(
    db,
    sql`select external_id, record_id, state, orphan_reason, psa_type_id, psa_status_id from psa_links where integration_id = ${integrationId} and kind = 'organization'`,
  );
  return new Map(rows.map((r) => [r.external_id, { organizationId: r.record_id, facts: { state: r.state, orphanReason: r.orphan_reason, typeId: r.psa_type_id, statusId: r.psa_status_id } }]));
}

export interface CountEnteringOptions {
  db: Db;
  accountId: string;
  integrationId: string;
  connector: PsaConnector;
  signal: AbortSignal;
  kind: RecordKind;
  before: SettingsView;
  after: SettingsView;
  parents: ReadonlyMap<string, OrganizationLink>;
  /**
   * PSA companies that start syncing with this change (created or linked): filled by the organizations' pass and
   * read by the children's, as a run creates organizations before their configurations and contacts.
   */
  started: Map<string, string>;
}

/**
 * Lists a kind from the PSA and plans, with the sync's own planner, the records without a link that the change
 * brings into the scope: linked (one candidate or an admin's decision), created, or waiting in match review.
 */
export async function countEntering(o: CountEnteringOptions): Promise<Pick<PreviewCounts, 'create' | 'link' | 'ambiguous'>> {
  const { db, kind, before, after } = o;
  const [index, reviews] = await Promise.all([loadMatchIndex(db, o.accountId, kind), loadReviewDecisions(db, o.integrationId, kind)]);
  const syncsBefore = (companyId: string | null) => companyId !== null && parentSyncedBefore(o.parents.get(companyId)?.facts ?? null);
  const syncsAfter = (companyId: string | null) => companyId !== null && (o.started.has(companyId) || parentSyncedAfter(o.parents.get(companyId)?.facts ?? null, before, after));
  const organizationOf = (companyId: string | null) => (companyId === null ? null : (o.started.get(companyId) ?? o.parents.get(companyId)?.organizationId ?? null));
  const context: Omit<PlanContext, 'links'> = {
    kind,
    kindEnabled: after.kindEnabled(kind),
    scopeState: (dimension, id) => after.scopeState(kind, dimension, id),
    parent: (companyId) => (syncsAfter(companyId) ? { organizationId: organizationOf(companyId)!, synced: true } : undefined),
    matches: (record) => index.match(record, organizationOf(record.parentExternalId)).candidates,
    review: (record): ReviewDecision | undefined => {
      const review = reviews.get(record.externalId);
      // As the run does: a decision to link to a record that is no longer free waits for the admin again.
      return review?.decision === 'link' && !index.get(review.recordId) ? { decision: 'wait', candidates: [] } : review;
    },
  };

  const counts = { create: 0, link: 0, ambiguous: 0 };
  for await (const page of o.connector.listRecords(kind, { signal: o.signal })) {
    const links = await loadLinks(db, o.integrationId, kind, page.map((r) => r.externalId));
    const entering = page.filter(
      (r: CanonicalRecord) =>
        !links.has(r.externalId) &&
        entersScope(kind, r.type?.id ?? null, r.status?.id ?? null, syncsBefore(r.parentExternalId), syncsAfter(r.parentExternalId), before, after),
    );
    const plan = planPage(entering, { ...context, links: new Map() });
    counts.create += plan.creates.length;
    counts.link += plan.links.length;
    counts.ambiguous += plan.ambiguous.length;
    for (const l of plan.links) index.remove(l.recordId);
    if (kind === 'organization') {
      // A new organization has no local children yet: its id only has to be unique for matching.
      for (const c of plan.creates) o.started.set(c.record.externalId, `new:${c.record.externalId}`);
      for (const l of plan.links) o.started.set(l.record.externalId, l.recordId);
    }
  }
  return counts;
}
