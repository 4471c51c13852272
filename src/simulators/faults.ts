import { z } from 'zod';

/**
 * Faults the simulators inject on demand, to prove that connectors and the sync survive a misbehaving PSA.
 * A fault applies to the PSA API (never the control API), to requests whose path contains `path` (any, if unset),
 * after letting `skip` matching requests through, for `times` requests.
 */
export const faultSpecSchema = z.strictObject({
  kind: z.enum([
    'rate_limit', // 429 with Retry-After
    'server_error', // 5xx burst
    'slow', // answer after delayMs
    'timeout', // never answer (until the client gives up)
    'drop', // close the connection without an answer
    'malformed', // 200 with a truncated JSON body
    'expired_token', // 401 as the PSA answers an expired or revoked credential
    'page_drift', // insert/delete records before serving the request (between two pages of a listing)
  ]),
  path: z.string().max(500).optional(),
  skip: z.number().int().min(0).default(0),
  times: z.number().int().min(1).max(1_000_000).default(1),
  status: z.number().int().min(500).max(599).default(503),
  delayMs: z.number().int().min(0).max(600_000).default(2_000),
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  drift: z
    .strictObject({
      kind: z.enum(['companies', 'configurations', 'contacts']),
      insert: z.number().int().min(0).max(10_000).default(0),
      delete: z.number().int().min(0).max(10_000).default(0),
    })
    .optional(),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;
export interface ActiveFault extends FaultSpec {
  id: number;
  /** Matching requests seen so far (skipped ones included). */
  seen: number;
  applied: number;
}

export class FaultInjector {
  #faults: ActiveFault[] = [];
  #nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const fault = { ...spec, id: this.#nextId++, seen: 0, applied: 0 };
    this.#faults.push(fault);
    return fault;
  }

  list(): readonly ActiveFault[] {
    return this.#faults;
  }

  clear() {
    this.#faults = [];
  }

  /** The fault this request triggers, if any; used-up faults are dropped. */
  take(path: string): ActiveFault | undefined {
    const lower = path.toLowerCase();
    for (const fault of this.#faults) {
      if (fault.path && !lower.includes(fault.path.toLowerCase())) continue;
      fault.seen++;
      if (fault.seen <= fault.skip) continue;
      fault.applied++;
      if (fault.applied >= fault.times) this.#faults = this.#faults.filter((f) => f !== fault);
      return fault;
    }
    return undefined;
  }
}
