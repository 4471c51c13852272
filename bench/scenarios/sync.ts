import { randomBytes } from 'node:crypto';
import { measureCopyFloor, type CopyFloor } from '../copy-floor.js';
import { firstJsonLine, runJsonChild, spawnTs, stats } from '../support.js';
import { admin, BenchDatabase, dbUrl, type Engine } from './sync-databases.js';
import { checkSync, printSync, type EngineComparison, type SyncBenchResult } from './sync-report.js';

export type { SyncBenchResult, EngineComparison };

interface SyncRun {
  status: string;
  counts: Record<string, number>;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}
interface ListingRun {
  counts: Record<string, number>;
  seconds: number;
}
interface NaiveRun {
  eligible: Record<string, number>;
  written: Record<string, number>;
  rows: number;
  setupSeconds: number;
  estimatedSeconds: number;
}
interface Simulator {
  baseUrl: string;
  credentials: Record<string, string>;
  controlUrl: string;
}

/**
 * The naive baseline writes about this many records per repetition; beyond, it writes a sample and extrapolates its
 * per-record rate (one transaction per record: the rate hardly depends on how many came before).
 */
export const NAIVE_RECORD_LIMIT = 1_000;

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
/** What an incremental run changed: records created, updated, orphaned or healed. */
const changedBy = (c: Record<string, number>) => (c.created ?? 0) + (c.updated ?? 0) + (c.orphaned ?? 0) + (c.healed ?? 0);

/**
 * The sync against the ConnectWise simulator (a separate process, over loopback): a full initial sync into an empty
 * database beside its floor (the bare listings plus COPY of the same final rows) and a naive one-record-at-a-time
 * sync, then incremental syncs after 1% of the records changed and 0.1% were deleted beside the floor of the
 * listings they need — all measured in the same run on the same data. With `compareAt`, PGlite syncs the same
 * simulator at that scale beside PostgreSQL.
 */
