import type { CanonicalRecord, ListOptions, PsaConnector, PsaLookups, RecordKind, ReconcileEntry } from '../../psa/canonical.js';
import { PsaHttpClient, type PsaHttpOptions } from '../../psa/http/psa-http-client.js';
import { PsaError, isPsaError } from '../../psa/psa-error.js';
import { type HaloResource, haloResources, readListBody, readNamedList } from './halo-resources.js';
import { lookupRefs } from './halo-mappers.js';
import { listAllById } from './halo-paging.js';
import { type HaloCredentials, HaloSession } from './halo-session.js';

export interface HaloConnectorOptions {
  /** The Halo server root, e.g. https://yourcompany.halopsa.com (tokens at /auth/token, resources at /api). */
  baseUrl: string;
  /** `clientId`, `clientSecret` and, for hosted instances, `tenant`. */
  credentials: Record<string, string | undefined>;
  http?: PsaHttpOptions;
  /** Records per page; Halo serves large pages well. */
  pageSize?: number;
}

/** The base URL people paste often ends in /api or /auth; the connector wants the server root. */
function serverRoot(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/(api|auth)$/i, '');
}

function credentialsFrom(raw: Record<string, string | undefined>): HaloCredentials {
  const clientId = raw.clientId?.trim();
  const clientSecret = raw.clientSecret;
  if (!clientId || !clientSecret) throw new PsaError('config', 'HaloPSA needs the client ID and client secret of an API application (Configuration > Integrations > HaloPSA API > Applications).');
  return { clientId, clientSecret, tenant: raw.tenant?.trim() || undefined };
}

export function createHaloConnector(options: HaloConnectorOptions): PsaConnector {
  return new HaloConnector(options);
}

class HaloConnector implements PsaConnector {
  readonly provider = 'halo' as const;
  readonly #session: HaloSession;
  readonly #baseUrl: string;
  readonly #pageSize: number;

  constructor(options: HaloConnectorOptions) {
    this.#baseUrl = serverRoot(options.baseUrl);
    try {
      new URL(this.#baseUrl);
    } catch {
      throw new PsaError('config', `"${options.baseUrl}" is not a URL. Use the Halo server root, e.g. https://yourcompany.halopsa.com.`);
    }
    const credentials = credentialsFrom(options.credentials);
    const extraSecrets = options.http?.secrets;
    const http = new PsaHttpClient({
      ...options.http,
      secrets: () => [credentials.clientSecret, credentials.clientId, this.#session.currentToken ?? '', ...(extraSecrets?.() ?? [])],
    });
    this.#session = new HaloSession(http, this.#baseUrl, credentials);
    this.#pageSize = Math.min(Math.max(options.pageSize ?? 500, 1), 5000);
  }

  async testConnection(signal?: AbortSignal): Promise<{ message: string }> {
    const host = new URL(this.#baseUrl).host;
    await this.#session.token(signal);
    const clients = await this.#checked('customers', () => this.#session.get<unknown>('Client', { count: 1, includeinactive: true }, signal));
    const clientCount = readListBody(clients, 'clients', 'GET /api/Client').recordCount;
    const types = await this.#checked('assets', () => this.#session.get<unknown>('AssetType', {}, signal));
    const typeCount = readNamedList(types, 'GET /api/AssetType').length;
    return { message: `Connected to HaloPSA at ${host}: ${clientCount} clients and ${typeCount} asset types are readable.` };
  }

  async listLookups(signal?: AbortSignal): Promise<PsaLookups> {
    const [topLevels, assetTypes, assetStatuses] = await Promise.all([
      this.#session.get<unknown>('TopLevel', {}, signal),
      this.#session.get<unknown>('AssetType', {}, signal),
      this.#session.get<unknown>('Status', { type: 'asset' }, signal),
    ]);
    return {
      organizationTypes: lookupRefs(readNamedList(topLevels, 'GET /api/TopLevel')),
      organizationStatuses: [],
      configurationTypes: lookupRefs(readNamedList(assetTypes, 'GET /api/AssetType')),
      configurationStatuses: lookupRefs(readNamedList(assetStatuses, 'GET /api/Status')),
      contactTypes: [],
    };
  }

  /**
   * Halo has no usable "changed since" filter on clients, assets or users, so an incremental listing reads the full
   * id-ordered listing and keeps the records whose last-update stamp is at or after `changedSince` (records without
   * a stamp are kept). At Halo's page sizes this is a few seconds even for 300k assets.
   */
  async *listRecords(kind: RecordKind, options: ListOptions = {}): AsyncIterable<CanonicalRecord[]> {
    const resource = haloResources[kind];
    const since = options.changedSince?.getTime();
    for await (const page of this.#pages(resource, resource.fullQuery, options.signal)) {
      const records = page.map((raw) => resource.map(raw));
      const changed = since === undefined ? records : records.filter((r) => r.updatedAt === null || Date.parse(r.updatedAt) >= since);
      if (changed.length > 0) yield changed;
    }
  }

  /** The same listing without asset fields or website (Halo has no column selection beyond those switches). */
  async *listIds(kind: RecordKind, options: ListOptions = {}): AsyncIterable<ReconcileEntry[]> {
    const resource = haloResources[kind];
    if (options.changedSince) {
      for await (const page of this.listRecords(kind, options)) yield page.map((r) => resource.entryOf(r));
      return;
    }
    for await (const page of this.#pages(resource, resource.idQuery, options.signal)) yield page.map((raw) => resource.entry(raw));
  }

  async getRecord(kind: RecordKind, externalId: string, signal?: AbortSignal): Promise<CanonicalRecord | null> {
    if (!/^\d{1,10}$/.test(externalId)) return null;
    const resource = haloResources[kind];
    try {
      const raw = await this.#session.get<unknown>(`${resource.path}/${externalId}`, resource.singleQuery, signal);
      return resource.map(resource.readOne(raw, `GET /api/${resource.path}/{id}`));
    } catch (error) {
      if (isPsaError(error) && error.errorClass === 'not_found') return null;
      throw error;
    }
  }

  #pages(resource: HaloResource, query: Record<string, string | number | boolean>, signal?: AbortSignal) {
    const what = `GET /api/${resource.path}`;
    return listAllById(
      async ({ pageNo, pageSize, descending }) => {
        const body = await this.#session.get<unknown>(
          resource.path,
          { ...query, pageinate: true, page_size: pageSize, page_no: pageNo, order: 'id', orderdesc: descending },
          signal,
        );
        return readListBody(body, resource.listKey, what);
      },
      { pageSize: this.#pageSize },
    );
  }

  /** A 403 here means the application or its agent lacks a permission: say which. */
  async #checked<T>(area: 'customers' | 'assets', call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isPsaError(error) && error.errorClass === 'permission') {
        throw new PsaError('permission', `The Halo API application (or the agent it logs in as) cannot read ${area}. Grant read:${area} under Configuration > Integrations > HaloPSA API > Applications > Permissions.`, error.details);
      }
      throw error;
    }
  }
}
