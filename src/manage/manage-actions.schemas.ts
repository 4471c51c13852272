import { z } from 'zod';
import { scopeStateSchema } from '../integrations/integration-dto.js';
import { deletionPreview } from '../trash/trash.schemas.js';
import { kindSchema } from './manage.schemas.js';

/** The contract of Manage Data's write actions (and so of the OpenAPI document). */
const confirmationToken = z.string().min(1).max(200).describe('From the preview: binds the confirmation to the data as previewed');
const reason = z.string().trim().max(500).optional().describe('Why, for the trash and the audit log');
const typeExternalId = z
  .string()
  .min(1)
  .max(200)
  .nullable()
  .optional()
  .describe('Only records of this PSA type id; null: records without a type; omitted: every type');

export const recordsSyncBody = z.strictObject({
  kind: kindSchema.describe('The kind of the records'),
  ids: z.array(z.uuid()).min(1).max(1000).describe('Linked records of the kind'),
  action: z.enum(['disable', 'enable']).describe('disable: the sync leaves them alone; enable (reconnect): syncing again, refreshed at the next run'),
});
export const reconnectBody = z.strictObject({ kind: kindSchema.describe('Reconnect the disconnected records of this kind'), typeExternalId });
export const changedResult = z.object({ changed: z.number().int().describe('Records whose link changed state') }).describe('ChangedResult');

export const scopeParams = z.strictObject({ scopeId: z.uuid() });
const mode = z.enum(['pause', 'unlink', 'delete']).describe('pause: links stay, the sync skips the records; unlink: links removed, records stay local; delete: records and children to the trash');
export const disconnectPreviewBody = z.strictObject({ mode });
export const disconnectBody = z.strictObject({ mode, confirmationToken, reason });

export const manageScope = z
  .object({
    id: z.uuid(),
    kind: kindSchema,
    dimension: z.enum(['type', 'status']),
    externalId: z.string().describe('The PSA id of the type or status'),
    name: z.string(),
    state: scopeStateSchema,
  })
  .describe('ManageScope');

export const scopeDisconnectPreview = z
  .object({
    mode,
    scope: manageScope,
    links: z.number().int().describe('PSA links of the scope, any state'),
    records: z.number().int().describe('Records those links tie'),
    deletion: deletionPreview.nullable().describe('For mode delete: the records with their children per kind, local-only counts and a sample'),
    effects: z.array(z.string()).describe('What the action does, in plain words'),
    confirmationToken: z.string(),
  })
  .describe('ScopeDisconnectPreview');

export const scopeDisconnectResult = z
  .object({
    mode,
    scope: manageScope,
    changed: z.number().int().describe('pause: records paused; unlink: links removed; delete: records deleted'),
    batchId: z.uuid().nullable().describe('delete: the trash batch that undoes it'),
  })
  .describe('ScopeDisconnectResult');
export const scopeResult = z.object({ scope: manageScope }).describe('ScopeResult');

export const orphansPreviewBody = z.strictObject({ kind: kindSchema.describe('Delete the orphaned records of this kind'), typeExternalId });
export const orphansDeleteBody = orphansPreviewBody.extend({ confirmationToken, reason });
