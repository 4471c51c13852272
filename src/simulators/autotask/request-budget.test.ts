import { describe, expect, it } from 'vitest';
import { HOUR_MS, RequestBudget, ThreadLimiter } from './request-budget.js';

describe('the hourly request budget', () => {
  it('counts requests in a rolling hour and forgets older ones', () => {
    let now = 0;
    const budget = new RequestBudget(10, () => now);
    budget.record(4);
    now = HOUR_MS / 2;
    budget.record(3);
    expect(budget.used()).toBe(7);
    now = HOUR_MS + 1;
    expect(budget.used()).toBe(3);
    now = HOUR_MS * 2;
    expect(budget.used()).toBe(0);
  });

  it('adds 0.5 s past half the budget, 1 s past three quarters, and refuses at the threshold', () => {
    const budget = new RequestBudget(100, () => 0);
    budget.record(49);
    expect(budget.latencyMs()).toBe(0);
    budget.record(1);
    expect(budget.latencyMs()).toBe(500);
    budget.record(25);
    expect(budget.latencyMs()).toBe(1000);
    expect(budget.exhausted()).toBe(false);
    budget.record(25);
    expect(budget.exhausted()).toBe(true);
  });
});

describe('the thread limit', () => {
  it('allows three requests in flight per endpoint', () => {
    const threads = new ThreadLimiter(3);
    expect([1, 2, 3].map(() => threads.tryAcquire('companies'))).toEqual([true, true, true]);
    expect(threads.tryAcquire('companies')).toBe(false);
    expect(threads.tryAcquire('contacts')).toBe(true);
    threads.release('companies');
    expect(threads.tryAcquire('companies')).toBe(true);
    expect(threads.inFlight('companies')).toBe(3);
  });
});
