import { randomBytes } from 'node:crypto';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/server.js';
import { cli, exitOf, runCli, waitForOutput } from '../support/cli.js';
import { emptyPostgresDatabase } from '../support/databases.js';
import { control, integrationBody, startSmallSimulator } from '../support/integrations.js';
import { configurationListingPath } from '../support/sync-world.js';
import { ApiClient } from '../support/test-app.js';

/**
 * Scale-out on one PostgreSQL: two `psalink serve` processes (each an API and a worker), started at the same moment,
 * and two admins acting through different processes at once. What must hold: one sync at a time per integration,
 * one delete per preview, and Manage Data actions racing a running sync end consistent.
 */
describe.skipIf(!inject('postgresAvailable'))('two psalink processes on one PostgreSQL', () => {
  let database: { url: string; drop(): Promise<unknown> };
  let sim: RunningSimulator;
  let sql: pg.Client;
  const servers: ChildProcessWithoutNullStreams[] = [];
  let alice: ApiClient; // admin, through process A
  let bob: ApiClient; // admin, through process B
  let integrationId = '';
  let contactLinks = 0;

  const query = async <T>(text: string, values: unknown[] = []) => (await sql.query(text, values)).rows as T[];
  const slowListing = (times: number) => control(sim, 'POST', '/faults', { kind: 'slow', path: configurationListingPath.connectwise, times, delayMs: 300 });
  const runsSettled = async () => {
    for (let i = 0; i < 600; i++) {
      const [busy] = await query<{ n: number }>(`select count(*)::int as n from sync_runs where status in ('queued', 'running')`);
      if (busy!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the runs did not finish');
  };
  const syncNow = (client: ApiClient) => client.post(`/api/v1/integrations/${integrationId}/runs`, {});
  /** What every consistent state has: every link's record exists, and no record is linked twice or by two PSA ids. */
  const expectConsistent = async () => {
    const [dangling] = await query<{ n: number }>(`
      select count(*)::int as n from psa_links l where not exists (
        select 1 from organizations r where r.id = l.record_id union all select 1 from configurations r where r.id = l.record_id
        union all select 1 from contacts r where r.id = l.record_id)`);
    expect(dangling!.n).toBe(0);
    const [twice] = await query<{ n: number }>(`select count(*)::int as n from (select record_id from psa_links group by record_id having count(*) > 1) d`);
    expect(twice!.n).toBe(0);
  };

  async function signIn(url: string, email: string, password: string) {
    const response = await new ApiClient(url).post('/api/v1/auth/sign-in', { email, password });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return new ApiClient(url, { cookie, csrfToken: response.body.csrfToken });
  }

  beforeAll(async () => {
    [database, sim] = await Promise.all([emptyPostgresDatabase(), startSmallSimulator('connectwise')]);
    // Every process shares the secret key: each would otherwise make its own and could not read the others' secrets.
    const env = { DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', PSALINK_SECRET_KEY: randomBytes(32).toString('base64'), PSALINK_DEMO_PSA: 'off' };
    // Both start at once on an empty database: the migrations and the job queue's schema must not trip over each other.
    servers.push(cli(['serve'], env), cli(['serve'], env));
    const [urlA, urlB] = (await Promise.all(servers.map((server) => waitForOutput(server, /psalink is running at/)))).map((out) => /running at (http:\/\/\S+)/.exec(out)![1]!);
    for (const email of ['alice@acme.test', 'bob@acme.test']) {
      const created = await runCli(['user', 'create', '--account', 'Acme MSP', '--email', email, '--password', 'scale-out-pass-1', '--role', 'admin'], env);
      expect(created.code, created.stderr).toBe(0);
    }
    alice = await signIn(urlA!, 'alice@acme.test', 'scale-out-pass-1');
    bob = await signIn(urlB!, 'bob@acme.test', 'scale-out-pass-1');
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    const integration = await alice.post('/api/v1/integrations', integrationBody(sim));
    expect(integration.status).toBe(201);
    integrationId = integration.body.id;
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) server.kill('SIGTERM');
    await Promise.all(servers.map(exitOf));
    await sql?.end();
    await sim?.close();
    await database?.drop();
  });

  it('Sync now pressed through both processes at once runs one sync at a time, each once', async () => {
    await slowListing(4);
    const answers = await Promise.all([alice, bob, alice, bob, alice, bob].map(syncNow));
    expect(answers.map((a) => (a.status === 200 || a.status === 202 ? "ok" : JSON.stringify(a.body)))).toEqual(answers.map(() => "ok"));
    // One run at a time: the first starts, at most one more waits, and every other press got that waiting run back.
    const created = answers.filter((a) => a.status === 202).map((a) => a.body.id);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(created.length);
    await runsSettled();
    const runs = await query<{ status: string; started_at: Date; finished_at: Date }>(`select status, started_at, finished_at from sync_runs order by started_at`);
    expect(runs.length).toBe(created.length);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.started_at.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finished_at.getTime());
    // The first run created a link for every PSA record it took in, with no errors; the later runs added none.
    const [first] = await query<{ counts: { created: number; errors: number } }>(`select counts from sync_runs order by started_at limit 1`);
    expect(first!.counts.errors).toBe(0);
    const links = await query<{ state: string; n: number }>(`select state::text as state, count(*)::int as n from psa_links group by state`);
    expect(links).toEqual([{ state: 'syncing', n: first!.counts.created }]);
    contactLinks = (await query<{ n: number }>(`select count(*)::int as n from psa_links where kind = 'contact'`))[0]!.n;
    await expectConsistent();
  });

  it('two admins confirming the same preview through different processes delete once', async () => {
    await sql.query(`update psa_links set state = 'orphaned', orphan_reason = 'deleted_in_psa', orphaned_at = now()
      where id in (select id from psa_links where kind = 'contact' order by external_id limit 3)`);
    const preview = await alice.post('/api/v1/manage/orphans/delete-preview', { kind: 'contact' });
    expect(preview.body.counts.contacts.total).toBe(3);
    const body = { kind: 'contact', confirmationToken: preview.body.confirmationToken };
    const [first, second] = await Promise.all([alice.post('/api/v1/manage/orphans/delete', body), bob.post('/api/v1/manage/orphans/delete', body)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([first, second].find((a) => a.status === 409)!.body.error.code).toBe('preview_stale');
    const batches = await query<{ counts: Record<string, number> }>(`select counts from trash_batches`);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.counts.contacts).toBe(3);
    await expectConsistent();
  });

  it('a restore and a scope disconnect racing a running sync end consistent, and the next sync converges', async () => {
    const [batch] = await query<{ id: string }>(`select id from trash_batches`);
    const [scope] = await query<{ id: string; external_id: string }>(`
      select s.id, s.external_id from sync_scopes s where s.kind = 'configuration' and s.dimension = 'type'
        and exists (select 1 from psa_links l where l.kind = 'configuration' and l.psa_type_id = s.external_id) order by s.external_id limit 1`);
    await slowListing(3);
    const run = await syncNow(alice);
    expect(run.status).toBe(202);
    // The run is listing (slowly): act on the data it is writing, through the other process.
    for (let i = 0; i < 100 && (await query<{ status: string }>(`select status from sync_runs where id = $1`, [run.body.id]))[0]!.status !== 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const restore = bob.post(`/api/v1/trash/${batch!.id}/restore`);
    const unlinkPreview = await bob.post(`/api/v1/manage/scopes/${scope!.id}/disconnect-preview`, { mode: 'unlink' });
    const unlink = await bob.post(`/api/v1/manage/scopes/${scope!.id}/disconnect`, { mode: 'unlink', confirmationToken: unlinkPreview.body.confirmationToken });
    expect([200, 409]).toContain(unlink.status);
    expect([200, 409]).toContain((await restore).status);
    await runsSettled();
    await expectConsistent();

    // A clean run afterwards: the unlinked scope stays unlinked (disconnected scopes are left alone), all else syncs.
    await runsSettled();
    expect((await syncNow(bob)).status).toBe(202);
    await runsSettled();
    const [last] = await query<{ status: string }>(`select status from sync_runs order by created_at desc limit 1`);
    expect(last!.status).toBe('succeeded');
    await expectConsistent();
    if (unlink.status === 200) {
      const [ofScope] = await query<{ n: number }>(`select count(*)::int as n from psa_links where kind = 'configuration' and psa_type_id = $1`, [scope!.external_id]);
      expect(ofScope!.n).toBe(0);
    }
    // The three contacts deleted as orphans (still in the PSA) are back, restored or re-created by the sync: none twice.
    const [contacts] = await query<{ n: number }>(`select count(*)::int as n from psa_links where kind = 'contact'`);
    expect(contacts!.n).toBe(contactLinks);
  });
});
