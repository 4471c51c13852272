import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.js';
import { isoColumn } from '../../db/timestamps.js';
import type { Actor } from '../../audit/record-audit.js';
import { AppError, notFound } from '../../shared/errors.js';
import type { ManageJobProgress } from './manage-job-progress.js';

/** The actions big enough to run as jobs: each moves or restores many rows in one transaction. */
export const manageJobActions = ['orphans.delete', 'scope.disconnect', 'trash.restore'] as const;
export type ManageJobAction = (typeof manageJobActions)[number];
export type ManageJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ManageJobDto {
  id: string;
  action: ManageJobAction;
  status: ManageJobStatus;
  actor: string;
  progress: ManageJobProgress | null;
  /** What the action's execute call would have answered, once it succeeded. */
  result: unknown;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ManageJobRow extends ManageJobDto {
  accountId: string;
  params: Record<string, unknown>;
  actorRef: Actor;
}

/** A worker silent this long died; its transaction rolled back with it, so nothing of the action happened. */
export const JOB_LOST_AFTER_SECONDS = 60;

const columns = sql`id, account_id as "accountId", action, params, status::text as status, actor_label as actor,
  json_build_object('type', actor_type, 'id', actor_id, 'label', actor_label) as "actorRef",
  nullif(progress, '{}'::jsonb) as progress, result,
  case when error_code is null then null else json_build_object('code', error_code, 'message', error_message) end as error,
  ${isoColumn('created_at')} as "createdAt", ${isoColumn('started_at')} as "startedAt", ${isoColumn('finished_at')} as "finishedAt"`;

export function manageJobDto(row: ManageJobRow): ManageJobDto {
  const { id, action, status, actor, progress, result, error, createdAt, startedAt, finishedAt } = row;
  return { id, action, status, actor, progress, result, error, createdAt, startedAt, finishedAt };
}

export async function createManageJob(db: Db, o: { accountId: string; action: ManageJobAction; params: object; actor: Actor }): Promise<ManageJobRow> {
  const [row] = await queryRows<ManageJobRow>(db, sql`
    insert into manage_jobs (account_id, action, params, actor_type, actor_id, actor_label)
    values (${o.accountId}, ${o.action}, ${JSON.stringify(o.params)}::jsonb, ${o.actor.type}::actor_type, ${o.actor.id}, ${o.actor.label})
    returning ${columns}`);
  return row!;
}

/** The account's job (404 for another account's id). A job whose worker went silent is failed on the way. */
export async function findManageJob(db: Db, accountId: string, jobId: string): Promise<ManageJobRow> {
  await markLostManageJobs(db, JOB_LOST_AFTER_SECONDS, jobId);
  const [row] = await queryRows<ManageJobRow>(db, sql`select ${columns} from manage_jobs where id = ${jobId} and account_id = ${accountId}`);
  if (!row) throw notFound('The job');
  return row;
}

/** Queued → running, once: a second worker handed the same job gets null. */
export async function claimManageJob(db: Db, jobId: string): Promise<ManageJobRow | null> {
  const [row] = await queryRows<ManageJobRow>(db, sql`
    update manage_jobs set status = 'running', started_at = now(), heartbeat_at = now()
    where id = ${jobId} and status = 'queued' returning ${columns}`);
  return row ?? null;
}

/** Written in the action's own transaction: the job says `succeeded` exactly when the action's changes committed. */
export async function completeManageJob(tx: Db, jobId: string, result: unknown, progress: ManageJobProgress) {
  await tx.execute(sql`
    update manage_jobs set status = 'succeeded', result = ${JSON.stringify(result)}::jsonb, progress = ${JSON.stringify(progress)}::jsonb,
      finished_at = now(), heartbeat_at = now()
    where id = ${jobId}`);
}

/** After the action's transaction rolled back: the error a person reads, with its code. */
export async function failManageJob(db: Db, jobId: string, error: unknown) {
  const { code, message } =
    error instanceof AppError ? error : { code: 'internal_error', message: 'The action stopped on an unexpected error; nothing was changed. Try again.' };
  await db.execute(sql`
    update manage_jobs set status = 'failed', error_code = ${code}, error_message = ${message}, finished_at = now()
    where id = ${jobId} and status in ('queued', 'running')`);
}

/** Progress and a sign of life, from outside the action's transaction (PostgreSQL only: PGlite has one connection). */
export async function beatManageJob(db: Db, jobId: string, progress: ManageJobProgress | null) {
  await db.execute(sql`
    update manage_jobs set heartbeat_at = now() ${progress ? sql`, progress = ${JSON.stringify(progress)}::jsonb` : sql``}
    where id = ${jobId} and status = 'running'`);
}

/** Fails the running jobs whose worker has been silent for `seconds` (0: every running job, for a PGlite start). */
export async function markLostManageJobs(db: Db, seconds: number, jobId?: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(db, sql`
    update manage_jobs set status = 'failed', error_code = 'worker_lost', finished_at = now(),
      error_message = 'The process running this action stopped before it finished; its transaction rolled back, so nothing was changed. Run the action again.'
    where status = 'running' and heartbeat_at < now() - make_interval(secs => ${seconds}) ${jobId ? sql`and id = ${jobId}` : sql``}
    returning id`);
  return rows.length;
}

/** Jobs queued but never handed to a worker (their process stopped between the insert and the hand-over). */
export async function strandedManageJobs(db: Db): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`select id from manage_jobs where status = 'queued' and created_at < now() - interval '1 minute'`);
  return rows.map((row) => row.id);
}
