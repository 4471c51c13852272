import { createManageFixture, type BenchEngine } from './manage-fixture.js';
import { benchBulkActions } from './scenarios/bulk-actions.js';
import { benchHttpLoad } from './scenarios/http-load.js';
import { benchManageData } from './scenarios/manage-data.js';
import { fmt, printTable } from './support.js';

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

/**
 * Scenario 6 for the Manage Data reads and the bulk actions: the same generated data on PGlite beside PostgreSQL at
 * one scale, each figure as a ratio PGlite ÷ PostgreSQL.
 */
export async function benchManagePgliteRatio(o: { scale: string; repetitions: number }) {
  const onBoth = async (engine: BenchEngine) => {
    const fixture = await createManageFixture({ scale: o.scale, engine, log: () => {} });
    try {
      const manage = await benchManageData({ fixture, scale: o.scale, repetitions: o.repetitions, quiet: true });
      const bulk = await benchBulkActions({ fixture, scale: o.scale, quiet: true });
      return [...manage.figures, ...bulk.figures];
    } finally {
      await fixture.close();
    }
  };
  const postgres = await onBoth('postgres');
  const pglite = await onBoth('pglite');
  const rows = postgres.map((pg, i) => {
    const lite = pglite[i]!;
    if (lite.name !== pg.name) throw new Error(`the engines measured different things: ${pg.name} / ${lite.name}`);
    const ratio = lite.ms.median / pg.ms.median;
    if (!Number.isFinite(ratio) || ratio <= 0) throw new Error(`${pg.name}: the PGlite ratio ${ratio} is not sane`);
    return { name: pg.name, postgresMs: pg.ms.median, pgliteMs: lite.ms.median, ratio };
  });
  printTable(
    `6. PGlite beside PostgreSQL — Manage Data and bulk actions at ${o.scale} scale, same generated data (ratio = PGlite ÷ PostgreSQL)`,
    ['measurement', 'PostgreSQL ms', 'PGlite ms', 'PGlite ÷ PostgreSQL'],
    rows.map((r) => [r.name, fmt(r.postgresMs, 1), fmt(r.pgliteMs, 1), fmt(r.ratio, 2)]),
  );
  return { scale: o.scale, rows };
}
