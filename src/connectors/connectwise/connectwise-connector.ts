import type { CanonicalRecord, ListOptions, PsaConnector, PsaLookups, ReconcileEntry, RecordKind } from '../../psa/canonical.js';
import { PsaHttpClient, type PsaHttpOptions } from '../../psa/http/psa-http-client.js';
import { isPsaError, PsaError } from '../../psa/psa-error.js';
import { checkConnection } from './connectwise-connection.js';
import { mapCompany, mapConfiguration, mapContact, mapLookups, mapReconcileEntry, type InactiveStatuses } from './connectwise-mapping.js';
import { forwardOnlyPages, linkedPages } from './connectwise-paging.js';
import type { CwCompany, CwCompanyInfo, CwConfiguration, CwContact, CwLookup } from './connectwise-types.js';

/** Exactly what `psalink sim connectwise` prints as its credentials. */
export interface ConnectWiseCredentials {
  /** The company id entered on the ConnectWise login screen. */
  companyId: string;
  publicKey: string;
  privateKey: string;
  /** The integration's clientId from developer.connectwise.com, sent on every call. */
  clientId: string;
}

export interface ConnectWiseConnectorOptions {
  /** The API base (`https://api-na.myconnectwise.net/v4_6_release/apis/3.0`) or just the site (`https://api-na.myconnectwise.net`): the codebase is then discovered. */
  baseUrl: string;
  credentials: ConnectWiseCredentials;
  http?: PsaHttpOptions;
  /** Records per request; ConnectWise allows at most 1000. */
  pageSize?: number;
}

const paths: Record<RecordKind, string> = { organization: 'company/companies', configuration: 'company/configurations', contact: 'company/contacts' };
const plural: Record<RecordKind, string> = { organization: 'companies', configuration: 'configurations', contact: 'contacts' };
/** Field selection for reconciliation: ids, type, status, parent and flags only. */
const idFields: Record<RecordKind, string> = {
  organization: 'id,types/id,status/id,deletedFlag',
  configuration: 'id,type/id,status/id,company/id,activeFlag',
  contact: 'id,types/id,company/id,inactiveFlag',
};
/**
 * Field selection for full records: only what the mapping reads. It halves what ConnectWise has to serialize and send
 * (every reference otherwise carries `_info` links), which matters at hundreds of thousands of configurations.
 */
const recordFields: Record<RecordKind, string> = {
  organization: 'id,identifier,name,status/id,status/name,types/id,types/name,addressLine1,addressLine2,city,state,zip,country/name,phoneNumber,website,deletedFlag,_info/lastUpdated',
  configuration:
    'id,name,type/id,type/name,status/id,status/name,company/id,serialNumber,tagNumber,macAddress,ipAddress,manufacturer/name,modelNumber,osType,warrantyExpirationDate,activeFlag,_info/lastUpdated',
  contact: 'id,firstName,lastName,title,company/id,inactiveFlag,types/id,types/name,communicationItems,_info/lastUpdated',
};
const STATUS_CACHE_MS = 60_000;

/** ConnectWise's conditions take `[2024-01-31T08:00:00Z]`; `lastUpdated` has whole seconds, so round down to include that second. */
export function changedSinceCondition(since: Date): string {
  return `_info/lastUpdated>=[${since.toISOString().slice(0, 19)}Z]`;
}

export function createConnectWiseConnector(options: ConnectWiseConnectorOptions): PsaConnector {
  return new ConnectWiseConnector(options);
}

class ConnectWiseConnector implements PsaConnector {
  readonly provider = 'connectwise' as const;
  readonly #http: PsaHttpClient;
  /** testConnection answers a person waiting on a button: one retry, not minutes of backoff. */
  readonly #probeHttp: PsaHttpClient;
  readonly #site: URL;
  readonly #headers: Record<string, string>;
  readonly #pageSize: number;
  #apiBase?: Promise<string>;
  #inactiveStatuses?: { at: number; value: Promise<InactiveStatuses> };

  constructor(private readonly options: ConnectWiseConnectorOptions) {
    for (const key of ['companyId', 'publicKey', 'privateKey', 'clientId'] as const) {
      if (typeof options.credentials?.[key] !== 'string' || !options.credentials[key].trim()) {
        throw new PsaError('config', `The ConnectWise ${key} is missing. Enter the company id, the API member's public and private key, and the integration's clientId.`);
      }
    }
    const { companyId, publicKey, privateKey, clientId } = options.credentials;
    const token = Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64');
    const secrets = [publicKey, privateKey, clientId, token];
    const http: PsaHttpOptions = { ...options.http, secrets: () => [...secrets, ...(options.http?.secrets?.() ?? [])] };
    this.#http = new PsaHttpClient(http);
    this.#probeHttp = new PsaHttpClient({ ...http, maxRetries: Math.min(http.maxRetries ?? 1, 1) });
    try {
      this.#site = new URL(options.baseUrl.replace(/\/+$/, ''));
    } catch {
      throw new PsaError('config', `The ConnectWise URL "${options.baseUrl}" is not a URL. Use your site, e.g. https://api-na.myconnectwise.net.`);
    }
    this.#headers = { authorization: `Basic ${token}`, clientId };
    this.#pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 1000));
  }

  testConnection(signal?: AbortSignal): Promise<{ message: string }> {
    return checkConnection({
      http: this.#probeHttp,
      site: this.#site,
      companyId: this.options.credentials.companyId,
      headers: this.#headers,
      apiBase: (info) => this.#resolveApiBase(info),
      signal,
    });
  }

