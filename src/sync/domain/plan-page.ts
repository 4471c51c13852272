import type { CanonicalRecord } from '../../psa/canonical.js';
import { planRecord } from './plan-record.js';
import type { PlanContext, RecordDecision } from './plan-types.js';

type Of<A extends RecordDecision['action']> = Extract<RecordDecision, { action: A }>;

export interface PagePlan {
  creates: Of<'create'>[];
  links: Of<'link'>[];
  updates: Of<'update'>[];
  unchanged: Of<'unchanged'>[];
  orphans: Of<'orphan'>[];
  fails: Of<'fail'>[];
  rejects: Of<'reject'>[];
  ambiguous: Of<'ambiguous'>[];
  skips: Of<'skip'>[];
}

export const emptyPagePlan = (): PagePlan => ({
  creates: [], links: [], updates: [], unchanged: [], orphans: [], fails: [], rejects: [], ambiguous: [], skips: [],
});

/**
 * Plans a page of PSA records. Beyond planRecord, it guards the page as a whole: a PSA id listed twice is planned
 * once (the last copy wins), and two PSA records that would link to the same local record are both sent to match
 * review instead — guessing would merge two PSA records into one.
 */
export function planPage(records: readonly CanonicalRecord[], ctx: PlanContext): PagePlan {
  const unique = new Map(records.map((r) => [r.externalId, r]));
  const decisions = [...unique.values()].map((record) => planRecord(record, ctx));
  const claims = new Map<string, number>();
  for (const d of decisions) if (d.action === 'link') claims.set(d.recordId, (claims.get(d.recordId) ?? 0) + 1);

  const plan = emptyPagePlan();
  for (const decision of decisions) {
    if (decision.action === 'link' && (claims.get(decision.recordId) ?? 0) > 1) {
      plan.ambiguous.push({ action: 'ambiguous', record: decision.record, candidates: [decision.recordId] });
      continue;
    }
    (plan[bucketOf[decision.action]] as RecordDecision[]).push(decision);
  }
  return plan;
}

const bucketOf: Record<RecordDecision['action'], keyof PagePlan> = {
  create: 'creates',
  link: 'links',
  update: 'updates',
  unchanged: 'unchanged',
  orphan: 'orphans',
  fail: 'fails',
  reject: 'rejects',
  ambiguous: 'ambiguous',
  skip: 'skips',
};
