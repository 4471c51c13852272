import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import { connectorForIntegration, withPsa } from '../integrations/integration-connector.js';
import { auditIntegration, findIntegration, type Actor, type IntegrationRow } from '../integrations/integration-store.js';
import type { RecordKind } from '../psa/canonical.js';
import { AppError, notFound } from '../shared/errors.js';
import { queryMatches } from './list-match-reviews.js';
import type { MatchDecision, MatchDto } from './match.schemas.js';

export interface DecideMatchOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  integrationId: string;
  matchId: string;
  actor: Actor;
  /** The deciding user (for an API key: its owner). */
  userId: string;
  decision: MatchDecision;
}

interface ReviewRow {
  id: string;
  kind: RecordKind;
  external_id: string;
  psa_name: string;
}

const recordTable = { organization: { table: 'organizations', name: 'name' }, configuration: { table: 'configurations', name: 'name' }, contact: { table: 'contacts', name: 'full_name' } } as const;

/** What the next sync does with one PSA record: link it to a chosen record, create a new one, ignore it, or undecide. */
export async function decideMatch(o: DecideMatchOptions): Promise<MatchDto> {
  const db = o.ctx.database.db;
  const integration = await findIntegration(db, o.accountId, o.integrationId);
  const row = await findReview(db, o.accountId, integration.id, o.matchId);
  const { decision } = o.decision;
  const recordId = o.decision.decision === 'link' ? o.decision.recordId : null;
  if (recordId) {
    const record = await checkRecordFree(db, o.accountId, integration.id, row, recordId);
    if (row.kind !== 'organization') await checkSameOrganization(o.ctx, integration, row, record);
  }
  await db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    // Decisions of one integration take turns, and the record is checked again in turn: two admins picking one
    // record for two PSA records must not both win.
    await txDb.execute(sql`select id from psa_integrations where id = ${integration.id} and account_id = ${o.accountId} for update`);
    const chosen = recordId ? await checkRecordFree(txDb, o.accountId, integration.id, row, recordId) : null;
    const updated = await queryRows<{ id: string }>(txDb, sql`
      update match_reviews set decision = ${decision}::match_decision, decided_record_id = ${recordId},
        decided_by_user_id = ${decision === 'pending' ? null : o.userId}, updated_at = now()
      where id = ${row.id} and account_id = ${o.accountId}
      returning id`);
    if (updated.length === 0) throw notFound('The match'); // a sync linked the PSA record meanwhile and cleared the row
    if (chosen) await withdrawProposals(txDb, o.accountId, integration.id, row, chosen);
    await auditIntegration(txDb, {
      accountId: o.accountId,
      actor: o.actor,
      action: 'match.decided',
      integrationId: integration.id,
      details: { matchId: row.id, kind: row.kind, externalId: row.external_id, psaName: row.psa_name, decision, recordId },
    });
  });
  const [match] = await queryMatches(db, o.accountId, integration.id, sql`m.id = ${row.id}`);
  if (!match) throw notFound('The match');
  return match;
}

async function findReview(db: Db, accountId: string, integrationId: string, matchId: string): Promise<ReviewRow> {
  const [row] = await queryRows<ReviewRow>(db, sql`
    select id, kind, external_id, psa_name from match_reviews
    where id = ${matchId} and account_id = ${accountId} and integration_id = ${integrationId}`);
  if (!row) throw notFound('The match');
  return row;
}

/**
 * Other PSA records proposed to link to the record just chosen now need a person (as preparing again would say):
 * left as they are, the sync would match them to it by name as well, and never guess between the two.
 */
async function withdrawProposals(db: Db, accountId: string, integrationId: string, row: ReviewRow, record: LocalRecord) {
  const suggestions = JSON.stringify([{ recordId: record.id, name: record.name, score: 1 }]);
  await db.execute(sql`
    update match_reviews set proposal = 'decide', match_type = null, proposed_record_id = null, suggestions = ${suggestions}::jsonb, updated_at = now()
    where account_id = ${accountId} and integration_id = ${integrationId} and kind = ${row.kind}
      and decision = 'pending' and proposal = 'link' and proposed_record_id = ${record.id} and id <> ${row.id}`);
}

interface LocalRecord {
  id: string;
  name: string;
  organization_id: string | null;
}

/** The chosen record: of the row's kind, in the account, without a link, and not already chosen for another PSA record. */
async function checkRecordFree(db: Db, accountId: string, integrationId: string, row: ReviewRow, recordId: string): Promise<LocalRecord> {
  const { table, name } = recordTable[row.kind];
  const organization = row.kind === 'organization' ? sql`null::uuid` : sql.raw('r.organization_id');
  const [record] = await queryRows<LocalRecord>(db, sql`
    select r.id, r.${sql.raw(name)} as name, ${organization} as organization_id
    from ${sql.identifier(table)} r where r.id = ${recordId} and r.account_id = ${accountId}`);
  if (!record) throw notFound(`The ${row.kind}`);
  const [link] = await queryRows<{ external_id: string }>(db, sql`
    select external_id from psa_links where account_id = ${accountId} and kind = ${row.kind} and record_id = ${recordId}`);
  if (link) {
    throw new AppError('conflict', `"${record.name}" is already linked to PSA ${row.kind} ${link.external_id}. Choose a record without a link, or create a new one.`, { recordId });
  }
  const [claim] = await queryRows<{ psa_name: string }>(db, sql`
    select psa_name from match_reviews
    where account_id = ${accountId} and integration_id = ${integrationId} and kind = ${row.kind}
      and decision = 'link' and decided_record_id = ${recordId} and id <> ${row.id}`);
  if (claim) {
    throw new AppError('conflict', `"${record.name}" is already chosen for the PSA ${row.kind} "${claim.psa_name}". Undo that decision first, or choose another record.`, { recordId });
  }
  return record;
}

/**
 * A configuration or contact links within the organization its PSA company is synced to (the sync moves a linked
 * record to that organization): asks the PSA where the record belongs now.
 */
async function checkSameOrganization(ctx: DecideMatchOptions['ctx'], integration: IntegrationRow, row: ReviewRow, record: LocalRecord) {
  const connector = connectorForIntegration(ctx.secretBox, integration);
  const psa = await withPsa((signal) => connector.getRecord(row.kind, row.external_id, signal));
  if (!psa) throw new AppError('conflict', `The PSA ${row.kind} "${row.psa_name}" no longer exists in the PSA; the next sync takes it off the list.`);
  const [parent] = await queryRows<{ record_id: string; state: string; name: string }>(ctx.database.db, sql`
    select l.record_id, l.state, o.name from psa_links l join organizations o on o.id = l.record_id and o.account_id = l.account_id
    where l.integration_id = ${integration.id} and l.kind = 'organization' and l.external_id = ${psa.parentExternalId ?? ''}`);
  if (!parent || parent.state === 'orphaned') {
    throw new AppError('conflict', `The PSA company of "${row.psa_name}" is not synced, so it cannot be linked yet. Sync its company first.`);
  }
  if (parent.record_id !== record.organization_id) {
    throw new AppError('conflict', `"${record.name}" belongs to another organization; "${row.psa_name}" belongs to ${parent.name} in the PSA. Choose a ${row.kind} of ${parent.name}.`, { recordId: record.id });
  }
}
