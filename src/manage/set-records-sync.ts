import { sql } from 'drizzle-orm';
import { queryRows } from '../db/database.js';
import { uuidArray } from '../db/sql-lists.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import type { RecordKind } from '../psa/canonical.js';
import { notFound } from '../shared/errors.js';
import { setLinkSync } from '../sync/links/set-link-sync.js';

export interface SetRecordsSyncOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  kind: RecordKind;
  ids: readonly string[];
  action: 'disable' | 'enable';
  actor: Actor;
}

/**
 * Disable Sync (the sync leaves the records alone; they show under Disconnected Data) or Enable Sync (reconnect:
 * syncing again, refreshed by the next run) on chosen linked records. Every id must be a linked record of the kind in
 * the caller's account, or nothing changes (404); links already in the target state are not counted.
 */
export async function setRecordsSync(o: SetRecordsSyncOptions): Promise<{ changed: number }> {
  const ids = [...new Set(o.ids.map((id) => id.toLowerCase()))];
  const [found] = await queryRows<{ n: number }>(o.ctx.database.db, sql`
    select count(distinct record_id)::int as n from psa_links
    where account_id = ${o.accountId} and kind = ${o.kind} and record_id = any(${uuidArray(ids)})`);
  if (found!.n !== ids.length) throw notFound(ids.length === 1 ? `The linked ${o.kind}` : `One or more of the linked ${o.kind}s`);
  const changed = await setLinkSync({
    db: o.ctx.database.db,
    accountId: o.accountId,
    kind: o.kind,
    recordIds: ids,
    actor: o.actor,
    event: o.action === 'disable' ? 'disabled' : 'reconnected',
    action: o.action === 'disable' ? 'records.sync_disabled' : 'records.sync_enabled',
  });
  return { changed };
}
