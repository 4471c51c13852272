import type { CanonicalRecord, ListOptions, PsaConnector, PsaLookups, ReconcileEntry, RecordKind } from '../../psa/canonical.js';
import { PsaError } from '../../psa/psa-error.js';
import type { PsaHttpOptions } from '../../psa/http/psa-http-client.js';
import { AutotaskApi, type AutotaskCredentials } from './autotask-api.js';
import { BudgetPacer, type BudgetOptions } from './autotask-budget.js';
import { activeStatus, hasUnknownLabels, inactiveStatus, toCanonical, toReconcileEntry } from './autotask-mapping.js';
import { queryAll, ReferenceData } from './autotask-reference-data.js';
import { kindSpecs, type AtItem } from './autotask-types.js';
import { describeFailure } from './describe-failure.js';

/**
 * The Autotask (Datto PSA) connector: zone lookup, header credentials, keyset paging by id (`id gt last`, Autotask
 * returns query results in id order), incremental listings on each entity's own last-modified field, IncludeFields
 * for small pages, the 3-thread limit and the hourly budget (see BudgetPacer).
 */
export interface AutotaskConnectorOptions {
  /** The Autotask API URL, e.g. https://webservices.autotask.net/ATServicesRest (the zone is looked up from it). */
  baseUrl: string;
  /**
   * Exactly what `psalink sim autotask` prints: `username`, `secret`, `integrationCode` (other keys, such as the
   * simulator's `requestBudget`, are ignored).
   */
  credentials: Partial<AutotaskCredentials> & Record<string, string>;
  http?: PsaHttpOptions;
  budget?: BudgetOptions;
  /** Records per page, 1–500 (Autotask's MaxRecords). */
  pageSize?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createAutotaskConnector(options: AutotaskConnectorOptions): PsaConnector {
  return new AutotaskConnector(options);
}

class AutotaskConnector implements PsaConnector {
  readonly provider = 'autotask' as const;
  readonly #api: AutotaskApi;
  readonly #budget: BudgetPacer;
  readonly #reference: ReferenceData;
  readonly #pageSize: number;

  constructor(options: AutotaskConnectorOptions) {
    const { username, secret, integrationCode } = options.credentials;
    if (!username || !secret || !integrationCode) throw new PsaError('config', 'Autotask needs an API user name, its secret and the API integration code.');
    this.#api = new AutotaskApi(options.baseUrl, { username, secret, integrationCode }, options.http);
    this.#budget = new BudgetPacer((signal) => this.#api.threshold(signal), options.http?.sleep ?? realSleep, options.budget);
    this.#reference = new ReferenceData(this.#api);
    this.#pageSize = Math.max(1, Math.min(500, Math.floor(options.pageSize ?? 500)));
  }

  async testConnection(signal?: AbortSignal): Promise<{ message: string }> {
    try {
      const { zoneName } = await this.#api.zone(signal);
      const version = await this.#api.call<{ majorVersion?: string; minorVersion?: string }>({ path: 'Version', signal });
      const count = await this.#api.call<{ queryCount?: number }>({ method: 'POST', path: 'Companies/query/count', body: { filter: [{ op: 'gte', field: 'id', value: 0 }] }, signal });
      const { used, threshold } = await this.#budget.check(signal);
      return {
        message: `Connected to Autotask ${version.majorVersion ?? '?'}.${version.minorVersion ?? '?'} (zone ${zoneName}): ${count.queryCount ?? 0} companies visible; ${used} of ${threshold} API requests used this hour.`,
      };
    } catch (error) {
      throw describeFailure(error);
    }
  }

  async listLookups(signal?: AbortSignal): Promise<PsaLookups> {
    await this.#reference.refresh('organization', signal);
    const configurationTypes = [];
    for await (const items of queryAll(this.#api, 'ConfigurationItemTypes', ['id', 'name', 'isActive'], [], signal)) {
      for (const item of items) configurationTypes.push({ id: String(item.id), name: typeof item.name === 'string' ? item.name : String(item.id) });
    }
    const statuses = [activeStatus, inactiveStatus];
    return {
      organizationTypes: [...this.#reference.labels.companyTypes].map(([id, name]) => ({ id, name })),
      organizationStatuses: statuses,
      configurationTypes,
      configurationStatuses: statuses,
      contactTypes: [],
    };
  }

  async *listRecords(kind: RecordKind, options: ListOptions = {}): AsyncIterable<CanonicalRecord[]> {
    await this.#reference.ensure(kind, options.signal);
    let refreshed = false;
    for await (const items of this.#pages(kind, kindSpecs[kind].recordFields, options)) {
      // A value added to a picklist since it was read: read the labels again, once per listing.
      if (!refreshed && hasUnknownLabels(kind, items, this.#reference.labels)) {
        refreshed = true;
        await this.#reference.refresh(kind, options.signal);
      }
      yield items.map((item) => toCanonical(kind, item, this.#reference.labels));
    }
  }

  async *listIds(kind: RecordKind, options: ListOptions = {}): AsyncIterable<ReconcileEntry[]> {
    for await (const items of this.#pages(kind, kindSpecs[kind].idFields, options)) yield items.map((item) => toReconcileEntry(kind, item));
  }

  async getRecord(kind: RecordKind, externalId: string, signal?: AbortSignal): Promise<CanonicalRecord | null> {
    if (!/^\d+$/.test(externalId)) return null;
    let body: { item?: unknown };
    try {
      body = await this.#api.call<{ item?: unknown }>({ path: `${kindSpecs[kind].entity}/${externalId}`, signal });
    } catch (error) {
      if (error instanceof PsaError && error.errorClass === 'not_found') return null;
      throw error;
    }
    if (body.item === null) return null;
    const item = body.item as AtItem | undefined;
    if (!item || typeof item !== 'object' || item.id !== Number(externalId)) throw new PsaError('bad_response', `Autotask answered ${kindSpecs[kind].entity}/${externalId} without that item.`);
    await this.#reference.ensure(kind, signal);
    if (hasUnknownLabels(kind, [item], this.#reference.labels)) await this.#reference.refresh(kind, signal);
    return toCanonical(kind, item, this.#reference.labels);
  }

  #pages(kind: RecordKind, fields: string[], options: ListOptions): AsyncGenerator<AtItem[]> {
    const spec = kindSpecs[kind];
    const filter = options.changedSince ? [{ op: 'gte', field: spec.modifiedField, value: options.changedSince.toISOString() }] : [];
    return queryAll(this.#api, spec.entity, fields, filter, options.signal, () => this.#budget.beforePage(options.signal), this.#pageSize);
  }
}
