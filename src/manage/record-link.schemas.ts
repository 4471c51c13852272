import { z } from 'zod';
import { isoDateTime } from '../http/schemas.js';
import { providerSchema } from '../integrations/integration-dto.js';
import { kindSchema, linkStateSchema, orphanReasonSchema } from './manage.schemas.js';

export const recordLinkParams = z.strictObject({
  kind: kindSchema.describe('The kind of record'),
  recordId: z.uuid().describe('The psalink record id'),
});

export const recordLinkDto = z
  .object({
    id: z.uuid().describe('The link id'),
    state: linkStateSchema,
    orphanReason: orphanReasonSchema.nullable(),
    orphanReasonText: z.string().nullable().describe('The orphan reason in words'),
    orphanedAt: isoDateTime.nullable(),
    psaId: z.string().describe("The record's id in the PSA"),
    psaTypeName: z.string().nullable().describe('PSA type name at the last sync, when the sync scopes know it'),
    psaStatusName: z.string().nullable().describe('PSA status name at the last sync, when the sync scopes know it'),
    lastSyncedAt: isoDateTime.nullable(),
    lastError: z.object({ code: z.string(), message: z.string(), at: isoDateTime.nullable() }).nullable().describe('The last sync error stored on the link'),
    provider: providerSchema,
    psaUrl: z.string().nullable().describe("Opens the record in the PSA's own web UI; null when the integration's URL does not tell where that is"),
  })
  .describe('RecordLink');
export type RecordLinkDto = z.infer<typeof recordLinkDto>;

export const recordLinkResult = z
  .object({ link: recordLinkDto.nullable().describe('Null for a local record (no PSA link)') })
  .describe('RecordLinkResult');
