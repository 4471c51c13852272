/**
 * The parts of ConnectWise PSA's JSON the connector reads (REST API 3.0). The API leaves null fields out, so every
 * field but `id` may be missing; with `fields=` only the asked-for ones are present.
 */
export interface CwRef {
  id?: number | null;
  name?: string;
  identifier?: string;
}

export interface CwInfo {
  lastUpdated?: string;
}

export interface CwCompany {
  id: number;
  identifier?: string;
  name?: string;
  status?: CwRef;
  types?: CwRef[];
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: CwRef;
  phoneNumber?: string;
  website?: string;
  deletedFlag?: boolean | null;
  _info?: CwInfo;
}

export interface CwConfiguration {
  id: number;
  name?: string;
  type?: CwRef;
  status?: CwRef;
  company?: CwRef;
  serialNumber?: string;
  modelNumber?: string;
  tagNumber?: string;
  warrantyExpirationDate?: string;
  macAddress?: string;
  ipAddress?: string;
  osType?: string;
  manufacturer?: CwRef;
  activeFlag?: boolean | null;
  _info?: CwInfo;
}

export interface CwCommunicationItem {
  type?: CwRef;
  value?: string;
  defaultFlag?: boolean | null;
  communicationType?: 'Email' | 'Fax' | 'Phone' | null;
}

export interface CwContact {
  id: number;
  firstName?: string;
  lastName?: string;
  title?: string;
  company?: CwRef;
  inactiveFlag?: boolean | null;
  communicationItems?: CwCommunicationItem[];
  types?: CwRef[];
  _info?: CwInfo;
}

/** Lookups: company types/statuses and configuration types say `name`; configuration statuses and contact types `description`. */
export interface CwLookup {
  id: number;
  name?: string;
  description?: string;
  inactiveFlag?: boolean | null;
}

/** GET /login/companyinfo/{companyId}, served at the site root without credentials. */
export interface CwCompanyInfo {
  CompanyName?: string;
  Codebase?: string;
  VersionCode?: string;
  CompanyID?: string;
  IsCloud?: boolean;
  SiteUrl?: string;
}
