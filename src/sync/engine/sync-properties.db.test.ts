import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../db/database.js';
import type { RunCounts } from '../domain/run-counts.js';
import { describeEachEngine } from '../../../test/support/databases.js';
import { control } from '../../../test/support/integrations.js';
import {
  actualLinks,
  expectedFor,
  keyOf,
  openSyncAccount,
  presentOnly,
  psas,
  scopesOf,
  type SyncAccount,
} from '../../../test/support/sync-world.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

/*
 * Property: whatever the PSA does between syncs (configurations created, renamed, retyped, deactivated, reactivated,
 * deleted, moved; companies soft-deleted, deactivated, renamed; contacts deactivated), whatever the admin does (types
 * excluded and included, contacts switched off and on, Disable Sync), even with a run killed part-way, every sync
 * leaves psalink in the state the PSA and the settings call for (test/support/sync-world.ts expectedLinks), never
 * duplicates, never touches local data, and a second sync right after changes nothing.
 * Deterministic: the seed is fixed; PSALINK_FC_SEED and PSALINK_FC_RUNS override it for a longer hunt, and fast-check
 * prints seed and path of a failure.
 */

/** Configuration types the commands use: Managed Server (5 records), Workstation, Firewall, Switch, Mobile Device. */
const configurationTypes = [1, 3, 5, 6, 13];
/** Company types in the small world: 1 (four companies) and 5 (company 4 alone). */
const companyTypes = [1, 5];

type Command =
  | { op: 'create'; companyId: number; typeId: number }
  | { op: 'rename'; pick: number }
  | { op: 'retype'; pick: number; typeId: number }
  | { op: 'active'; pick: number; active: boolean }
  | { op: 'delete'; pick: number }
  | { op: 'softDelete'; pick: number }
  | { op: 'move'; pick: number; companyId: number }
  | { op: 'companyDeleted'; companyId: number; deleted: boolean }
  | { op: 'companyActive'; companyId: number; active: boolean }
  | { op: 'companyStatus'; companyId: number; statusId: number }
  | { op: 'companyRename'; companyId: number }
  | { op: 'contactActive'; contactId: number; active: boolean }
  | { op: 'contacts'; enabled: boolean }
  | { op: 'kill' }
  | { op: 'scope'; kind: 'configuration' | 'organization'; typeId: number; state: 'enabled' | 'excluded' }
  | { op: 'disable'; pick: number }
  | { op: 'sync'; full: boolean };

/** Which configuration a command touches: few enough that commands meet on the same records (see apply). */
const pick = fc.nat({ max: 4 });
const company = fc.integer({ min: 1, max: 5 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), companyId: company, typeId: fc.constantFrom(...configurationTypes) }),
  fc.record({ op: fc.constant('rename' as const), pick }),
  fc.record({ op: fc.constant('retype' as const), pick, typeId: fc.constantFrom(...configurationTypes) }),
  fc.record({ op: fc.constant('active' as const), pick, active: fc.boolean() }),
  fc.record({ op: fc.constant('delete' as const), pick }),
  fc.record({ op: fc.constant('softDelete' as const), pick }),
  fc.record({ op: fc.constant('move' as const), pick, companyId: company }),
  fc.record({ op: fc.constant('companyDeleted' as const), companyId: fc.integer({ min: 1, max: 4 }), deleted: fc.boolean() }),
  fc.oneof(
    fc.record({ op: fc.constant('companyActive' as const), companyId: company, active: fc.boolean() }),
    // 1 Active, 2 Inactive (an inactive status in ConnectWise), 4 Credit Hold.
    fc.record({ op: fc.constant('companyStatus' as const), companyId: company, statusId: fc.constantFrom(1, 2, 4) }),
    fc.record({ op: fc.constant('companyRename' as const), companyId: company }),
    fc.record({ op: fc.constant('contactActive' as const), contactId: fc.integer({ min: 1, max: 10 }), active: fc.boolean() }),
    fc.record({ op: fc.constant('contacts' as const), enabled: fc.boolean() }),
  ),
  fc.constant({ op: 'kill' as const }),
  fc.oneof(
    fc.record({ op: fc.constant('scope' as const), kind: fc.constant('configuration' as const), typeId: fc.constantFrom(...configurationTypes), state: fc.constantFrom('enabled' as const, 'excluded' as const) }),
    fc.record({ op: fc.constant('scope' as const), kind: fc.constant('organization' as const), typeId: fc.constantFrom(...companyTypes), state: fc.constantFrom('enabled' as const, 'excluded' as const) }),
  ),
  fc.record({ op: fc.constant('disable' as const), pick }),
  fc.record({ op: fc.constant('sync' as const), full: fc.boolean() }),
);

