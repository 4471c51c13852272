import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { textArray } from '../db/sql-lists.js';
import type { AppContext } from '../http/context.js';
import { connectorForIntegration, withPsa } from '../integrations/integration-connector.js';
import { findIntegration } from '../integrations/integration-store.js';
import type { CanonicalOrganization } from '../psa/canonical.js';
import { effectiveScope } from '../sync/domain/plan-record.js';
import { validateRecord } from '../sync/domain/validate-record.js';
import { loadLinks, loadMatchIndex, loadScopeStates, scopeKey } from '../sync/engine/load-state.js';
import { listMatchReviews } from './list-match-reviews.js';
import type { MatchList } from './match.schemas.js';
import { findNearNames } from './near-names.js';
import { proposeMatches, type CompanyProposal } from './propose-matches.js';

/** A full company listing is more than one quick call; a person is still waiting for it. */
export const PREPARE_DEADLINE_MS = 60_000;

export interface PrepareMatchReviewOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  integrationId: string;
  status: 'open' | 'all';
}

/**
 * Reads the PSA companies now and proposes, for every one without a link, what the next sync will do with it: the
 * review an admin does before the first sync. Admins' decisions are never overwritten; a decision whose record got
 * linked meanwhile (or was deleted) goes back to pending. Rows of companies that got a link or left the sync go.
 */
export async function prepareMatchReview(o: PrepareMatchReviewOptions): Promise<MatchList> {
  const db = o.ctx.database.db;
  const integration = await findIntegration(db, o.accountId, o.integrationId);
  const scopes = await loadScopeStates(db, integration.id);
  const scope = { kindEnabled: true, scopeState: (dimension: 'type' | 'status', id: string) => scopes.get(scopeKey('organization', dimension, id)) ?? 'excluded' };
  const connector = connectorForIntegration(o.ctx.secretBox, integration);
  const companies = await withPsa(async (signal) => {
    const eligible: CanonicalOrganization[] = [];
    for await (const page of connector.listRecords('organization', { signal })) {
      for (const record of page) {
        if (record.kind !== 'organization' || !record.active || record.deleted || validateRecord(record)) continue;
        if (effectiveScope(record.type?.id ?? null, record.status?.id ?? null, scope) === 'enabled') eligible.push(record);
      }
    }
    return [...new Map(eligible.map((r) => [r.externalId, r])).values()];
  }, PREPARE_DEADLINE_MS);

  await db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    const links = await loadLinks(txDb, integration.id, 'organization', companies.map((c) => c.externalId));
    const unlinked = companies.filter((c) => !links.has(c.externalId));
    await removeStaleRows(txDb, o.accountId, integration.id, unlinked.map((c) => c.externalId));
    const index = await loadMatchIndex(txDb, o.accountId, 'organization');
    const decided = await queryRows<{ external_id: string; decided_record_id: string }>(txDb, sql`
      select external_id, decided_record_id from match_reviews
      where account_id = ${o.accountId} and integration_id = ${integration.id} and kind = 'organization' and decision = 'link' and decided_record_id is not null`);
    const proposals = proposeMatches(unlinked, index, new Map(decided.map((d) => [d.decided_record_id, d.external_id])));
    const lonely = proposals.filter((p) => p.proposal === 'create');
    const near = await findNearNames(txDb, o.accountId, lonely.map((p) => ({ externalId: p.externalId, name: p.psaName })));
    for (const p of lonely) {
      const suggestions = near.get(p.externalId);
      // Near names are never guessed: "Acme Dental" may or may not be "Acme Dental Group". A person looks.
      if (suggestions?.length) Object.assign(p, { proposal: 'decide', suggestions });
    }
    await upsertProposals(txDb, o.accountId, integration.id, proposals);
  });
  return listMatchReviews({ db, accountId: o.accountId, integrationId: integration.id, status: o.status });
}

async function removeStaleRows(db: Db, accountId: string, integrationId: string, unlinkedCompanyIds: string[]) {
  await db.execute(sql`
    delete from match_reviews m
    where m.account_id = ${accountId} and m.integration_id = ${integrationId}
      and ((m.kind = 'organization' and not (m.external_id = any(${textArray(unlinkedCompanyIds)})))
        or exists (select 1 from psa_links l where l.integration_id = m.integration_id and l.kind = m.kind and l.external_id = m.external_id))`);
  // A decision for a record that is no longer free (linked meanwhile, or deleted) cannot be applied: decide again.
  await db.execute(sql`
    update match_reviews m set decision = 'pending', decided_record_id = null, decided_by_user_id = null, updated_at = now()
    where m.account_id = ${accountId} and m.integration_id = ${integrationId} and m.decision = 'link'
      and (exists (select 1 from psa_links l where l.account_id = m.account_id and l.kind = m.kind and l.record_id = m.decided_record_id)
        or (m.kind = 'organization' and not exists (select 1 from organizations r where r.account_id = m.account_id and r.id = m.decided_record_id))
        or (m.kind = 'configuration' and not exists (select 1 from configurations r where r.account_id = m.account_id and r.id = m.decided_record_id))
        or (m.kind = 'contact' and not exists (select 1 from contacts r where r.account_id = m.account_id and r.id = m.decided_record_id)))`);
}

/** Proposals are psalink's and refreshed; decisions are the admin's and untouched. Unchanged rows keep their time. */
async function upsertProposals(db: Db, accountId: string, integrationId: string, proposals: CompanyProposal[]) {
  if (proposals.length === 0) return;
  const rows = proposals.map((p) => ({
    external_id: p.externalId,
    psa_name: p.psaName,
    psa_detail: p.psaDetail,
    proposal: p.proposal,
    match_type: p.matchType,
    proposed_record_id: p.proposedRecordId,
    suggestions: p.suggestions,
  }));
  await db.execute(sql`
    insert into match_reviews (account_id, integration_id, kind, external_id, psa_name, psa_detail, proposal, match_type, proposed_record_id, suggestions)
    select ${accountId}, ${integrationId}, 'organization', v.external_id, v.psa_name, v.psa_detail, v.proposal::match_proposal, v.match_type::match_type, v.proposed_record_id, v.suggestions
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(external_id text, psa_name text, psa_detail text, proposal text, match_type text, proposed_record_id uuid, suggestions jsonb)
    on conflict (integration_id, kind, external_id) do update
      set psa_name = excluded.psa_name, psa_detail = excluded.psa_detail, proposal = excluded.proposal, match_type = excluded.match_type,
        proposed_record_id = excluded.proposed_record_id, suggestions = excluded.suggestions, updated_at = now()
      where (match_reviews.psa_name, match_reviews.psa_detail, match_reviews.proposal, match_reviews.match_type, match_reviews.proposed_record_id, match_reviews.suggestions)
        is distinct from (excluded.psa_name, excluded.psa_detail, excluded.proposal, excluded.match_type, excluded.proposed_record_id, excluded.suggestions)`);
}
