import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../../src/db/database.js';
import { executeManageAction } from '../../../src/manage/jobs/run-manage-job.js';
import { previewDeleteOrphans } from '../../../src/manage/preview-delete-orphans.js';
import { SecretBox } from '../../../src/shared/secret-box.js';

/*
 * A worker doing one bulk action as its job does (executeManageAction: one transaction), for the crash loop to
 * SIGKILL at a random moment: `delete` (Delete All orphaned configurations) or `restore` (the account's open batch).
 * Prints `go` just before the action starts and `done` once it committed. Env: DATABASE_URL, ACCOUNT_ID.
 */
const action = process.argv[2];
const url = process.env.DATABASE_URL!;
const accountId = process.env.ACCOUNT_ID!;
const actor = { type: 'system' as const, id: null, label: 'crash-loop' };

const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 }, { migrate: false });
const ctx = { database, secretBox: new SecretBox(randomBytes(32)) };
if (action === 'delete') {
  const preview = await previewDeleteOrphans({ ctx, accountId, kind: 'configuration' });
  console.log('go');
  await executeManageAction['orphans.delete']({ ctx, accountId, actor, params: { kind: 'configuration', confirmationToken: preview.confirmationToken } });
} else if (action === 'restore') {
  const [batch] = await queryRows<{ id: string }>(database.db, sql`select id from trash_batches where account_id = ${accountId} and restored_at is null and purged_at is null`);
  if (!batch) throw new Error('no open batch to restore');
  console.log('go');
  await executeManageAction['trash.restore']({ ctx, accountId, actor, params: { batchId: batch.id } });
} else {
  throw new Error(`unknown action ${action}`);
}
console.log('done');
await database.close();
