import { fmt, printTable, type Stats } from '../support.js';
import type { Engine } from './sync-databases.js';

export interface SyncBenchResult {
  scale: string;
  engine: Engine;
  /** Records the full sync created: the PSA records in scope, active and valid. */
  records: number;
  simulatorRecords: number;
  listedRecords: number[];
  fullCounts: Record<string, number>[];
  full: {
    seconds: Stats;
    recordsPerSecond: number;
    /** The sync process's own CPU time; the rest of its wall time it waited on PostgreSQL and the PSA. */
    cpuSeconds: Stats;
    peakRssMb: Stats;
    listing: Stats;
    /** PostgreSQL only: COPY of the same final rows into the same, emptied tables. */
    copy: Stats | null;
    copyRows: Record<string, number>[];
    floor: Stats | null;
    ratioToFloor: number | null;
    ratioToListing: number;
  };
  /** `eligible`: records the naive run found to sync (must equal `records`); `written`: the ones it wrote (a sample when extrapolated). */
  naive: { seconds: Stats; setupSeconds: Stats; eligible: number[]; written: number[]; rows: number[]; extrapolated: boolean; ratioToSync: number };
  incremental: { seconds: Stats; floor: Stats; ratioToFloor: number; changed: number };
}

export interface EngineComparison {
  scale: string;
  records: { postgres: number; pglite: number };
  full: { postgres: Stats; pglite: Stats; ratio: number };
  incremental: { postgres: Stats; pglite: Stats; ratio: number };
  peakRssMb: { postgres: Stats; pglite: Stats };
}

/** The issue's targets; memory must not grow by more than `rssGrowth` from medium to large. */
export const targets = { fullToFloor: 2, naiveToSync: 20, peakRssMb: 300, incrementalToFloor: 1.5, rssGrowth: 0.2 };

const range = (s: Stats, digits = 2) => `${fmt(s.median, digits)} [${fmt(s.min, digits)}–${fmt(s.max, digits)}]`;
/** A figure beside its target: ✓, or how far off ("gap ×1.9", as the other scenarios print it). */
function versus(value: number | null, limit: number, kind: 'at most' | 'at least', digits = 2): string {
  if (value === null) return 'n/a';
  const gap = kind === 'at most' ? value / limit : limit / value;
  return `${fmt(value, digits)} ${gap <= 1 ? '✓' : `gap ×${fmt(gap, 1)}`}`;
}

export function printSync(results: SyncBenchResult[], comparison: EngineComparison | undefined, naiveLimit: number) {
  const engine = results[0]?.engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
  printTable(
    `1. Full initial sync into ${engine} (ConnectWise simulator over loopback; floor = bare listings + COPY of the same rows; target ≤ ${targets.fullToFloor}× floor)`,
    ['scale', 'records', 'sync s [min–max]', 'its CPU s', 'records/s', 'listing s', 'COPY s', 'floor s', '× floor', '× listing'],
    results.map((r) => [
      r.scale,
      fmt(r.records),
      range(r.full.seconds),
      fmt(r.full.cpuSeconds.median, 2),
      fmt(r.full.recordsPerSecond),
      fmt(r.full.listing.median, 2),
      r.full.copy ? fmt(r.full.copy.median, 2) : 'n/a',
      r.full.floor ? fmt(r.full.floor.median, 2) : 'n/a',
      versus(r.full.ratioToFloor, targets.fullToFloor, 'at most'),
      fmt(r.full.ratioToListing, 2),
    ]),
  );
  const extrapolated = results.some((r) => r.naive.extrapolated);
  printTable(
    `1. Naive baseline (one upsert per record, each in its own transaction; target ≥ ${targets.naiveToSync}× psalink) and memory (target ≤ ${targets.peakRssMb} MB, flat across scales)`,
    ['scale', 'naive s [min–max]', 'naive ÷ sync', 'peak RSS MB [min–max]', 'RSS vs previous scale'],
    results.map((r, i) => {
      const previous = results[i - 1];
      const growth = previous ? r.full.peakRssMb.median / previous.full.peakRssMb.median - 1 : null;
      return [
        r.scale,
        `${range(r.naive.seconds, 1)}${r.naive.extrapolated ? ' *' : ''}`,
        versus(r.naive.ratioToSync, targets.naiveToSync, 'at least', 1),
        `${versus(r.full.peakRssMb.median, targets.peakRssMb, 'at most', 0)} [${fmt(r.full.peakRssMb.min)}–${fmt(r.full.peakRssMb.max)}]`,
        growth === null ? '–' : `${growth >= 0 ? '+' : ''}${fmt(growth * 100)}%${growth > targets.rssGrowth && r.scale === 'large' ? ' ⚠ grows with the data' : ''}`,
      ];
    }),
  );
  if (extrapolated) console.log(`* naive: everything listed, ~${fmt(naiveLimit)} records written (every n-th organization and its children), the rest extrapolated from each kind's per-record rate`);
  printTable(
    `2. Incremental sync after 1% changed and 0.1% deleted (floor = its own listings: changes + id reconciliation; target ≤ ${targets.incrementalToFloor}×)`,
    ['scale', 'records changed', 'incremental s [min–max]', 'its listings s', '× floor'],
    results.map((r) => [r.scale, fmt(r.incremental.changed), range(r.incremental.seconds), fmt(r.incremental.floor.median, 2), versus(r.incremental.ratioToFloor, targets.incrementalToFloor, 'at most')]),
  );
  if (comparison) {
    const c = comparison;
    printTable(
      `6. PGlite beside PostgreSQL — sync at ${c.scale} scale, same simulator, same data (ratio = PGlite ÷ PostgreSQL)`,
      ['run', 'PostgreSQL s [min–max]', 'PGlite s [min–max]', 'PGlite ÷ PostgreSQL'],
      [
        ['full sync', range(c.full.postgres), range(c.full.pglite), fmt(c.full.ratio, 2)],
        ['incremental sync', range(c.incremental.postgres), range(c.incremental.pglite), fmt(c.incremental.ratio, 2)],
        ['peak RSS MB (full)', fmt(c.peakRssMb.postgres.median), fmt(c.peakRssMb.pglite.median), fmt(c.peakRssMb.pglite.median / c.peakRssMb.postgres.median, 2)],
      ],
    );
  }
}

