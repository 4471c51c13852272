import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations, passwords } from '../db/schema/index.js';
import { isoDateTime, name, notes, optionalText } from '../http/schemas.js';
import { attachmentFields, attachmentItemFields, validateAttachment } from '../records/attachment.js';
import { listQuerySchema } from '../records/list-query.js';
import { plainDto, type ResourceDef } from '../records/resource.js';

const fields = {
  organizationId: z.uuid(),
  name: name(),
  username: optionalText(500),
  /** Write-only: lists and reads never return it; GET /passwords/{id}/secret reveals it. */
  secret: z.string().min(1).max(10_000),
  url: optionalText(2000),
  notes,
  ...attachmentFields,
};

const item = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    name: z.string(),
    username: z.string().nullable(),
    url: z.string().nullable(),
    notes: z.string(),
    ...attachmentItemFields,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .describe('Password (without its secret)');

const query = listQuerySchema(['name', 'updatedAt', 'createdAt']).extend({
  organizationId: z.uuid().optional(),
  attachedToId: z.uuid().optional(),
});

export const passwordResource: ResourceDef<typeof item, z.ZodObject<typeof fields>, z.ZodType, typeof query> = {
  label: 'password',
  path: '/passwords',
  tag: 'Passwords',
  table: passwords,
  columns: passwords,
  list: {
    sortColumns: { name: passwords.name, updatedAt: passwords.updatedAt, createdAt: passwords.createdAt },
    searchColumns: [passwords.name],
  },
  schemas: { item, create: z.strictObject(fields), update: z.strictObject(fields).partial(), query },
  references: [{ field: 'organizationId', target: { table: organizations, ...organizations }, label: 'organization' }],
  filters: (q) => [
    ...(q.organizationId ? [eq(passwords.organizationId, q.organizationId)] : []),
    ...(q.attachedToId ? [eq(passwords.attachedToId, q.attachedToId)] : []),
  ],
  toDto: (row) => item.parse(plainDto(row, ['secretCiphertext'])),
  toValues: ({ secret, ...rest }, ctx) =>
    typeof secret === 'string' ? { ...rest, secretCiphertext: ctx.secretBox.encrypt(secret) } : rest,
  validate: (db, accountId, values, existing) => validateAttachment(db, accountId, values, existing),
};
