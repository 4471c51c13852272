import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeEachEngine, emptyPostgresDatabase, freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { openDatabase, queryRows } from './database.js';
import { migrateDatabase, migrationsFolder } from './migrate.js';

describeEachEngine('schema and migrations', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(() => database.destroy());

  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);

  it('creates every table of the design', async () => {
    const tables = (await rows<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public'`)).map((r) => r.table_name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'accounts', 'users', 'sessions', 'api_keys', 'organizations', 'configurations', 'contacts', 'passwords',
        'documents', 'organization_types', 'organization_statuses', 'configuration_types', 'configuration_statuses',
        'contact_types', 'psa_integrations', 'sync_scopes', 'psa_links', 'sync_runs', 'audit_events', 'trash_batches',
        'trash_items',
      ]),
    );
  });

  it('gives every table but accounts a NOT NULL account_id', async () => {
    const withoutAccount = await rows<{ table_name: string }>(sql`
      select t.table_name from information_schema.tables t
      where t.table_schema = 'public' and t.table_name <> 'accounts'
        and not exists (select 1 from information_schema.columns c
          where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'account_id' and c.is_nullable = 'NO')`);
    expect(withoutAccount).toEqual([]);
  });

  it('has trigram indexes for search', async () => {
    const indexes = await rows<{ indexname: string }>(sql`select indexname from pg_indexes where indexdef like '%gin_trgm_ops%'`);
    expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(['organizations_name_trgm_idx', 'configurations_name_trgm_idx']));
  });

  it('re-running migrations is a no-op', async () => {
    await migrateDatabase(database);
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(count?.n).toBeGreaterThanOrEqual(2);
    await migrateDatabase(database);
    const [again] = await rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(again?.n).toBe(count?.n);
  });
});

describe.skipIf(!inject('postgresAvailable'))('migrations on an empty PostgreSQL from several processes at once', () => {
  it('all succeed and apply each migration exactly once', async () => {
    const { url, drop } = await emptyPostgresDatabase();
    try {
      const processes = await Promise.all([1, 2, 3].map(() => openDatabase({ engine: 'postgres', url, poolSize: 2 }, { migrate: false })));
      await Promise.all(processes.map((p) => migrateDatabase(p)));
      const [result] = await queryRows<{ n: number }>(processes[0]!.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
      expect(result?.n).toBe(journal.entries.length);
      await Promise.all(processes.map((p) => p.close()));
    } finally {
      await drop();
    }
  });
});
