import { describe, expect, it } from 'vitest';
import { PsaError } from '../../psa/psa-error.js';
import { BudgetPacer } from './autotask-budget.js';

function pacer(usage: number[], options = {}) {
  const reads: number[] = [];
  const sleeps: number[] = [];
  let call = 0;
  const budget = new BudgetPacer(
    async () => {
      const used = usage[Math.min(call++, usage.length - 1)]!;
      reads.push(used);
      return { externalRequestThreshold: 100, requestThresholdTimeframe: 60, currentTimeframeRequestCount: used };
    },
    async (ms) => {
      sleeps.push(ms);
    },
    { checkEveryPages: 2, ...options },
  );
  return { budget, reads, sleeps };
}

describe('the Autotask budget pacer', () => {
  it('reads the budget before the first page and every few pages, and pauses past 50% and 75%', async () => {
    const { budget, reads, sleeps } = pacer([10, 60, 80]);
    for (let page = 0; page < 6; page++) await budget.beforePage();
    expect(reads).toEqual([10, 60, 80]);
    expect(sleeps).toEqual([250, 250, 1000, 1000]);
  });

  it('stops with rate_limited when the budget is (nearly) used up', async () => {
    const { budget } = pacer([96]);
    const error = await budget.beforePage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PsaError);
    expect((error as PsaError).errorClass).toBe('rate_limited');
    expect((error as PsaError).details.retryAfterMs).toBeGreaterThan(0);
    expect((error as PsaError).message).toMatch(/96 of 100/);
  });

  it('honours a custom stop ratio', async () => {
    const { budget } = pacer([96], { stopAtRatio: 1 });
    await expect(budget.beforePage()).resolves.toBeUndefined();
  });
});
