/**
 * Manage Data, the trash and the audit log as the SPA sees them, mirrored by hand from the server's zod schemas
 * (src/manage/manage.schemas.ts, src/trash/trash.schemas.ts and the write contract of issue 5).
 */
import type { LinkState, OrphanReason, ScopeDimension, ScopeState, SyncKind } from './integrations';

export type { LinkState, OrphanReason, SyncKind };

export type LinkStateCounts = Record<LinkState | 'total', number>;
export type OrphanReasonCounts = Record<OrphanReason | 'total', number>;

export interface SyncedScopeRow {
  scopeId: string;
  dimension: ScopeDimension;
  externalId: string;
  name: string;
  state: ScopeState;
  counts: LinkStateCounts;
}

interface TypeRef {
  kind: SyncKind;
  typeExternalId: string | null;
  typeName: string | null;
  scopeId: string | null;
}

export interface OrphanedRow extends TypeRef {
  counts: OrphanReasonCounts;
  oldestOrphanedAt: string | null;
}

export interface DisconnectedRow extends TypeRef {
  count: number;
}

export interface ManageSummary {
  integrationId: string | null;
  synced: { kind: SyncKind; counts: LinkStateCounts; scopes: SyncedScopeRow[] }[];
  orphaned: OrphanedRow[];
  disconnected: DisconnectedRow[];
}

export type RecordSort = 'name' | 'orphanedAt' | 'lastSyncedAt';

export interface RecordsFilter {
  kind: SyncKind;
  scopeId?: string;
  state?: LinkState;
  reason?: OrphanReason;
  organizationId?: string;
  q?: string;
  sort?: RecordSort;
  order?: 'asc' | 'desc';
}

export interface ManagedRecord {
  id: string;
  kind: SyncKind;
  name: string;
  organization: { id: string; name: string } | null;
  externalId: string;
  psaType: string | null;
  psaStatus: string | null;
  state: LinkState;
  orphanReason: OrphanReason | null;
  orphanReasonText: string | null;
  orphanedAt: string | null;
  lastSyncedAt: string | null;
  lastError: { code: string; message: string; at: string | null } | null;
}

/** The record tables a deletion counts, parents first. */
export type RecordTable = 'organizations' | 'configurations' | 'contacts' | 'passwords' | 'documents';
export const recordTables: RecordTable[] = ['organizations', 'configurations', 'contacts', 'passwords', 'documents'];

export interface DeletionPreview {
  kind: SyncKind;
  ids: string[];
  counts: Record<RecordTable, { total: number; localOnly: number }>;
  links: number;
  /** Records whose link is syncing or in error: the delete is refused until their sync is disabled. */
  syncing: number;
  sample: Record<RecordTable, string[]>;
  confirmationToken: string;
}

export interface DeletionResult {
  batchId: string;
  counts: Record<string, number>;
}

export type DisconnectMode = 'pause' | 'unlink' | 'delete';

export interface ScopeRef {
  id: string;
  kind: SyncKind;
  dimension: ScopeDimension;
  externalId: string;
  name: string;
  state: ScopeState;
}

export interface ScopeDisconnectPreview {
  mode: DisconnectMode;
  scope: ScopeRef;
  links: number;
  records: number;
  deletion: DeletionPreview | null;
  effects: string[];
  confirmationToken: string;
}

export interface ScopeDisconnectResult {
  mode: DisconnectMode;
  scope: ScopeRef;
  changed: number;
  batchId: string | null;
}

export interface TrashBatch {
  id: string;
  actorType: string;
  actorLabel: string;
  action: string;
  reason: string;
  counts: Record<string, number>;
  createdAt: string;
  expiresAt: string;
  restoredAt: string | null;
  purgedAt: string | null;
}

export type TrashTable = RecordTable | 'psa_links';

export interface TrashBatchDetail extends TrashBatch {
  itemCount: number;
  items: { table: TrashTable; rowId: string; displayName: string }[];
}

export type ActorType = 'user' | 'api_key' | 'sync' | 'system';

export interface AuditEvent {
  id: string;
  at: string;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  counts: Record<string, unknown>;
  details: Record<string, unknown>;
  trashBatchId: string | null;
}

export interface AuditFilter {
  actorType?: ActorType;
  action?: string;
  from?: string;
  to?: string;
}

export type ManageJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A large Manage Data action running in the background (Delete All, a scope disconnect, a restore). */
export interface ManageJob {
  id: string;
  action: 'orphans.delete' | 'scope.disconnect' | 'trash.restore';
  status: ManageJobStatus;
  actor: string;
  progress: { done: number; total: number; step: string } | null;
  result: unknown;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** What an execute call answers (202) when its action is large enough to run as a job. */
export interface JobAccepted {
  job: ManageJob;
}
