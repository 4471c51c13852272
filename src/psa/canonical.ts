/**
 * The one shape every connector maps its PSA's records to. The sync engine knows nothing of a particular PSA: it sees
 * canonical records, reconciliation entries and lookups, and PsaErrors with a class it can react to.
 */
export type RecordKind = 'organization' | 'configuration' | 'contact';
export const recordKinds: readonly RecordKind[] = ['organization', 'configuration', 'contact'];

export type PsaProvider = 'connectwise' | 'autotask' | 'halo';

/** A PSA type or status: its id in the PSA (always a string here) and its name. */
export interface PsaRef {
  id: string;
  name: string;
}

/** PSA-owned fields, named like psalink's columns; the sync writes exactly these. */
export interface OrganizationFields {
  name: string;
  website: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface ConfigurationFields {
  name: string;
  serialNumber: string | null;
  assetTag: string | null;
  hostname: string | null;
  macAddress: string | null;
  ipAddress: string | null;
  manufacturer: string | null;
  model: string | null;
  operatingSystem: string | null;
  /** YYYY-MM-DD */
  warrantyExpiresOn: string | null;
}

export interface ContactFields {
  firstName: string;
  lastName: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
}

interface CanonicalBase<K extends RecordKind, F> {
  kind: K;
  externalId: string;
  /** Display name: company name, configuration name, or the contact's full name. */
  name: string;
  type: PsaRef | null;
  /** Contacts have no status in any of the three PSAs. */
  status: PsaRef | null;
  /** The PSA company id of a configuration or contact; null for organizations. */
  parentExternalId: string | null;
  /** ISO timestamp of the PSA's last change, when the PSA tells it. */
  updatedAt: string | null;
  /** False when the PSA marks the record inactive (configuration inactive, contact inactive, company inactive). */
  active: boolean;
  /** True when the PSA soft-deleted the record (ConnectWise deletedFlag); hard deletes simply stop listing it. */
  deleted: boolean;
  fields: F;
}

export type CanonicalOrganization = CanonicalBase<'organization', OrganizationFields>;
export type CanonicalConfiguration = CanonicalBase<'configuration', ConfigurationFields>;
export type CanonicalContact = CanonicalBase<'contact', ContactFields>;
export type CanonicalRecord = CanonicalOrganization | CanonicalConfiguration | CanonicalContact;

/** What the cheap reconciliation listing returns: enough to detect deletions and scope changes, nothing more. */
export interface ReconcileEntry {
  externalId: string;
  typeId: string | null;
  statusId: string | null;
  parentExternalId: string | null;
  active: boolean;
  deleted: boolean;
}

export interface PsaLookups {
  organizationTypes: PsaRef[];
  organizationStatuses: PsaRef[];
  configurationTypes: PsaRef[];
  configurationStatuses: PsaRef[];
  contactTypes: PsaRef[];
}

export interface ListOptions {
  /** Only records the PSA changed at or after this time. */
  changedSince?: Date;
  signal?: AbortSignal;
}

export interface PsaConnector {
  readonly provider: PsaProvider;
  /** Resolves with a short description of what was reached; throws a PsaError whose message says what to fix. */
  testConnection(signal?: AbortSignal): Promise<{ message: string }>;
  listLookups(signal?: AbortSignal): Promise<PsaLookups>;
  /** Pages of full records, in a stable order, until the listing is complete. Throws rather than end early. */
  listRecords(kind: RecordKind, options?: ListOptions): AsyncIterable<CanonicalRecord[]>;
  /** Pages of ids, types, statuses and flags only, for reconciliation. */
  listIds(kind: RecordKind, options?: ListOptions): AsyncIterable<ReconcileEntry[]>;
  /** The record, or null when the PSA answers an authoritative "not found". */
  getRecord(kind: RecordKind, externalId: string, signal?: AbortSignal): Promise<CanonicalRecord | null>;
}