const seed = Number(process.env.PSALINK_FC_SEED ?? 20_261_101);
const runs = Number(process.env.PSALINK_FC_RUNS ?? 12);

describeEachEngine('sync properties', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every sync converges to what the PSA and the settings say, never duplicates, never touches local data, and is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...psas), fc.array(command, { minLength: 3, maxLength: 8 }), async (psa, commands) => {
        const account = await openSyncAccount(t, psa, { brake: { maxShare: 1, minCount: 1_000_000 } });
        try {
          await checkSequence(t, account, commands);
        } finally {
          await account.sim.close();
        }
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
  }, Math.max(120_000, runs * 4_000));
});

async function checkSequence(t: TestApp, account: SyncAccount, commands: Command[]) {
  await syncAndCheck(t, account);
  const local = await seedLocalData(t, account);
  await checkLocalData(t, account, local);

  for (const c of commands) {
    if (c.op === 'sync') {
      await syncAndCheck(t, account, c.full);
      await checkLocalData(t, account, local);
    } else if (c.op === 'kill') {
      // The process stops once the organizations' first page is applied; the next sync must converge regardless.
      const stop = new AbortController();
      const run = await account.sync({ signal: stop.signal, onProgress: (progress) => progress.organization.processed > 0 && stop.abort() });
      expect(run.status).toBe('cancelled');
    } else {
      await apply(t, account, c);
    }
  }
  await syncAndCheck(t, account);
  await checkLocalData(t, account, local);
}

