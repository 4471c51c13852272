import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.js';
import type { SimPsa } from '../../simulators/module.js';
import type { RecordKind } from '../../psa/canonical.js';
import { markLostRuns, createRun } from '../runs/run-store.js';
import type { RunCounts } from '../domain/run-counts.js';
import { describeEachEngine } from '../../../test/support/databases.js';
import { control } from '../../../test/support/integrations.js';
import { linkOf, type LinkRow } from '../../../test/support/sync.js';
import {
  actualLinks,
  configurationListingPath,
  expectedFor,
  openSyncAccount,
  presentOnly,
  psas,
  recordCounts,
  scopesOf,
  syncState,
  type SyncAccount,
} from '../../../test/support/sync-world.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

/*
 * The sync engine's scenarios over all three simulated PSAs: every link state and orphan reason, matching, scopes,
 * pause, the safety brake, PSA faults, and a killed run. Each PSA gets one account whose tests build on each other
 * in order (like an MSP's history), plus accounts of their own for matching and for the killed run.
 */

const tables: Record<RecordKind, 'organizations' | 'configurations' | 'contacts'> = { organization: 'organizations', configuration: 'configurations', contact: 'contacts' };
const changes = (counts: RunCounts) => ({ created: counts.created, updated: counts.updated, linked: counts.linked, orphaned: counts.orphaned, healed: counts.healed, errors: counts.errors, ambiguous: counts.ambiguous });
const noChanges = { created: 0, updated: 0, linked: 0, orphaned: 0, healed: 0, errors: 0, ambiguous: 0 };

