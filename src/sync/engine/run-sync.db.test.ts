import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../db/database.js';
import type { RunningSimulator } from '../../simulators/server.js';
import { describeEachEngine } from '../../../test/support/databases.js';
import { control, integrationBody, startSmallSimulator } from '../../../test/support/integrations.js';
import { countRows, linkOf, linksOf, runSync } from '../../../test/support/sync.js';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app.js';

describeEachEngine('sync run over the ConnectWise simulator', (engine) => {
  let t: TestApp;
  let sim: RunningSimulator;
  let admin: TestUser;
  let integrationId: string;

  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp(engine), startSmallSimulator('connectwise')]);
    admin = await t.createUser('Acme MSP', 'admin');
    integrationId = (await admin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id;
  });
  afterAll(async () => {
    await Promise.all([t?.close(), sim?.close()]);
  });

  it('creates every PSA record on the first run and links it', async () => {
    const run = await runSync(t, admin.accountId, integrationId);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const links = await linksOf(t, integrationId);
    expect(run.counts.created).toBeGreaterThan(0);
    expect(links.length).toBe(run.counts.created);
    expect(await countRows(t, 'organizations', admin.accountId)).toBe(links.filter((l) => l.kind === 'organization').length);
    const audit = await queryRows<{ actor_type: string; action: string; counts: { created: number } }>(t.database.db, sql`
      select actor_type, action, counts from audit_events where account_id = ${admin.accountId} and target_id = ${run.id}`);
    expect(audit).toEqual([{ actor_type: 'sync', action: 'sync.succeeded', counts: expect.objectContaining({ created: run.counts.created }) }]);
  });

  it('changes nothing on a second run', async () => {
    const before = await linksOf(t, integrationId);
    const run = await runSync(t, admin.accountId, integrationId);
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ created: 0, updated: 0, linked: 0, orphaned: 0, healed: 0, errors: 0 });
    expect(await linksOf(t, integrationId)).toEqual(before);
  });

  it('orphans a deleted configuration after the complete listing and heals nothing else', async () => {
    const [first] = (await linksOf(t, integrationId)).filter((l) => l.kind === 'configuration');
    expect((await control(sim, 'DELETE', `/records/configurations/${first!.external_id}`)).status).toBe(204);
    const run = await runSync(t, admin.accountId, integrationId);
    expect(run.counts.orphanedByReason.deleted_in_psa).toBe(1);
    expect(await linkOf(t, integrationId, 'configuration', first!.external_id)).toMatchObject({ state: 'orphaned', orphan_reason: 'deleted_in_psa' });
  });
});