  async listLookups(signal?: AbortSignal): Promise<PsaLookups> {
    const all = (path: string) => this.#collect(`${path}?fields=id,name,description`, path, signal).then((rows) => mapLookups(rows as CwLookup[]));
    const [organizationTypes, organizationStatuses, configurationTypes, configurationStatuses, contactTypes] = await Promise.all([
      all('company/companies/types'),
      all('company/companies/statuses'),
      all('company/configurations/types'),
      all('company/configurations/statuses'),
      all('company/contacts/types'),
    ]);
    return { organizationTypes, organizationStatuses, configurationTypes, configurationStatuses, contactTypes };
  }

  async *listRecords(kind: RecordKind, options: ListOptions = {}): AsyncIterable<CanonicalRecord[]> {
    const inactive = kind === 'organization' ? await this.#inactiveCompanyStatuses(options.signal) : new Set<number>();
    for await (const rows of this.#pages(kind, options, recordFields[kind])) {
      yield rows.map((row) => mapRecord(kind, row, inactive));
    }
  }

  async *listIds(kind: RecordKind, options: ListOptions = {}): AsyncIterable<ReconcileEntry[]> {
    const inactive = kind === 'organization' ? await this.#inactiveCompanyStatuses(options.signal) : new Set<number>();
    for await (const rows of this.#pages(kind, options, idFields[kind])) {
      yield rows.map((row) => mapReconcileEntry(kind, row, inactive));
    }
  }

  async getRecord(kind: RecordKind, externalId: string, signal?: AbortSignal): Promise<CanonicalRecord | null> {
    if (!/^\d{1,10}$/.test(externalId)) return null;
    const inactive = kind === 'organization' ? await this.#inactiveCompanyStatuses(signal) : new Set<number>();
    try {
      const response = await this.#http.request<unknown>({ url: `${await this.#base(signal)}/${paths[kind]}/${externalId}?fields=${encodeURIComponent(recordFields[kind])}`, headers: this.#headers, signal });
      return mapRecord(kind, response.body, inactive);
    } catch (error) {
      if (isPsaError(error) && error.errorClass === 'not_found') return null;
      throw error;
    }
  }

  async *#pages(kind: RecordKind, options: ListOptions, fields: string): AsyncGenerator<unknown[]> {
    const query = [
      options.changedSince ? `conditions=${encodeURIComponent(changedSinceCondition(options.changedSince))}` : '',
      `fields=${encodeURIComponent(fields)}`,
    ].filter(Boolean);
    const url = `${await this.#base(options.signal)}/${paths[kind]}${query.length ? `?${query.join('&')}` : ''}`;
    yield* forwardOnlyPages({ http: this.#http, url, headers: this.#headers, pageSize: this.#pageSize, what: plural[kind], signal: options.signal });
  }

  async #collect(pathAndQuery: string, what: string, signal?: AbortSignal): Promise<unknown[]> {
    const rows: unknown[] = [];
    for await (const page of linkedPages({ http: this.#http, url: `${await this.#base(signal)}/${pathAndQuery}`, headers: this.#headers, pageSize: 1000, what, signal })) {
      rows.push(...page);
    }
    return rows;
  }

  /** Companies have no active flag; a company is inactive when its status is flagged inactive in the status list. */
  #inactiveCompanyStatuses(signal?: AbortSignal): Promise<InactiveStatuses> {
    const cached = this.#inactiveStatuses;
    if (cached && Date.now() - cached.at < STATUS_CACHE_MS) return cached.value;
    const value = this.#collect('company/companies/statuses?fields=id,inactiveFlag', 'company statuses', signal).then(
      (rows) => new Set((rows as CwLookup[]).filter((row) => row.inactiveFlag === true).map((row) => row.id)),
    );
    this.#inactiveStatuses = { at: Date.now(), value };
    value.catch(() => (this.#inactiveStatuses = undefined));
    return value;
  }

  #base(signal?: AbortSignal): Promise<string> {
    if (!this.#apiBase) {
      this.#apiBase = this.#resolveApiBase(undefined, signal);
      this.#apiBase.catch(() => (this.#apiBase = undefined));
    }
    return this.#apiBase;
  }

  /** The API base from the configured URL, or — given only the site — from the codebase that companyinfo reports. */
  async #resolveApiBase(info: CwCompanyInfo | undefined, signal?: AbortSignal): Promise<string> {
    const path = this.#site.pathname.replace(/\/+$/, '');
    const at = path.toLowerCase().indexOf('/apis/3.0');
    if (at >= 0) return `${this.#site.origin}${path.slice(0, at)}/apis/3.0`;
    const codebase = (info ?? (await this.#companyInfo(signal))).Codebase;
    if (!codebase) throw new PsaError('config', `${this.#site.origin} did not report a ConnectWise codebase. Give the full API URL, e.g. ${this.#site.origin}/v4_6_release/apis/3.0.`);
    return `${this.#site.origin}${path}/${codebase.replace(/^\/+|\/+$/g, '')}/apis/3.0`;
  }

  async #companyInfo(signal?: AbortSignal): Promise<CwCompanyInfo> {
    const url = `${this.#site.origin}/login/companyinfo/${encodeURIComponent(this.options.credentials.companyId)}`;
    return (await this.#http.request<CwCompanyInfo>({ url, signal })).body ?? {};
  }
}

function mapRecord(kind: RecordKind, row: unknown, inactive: InactiveStatuses): CanonicalRecord {
  if (!row || typeof row !== 'object') throw new PsaError('bad_response', `ConnectWise answered a ${kind} that is not an object.`);
  switch (kind) {
    case 'organization':
      return mapCompany(row as CwCompany, inactive);
    case 'configuration':
      return mapConfiguration(row as CwConfiguration);
    case 'contact':
      return mapContact(row as CwContact);
  }
}
