import { fmt, printTable, stats, type Stats } from './support.js';

/** A figure measured against the target for it. */
export interface TargetRow {
  name: string;
  ms: Stats;
  targetMs: number;
  /** Extra columns (a count, a rate) shown after the target. */
  note?: string;
}

/** Median of `repetitions` timed calls after one unmeasured warm-up; `check` runs on every result (sanity). */
export async function measure<T>(repetitions: number, work: () => Promise<T>, check: (result: T) => void = () => {}): Promise<Stats> {
  check(await work());
  const runs: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    const result = await work();
    runs.push(performance.now() - started);
    check(result);
  }
  return stats(runs);
}

/** A figure that is not a finite positive number means the measurement broke: fail the run, never print it. */
export function assertFinite(row: { name: string; ms: Stats }) {
  for (const n of [row.ms.median, row.ms.min, row.ms.max]) if (!Number.isFinite(n) || n < 0) throw new Error(`${row.name}: ${n} is not a sane figure`);
}

export const range = (s: Stats, digits = 0) => `${fmt(s.median, digits)} [${fmt(s.min, digits)}–${fmt(s.max, digits)}]`;

/** ✓ within target, else how far off: "gap ×3.2". */
export const verdict = (median: number, target: number) => (median <= target ? '✓' : `gap ×${fmt(median / target, 1)}`);

export function printTargets(title: string, rows: TargetRow[]) {
  const digits = rows.some((r) => r.ms.median < 10) ? 1 : 0;
  printTable(
    title,
    ['measurement', 'ms median [min–max]', 'target ms', 'result', ...(rows.some((r) => r.note) ? ['note'] : [])],
    rows.map((r) => [r.name, range(r.ms, digits), `≤ ${fmt(r.targetMs)}`, verdict(r.ms.median, r.targetMs), ...(r.note ? [r.note] : [])]),
  );
}
