import type {
  CanonicalConfiguration,
  CanonicalContact,
  CanonicalOrganization,
  PsaRef,
  ReconcileEntry,
  RecordKind,
} from '../../psa/canonical.js';
import { PsaError } from '../../psa/psa-error.js';
import type { CwCommunicationItem, CwCompany, CwConfiguration, CwContact, CwLookup, CwRef } from './connectwise-types.js';

/** Company status id → whether ConnectWise flags that status inactive (companies have no active flag of their own). */
export type InactiveStatuses = ReadonlySet<number>;

const text = (value: string | undefined | null): string | null => (value === undefined || value === null || value === '' ? null : value);

function ref(value: CwRef | undefined): PsaRef | null {
  if (!value || typeof value.id !== 'number') return null;
  return { id: String(value.id), name: value.name ?? '' };
}

const refId = (value: CwRef | undefined): string | null => (value && typeof value.id === 'number' ? String(value.id) : null);

/** ConnectWise writes `2024-01-31T08:00:00Z`; canonical records carry full ISO strings. */
function isoOrNull(value: string | undefined): string | null {
  if (!value) return null;
  // The common case without parsing: hundreds of thousands of records per listing.
  if (value.length === 20 && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value)) return `${value.slice(0, 19)}.000Z`;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Every row must at least have a numeric id; anything else means the PSA answered something we cannot trust. */
export function requireId(row: unknown, what: string): number {
  const id = (row as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isInteger(id)) {
    throw new PsaError('bad_response', `ConnectWise returned a ${what} without a numeric id.`);
  }
  return id;
}

export function mapCompany(row: CwCompany, inactive: InactiveStatuses): CanonicalOrganization {
  const id = requireId(row, 'company');
  const name = row.name ?? '';
  const address = [row.addressLine1, row.addressLine2].filter((line) => line && line.trim()).join(', ');
  return {
    kind: 'organization',
    externalId: String(id),
    name,
    // ConnectWise companies may carry several types; the first one stands for the record.
    type: ref(row.types?.[0]),
    status: ref(row.status),
    parentExternalId: null,
    updatedAt: isoOrNull(row._info?.lastUpdated),
    active: !(typeof row.status?.id === 'number' && inactive.has(row.status.id)),
    deleted: row.deletedFlag === true,
    fields: {
      name,
      website: text(row.website),
      phone: text(row.phoneNumber),
      address: text(address),
      city: text(row.city),
      region: text(row.state),
      postalCode: text(row.zip),
      country: text(row.country?.name),
    },
  };
}

export function mapConfiguration(row: CwConfiguration): CanonicalConfiguration {
  const id = requireId(row, 'configuration');
  const name = row.name ?? '';
  return {
    kind: 'configuration',
    externalId: String(id),
    name,
    type: ref(row.type),
    status: ref(row.status),
    parentExternalId: refId(row.company),
    updatedAt: isoOrNull(row._info?.lastUpdated),
    active: row.activeFlag !== false,
    deleted: false,
    fields: {
      name,
      serialNumber: text(row.serialNumber),
      assetTag: text(row.tagNumber),
      // ConnectWise configurations have no host name field.
      hostname: null,
      macAddress: text(row.macAddress),
      ipAddress: text(row.ipAddress),
      manufacturer: text(row.manufacturer?.name),
      model: text(row.modelNumber),
      operatingSystem: text(row.osType),
      warrantyExpiresOn: isoOrNull(row.warrantyExpirationDate)?.slice(0, 10) ?? null,
    },
  };
}

export function mapContact(row: CwContact): CanonicalContact {
  const id = requireId(row, 'contact');
  const firstName = row.firstName ?? '';
  const lastName = row.lastName ?? '';
  const items = row.communicationItems ?? [];
  return {
    kind: 'contact',
    externalId: String(id),
    name: [firstName, lastName].filter(Boolean).join(' '),
    type: ref(row.types?.[0]),
    status: null,
    parentExternalId: refId(row.company),
    updatedAt: isoOrNull(row._info?.lastUpdated),
    active: row.inactiveFlag !== true,
    deleted: false,
    fields: {
      firstName,
      lastName,
      title: text(row.title),
      email: pick(items, (item) => isEmail(item)),
      phone: pick(items, (item) => !isEmail(item) && item.communicationType !== 'Fax' && !isMobile(item)),
      mobile: pick(items, (item) => !isEmail(item) && isMobile(item)),
    },
  };
}

const isEmail = (item: CwCommunicationItem) => item.communicationType === 'Email' || item.type?.name?.toLowerCase() === 'email';
const isMobile = (item: CwCommunicationItem) => /^(cell|mobile)/i.test(item.type?.name ?? '');

/** The default item of a kind, else the first one. */
function pick(items: CwCommunicationItem[], matches: (item: CwCommunicationItem) => boolean): string | null {
  const candidates = items.filter((item) => matches(item) && item.value);
  return text((candidates.find((item) => item.defaultFlag === true) ?? candidates[0])?.value);
}

export function mapReconcileEntry(kind: RecordKind, row: unknown, inactive: InactiveStatuses): ReconcileEntry {
  switch (kind) {
    case 'organization': {
      const company = row as CwCompany;
      return {
        externalId: String(requireId(row, 'company')),
        typeId: refId(company.types?.[0]),
        statusId: refId(company.status),
        parentExternalId: null,
        active: !(typeof company.status?.id === 'number' && inactive.has(company.status.id)),
        deleted: company.deletedFlag === true,
      };
    }
    case 'configuration': {
      const configuration = row as CwConfiguration;
      return {
        externalId: String(requireId(row, 'configuration')),
        typeId: refId(configuration.type),
        statusId: refId(configuration.status),
        parentExternalId: refId(configuration.company),
        active: configuration.activeFlag !== false,
        deleted: false,
      };
    }
    case 'contact': {
      const contact = row as CwContact;
      return {
        externalId: String(requireId(row, 'contact')),
        typeId: refId(contact.types?.[0]),
        statusId: null,
        parentExternalId: refId(contact.company),
        active: contact.inactiveFlag !== true,
        deleted: false,
      };
    }
  }
}

export function mapLookups(rows: CwLookup[]): PsaRef[] {
  return rows.map((row) => ({ id: String(requireId(row, 'lookup')), name: row.name ?? row.description ?? '' }));
}
