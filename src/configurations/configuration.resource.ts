import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { configurations, configurationStatuses, configurationTypes, organizations } from '../db/schema/index.js';
import { isoDateTime, name, notes, optionalText } from '../http/schemas.js';
import { listQuerySchema } from '../records/list-query.js';
import { plainDto, type ResourceDef } from '../records/resource.js';

const fields = {
  organizationId: z.uuid(),
  name: name(),
  configurationTypeId: z.uuid().nullable().optional(),
  configurationStatusId: z.uuid().nullable().optional(),
  serialNumber: optionalText(200),
  assetTag: optionalText(200),
  hostname: optionalText(255),
  macAddress: optionalText(100),
  ipAddress: optionalText(100),
  manufacturer: optionalText(200),
  model: optionalText(200),
  operatingSystem: optionalText(200),
  warrantyExpiresOn: z.iso.date().nullable().optional(),
  notes,
};

const item = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    name: z.string(),
    configurationTypeId: z.uuid().nullable(),
    configurationStatusId: z.uuid().nullable(),
    serialNumber: z.string().nullable(),
    assetTag: z.string().nullable(),
    hostname: z.string().nullable(),
    macAddress: z.string().nullable(),
    ipAddress: z.string().nullable(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    operatingSystem: z.string().nullable(),
    warrantyExpiresOn: z.iso.date().nullable(),
    notes: z.string(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .describe('Configuration');

const query = listQuerySchema(['name', 'updatedAt', 'createdAt']).extend({
  organizationId: z.uuid().optional(),
  typeId: z.uuid().optional(),
  statusId: z.uuid().optional(),
});

export const configurationResource: ResourceDef<typeof item, z.ZodObject<typeof fields>, z.ZodType, typeof query> = {
  label: 'configuration',
  path: '/configurations',
  tag: 'Configurations',
  table: configurations,
  columns: configurations,
  list: {
    sortColumns: { name: configurations.name, updatedAt: configurations.updatedAt, createdAt: configurations.createdAt },
    searchColumns: [configurations.name],
  },
  schemas: { item, create: z.strictObject(fields), update: z.strictObject(fields).partial(), query },
  references: [
    { field: 'organizationId', target: { table: organizations, ...organizations }, label: 'organization' },
    { field: 'configurationTypeId', target: { table: configurationTypes, ...configurationTypes }, label: 'configuration type' },
    {
      field: 'configurationStatusId',
      target: { table: configurationStatuses, ...configurationStatuses },
      label: 'configuration status',
    },
  ],
  filters: (q) => [
    ...(q.organizationId ? [eq(configurations.organizationId, q.organizationId)] : []),
    ...(q.typeId ? [eq(configurations.configurationTypeId, q.typeId)] : []),
    ...(q.statusId ? [eq(configurations.configurationStatusId, q.statusId)] : []),
  ],
  toDto: (row) => item.parse(plainDto(row)),
};
