import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.js';
import type { Actor } from '../../audit/record-audit.js';
import type { AppContext } from '../../http/context.js';
import { linksOfType } from '../reconnect-records.js';
import { findScope, scopeLinksWhere } from '../scope-store.js';
import { executeManageAction, runManageJob, type ManageJobParams } from './run-manage-job.js';
import { createManageJob, manageJobDto, type ManageJobAction, type ManageJobDto } from './manage-job-store.js';

export type StartedAction = { done: true; result: unknown } | { done: false; job: ManageJobDto };

export interface StartManageActionOptions<A extends ManageJobAction> {
  ctx: Pick<AppContext, 'database' | 'secretBox' | 'config' | 'manageJobs'>;
  accountId: string;
  actor: Actor;
  action: A;
  params: ManageJobParams[A];
}

/**
 * Runs an action in the request when it is small, or queues it as a job the screen follows when it touches more
 * records than `largeActionRecords`: a request should not hang for seconds, nor die with a closed browser tab.
 * Either way the action is the same one transaction, checked against its preview's token when it runs.
 */
export async function startManageAction<A extends ManageJobAction>(o: StartManageActionOptions<A>): Promise<StartedAction> {
  const db = o.ctx.database.db;
  const size = await actionSize[o.action](db, o.accountId, o.params as never);
  if (size <= o.ctx.config.largeActionRecords) {
    const execute = executeManageAction[o.action] as (e: { ctx: typeof o.ctx; accountId: string; actor: Actor; params: ManageJobParams[A] }) => Promise<unknown>;
    return { done: true, result: await execute({ ctx: o.ctx, accountId: o.accountId, actor: o.actor, params: o.params }) };
  }
  const job = await createManageJob(db, { accountId: o.accountId, action: o.action, params: o.params, actor: o.actor });
  if (o.ctx.manageJobs) {
    await o.ctx.manageJobs.dispatch(job.id);
  } else {
    // No job queue in this process: run it here once the answer is on its way; the job row records how it ends.
    setImmediate(() => void runManageJob(o.ctx, job.id));
  }
  return { done: false, job: manageJobDto(job) };
}

const count = async (db: Db, query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db, query))[0]?.n ?? 0;

/** How many rows an action would move, cheaply: what decides between the request and a job (0 when unknown). */
const actionSize: { [A in ManageJobAction]: (db: Db, accountId: string, params: ManageJobParams[A]) => Promise<number> } = {
  'orphans.delete': (db, accountId, p) =>
    count(db, sql`select count(*)::int as n from psa_links where ${linksOfType(accountId, p.kind, p.typeExternalId)} and state = 'orphaned'`),
  'scope.disconnect': async (db, accountId, p) => {
    if (p.mode === 'pause') return 0; // one row changes: the scope's state
    const scope = await findScope(db, accountId, p.scopeId);
    return count(db, sql`select count(*)::int as n from psa_links where ${scopeLinksWhere(accountId, scope)}`);
  },
  'trash.restore': (db, accountId, p) =>
    count(db, sql`select coalesce(sum(value::int), 0)::int as n from trash_batches b, jsonb_each_text(b.counts)
      where b.id = ${p.batchId} and b.account_id = ${accountId}`),
};

/** The execute call's answer: 200 with the result, or 202 with the job to follow. */
export function answerStarted(reply: { code(status: number): unknown }, started: StartedAction) {
  if (started.done) return started.result as never;
  reply.code(202);
  return { job: started.job } as never;
}
