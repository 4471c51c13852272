import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { createdAt, id, tstz } from './columns.js';
import { actorTypeEnum } from './enums.js';

const accountId = () =>
  uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' });

/** Who did what, when, with counts: every Manage Data action, settings change and sync run. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    accountId: accountId(),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorId: uuid('actor_id'),
    /** The actor as a person reads it (email, key name, "sync"), kept even if the user is deleted later. */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    counts: jsonb('counts').notNull().default({}),
    details: jsonb('details').notNull().default({}),
    trashBatchId: uuid('trash_batch_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_events_account_time_idx').on(t.accountId, t.createdAt, t.id),
    index('audit_events_account_action_idx').on(t.accountId, t.action, t.createdAt),
    index('audit_events_account_actor_idx').on(t.accountId, t.actorId, t.createdAt),
  ],
);

/** One delete = one restorable batch. */
export const trashBatches = pgTable(
  'trash_batches',
  {
    id: id(),
    accountId: accountId(),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    reason: text('reason').notNull().default(''),
    counts: jsonb('counts').notNull().default({}),
    expiresAt: tstz('expires_at').notNull(),
    restoredAt: tstz('restored_at'),
    purgedAt: tstz('purged_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('trash_batches_account_idx').on(t.accountId, t.createdAt),
    index('trash_batches_expiry_idx').on(t.expiresAt),
  ],
);

/**
 * The rows of a batch, each kept whole as JSON of its table row so that restore re-inserts it exactly
 * (ids, links and timestamps included) while the live tables stay free of deleted rows.
 */
export const trashItems = pgTable(
  'trash_items',
  {
    id: id(),
    accountId: accountId(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => trashBatches.id, { onDelete: 'cascade' }),
    tableName: text('table_name').notNull(),
    rowId: uuid('row_id').notNull(),
    row: jsonb('row').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('trash_items_batch_idx').on(t.batchId, t.tableName)],
);
