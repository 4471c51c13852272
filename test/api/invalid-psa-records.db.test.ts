import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { describeEachEngine } from '../support/databases.js';
import { openSyncAccount, psas, type SyncAccount } from '../support/sync-world.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * A PSA that answers with invalid records: each bad record becomes a record-level error (or is held back as its
 * PSA data says), the run goes on with every other record and ends partial, and the next clean run converges. The
 * simulator's world is changed directly, past its control API, to serve what a real PSA's bugs or custom fields can.
 */
interface LinkState {
  kind: string;
  external_id: string;
  state: string;
  last_error_code: string | null;
}

const linkStates = (t: TestApp, integrationId: string) =>
  queryRows<LinkState>(t.database.db, sql`select kind, external_id, state, last_error_code from psa_links where integration_id = ${integrationId} order by kind, external_id::int`);
const recordErrors = (t: TestApp, integrationId: string) =>
  queryRows<{ kind: string; external_id: string; code: string }>(t.database.db, sql`select kind, external_id, code from psa_record_errors where integration_id = ${integrationId} order by kind, external_id`);

describeEachEngine('invalid records from the PSA', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it.each(psas)('%s: wrong types, missing names, oversized fields and broken references are record errors; the run proceeds', async (psa) => {
    const a: SyncAccount = await openSyncAccount(t, psa);
    expect((await a.sync()).status).toBe('succeeded');
    const world = a.sim.world;
    // Copies: the world changes its records in place.
    const copy = <T,>(record: T | undefined) => ({ ...record! });
    const original = { config2: copy(world.get('configurations', 2)), config4: copy(world.get('configurations', 4)), config6: copy(world.get('configurations', 6)), contact1: copy(world.get('contacts', 1)), company2: copy(world.get('companies', 2)) };
    const bad = (changes: object) => changes as never;
    world.update('configurations', 2, bad({ name: 12345 }));
    world.update('configurations', 4, bad({ companyId: 9999 }));
    world.update('configurations', 6, bad({ serialNumber: { nested: ['x'] }, model: 'M'.repeat(10_000) }));
    world.update('contacts', 1, { firstName: '', lastName: '   ' });
    world.update('companies', 2, bad({ name: 'C'.repeat(256) }));
    const orphanChild = world.create('configurations', bad({ ...original.config2, companyId: 424242, name: 'Child of nobody' }));
    // A clean change in the same run: it must be applied despite the bad records around it.
    world.update('configurations', 3, { name: 'RENAMED-IN-THE-SAME-RUN' });

    const run = await a.sync();
    expect(run.status, JSON.stringify(run)).toBe('partial');
    expect(run.counts.errors, JSON.stringify(run.issues)).toBeGreaterThanOrEqual(3);
    const links = await linkStates(t, a.integrationId);
    const state = (kind: string, id: number) => links.find((l) => l.kind === kind && l.external_id === String(id));
    const errors = await recordErrors(t, a.integrationId);
    for (const [kind, id] of [['configuration', 6], ['contact', 1], ['organization', 2]] as const) {
      // A linked record keeps its last good data with the error on its link; one never synced gets an error row.
      const linked = state(kind, id);
      if (linked) expect(linked, `${psa} ${kind} ${id}`).toMatchObject({ state: 'error', last_error_code: 'psa_record_invalid' });
      else expect(errors, `${psa} ${kind} ${id}`).toContainEqual({ kind, external_id: String(id), code: 'psa_record_invalid' });
    }
    // A number for a name: an error, or text where the PSA's API carries it as text anyway (Autotask's does).
    expect(['error', 'syncing', undefined]).toContain(state('configuration', 2)?.state);
    // A configuration moved to a company that does not exist: an error (no company) or orphaned (parent not synced).
    expect(['error', 'orphaned', undefined]).toContain(state('configuration', 4)?.state);
    expect(state('configuration', orphanChild.id)?.state ?? 'absent').not.toBe('syncing');
    const [renamed] = await queryRows<{ name: string }>(t.database.db, sql`
      select c.name from configurations c join psa_links l on l.record_id = c.id where l.integration_id = ${a.integrationId} and l.kind = 'configuration' and l.external_id = '3'`);
    expect(renamed!.name).toBe('RENAMED-IN-THE-SAME-RUN');
    const syncing = links.filter((l) => l.state === 'syncing').length;
    expect(syncing).toBeGreaterThan(links.length - 6);

    // Fixed in the PSA: the next run converges with no error left.
    world.update('configurations', 2, { name: original.config2.name });
    world.update('configurations', 4, { companyId: original.config4.companyId });
    world.update('configurations', 6, { serialNumber: original.config6.serialNumber, model: original.config6.model });
    world.update('contacts', 1, { firstName: original.contact1.firstName, lastName: original.contact1.lastName });
    world.update('companies', 2, { name: original.company2.name });
    world.update('configurations', orphanChild.id, { companyId: 1 });
    const fixed = await a.sync();
    expect(fixed.status, JSON.stringify(fixed.issues)).toBe('succeeded');
    expect((await linkStates(t, a.integrationId)).filter((l) => l.state !== 'syncing')).toEqual([]);
    expect(await recordErrors(t, a.integrationId)).toEqual([]);
    await a.sim.close();
  });
});
