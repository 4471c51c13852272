import type { PsaProvider } from '../../src/psa/canonical.js';
import { fmt, firstJsonLine, printTable, runJsonChild, spawnTs, stats, type Stats } from '../support.js';

interface ListingRun {
  counts: Record<string, number>;
  seconds: number;
  peakRssMb: number;
}

export interface ConnectorListingResult {
  provider: PsaProvider;
  scale: string;
  records: number;
  seconds: Stats;
  recordsPerSecond: number;
  peakRssMb: Stats;
  /** Seconds of one more listing with the V8 heap capped (see HEAP_CAP_MB), or null when it ran out of memory. */
  heapCappedSeconds: number | null;
}

/**
 * RSS alone cannot tell streaming from retention (V8 grows its heap lazily). A full listing that completes with the
 * heap capped far below the data size proves the connector holds one page at a time.
 */
const HEAP_CAP_MB = 32;

/**
 * Full listing of every kind through each connector, against its simulator in a separate process. Memory is reported
 * per scale side by side: a streaming connector's peak does not grow with the data.
 */
export async function benchConnectorListing(options: { providers: PsaProvider[]; scales: string[]; repetitions: number }) {
  const results: ConnectorListingResult[] = [];
  for (const provider of options.providers) {
    for (const scale of options.scales) {
      const simulator = spawnTs('src/cli/main.ts', ['sim', provider, '--scale', scale]);
      try {
        const sim = await firstJsonLine<{ baseUrl: string; credentials: Record<string, string> }>(simulator);
        const runs: ListingRun[] = [];
        for (let i = 0; i < options.repetitions; i++) {
          runs.push(await runJsonChild<ListingRun>('bench/connector-listing.ts', [provider, sim.baseUrl, JSON.stringify(sim.credentials)]));
        }
        const records = Object.values(runs[0]!.counts).reduce((a, b) => a + b, 0);
        if (runs.some((r) => Object.values(r.counts).reduce((a, b) => a + b, 0) !== records)) {
          throw new Error(`${provider} ${scale}: listings disagree on the record count`);
        }
        const seconds = stats(runs.map((r) => r.seconds));
        const capped = await runJsonChild<ListingRun>('bench/connector-listing.ts', [provider, sim.baseUrl, JSON.stringify(sim.credentials)], {}, [`--max-old-space-size=${HEAP_CAP_MB}`]).catch(() => null);
        const cappedComplete = capped && Object.values(capped.counts).reduce((a, b) => a + b, 0) === records;
        results.push({
          provider,
          scale,
          records,
          seconds,
          recordsPerSecond: records / seconds.median,
          peakRssMb: stats(runs.map((r) => r.peakRssMb)),
          heapCappedSeconds: cappedComplete ? capped.seconds : null,
        });
      } finally {
        simulator.kill('SIGTERM');
      }
    }
  }
  printTable(
    'Connector full listing over loopback (all kinds; median of runs, [min–max])',
    ['psa', 'scale', 'records', 'seconds', 'records/s', 'peak RSS MB', `with a ${HEAP_CAP_MB} MB heap`],
    results.map((r) => [
      r.provider,
      r.scale,
      fmt(r.records),
      `${fmt(r.seconds.median, 2)} [${fmt(r.seconds.min, 2)}–${fmt(r.seconds.max, 2)}]`,
      fmt(r.recordsPerSecond),
      `${fmt(r.peakRssMb.median)} [${fmt(r.peakRssMb.min)}–${fmt(r.peakRssMb.max)}]`,
      r.heapCappedSeconds === null ? 'OUT OF MEMORY' : `completes, ${fmt(r.heapCappedSeconds, 2)} s`,
    ]),
  );
  return results;
}
