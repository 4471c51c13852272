/** The settings' thresholds: more than `maxShare` of a kind's synced records, and at least `minCount` of them. */
export interface BrakeThreshold {
  maxShare: number;
  minCount: number;
}

/**
 * Would orphaning `orphaning` of `synced` records of a kind trip the safety brake? Both conditions must hold: a share
 * alone would hold a run that orphans 2 of 10 records, a count alone would hold every run of a large account.
 */
export function brakeTrips(orphaning: number, synced: number, threshold: BrakeThreshold): boolean {
  if (orphaning === 0 || orphaning < threshold.minCount) return false;
  return synced === 0 || orphaning / synced > threshold.maxShare;
}
