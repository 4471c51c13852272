import { randomBytes } from 'node:crypto';

/** Halo API permission scopes the simulator knows; `all` and `all:standard` grant everything psalink touches. */
export const knownScopes = ['all', 'all:standard', 'read:customers', 'edit:customers', 'read:assets', 'edit:assets'] as const;
export type HaloScope = (typeof knownScopes)[number];
export type Permission = 'customers' | 'assets';

export interface IssuedToken {
  accessToken: string;
  scopes: HaloScope[];
  expiresAt: Date;
}

const maxLiveTokens = 10_000;

/**
 * Opaque bearer tokens with a lifetime measured on the simulated clock, so that moving the clock forward (control API)
 * expires tokens exactly as time passing would on the real server.
 */
export class HaloTokenIssuer {
  readonly #tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly now: () => Date,
  ) {}

  issue(scopes: HaloScope[]): IssuedToken & { expiresIn: number } {
    if (this.#tokens.size >= maxLiveTokens) this.#tokens.delete(this.#tokens.keys().next().value as string);
    const token: IssuedToken = {
      accessToken: randomBytes(32).toString('base64url'),
      scopes,
      expiresAt: new Date(this.now().getTime() + this.lifetimeSeconds * 1000),
    };
    this.#tokens.set(token.accessToken, token);
    return { ...token, expiresIn: this.lifetimeSeconds };
  }

  /** The token behind an Authorization header, or why it was refused. */
  verify(authorization: string | undefined): { token: IssuedToken } | { refused: 'missing' | 'unknown' } | { expiredAt: Date } {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return { refused: 'missing' };
    const token = this.#tokens.get(match[1]!);
    if (!token) return { refused: 'unknown' };
    if (token.expiresAt.getTime() <= this.now().getTime()) return { expiredAt: token.expiresAt };
    return { token };
  }

  /** Revokes every token (a rotated secret or a deactivated application). */
  revokeAll() {
    this.#tokens.clear();
  }
}

/** Whether a token's scopes allow reading (or editing) a permission area; edit implies read, as in Halo. */
export function allows(scopes: readonly HaloScope[], permission: Permission, write: boolean): boolean {
  return scopes.some(
    (scope) => scope === 'all' || scope === 'all:standard' || scope === `edit:${permission}` || (!write && scope === `read:${permission}`),
  );
}

/** Parses the space-separated `scope` form field; undefined when a scope is unknown. */
export function parseScopes(raw: string | undefined): HaloScope[] | undefined {
  const requested = (raw ?? 'all').split(/\s+/).filter(Boolean);
  if (requested.length === 0) return ['all'];
  return requested.every((s) => (knownScopes as readonly string[]).includes(s)) ? (requested as HaloScope[]) : undefined;
}