export async function benchSync(options: { scales: string[]; repetitions: number; engine: Engine; compareAt?: string }) {
  const results: SyncBenchResult[] = [];
  let comparison: EngineComparison | undefined;
  const secretKey = randomBytes(32);
  const key = secretKey.toString('base64');
  // PSALINK_BENCH_CPU_PROF=<dir>: every sync run writes a V8 CPU profile there (open it in Chrome DevTools).
  const profileDir = process.env.PSALINK_BENCH_CPU_PROF;
  const syncRun = (db: BenchDatabase, ids: { accountId: string; integrationId: string }) =>
    runJsonChild<SyncRun>('bench/sync-run.ts', [ids.accountId, ids.integrationId, key, 'incremental'], db.env, profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);

  for (const scale of options.scales) {
    const simulator = spawnTs('src/cli/main.ts', ['sim', 'connectwise', '--scale', scale]);
    const main = new BenchDatabase(options.engine, `psalink_bench_${scale}`);
    const naiveDb = new BenchDatabase(options.engine, `psalink_bench_${scale}_naive`);
    const other = options.compareAt === scale ? new BenchDatabase('pglite', `psalink_bench_${scale}_pglite`) : undefined;
    try {
      const sim = await firstJsonLine<Simulator>(simulator);
      const listingArgs = ['connectwise', sim.baseUrl, JSON.stringify(sim.credentials)];
      const control = (await (await fetch(sim.controlUrl)).json()) as { counts: Record<string, number> };

      const fullRuns: SyncRun[] = [];
      const copies: CopyFloor[] = [];
      let ids = { accountId: '', integrationId: '' };
      for (let i = 0; i < options.repetitions; i++) {
        ids = await main.prepare(sim, secretKey);
        fullRuns.push(await syncRun(main, ids));
        if (options.engine === 'postgres') copies.push(await measureCopyFloor({ admin, url: dbUrl, source: main.name, target: `${main.name}_copy` }));
      }
      const otherFull: SyncRun[] = [];
      let otherIds = ids;
      for (let i = 0; other && i < options.repetitions; i++) {
        otherIds = await other.prepare(sim, secretKey);
        otherFull.push(await syncRun(other, otherIds));
      }
      const listings: ListingRun[] = [];
      for (let i = 0; i < options.repetitions; i++) listings.push(await runJsonChild<ListingRun>('bench/connector-listing.ts', listingArgs));
      const naiveRuns: NaiveRun[] = [];
      const stride = Math.ceil(fullRuns[0]!.counts.created! / NAIVE_RECORD_LIMIT);
      for (let i = 0; i < options.repetitions; i++) {
        const naiveIds = await naiveDb.prepare(sim, secretKey);
        naiveRuns.push(await runJsonChild<NaiveRun>('bench/naive-sync.ts', [naiveIds.accountId, naiveIds.integrationId, key, String(stride)], naiveDb.env));
        await naiveDb.drop();
      }

      const incrementalRuns: SyncRun[] = [];
      const otherIncremental: SyncRun[] = [];
      const incrementalListings: ListingRun[] = [];
      for (let i = 0; i < options.repetitions; i++) {
        for (const kind of ['companies', 'configurations', 'contacts']) {
          await fetch(`${sim.controlUrl}/churn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, changeFraction: 0.01, deleteFraction: 0.001, seed: i + 1 }) });
        }
        // The floor lists exactly what the run will: changes since its start point, and every id.
        const since = await main.changedSince(ids.integrationId);
        incrementalListings.push(await runJsonChild<ListingRun>('bench/connector-listing.ts', [...listingArgs, since]));
        incrementalRuns.push(await syncRun(main, ids));
        if (other) otherIncremental.push(await syncRun(other, otherIds));
      }

      for (const run of [...fullRuns, ...incrementalRuns, ...otherFull, ...otherIncremental]) {
        if (!['succeeded', 'partial'].includes(run.status)) throw new Error(`a ${scale} sync ended ${run.status}`);
      }
      const records = fullRuns[0]!.counts.created!;
      const full = stats(fullRuns.map((r) => r.seconds));
      const listing = stats(listings.map((r) => r.seconds));
      const floor = copies.length ? stats(copies.map((c, i) => c.seconds + listings[i]!.seconds)) : null;
      const naive = stats(naiveRuns.map((r) => r.estimatedSeconds));
      const incremental = stats(incrementalRuns.map((r) => r.seconds));
      const incrementalListing = stats(incrementalListings.map((r) => r.seconds));
      results.push({
        scale,
        engine: options.engine,
        records,
        simulatorRecords: sum(control.counts),
        listedRecords: listings.map((l) => sum(l.counts)),
        fullCounts: fullRuns.map((r) => r.counts),
        full: {
          seconds: full,
          recordsPerSecond: records / full.median,
          cpuSeconds: stats(fullRuns.map((r) => r.cpuSeconds)),
          peakRssMb: stats(fullRuns.map((r) => r.peakRssMb)),
          listing,
          copy: copies.length ? stats(copies.map((c) => c.seconds)) : null,
          copyRows: copies.map((c) => c.rows),
          floor,
          ratioToFloor: floor ? full.median / floor.median : null,
          ratioToListing: full.median / listing.median,
        },
        naive: {
          seconds: naive,
          setupSeconds: stats(naiveRuns.map((r) => r.setupSeconds)),
          eligible: naiveRuns.map((r) => sum(r.eligible)),
          written: naiveRuns.map((r) => sum(r.written)),
          rows: naiveRuns.map((r) => r.rows),
          extrapolated: stride > 1,
          ratioToSync: naive.median / full.median,
        },
        incremental: {
          seconds: incremental,
          floor: incrementalListing,
          ratioToFloor: incremental.median / incrementalListing.median,
          changed: changedBy(incrementalRuns[0]!.counts),
        },
      });
      if (other) {
        const pgFull = stats(otherFull.map((r) => r.seconds));
        const pgIncremental = stats(otherIncremental.map((r) => r.seconds));
        comparison = {
          scale,
          records: { postgres: records, pglite: otherFull[0]!.counts.created! },
          full: { postgres: full, pglite: pgFull, ratio: pgFull.median / full.median },
          incremental: { postgres: incremental, pglite: pgIncremental, ratio: pgIncremental.median / incremental.median },
          peakRssMb: { postgres: stats(fullRuns.map((r) => r.peakRssMb)), pglite: stats(otherFull.map((r) => r.peakRssMb)) },
        };
      }
    } finally {
      simulator.kill('SIGTERM');
      for (const db of [main, naiveDb, other]) await db?.drop().catch(() => {});
    }
  }
  printSync(results, comparison, NAIVE_RECORD_LIMIT);
  checkSync(results, comparison);
  return { runs: results, pgliteVsPostgres: comparison };
}
