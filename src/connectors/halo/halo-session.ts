import type { PsaHttpClient } from '../../psa/http/psa-http-client.js';
import { PsaError, isPsaError } from '../../psa/psa-error.js';
import type { HaloToken } from './halo-types.js';

export interface HaloCredentials {
  clientId: string;
  clientSecret: string;
  /** Hosted instances: sent as `?tenant=` to the token endpoint. */
  tenant?: string;
}

/** What Halo's authorisation server said (`{"error": "invalid_client"}`), turned into something a person can fix. */
export function tokenFailure(error: PsaError, tokenUrl: string): PsaError {
  const code = /"error"\s*:\s*"([a-z_]+)"/.exec(error.message)?.[1];
  const status = error.details.status;
  const details = { status, url: tokenUrl };
  if (code === 'invalid_client' || code === 'unauthorized_client' || status === 401) {
    return new PsaError('auth', 'HaloPSA refused the client ID and secret (invalid_client). Check them and the tenant, and that the API application is active in Halo (Configuration > Integrations > HaloPSA API > Applications).', details);
  }
  if (code === 'invalid_scope') {
    return new PsaError('permission', 'The Halo API application is not allowed the "all" scope. Grant it under Configuration > Integrations > HaloPSA API > Applications > Permissions.', details);
  }
  if (code === 'unsupported_grant_type' || code === 'invalid_grant') {
    return new PsaError('config', 'The Halo API application must use the "Client ID and Secret (Services)" authentication method.', details);
  }
  if (status === 404 || status === 405) {
    return new PsaError('config', `No HaloPSA authorisation server answered at ${tokenUrl}. Set the base URL to the Halo server root (e.g. https://yourcompany.halopsa.com), without /api or /auth.`, details);
  }
  return error;
}

/**
 * Halo's OAuth client-credentials session: fetches a bearer token, reuses it until shortly before it expires, and when
 * the API answers 401 anyway (expired early, revoked) fetches a new one and retries the call once.
 */
export class HaloSession {
  #token: { value: string; renewAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(
    private readonly http: PsaHttpClient,
    private readonly baseUrl: string,
    private readonly credentials: HaloCredentials,
    private readonly scope = 'all',
  ) {}

  /** The current access token, for scrubbing it from error messages. */
  get currentToken(): string | undefined {
    return this.#token?.value;
  }

  get tokenUrl(): string {
    const tenant = this.credentials.tenant ? `?tenant=${encodeURIComponent(this.credentials.tenant)}` : '';
    return `${this.baseUrl}/auth/token${tenant}`;
  }

  async get<T>(path: string, query: Record<string, string | number | boolean> = {}, signal?: AbortSignal): Promise<T> {
    const url = new URL(`${this.baseUrl}/api/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    for (let attempt = 0; ; attempt++) {
      const token = await this.token(signal);
      try {
        const response = await this.http.request<T>({ url: url.toString(), headers: { authorization: `Bearer ${token}` }, signal });
        return response.body;
      } catch (error) {
        if (isPsaError(error) && error.errorClass === 'auth') {
          this.#forget(token);
          if (attempt === 0) continue;
          throw new PsaError('auth', 'HaloPSA refused a freshly issued access token. Check that the API application and the agent it logs in as are still active.', error.details);
        }
        throw error;
      }
    }
  }

  async token(signal?: AbortSignal): Promise<string> {
    if (this.#token && Date.now() < this.#token.renewAt) return this.#token.value;
    // One refresh at a time: concurrent calls share it.
    this.#pending ??= this.#fetchToken(signal).finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  #forget(token: string) {
    if (this.#token?.value === token) this.#token = undefined;
  }

  async #fetchToken(signal?: AbortSignal): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
      scope: this.scope,
    });
    let body: HaloToken;
    try {
      const response = await this.http.request<HaloToken>({
        method: 'POST',
        url: this.tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal,
      });
      body = response.body;
    } catch (error) {
      throw isPsaError(error) ? tokenFailure(error, this.tokenUrl) : error;
    }
    if (!body || typeof body.access_token !== 'string' || body.access_token === '') {
      throw new PsaError('bad_response', 'HaloPSA answered the token request without an access token.', { url: this.tokenUrl });
    }
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
    // Renew a little early (a tenth of the lifetime, at most a minute) so a token does not expire mid-listing.
    this.#token = { value: body.access_token, renewAt: Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
    return body.access_token;
  }
}
