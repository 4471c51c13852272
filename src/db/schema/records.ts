import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { createdAt, id, updatedAt } from './columns.js';
import { attachmentKindEnum } from './enums.js';
import {
  configurationStatuses,
  configurationTypes,
  contactTypes,
  organizationStatuses,
  organizationTypes,
} from './lookups.js';

const accountId = () =>
  uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' });

/** Trigram index for "contains" search; ILIKE '%term%' over a million rows needs it. */
const trigram = (name: string, column: unknown) => index(name).using('gin', sql`${column} gin_trgm_ops`);

/*
 * PSA-owned fields are overwritten by the sync ("the PSA wins"); `notes` is local on every record and the
 * sync never touches it.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    accountId: accountId(),
    name: text('name').notNull(),
    organizationTypeId: uuid('organization_type_id').references(() => organizationTypes.id, { onDelete: 'set null' }),
    organizationStatusId: uuid('organization_status_id').references(() => organizationStatuses.id, {
      onDelete: 'set null',
    }),
    website: text('website'),
    phone: text('phone'),
    address: text('address'),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    country: text('country'),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('organizations_account_name_idx').on(t.accountId, t.name, t.id),
    index('organizations_account_type_idx').on(t.accountId, t.organizationTypeId, t.name, t.id),
    index('organizations_account_status_idx').on(t.accountId, t.organizationStatusId, t.name, t.id),
    index('organizations_account_updated_idx').on(t.accountId, t.updatedAt, t.id),
    trigram('organizations_name_trgm_idx', t.name),
  ],
);

const organizationId = () =>
  uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export const configurations = pgTable(
  'configurations',
  {
    id: id(),
    accountId: accountId(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    configurationTypeId: uuid('configuration_type_id').references(() => configurationTypes.id, {
      onDelete: 'set null',
    }),
    configurationStatusId: uuid('configuration_status_id').references(() => configurationStatuses.id, {
      onDelete: 'set null',
    }),
    serialNumber: text('serial_number'),
    assetTag: text('asset_tag'),
    hostname: text('hostname'),
    macAddress: text('mac_address'),
    ipAddress: text('ip_address'),
    manufacturer: text('manufacturer'),
    model: text('model'),
    operatingSystem: text('operating_system'),
    warrantyExpiresOn: date('warranty_expires_on'),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('configurations_account_name_idx').on(t.accountId, t.name, t.id),
    index('configurations_account_org_idx').on(t.accountId, t.organizationId, t.name, t.id),
    index('configurations_account_type_idx').on(t.accountId, t.configurationTypeId, t.name, t.id),
    index('configurations_account_status_idx').on(t.accountId, t.configurationStatusId, t.name, t.id),
    index('configurations_account_updated_idx').on(t.accountId, t.updatedAt, t.id),
    index('configurations_account_serial_idx').on(t.accountId, t.organizationId, t.serialNumber),
    trigram('configurations_name_trgm_idx', t.name),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    accountId: accountId(),
    organizationId: organizationId(),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    /** Derived so that sorting and searching by name use one indexed column. */
    fullName: text('full_name')
      .notNull()
      .generatedAlwaysAs(sql`trim(first_name || ' ' || last_name)`),
    title: text('title'),
    contactTypeId: uuid('contact_type_id').references(() => contactTypes.id, { onDelete: 'set null' }),
    email: text('email'),
    phone: text('phone'),
    mobile: text('mobile'),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contacts_account_name_idx').on(t.accountId, t.fullName, t.id),
    index('contacts_account_org_idx').on(t.accountId, t.organizationId, t.fullName, t.id),
    index('contacts_account_type_idx').on(t.accountId, t.contactTypeId, t.fullName, t.id),
    index('contacts_account_updated_idx').on(t.accountId, t.updatedAt, t.id),
    index('contacts_account_email_idx').on(t.accountId, t.organizationId, sql`lower(${t.email})`),
    trigram('contacts_full_name_trgm_idx', t.fullName),
    trigram('contacts_email_trgm_idx', t.email),
  ],
);

/** Passwords and documents are local-only: they never come from the PSA, and are what a bad delete would lose. */
export const passwords = pgTable(
  'passwords',
  {
    id: id(),
    accountId: accountId(),
    organizationId: organizationId(),
    attachedToKind: attachmentKindEnum('attached_to_kind'),
    attachedToId: uuid('attached_to_id'),
    name: text('name').notNull(),
    username: text('username'),
    /** AES-256-GCM ciphertext (see src/shared/crypto.ts); the plain secret is never stored. */
    secretCiphertext: text('secret_ciphertext').notNull(),
    url: text('url'),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('passwords_account_org_idx').on(t.accountId, t.organizationId, t.name, t.id),
    index('passwords_account_name_idx').on(t.accountId, t.name, t.id),
    index('passwords_account_updated_idx').on(t.accountId, t.updatedAt, t.id),
    index('passwords_attached_idx').on(t.accountId, t.attachedToKind, t.attachedToId),
    trigram('passwords_name_trgm_idx', t.name),
  ],
);

export const documents = pgTable(
  'documents',
  {
    id: id(),
    accountId: accountId(),
    organizationId: organizationId(),
    attachedToKind: attachmentKindEnum('attached_to_kind'),
    attachedToId: uuid('attached_to_id'),
    title: text('title').notNull(),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('documents_account_org_idx').on(t.accountId, t.organizationId, t.title, t.id),
    index('documents_account_title_idx').on(t.accountId, t.title, t.id),
    index('documents_account_updated_idx').on(t.accountId, t.updatedAt, t.id),
    index('documents_attached_idx').on(t.accountId, t.attachedToKind, t.attachedToId),
    trigram('documents_title_trgm_idx', t.title),
  ],
);
