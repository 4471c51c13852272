import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { Actor } from '../integrations/integration-store.js';
import { notFound } from '../shared/errors.js';
import { auditTrash } from './trash-audit.js';

export interface TrashSettings {
  /** Days a deleted batch stays restorable before the daily purge removes it. */
  retentionDays: number;
}

export async function getTrashSettings(o: { db: Db; accountId: string }): Promise<TrashSettings> {
  const [row] = await queryRows<{ days: number }>(o.db, sql`select trash_retention_days as days from accounts where id = ${o.accountId}`);
  if (!row) throw notFound('The account');
  return { retentionDays: row.days };
}

export interface UpdateTrashSettingsOptions {
  db: Db;
  accountId: string;
  actor: Actor;
  settings: TrashSettings;
}

/** Changes the retention of future batches (batches already in the trash keep the expiry they were given). */
export async function updateTrashSettings(o: UpdateTrashSettingsOptions): Promise<TrashSettings> {
  return o.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const before = await getTrashSettings({ db: tx, accountId: o.accountId });
    await tx.execute(sql`update accounts set trash_retention_days = ${o.settings.retentionDays}, updated_at = now() where id = ${o.accountId}`);
    await auditTrash(tx, {
      accountId: o.accountId,
      actor: o.actor,
      action: 'trash.settings_updated',
      targetType: 'account',
      targetId: o.accountId,
      details: { before, after: o.settings },
    });
    return o.settings;
  });
}
