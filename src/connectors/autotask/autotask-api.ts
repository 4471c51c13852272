import { PsaError } from '../../psa/psa-error.js';
import { PsaHttpClient, type PsaHttpOptions } from '../../psa/http/psa-http-client.js';
import type { AtThreshold, AtZone } from './autotask-types.js';

/**
 * Autotask REST transport: finds the tenant's zone from the configured URL (`ZoneInformation?user=`, no
 * credentials), then sends every call to the zone's API with the ApiIntegrationCode/UserName/Secret headers.
 * Requests go through PsaHttpClient with at most 3 in flight per object endpoint, Autotask's thread limit.
 */
export interface AutotaskCredentials {
  username: string;
  secret: string;
  integrationCode: string;
}

export const AUTOTASK_THREAD_LIMIT = 3;

/** `https://webservices.autotask.net/ATServicesRest`, with or without `/V1.0` and trailing slashes. */
export function serviceRoot(baseUrl: string): string {
  let root = baseUrl.trim().replace(/\/+$/, '');
  if (/\/v1\.0$/i.test(root)) root = root.slice(0, -'/V1.0'.length);
  return root;
}

export class AutotaskApi {
  readonly http: PsaHttpClient;
  readonly #zoneHttp: PsaHttpClient;
  #zone: Promise<{ apiRoot: string; zoneName: string }> | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly credentials: AutotaskCredentials,
    http: PsaHttpOptions = {},
  ) {
    const secrets = () => [credentials.secret, credentials.integrationCode, credentials.username];
    const concurrencyPerEndpoint = Math.min(http.concurrencyPerEndpoint ?? AUTOTASK_THREAD_LIMIT, AUTOTASK_THREAD_LIMIT);
    this.http = new PsaHttpClient({ ...http, concurrencyPerEndpoint, secrets });
    // A zone lookup that keeps failing is almost always a wrong URL or user name: give up sooner.
    this.#zoneHttp = new PsaHttpClient({ ...http, maxRetries: Math.min(http.maxRetries ?? 2, 2), secrets });
  }

  /** The zone's API root (…/ATServicesRest/V1.0), looked up once and remembered; a failed lookup is retried next time. */
  zone(signal?: AbortSignal): Promise<{ apiRoot: string; zoneName: string }> {
    this.#zone ??= this.#lookUpZone(signal).catch((error: unknown) => {
      this.#zone = undefined;
      throw error;
    });
    return this.#zone;
  }

  async #lookUpZone(signal?: AbortSignal) {
    let url: string;
    try {
      url = `${new URL(serviceRoot(this.baseUrl)).href.replace(/\/+$/, '')}/V1.0/ZoneInformation?user=${encodeURIComponent(this.credentials.username)}`;
    } catch {
      throw new PsaError('config', 'The Autotask API URL is not a valid URL. Use e.g. https://webservices.autotask.net/ATServicesRest.');
    }
    let zone: AtZone | undefined;
    try {
      zone = (await this.#zoneHttp.request<AtZone>({ url, signal, endpoint: 'zoneinformation' })).body;
    } catch (error) {
      throw explainZoneFailure(error);
    }
    const zoneUrl = typeof zone?.url === 'string' ? zone.url : '';
    if (!/^https?:\/\//i.test(zoneUrl)) throw new PsaError('bad_response', 'Autotask answered the zone lookup without a usable API URL.');
    return { apiRoot: `${zoneUrl.replace(/\/+$/, '')}/V1.0`, zoneName: zone?.zoneName ?? 'unknown zone' };
  }

  headers(): Record<string, string> {
    return { ApiIntegrationCode: this.credentials.integrationCode, UserName: this.credentials.username, Secret: this.credentials.secret };
  }

  /** A call to `{zone API}/{path}`; the endpoint (first path segment) groups it for the thread limit. */
  async call<T>(options: { method?: 'GET' | 'POST'; path: string; body?: unknown; signal?: AbortSignal }): Promise<T> {
    const { apiRoot } = await this.zone(options.signal);
    const response = await this.http.request<T>({
      method: options.method ?? 'GET',
      url: `${apiRoot}/${options.path}`,
      headers: this.headers(),
      body: options.body,
      endpoint: options.path.split(/[/?]/)[0]!.toLowerCase(),
      signal: options.signal,
    });
    if (response.body === undefined || response.body === null || typeof response.body !== 'object') {
      throw new PsaError('bad_response', `Autotask answered ${options.path.split('?')[0]} with an empty or non-object body.`);
    }
    return response.body;
  }

  threshold(signal?: AbortSignal): Promise<AtThreshold> {
    return this.call<AtThreshold>({ path: 'ThresholdInformation', signal });
  }
}

function explainZoneFailure(error: unknown): unknown {
  if (!(error instanceof PsaError)) return error;
  const { status } = error.details;
  if (error.errorClass === 'not_found') {
    return new PsaError('config', 'No Autotask API answered at the configured URL (no ZoneInformation there). Use e.g. https://webservices.autotask.net/ATServicesRest.', error.details);
  }
  if (status === 500) {
    // Autotask answers 500, not 404, when it cannot find the user.
    return new PsaError('auth', 'Autotask could not find a zone for the configured API user name. Check the user name (the API user\'s login, an e-mail address).', error.details);
  }
  if (error.errorClass === 'transient' && status === undefined) {
    return new PsaError('transient', `Could not reach Autotask at the configured URL. Check the URL and the network. (${error.message})`, error.details);
  }
  return error;
}
