/**
 * The simulators' own model of a PSA's data, shared by all three: each simulator shapes these records into its PSA's
 * JSON (ConnectWise companies, Autotask Companies, Halo Clients…). Ids are positive integers as in every real PSA.
 */
export interface SimLookup {
  id: number;
  name: string;
}

export interface SimLookups {
  companyTypes: SimLookup[];
  companyStatuses: SimLookup[];
  configurationTypes: SimLookup[];
  configurationStatuses: SimLookup[];
  contactTypes: SimLookup[];
}

interface Stamped {
  id: number;
  createdAt: Date;
  /** Set by the world on every change, from its (settable) clock. */
  updatedAt: Date;
}

export interface SimCompany extends Stamped {
  /** ConnectWise's short company identifier, unique. */
  identifier: string;
  name: string;
  typeIds: number[];
  statusId: number;
  phone: string | null;
  website: string | null;
  address1: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
  /** ConnectWise soft delete. */
  deleted: boolean;
  /** Autotask isActive / Halo inactive. */
  active: boolean;
}

export interface SimConfiguration extends Stamped {
  companyId: number;
  name: string;
  typeId: number;
  statusId: number;
  serialNumber: string | null;
  tagNumber: string | null;
  hostname: string | null;
  macAddress: string | null;
  ipAddress: string | null;
  manufacturer: string | null;
  model: string | null;
  osType: string | null;
  /** YYYY-MM-DD */
  warrantyExpiration: string | null;
  active: boolean;
}

export interface SimContact extends Stamped {
  companyId: number;
  firstName: string;
  lastName: string;
  title: string | null;
  typeIds: number[];
  email: string | null;
  phone: string | null;
  mobile: string | null;
  active: boolean;
}

export type SimKind = 'companies' | 'configurations' | 'contacts';
export type SimRecordOf<K extends SimKind> = K extends 'companies' ? SimCompany : K extends 'configurations' ? SimConfiguration : SimContact;

export interface Scale {
  orgs: number;
  configurations: number;
  contacts: number;
}

export const scales: Record<'small' | 'medium' | 'large', Scale> = {
  small: { orgs: 50, configurations: 2_000, contacts: 800 },
  medium: { orgs: 1_000, configurations: 30_000, contacts: 12_000 },
  large: { orgs: 10_000, configurations: 300_000, contacts: 100_000 },
};
