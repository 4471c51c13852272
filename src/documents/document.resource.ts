import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { documents, organizations } from '../db/schema/index.js';
import { isoDateTime, name } from '../http/schemas.js';
import { attachmentFields, attachmentItemFields, validateAttachment } from '../records/attachment.js';
import { listQuerySchema } from '../records/list-query.js';
import { plainDto, type ResourceDef } from '../records/resource.js';

const fields = {
  organizationId: z.uuid(),
  title: name(300),
  bodyMarkdown: z.string().max(1_000_000).optional(),
  ...attachmentFields,
};

const item = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    title: z.string(),
    bodyMarkdown: z.string(),
    ...attachmentItemFields,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .describe('Document (markdown)');

const query = listQuerySchema(['title', 'updatedAt', 'createdAt']).extend({
  organizationId: z.uuid().optional(),
  attachedToId: z.uuid().optional(),
});

export const documentResource: ResourceDef<typeof item, z.ZodObject<typeof fields>, z.ZodType, typeof query> = {
  label: 'document',
  path: '/documents',
  tag: 'Documents',
  table: documents,
  columns: documents,
  list: {
    sortColumns: { title: documents.title, updatedAt: documents.updatedAt, createdAt: documents.createdAt },
    searchColumns: [documents.title],
  },
  schemas: { item, create: z.strictObject(fields), update: z.strictObject(fields).partial(), query },
  references: [{ field: 'organizationId', target: { table: organizations, ...organizations }, label: 'organization' }],
  filters: (q) => [
    ...(q.organizationId ? [eq(documents.organizationId, q.organizationId)] : []),
    ...(q.attachedToId ? [eq(documents.attachedToId, q.attachedToId)] : []),
  ],
  toDto: (row) => item.parse(plainDto(row)),
  validate: (db, accountId, values, existing) => validateAttachment(db, accountId, values, existing),
};
