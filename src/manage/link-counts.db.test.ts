import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { queryRows } from '../db/database.js';
import { SecretBox } from '../shared/secret-box.js';
import { restoreTrashBatch } from '../trash/restore-trash-batch.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { deleteOrphans } from './delete-orphans.js';
import { getManageSummary } from './get-manage-summary.js';
import { previewDeleteOrphans } from './preview-delete-orphans.js';

const actor = { type: 'system' as const, id: null, label: 'test' };

describeEachEngine('psa_link_counts', (engine) => {
  let database: TestDatabase;
  let accountId: string;
  let integrationId: string;
  const run = (query: ReturnType<typeof sql>) => database.db.execute(query);

  /** The counts table summed per key must equal a fresh group by over psa_links, key for key. */
  async function expectExact() {
    const key = sql.raw(`account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason`);
    const diff = await queryRows<{ n: number }>(database.db, sql`
      select count(*)::int as n from (
        (select ${key}, sum(n)::int as n from psa_link_counts group by ${key} having sum(n) <> 0
         except select ${key}, count(*)::int from psa_links group by ${key})
        union all
        (select ${key}, count(*)::int from psa_links group by ${key}
         except select ${key}, sum(n)::int from psa_link_counts group by ${key} having sum(n) <> 0)) d`);
    expect(diff[0]!.n).toBe(0);
  }

  beforeAll(async () => {
    database = await freshDatabase(engine);
    ({ account: { id: accountId } } = await createUser({ db: database.db, accountName: 'Counts MSP', email: 'counts@test.test', password: 'counts-password-1', role: 'admin' }));
    [{ id: integrationId }] = (await queryRows<{ id: string }>(database.db, sql`
      insert into psa_integrations (account_id, provider, name, base_url, credentials_ciphertext)
      values (${accountId}, 'connectwise', 'PSA', 'https://psa.test', 'x') returning id`)) as [{ id: string }];
    await run(sql`insert into organizations (account_id, name) values (${accountId}, 'Acme')`);
    await run(sql`insert into configurations (account_id, organization_id, name)
      select ${accountId}, o.id, 'Config ' || i from organizations o, generate_series(1, 40) i`);
  });
  afterAll(() => database?.destroy());

  it('stays exact through inserts, updates and deletes in several statements, and a Delete All and its restore', async () => {
    await expectExact();
    await run(sql`insert into psa_links (account_id, integration_id, kind, external_id, record_id, psa_type_id, psa_status_id)
      select account_id, ${integrationId}, 'configuration', row_number() over (order by name)::text, id, (row_number() over (order by name) % 3)::text, '1'
      from configurations where name like 'Config 1%'`);
    await run(sql`insert into psa_links (account_id, integration_id, kind, external_id, record_id, psa_type_id)
      select account_id, ${integrationId}, 'configuration', 'x' || id, id, null from configurations where name not like 'Config 1%'`);
    await expectExact();
    await run(sql`update psa_links set last_synced_at = now()`);
    await run(sql`update psa_links set state = 'orphaned', orphan_reason = 'deleted_in_psa', orphaned_at = now() where external_id in ('1', '2', '3') or external_id like 'x%' and psa_type_id is null and record_id::text < '8'`);
    await run(sql`update psa_links set psa_type_id = '7', psa_status_id = null where external_id in ('4', '5')`);
    await run(sql`update psa_links set state = 'disabled' where external_id = '6'`);
    await expectExact();
    await run(sql`delete from psa_links where external_id = '6'`);
    await expectExact();

    const ctx = { database, secretBox: new SecretBox(randomBytes(32)) };
    const preview = await previewDeleteOrphans({ ctx, accountId, kind: 'configuration' });
    const { batchId } = await deleteOrphans({ ctx, accountId, kind: 'configuration', confirmationToken: preview.confirmationToken, actor });
    await expectExact();
    await restoreTrashBatch({ ctx, accountId, batchId, actor });
    await expectExact();

    const summary = await getManageSummary({ db: database.db, accountId });
    const [links] = await queryRows<{ total: number; orphaned: number }>(database.db, sql`
      select count(*)::int as total, (count(*) filter (where state = 'orphaned'))::int as orphaned from psa_links where kind = 'configuration'`);
    expect(summary.synced[1]!.counts).toMatchObject(links!);
    const oldest = summary.orphaned.find((row) => row.typeExternalId === null);
    const [expected] = await queryRows<{ at: Date | string }>(database.db, sql`select min(orphaned_at) as at from psa_links where state = 'orphaned' and psa_type_id is null`);
    expect(oldest?.oldestOrphanedAt).toBe(new Date(expected!.at).toISOString());
  });

  it('folds many delta rows into one per key when the summary reads them, still exact', async () => {
    for (let i = 0; i < 300; i++) await run(sql`update psa_links set state = ${i % 2 ? 'syncing' : 'error'}::link_state where external_id = '7'`);
    const before = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from psa_link_counts`);
    await getManageSummary({ db: database.db, accountId });
    const after = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from psa_link_counts`);
    expect(after[0]!.n).toBeLessThan(before[0]!.n);
    await expectExact();
  });

  it('drops the counts with the links when the account goes', async () => {
    await run(sql`delete from accounts where id = ${accountId}`);
    const [left] = await queryRows<{ n: number }>(database.db, sql`select coalesce(sum(n), 0)::int as n from psa_link_counts where account_id = ${accountId}`);
    expect(left!.n).toBe(0);
  });
});
