import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../db/database.js';
import type { RunningSimulator } from '../../simulators/server.js';
import { describeEachEngine } from '../../../test/support/databases.js';
import { control, integrationBody, startSmallSimulator } from '../../../test/support/integrations.js';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app.js';

const final = ['succeeded', 'partial', 'failed', 'held', 'cancelled'];

describeEachEngine('sync run routes', (engine) => {
  let t: TestApp;
  let sim: RunningSimulator;
  let admin: TestUser;
  let editor: TestUser;
  let otherAdmin: TestUser;
  let id: string;

  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp(engine, {}, { jobs: true }), startSmallSimulator('connectwise')]);
    admin = await t.createUser('Acme MSP', 'admin');
    editor = await t.createUser('Acme MSP', 'editor');
    otherAdmin = await t.createUser('Globex MSP', 'admin');
    id = (await admin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id;
  });
  afterAll(async () => {
    await Promise.all([t?.close(), sim?.close()]);
  });

  async function waitForRun(runId: string) {
    for (let i = 0; i < 200; i++) {
      const run = (await admin.apiKey.get(`/api/v1/integrations/${id}/runs/${runId}`)).body;
      if (final.includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the run did not finish');
  }

  it('Sync now queues a run that a worker executes; the history and drill-down show it', async () => {
    const queued = await admin.session.post(`/api/v1/integrations/${id}/runs`, {});
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', trigger: 'manual', triggeredBy: admin.email, full: false });
    const run = await waitForRun(queued.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.counts.created).toBeGreaterThan(0);
    expect(run.progress.organization.phase).toBe('done');
    const history = await admin.apiKey.get(`/api/v1/integrations/${id}/runs`);
    expect(history.body.items.map((r: { id: string }) => r.id)).toContain(run.id);
    expect(Array.isArray(run.issues)).toBe(true);
  });

  it('streams progress as server-sent events ending with `end`', async () => {
    const queued = (await admin.apiKey.post(`/api/v1/integrations/${id}/runs`, { full: true })).body;
    const response = await admin.apiKey.get<string>(`/api/v1/integrations/${id}/runs/${queued.id}/events`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = response.body;
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events.at(-1)).toBe('end');
    expect(events.filter((e) => e === 'run').length).toBeGreaterThanOrEqual(1);
    const last = JSON.parse([...text.matchAll(/^data: (.*)$/gm)].at(-2)![1]!);
    expect(final).toContain(last.status);
  });

  it('asking again while a run waits returns the waiting run instead of a duplicate', async () => {
    await t.database.db.execute(sql`insert into sync_runs (account_id, integration_id, trigger, status) values (${admin.accountId}, ${id}, 'schedule', 'queued')`);
    const again = await admin.apiKey.post(`/api/v1/integrations/${id}/runs`, {});
    expect(again.status).toBe(200);
    expect(again.body.trigger).toBe('schedule');
    const cancelled = await admin.apiKey.post(`/api/v1/integrations/${id}/runs/${again.body.id}/cancel`, {});
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('holds a run behind the safety brake until an admin confirms it', async () => {
    await admin.apiKey.patch(`/api/v1/integrations/${id}`, { settings: { brake: { maxShare: 0.1, minCount: 1 } } });
    const configurations = await queryRows<{ external_id: string }>(t.database.db, sql`select external_id from psa_links where integration_id = ${id} and kind = 'configuration' and state = 'syncing' order by external_id`);
    const doomed = configurations.slice(0, Math.ceil(configurations.length / 2));
    for (const c of doomed) expect((await control(sim, 'DELETE', `/records/configurations/${c.external_id}`)).status).toBe(204);
    const held = await waitForRun((await admin.apiKey.post(`/api/v1/integrations/${id}/runs`, {})).body.id);
    expect(held.status).toBe('held');
    expect(held.held.orphans.configuration).toBe(doomed.length);
    const stillSyncing = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from psa_links where integration_id = ${id} and kind = 'configuration' and state = 'syncing'`);
    expect(stillSyncing[0]!.n).toBe(configurations.length);

    expect((await editor.apiKey.post(`/api/v1/integrations/${id}/runs/${held.id}/confirm`, {})).status).toBe(403);
    expect((await otherAdmin.apiKey.post(`/api/v1/integrations/${id}/runs/${held.id}/confirm`, {})).status).toBe(404);
    const confirmed = await admin.session.post(`/api/v1/integrations/${id}/runs/${held.id}/confirm`, {});
    expect(confirmed.body).toMatchObject({ status: 'succeeded' });
    expect(confirmed.body.counts.orphanedByReason.deleted_in_psa).toBe(doomed.length);
    expect((await admin.apiKey.post(`/api/v1/integrations/${id}/runs/${held.id}/discard`, {})).status).toBe(409);
  });

  it('refuses Sync now on a paused integration, to other accounts and to non-admins', async () => {
    expect((await editor.apiKey.post(`/api/v1/integrations/${id}/runs`, {})).status).toBe(403);
    expect((await otherAdmin.apiKey.post(`/api/v1/integrations/${id}/runs`, {})).status).toBe(404);
    expect((await otherAdmin.apiKey.get(`/api/v1/integrations/${id}/runs`)).status).toBe(404);
    expect((await t.anonymous.get(`/api/v1/integrations/${id}/runs`)).status).toBe(401);
    await admin.apiKey.post(`/api/v1/integrations/${id}/pause`, {});
    const paused = await admin.apiKey.post(`/api/v1/integrations/${id}/runs`, {});
    expect(paused.status).toBe(409);
    await admin.apiKey.post(`/api/v1/integrations/${id}/resume`, {});
  });

  it('lists records in error in the inbox, and Retry applies the fixed PSA record', async () => {
    const [link] = await queryRows<{ external_id: string; record_id: string }>(t.database.db, sql`select external_id, record_id from psa_links where integration_id = ${id} and kind = 'organization' and state = 'syncing' order by external_id limit 1`);
    await control(sim, 'PATCH', `/records/companies/${link!.external_id}`, { name: 'x'.repeat(300) });
    await waitForRun((await admin.apiKey.post(`/api/v1/integrations/${id}/runs`, {})).body.id);
    const inbox = await admin.apiKey.get('/api/v1/sync-errors');
    const item = inbox.body.items.find((i: { externalId: string }) => i.externalId === link!.external_id);
    expect(item).toMatchObject({ kind: 'organization', recordId: link!.record_id, code: 'psa_record_invalid' });
    expect(item.message).toContain('255');
    expect((await otherAdmin.apiKey.get('/api/v1/sync-errors')).body.items).toEqual([]);
    expect((await otherAdmin.apiKey.post(`/api/v1/sync-errors/${item.id}/retry`, {})).status).toBe(404);

    expect((await admin.apiKey.post(`/api/v1/sync-errors/${item.id}/retry`, {})).body.outcome).toBe('still_failing');
    await control(sim, 'PATCH', `/records/companies/${link!.external_id}`, { name: 'Fixed Name Ltd' });
    const retried = await admin.apiKey.post(`/api/v1/sync-errors/${item.id}/retry`, {});
    expect(retried.body.outcome).toBe('fixed');
    const org = await admin.apiKey.get(`/api/v1/organizations/${link!.record_id}`);
    expect(org.body.name).toBe('Fixed Name Ltd');
  });
});
