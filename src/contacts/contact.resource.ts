import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, contactTypes, organizations } from '../db/schema/index.js';
import { isoDateTime, notes, optionalText } from '../http/schemas.js';
import { listQuerySchema } from '../records/list-query.js';
import { plainDto, type ResourceDef } from '../records/resource.js';
import { AppError } from '../shared/errors.js';

const personName = z.string().trim().max(200);

const fields = {
  organizationId: z.uuid(),
  firstName: personName.optional(),
  lastName: personName.optional(),
  title: optionalText(200),
  contactTypeId: z.uuid().nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  phone: optionalText(100),
  mobile: optionalText(100),
  notes,
};

/** A contact needs some name to be found again. */
const hasName = (c: { firstName?: string | undefined; lastName?: string | undefined }) => Boolean(c.firstName || c.lastName);

const item = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    fullName: z.string(),
    title: z.string().nullable(),
    contactTypeId: z.uuid().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    mobile: z.string().nullable(),
    notes: z.string(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .describe('Contact');

const query = listQuerySchema(['name', 'updatedAt', 'createdAt']).extend({
  organizationId: z.uuid().optional(),
  typeId: z.uuid().optional(),
});

const create = z.strictObject(fields).refine(hasName, { message: 'Give a first or last name', path: ['lastName'] });

export const contactResource: ResourceDef<typeof item, typeof create, z.ZodType, typeof query> = {
  label: 'contact',
  path: '/contacts',
  tag: 'Contacts',
  table: contacts,
  columns: contacts,
  list: {
    sortColumns: { name: contacts.fullName, updatedAt: contacts.updatedAt, createdAt: contacts.createdAt },
    searchColumns: [contacts.fullName, contacts.email],
  },
  schemas: { item, create, update: z.strictObject(fields).partial(), query },
  references: [
    { field: 'organizationId', target: { table: organizations, ...organizations }, label: 'organization' },
    { field: 'contactTypeId', target: { table: contactTypes, ...contactTypes }, label: 'contact type' },
  ],
  filters: (q) => [
    ...(q.organizationId ? [eq(contacts.organizationId, q.organizationId)] : []),
    ...(q.typeId ? [eq(contacts.contactTypeId, q.typeId)] : []),
  ],
  toDto: (row) => item.parse(plainDto(row)),
  validate: async (_db, _accountId, values, existing) => {
    const merged = { ...existing, ...values } as { firstName?: string; lastName?: string };
    if (!hasName(merged)) {
      throw new AppError('validation_failed', 'A contact needs a first or last name.', {
        issues: [{ path: 'body.lastName', message: 'Give a first or last name' }],
      });
    }
  },
};
