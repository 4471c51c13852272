import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { Suggestion } from './propose-matches.js';

/** How alike two names must be (pg_trgm similarity) to be offered: "Acme Dental" for "Acme Dental Group" is. */
export const NEAR_NAME_THRESHOLD = 0.3;
export const NEAR_NAME_LIMIT = 5;

/**
 * The unlinked local organizations whose names are near each PSA name, best first, in one statement for all names
 * (a lateral trigram search per name, served by the organizations name index). Call inside a transaction: the
 * similarity threshold the index operator uses is set for that transaction only.
 */
export async function findNearNames(db: Db, accountId: string, wanted: readonly { externalId: string; name: string }[]): Promise<Map<string, Suggestion[]>> {
  const found = new Map<string, Suggestion[]>();
  if (wanted.length === 0) return found;
  await db.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(NEAR_NAME_THRESHOLD)}, true)`);
  const rows = await queryRows<{ external_id: string; id: string; name: string; score: number }>(db, sql`
    select n.external_id, s.id, s.name, s.score
    from jsonb_to_recordset(${JSON.stringify(wanted.map((w) => ({ external_id: w.externalId, psa_name: w.name })))}::jsonb) as n(external_id text, psa_name text)
    cross join lateral (
      select o.id, o.name, similarity(o.name, n.psa_name) as score
      from organizations o
      where o.account_id = ${accountId} and o.name % n.psa_name and similarity(o.name, n.psa_name) >= ${NEAR_NAME_THRESHOLD}
        and not exists (select 1 from psa_links l where l.account_id = o.account_id and l.kind = 'organization' and l.record_id = o.id)
      order by score desc, o.name, o.id
      limit ${NEAR_NAME_LIMIT}
    ) s
    order by n.external_id, s.score desc, s.name, s.id`);
  for (const row of rows) {
    const list = found.get(row.external_id) ?? [];
    list.push({ recordId: row.id, name: row.name, score: Math.round(Math.min(1, Number(row.score)) * 1000) / 1000 });
    found.set(row.external_id, list);
  }
  return found;
}
