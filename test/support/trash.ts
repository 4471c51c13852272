import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.js';
import type { TestApp, TestUser } from './test-app.js';

/** An organization with children of every kind, some linked to the PSA, for the trash tests. */
export interface TrashWorld {
  integrationId: string;
  org: string;
  configs: string[];
  contact: string;
  passwords: string[];
  documents: string[];
}

/** A PSA integration row without a PSA behind it: links need one, the trash never calls the PSA. */
export async function insertIntegration(t: TestApp, user: TestUser): Promise<string> {
  const [row] = await queryRows<{ id: string }>(t.database.db, sql`
    insert into psa_integrations (account_id, provider, name, base_url, credentials_ciphertext)
    values (${user.accountId}, 'connectwise', 'PSA', 'https://psa.invalid', 'sealed') returning id`);
  return row!.id;
}

export async function linkRecord(t: TestApp, user: TestUser, integrationId: string, kind: string, recordId: string, state: string) {
  await t.database.db.execute(sql`
    insert into psa_links (account_id, integration_id, kind, external_id, record_id, state, orphan_reason, orphaned_at, psa_type_id, last_synced_at)
    values (${user.accountId}, ${integrationId}, ${kind}, ${`${kind}-${recordId}`}, ${recordId}, ${state},
      ${state === 'orphaned' ? 'deleted_in_psa' : null}, ${state === 'orphaned' ? sql`now()` : null}, 'T1', now())`);
}

/**
 * Organization `name` with two configurations (one linked), a contact, an organization password, a password on a
 * configuration, an organization document and a document on the contact. The organization's link is `orgState`.
 */
export async function buildOrganization(t: TestApp, user: TestUser, integrationId: string, name: string, orgState: string | null): Promise<TrashWorld> {
  const api = user.apiKey;
  const created = async (path: string, body: object) => {
    const response = await api.post(path, body);
    if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const org = await created('/api/v1/organizations', { name, city: 'Springfield', notes: 'local notes' });
  const configs = [
    await created('/api/v1/configurations', { organizationId: org, name: `${name} server`, serialNumber: 'SN1', warrantyExpiresOn: '2027-01-31' }),
    await created('/api/v1/configurations', { organizationId: org, name: `${name} laptop` }),
  ];
  const contact = await created('/api/v1/contacts', { organizationId: org, firstName: 'Ann', lastName: name, email: 'ann@example.com' });
  const passwords = [
    await created('/api/v1/passwords', { organizationId: org, name: `${name} wifi`, secret: 's3cret' }),
    await created('/api/v1/passwords', { organizationId: org, name: `${name} server admin`, secret: 'pw', attachedToKind: 'configuration', attachedToId: configs[0] }),
  ];
  const documents = [
    await created('/api/v1/documents', { organizationId: org, title: `${name} runbook`, bodyMarkdown: '# Hi' }),
    await created('/api/v1/documents', { organizationId: org, title: `${name} contact notes`, attachedToKind: 'contact', attachedToId: contact }),
  ];
  if (orgState) await linkRecord(t, user, integrationId, 'organization', org, orgState);
  await linkRecord(t, user, integrationId, 'configuration', configs[0]!, orgState === 'syncing' ? 'syncing' : 'disabled');
  return { integrationId, org, configs, contact, passwords, documents };
}

/** Every row (all columns, as the database spells them) of every table that holds the account's data. */
export async function snapshotAccount(t: TestApp, accountId: string): Promise<Record<string, unknown[]>> {
  const tables = await queryRows<{ table_name: string }>(t.database.db, sql`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'account_id'
      and table_name not in ('audit_events', 'trash_batches', 'trash_items', 'manage_jobs', 'sessions', 'api_keys', 'psa_link_counts')
    order by table_name`);
  const snapshot: Record<string, unknown[]> = {};
  for (const { table_name } of tables) {
    const rows = await queryRows<{ row: unknown }>(t.database.db, sql`
      select to_jsonb(t) as row from ${sql.identifier(table_name)} t where t.account_id = ${accountId} order by t.id`);
    snapshot[table_name] = rows.map((r) => r.row);
  }
  return snapshot;
}

export const countRows = async (t: TestApp, table: string, accountId: string) =>
  (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.identifier(table)} where account_id = ${accountId}`))[0]!.n;
