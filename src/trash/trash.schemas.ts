import { z } from 'zod';
import { isoDateTime } from '../http/schemas.js';
import { recordKinds } from '../psa/canonical.js';
import { recordTables, trashTableNames } from './trash-tables.js';

/** The contract of the trash and record-delete routes (and so of the OpenAPI document). */
export const batchParams = z.strictObject({ id: z.uuid() });

const kind = z.enum(recordKinds as [string, ...string[]]).describe('The kind of the records to delete');
const ids = z.array(z.uuid()).min(1).max(1000).describe('The records to delete, all of the one kind');
export const deletePreviewBody = z.strictObject({ kind, ids });
export const deleteBody = z.strictObject({
  kind,
  ids,
  confirmationToken: z.string().min(1).max(200).describe('From the delete preview'),
  reason: z.string().trim().max(500).optional().describe('Why, for the trash and the audit log'),
});

const kindCount = z.object({
  total: z.number().int(),
  localOnly: z.number().int().describe('Rows with no PSA link: data that exists only in psalink'),
});
const perTable = <T extends z.ZodType>(schema: T) => z.object(Object.fromEntries(recordTables.map((table) => [table, schema])) as Record<(typeof recordTables)[number], T>);

export const deletionPreview = z
  .object({
    kind,
    ids: z.array(z.uuid()),
    counts: perTable(kindCount).describe('The records and their child records per kind'),
    links: z.number().int().describe('PSA links removed with them'),
    syncing: z.number().int().describe('Records whose link is syncing or in error: the delete is refused until their sync is disabled'),
    sample: perTable(z.array(z.string())).describe('Up to 10 names per kind'),
    confirmationToken: z.string(),
  })
  .describe('DeletionPreview');

const trashCounts = z.record(z.string(), z.number().int()).describe('Rows per table: organizations, configurations, contacts, passwords, documents, links');
export const deleteResult = z.object({ batchId: z.uuid(), counts: trashCounts }).describe('DeletionResult');

export const trashBatch = z
  .object({
    id: z.uuid(),
    actorType: z.string(),
    actorLabel: z.string().describe('Who deleted: email, API key or the system'),
    action: z.string(),
    reason: z.string(),
    counts: trashCounts,
    createdAt: isoDateTime,
    expiresAt: isoDateTime.describe('When the daily purge removes it for good'),
    restoredAt: isoDateTime.nullable(),
    purgedAt: isoDateTime.nullable(),
  })
  .describe('TrashBatch');

export const trashQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(4000).optional(),
});
export const trashPage = z.object({ items: z.array(trashBatch), nextCursor: z.string().nullable() }).describe('TrashBatchPage');

export const trashBatchDetail = trashBatch
  .extend({
    itemCount: z.number().int(),
    items: z
      .array(z.object({ table: z.enum(trashTableNames), rowId: z.uuid(), displayName: z.string() }))
      .describe('The rows of the batch, parents first (at most 1000)'),
  })
  .describe('TrashBatchDetail');

export const batchResult = z.object({ batchId: z.uuid(), counts: trashCounts }).describe('TrashBatchResult');
export const purgeBody = z.strictObject({ confirm: z.literal('PURGE').describe('Type PURGE: the batch is removed for good') });

export const trashSettings = z
  .strictObject({ retentionDays: z.number().int().min(1).max(365).describe('Days a deleted batch stays restorable') })
  .describe('TrashSettings');
