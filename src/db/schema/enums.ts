import { pgEnum } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['admin', 'manager', 'editor', 'readonly']);
export const psaProviderEnum = pgEnum('psa_provider', ['connectwise', 'autotask', 'halo']);
export const integrationStatusEnum = pgEnum('integration_status', ['active', 'paused']);
/** The three kinds of record a PSA syncs. */
export const recordKindEnum = pgEnum('record_kind', ['organization', 'configuration', 'contact']);
export const scopeDimensionEnum = pgEnum('scope_dimension', ['type', 'status']);
export const scopeStateEnum = pgEnum('scope_state', ['enabled', 'excluded', 'paused', 'disconnected']);
export const linkStateEnum = pgEnum('link_state', ['syncing', 'orphaned', 'disabled', 'error']);
export const orphanReasonEnum = pgEnum('orphan_reason', [
  'deleted_in_psa',
  'inactive_in_psa',
  'excluded_by_settings',
  'parent_not_synced',
]);
export const syncRunStatusEnum = pgEnum('sync_run_status', [
  'queued',
  'running',
  'succeeded',
  'partial',
  'failed',
  'held',
  'cancelled',
]);
export const syncTriggerEnum = pgEnum('sync_trigger', ['schedule', 'manual', 'cli', 'demo', 'retry']);
/** Match review: what psalink proposes for an unlinked PSA record, and what an admin decided. */
export const matchProposalEnum = pgEnum('match_proposal', ['link', 'create', 'decide']);
export const matchTypeEnum = pgEnum('match_type', ['exact', 'normalized']);
export const matchDecisionEnum = pgEnum('match_decision', ['pending', 'link', 'create', 'ignore']);
export const actorTypeEnum = pgEnum('actor_type', ['user', 'api_key', 'sync', 'system']);
/** What a password or document hangs off besides its organization. */
export const attachmentKindEnum = pgEnum('attachment_kind', ['configuration', 'contact']);
