import { index, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { createdAt, id, tstz } from './columns.js';
import { actorTypeEnum } from './enums.js';

export const manageJobStatusEnum = pgEnum('manage_job_status', ['queued', 'running', 'succeeded', 'failed']);

/**
 * A large Manage Data action (Delete All, a scope disconnect, a restore) run in the background: the request that
 * started it returns at once, and the screen follows its progress here. The action's own changes and this row's
 * `succeeded` commit in one transaction, so a job never claims work it did not do, nor hides work it did.
 */
export const manageJobs = pgTable(
  'manage_jobs',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Which action, and its parameters as the execute call validated them (the confirmation token included). */
    action: text('action').notNull(),
    params: jsonb('params').notNull(),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    status: manageJobStatusEnum('status').notNull().default('queued'),
    /** { done, total, step }: the steps of the action's one transaction. */
    progress: jsonb('progress').notNull().default({}),
    /** The action's result, exactly as its execute call would have answered. */
    result: jsonb('result'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** Refreshed while the action runs; a stale heartbeat means its process died (and its transaction rolled back). */
    heartbeatAt: tstz('heartbeat_at'),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
    createdAt: createdAt(),
  },
  (t) => [index('manage_jobs_account_idx').on(t.accountId, t.createdAt)],
);
