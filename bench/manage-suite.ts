import { createManageFixture, type BenchEngine } from './manage-fixture.js';
import { benchBulkActions } from './scenarios/bulk-actions.js';
import { benchHttpLoad } from './scenarios/http-load.js';
import { benchManageData } from './scenarios/manage-data.js';

const parts = ['manage', 'bulk', 'http'] as const;
export const manageSuiteParts: readonly string[] = parts;

/**
 * Scenarios 3, 4 and 5 on one generated database (generating a million records is the slow part): the reads, then
 * Delete All and its restore (which leaves the data as it was), then HTTP load on the same data.
 */
export async function benchManageSuite(o: { scale: string; engine: string; repetitions: number; only?: string | undefined }) {
  if (o.engine !== 'postgres' && o.engine !== 'pglite') throw new Error('--db must be postgres or pglite');
  const run = (part: (typeof parts)[number]) => !o.only || o.only === part;
  const fixture = await createManageFixture({ scale: o.scale, engine: o.engine as BenchEngine, log: (line) => console.log(line) });
  const results: Record<string, unknown> = { engine: o.engine, scale: o.scale, sizes: fixture.sizes };
  try {
    if (run('manage')) results.manage = await benchManageData({ fixture, scale: o.scale, repetitions: o.repetitions });
    if (run('bulk')) results.bulk = await benchBulkActions({ fixture, scale: o.scale });
    if (run('http')) results.http = await benchHttpLoad({ fixture, seconds: o.scale === 'small' ? 3 : 10 });
  } finally {
    await fixture.close();
  }
  return results;
}
