import type { CanonicalRecord, PsaRef, ReconcileEntry, RecordKind } from '../../psa/canonical.js';
import type { AtItem } from './autotask-types.js';

/**
 * Autotask items → canonical records. Autotask has no status for companies or configuration items besides
 * `isActive`, so that is their status dimension (Active / Inactive); contacts have neither type nor status. Picklist
 * and reference values (company type, CI type, RMM manufacturer and model, country) are integers whose labels come
 * from the reference data.
 */
export interface ReferenceLabels {
  companyTypes: Map<string, string>;
  configurationTypes: Map<string, string>;
  manufacturers: Map<string, string>;
  models: Map<string, string>;
  countries: Map<string, string>;
}

export const emptyLabels = (): ReferenceLabels => ({
  companyTypes: new Map(),
  configurationTypes: new Map(),
  manufacturers: new Map(),
  models: new Map(),
  countries: new Map(),
});

export const activeStatus: PsaRef = { id: 'active', name: 'Active' };
export const inactiveStatus: PsaRef = { id: 'inactive', name: 'Inactive' };

const text = (value: unknown): string | null => {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
};
const idText = (value: unknown): string | null => (typeof value === 'number' && Number.isFinite(value) ? String(value) : null);
const iso = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value}Z` : value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};
/** Contacts say 1/0, companies and CIs true/false. */
const isActive = (value: unknown) => value === true || value === 1;
const ref = (id: string | null, labels: Map<string, string>): PsaRef | null => (id === null ? null : { id, name: labels.get(id) ?? id });
const label = (id: string | null, labels: Map<string, string>) => (id === null ? null : (labels.get(id) ?? null));

export function typeIdOf(kind: RecordKind, item: AtItem): string | null {
  if (kind === 'organization') return idText(item.companyType);
  if (kind === 'configuration') return idText(item.configurationItemType);
  return null;
}

export function toCanonical(kind: RecordKind, item: AtItem, labels: ReferenceLabels): CanonicalRecord {
  const active = isActive(item.isActive);
  const base = { externalId: String(item.id), active, deleted: false };
  if (kind === 'organization') {
    const name = text(item.companyName) ?? '';
    const address = [text(item.address1), text(item.address2)].filter((line) => line !== null).join(', ');
    return {
      ...base,
      kind,
      name,
      type: ref(typeIdOf(kind, item), labels.companyTypes),
      status: active ? activeStatus : inactiveStatus,
      parentExternalId: null,
      updatedAt: iso(item.lastTrackedModifiedDateTime),
      fields: {
        name,
        website: text(item.webAddress),
        phone: text(item.phone),
        address: address === '' ? null : address,
        city: text(item.city),
        region: text(item.state),
        postalCode: text(item.postalCode),
        country: label(idText(item.countryID), labels.countries),
      },
    };
  }
  if (kind === 'configuration') {
    const name = text(item.referenceTitle) ?? '';
    return {
      ...base,
      kind,
      name,
      type: ref(typeIdOf(kind, item), labels.configurationTypes),
      status: active ? activeStatus : inactiveStatus,
      parentExternalId: idText(item.companyID),
      updatedAt: iso(item.lastModifiedTime),
      fields: {
        name,
        serialNumber: text(item.serialNumber),
        assetTag: text(item.referenceNumber),
        hostname: text(item.rmmDeviceAuditHostname),
        macAddress: text(item.rmmDeviceAuditMacAddress),
        ipAddress: text(item.rmmDeviceAuditIPAddress),
        manufacturer: label(idText(item.rmmDeviceAuditManufacturerID), labels.manufacturers),
        model: label(idText(item.rmmDeviceAuditModelID), labels.models),
        operatingSystem: text(item.rmmDeviceAuditOperatingSystem),
        warrantyExpiresOn: iso(item.warrantyExpirationDate)?.slice(0, 10) ?? null,
      },
    };
  }
  const firstName = text(item.firstName) ?? '';
  const lastName = text(item.lastName) ?? '';
  return {
    ...base,
    kind,
    name: `${firstName} ${lastName}`.trim(),
    type: null,
    status: null,
    parentExternalId: idText(item.companyID),
    updatedAt: iso(item.lastModifiedDate),
    fields: {
      firstName,
      lastName,
      title: text(item.title),
      email: text(item.emailAddress),
      phone: text(item.phone),
      mobile: text(item.mobilePhone),
    },
  };
}

export function toReconcileEntry(kind: RecordKind, item: AtItem): ReconcileEntry {
  const active = isActive(item.isActive);
  return {
    externalId: String(item.id),
    typeId: typeIdOf(kind, item),
    statusId: kind === 'contact' ? null : active ? activeStatus.id : inactiveStatus.id,
    parentExternalId: kind === 'organization' ? null : idText(item.companyID),
    active,
    deleted: false,
  };
}

/** True when a page uses a picklist or reference value the labels do not know yet (added since they were read). */
export function hasUnknownLabels(kind: RecordKind, items: AtItem[], labels: ReferenceLabels): boolean {
  const unknown = (value: unknown, map: Map<string, string>) => {
    const id = idText(value);
    return id !== null && !map.has(id);
  };
  return items.some((item) =>
    kind === 'organization'
      ? unknown(item.companyType, labels.companyTypes) || unknown(item.countryID, labels.countries)
      : kind === 'configuration'
        ? unknown(item.configurationItemType, labels.configurationTypes) ||
          unknown(item.rmmDeviceAuditManufacturerID, labels.manufacturers) ||
          unknown(item.rmmDeviceAuditModelID, labels.models)
        : false,
  );
}
