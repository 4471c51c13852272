import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import type { RunningSimulator } from '../simulators/server.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { control, integrationBody, startSmallSimulator } from '../../test/support/integrations.js';
import { linksOf, runSync, type LinkRow } from '../../test/support/sync.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/support/test-app.js';
import type { PreviewCounts, SettingsPreview } from './settings-preview-counts.js';

type Kind = 'organization' | 'configuration' | 'contact';
const kinds: Kind[] = ['organization', 'configuration', 'contact'];

/*
 * The small ConnectWise world: five companies (one a Competitor), twenty configurations (five Managed Servers, one
 * Laptop), ten contacts.
 * Every step previews a change, checks the preview changed nothing, saves the change, runs a sync and compares
 * the preview with what the run did, per kind (from the links) and in total (from the run's counts).
 */
describeEachEngine('settings preview', (engine) => {
  let t: TestApp;
  let sim: RunningSimulator;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let editor: TestUser;
  let id: string;

  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp(engine), startSmallSimulator()]);
    admin = await t.createUser('Acme MSP', 'admin');
    otherAdmin = await t.createUser('Globex MSP', 'admin');
    editor = await t.createUser('Acme MSP', 'editor');
    id = (await admin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id;
    expect((await runSync(t, admin.accountId, id)).status).toBe('succeeded');
  });
  afterAll(async () => {
    await Promise.all([t?.close(), sim?.close()]);
  });

  const scopeId = async (kind: Kind, dimension: 'type' | 'status', name: string) =>
    (await admin.apiKey.get(`/api/v1/integrations/${id}`)).body.scopes[kind][dimension].find((s: { name: string }) => s.name === name).id as string;
  const preview = async (body: object) => {
    const response = await admin.apiKey.post(`/api/v1/integrations/${id}/settings-preview`, body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as SettingsPreview;
  };
  const snapshot = async () => {
    const rows: Record<string, unknown[]> = {};
    for (const table of ['psa_links', 'sync_scopes', 'match_reviews', 'organizations', 'configurations', 'contacts', 'psa_integrations', 'audit_events', 'sync_runs']) {
      rows[table] = await queryRows(t.database.db, sql`select * from ${sql.identifier(table)} order by id`);
    }
    return rows;
  };
  const save = async (body: { scopes?: { id: string; state: string }[]; contactsEnabled?: boolean }) => {
    if (body.scopes) expect((await admin.apiKey.request('PUT', `/api/v1/integrations/${id}/scopes`, { scopes: body.scopes })).status).toBe(200);
    if (body.contactsEnabled !== undefined) expect((await admin.apiKey.patch(`/api/v1/integrations/${id}`, { settings: { contactsEnabled: body.contactsEnabled } })).status).toBe(200);
  };

  /** Previews, proves nothing changed, saves, syncs, and compares the preview with what the run did. */
  async function previewThenSync(body: { scopes?: { id: string; state: string }[]; contactsEnabled?: boolean }) {
    const before = await snapshot();
    const result = await preview(body);
    expect(await snapshot()).toEqual(before);
    const linksBefore = await linksOf(t, id);
    await save(body);
    const run = await runSync(t, admin.accountId, id);
    const actual = delta(linksBefore, await linksOf(t, id));
    for (const kind of kinds) {
      const expected = result.byKind[kind];
      expect({ kind, ...actual[kind] }).toEqual({ kind, new: expected.create + expected.link, orphan: expected.orphan, parentNotSynced: expected.parentNotSynced, heal: expected.heal });
    }
    expect({
      create: run.counts.created,
      link: run.counts.linked,
      orphan: run.counts.orphanedByReason.excluded_by_settings,
      parentNotSynced: run.counts.orphanedByReason.parent_not_synced,
      heal: run.counts.healed,
      ambiguous: run.counts.ambiguous,
    }).toEqual(result.total);
    return result;
  }

  const counts = (partial: Partial<PreviewCounts>): PreviewCounts => ({ create: 0, link: 0, orphan: 0, heal: 0, ambiguous: 0, parentNotSynced: 0, ...partial });

  it('counts configurations leaving the sync when their type is excluded, without asking the PSA', async () => {
    const managedServer = await scopeId('configuration', 'type', 'Managed Server');
    // The PSA is down: an exclusion is answered from the stored links alone.
    await control(sim, 'POST', '/faults', { kind: 'server_error', times: 50, status: 503 });
    const offline = await preview({ scopes: [{ id: managedServer, state: 'excluded' }] });
    await control(sim, 'DELETE', '/faults');
    expect(offline.byKind.configuration).toEqual(counts({ orphan: 5 }));
    const result = await previewThenSync({ scopes: [{ id: managedServer, state: 'excluded' }] });
    expect(result).toEqual(offline);
  });

  it('counts them healing when the type is enabled again', async () => {
    const managedServer = await scopeId('configuration', 'type', 'Managed Server');
    const result = await previewThenSync({ scopes: [{ id: managedServer, state: 'enabled' }] });
    expect(result.total).toEqual(counts({ heal: 5 }));
  });

  it('counts contacts switched off and on', async () => {
    expect((await previewThenSync({ contactsEnabled: false })).total).toEqual(counts({ orphan: 10 }));
    expect((await previewThenSync({ contactsEnabled: true })).total).toEqual(counts({ heal: 10 }));
  });

  it('counts children of an organization that leaves the sync, and that all of them come back', async () => {
    const competitor = await scopeId('organization', 'type', 'Competitor');
    const out = await previewThenSync({ scopes: [{ id: competitor, state: 'excluded' }] });
    expect(out.byKind).toEqual({ organization: counts({ orphan: 1 }), configuration: counts({ parentNotSynced: 4 }), contact: counts({ parentNotSynced: 2 }) });
    const back = await previewThenSync({ scopes: [{ id: competitor, state: 'enabled' }] });
    expect(back.byKind).toEqual({ organization: counts({ heal: 1 }), configuration: counts({ heal: 4 }), contact: counts({ heal: 2 }) });
  });

  it('counts PSA records entering the scope: linked, created, or ambiguous, with their children', async () => {
    const prospect = await scopeId('organization', 'type', 'Prospect');
    expect((await previewThenSync({ scopes: [{ id: prospect, state: 'excluded' }] })).total).toEqual(counts({}));
    for (const [name, locals] of [['Globex Motors', 0], ['Hooli Foods', 1], ['Vandelay Legal', 2]] as const) {
      const company = (await control(sim, 'POST', '/records/companies', { name, typeIds: [3], statusId: 1 })).body.id;
      await control(sim, 'POST', '/records/configurations', { companyId: company, name: `${name.slice(0, 5).toUpperCase()}-PC`, typeId: 3, statusId: 1 });
      await control(sim, 'POST', '/records/contacts', { companyId: company, firstName: 'Pat', lastName: name.split(' ')[0] });
      for (let i = 0; i < locals; i++) expect((await admin.apiKey.post('/api/v1/organizations', { name })).status).toBe(201);
    }
    const quiet = await runSync(t, admin.accountId, id);
    expect(quiet.counts).toMatchObject({ created: 0, linked: 0 });

    const result = await previewThenSync({ scopes: [{ id: prospect, state: 'enabled' }] });
    expect(result.byKind).toEqual({
      organization: counts({ create: 1, link: 1, ambiguous: 1 }),
      configuration: counts({ create: 2 }),
      contact: counts({ create: 2 }),
    });
  });

  it('combines scope and contacts changes in one preview', async () => {
    const laptop = await scopeId('configuration', 'type', 'Laptop');
    const result = await preview({ scopes: [{ id: laptop, state: 'excluded' }], contactsEnabled: false });
    expect(result.byKind.configuration.orphan).toBe(1);
    expect(result.byKind.contact.orphan).toBe(12);
    expect(result.total.orphan).toBe(13);
  });

  it('refuses unknown, foreign, repeated and paused scopes', async () => {
    const printer = await scopeId('configuration', 'type', 'Printer');
    const foreignId = (await otherAdmin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id;
    const foreign = (await otherAdmin.apiKey.get(`/api/v1/integrations/${foreignId}`)).body.scopes.configuration.type[0].id;
    const post = (body: unknown) => admin.apiKey.post(`/api/v1/integrations/${id}/settings-preview`, body);
    expect((await post({ scopes: [{ id: randomUUID(), state: 'enabled' }] })).status).toBe(404);
    expect((await post({ scopes: [{ id: foreign, state: 'enabled' }] })).status).toBe(404);
    expect((await post({ scopes: [{ id: printer, state: 'enabled' }, { id: printer, state: 'excluded' }] })).status).toBe(400);
    expect((await post({ scopes: [{ id: printer, state: 'paused' }] })).status).toBe(400);
    expect((await post({ contactsEnabled: 'yes' })).status).toBe(400);
    await t.database.db.execute(sql`update sync_scopes set state = 'paused' where id = ${printer}`);
    const paused = await post({ scopes: [{ id: printer, state: 'excluded' }] });
    await t.database.db.execute(sql`update sync_scopes set state = 'enabled' where id = ${printer}`);
    expect(paused.status).toBe(409);
    expect(paused.body.error.message).toMatch(/Printer \(paused\)/);
  });

  it('answers 502 when the PSA must be read and fails', async () => {
    const laptop = await scopeId('configuration', 'type', 'Laptop');
    await save({ scopes: [{ id: laptop, state: 'excluded' }] });
    await control(sim, 'POST', '/faults', { kind: 'server_error', times: 50, status: 503 });
    const failed = await admin.apiKey.post(`/api/v1/integrations/${id}/settings-preview`, { scopes: [{ id: laptop, state: 'enabled' }] });
    await control(sim, 'DELETE', '/faults');
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe('psa_error');
  });

  it('keeps other accounts, editors and anonymous callers out', async () => {
    const path = `/api/v1/integrations/${id}/settings-preview`;
    expect((await otherAdmin.apiKey.post(path, {})).status).toBe(404);
    expect((await editor.apiKey.post(path, {})).status).toBe(403);
    expect((await editor.session.post(path, {})).status).toBe(403);
    expect((await t.anonymous.post(path, {})).status).toBe(401);
  });
});

/** What a run did to the links, per kind: new links, links orphaned by reason, and links healed. */
function delta(before: LinkRow[], after: LinkRow[]) {
  const old = new Map(before.map((l) => [`${l.kind}:${l.external_id}`, l]));
  const result = Object.fromEntries(kinds.map((k) => [k, { new: 0, orphan: 0, parentNotSynced: 0, heal: 0 }])) as Record<Kind, { new: number; orphan: number; parentNotSynced: number; heal: number }>;
  for (const link of after) {
    const was = old.get(`${link.kind}:${link.external_id}`);
    const counts = result[link.kind as Kind];
    if (!was) counts.new++;
    else if (was.state !== 'orphaned' && link.state === 'orphaned') {
      if (link.orphan_reason === 'excluded_by_settings') counts.orphan++;
      if (link.orphan_reason === 'parent_not_synced') counts.parentNotSynced++;
    } else if (was.state === 'orphaned' && link.state === 'syncing') counts.heal++;
  }
  return result;
}
