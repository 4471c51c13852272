import { describe, expect, it } from 'vitest';
import { defaultSyncSettings } from '../../integrations/sync-settings.js';
import { brakeTrips, type BrakeThreshold } from './safety-brake.js';

const defaults: BrakeThreshold = defaultSyncSettings.brake;
const strict: BrakeThreshold = { maxShare: 0.1, minCount: 1 };

describe('brakeTrips', () => {
  it('uses the documented defaults: more than 10% and at least 25 records', () => {
    expect(defaults).toEqual({ maxShare: 0.1, minCount: 25 });
  });

  it.each([
    // [orphaning, synced, threshold, trips]
    [0, 0, defaults, false],
    [0, 1000, defaults, false],
    [0, 0, { maxShare: 0, minCount: 0 }, false],
    // Below the count: never held, whatever the share.
    [24, 24, defaults, false],
    [24, 25, defaults, false],
    // At the count: the share decides, strictly above it.
    [25, 250, defaults, false],
    [25, 249, defaults, true],
    [25, 25, defaults, true],
    [26, 1000, defaults, false],
    [101, 1000, defaults, true],
    [100, 1000, defaults, false],
    // A large account: a count alone never holds a run that orphans a small share.
    [500, 100_000, defaults, false],
    [10_001, 100_000, defaults, true],
    // 0 synced (first run, or every link already orphaned): any orphaning at or above the count is held.
    [25, 0, defaults, true],
    [1, 0, strict, true],
    [24, 0, defaults, false],
    // Tight thresholds as tests and cautious admins set them.
    [1, 10, strict, false],
    [2, 10, strict, true],
    [1, 9, strict, true],
    [5, 10, { maxShare: 0.5, minCount: 1 }, false],
    [6, 10, { maxShare: 0.5, minCount: 1 }, true],
    // maxShare 1: only more than everything synced (or nothing synced) holds.
    [10, 10, { maxShare: 1, minCount: 1 }, false],
    [11, 10, { maxShare: 1, minCount: 1 }, true],
    // maxShare 0: any orphaning at or above the count.
    [1, 1000, { maxShare: 0, minCount: 1 }, true],
    [1, 1000, { maxShare: 0, minCount: 2 }, false],
    // minCount 0 behaves like 1: orphaning nothing never trips.
    [1, 5, { maxShare: 0.1, minCount: 0 }, true],
  ] as const)('orphaning %i of %i with %o → %s', (orphaning, synced, threshold, trips) => {
    expect(brakeTrips(orphaning, synced, threshold)).toBe(trips);
  });
});
