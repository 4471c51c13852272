import type { CanonicalRecord, RecordKind, ReconcileEntry } from '../../psa/canonical.js';
import { PsaError } from '../../psa/psa-error.js';
import { assetEntry, clientEntry, mapAsset, mapClient, mapUser, userEntry } from './halo-mappers.js';
import type { HaloAsset, HaloClient, HaloNamed, HaloUser } from './halo-types.js';
import type { HaloPage } from './halo-paging.js';

/** A Halo record as it arrives: an object with a numeric id (the rest is read by the mappers). */
export type HaloRaw = { id: number } & Record<string, unknown>;
type Query = Record<string, string | number | boolean>;

export interface HaloResource {
  path: 'Client' | 'Asset' | 'Users';
  listKey: 'clients' | 'assets' | 'users';
  /** Full listings include inactive records (they become `active: false`, not missing). */
  fullQuery: Query;
  idQuery: Query;
  singleQuery: Query;
  map(raw: HaloRaw): CanonicalRecord;
  entry(raw: HaloRaw): ReconcileEntry;
  entryOf(record: CanonicalRecord): ReconcileEntry;
  readOne(body: unknown, what: string): HaloRaw;
}

const bothActiveAndInactive = { includeactive: true, includeinactive: true };

const entryOf = (record: CanonicalRecord): ReconcileEntry => ({
  externalId: record.externalId,
  typeId: record.type?.id ?? null,
  statusId: record.status?.id ?? null,
  parentExternalId: record.parentExternalId,
  active: record.active,
  deleted: record.deleted,
});

const isRaw = (value: unknown): value is HaloRaw =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'number';

function readOne(body: unknown, what: string): HaloRaw {
  if (!isRaw(body)) throw new PsaError('bad_response', `HaloPSA answered ${what} with something that is not a record.`);
  return body;
}

export const haloResources: Record<RecordKind, HaloResource> = {
  organization: {
    path: 'Client',
    listKey: 'clients',
    fullQuery: { ...bothActiveAndInactive, include_website: true },
    idQuery: bothActiveAndInactive,
    singleQuery: {},
    map: (raw) => mapClient(raw as unknown as HaloClient),
    entry: (raw) => clientEntry(raw as unknown as HaloClient),
    entryOf,
    readOne,
  },
  configuration: {
    path: 'Asset',
    listKey: 'assets',
    fullQuery: { ...bothActiveAndInactive, includeassetfields: true },
    idQuery: bothActiveAndInactive,
    singleQuery: {},
    map: (raw) => mapAsset(raw as unknown as HaloAsset),
    entry: (raw) => assetEntry(raw as unknown as HaloAsset),
    entryOf,
    readOne,
  },
  contact: {
    path: 'Users',
    listKey: 'users',
    fullQuery: bothActiveAndInactive,
    idQuery: bothActiveAndInactive,
    singleQuery: {},
    map: (raw) => mapUser(raw as unknown as HaloUser),
    entry: (raw) => userEntry(raw as unknown as HaloUser),
    entryOf,
    readOne,
  },
};

/** `{record_count, clients|assets|users}`: anything else is a bad response, never an empty page. */
export function readListBody(body: unknown, listKey: string, what: string): HaloPage<HaloRaw> {
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const records = object?.[listKey];
  const recordCount = object?.record_count;
  if (!Array.isArray(records) || typeof recordCount !== 'number' || !records.every(isRaw)) {
    throw new PsaError('bad_response', `HaloPSA answered ${what} without the expected record_count and ${listKey} list.`);
  }
  return { records, recordCount };
}

/** Lookups come as a plain array; some Halo versions wrap lists in an object, so take its one array if so. */
export function readNamedList(body: unknown, what: string): HaloNamed[] {
  const list = Array.isArray(body)
    ? body
    : typeof body === 'object' && body !== null
      ? Object.values(body).find((value): value is unknown[] => Array.isArray(value))
      : undefined;
  if (!list || !list.every(isRaw)) throw new PsaError('bad_response', `HaloPSA answered ${what} without a list of records.`);
  return list as HaloNamed[];
}
