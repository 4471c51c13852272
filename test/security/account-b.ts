import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.js';
import type { ManageWorld } from '../support/manage.js';
import type { AccountB } from './route-cases.js';

const one = async (w: ManageWorld, query: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(w.t.database.db, query))[0]!.id;

/**
 * Completes the Manage Data world's synced account (its admin is B) with one of everything a route can name: a
 * password, a document, a trash batch, a manage job, a match review and an API key of its own.
 */
export async function buildAccountB(w: ManageWorld): Promise<AccountB> {
  const b = w.admin;
  const created = async (path: string, body: object) => {
    const response = await b.apiKey.post(path, body);
    if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const organization = await one(w, sql`select record_id as id from psa_links where integration_id = ${w.integrationId} and kind = 'organization' order by external_id limit 1`);
  const configuration = w.configurations.disabled[0]!;
  const contact = await one(w, sql`select record_id as id from psa_links where integration_id = ${w.integrationId} and kind = 'contact' and state = 'syncing' limit 1`);
  const password = await created('/api/v1/passwords', { organizationId: organization, name: 'B wifi', secret: 'b-secret-wifi' });
  const document = await created('/api/v1/documents', { organizationId: organization, title: 'B runbook', bodyMarkdown: '# B' });
  const local = await created('/api/v1/organizations', { name: 'B local org' });
  if ((await b.apiKey.delete(`/api/v1/organizations/${local}`)).status !== 204) throw new Error('could not trash the local organization');
  const trashBatch = await one(w, sql`select id from trash_batches where account_id = ${b.accountId} limit 1`);
  const manageJob = await one(w, sql`
    insert into manage_jobs (account_id, action, params, actor_type, actor_id, actor_label, status, finished_at)
    values (${b.accountId}, 'orphans.delete', '{}'::jsonb, 'user', ${b.userId}, ${b.email}, 'succeeded', now()) returning id`);
  const match = await one(w, sql`
    insert into match_reviews (account_id, integration_id, kind, external_id, psa_name, proposal)
    values (${b.accountId}, ${w.integrationId}, 'organization', 'unlinked-1', 'B unlinked company', 'decide') returning id`);
  return {
    accountId: b.accountId,
    userId: b.userId,
    email: b.email,
    organization,
    configuration,
    contact,
    password,
    document,
    integration: w.integrationId,
    run: await one(w, sql`select id from sync_runs where integration_id = ${w.integrationId} limit 1`),
    scope: await one(w, sql`select id from sync_scopes where integration_id = ${w.integrationId} order by id limit 1`),
    trashBatch,
    manageJob,
    match,
    syncError: await one(w, sql`select id from psa_links where account_id = ${b.accountId} and state = 'error' limit 1`),
    apiKey: await one(w, sql`select id from api_keys where user_id = ${b.userId} order by created_at limit 1`),
    baseUrl: w.sim.baseUrl,
    credentials: w.sim.credentials,
  };
}

/** Every row of every table that holds the account's data, the account row itself included. */
export async function snapshotWholeAccount(w: ManageWorld, accountId: string) {
  const db = w.t.database.db;
  const tables = await queryRows<{ table_name: string }>(db, sql`
    select table_name from information_schema.columns where table_schema = 'public' and column_name = 'account_id' order by table_name`);
  const snapshot: Record<string, unknown[]> = { accounts: await queryRows(db, sql`select to_jsonb(a) as row from accounts a where id = ${accountId}`) };
  for (const { table_name } of tables) {
    snapshot[table_name] = await queryRows(db, sql`select to_jsonb(t) as row from ${sql.identifier(table_name)} t where t.account_id = ${accountId} order by to_jsonb(t)::text`);
  }
  return snapshot;
}

/** Ids and names that belong to B and must never appear in an answer to A. */
export function identifiersOf(snapshot: Record<string, unknown[]>): string[] {
  const found = new Set<string>();
  for (const [table, rows] of Object.entries(snapshot)) {
    // Names only of records and people: lookup and scope names come from the PSA, and A may connect the same PSA.
    const named = ['accounts', 'users', 'organizations', 'configurations', 'contacts', 'passwords', 'documents'].includes(table);
    for (const { row } of rows as { row: Record<string, unknown> }[]) {
      if (typeof row.id === 'string') found.add(row.id);
      for (const key of named ? ['name', 'email', 'title', 'full_name'] : []) {
        const value = row[key];
        if (typeof value === 'string' && value.length >= 6) found.add(value);
      }
    }
  }
  return [...found];
}
