import type { RecordKind } from '../../psa/canonical.js';
import { orphanReasonText, type OrphanReason } from '../domain/link-states.js';
import type { PagePlan } from '../domain/plan-page.js';

/** One line of a run's drill-down: what went wrong or needs a person, for one PSA record. */
export interface RunIssue {
  kind: RecordKind;
  externalId: string;
  name: string;
  outcome: 'error' | 'ambiguous' | 'orphaned';
  reason: OrphanReason | null;
  message: string;
}

/** Keeps the first issues of a run (the run row stores them); the counts say how many there were in all. */
export class RunIssues {
  readonly items: RunIssue[] = [];
  constructor(private readonly limit = 200) {}

  add(issue: RunIssue) {
    if (this.items.length < this.limit) this.items.push(issue);
  }

  addPlan(kind: RecordKind, plan: PagePlan) {
    for (const f of plan.fails) this.add({ kind, externalId: f.record.externalId, name: f.record.name, outcome: 'error', reason: null, message: f.message });
    for (const r of plan.rejects) this.add({ kind, externalId: r.record.externalId, name: r.record.name, outcome: 'error', reason: null, message: r.message });
    for (const a of plan.ambiguous) {
      this.add({ kind, externalId: a.record.externalId, name: a.record.name, outcome: 'ambiguous', reason: null, message: `${a.candidates.length} local records could be this one: waiting in match review.` });
    }
  }

  addOrphan(kind: RecordKind, externalId: string, reason: OrphanReason) {
    this.add({ kind, externalId, name: '', outcome: 'orphaned', reason, message: orphanReasonText[reason] });
  }
}
