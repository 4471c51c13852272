import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations, organizationStatuses, organizationTypes } from '../db/schema/index.js';
import { isoDateTime, name, notes, optionalText } from '../http/schemas.js';
import { listQuerySchema } from '../records/list-query.js';
import { plainDto, type ResourceDef } from '../records/resource.js';

const fields = {
  name: name(),
  organizationTypeId: z.uuid().nullable().optional(),
  organizationStatusId: z.uuid().nullable().optional(),
  website: optionalText(500),
  phone: optionalText(100),
  address: optionalText(),
  city: optionalText(200),
  region: optionalText(200),
  postalCode: optionalText(50),
  country: optionalText(200),
  notes,
};

const item = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organizationTypeId: z.uuid().nullable(),
    organizationStatusId: z.uuid().nullable(),
    website: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().nullable(),
    notes: z.string(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .describe('Organization');

const query = listQuerySchema(['name', 'updatedAt', 'createdAt']).extend({
  typeId: z.uuid().optional(),
  statusId: z.uuid().optional(),
});

export const organizationResource: ResourceDef<typeof item, z.ZodObject<typeof fields>, z.ZodType, typeof query> = {
  label: 'organization',
  path: '/organizations',
  tag: 'Organizations',
  table: organizations,
  columns: organizations,
  list: {
    sortColumns: { name: organizations.name, updatedAt: organizations.updatedAt, createdAt: organizations.createdAt },
    searchColumns: [organizations.name],
  },
  schemas: { item, create: z.strictObject(fields), update: z.strictObject(fields).partial(), query },
  references: [
    { field: 'organizationTypeId', target: { table: organizationTypes, ...organizationTypes }, label: 'organization type' },
    { field: 'organizationStatusId', target: { table: organizationStatuses, ...organizationStatuses }, label: 'organization status' },
  ],
  filters: (q) => [
    ...(q.typeId ? [eq(organizations.organizationTypeId, q.typeId)] : []),
    ...(q.statusId ? [eq(organizations.organizationStatusId, q.statusId)] : []),
  ],
  toDto: (row) => item.parse(plainDto(row)),
};
