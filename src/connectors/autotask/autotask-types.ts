import type { RecordKind } from '../../psa/canonical.js';

/**
 * The parts of Autotask's REST payloads the connector reads. Values arrive as JSON from somebody else's server, so
 * every field is optional and checked where it is used.
 */
export interface AtQueryPage {
  items?: unknown;
  pageDetails?: { count?: number; requestCount?: number; prevPageUrl?: string | null; nextPageUrl?: string | null } | null;
}

export interface AtThreshold {
  externalRequestThreshold?: number;
  requestThresholdTimeframe?: number;
  currentTimeframeRequestCount?: number;
}

export interface AtZone {
  zoneName?: string;
  url?: string;
  webUrl?: string;
  ci?: number;
}

export interface AtPicklistValue {
  value?: string;
  label?: string;
  isActive?: boolean;
}

export interface AtFieldInfo {
  name?: string;
  isPickList?: boolean;
  picklistValues?: AtPicklistValue[] | null;
}

/** One raw item: whatever JSON object Autotask sent. */
export type AtItem = Record<string, unknown> & { id: number };

/** Where each kind lives in Autotask and which field tells when it last changed (it differs per entity). */
export interface KindSpec {
  entity: 'Companies' | 'ConfigurationItems' | 'Contacts';
  modifiedField: string;
  /** Fields the canonical mapping reads (IncludeFields keeps pages small). */
  recordFields: string[];
  /** Fields the cheap reconciliation listing reads. */
  idFields: string[];
}

export const kindSpecs: Record<RecordKind, KindSpec> = {
  organization: {
    entity: 'Companies',
    modifiedField: 'lastTrackedModifiedDateTime',
    recordFields: ['id', 'companyName', 'companyType', 'isActive', 'phone', 'webAddress', 'address1', 'address2', 'city', 'state', 'postalCode', 'countryID', 'lastTrackedModifiedDateTime'],
    idFields: ['id', 'companyType', 'isActive'],
  },
  configuration: {
    entity: 'ConfigurationItems',
    modifiedField: 'lastModifiedTime',
    recordFields: [
      'id', 'companyID', 'referenceTitle', 'configurationItemType', 'isActive', 'serialNumber', 'referenceNumber', 'rmmDeviceAuditHostname',
      'rmmDeviceAuditMacAddress', 'rmmDeviceAuditIPAddress', 'rmmDeviceAuditOperatingSystem', 'rmmDeviceAuditManufacturerID', 'rmmDeviceAuditModelID',
      'warrantyExpirationDate', 'lastModifiedTime',
    ],
    idFields: ['id', 'companyID', 'configurationItemType', 'isActive'],
  },
  contact: {
    entity: 'Contacts',
    modifiedField: 'lastModifiedDate',
    recordFields: ['id', 'companyID', 'firstName', 'lastName', 'title', 'emailAddress', 'phone', 'mobilePhone', 'isActive', 'lastModifiedDate'],
    idFields: ['id', 'companyID', 'isActive'],
  },
};
