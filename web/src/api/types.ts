/** The API's DTOs as the SPA sees them (see the *.resource.ts files of the server for the contract). */
export type Role = 'readonly' | 'editor' | 'manager' | 'admin';

export interface Session {
  user: { id: string; email: string; role: Role };
  account: { id: string; name: string };
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface LookupValue {
  id: string;
  name: string;
}

export interface Lookups {
  organizationTypes: LookupValue[];
  organizationStatuses: LookupValue[];
  configurationTypes: LookupValue[];
  configurationStatuses: LookupValue[];
  contactTypes: LookupValue[];
}

export type LookupList = keyof Lookups;

interface Timestamps {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface Organization extends Timestamps {
  name: string;
  organizationTypeId: string | null;
  organizationStatusId: string | null;
  website: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  notes: string;
}

export interface Configuration extends Timestamps {
  organizationId: string;
  name: string;
  configurationTypeId: string | null;
  configurationStatusId: string | null;
  serialNumber: string | null;
  assetTag: string | null;
  hostname: string | null;
  macAddress: string | null;
  ipAddress: string | null;
  manufacturer: string | null;
  model: string | null;
  operatingSystem: string | null;
  warrantyExpiresOn: string | null;
  notes: string;
}

export interface Contact extends Timestamps {
  organizationId: string;
  firstName: string;
  lastName: string;
  fullName: string;
  title: string | null;
  contactTypeId: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  notes: string;
}

export type AttachmentKind = 'configuration' | 'contact';

export interface Attachment {
  attachedToKind: AttachmentKind | null;
  attachedToId: string | null;
}

export interface Password extends Timestamps, Attachment {
  organizationId: string;
  name: string;
  username: string | null;
  url: string | null;
  notes: string;
}

export interface DocumentRecord extends Timestamps, Attachment {
  organizationId: string;
  title: string;
  bodyMarkdown: string;
}

/** The five record kinds by their API path segment. */
export type Kind = 'organizations' | 'configurations' | 'contacts' | 'passwords' | 'documents';

export interface RecordOf {
  organizations: Organization;
  configurations: Configuration;
  contacts: Contact;
  passwords: Password;
  documents: DocumentRecord;
}