/** Applies one command: PSA changes through the simulator's control API, settings through the REST API. */
async function apply(t: TestApp, account: SyncAccount, c: Exclude<Command, { op: 'sync' | 'kill' }>) {
  const ids = [...account.sim.world.tables.configurations.keys()];
  // Every third configuration: spread over the five companies and several types, the same few each time.
  const chosen = 'pick' in c ? ids[(c.pick * 3) % Math.max(ids.length, 1)] : undefined;
  const psa = async (method: string, path: string, body?: unknown) => {
    const response = await control(account.sim, method, path, body);
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  };
  switch (c.op) {
    case 'create':
      return psa('POST', '/records/configurations', { companyId: c.companyId, typeId: c.typeId, statusId: 1, name: `NEW-${c.companyId}-${c.typeId}`, serialNumber: `SN-${ids.length + 1}` });
    case 'rename':
      return chosen === undefined ? undefined : psa('PATCH', `/records/configurations/${chosen}`, { name: `RENAMED-${chosen}-${account.sim.world.version}` });
    case 'retype':
      return chosen === undefined ? undefined : psa('PATCH', `/records/configurations/${chosen}`, { typeId: c.typeId });
    case 'active':
      return chosen === undefined ? undefined : psa('PATCH', `/records/configurations/${chosen}`, { active: c.active });
    case 'delete':
      return chosen === undefined ? undefined : psa('DELETE', `/records/configurations/${chosen}`);
    case 'softDelete':
      // None of the three PSAs soft-deletes configurations (only ConnectWise companies): the record is merely touched
      // (a newer change time), which must change nothing in psalink.
      return chosen === undefined ? undefined : psa('PATCH', `/records/configurations/${chosen}`, { deleted: true });
    case 'move':
      return chosen === undefined ? undefined : psa('PATCH', `/records/configurations/${chosen}`, { companyId: c.companyId });
    case 'companyDeleted':
      return psa('PATCH', `/records/companies/${c.companyId}`, { deleted: c.deleted });
    case 'companyActive':
      return psa('PATCH', `/records/companies/${c.companyId}`, { active: c.active });
    case 'companyStatus':
      return psa('PATCH', `/records/companies/${c.companyId}`, { statusId: c.statusId });
    case 'companyRename':
      return psa('PATCH', `/records/companies/${c.companyId}`, { name: `Company ${c.companyId} rev ${account.sim.world.version}` });
    case 'contactActive':
      return psa('PATCH', `/records/contacts/${c.contactId}`, { active: c.active });
    case 'contacts': {
      const response = await account.admin.apiKey.patch(`/api/v1/integrations/${account.integrationId}`, { settings: { contactsEnabled: c.enabled } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return;
    }
    case 'scope': {
      const scope = (await scopesOf(t, account.integrationId)).find((s) => s.kind === c.kind && s.dimension === 'type' && s.external_id === String(c.typeId));
      expect(scope, `scope ${c.kind} type ${c.typeId}`).toBeDefined();
      const response = await account.admin.apiKey.request('PUT', `/api/v1/integrations/${account.integrationId}/scopes`, { scopes: [{ id: scope!.id, state: c.state }] });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return;
    }
    case 'disable':
      // As "Disable Sync" does (a no-op when the configuration has no link).
      if (chosen !== undefined) await t.database.db.execute(sql`update psa_links set state = 'disabled' where integration_id = ${account.integrationId} and kind = 'configuration' and external_id = ${String(chosen)}`);
      return;
  }
}

const changes = (counts: RunCounts) => ({ created: counts.created, updated: counts.updated, linked: counts.linked, orphaned: counts.orphaned, healed: counts.healed, errors: counts.errors, ambiguous: counts.ambiguous });
const noChanges = { created: 0, updated: 0, linked: 0, orphaned: 0, healed: 0, errors: 0, ambiguous: 0 };

async function syncAndCheck(t: TestApp, account: SyncAccount, full = false) {
  const before = await account.links();
  const run = await account.sync({ full });
  expect(run.status, `${run.errorCode}: ${run.errorMessage}`).toBe('succeeded');
  const expected = await expectedFor(t, account, before);
  const links = await account.links();
  // Every link's state agrees with the PSA and the settings; nothing out of scope got a link.
  expect(Object.fromEntries(actualLinks(links))).toEqual(Object.fromEntries(presentOnly(expected)));
  await checkNoDuplicates(t, account);
  await checkRecordsFollowThePsa(t, account);

  // A second sync right after changes nothing.
  const rows = await allLinks(t, account);
  const again = await account.sync();
  expect(again.status).toBe('succeeded');
  expect(changes(again.counts)).toEqual(noChanges);
  expect(await allLinks(t, account)).toEqual(rows);
}

const allLinks = (t: TestApp, account: SyncAccount) =>
  queryRows(t.database.db, sql`select * from psa_links where integration_id = ${account.integrationId} order by kind, external_id`);

/** No PSA record linked twice, no record linked twice, and no psalink record without its link (this account has no local ones). */
async function checkNoDuplicates(t: TestApp, account: SyncAccount) {
  const [row] = await queryRows<Record<string, number>>(t.database.db, sql`
    select
      (select count(*)::int from psa_links where integration_id = ${account.integrationId}) as links,
      (select count(distinct (kind, external_id))::int from psa_links where integration_id = ${account.integrationId}) as psa_ids,
      (select count(distinct (kind, record_id))::int from psa_links where integration_id = ${account.integrationId}) as record_ids,
      (select count(*)::int from organizations where account_id = ${account.admin.accountId})
        + (select count(*)::int from configurations where account_id = ${account.admin.accountId})
        + (select count(*)::int from contacts where account_id = ${account.admin.accountId}) as records`);
  expect(row).toEqual({ links: row!.records, psa_ids: row!.records, record_ids: row!.records, records: row!.records });
}

/** Synced records carry the PSA's data: names, and configurations under their company's organization. */
async function checkRecordsFollowThePsa(t: TestApp, account: SyncAccount) {
  const rows = await queryRows<{ kind: string; external_id: string; name: string; parent: string | null }>(t.database.db, sql`
    select l.kind, l.external_id, coalesce(o.name, c.name) as name,
      (select p.external_id from psa_links p where p.integration_id = l.integration_id and p.kind = 'organization' and p.record_id = c.organization_id) as parent
    from psa_links l
    left join organizations o on l.kind = 'organization' and o.id = l.record_id
    left join configurations c on l.kind = 'configuration' and c.id = l.record_id
    where l.integration_id = ${account.integrationId} and l.state = 'syncing' and l.kind in ('organization', 'configuration')`);
  const world = account.sim.world;
  for (const row of rows) {
    if (row.kind === 'organization') {
      expect(row.name, keyOf(row.kind, row.external_id)).toBe(world.get('companies', Number(row.external_id))!.name);
    } else {
      const psa = world.get('configurations', Number(row.external_id))!;
      expect({ name: row.name, parent: row.parent }, keyOf(row.kind, row.external_id)).toEqual({ name: psa.name, parent: String(psa.companyId) });
    }
  }
}

interface LocalData {
  notes: Map<string, string>;
  passwords: unknown[];
  documents: unknown[];
}

/** Local notes on every synced record, and a password and a document hanging off a synced configuration. */
async function seedLocalData(t: TestApp, account: SyncAccount): Promise<LocalData> {
  const db = t.database.db;
  const accountId = account.admin.accountId;
  for (const table of ['organizations', 'configurations', 'contacts']) {
    await db.execute(sql`update ${sql.identifier(table)} set notes = 'local note ' || id where account_id = ${accountId}`);
  }
  const [target] = await queryRows<{ id: string; organization_id: string }>(db, sql`select id, organization_id from configurations where account_id = ${accountId} order by id limit 1`);
  const api = account.admin.apiKey;
  const password = await api.post('/api/v1/passwords', { organizationId: target!.organization_id, name: 'Router admin', username: 'admin', secret: 'S3cret!', attachedToKind: 'configuration', attachedToId: target!.id });
  expect(password.status, JSON.stringify(password.body)).toBe(201);
  const document = await api.post('/api/v1/documents', { organizationId: target!.organization_id, title: 'Runbook', bodyMarkdown: '# Local only', attachedToKind: 'configuration', attachedToId: target!.id });
  expect(document.status, JSON.stringify(document.body)).toBe(201);
  return readLocalData(t, account);
}

async function readLocalData(t: TestApp, account: SyncAccount): Promise<LocalData> {
  const db = t.database.db;
  const accountId = account.admin.accountId;
  const notes = await queryRows<{ id: string; notes: string }>(db, sql`
    select id, notes from organizations where account_id = ${accountId} union all select id, notes from configurations where account_id = ${accountId}
    union all select id, notes from contacts where account_id = ${accountId}`);
  return {
    notes: new Map(notes.map((r) => [r.id, r.notes])),
    passwords: await queryRows(db, sql`select * from passwords where account_id = ${accountId} order by id`),
    documents: await queryRows(db, sql`select * from documents where account_id = ${accountId} order by id`),
  };
}

/** Records are never deleted by a sync, their notes never change, passwords and documents stay exactly as they were. */
async function checkLocalData(t: TestApp, account: SyncAccount, seeded: LocalData) {
  const now = await readLocalData(t, account);
  for (const [id, notes] of seeded.notes) expect(now.notes.get(id), `record ${id}`).toBe(notes);
  expect(now.passwords).toEqual(seeded.passwords);
  expect(now.documents).toEqual(seeded.documents);
}