/** CI runs the suite at small scale: a scenario that completes with wrong counts or absurd figures must fail it. */
export function checkSync(results: SyncBenchResult[], comparison: EngineComparison | undefined) {
  const problems: string[] = [];
  const sane = (label: string, n: number | null) => {
    if (n !== null && !(Number.isFinite(n) && n > 0)) problems.push(`${label} is ${n}`);
  };
  const saneStats = (label: string, s: Stats | null) => s && [...s.runs, s.median].forEach((n) => sane(label, n));
  for (const r of results) {
    const at = `${r.scale}:`;
    for (const listed of r.listedRecords) if (listed !== r.simulatorRecords) problems.push(`${at} the listing saw ${listed} records, the simulator has ${r.simulatorRecords}`);
    for (const c of r.fullCounts) {
      // Every PSA record is accounted for: created, or skipped (out of scope, inactive), rejected or in review.
      const accounted = (c.created ?? 0) + (c.skipped ?? 0) + (c.errors ?? 0) + (c.ambiguous ?? 0);
      if (accounted !== r.simulatorRecords) problems.push(`${at} a full sync accounted for ${accounted} records, the simulator has ${r.simulatorRecords}`);
      if (c.created !== r.records) problems.push(`${at} full syncs created ${c.created} and ${r.records} records`);
    }
    for (const rows of r.full.copyRows) {
      const records = (rows.organizations ?? 0) + (rows.contacts ?? 0) + (rows.configurations ?? 0);
      if (records !== r.records || rows.psa_links !== r.records) problems.push(`${at} COPY loaded ${records} records and ${rows.psa_links} links, the sync ${r.records}`);
    }
    r.naive.written.forEach((n, i) => {
      if (r.naive.rows[i] !== n) problems.push(`${at} the naive sync wrote ${n} records but ${r.naive.rows[i]} links`);
      if (r.naive.eligible[i] !== r.records) problems.push(`${at} the naive sync found ${r.naive.eligible[i]} records to sync, psalink ${r.records}`);
      if (!r.naive.extrapolated && n !== r.records) problems.push(`${at} the naive sync wrote ${n} records, psalink ${r.records}`);
    });
    sane(`${at} records`, r.records);
    for (const [label, s] of Object.entries({ full: r.full.seconds, rss: r.full.peakRssMb, listing: r.full.listing, copy: r.full.copy, floor: r.full.floor, naive: r.naive.seconds, incremental: r.incremental.seconds, incrementalFloor: r.incremental.floor })) saneStats(`${at} ${label}`, s);
    for (const [label, n] of Object.entries({ ratioToFloor: r.full.ratioToFloor, ratioToListing: r.full.ratioToListing, naive: r.naive.ratioToSync, incremental: r.incremental.ratioToFloor })) sane(`${at} ${label}`, n);
  }
  if (comparison) {
    if (comparison.records.pglite !== comparison.records.postgres) problems.push(`PGlite synced ${comparison.records.pglite} records, PostgreSQL ${comparison.records.postgres}`);
    sane('PGlite full ratio', comparison.full.ratio);
    sane('PGlite incremental ratio', comparison.incremental.ratio);
  }
  if (problems.length > 0) throw new Error(`sync benchmark figures are not sane:\n  ${problems.join('\n  ')}`);
}
