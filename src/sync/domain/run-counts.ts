import type { RecordKind } from '../../psa/canonical.js';
import { orphanReasons, type OrphanReason } from './link-states.js';
import type { PagePlan } from './plan-page.js';

/** What a run did, as the run history, the CLI's --json and the API report it. */
export interface RunCounts {
  created: number;
  updated: number;
  unchanged: number;
  linked: number;
  orphaned: number;
  healed: number;
  errors: number;
  skipped: number;
  /** PSA records waiting in match review (ambiguous or an admin's decision pending). */
  ambiguous: number;
  orphanedByReason: Record<OrphanReason, number>;
}

export const emptyRunCounts = (): RunCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  linked: 0,
  orphaned: 0,
  healed: 0,
  errors: 0,
  skipped: 0,
  ambiguous: 0,
  orphanedByReason: Object.fromEntries(orphanReasons.map((r) => [r, 0])) as Record<OrphanReason, number>,
});

/** Adds what the writer applied from a page (orphans are counted when they are applied, see addOrphans). */
export function addPageCounts(counts: RunCounts, applied: AppliedPage) {
  counts.created += applied.created;
  counts.linked += applied.linked;
  counts.updated += applied.updated - applied.healed;
  counts.healed += applied.healed;
  counts.unchanged += applied.unchanged;
  counts.errors += applied.errors;
  counts.skipped += applied.skipped;
  counts.ambiguous += applied.ambiguous;
}

export function addOrphans(counts: RunCounts, reasons: Iterable<OrphanReason>) {
  for (const reason of reasons) {
    counts.orphaned += 1;
    counts.orphanedByReason[reason] += 1;
  }
}

/** How many of a page's decisions the writer actually applied; a concurrent "Disable Sync" can make it fewer. */
export interface AppliedPage {
  created: number;
  linked: number;
  updated: number;
  healed: number;
  unchanged: number;
  errors: number;
  skipped: number;
  ambiguous: number;
}

export const plannedCounts = (plan: PagePlan): AppliedPage => ({
  created: plan.creates.length,
  linked: plan.links.length,
  updated: plan.updates.length,
  healed: plan.updates.filter((u) => u.healed).length,
  unchanged: plan.unchanged.length,
  errors: plan.fails.length + plan.rejects.length,
  skipped: plan.skips.length,
  ambiguous: plan.ambiguous.length,
});

/** Per kind, while a run goes: what the page and the CLI's progress bar show. */
export interface KindProgress {
  phase: 'waiting' | 'listing' | 'reconciling' | 'done' | 'skipped';
  listed: number;
  processed: number;
  /** From the previous run's listing; null on the first run. */
  estimatedTotal: number | null;
}

export type RunProgress = Record<RecordKind, KindProgress>;
