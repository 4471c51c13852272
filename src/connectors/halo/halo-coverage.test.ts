import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdCoverage } from './halo-coverage.js';

describe('IdCoverage', () => {
  it('answers membership of closed ranges and merges overlapping or adjacent ones', () => {
    const coverage = new IdCoverage();
    coverage.add(10, 20);
    coverage.add(30, 40);
    expect([9, 10, 20, 21, 29, 30, 40, 41].map((id) => coverage.has(id))).toEqual([false, true, true, false, false, true, true, false]);
    coverage.add(21, 29);
    expect(coverage.rangeCount).toBe(1);
    coverage.add(1, 3);
    coverage.add(50, 50);
    expect(coverage.rangeCount).toBe(3);
    coverage.add(2, 60);
    expect(coverage.rangeCount).toBe(1);
    expect(coverage.has(45)).toBe(true);
  });

  it('agrees with a naive set for any sequence of ranges', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 })), { maxLength: 30 }), (ranges) => {
        const coverage = new IdCoverage();
        const naive = new Set<number>();
        for (const [a, b] of ranges) {
          coverage.add(a, b);
          for (let i = Math.min(a, b); i <= Math.max(a, b); i++) naive.add(i);
        }
        for (let id = -1; id <= 202; id++) expect(coverage.has(id)).toBe(naive.has(id));
      }),
    );
  });
});
