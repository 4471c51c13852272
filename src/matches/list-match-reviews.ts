import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { findIntegration } from '../integrations/integration-store.js';
import type { MatchDto, MatchList } from './match.schemas.js';

export interface ListMatchReviewsOptions {
  db: Db;
  accountId: string;
  integrationId: string;
  /** open: decision pending; all: every row. */
  status: 'open' | 'all';
}

interface MatchRow {
  id: string;
  kind: MatchDto['kind'];
  external_id: string;
  psa_name: string;
  psa_detail: string | null;
  proposal: MatchDto['proposal'];
  match_type: MatchDto['matchType'];
  proposed_record_id: string | null;
  proposed_record_name: string | null;
  suggestions: MatchDto['suggestions'] | null;
  decision: MatchDto['decision'];
  decided_record_id: string | null;
  decided_record_name: string | null;
  updated_at: Date | string;
}

/** The current name of a local record of the row's kind, from whichever table the kind lives in. */
function recordNameJoins(column: 'proposed_record_id' | 'decided_record_id', prefix: string): { joins: SQL; name: SQL } {
  const tables = [
    ['organization', 'organizations', 'name'],
    ['configuration', 'configurations', 'name'],
    ['contact', 'contacts', 'full_name'],
  ] as const;
  const joins = tables.map(
    ([kind, table], i) =>
      sql.raw(`left join ${table} ${prefix}${i} on m.kind = '${kind}' and ${prefix}${i}.account_id = m.account_id and ${prefix}${i}.id = m.${column}`),
  );
  return { joins: sql.join(joins, sql` `), name: sql.raw(`coalesce(${tables.map(([, , name], i) => `${prefix}${i}.${name}`).join(', ')})`) };
}

/** Match rows of one integration with the names of the records they point at; `where` narrows them further. */
export async function queryMatches(db: Db, accountId: string, integrationId: string, where: SQL = sql`true`): Promise<MatchDto[]> {
  const proposed = recordNameJoins('proposed_record_id', 'p');
  const decided = recordNameJoins('decided_record_id', 'd');
  const rows = await queryRows<MatchRow>(db, sql`
    select m.id, m.kind, m.external_id, m.psa_name, m.psa_detail, m.proposal, m.match_type, m.proposed_record_id,
      ${proposed.name} as proposed_record_name, m.suggestions, m.decision, m.decided_record_id,
      ${decided.name} as decided_record_name, m.updated_at
    from match_reviews m ${proposed.joins} ${decided.joins}
    where m.account_id = ${accountId} and m.integration_id = ${integrationId} and ${where}
    order by case when m.decision = 'pending' and m.proposal = 'decide' then 0 when m.decision = 'pending' then 1 else 2 end,
      lower(m.psa_name), m.psa_name, m.kind, m.external_id`);
  return rows.map(toMatchDto);
}

function toMatchDto(r: MatchRow): MatchDto {
  return {
    id: r.id,
    kind: r.kind,
    externalId: r.external_id,
    psaName: r.psa_name,
    psaDetail: r.psa_detail,
    proposal: r.proposal,
    matchType: r.match_type,
    proposedRecordId: r.proposed_record_id,
    proposedRecordName: r.proposed_record_name,
    suggestions: (r.suggestions ?? []).map((s) => ({ recordId: s.recordId, name: s.name ?? '', score: Math.min(1, Math.max(0, Number(s.score) || 0)) })),
    decision: r.decision,
    decidedRecordId: r.decided_record_id,
    decidedRecordName: r.decided_record_name,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/**
 * The match review list: what needs a person's decision first, then by PSA name; the summary always counts every
 * row, whatever the filter.
 */
export async function listMatchReviews(o: ListMatchReviewsOptions): Promise<MatchList> {
  await findIntegration(o.db, o.accountId, o.integrationId);
  const items = await queryMatches(o.db, o.accountId, o.integrationId, o.status === 'open' ? sql`m.decision = 'pending'` : sql`true`);
  const [summary] = await queryRows<MatchList['summary']>(o.db, sql`
    select
      count(*) filter (where decision = 'pending' and proposal = 'link' and match_type = 'exact')::int as exact,
      count(*) filter (where decision = 'pending' and proposal = 'link' and match_type = 'normalized')::int as normalized,
      count(*) filter (where decision = 'pending' and proposal = 'decide')::int as decide,
      count(*) filter (where decision = 'pending' and proposal = 'create')::int as create,
      count(*) filter (where decision in ('link', 'create'))::int as decided,
      count(*) filter (where decision = 'ignore')::int as ignored
    from match_reviews where account_id = ${o.accountId} and integration_id = ${o.integrationId}`);
  return { items, summary: summary! };
}
