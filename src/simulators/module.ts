import type { FastifyInstance } from 'fastify';
import type { FaultInjector } from './faults.js';
import type { SimWorld } from './world/world.js';

export type SimPsa = 'connectwise' | 'autotask' | 'halo';

export interface CredentialOption {
  /** Key in the printed credentials object, e.g. `publicKey`. */
  key: string;
  /** CLI flag, e.g. `--public-key`. */
  flag: string;
  description: string;
  default: string;
}

export interface SimContext {
  world: SimWorld;
  faults: FaultInjector;
  credentials: Record<string, string>;
  /** The server's origin, e.g. http://127.0.0.1:4010, known once it listens (for absolute paging links). */
  origin(): string;
}

/**
 * One simulated PSA: its credentials, where its API lives, its error shapes, and its routes. The shared server
 * (server.ts) adds the control API, fault injection and start-up around it.
 */
export interface SimulatorModule {
  psa: SimPsa;
  credentialOptions: CredentialOption[];
  /** The API base URL a connector is configured with, from the server's origin. */
  baseUrl(origin: string): string;
  /** Fastify routing must ignore case for Autotask, as the real service does. */
  caseInsensitivePaths?: boolean;
  /** The PSA's own error body for a status, used for injected faults. */
  errorBody(status: number, message: string): unknown;
  register(app: FastifyInstance, ctx: SimContext): void | Promise<void>;
}
