import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../db/database.js';
import { describeEachEngine } from '../../../test/support/databases.js';
import { startManageWorld, type ManageWorld } from '../../../test/support/manage.js';
import type { ApiClient } from '../../../test/support/test-app.js';
import { snapshotAccount } from '../../../test/support/trash.js';
import { executeManageAction } from './run-manage-job.js';
import type { ManageJobProgress } from './manage-job-progress.js';

/** Polls a job until it ends (a job on the test machine takes well under a second). */
async function settled(api: ApiClient, jobId: string) {
  for (let i = 0; i < 200; i++) {
    const job = await api.get(`/api/v1/manage/jobs/${jobId}`);
    expect(job.status).toBe(200);
    if (job.body.status === 'succeeded' || job.body.status === 'failed') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not end`);
}

for (const jobs of [false, true]) {
  describeEachEngine(`Large Manage Data actions run as jobs (${jobs ? 'job queue' : 'in process'})`, (engine) => {
    let w: ManageWorld;
    // Anything over two records is "large" here, so that the fixture's few orphans make a job.
    beforeAll(async () => {
      w = await startManageWorld(engine, { PSALINK_LARGE_ACTION_RECORDS: '2' }, { jobs });
    });
    afterAll(() => w?.close());
    const db = () => w.t.database.db;
    const api = () => w.admin.apiKey;
    const orphanCount = async () =>
      (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from psa_links where account_id = ${w.admin.accountId} and kind = 'configuration' and state = 'orphaned'`))[0]!.n;

    it('Delete All of many orphans answers 202 with a job that ends with the same result; the restore runs as a job too and brings all back', async () => {
      const before = await snapshotAccount(w.t, w.admin.accountId);
      const orphans = await orphanCount();
      expect(orphans).toBe(5);
      const preview = (await api().post('/api/v1/manage/orphans/delete-preview', { kind: 'configuration' })).body;
      const started = await w.admin.session.post('/api/v1/manage/orphans/delete', { kind: 'configuration', confirmationToken: preview.confirmationToken, reason: 'cleanup' });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      expect(started.body.job).toMatchObject({ action: 'orphans.delete', status: 'queued', actor: w.admin.email, result: null, error: null });

      const job = await settled(api(), started.body.job.id);
      expect(job).toMatchObject({ status: 'succeeded', error: null, result: { batchId: expect.any(String), counts: { configurations: 5 } } });
      expect(job.progress.done).toBe(job.progress.total);
      expect(await orphanCount()).toBe(0);
      const batch = (await api().get(`/api/v1/trash/${job.result.batchId}`)).body;
      expect(batch).toMatchObject({ action: 'orphans.deleted', reason: 'cleanup', counts: { configurations: 5 } });

      const restoring = await api().post(`/api/v1/trash/${job.result.batchId}/restore`);
      expect(restoring.status).toBe(202);
      const restored = await settled(api(), restoring.body.job.id);
      expect(restored).toMatchObject({ action: 'trash.restore', status: 'succeeded', result: { batchId: job.result.batchId } });
      expect(await snapshotAccount(w.t, w.admin.accountId)).toEqual(before);
    });

    it('a job whose preview went stale fails with preview_stale and changes nothing; small actions still answer 200', async () => {
      const preview = (await api().post('/api/v1/manage/orphans/delete-preview', { kind: 'configuration' })).body;
      // An orphan heals between the preview and the job: the set the admin confirmed no longer exists.
      await db().execute(sql`update psa_links set state = 'syncing', orphan_reason = null, orphaned_at = null where record_id = ${w.configurations.deleted[0]}`);
      const before = await snapshotAccount(w.t, w.admin.accountId);
      const started = await api().post('/api/v1/manage/orphans/delete', { kind: 'configuration', confirmationToken: preview.confirmationToken });
      expect(started.status).toBe(202);
      const job = await settled(api(), started.body.job.id);
      expect(job).toMatchObject({ status: 'failed', result: null, error: { code: 'preview_stale', message: expect.stringContaining('preview') } });
      expect(await snapshotAccount(w.t, w.admin.accountId)).toEqual(before);

      // Pausing a scope changes one row: the request does it and answers with the result itself.
      const [scope] = await queryRows<{ id: string }>(db(), sql`select id from sync_scopes where account_id = ${w.admin.accountId} and kind = 'contact' and state = 'enabled' limit 1`);
      const pause = (await api().post(`/api/v1/manage/scopes/${scope!.id}/disconnect-preview`, { mode: 'pause' })).body;
      const paused = await api().post(`/api/v1/manage/scopes/${scope!.id}/disconnect`, { mode: 'pause', confirmationToken: pause.confirmationToken });
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ mode: 'pause', scope: { state: 'paused' } });
    });

    it('a job is the admins of its account only: another account reads 404, an editor 403, a bad id 400', async () => {
      const [job] = await queryRows<{ id: string }>(db(), sql`select id from manage_jobs where account_id = ${w.admin.accountId} limit 1`);
      expect((await w.otherAdmin.apiKey.get(`/api/v1/manage/jobs/${job!.id}`)).status).toBe(404);
      expect((await w.editor.apiKey.get(`/api/v1/manage/jobs/${job!.id}`)).status).toBe(403);
      expect((await api().get('/api/v1/manage/jobs/not-a-uuid')).body.error.code).toBe('validation_failed');
      expect((await w.t.anonymous.get(`/api/v1/manage/jobs/${job!.id}`)).status).toBe(401);
    });

    it('a job whose worker went silent reads as failed (worker_lost): its transaction rolled back with the process', async () => {
      const [lost] = await queryRows<{ id: string }>(db(), sql`
        insert into manage_jobs (account_id, action, params, actor_type, actor_label, status, started_at, heartbeat_at)
        values (${w.admin.accountId}, 'trash.restore', '{}', 'user', 'someone', 'running', now() - interval '5 minutes', now() - interval '5 minutes')
        returning id`);
      const job = (await api().get(`/api/v1/manage/jobs/${lost!.id}`)).body;
      expect(job).toMatchObject({ status: 'failed', error: { code: 'worker_lost' } });
    });
  });
}

describeEachEngine('Large action progress', (engine) => {
  let w: ManageWorld;
  beforeAll(async () => {
    w = await startManageWorld(engine);
  });
  afterAll(() => w?.close());

  it('a delete reports its steps in order, each table of its one transaction, ending at the last', async () => {
    const preview = (await w.admin.apiKey.post('/api/v1/manage/orphans/delete-preview', { kind: 'configuration' })).body;
    const steps: ManageJobProgress[] = [];
    await executeManageAction['orphans.delete']({
      ctx: w.t.ctx,
      accountId: w.admin.accountId,
      actor: { type: 'system', id: null, label: 'test' },
      params: { kind: 'configuration', confirmationToken: preview.confirmationToken },
      onProgress: (progress) => steps.push(progress),
    });
    expect(steps.map((s) => s.done)).toEqual(steps.map((_, i) => i));
    expect(new Set(steps.map((s) => s.total)).size).toBe(1);
    expect(steps.at(-1)).toMatchObject({ done: steps[0]!.total - 1, step: 'Recording the audit event' });
    expect(steps.map((s) => s.step)).toContain('Moving configurations to the trash');
  });
});
