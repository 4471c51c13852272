import { PsaError } from '../../psa/psa-error.js';
import type { AtThreshold } from './autotask-types.js';

/**
 * Keeps a listing inside Autotask's hourly request budget, which the MSP's other integrations share: reads
 * ThresholdInformation before the first page and every `checkEveryPages` pages, pauses between pages once usage
 * passes 50% and 75% (as Autotask itself slows down there), and stops with `rate_limited` at `stopAtRatio` rather
 * than lock every integration of the tenant out for the rest of the hour.
 */
export interface BudgetOptions {
  checkEveryPages?: number;
  pauseAtHalfMs?: number;
  pauseAtThreeQuartersMs?: number;
  /** Share of the budget at which listing stops (default 0.95, leaving the rest to other integrations). */
  stopAtRatio?: number;
}

const defaults: Required<BudgetOptions> = { checkEveryPages: 20, pauseAtHalfMs: 250, pauseAtThreeQuartersMs: 1000, stopAtRatio: 0.95 };
/** When to try again once the budget is used up: the hour rolls, so a while — not immediately. */
export const BUDGET_RETRY_AFTER_MS = 10 * 60_000;

export class BudgetPacer {
  readonly #options: Required<BudgetOptions>;
  #pagesUntilCheck = 0;
  #pauseMs = 0;

  constructor(
    private readonly readThreshold: (signal?: AbortSignal) => Promise<AtThreshold>,
    private readonly sleep: (ms: number) => Promise<void>,
    options: BudgetOptions = {},
  ) {
    this.#options = { ...defaults, ...options };
  }

  async beforePage(signal?: AbortSignal) {
    if (this.#pagesUntilCheck <= 0) {
      await this.check(signal);
      this.#pagesUntilCheck = this.#options.checkEveryPages;
    }
    this.#pagesUntilCheck--;
    if (this.#pauseMs > 0) await this.sleep(this.#pauseMs);
  }

  /** Reads the budget now; throws rate_limited when it is (nearly) used up. Returns the usage for messages. */
  async check(signal?: AbortSignal): Promise<{ used: number; threshold: number }> {
    const info = await this.readThreshold(signal);
    const threshold = info.externalRequestThreshold ?? 0;
    const used = info.currentTimeframeRequestCount ?? 0;
    if (!(threshold > 0)) {
      this.#pauseMs = 0;
      return { used, threshold };
    }
    const ratio = used / threshold;
    if (ratio >= this.#options.stopAtRatio) {
      throw new PsaError(
        'rate_limited',
        `Autotask's hourly API budget is used up (${used} of ${threshold} requests in the last ${info.requestThresholdTimeframe ?? 60} minutes). The sync stops here so that the tenant's other integrations keep working, and continues in a later run.`,
        { retryAfterMs: BUDGET_RETRY_AFTER_MS },
      );
    }
    this.#pauseMs = ratio >= 0.75 ? this.#options.pauseAtThreeQuartersMs : ratio >= 0.5 ? this.#options.pauseAtHalfMs : 0;
    return { used, threshold };
  }
}
