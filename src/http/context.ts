import type { FastifyInstance, FastifyBaseLogger, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { SecretBox } from '../shared/secret-box.js';
import type { ManageJobDispatcher } from '../manage/jobs/manage-job-dispatcher.js';
import type { SyncDispatcher } from '../sync/runs/sync-dispatcher.js';

/** What every route and use case may need, built once at start. */
export interface AppContext {
  config: Config;
  database: Database;
  secretBox: SecretBox;
  /** Hands queued sync runs to a worker; absent where nothing may start runs (migrations, some CLI commands). */
  sync?: SyncDispatcher;
  /** Hands large Manage Data actions to a worker; absent: they run in the process that queued them. */
  manageJobs?: ManageJobDispatcher;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
