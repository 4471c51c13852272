import pg from 'pg';
import { describe, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { adminUrl, newTestDatabaseName, testDatabaseUrl } from './postgres.js';

export type Engine = 'pglite' | 'postgres';
export const engines: Engine[] = ['pglite', 'postgres'];

export interface TestDatabase extends Database {
  /** Closes the connection and, on PostgreSQL, drops the throwaway database. */
  destroy(): Promise<void>;
}

/** A fresh, migrated, empty database of the given engine. */
export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({ engine: 'pglite', dataDir: undefined });
    return { ...database, destroy: () => database.close() };
  }
  const name = newTestDatabaseName();
  await withAdmin((c) => c.query(`create database ${name} template ${inject('templateDatabase')}`));
  const database = await openDatabase({ engine: 'postgres', url: testDatabaseUrl(name), poolSize: 4 }, { migrate: false });
  return {
    ...database,
    destroy: async () => {
      await database.close();

      await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** An empty PostgreSQL database (no migrations), for tests of the migration itself. */
export async function emptyPostgresDatabase() {
  const name = newTestDatabaseName();
  await withAdmin((c) => c.query(`create database ${name}`));
  return { url: testDatabaseUrl(name), drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)) };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl() });
  client.on('error', () => {}); // a dropped admin connection must fail the query, not crash the worker
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs the same suite once per engine. Without a reachable PostgreSQL (outside CI) its half is skipped, and the
 * global setup says so loudly.
 */
export function describeEachEngine(name: string, suite: (engine: Engine) => void) {
  for (const engine of engines) {
    const skip = engine === 'postgres' && !inject('postgresAvailable');
    describe.skipIf(skip)(`${name} [${engine}]`, () => suite(engine));
  }
}
