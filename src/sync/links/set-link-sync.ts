import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.js';
import { textArray, uuidArray } from '../../db/sql-lists.js';
import { recordAudit, type Actor } from '../../audit/record-audit.js';
import type { RecordKind } from '../../psa/canonical.js';
import { linkTransitions } from '../domain/link-states.js';

export interface SetLinkSyncOptions {
  db: Db;
  accountId: string;
  kind: RecordKind;
  recordIds: readonly string[];
  actor: Actor;
  /** The audit action (default link.sync_disabled / link.reconnected). */
  action?: string;
}

/**
 * "Disable Sync" (link → `disabled`: the sync leaves the record alone) and "Reconnect" (→ `syncing`: the next run
 * refreshes it), for records of one kind. The link state machine decides in SQL which links may move; the others are
 * left as they are and not counted.
 */
export async function setLinkSync(o: SetLinkSyncOptions & { event: 'disabled' | 'reconnected' }): Promise<number> {
  if (o.recordIds.length === 0) return 0;
  const { from, to } = linkTransitions[o.event];
  return o.db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string }>(tx as unknown as Db, sql`
      update psa_links set state = ${to}::link_state, orphan_reason = null, orphaned_at = null,
        payload_hash = case when ${to} = 'syncing' then null else payload_hash end, updated_at = now()
      where account_id = ${o.accountId} and kind = ${o.kind}
        and record_id = any(${uuidArray(o.recordIds)}) and state::text = any(${textArray(from)})
      returning id`);
    if (rows.length > 0) {
      await recordAudit(tx as unknown as Db, {
        accountId: o.accountId,
        actor: o.actor,
        action: o.action ?? (o.event === 'disabled' ? 'link.sync_disabled' : 'link.reconnected'),
        targetType: o.kind,
        targetId: o.recordIds.length === 1 ? o.recordIds[0]! : null,
        counts: { [o.kind]: rows.length },
        details: { recordIds: o.recordIds.slice(0, 100) },
      });
    }
    return rows.length;
  });
}
