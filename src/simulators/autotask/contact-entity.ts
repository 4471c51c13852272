import type { SimContact } from '../world/types.js';
import { constants, defineEntity, type AtField } from './entity-model.js';

/**
 * Autotask Contacts. Unlike Companies and ConfigurationItems, `isActive` is an integer (1/0) here, as on the real
 * API. Contacts are queried at the root (`Contacts/query`) but created and updated under their company
 * (`Companies/{parentId}/Contacts`). Autotask contacts have no type; `primaryContact` mirrors the world's
 * "Primary Contact" type so that it is not lost.
 */
type Contact = SimContact;

const text = (name: string, length: number, get: (c: Contact) => string | null, required = false): AtField<Contact> => ({
  name,
  dataType: 'string',
  length,
  required,
  get,
});
const empty = (names: string[]) => names.map((name) => text(name, 100, () => ''));

export const contactsEntity = defineEntity<Contact>({
  path: 'Contacts',
  label: 'Contact',
  canCreate: true,
  canUpdate: true,
  cached: true,
  canDelete: true,
  rows: (state) => ({ ids: () => [...state.world.tables.contacts.keys()], get: (id) => state.world.get('contacts', id) }),
  udfs: [],
  fields: [
    { name: 'id', dataType: 'long', readOnly: true, required: true, get: (c) => c.id },
    ...empty(['additionalAddressInformation']),
    ...constants<Contact>('string', ['addressLine', 'addressLine1']),
    ...empty(['alternatePhone']),
    ...constants<Contact>('integer', ['apiVendorID'], null, true),
    ...constants<Contact>('datetime', ['bulkEmailOptOutTime'], null, true),
    ...empty(['city']),
    { name: 'companyID', dataType: 'integer', required: true, reference: 'Company', get: (c) => c.companyId },
    ...constants<Contact>('integer', ['companyLocationID', 'countryID']),
    { name: 'createDate', dataType: 'datetime', readOnly: true, get: (c) => c.createdAt },
    text('emailAddress', 254, (c) => c.email),
    ...constants<Contact>('string', ['emailAddress2', 'emailAddress3']),
    ...empty(['extension', 'externalID', 'facebookUrl', 'faxNumber']),
    text('firstName', 50, (c) => c.firstName, true),
    ...constants<Contact>('integer', ['impersonatorCreatorResourceID'], null, true),
    { name: 'isActive', dataType: 'integer', required: true, get: (c) => (c.active ? 1 : 0) },
    ...constants<Contact>('boolean', ['isOptedOutFromBulkEmail'], false),
    { name: 'lastActivityDate', dataType: 'datetime', readOnly: true, get: (c) => c.updatedAt },
    { name: 'lastModifiedDate', dataType: 'datetime', readOnly: true, get: (c) => c.updatedAt },
    text('lastName', 50, (c) => c.lastName, true),
    ...empty(['linkedInUrl', 'middleInitial']),
    text('mobilePhone', 25, (c) => c.mobile),
    ...constants<Contact>('integer', ['namePrefix', 'nameSuffix']),
    ...empty(['note']),
    ...constants<Contact>('boolean', ['receivesEmailNotifications'], true),
    text('phone', 25, (c) => c.phone),
    { name: 'primaryContact', dataType: 'boolean', get: (c) => c.typeIds.includes(1) },
    ...empty(['roomNumber']),
    ...constants<Contact>('boolean', ['solicitationOptOut'], false),
    ...constants<Contact>('datetime', ['solicitationOptOutTime']),
    ...empty(['state']),
    ...constants<Contact>('boolean', ['surveyOptOut'], false),
    text('title', 50, (c) => c.title),
    ...empty(['twitterUrl', 'zipCode']),
  ],
});
