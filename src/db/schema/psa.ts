import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';
import { createdAt, id, tstz, updatedAt } from './columns.js';
import {
  integrationStatusEnum,
  linkStateEnum,
  matchDecisionEnum,
  matchProposalEnum,
  matchTypeEnum,
  orphanReasonEnum,
  psaProviderEnum,
  recordKindEnum,
  scopeDimensionEnum,
  scopeStateEnum,
  syncRunStatusEnum,
  syncTriggerEnum,
} from './enums.js';

const accountId = () =>
  uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' });

/** One PSA connection per account. */
export const psaIntegrations = pgTable(
  'psa_integrations',
  {
    id: id(),
    accountId: accountId(),
    provider: psaProviderEnum('provider').notNull(),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    /** AES-256-GCM ciphertext of the credentials JSON; never returned by the API once saved. */
    credentialsCiphertext: text('credentials_ciphertext').notNull(),
    status: integrationStatusEnum('status').notNull().default('active'),
    /** Schedule, contacts on/off, safety-brake thresholds: validated by the sync settings schema. */
    settings: jsonb('settings').notNull().default({}),
    /** The demo's built-in simulator: `serve` starts it again at every start and points the URL at it. */
    simulated: boolean('simulated').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('psa_integrations_account_key').on(t.accountId)],
);

const integrationId = () =>
  uuid('integration_id')
    .notNull()
    .references(() => psaIntegrations.id, { onDelete: 'cascade' });

/** One row per PSA type or status per kind: the unit of sync settings and of "Disconnect". */
export const syncScopes = pgTable(
  'sync_scopes',
  {
    id: id(),
    accountId: accountId(),
    integrationId: integrationId(),
    kind: recordKindEnum('kind').notNull(),
    dimension: scopeDimensionEnum('dimension').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    state: scopeStateEnum('state').notNull().default('enabled'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sync_scopes_key').on(t.integrationId, t.kind, t.dimension, t.externalId),
    index('sync_scopes_account_idx').on(t.accountId, t.kind, t.dimension),
  ],
);

/** (integration, kind, external id) → record, with its link state and sync metadata. */
export const psaLinks = pgTable(
  'psa_links',
  {
    id: id(),
    accountId: accountId(),
    integrationId: integrationId(),
    kind: recordKindEnum('kind').notNull(),
    externalId: text('external_id').notNull(),
    recordId: uuid('record_id').notNull(),
    state: linkStateEnum('state').notNull().default('syncing'),
    orphanReason: orphanReasonEnum('orphan_reason'),
    orphanedAt: tstz('orphaned_at'),
    /** The PSA type and status of the record at its last sync: which scope rows it counts under. */
    psaTypeId: text('psa_type_id'),
    psaStatusId: text('psa_status_id'),
    /** The PSA company id of a configuration or contact, to resolve its organization. */
    psaParentId: text('psa_parent_id'),
    lastSyncedAt: tstz('last_synced_at'),
    psaUpdatedAt: tstz('psa_updated_at'),
    payloadHash: text('payload_hash'),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    lastErrorAt: tstz('last_error_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('psa_links_external_key').on(t.integrationId, t.kind, t.externalId),
    uniqueIndex('psa_links_record_key').on(t.accountId, t.kind, t.recordId),
    // Manage Data summary: counts per kind, scope and state without touching the records.
    index('psa_links_summary_type_idx').on(t.accountId, t.kind, t.psaTypeId, t.state),
    index('psa_links_summary_status_idx').on(t.accountId, t.kind, t.psaStatusId, t.state),
    index('psa_links_orphans_idx')
      .on(t.accountId, t.kind, t.orphanReason, t.orphanedAt)
      .where(sql`state = 'orphaned'`),
    // The oldest orphan of each kind and PSA type (summary): one index probe per type instead of a scan of the orphans.
    index('psa_links_orphan_age_idx')
      .on(t.accountId, t.kind, t.psaTypeId, t.orphanedAt)
      .where(sql`state = 'orphaned'`),
    // Manage Data search: "contains" in the PSA id, the other half of a search beside the record's name.
    index('psa_links_external_id_trgm_idx').using('gin', sql`${t.externalId} gin_trgm_ops`),
    index('psa_links_errors_idx').on(t.accountId, t.lastErrorAt).where(sql`state = 'error'`),
  ],
);

export const syncRuns = pgTable(
  'sync_runs',
  {
    id: id(),
    accountId: accountId(),
    integrationId: integrationId(),
    trigger: syncTriggerEnum('trigger').notNull(),
    triggeredByUserId: uuid('triggered_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    full: boolean('full').notNull().default(false),
    status: syncRunStatusEnum('status').notNull().default('queued'),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
    /** Refreshed by the worker while it runs; a stale heartbeat means the worker died. */
    heartbeatAt: tstz('heartbeat_at'),
    /** PSA time up to which this run saw every change; the next incremental run starts here (minus overlap). */
    watermark: tstz('watermark'),
    counts: jsonb('counts').notNull().default({}),
    progress: jsonb('progress').notNull().default({}),
    /** What a held run would do, for the admin to confirm or discard. */
    heldPlan: jsonb('held_plan'),
    /** The first issues of the run (errors, ambiguous matches, orphans) for its drill-down page. */
    issues: jsonb('issues').notNull().default([]),
    /** Set by Cancel; the worker notices at its next heartbeat and stops between pages. */
    cancelRequestedAt: tstz('cancel_requested_at'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sync_runs_integration_idx').on(t.integrationId, t.createdAt),
    index('sync_runs_account_idx').on(t.accountId, t.createdAt),
    // Never two runs of one integration at once, whichever process starts them: the database refuses the second.
    uniqueIndex('sync_runs_one_running_key').on(t.integrationId).where(sql`status = 'running'`),
    uniqueIndex('sync_runs_one_queued_key').on(t.integrationId).where(sql`status = 'queued'`),
  ],
);

/**
 * Match review: an unlinked PSA record and what happens to it at the next run. Proposals are psalink's (the same
 * rules the sync applies); a decision is an admin's and wins. `decide` proposals wait: the sync never guesses.
 */
export const matchReviews = pgTable(
  'match_reviews',
  {
    id: id(),
    accountId: accountId(),
    integrationId: integrationId(),
    kind: recordKindEnum('kind').notNull(),
    externalId: text('external_id').notNull(),
    psaName: text('psa_name').notNull(),
    /** A line of context: the PSA company of a configuration or contact, a serial number, an email. */
    psaDetail: text('psa_detail'),
    proposal: matchProposalEnum('proposal').notNull(),
    matchType: matchTypeEnum('match_type'),
    proposedRecordId: uuid('proposed_record_id'),
    /** Ranked near names: [{ recordId, name, score }]. */
    suggestions: jsonb('suggestions').notNull().default([]),
    decision: matchDecisionEnum('decision').notNull().default('pending'),
    decidedRecordId: uuid('decided_record_id'),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('match_reviews_key').on(t.integrationId, t.kind, t.externalId),
    index('match_reviews_account_idx').on(t.accountId, t.kind, t.proposal, t.psaName),
  ],
);

/** A PSA record the sync could not create (no local record holds its link): shown in the error inbox, retried every run. */
export const psaRecordErrors = pgTable(
  'psa_record_errors',
  {
    id: id(),
    accountId: accountId(),
    integrationId: integrationId(),
    kind: recordKindEnum('kind').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    lastErrorAt: tstz('last_error_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('psa_record_errors_key').on(t.integrationId, t.kind, t.externalId),
    index('psa_record_errors_account_idx').on(t.accountId, t.lastErrorAt),
  ],
);
