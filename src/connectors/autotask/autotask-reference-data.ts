import type { RecordKind } from '../../psa/canonical.js';
import { PsaError } from '../../psa/psa-error.js';
import type { AutotaskApi } from './autotask-api.js';
import { emptyLabels, type ReferenceLabels } from './autotask-mapping.js';
import type { AtFieldInfo, AtItem, AtQueryPage } from './autotask-types.js';

/**
 * Labels for the integers in Autotask records: picklists from `entityInformation/fields` (company type, CI type,
 * RMM manufacturer and model) and the Countries entity. Read once per kind and re-read when a page carries a value
 * they do not know (somebody added a picklist value since).
 */
export class ReferenceData {
  readonly labels: ReferenceLabels = emptyLabels();
  readonly #loaded = new Set<RecordKind>();

  constructor(private readonly api: AutotaskApi) {}

  async ensure(kind: RecordKind, signal?: AbortSignal) {
    if (!this.#loaded.has(kind)) await this.refresh(kind, signal);
  }

  async refresh(kind: RecordKind, signal?: AbortSignal) {
    if (kind === 'organization') {
      const fields = await this.#fields('Companies', signal);
      replace(this.labels.companyTypes, picklist(fields, 'companyType'));
      replace(this.labels.countries, await this.#countries(signal));
    } else if (kind === 'configuration') {
      const fields = await this.#fields('ConfigurationItems', signal);
      replace(this.labels.configurationTypes, picklist(fields, 'configurationItemType'));
      replace(this.labels.manufacturers, picklist(fields, 'rmmDeviceAuditManufacturerID'));
      replace(this.labels.models, picklist(fields, 'rmmDeviceAuditModelID'));
    }
    this.#loaded.add(kind);
  }

  async #fields(entity: string, signal?: AbortSignal): Promise<AtFieldInfo[]> {
    const body = await this.api.call<{ fields?: unknown }>({ path: `${entity}/entityInformation/fields`, signal });
    if (!Array.isArray(body.fields)) throw new PsaError('bad_response', `Autotask answered ${entity}/entityInformation/fields without a field list.`);
    return body.fields as AtFieldInfo[];
  }

  async #countries(signal?: AbortSignal): Promise<Map<string, string>> {
    const countries = new Map<string, string>();
    for await (const items of queryAll(this.api, 'Countries', ['id', 'name', 'displayName'], [], signal)) {
      for (const item of items) {
        const name = typeof item.displayName === 'string' && item.displayName ? item.displayName : item.name;
        if (typeof name === 'string') countries.set(String(item.id), name);
      }
    }
    return countries;
  }
}

function picklist(fields: AtFieldInfo[], name: string): Map<string, string> {
  const field = fields.find((candidate) => candidate.name?.toLowerCase() === name.toLowerCase());
  const entries = (field?.picklistValues ?? []).flatMap((value) => (typeof value.value === 'string' && typeof value.label === 'string' ? [[value.value, value.label] as const] : []));
  return new Map(entries);
}

function replace(target: Map<string, string>, source: Map<string, string>) {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

/**
 * Every item matching `filter`, in id order, one page at a time: each page asks for `id > last id seen` (keyset
 * paging). Pages never overlap or skip when records are added or deleted between two pages, and a retried page is the
 * same request. Ends on an empty page or when Autotask says there is no next page; throws on anything inconsistent.
 */
export async function* queryAll(
  api: AutotaskApi,
  entity: string,
  includeFields: string[],
  filter: unknown[],
  signal?: AbortSignal,
  beforePage?: () => Promise<void>,
  pageSize = 500,
): AsyncGenerator<AtItem[]> {
  let lastId = -1;
  for (;;) {
    await beforePage?.();
    const body = { MaxRecords: pageSize, IncludeFields: includeFields, filter: [{ op: 'gt', field: 'id', value: lastId }, ...filter] };
    const page = await api.call<AtQueryPage>({ method: 'POST', path: `${entity}/query`, body, signal });
    const items = checkedItems(entity, page, lastId);
    if (items.length === 0) return;
    yield items;
    lastId = items.at(-1)!.id;
    if (!page.pageDetails || page.pageDetails.nextPageUrl === null || page.pageDetails.nextPageUrl === undefined) return;
  }
}

function checkedItems(entity: string, page: AtQueryPage, after: number): AtItem[] {
  if (!Array.isArray(page.items) || !page.pageDetails || typeof page.pageDetails !== 'object') {
    throw new PsaError('bad_response', `Autotask answered a ${entity} query without items and pageDetails.`);
  }
  let previous = after;
  for (const item of page.items as unknown[]) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'number' || !Number.isInteger(id) || id <= previous) {
      throw new PsaError('bad_response', `Autotask answered a ${entity} page whose ids are missing or out of order; the listing is not trusted.`);
    }
    previous = id;
  }
  return page.items as AtItem[];
}
