import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { textArray } from '../db/sql-lists.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import type { RecordKind } from '../psa/canonical.js';
import { linkTransitions } from '../sync/domain/link-states.js';
import { auditTrash } from '../trash/trash-audit.js';

export interface ReconnectRecordsOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  kind: RecordKind;
  /** Omitted: every type; null: the records without a PSA type; else that PSA type id. */
  typeExternalId?: string | null;
  actor: Actor;
}

/** The links of a kind (and PSA type) in a state, as a condition over psa_links' unqualified columns. */
export const linksOfType = (accountId: string, kind: RecordKind, typeExternalId: string | null | undefined) => sql`account_id = ${accountId} and kind = ${kind}
  ${typeExternalId === undefined ? sql`` : typeExternalId === null ? sql`and psa_type_id is null` : sql`and psa_type_id = ${typeExternalId}`}`;

/** Reconnect all: every disabled record of the kind (or kind and type) syncs again, refreshed by the next run. */
export async function reconnectRecords(o: ReconnectRecordsOptions): Promise<{ changed: number }> {
  const { from, to } = linkTransitions.reconnected;
  return o.ctx.database.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const rows = await queryRows<{ id: string }>(tx, sql`
      update psa_links set state = ${to}::link_state, orphan_reason = null, orphaned_at = null, payload_hash = null, updated_at = now()
      where ${linksOfType(o.accountId, o.kind, o.typeExternalId)} and state::text = any(${textArray(from)})
      returning id`);
    if (rows.length > 0) {
      await auditTrash(tx, {
        accountId: o.accountId,
        actor: o.actor,
        action: 'records.reconnected',
        targetType: o.kind,
        counts: { [o.kind]: rows.length },
        details: { kind: o.kind, typeExternalId: o.typeExternalId ?? null, allTypes: o.typeExternalId === undefined },
      });
    }
    return { changed: rows.length };
  });
}