describeEachEngine('sync scenarios', (engine) => {
  let t: TestApp;
  const opened: SyncAccount[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => {
    await Promise.all(opened.map((a) => a.sim.close()));
    await t?.close();
  });

  const open = async (psa: SimPsa) => {
    const account = await openSyncAccount(t, psa);
    opened.push(account);
    return account;
  };

  /** The psalink record behind a link, every column. */
  async function recordOf(account: SyncAccount, kind: RecordKind, externalId: string | number) {
    const link = await linkOf(t, account.integrationId, kind, externalId);
    if (!link) throw new Error(`no link for ${kind} ${externalId}`);
    const [row] = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from ${sql.identifier(tables[kind])} where id = ${link.record_id}`);
    return row!;
  }

  /** Runs the sync and checks that every link is what the oracle says, given the links before. */
  async function syncAndCheck(account: SyncAccount, options?: { full?: boolean }) {
    const before = await account.links();
    const run = await account.sync(options);
    expect(['succeeded', 'partial'], `${run.status}: ${run.errorCode} ${run.errorMessage}`).toContain(run.status);
    await expectConverged(account, before);
    return run;
  }

  async function expectConverged(account: SyncAccount, before: readonly LinkRow[]) {
    const expected = presentOnly(await expectedFor(t, account, before));
    expect(Object.fromEntries(actualLinks(await account.links()))).toEqual(Object.fromEntries(expected));
  }

  const setScopes = async (account: SyncAccount, kind: RecordKind, dimension: 'type' | 'status', externalIds: string[], state: 'enabled' | 'excluded') => {
    const scopes = (await scopesOf(t, account.integrationId)).filter((s) => s.kind === kind && s.dimension === dimension && externalIds.includes(s.external_id));
    expect(scopes).toHaveLength(externalIds.length);
    const response = await account.admin.apiKey.request('PUT', `/api/v1/integrations/${account.integrationId}/scopes`, { scopes: scopes.map((s) => ({ id: s.id, state })) });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  const setScopeState = (account: SyncAccount, kind: RecordKind, externalId: string, state: string) =>
    t.database.db.execute(sql`update sync_scopes set state = ${state}::scope_state where integration_id = ${account.integrationId} and kind = ${kind} and dimension = 'type' and external_id = ${externalId}`);
  const patchSettings = async (account: SyncAccount, settings: Record<string, unknown>) => {
    const response = await account.admin.apiKey.patch(`/api/v1/integrations/${account.integrationId}`, { settings });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  const psa = (account: SyncAccount, method: string, path: string, body?: unknown) =>
    control(account.sim, method, path, body).then((r) => {
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    });
  const stateOf = async (account: SyncAccount, kind: RecordKind, externalId: string | number) => {
    const link = await linkOf(t, account.integrationId, kind, externalId);
    return link ? (link.orphan_reason ? `${link.state}:${link.orphan_reason}` : link.state) : 'absent';
  };
  const statesOf = async (account: SyncAccount, kind: RecordKind, externalIds: (string | number)[]) =>
    Object.fromEntries(await Promise.all(externalIds.map(async (id) => [id, await stateOf(account, kind, id)])));
  const linkRows = (account: SyncAccount) =>
    queryRows<Record<string, unknown>>(t.database.db, sql`select * from psa_links where integration_id = ${account.integrationId} order by kind, external_id`);

  for (const psaName of psas) {
    describe(psaName, () => {
      /*
       * The small world (seed 1, the same for every PSA): companies 1–5; company 5 is inactive in Autotask and Halo
       * (its status "Credit Hold" is an active one in ConnectWise). Configurations by company: 5,10,15,20 → 1;
       * 4,9,14,19 → 2; 3,8,13,18 → 3; 2,7,12,17 → 4; 1,6,11,16 → 5; configuration 15 is inactive. Types: 1 Managed
       * Server (2,4,5,6,19), 12 Virtual Machine (17), 13 Mobile Device (10,18). Company 4 alone has company type 5.
       * Contacts 4 and 9 belong to company 2, contacts 2 and 7 to company 4.
       */
      let a: SyncAccount;
      const inactiveCompany5 = psaName !== 'connectwise';

      beforeAll(async () => {
        a = await open(psaName);
      });

      it('first run creates every PSA record in scope, each linked and syncing', async () => {
        const run = await syncAndCheck(a);
        expect(run.status).toBe('succeeded');
        const links = await a.links();
        expect(links.every((l) => l.state === 'syncing')).toBe(true);
        const byKind = (kind: RecordKind) => links.filter((l) => l.kind === kind).map((l) => Number(l.external_id)).sort((x, y) => x - y);
        const activeCompanies = inactiveCompany5 ? [1, 2, 3, 4] : [1, 2, 3, 4, 5];
        expect(byKind('organization')).toEqual(activeCompanies);
        const configurations = [...a.sim.world.all('configurations')].filter((k) => k.active && activeCompanies.includes(k.companyId)).map((k) => k.id);
        expect(byKind('configuration')).toEqual(configurations.sort((x, y) => x - y));
        const contacts = [...a.sim.world.all('contacts')].filter((p) => p.active && activeCompanies.includes(p.companyId)).map((p) => p.id);
        expect(byKind('contact')).toEqual(contacts.sort((x, y) => x - y));
        expect(run.counts.created).toBe(links.length);
        expect(changes(run.counts)).toEqual({ ...noChanges, created: links.length });
        const counts = await recordCounts(t, a.admin.accountId);
        expect([counts.organization, counts.configuration, counts.contact]).toEqual([activeCompanies.length, configurations.length, contacts.length]);
        // Fields come from the PSA, children hang off their company's organization.
        const org = await recordOf(a, 'organization', 1);
        expect(org.name).toBe('Acme Architects');
        const cfg = await recordOf(a, 'configuration', 5);
        expect(cfg).toMatchObject({ name: 'ACMEA-MS005', serial_number: 'LE6B24F980', organization_id: org.id });
        const contact = await recordOf(a, 'contact', 5);
        expect(contact).toMatchObject({ first_name: 'Noah', last_name: 'Kim', organization_id: org.id });
      });

      it('a second run changes nothing: counts zero but unchanged, links and records untouched', async () => {
        const links = await linkRows(a);
        const records = await queryRows(t.database.db, sql`select id, updated_at from configurations where account_id = ${a.admin.accountId} order by id`);
        const run = await a.sync();
        expect(run.status).toBe('succeeded');
        expect(changes(run.counts)).toEqual(noChanges);
        expect(run.counts.orphanedByReason).toEqual({ deleted_in_psa: 0, inactive_in_psa: 0, excluded_by_settings: 0, parent_not_synced: 0 });
        expect(await linkRows(a)).toEqual(links);
        expect(await queryRows(t.database.db, sql`select id, updated_at from configurations where account_id = ${a.admin.accountId} order by id`)).toEqual(records);
      });

      it('an updated PSA record updates the psalink record, never its local notes', async () => {
        const api = a.admin.apiKey;
        for (const [kind, path, id] of [['organization', 'organizations', 1], ['configuration', 'configurations', 5], ['contact', 'contacts', 5]] as const) {
          const record = await recordOf(a, kind, id);
          const patched = await api.patch(`/api/v1/${path}/${record.id}`, { notes: `Local ${kind} note` });
          expect(patched.status, JSON.stringify(patched.body)).toBe(200);
        }
        await psa(a, 'PATCH', '/records/companies/1', { name: 'Acme Architects & Sons', phone: '+1 555 0199' });
        await psa(a, 'PATCH', '/records/configurations/5', { name: 'ACMEA-MS005-NEW', serialNumber: 'SN-NEW-5' });
        await psa(a, 'PATCH', '/records/contacts/5', { lastName: 'Kimura' });

        const run = await syncAndCheck(a);
        expect(changes(run.counts)).toEqual({ ...noChanges, updated: 3 });
        expect(await recordOf(a, 'organization', 1)).toMatchObject({ name: 'Acme Architects & Sons', phone: '+1 555 0199', notes: 'Local organization note' });
        expect(await recordOf(a, 'configuration', 5)).toMatchObject({ name: 'ACMEA-MS005-NEW', serial_number: 'SN-NEW-5', notes: 'Local configuration note' });
        expect(await recordOf(a, 'contact', 5)).toMatchObject({ last_name: 'Kimura', notes: 'Local contact note' });
        expect(await stateOf(a, 'configuration', 5)).toBe('syncing');
      });

      it('deleted_in_psa: a hard-deleted configuration is orphaned and keeps its data', async () => {
        await psa(a, 'DELETE', '/records/configurations/4');
        const run = await syncAndCheck(a);
        expect(changes(run.counts)).toEqual({ ...noChanges, orphaned: 1 });
        expect(run.counts.orphanedByReason.deleted_in_psa).toBe(1);
        expect(await stateOf(a, 'configuration', 4)).toBe('orphaned:deleted_in_psa');
        expect(await recordOf(a, 'configuration', 4)).toMatchObject({ name: 'WONKA-MS004', serial_number: 'DE590E89A1' });
        expect(run.issues).toContainEqual(expect.objectContaining({ kind: 'configuration', externalId: '4', outcome: 'orphaned', reason: 'deleted_in_psa' }));
      });

      it('a deleted company orphans its organization, and its children as parent_not_synced; undeleting heals them all', async () => {
        // ConnectWise soft-deletes (deletedFlag); Autotask shows the company inactive; Halo stops listing it.
        const reason = psaName === 'autotask' ? 'inactive_in_psa' : 'deleted_in_psa';
        await psa(a, 'PATCH', '/records/companies/2', { deleted: true });
        const run = await syncAndCheck(a);
        expect(await stateOf(a, 'organization', 2)).toBe(`orphaned:${reason}`);
        expect(await statesOf(a, 'configuration', [9, 14, 19])).toEqual({ 9: 'orphaned:parent_not_synced', 14: 'orphaned:parent_not_synced', 19: 'orphaned:parent_not_synced' });
        expect(await statesOf(a, 'contact', [4, 9])).toEqual({ 4: 'orphaned:parent_not_synced', 9: 'orphaned:parent_not_synced' });
        expect(await stateOf(a, 'configuration', 4)).toBe('orphaned:deleted_in_psa');
        expect(run.counts.orphanedByReason).toMatchObject({ [reason]: 1, parent_not_synced: 5 });
        expect(run.counts.orphaned).toBe(6);

        await psa(a, 'PATCH', '/records/companies/2', { deleted: false });
        const healed = await syncAndCheck(a);
        expect(changes(healed.counts)).toEqual({ ...noChanges, healed: 6 });
        expect(await stateOf(a, 'organization', 2)).toBe('syncing');
        expect(await statesOf(a, 'configuration', [9, 14, 19, 4])).toEqual({ 9: 'syncing', 14: 'syncing', 19: 'syncing', 4: 'orphaned:deleted_in_psa' });
      });

      it('inactive_in_psa: a deactivated configuration is orphaned; reactivated, it heals', async () => {
        await psa(a, 'PATCH', '/records/configurations/20', { active: false });
        const run = await syncAndCheck(a);
        expect(changes(run.counts)).toEqual({ ...noChanges, orphaned: 1 });
        expect(run.counts.orphanedByReason.inactive_in_psa).toBe(1);
        expect(await stateOf(a, 'configuration', 20)).toBe('orphaned:inactive_in_psa');

        await psa(a, 'PATCH', '/records/configurations/20', { active: true, name: 'ACMEA-U020-BACK' });
        const healed = await syncAndCheck(a);
        expect(changes(healed.counts)).toEqual({ ...noChanges, healed: 1 });
        expect(await stateOf(a, 'configuration', 20)).toBe('syncing');
        expect((await recordOf(a, 'configuration', 20)).name).toBe('ACMEA-U020-BACK');
      });

      it('excluded_by_settings: an excluded type orphans its records; included again, they heal', async () => {
        const managed = ((await a.links()).filter((l) => l.kind === 'configuration' && l.state === 'syncing' && a.sim.world.get('configurations', Number(l.external_id))?.typeId === 1)).map((l) => l.external_id);
        expect(managed.length).toBeGreaterThanOrEqual(3);
        await setScopes(a, 'configuration', 'type', ['1'], 'excluded');
        const run = await syncAndCheck(a);
        expect(changes(run.counts)).toEqual({ ...noChanges, orphaned: managed.length });
        expect(run.counts.orphanedByReason.excluded_by_settings).toBe(managed.length);
        for (const id of managed) expect(await stateOf(a, 'configuration', id)).toBe('orphaned:excluded_by_settings');
        // A deleted one stays deleted: exclusion does not hide that.
        expect(await stateOf(a, 'configuration', 4)).toBe('orphaned:deleted_in_psa');

        await setScopes(a, 'configuration', 'type', ['1'], 'enabled');
        const healed = await syncAndCheck(a);
        expect(changes(healed.counts)).toEqual({ ...noChanges, healed: managed.length });
        for (const id of managed) expect(await stateOf(a, 'configuration', id)).toBe('syncing');
      });

      it('parent_not_synced: excluding a company type orphans the organization and its children; including it heals them', async () => {
        await setScopes(a, 'organization', 'type', ['5'], 'excluded');
        const run = await syncAndCheck(a);
        expect(await stateOf(a, 'organization', 4)).toBe('orphaned:excluded_by_settings');
        expect(await statesOf(a, 'configuration', [2, 7, 12, 17])).toEqual({ 2: 'orphaned:parent_not_synced', 7: 'orphaned:parent_not_synced', 12: 'orphaned:parent_not_synced', 17: 'orphaned:parent_not_synced' });
        expect(await statesOf(a, 'contact', [2, 7])).toEqual({ 2: 'orphaned:parent_not_synced', 7: 'orphaned:parent_not_synced' });
        expect(run.counts.orphanedByReason).toMatchObject({ excluded_by_settings: 1, parent_not_synced: 6 });

        await setScopes(a, 'organization', 'type', ['5'], 'enabled');
        const healed = await syncAndCheck(a);
        expect(changes(healed.counts)).toEqual({ ...noChanges, healed: 7 });
        expect(await statesOf(a, 'configuration', [2, 7, 12, 17])).toEqual({ 2: 'syncing', 7: 'syncing', 12: 'syncing', 17: 'syncing' });
      });

      it('disabled: the sync never touches a record whose sync was turned off, whatever the PSA does', async () => {
        const link = (await linkOf(t, a.integrationId, 'configuration', 13))!;
        expect(link.state).toBe('syncing');
        // As "Disable Sync" does.
        await t.database.db.execute(sql`update psa_links set state = 'disabled' where integration_id = ${a.integrationId} and kind = 'configuration' and external_id = '13'`);
        const before = await recordOf(a, 'configuration', 13);
        await psa(a, 'PATCH', '/records/configurations/13', { name: 'INITE-S013-RENAMED', typeId: 1 });
        await syncAndCheck(a);
        expect(await recordOf(a, 'configuration', 13)).toEqual(before);
        await psa(a, 'PATCH', '/records/configurations/13', { active: false });
        await syncAndCheck(a, { full: true });
        await psa(a, 'DELETE', '/records/configurations/13');
        const run = await syncAndCheck(a);
        expect(changes(run.counts)).toEqual(noChanges);
        expect(await stateOf(a, 'configuration', 13)).toBe('disabled');
        expect(await recordOf(a, 'configuration', 13)).toEqual(before);
      });

      it('error: invalid PSA data keeps the last good data with a readable error; fixed in the PSA, the link syncs again', async () => {
        await psa(a, 'PATCH', '/records/configurations/3', { name: 'X'.repeat(300) });
        // Halo names a nameless asset after its asset tag, so an empty name is only invalid in the other two.
        const emptyNameFails = psaName !== 'halo';
        if (emptyNameFails) await psa(a, 'PATCH', '/records/configurations/8', { name: '' });
        const run = await syncAndCheck(a);
        expect(run.status).toBe('partial');
        expect(run.counts.errors).toBe(emptyNameFails ? 2 : 1);
        const [row] = await queryRows<{ state: string; last_error_code: string; last_error_message: string }>(
          t.database.db,
          sql`select state, last_error_code, last_error_message from psa_links where integration_id = ${a.integrationId} and kind = 'configuration' and external_id = '3'`,
        );
        expect(row).toEqual({ state: 'error', last_error_code: 'psa_record_invalid', last_error_message: expect.stringMatching(/name is 300 characters long; psalink keeps at most 255/) });
        expect((await recordOf(a, 'configuration', 3)).name).toBe('INITE-L003');
        if (emptyNameFails) {
          expect(await linkOf(t, a.integrationId, 'configuration', 8)).toMatchObject({ state: 'error' });
          expect((await recordOf(a, 'configuration', 8)).name).toBe('INITE-N008');
        }
        expect(run.issues).toContainEqual(expect.objectContaining({ kind: 'configuration', externalId: '3', outcome: 'error', message: expect.stringContaining('Shorten it in the PSA') }));
        // Still wrong: retried, still an error, nothing else changes.
        const again = await syncAndCheck(a);
        expect(again.status).toBe('partial');
        expect((await recordOf(a, 'configuration', 3)).name).toBe('INITE-L003');

        await psa(a, 'PATCH', '/records/configurations/3', { name: 'INITE-L003-FIXED' });
        if (emptyNameFails) await psa(a, 'PATCH', '/records/configurations/8', { name: 'INITE-N008-FIXED' });
        const fixed = await syncAndCheck(a);
        expect(fixed.status).toBe('succeeded');
        expect(changes(fixed.counts)).toEqual({ ...noChanges, updated: emptyNameFails ? 2 : 1 });
        const [cleared] = await queryRows(t.database.db, sql`select state, last_error_code, last_error_message from psa_links where integration_id = ${a.integrationId} and kind = 'configuration' and external_id = '3'`);
        expect(cleared).toEqual({ state: 'syncing', last_error_code: null, last_error_message: null });
        expect((await recordOf(a, 'configuration', 3)).name).toBe('INITE-L003-FIXED');
      });

      it('a PSA record invalid from the start gets an error row and no record; fixed, it is created', async () => {
        const counts = await recordCounts(t, a.admin.accountId);
        const created = await psa(a, 'POST', '/records/configurations', { companyId: 1, name: 'N'.repeat(300), typeId: 2, statusId: 1 });
        const errorsOf = () => queryRows<{ external_id: string; code: string; message: string }>(t.database.db, sql`select external_id, code, message from psa_record_errors where integration_id = ${a.integrationId}`);
        const run = await syncAndCheck(a);
        expect(run.status).toBe('partial');
        expect(run.counts.errors).toBe(1);
        expect(await errorsOf()).toEqual([{ external_id: String(created.id), code: 'psa_record_invalid', message: expect.stringContaining('at most 255') }]);
        expect(await linkOf(t, a.integrationId, 'configuration', created.id)).toBeUndefined();
        expect((await recordCounts(t, a.admin.accountId)).configuration).toBe(counts.configuration);

        await psa(a, 'PATCH', `/records/configurations/${created.id}`, { name: 'ACMEA-NEW' });
        const fixed = await syncAndCheck(a);
        expect(fixed.status).toBe('succeeded');
        expect(changes(fixed.counts)).toEqual({ ...noChanges, created: 1 });
        expect(await errorsOf()).toEqual([]);
        expect(await recordOf(a, 'configuration', created.id)).toMatchObject({ name: 'ACMEA-NEW', organization_id: (await recordOf(a, 'organization', 1)).id });
      });

      it('an invalid PSA record later deleted or deactivated in the PSA leaves no stale error in the inbox', async () => {
        const gone = await psa(a, 'POST', '/records/configurations', { companyId: 1, name: 'G'.repeat(300), typeId: 2, statusId: 1 });
        const retired = await psa(a, 'POST', '/records/configurations', { companyId: 1, name: 'R'.repeat(300), typeId: 2, statusId: 1 });
        const errorIds = async () => (await queryRows<{ external_id: string }>(t.database.db, sql`select external_id from psa_record_errors where integration_id = ${a.integrationId}`)).map((r) => Number(r.external_id)).sort((x, y) => x - y);
        await syncAndCheck(a);
        expect(await errorIds()).toEqual([gone.id, retired.id]);

        await psa(a, 'DELETE', `/records/configurations/${gone.id}`);
        await psa(a, 'PATCH', `/records/configurations/${retired.id}`, { active: false });
        const run = await syncAndCheck(a);
        expect(run.status).toBe('succeeded');
        expect(await statesOf(a, 'configuration', [gone.id, retired.id])).toEqual({ [gone.id]: 'absent', [retired.id]: 'absent' });
        // Nothing is left to fix in the PSA: the error inbox must not keep showing them.
        expect(await errorIds()).toEqual([]);
      });

      it('a paused scope: its records stay exactly as they are while the PSA changes them; resumed, they catch up', async () => {
        // Type 13 (Mobile Device): configurations 10 and 18.
        expect(await statesOf(a, 'configuration', [10, 18])).toEqual({ 10: 'syncing', 18: 'syncing' });
        const before = { 10: await recordOf(a, 'configuration', 10), 18: await recordOf(a, 'configuration', 18) };
        await setScopeState(a, 'configuration', '13', 'paused');
        await psa(a, 'PATCH', '/records/configurations/10', { name: 'ACMEA-MD010-PAUSED' });
        await psa(a, 'PATCH', '/records/configurations/18', { active: false });
        const added = await psa(a, 'POST', '/records/configurations', { companyId: 3, name: 'INITE-MD-NEW', typeId: 13, statusId: 1 });
        const run = await syncAndCheck(a);
        expect(changes(run.counts)).toEqual(noChanges);
        expect(await statesOf(a, 'configuration', [10, 18, added.id])).toEqual({ 10: 'syncing', 18: 'syncing', [added.id]: 'absent' });
        expect(await recordOf(a, 'configuration', 10)).toEqual(before[10]);
        expect(await recordOf(a, 'configuration', 18)).toEqual(before[18]);
        await syncAndCheck(a, { full: true });
        expect(await recordOf(a, 'configuration', 10)).toEqual(before[10]);

        await setScopeState(a, 'configuration', '13', 'enabled');
        const resumed = await syncAndCheck(a);
        expect(changes(resumed.counts)).toEqual({ ...noChanges, created: 1, updated: 1, orphaned: 1 });
        expect(await statesOf(a, 'configuration', [10, 18, added.id])).toEqual({ 10: 'syncing', 18: 'orphaned:inactive_in_psa', [added.id]: 'syncing' });
        expect((await recordOf(a, 'configuration', 10)).name).toBe('ACMEA-MD010-PAUSED');
      });

      it('a paused scope keeps even a record deleted in the PSA as it is', async () => {
        // Paused = frozen (DESIGN "Disconnect", scope-states.ts scopeFrozen): a soft delete is left alone, so must a hard one be.
        await setScopeState(a, 'configuration', '13', 'paused');
        try {
          await psa(a, 'DELETE', '/records/configurations/10');
          const run = await a.sync();
          expect(run.status).toBe('succeeded');
          expect(await stateOf(a, 'configuration', 10)).toBe('syncing');
          expect(run.counts.orphaned).toBe(0);
        } finally {
          await setScopeState(a, 'configuration', '13', 'enabled');
        }
        await syncAndCheck(a);
        expect(await stateOf(a, 'configuration', 10)).toBe('orphaned:deleted_in_psa');
      });

      it('a disconnected scope: unlinked records stay local, are never re-created nor re-linked, new ones are not created', async () => {
        // Type 12 (Virtual Machine): configuration 17. Disconnect → unlink, as Manage Data does.
        const record = await recordOf(a, 'configuration', 17);
        await setScopeState(a, 'configuration', '12', 'disconnected');
        await t.database.db.execute(sql`delete from psa_links where integration_id = ${a.integrationId} and kind = 'configuration' and external_id = '17'`);
        const counts = await recordCounts(t, a.admin.accountId);
        await psa(a, 'PATCH', '/records/configurations/17', { name: 'STARK-VM017-RENAMED' });
        const added = await psa(a, 'POST', '/records/configurations', { companyId: 4, name: 'STARK-VM-NEW', typeId: 12, statusId: 1 });
        for (const full of [false, true]) {
          const run = await syncAndCheck(a, { full });
          expect(changes(run.counts)).toEqual(noChanges);
        }
        expect(await statesOf(a, 'configuration', [17, added.id])).toEqual({ 17: 'absent', [added.id]: 'absent' });
        expect(await recordCounts(t, a.admin.accountId)).toEqual(counts);
        const [local] = await queryRows(t.database.db, sql`select * from configurations where id = ${record.id as string}`);
        expect(local).toEqual(record);

        // Reconnected, the scope re-matches its PSA records to the local ones: linked, never duplicated.
        await setScopeState(a, 'configuration', '12', 'enabled');
        const reconnected = await syncAndCheck(a);
        expect(changes(reconnected.counts)).toEqual({ ...noChanges, linked: 1, created: 1 });
        expect(await linkOf(t, a.integrationId, 'configuration', 17)).toMatchObject({ record_id: record.id, state: 'syncing' });
        expect(await recordOf(a, 'configuration', 17)).toMatchObject({ id: record.id, name: 'STARK-VM017-RENAMED', serial_number: 'DE0C3AE46F' });
        expect((await recordCounts(t, a.admin.accountId)).configuration).toBe(counts.configuration + 1);
      });

      it('a paused integration: a run ends cancelled (integration_paused) and changes nothing; resumed, it syncs', async () => {
        const api = a.admin.apiKey;
        expect((await api.post(`/api/v1/integrations/${a.integrationId}/pause`)).status).toBe(200);
        await psa(a, 'PATCH', '/records/companies/3', { name: 'Initech Renamed' });
        const links = await linkRows(a);
        const paused = await a.sync();
        expect(paused).toMatchObject({ status: 'cancelled', errorCode: 'integration_paused' });
        expect(changes(paused.counts)).toEqual(noChanges);
        expect(await linkRows(a)).toEqual(links);
        expect((await recordOf(a, 'organization', 3)).name).toBe('Initech Pharmacy Partners');

        expect((await api.post(`/api/v1/integrations/${a.integrationId}/resume`)).status).toBe(200);
        const resumed = await syncAndCheck(a);
        expect(resumed.status).toBe('succeeded');
        expect(changes(resumed.counts)).toEqual({ ...noChanges, updated: 1 });
        expect((await recordOf(a, 'organization', 3)).name).toBe('Initech Renamed');
      });

      it('contacts switched off: every synced contact is orphaned as excluded_by_settings; back on, they heal', async () => {
        const contacts = (await a.links()).filter((l) => l.kind === 'contact' && l.state === 'syncing');
        expect(contacts.length).toBeGreaterThan(5);
        await patchSettings(a, { contactsEnabled: false });
        const run = await syncAndCheck(a);
        expect(changes(run.counts)).toEqual({ ...noChanges, orphaned: contacts.length });
        expect(run.counts.orphanedByReason.excluded_by_settings).toBe(contacts.length);
        for (const c of contacts) expect(await stateOf(a, 'contact', c.external_id)).toBe('orphaned:excluded_by_settings');
        expect(run.progress).toMatchObject({ contact: { phase: 'skipped' } });

        await patchSettings(a, { contactsEnabled: true });
        const healed = await syncAndCheck(a);
        expect(changes(healed.counts)).toEqual({ ...noChanges, healed: contacts.length });
      });

      it('a full run after incremental ones finds exactly the same state', async () => {
        const state = await syncState(t, a.integrationId);
        const links = await linkRows(a);
        const run = await syncAndCheck(a, { full: true });
        expect(run.full).toBe(true);
        expect(changes(run.counts)).toEqual(noChanges);
        expect(await syncState(t, a.integrationId)).toEqual(state);
        expect(await linkRows(a)).toEqual(links);
      });

      it('a PSA fault mid-listing fails the run and orphans nothing; the next run succeeds', async () => {
        await psa(a, 'DELETE', '/records/configurations/14');
        await psa(a, 'PATCH', '/records/configurations/19', { name: 'WONKA-MS019-NEW' });
        // The first listing request goes through, every later one fails (more than the client's retries).
        await psa(a, 'POST', '/faults', { kind: 'server_error', path: configurationListingPath[psaName], skip: 1, times: 20, status: 503 });
        const links = await linkRows(a);
        const failed = await a.sync();
        expect(failed.status).toBe('failed');
        expect(failed.errorCode).toBe('psa_transient');
        expect(failed.errorMessage).toBeTruthy();
        expect(failed.counts.orphaned).toBe(0);
        expect(await stateOf(a, 'configuration', 14)).toBe('syncing');
        const states = (rows: Record<string, unknown>[]) => rows.map((l) => [l.kind, l.external_id, l.state, l.orphan_reason, l.orphaned_at]);
        expect(states(await linkRows(a))).toEqual(states(links));
        expect((await control(a.sim, 'GET', '/faults')).body.length).toBeGreaterThan(0);
        await psa(a, 'DELETE', '/faults');

        const next = await syncAndCheck(a);
        expect(next.status).toBe('succeeded');
        expect(next.counts.orphanedByReason.deleted_in_psa).toBe(1);
        expect(await stateOf(a, 'configuration', 14)).toBe('orphaned:deleted_in_psa');
        expect((await recordOf(a, 'configuration', 19)).name).toBe('WONKA-MS019-NEW');
      });

      it('the safety brake holds a run that would orphan too many records: held plan, links still syncing', async () => {
        await patchSettings(a, { brake: { maxShare: 0.1, minCount: 1 } });
        const syncing = (await a.links()).filter((l) => l.kind === 'configuration' && l.state === 'syncing');
        const doomed = syncing.slice(0, Math.ceil(syncing.length / 2));
        expect(doomed.length).toBeGreaterThanOrEqual(4);
        for (const l of doomed) await psa(a, 'DELETE', `/records/configurations/${l.external_id}`);
        const links = await linkRows(a);
        const run = await a.sync();
        expect(run.status).toBe('held');
        expect(run.counts.orphaned).toBe(0);
        const held = run.heldPlan as { orphans: Record<string, { linkId: string; reason: string }[]>; threshold: unknown };
        expect(held.threshold).toEqual({ maxShare: 0.1, minCount: 1 });
        expect(Object.keys(held.orphans)).toEqual(['configuration']);
        const linkIds = new Map(links.map((l) => [l.id, l.external_id]));
        expect(held.orphans.configuration!.map((o) => linkIds.get(o.linkId)).sort()).toEqual(doomed.map((l) => l.external_id).sort());
        expect(new Set(held.orphans.configuration!.map((o) => o.reason))).toEqual(new Set(['deleted_in_psa']));
        expect(await linkRows(a)).toEqual(links);
      });
    });

    describe(`${psaName}: matching before creating`, () => {
      let m: SyncAccount;
      const local: Record<string, string> = {};

      beforeAll(async () => {
        m = await open(psaName);
        // The PSA has "Acme, Inc."; psalink has "ACME Inc" (normalized-equal), "acme architects" (exact, case aside) and
        // two "Initech Pharmacy Partners" (ambiguous).
        await psa(m, 'POST', '/records/companies', { name: 'Acme, Inc.', typeIds: [1], statusId: 1 });
        for (const [key, name] of [['near', 'ACME Inc'], ['exact', 'acme architects'], ['twin1', 'Initech Pharmacy Partners'], ['twin2', 'Initech Pharmacy Partners']] as const) {
          const created = await m.admin.apiKey.post('/api/v1/organizations', { name, notes: `local ${key}` });
          expect(created.status).toBe(201);
          local[key] = created.body.id;
        }
      });

      it('links the exact and the normalized name instead of duplicating, and sends the ambiguous one to review', async () => {
        const run = await m.sync();
        expect(run.status).toBe('succeeded');
        expect(run.counts.linked).toBe(2);
        expect(run.counts.ambiguous).toBe(1);
        const acmeInc = [...m.sim.world.all('companies')].find((c) => c.name === 'Acme, Inc.')!;
        expect(await linkOf(t, m.integrationId, 'organization', 1)).toMatchObject({ record_id: local.exact, state: 'syncing' });
        expect(await linkOf(t, m.integrationId, 'organization', acmeInc.id)).toMatchObject({ record_id: local.near, state: 'syncing' });
        // The PSA wins on PSA-owned fields, the notes stay.
        expect(await recordOf(m, 'organization', 1)).toMatchObject({ name: 'Acme Architects', notes: 'local exact' });
        expect(await recordOf(m, 'organization', acmeInc.id)).toMatchObject({ name: 'Acme, Inc.', notes: 'local near' });
        // Company 3 waits: no link, no record, a review row with both candidates.
        expect(await linkOf(t, m.integrationId, 'organization', 3)).toBeUndefined();
        const reviews = await queryRows<{ external_id: string; proposal: string; decision: string; suggestions: { recordId: string }[] }>(
          t.database.db,
          sql`select external_id, proposal, decision, suggestions from match_reviews where integration_id = ${m.integrationId}`,
        );
        expect(reviews).toHaveLength(1);
        expect(reviews[0]).toMatchObject({ external_id: '3', proposal: 'decide', decision: 'pending' });
        expect(reviews[0]!.suggestions.map((s) => s.recordId).sort()).toEqual([local.twin1, local.twin2].sort());
        const orgs = await queryRows<{ name: string }>(t.database.db, sql`select name from organizations where account_id = ${m.admin.accountId}`);
        expect(orgs.filter((o) => o.name === 'Initech Pharmacy Partners')).toHaveLength(2);
        expect(orgs.filter((o) => /acme/i.test(o.name))).toHaveLength(2);
        // Its configurations and contacts wait for it.
        expect(await statesOf(m, 'configuration', [3, 8])).toEqual({ 3: 'absent', 8: 'absent' });

        // Still undecided: nothing changes on the next runs, incremental or full.
        for (const full of [false, true]) {
          const again = await m.sync({ full });
          expect({ ...changes(again.counts), ambiguous: 0 }).toEqual(noChanges);
          expect(await linkOf(t, m.integrationId, 'organization', 3)).toBeUndefined();
        }
        expect((await recordCounts(t, m.admin.accountId)).organization).toBe(orgs.length);
      });

      it('an admin decision links the waiting record on the next run, and its children follow', async () => {
        await t.database.db.execute(sql`update match_reviews set decision = 'link', decided_record_id = ${local.twin2} where integration_id = ${m.integrationId} and external_id = '3'`);
        const run = await m.sync();
        expect(run.status).toBe('succeeded');
        expect(run.counts.linked).toBe(1);
        expect(await linkOf(t, m.integrationId, 'organization', 3)).toMatchObject({ record_id: local.twin2, state: 'syncing' });
        expect(await queryRows(t.database.db, sql`select 1 from match_reviews where integration_id = ${m.integrationId}`)).toEqual([]);
        expect(await statesOf(m, 'configuration', [3, 8])).toEqual({ 3: 'syncing', 8: 'syncing' });
        expect((await recordOf(m, 'configuration', 3)).organization_id).toBe(local.twin2);
        // The other twin stays a local record; nothing was duplicated.
        expect((await queryRows(t.database.db, sql`select id from organizations where account_id = ${m.admin.accountId} and name = 'Initech Pharmacy Partners'`)).length).toBe(2);
        const links = await m.links();
        expect(links.filter((l) => l.kind === 'organization').map((l) => l.record_id)).not.toContain(local.twin1);
        await expectConverged(m, links);
      });

      it('a PSA record waiting in match review and then deleted in the PSA leaves no stale review behind', async () => {
        const twin = await psa(m, 'POST', '/records/companies', { name: 'Twin Dental', typeIds: [1], statusId: 1 });
        for (const n of [1, 2]) expect((await m.admin.apiKey.post('/api/v1/organizations', { name: 'Twin Dental', notes: `twin ${n}` })).status).toBe(201);
        const reviews = () => queryRows<{ external_id: string; decision: string }>(t.database.db, sql`select external_id, decision from match_reviews where integration_id = ${m.integrationId}`);
        const run = await m.sync();
        expect(run.counts.ambiguous).toBe(1);
        expect(await reviews()).toEqual([{ external_id: String(twin.id), decision: 'pending' }]);

        await psa(m, 'DELETE', `/records/companies/${twin.id}`);
        const after = await syncAndCheck(m);
        expect(after.status).toBe('succeeded');
        // Nothing is left to decide: the review list must not ask an admin about a PSA record that no longer exists.
        expect(await reviews()).toEqual([]);
      });
    });

    describe(`${psaName}: a killed run`, () => {
      let k: SyncAccount;
      let reference: SyncAccount;

      beforeAll(async () => {
        [k, reference] = await Promise.all([open(psaName), open(psaName)]);
      });

      /**
       * Stops the run as a killed process would, once `kind` has applied a page. Progress is reported at most every
       * 500 ms between pages, so the PSA is slowed down after the first listing request of configurations: the
       * heartbeat that reports the applied page then comes while the kind is still being read.
       */
      async function killedRun(account: SyncAccount, kind: RecordKind) {
        if (kind === 'configuration') await psa(account, 'POST', '/faults', { kind: 'slow', path: configurationListingPath[psaName], skip: 1, times: 3, delayMs: 400 });
        const stop = new AbortController();
        const run = await account.sync({ heartbeatMs: 100, signal: stop.signal, onProgress: (progress) => progress[kind].processed > 0 && stop.abort() });
        expect(stop.signal.aborted).toBe(true);
        await psa(account, 'DELETE', '/faults');
        return run;
      }

      /** A run whose worker died: left `running` with a stale heartbeat. */
      async function lostRun(account: SyncAccount) {
        const { run } = await createRun({ db: t.database.db, accountId: account.admin.accountId, integrationId: account.integrationId, trigger: 'cli', full: false });
        await t.database.db.execute(sql`update sync_runs set status = 'running', started_at = now() - interval '11 minutes', heartbeat_at = now() - interval '10 minutes' where id = ${run.id}`);
        expect(await markLostRuns(t.database.db, 60, account.integrationId)).toBe(1);
        const [row] = await queryRows(t.database.db, sql`select status, error_code from sync_runs where id = ${run.id}`);
        expect(row).toEqual({ status: 'failed', error_code: 'worker_lost' });
      }

      async function sameOnBoth(method: string, path: string, body?: unknown) {
        await psa(k, method, path, body);
        await psa(reference, method, path, body);
      }

      it('a first run killed after its first page ends cancelled; the next run converges to an uninterrupted one', async () => {
        const killed = await killedRun(k, 'organization');
        expect(killed.status).toBe('cancelled');
        expect(killed.errorCode).toBe('cancelled');
        expect((await k.links()).some((l) => l.kind === 'configuration')).toBe(false);
        await lostRun(k);
        await syncAndCheck(k);
        await syncAndCheck(reference);
        expect(await syncState(t, k.integrationId)).toEqual(await syncState(t, reference.integrationId));
        expect(await recordCounts(t, k.admin.accountId)).toEqual(await recordCounts(t, reference.admin.accountId));
      });

      it('killed mid-way through changes, then a lost worker: the next run still converges', async () => {
        await sameOnBoth('PATCH', '/records/companies/1', { name: 'Acme Architects Renamed' });
        await sameOnBoth('PATCH', '/records/companies/2', { deleted: true });
        await sameOnBoth('DELETE', '/records/configurations/5');
        await sameOnBoth('PATCH', '/records/configurations/20', { active: false });
        await sameOnBoth('PATCH', '/records/configurations/3', { name: 'INITE-L003-MOVED', companyId: 1 });
        await sameOnBoth('POST', '/records/configurations', { companyId: 3, name: 'INITE-NEW', typeId: 2, statusId: 1 });
        await sameOnBoth('PATCH', '/records/contacts/3', { lastName: 'Dubois-Renamed' });

        const killed = await killedRun(k, 'configuration');
        expect(killed.status).toBe('cancelled');
        // Killed before the configurations' orphans were applied: the deleted one is still syncing.
        expect(await stateOf(k, 'configuration', 5)).toBe('syncing');
        await lostRun(k);
        const run = await syncAndCheck(k);
        expect(run.status).toBe('succeeded');
        await syncAndCheck(reference);
        const state = await syncState(t, k.integrationId);
        expect(state).toEqual(await syncState(t, reference.integrationId));
        expect(await recordCounts(t, k.admin.accountId)).toEqual(await recordCounts(t, reference.admin.accountId));
        expect(state.configurations.find((c) => c.external_id === '3')).toMatchObject({ name: 'INITE-L003-MOVED', organization: '1' });
        expect(await stateOf(k, 'configuration', 5)).toBe('orphaned:deleted_in_psa');
        // And one more run changes nothing.
        const idle = await k.sync();
        expect(changes(idle.counts)).toEqual(noChanges);
      });
    });
  }

  it('keeps every account to itself: one integration never wrote into another account', async () => {
    const rows = await queryRows<{ n: number }>(t.database.db, sql`
      select count(*)::int as n from psa_links l join psa_integrations i on i.id = l.integration_id where l.account_id <> i.account_id`);
    expect(rows[0]!.n).toBe(0);
    for (const account of opened) {
      const foreign = await queryRows<{ n: number }>(t.database.db, sql`
        select count(*)::int as n from psa_links l where l.integration_id = ${account.integrationId} and not exists (
          select 1 from organizations o where o.id = l.record_id and o.account_id = ${account.admin.accountId}
          union all select 1 from configurations c where c.id = l.record_id and c.account_id = ${account.admin.accountId}
          union all select 1 from contacts p where p.id = l.record_id and p.account_id = ${account.admin.accountId})`);
      expect(foreign[0]!.n).toBe(0);
    }
  });
});
