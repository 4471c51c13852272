import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { RecordKind } from '../psa/canonical.js';
import { previewDeletion, type DeletionPreview } from '../trash/preview-deletion.js';
import { linksOfType } from './reconnect-records.js';

export interface PreviewDeleteOrphansOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  kind: RecordKind;
  /** Omitted: every type; null: the orphans without a PSA type; else that PSA type id. */
  typeExternalId?: string | null;
}

/**
 * The records of the kind (and type) whose link is orphaned, in id order (a record has one link of its kind). `lock`
 * holds the links until commit: a second Delete All of the same orphans waits, then finds them gone.
 */
export async function orphanedRecordIds(db: Db, accountId: string, kind: RecordKind, typeExternalId: string | null | undefined, lock = false): Promise<string[]> {
  const rows = await queryRows<{ record_id: string }>(db, sql`
    select record_id from psa_links where ${linksOfType(accountId, kind, typeExternalId)} and state = 'orphaned' order by record_id
    ${lock ? sql`for update` : sql``}`);
  return rows.map((row) => row.record_id);
}

/** Delete All (orphaned): what deleting every orphaned record of the kind (and type) would remove, with its token. */
export async function previewDeleteOrphans(o: PreviewDeleteOrphansOptions): Promise<DeletionPreview> {
  const ids = await orphanedRecordIds(o.ctx.database.db, o.accountId, o.kind, o.typeExternalId);
  return previewDeletion({ ctx: o.ctx, accountId: o.accountId, kind: o.kind, ids });
}
