import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { STALE_AFTER_SECONDS, TEST_DB_PREFIX, adminUrl, newTestDatabaseName, postgresRequired, testDatabaseUrl } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAvailable: boolean;
    /** This run's migrated template database, cloned by every suite. */
    templateDatabase: string;
  }
}

/**
 * Decides once whether the PostgreSQL half runs, and prepares a migrated template database that every test file
 * clones (CREATE DATABASE … TEMPLATE is far faster than migrating each time).
 */
export default async function setup(project: TestProject) {
  const available = await canConnect();
  const template = newTestDatabaseName();
  project.provide('postgresAvailable', available);
  project.provide('templateDatabase', template);
  if (!available) {
    const message = `PostgreSQL is not reachable at ${adminUrl()}: the PostgreSQL half of the suite is SKIPPED; only PGlite runs.`;
    if (postgresRequired()) throw new Error(`${message} This run requires PostgreSQL (CI or PSALINK_REQUIRE_POSTGRES=1).`);
    console.warn(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  admin.on('error', () => {});
  await admin.connect();
  try {
    await dropStale(admin);
    await admin.query(`create database ${template}`);
  } finally {
    await admin.end();
  }
  const migrated = await openDatabase({ engine: 'postgres', url: testDatabaseUrl(template), poolSize: 1 });
  await migrated.close();
  console.log('PostgreSQL half enabled: database tests run on PGlite and PostgreSQL.');
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
    await client.query(`drop database if exists ${template} with (force)`);
    await client.end();
  };
}

async function canConnect() {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Databases left by killed runs: only those hours old, so that a concurrent run keeps its own. */
async function dropStale(client: pg.Client) {
  const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like '${TEST_DB_PREFIX}%'`);
  const now = Date.now() / 1000;
  for (const { datname } of rows) {
    const created = Number(datname.slice(TEST_DB_PREFIX.length).split('_')[0]);
    if (Number.isFinite(created) && now - created > STALE_AFTER_SECONDS) await client.query(`drop database if exists "${datname}" with (force)`);
  }
}
