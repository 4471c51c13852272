import pLimit, { type LimitFunction } from 'p-limit';
import { PsaError, type PsaErrorClass } from '../psa-error.js';

export interface PsaHttpOptions {
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt, for rate limits, 5xx, timeouts, dropped connections and malformed bodies. */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** At most this many requests in flight per endpoint key (Autotask allows 3 per endpoint). */
  concurrencyPerEndpoint?: number;
  /** Secret values (keys, passwords, tokens) scrubbed from every error message. */
  secrets?: () => string[];
  /** Tests shorten waits with this. */
  sleep?: (ms: number) => Promise<void>;
}

export interface PsaRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Groups requests for the concurrency limit; defaults to the URL's path. */
  endpoint?: string;
  signal?: AbortSignal;
}

export interface PsaResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

const defaults = { timeoutMs: 30_000, maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

/**
 * HTTP for connectors: timeouts, retries with exponential backoff and jitter that honour Retry-After, a concurrency
 * limit per endpoint, and failures classified as PsaErrors whose messages never contain a credential.
 */
export class PsaHttpClient {
  readonly #options: Required<Omit<PsaHttpOptions, 'concurrencyPerEndpoint' | 'secrets' | 'sleep'>> & PsaHttpOptions;
  readonly #limits = new Map<string, LimitFunction>();

  constructor(options: PsaHttpOptions = {}) {
    this.#options = { ...defaults, ...options };
  }

  async request<T>(request: PsaRequest): Promise<PsaResponse<T>> {
    const endpoint = request.endpoint ?? new URL(request.url).pathname.toLowerCase();
    const limit = this.#limitFor(endpoint);
    let attempt = 0;
    for (;;) {
      try {
        return await (limit ? limit(() => this.#once<T>(request)) : this.#once<T>(request));
      } catch (error) {
        const psaError = error instanceof PsaError ? error : this.#classifyThrown(error, request);
        if (request.signal?.aborted) throw request.signal.reason;
        if (!psaError.retryable && psaError.errorClass !== 'bad_response') throw psaError;
        if (attempt >= this.#options.maxRetries || (psaError.errorClass === 'bad_response' && attempt >= 2)) throw psaError;
        attempt++;
        await (this.#options.sleep ?? ((ms) => realSleep(ms, request.signal)))(this.#delay(attempt, psaError.details.retryAfterMs));
      }
    }
  }

  #limitFor(endpoint: string): LimitFunction | undefined {
    const concurrency = this.#options.concurrencyPerEndpoint;
    if (!concurrency) return undefined;
    let limit = this.#limits.get(endpoint);
    if (!limit) this.#limits.set(endpoint, (limit = pLimit(concurrency)));
    return limit;
  }

  #delay(attempt: number, retryAfterMs: number | undefined): number {
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, this.#options.maxDelayMs * 4);
    const exponential = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (attempt - 1));
    return exponential / 2 + Math.random() * (exponential / 2);
  }

  async #once<T>(request: PsaRequest): Promise<PsaResponse<T>> {
    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(request.url, { method: request.method ?? 'GET', headers, body, signal });
    const text = await response.text();
    if (!response.ok) throw this.#classifyStatus(response, text, request);
    if (response.status === 204 || text.length === 0) return { status: response.status, headers: response.headers, body: undefined as T };
    try {
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as T };
    } catch {
      throw new PsaError('bad_response', `The PSA answered ${describe(request, this.#scrub)} with a body that is not valid JSON.`, { status: response.status });
    }
  }

  #classifyStatus(response: Response, text: string, request: PsaRequest): PsaError {
    const status = response.status;
    const what = describe(request, this.#scrub);
    const said = this.#scrub(text.slice(0, 300));
    const classes: [(s: number) => boolean, PsaErrorClass, string][] = [
      [(s) => s === 401, 'auth', 'The PSA refused the credentials (401). Check them, and that the API member is active.'],
      [(s) => s === 403, 'permission', 'The PSA credentials lack permission for this (403). Grant the API member access to it.'],
      [(s) => s === 404, 'not_found', `The PSA has no such record (404) for ${what}.`],
      [(s) => s === 429, 'rate_limited', 'The PSA is rate limiting us (429).'],
      [(s) => s === 408 || s >= 500, 'transient', `The PSA failed with ${status} on ${what}.`],
    ];
    const match = classes.find(([test]) => test(status));
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const [, errorClass, message] = match ?? [null, 'config' as const, `The PSA rejected ${what} with ${status}.`];
    return new PsaError(errorClass, said ? `${message} It said: ${said}` : message, { status, retryAfterMs, url: this.#scrub(request.url) });
  }

  #classifyThrown(error: unknown, request: PsaRequest): PsaError {
    const name = (error as { name?: string }).name;
    const what = describe(request, this.#scrub);
    if (name === 'TimeoutError') return new PsaError('transient', `The PSA did not answer ${what} within ${this.#options.timeoutMs} ms.`);
    if (name === 'AbortError') return new PsaError('transient', `The request ${what} was aborted.`);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return new PsaError('transient', `Could not reach the PSA for ${what}${cause ? ` (${cause})` : ''}.`);
  }

  readonly #scrub = (text: string): string => {
    let out = text;
    for (const secret of this.#options.secrets?.() ?? []) {
      if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
    }
    return out;
  };
}

function describe(request: PsaRequest, scrub: (s: string) => string): string {
  const url = new URL(request.url);
  return `${request.method ?? 'GET'} ${scrub(url.pathname)}`;
}

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
