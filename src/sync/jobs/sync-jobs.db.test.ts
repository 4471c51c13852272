import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../db/database.js';
import type { RunningSimulator } from '../../simulators/server.js';
import { describeEachEngine } from '../../../test/support/databases.js';
import { integrationBody, startSmallSimulator } from '../../../test/support/integrations.js';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app.js';
import { tickScheduler } from './sync-jobs.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describeEachEngine('sync scheduler', (engine) => {
  let t: TestApp;
  let sim: RunningSimulator;
  let admin: TestUser;
  let id: string;

  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp(engine, {}, { jobs: true }), startSmallSimulator('halo')]);
    admin = await t.createUser('Acme MSP', 'admin');
    id = (await admin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id;
  });
  afterAll(async () => {
    await Promise.all([t?.close(), sim?.close()]);
  });

  const runs = () => queryRows<{ id: string; status: string; trigger: string; error_code: string | null }>(t.database.db, sql`select id, status, trigger, error_code from sync_runs where integration_id = ${id} order by created_at`);
  const tick = () => tickScheduler({ ctx: t.ctx, log: quiet }, t.ctx.sync!);
  async function settled() {
    for (let i = 0; i < 100; i++) {
      if ((await runs()).every((r) => !['queued', 'running'].includes(r.status))) return runs();
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('runs did not settle');
  }

  it('queues a run for an integration that never ran, and none while it is not due', async () => {
    expect((await tick()).queued).toBe(1);
    expect(await settled()).toEqual([expect.objectContaining({ trigger: 'schedule', status: 'succeeded' })]);
    expect((await tick()).queued).toBe(0);
  });

  it('queues again once the schedule interval has passed since the last run', async () => {
    await admin.apiKey.patch(`/api/v1/integrations/${id}`, { settings: { scheduleMinutes: 5 } });
    await t.database.db.execute(sql`update sync_runs set created_at = now() - interval '6 minutes' where integration_id = ${id}`);
    expect((await tick()).queued).toBe(1);
    expect((await settled()).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('skips paused integrations', async () => {
    await admin.apiKey.post(`/api/v1/integrations/${id}/pause`, {});
    await t.database.db.execute(sql`update sync_runs set created_at = now() - interval '6 minutes' where integration_id = ${id}`);
    expect((await tick()).queued).toBe(0);
    await admin.apiKey.post(`/api/v1/integrations/${id}/resume`, {});
  });

  it('marks a run whose worker died as failed, so the next run can start', async () => {
    await t.database.db.execute(sql`
      insert into sync_runs (account_id, integration_id, trigger, status, created_at, started_at, heartbeat_at)
      values (${admin.accountId}, ${id}, 'manual', 'running', now() - interval '10 minutes', now() - interval '10 minutes', now() - interval '10 minutes')`);
    await t.database.db.execute(sql`update sync_runs set created_at = now() - interval '10 minutes' where integration_id = ${id}`);
    const result = await tick();
    expect(result.lost).toBe(1);
    expect((await runs()).find((r) => r.error_code === 'worker_lost')).toMatchObject({ status: 'failed' });
    // The lost run no longer blocks: the due integration got a new run, and it completes.
    expect(result.queued).toBe(1);
    expect((await settled()).at(-1)).toMatchObject({ status: 'succeeded' });
  });

  it('hands a run that waited without a job to a worker', async () => {
    await t.database.db.execute(sql`insert into sync_runs (account_id, integration_id, trigger, status, created_at) values (${admin.accountId}, ${id}, 'cli', 'queued', now() - interval '2 minutes')`);
    expect((await tick()).redispatched).toBe(1);
    expect((await settled()).find((r) => r.trigger === 'cli')).toMatchObject({ status: 'succeeded' });
  });
});
