import { z } from 'zod';
import { scopeStateSchema } from '../integrations/integration-dto.js';
import { isoDateTime } from '../http/schemas.js';
import { linkStates, orphanReasons } from '../sync/domain/link-states.js';

export const kindSchema = z.enum(['organization', 'configuration', 'contact']);
export const linkStateSchema = z.enum(linkStates);
export const orphanReasonSchema = z.enum(orphanReasons);

const stateCounts = z
  .object({ syncing: z.number().int(), orphaned: z.number().int(), disabled: z.number().int(), error: z.number().int(), total: z.number().int() })
  .describe('LinkStateCounts');
const reasonCounts = z
  .object({ deleted_in_psa: z.number().int(), inactive_in_psa: z.number().int(), excluded_by_settings: z.number().int(), parent_not_synced: z.number().int(), total: z.number().int() })
  .describe('OrphanReasonCounts');

const syncedScope = z
  .object({
    scopeId: z.uuid(),
    dimension: z.enum(['type', 'status']),
    externalId: z.string().describe('The PSA id of the type or status'),
    name: z.string(),
    state: scopeStateSchema.describe('The scope state: enabled, excluded (not chosen in settings), paused or disconnected'),
    counts: stateCounts.describe('Links of this kind whose PSA type or status is this scope, per link state'),
  })
  .describe('SyncedScopeRow');

/** A PSA type row of the Orphaned or Disconnected section; links without a type share one row with nulls. */
const typeRef = {
  kind: kindSchema,
  typeExternalId: z.string().nullable().describe('The PSA type id; null for records without a type'),
  typeName: z.string().nullable().describe("The type's name from the sync scopes; null when unknown"),
  scopeId: z.uuid().nullable(),
};

export const summaryDto = z
  .object({
    integrationId: z.uuid().nullable().describe('Null when the account has no PSA integration (every section is then empty)'),
    synced: z.array(z.object({ kind: kindSchema, counts: stateCounts, scopes: z.array(syncedScope) })).describe('Synced Items: per kind, its totals and one row per scope'),
    orphaned: z
      .array(z.object({ ...typeRef, counts: reasonCounts, oldestOrphanedAt: isoDateTime.nullable() }))
      .describe('Orphaned Data: per kind and PSA type, counts per orphan reason'),
    disconnected: z.array(z.object({ ...typeRef, count: z.number().int() })).describe('Disconnected Data: per kind and PSA type, records whose sync is disabled'),
  })
  .describe('ManageSummary');

export const recordsQuery = z.strictObject({
  kind: kindSchema.describe('Which records to list'),
  scopeId: z.uuid().optional().describe('Only records of this sync scope (its kind must be `kind`)'),
  state: linkStateSchema.optional().describe('Only links in this state'),
  reason: orphanReasonSchema.optional().describe('Only orphans with this reason'),
  organizationId: z.uuid().optional().describe('Configurations and contacts of this organization; for organizations, that one organization'),
  q: z.string().trim().max(200).optional().describe('Case-insensitive "contains" search in the name or the PSA id'),
  sort: z.enum(['name', 'orphanedAt', 'lastSyncedAt']).default('name').describe('Sort key; records without the date sort first ascending'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(4000).optional().describe('nextCursor of the previous page (made for the same sort and order)'),
});
export type RecordsQuery = z.infer<typeof recordsQuery>;
export type RecordsFilter = Omit<RecordsQuery, 'limit' | 'cursor'>;

export const managedRecordDto = z
  .object({
    id: z.uuid().describe('The record id'),
    kind: kindSchema,
    name: z.string(),
    organization: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('The parent organization of a configuration or contact'),
    externalId: z.string().describe('The record id in the PSA'),
    psaType: z.string().nullable().describe('PSA type name at the last sync'),
    psaStatus: z.string().nullable().describe('PSA status name at the last sync'),
    state: linkStateSchema,
    orphanReason: orphanReasonSchema.nullable(),
    orphanReasonText: z.string().nullable().describe('The orphan reason in words'),
    orphanedAt: isoDateTime.nullable(),
    lastSyncedAt: isoDateTime.nullable(),
    lastError: z.object({ code: z.string(), message: z.string(), at: isoDateTime.nullable() }).nullable(),
  })
  .describe('ManagedRecord');
export type ManagedRecord = z.infer<typeof managedRecordDto>;

export const auditQuery = z.strictObject({
  actorType: z.enum(['user', 'api_key', 'sync', 'system']).optional(),
  actorId: z.uuid().optional().describe('The user or API key id'),
  action: z.string().trim().min(1).max(100).optional().describe('Exact action, e.g. integration.removed'),
  from: isoDateTime.optional().describe('Events at or after this time'),
  to: isoDateTime.optional().describe('Events before this time'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEventDto = z
  .object({
    id: z.uuid(),
    at: isoDateTime,
    actorType: z.enum(['user', 'api_key', 'sync', 'system']),
    actorId: z.uuid().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    counts: z.record(z.string(), z.unknown()),
    details: z.record(z.string(), z.unknown()),
    trashBatchId: z.uuid().nullable(),
  })
  .describe('AuditEvent');
export type AuditEventDto = z.infer<typeof auditEventDto>;
