import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { TEMPLATE_DB, adminUrl, postgresRequired, testDatabaseUrl } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAvailable: boolean;
  }
}

/**
 * Decides once whether the PostgreSQL half runs, and prepares a migrated template database that every test file
 * clones (CREATE DATABASE … TEMPLATE is far faster than migrating each time).
 */
export default async function setup(project: TestProject) {
  const available = await canConnect();
  project.provide('postgresAvailable', available);
  if (!available) {
    const message = `PostgreSQL is not reachable at ${adminUrl()}: the PostgreSQL half of the suite is SKIPPED; only PGlite runs.`;
    if (postgresRequired()) throw new Error(`${message} This run requires PostgreSQL (CI or PSALINK_REQUIRE_POSTGRES=1).`);
    console.warn(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await dropStale(admin);
    await admin.query(`drop database if exists ${TEMPLATE_DB}`);
    await admin.query(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const template = await openDatabase({ engine: 'postgres', url: testDatabaseUrl(TEMPLATE_DB), poolSize: 1 });
  await template.close();
  console.log('PostgreSQL half enabled: database tests run on PGlite and PostgreSQL.');
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
    await dropStale(client);
    await client.query(`drop database if exists ${TEMPLATE_DB}`);
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

/** Databases left by an interrupted earlier run. */
async function dropStale(client: pg.Client) {
  const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like 'psalink_t_%'`);
  for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
}
