import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import { auditIntegration, findIntegration, type Actor } from '../integrations/integration-store.js';

export interface AcceptExactMatchesOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  integrationId: string;
  actor: Actor;
  /** The deciding user (for an API key: its owner). */
  userId: string;
}

/**
 * "Accept all exact matches": every pending proposal to link (same name, or same normalized name) becomes the
 * admin's decision to link. Proposals whose record got a link or was chosen for another PSA record meanwhile stay
 * pending. Returns how many were accepted; one audit event covers them all.
 */
export async function acceptExactMatches(o: AcceptExactMatchesOptions): Promise<{ accepted: number }> {
  return o.ctx.database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await findIntegration(db, o.accountId, o.integrationId);
    await db.execute(sql`select id from psa_integrations where id = ${o.integrationId} and account_id = ${o.accountId} for update`);
    const rows = await queryRows<{ id: string; match_type: string }>(db, sql`
      update match_reviews m set decision = 'link', decided_record_id = m.proposed_record_id, decided_by_user_id = ${o.userId}, updated_at = now()
      where m.account_id = ${o.accountId} and m.integration_id = ${o.integrationId}
        and m.decision = 'pending' and m.proposal = 'link' and m.match_type in ('exact', 'normalized') and m.proposed_record_id is not null
        and not exists (select 1 from psa_links l where l.account_id = m.account_id and l.kind = m.kind and l.record_id = m.proposed_record_id)
        and not exists (
          select 1 from match_reviews c
          where c.integration_id = m.integration_id and c.kind = m.kind and c.decision = 'link' and c.decided_record_id = m.proposed_record_id)
      returning m.id, m.match_type`);
    if (rows.length > 0) {
      await auditIntegration(db, {
        accountId: o.accountId,
        actor: o.actor,
        action: 'match.accepted_exact',
        integrationId: o.integrationId,
        counts: { accepted: rows.length, exact: rows.filter((r) => r.match_type === 'exact').length, normalized: rows.filter((r) => r.match_type === 'normalized').length },
      });
    }
    return { accepted: rows.length };
  });
}
