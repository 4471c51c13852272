import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.js';
import { executeManageAction } from '../../src/manage/jobs/run-manage-job.js';
import { previewDeleteOrphans } from '../../src/manage/preview-delete-orphans.js';
import { SecretBox } from '../../src/shared/secret-box.js';
import type { MoveToTrashResult } from '../../src/trash/move-to-trash.js';
import type { ManageFixture } from '../manage-fixture.js';
import { stats } from '../support.js';
import { assertFinite, printTargets, type TargetRow } from '../targets.js';

export interface BulkBenchResult {
  scale: string;
  engine: string;
  orphans: number;
  figures: TargetRow[];
}

const actor = { type: 'system' as const, id: null, label: 'bench' };

/**
 * Scenario 4: Delete All of every orphaned configuration (each with a password and a document) into the trash, then
 * the restore of that batch, each as its job runs it (executeManageAction, one transaction). One repetition: a second
 * would measure a different database (the first left trash rows and dead tuples behind). Verified by counting rows.
 */
export async function benchBulkActions(o: { fixture: ManageFixture; scale: string; quiet?: boolean }): Promise<BulkBenchResult> {
  const { database, accountId, sizes } = o.fixture;
  const ctx = { database, secretBox: new SecretBox(randomBytes(32)) };
  const expected = sizes.orphanedConfigurations;
  const before = await rowCounts(o.fixture);

  const preview = await previewDeleteOrphans({ ctx, accountId, kind: 'configuration' });
  let started = performance.now();
  const deleted = (await executeManageAction['orphans.delete']({ ctx, accountId, actor, params: { kind: 'configuration', confirmationToken: preview.confirmationToken } })) as MoveToTrashResult;
  const deleteMs = performance.now() - started;
  const afterDelete = await rowCounts(o.fixture);
  const gone = { configurations: before.configurations - afterDelete.configurations, passwords: before.passwords - afterDelete.passwords, documents: before.documents - afterDelete.documents, links: before.links - afterDelete.links };
  for (const [table, n] of Object.entries(gone)) if (n !== expected) throw new Error(`Delete All removed ${n} ${table}, not ${expected}`);
  if (afterDelete.orphanedConfigurations !== 0) throw new Error(`${afterDelete.orphanedConfigurations} orphaned configurations are left`);

  started = performance.now();
  await executeManageAction['trash.restore']({ ctx, accountId, actor, params: { batchId: deleted.batchId } });
  const restoreMs = performance.now() - started;
  const afterRestore = await rowCounts(o.fixture);
  if (JSON.stringify(afterRestore) !== JSON.stringify(before)) throw new Error(`the restore did not bring every row back: ${JSON.stringify({ before, afterRestore })}`);

  const note = `${expected.toLocaleString('en-US')} configurations + passwords + documents + links`;
  const figures: TargetRow[] = [
    { name: 'Delete All orphaned → trash', ms: stats([deleteMs]), targetMs: 5000, note },
    { name: 'restore the batch', ms: stats([restoreMs]), targetMs: 5000, note: 'every row back (counts verified)' },
  ];
  figures.forEach(assertFinite);
  if (!o.quiet) printTargets(`Bulk actions on ${o.fixture.engine} (${o.scale}; one repetition each)`, figures);
  return { scale: o.scale, engine: o.fixture.engine, orphans: expected, figures };
}

async function rowCounts(f: ManageFixture) {
  const [row] = await queryRows<{ configurations: number; passwords: number; documents: number; links: number; orphanedConfigurations: number }>(f.database.db, sql`
    select (select count(*)::int from configurations where account_id = ${f.accountId}) as configurations,
      (select count(*)::int from passwords where account_id = ${f.accountId}) as passwords,
      (select count(*)::int from documents where account_id = ${f.accountId}) as documents,
      (select count(*)::int from psa_links where account_id = ${f.accountId} and kind = 'configuration') as links,
      (select count(*)::int from psa_links where account_id = ${f.accountId} and kind = 'configuration' and state = 'orphaned') as "orphanedConfigurations"`);
  return row!;
}
