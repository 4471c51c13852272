/**
 * Autotask's two throttles. The request budget: external requests per database in a rolling hour (10,000 by
 * default); past 50% of it every request is delayed 0.5 s, past 75% 1 s, and at 100% requests are refused until the
 * hour rolls on. The thread limit: at most 3 requests in flight per integration and object endpoint; more are
 * refused with 429.
 */
export const HOUR_MS = 3_600_000;

export class RequestBudget {
  #times: number[] = [];
  #head = 0;

  constructor(
    readonly threshold: number,
    private readonly now: () => number,
  ) {}

  /** Requests in the rolling hour ending now. */
  used(): number {
    const cutoff = this.now() - HOUR_MS;
    while (this.#head < this.#times.length && this.#times[this.#head]! <= cutoff) this.#head++;
    if (this.#head > 4096 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
    return this.#times.length - this.#head;
  }

  exhausted(): boolean {
    return this.used() >= this.threshold;
  }

  /** Counts requests now (tests also use it to pre-fill the hour). */
  record(count = 1) {
    const at = this.now();
    for (let i = 0; i < count; i++) this.#times.push(at);
  }

  /** The delay Autotask adds at the current usage. */
  latencyMs(): number {
    const ratio = this.used() / this.threshold;
    if (ratio >= 0.75) return 1000;
    if (ratio >= 0.5) return 500;
    return 0;
  }
}

export class ThreadLimiter {
  readonly #inFlight = new Map<string, number>();

  constructor(readonly limit = 3) {}

  tryAcquire(key: string): boolean {
    const current = this.#inFlight.get(key) ?? 0;
    if (current >= this.limit) return false;
    this.#inFlight.set(key, current + 1);
    return true;
  }

  release(key: string) {
    const current = this.#inFlight.get(key) ?? 0;
    if (current <= 1) this.#inFlight.delete(key);
    else this.#inFlight.set(key, current - 1);
  }

  inFlight(key: string): number {
    return this.#inFlight.get(key) ?? 0;
  }
}
