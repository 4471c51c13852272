import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import type { RunningSimulator } from '../simulators/server.js';
import { describeEachEngine } from '../../test/support/databases.js';
import { control, integrationBody, startSmallSimulator } from '../../test/support/integrations.js';
import { linkOf, runSync } from '../../test/support/sync.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/support/test-app.js';
import type { MatchDto } from './match.schemas.js';

/*
 * The small ConnectWise world has five companies: 1 "Acme Architects", 2 "Wonka Logistics Ltd",
 * 3 "Initech Pharmacy Partners", 4 (renamed here) "Acme Dental Group", 5 (renamed and made active) "Zenith Foods".
 */
describeEachEngine('match review', (engine) => {
  let t: TestApp;
  let sim: RunningSimulator;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let editor: TestUser;
  let id: string;
  const org: Record<string, string> = {};
  let foreignOrg: string;

  beforeAll(async () => {
    [t, sim] = await Promise.all([startTestApp(engine), startSmallSimulator()]);
    admin = await t.createUser('Acme MSP', 'admin');
    otherAdmin = await t.createUser('Globex MSP', 'admin');
    editor = await t.createUser('Acme MSP', 'editor');
    await control(sim, 'PATCH', '/records/companies/4', { name: 'Acme Dental Group' });
    await control(sim, 'PATCH', '/records/companies/5', { name: 'Zenith Foods', statusId: 1 });
    // A company of a type the admin does not sync: never proposed.
    await control(sim, 'POST', '/records/companies', { name: 'Acme Dental', typeIds: [4], statusId: 1 });
    for (const name of ['ACME ARCHITECTS', 'Wonka Logistics', 'Initech Pharmacy Partners', 'Acme Dental', 'Acme Dental Care', 'Acme Dent', 'Zeta Plumbing']) {
      const created = await admin.apiKey.post('/api/v1/organizations', { name });
      expect(created.status).toBe(201);
      org[name] = created.body.id;
    }
    org['Initech Pharmacy Partners 2'] = (await admin.apiKey.post('/api/v1/organizations', { name: 'Initech Pharmacy Partners' })).body.id;
    foreignOrg = (await otherAdmin.apiKey.post('/api/v1/organizations', { name: 'Acme Dental Group' })).body.id;
    id = (await admin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id;
    const partner = (await admin.apiKey.get(`/api/v1/integrations/${id}`)).body.scopes.organization.type.find((s: { name: string }) => s.name === 'Partner');
    expect((await admin.apiKey.request('PUT', `/api/v1/integrations/${id}/scopes`, { scopes: [{ id: partner.id, state: 'excluded' }] })).status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), sim?.close()]);
  });

  const url = (path = '') => `/api/v1/integrations/${id}/matches${path}`;
  const reviewRows = () => queryRows<Record<string, unknown>>(t.database.db, sql`select * from match_reviews where integration_id = ${id} order by kind, external_id`);
  const byName = (items: MatchDto[], psaName: string) => items.find((m) => m.psaName === psaName)!;
  const audits = (action: string) => queryRows<{ counts: Record<string, number>; details: Record<string, unknown>; actor_id: string }>(t.database.db, sql`select counts, details, actor_id from audit_events where action = ${action} order by created_at`);

  it('proposes exact, normalized, ambiguous, near-name and create matches from the PSA companies', async () => {
    const response = await admin.apiKey.post(url('/prepare?status=all'));
    expect(response.status).toBe(200);
    const { items, summary } = response.body as { items: MatchDto[]; summary: Record<string, number> };
    expect(summary).toEqual({ exact: 1, normalized: 1, decide: 2, create: 1, decided: 0, ignored: 0 });
    // Those needing a decision first, then by PSA name.
    expect(items.map((m) => m.psaName)).toEqual(['Acme Dental Group', 'Initech Pharmacy Partners', 'Acme Architects', 'Wonka Logistics Ltd', 'Zenith Foods']);
    expect(items.every((m) => m.kind === 'organization' && m.decision === 'pending')).toBe(true);

    expect(byName(items, 'Acme Architects')).toMatchObject({ externalId: '1', proposal: 'link', matchType: 'exact', proposedRecordId: org['ACME ARCHITECTS'], proposedRecordName: 'ACME ARCHITECTS', suggestions: [] });
    expect(byName(items, 'Wonka Logistics Ltd')).toMatchObject({ proposal: 'link', matchType: 'normalized', proposedRecordId: org['Wonka Logistics'] });
    const initech = byName(items, 'Initech Pharmacy Partners');
    expect(initech).toMatchObject({ proposal: 'decide', matchType: null, proposedRecordId: null });
    expect(initech.suggestions.map((s) => s.recordId).sort()).toEqual([org['Initech Pharmacy Partners'], org['Initech Pharmacy Partners 2']].sort());
    expect(initech.suggestions.every((s) => s.score === 1 && s.name === 'Initech Pharmacy Partners')).toBe(true);
    // "Acme Dental" is near "Acme Dental Group" but must not be guessed; another account's exact name never shows.
    const dental = byName(items, 'Acme Dental Group');
    expect(dental).toMatchObject({ proposal: 'decide', proposedRecordId: null });
    expect(dental.suggestions.map((s) => s.name)).toEqual(['Acme Dental', 'Acme Dental Care', 'Acme Dent']);
    expect(dental.suggestions[0]!.score).toBeGreaterThan(dental.suggestions[1]!.score);
    expect(dental.suggestions[1]!.score).toBeGreaterThan(dental.suggestions[2]!.score);
    expect(dental.suggestions.every((s) => s.score >= 0.3 && s.score < 1 && s.recordId !== foreignOrg)).toBe(true);
    expect(byName(items, 'Zenith Foods')).toMatchObject({ proposal: 'create', suggestions: [], proposedRecordId: null });
    expect(typeof byName(items, 'Acme Architects').psaDetail === 'string' || byName(items, 'Acme Architects').psaDetail === null).toBe(true);
  });

  it('prepares idempotently and lists the same thing with GET', async () => {
    const before = await reviewRows();
    const again = await admin.apiKey.post(url('/prepare'));
    expect(again.status).toBe(200);
    expect(await reviewRows()).toEqual(before);
    const listed = await admin.session.get(url());
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(again.body);
    expect(listed.body.items).toHaveLength(5);
  });

  it('records an admin decision, with who decided, and audits it', async () => {
    const items = (await admin.apiKey.get(url())).body.items as MatchDto[];
    const dental = byName(items, 'Acme Dental Group');
    const linked = await admin.session.patch(url(`/${dental.id}`), { decision: 'link', recordId: org['Acme Dental'] });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ id: dental.id, decision: 'link', decidedRecordId: org['Acme Dental'], decidedRecordName: 'Acme Dental', proposal: 'decide' });
    const [row] = await queryRows<{ decided_by_user_id: string }>(t.database.db, sql`select decided_by_user_id from match_reviews where id = ${dental.id}`);
    expect(row!.decided_by_user_id).toBe(admin.userId);
    expect((await admin.apiKey.patch(url(`/${byName(items, 'Initech Pharmacy Partners').id}`), { decision: 'create' })).body).toMatchObject({ decision: 'create', decidedRecordId: null });
    expect((await admin.apiKey.patch(url(`/${byName(items, 'Zenith Foods').id}`), { decision: 'ignore' })).body.decision).toBe('ignore');
    const events = await audits('match.decided');
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ actor_id: admin.userId, details: { matchId: dental.id, decision: 'link', recordId: org['Acme Dental'], psaName: 'Acme Dental Group' } });
  });

  it('refuses records of another account, of another kind, already chosen, and bad bodies', async () => {
    const items = (await admin.apiKey.get(url('?status=all'))).body.items as MatchDto[];
    const zenith = byName(items, 'Zenith Foods');
    const before = await reviewRows();
    const zeta = org['Zeta Plumbing']!;
    const configuration = (await admin.apiKey.post('/api/v1/configurations', { organizationId: zeta, name: 'ZETA-PC1' })).body.id;
    const patch = (body: unknown, matchId = zenith.id) => admin.apiKey.patch(url(`/${matchId}`), body);
    expect((await patch({ decision: 'link', recordId: foreignOrg })).status).toBe(404);
    expect((await patch({ decision: 'link', recordId: configuration })).status).toBe(404);
    expect((await patch({ decision: 'link', recordId: randomUUID() })).status).toBe(404);
    const taken = await patch({ decision: 'link', recordId: org['Acme Dental'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(/already chosen for the PSA organization "Acme Dental Group"/);
    expect((await patch({ decision: 'link' })).status).toBe(400);
    expect((await patch({ decision: 'maybe' })).status).toBe(400);
    expect((await patch({ decision: 'create', recordId: zeta })).status).toBe(400);
    expect((await patch({ decision: 'ignore' }, randomUUID())).status).toBe(404);
    expect(await reviewRows()).toEqual(before);
  });

  it('keeps decisions when preparing again, and accepts every exact and normalized proposal', async () => {
    await admin.apiKey.post(url('/prepare'));
    const all = (await admin.apiKey.get(url('?status=all'))).body as { items: MatchDto[]; summary: Record<string, number> };
    expect(byName(all.items, 'Acme Dental Group')).toMatchObject({ decision: 'link', decidedRecordId: org['Acme Dental'] });
    expect(byName(all.items, 'Initech Pharmacy Partners').decision).toBe('create');
    expect(byName(all.items, 'Zenith Foods').decision).toBe('ignore');

    const accepted = await admin.session.post(url('/accept-exact'));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ accepted: 2 });
    expect((await admin.apiKey.post(url('/accept-exact'))).body).toEqual({ accepted: 0 });
    const events = await audits('match.accepted_exact');
    expect(events).toHaveLength(1);
    expect(events[0]!.counts).toMatchObject({ accepted: 2, exact: 1, normalized: 1 });

    const open = (await admin.apiKey.get(url('?status=open'))).body;
    expect(open.items).toEqual([]);
    expect(open.summary).toEqual({ exact: 0, normalized: 0, decide: 0, create: 0, decided: 4, ignored: 1 });
    const architects = byName((await admin.apiKey.get(url('?status=all'))).body.items, 'Acme Architects');
    expect(architects).toMatchObject({ decision: 'link', decidedRecordId: org['ACME ARCHITECTS'], decidedRecordName: 'ACME ARCHITECTS' });
  });

  it('is what the next sync run does: links, creates and ignores as decided, then clears the decided rows', async () => {
    const run = await runSync(t, admin.accountId, id);
    expect(run.status).toBe('succeeded');
    expect(run.counts.linked).toBe(3);
    expect(run.counts.ambiguous).toBe(0);
    expect((await linkOf(t, id, 'organization', 1))!.record_id).toBe(org['ACME ARCHITECTS']);
    expect((await linkOf(t, id, 'organization', 2))!.record_id).toBe(org['Wonka Logistics']);
    expect((await linkOf(t, id, 'organization', 4))!.record_id).toBe(org['Acme Dental']);
    const initech = (await linkOf(t, id, 'organization', 3))!.record_id;
    expect([org['Initech Pharmacy Partners'], org['Initech Pharmacy Partners 2']]).not.toContain(initech);
    expect(await linkOf(t, id, 'organization', 5)).toBeUndefined();
    const rows = await reviewRows();
    expect(rows.map((r) => [r.psa_name, r.decision])).toEqual([['Zenith Foods', 'ignore']]);
  });

  it('refuses a record that is already linked, and resets a decision whose record got linked meanwhile', async () => {
    const [zenith] = (await admin.apiKey.post(url('/prepare?status=all'))).body.items as MatchDto[];
    expect(zenith).toMatchObject({ psaName: 'Zenith Foods', decision: 'ignore' });
    const linked = await admin.apiKey.patch(url(`/${zenith!.id}`), { decision: 'link', recordId: org['ACME ARCHITECTS'] });
    expect(linked.status).toBe(409);
    // The sync renamed it after the PSA company (the PSA wins).
    expect(linked.body.error.message).toMatch(/"Acme Architects" is already linked to PSA organization 1/);

    expect((await admin.apiKey.patch(url(`/${zenith!.id}`), { decision: 'link', recordId: org['Zeta Plumbing'] })).status).toBe(200);
    await t.database.db.execute(sql`
      insert into psa_links (account_id, integration_id, kind, external_id, record_id) values (${admin.accountId}, ${id}, 'organization', 'elsewhere', ${org['Zeta Plumbing']})`);
    const [reset] = (await admin.apiKey.post(url('/prepare'))).body.items as MatchDto[];
    expect(reset).toMatchObject({ psaName: 'Zenith Foods', decision: 'pending', decidedRecordId: null });
    expect(reset!.suggestions.map((s) => s.name)).not.toContain('Zeta Plumbing');
    await t.database.db.execute(sql`delete from psa_links where integration_id = ${id} and external_id = 'elsewhere'`);
  });

  it('lists configurations the sync queued as ambiguous, and links them only within their organization', async () => {
    const server = (await admin.apiKey.get('/api/v1/lookups')).body.configurationTypes.find((v: { name: string }) => v.name === 'Server').id;
    const created = await control(sim, 'POST', '/records/configurations', { companyId: 1, name: 'SRV-01', typeId: 2, statusId: 1, serialNumber: null });
    expect(created.status).toBe(201);
    const local = async (organizationId: string) =>
      (await admin.apiKey.post('/api/v1/configurations', { organizationId, name: 'SRV-01', configurationTypeId: server })).body.id as string;
    const [first, second, elsewhere] = [await local(org['ACME ARCHITECTS']!), await local(org['ACME ARCHITECTS']!), await local(org['Wonka Logistics']!)];
    const run = await runSync(t, admin.accountId, id);
    expect(run.counts.ambiguous).toBe(1);

    const items = (await admin.apiKey.get(url())).body.items as MatchDto[];
    const row = items.find((m) => m.kind === 'configuration')!;
    expect(row).toMatchObject({ externalId: String(created.body.id), psaName: 'SRV-01', proposal: 'decide', decision: 'pending' });
    expect(row.suggestions.map((s) => s.recordId).sort()).toEqual([first, second].sort());
    expect(items[0]!.kind).toBe('configuration'); // it needs a decision: first

    const wrongOrg = await admin.apiKey.patch(url(`/${row.id}`), { decision: 'link', recordId: elsewhere });
    expect(wrongOrg.status).toBe(409);
    expect(wrongOrg.body.error.message).toMatch(/belongs to another organization/);
    expect((await admin.apiKey.patch(url(`/${row.id}`), { decision: 'link', recordId: org['Zeta Plumbing'] })).status).toBe(404);
    const decided = await admin.apiKey.patch(url(`/${row.id}`), { decision: 'link', recordId: second });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ kind: 'configuration', decidedRecordId: second, decidedRecordName: 'SRV-01' });

    const next = await runSync(t, admin.accountId, id);
    expect(next.counts.linked).toBe(1);
    expect((await linkOf(t, id, 'configuration', created.body.id))!.record_id).toBe(second);
    expect((await admin.apiKey.get(url('?status=all'))).body.items.some((m: MatchDto) => m.kind === 'configuration')).toBe(false);
  });

  it('answers 502 when the PSA fails, changing nothing, and drops rows of companies that are gone', async () => {
    const before = await reviewRows();
    await control(sim, 'POST', '/faults', { kind: 'server_error', times: 20, status: 503 });
    const failed = await admin.apiKey.post(url('/prepare'));
    await control(sim, 'DELETE', '/faults');
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe('psa_error');
    expect(await reviewRows()).toEqual(before);

    expect((await control(sim, 'DELETE', '/records/companies/5')).status).toBe(204);
    const after = await admin.apiKey.post(url('/prepare?status=all'));
    expect(after.body.items).toEqual([]);
    expect(await reviewRows()).toEqual([]);
  });

  it('sends a proposal to a person once its record is chosen for another PSA company', async () => {
    await control(sim, 'POST', '/records/companies', { name: 'Pied Piper', typeIds: [1], statusId: 1 });
    await control(sim, 'POST', '/records/companies', { name: 'Hooli', typeIds: [1], statusId: 1 });
    const local = (await admin.apiKey.post('/api/v1/organizations', { name: 'Pied Piper' })).body.id;
    const items = (await admin.apiKey.post(url('/prepare'))).body.items as MatchDto[];
    expect(byName(items, 'Pied Piper')).toMatchObject({ proposal: 'link', matchType: 'exact', proposedRecordId: local });
    expect(byName(items, 'Hooli').proposal).toBe('create');
    expect((await admin.apiKey.patch(url(`/${byName(items, 'Hooli').id}`), { decision: 'link', recordId: local })).status).toBe(200);
    const piper = byName((await admin.apiKey.get(url())).body.items, 'Pied Piper');
    expect(piper).toMatchObject({ proposal: 'decide', matchType: null, proposedRecordId: null, suggestions: [{ recordId: local, name: 'Pied Piper', score: 1 }] });
    expect((await admin.apiKey.post(url('/accept-exact'))).body).toEqual({ accepted: 0 });
    expect(byName((await admin.apiKey.post(url('/prepare'))).body.items, 'Pied Piper')).toMatchObject({ proposal: 'decide', suggestions: [{ recordId: local }] });
  });

  it('keeps other accounts, editors and anonymous callers out', async () => {
    const matchId = randomUUID();
    for (const client of [otherAdmin.apiKey, editor.apiKey, t.anonymous]) {
      const expected = client === otherAdmin.apiKey ? 404 : client === editor.apiKey ? 403 : 401;
      expect((await client.get(url())).status).toBe(expected);
      expect((await client.post(url('/prepare'))).status).toBe(expected);
      expect((await client.post(url('/accept-exact'))).status).toBe(expected);
      expect((await client.patch(url(`/${matchId}`), { decision: 'ignore' })).status).toBe(expected);
    }
  });
});
