/** Where the PostgreSQL half of the suite runs: PSALINK_TEST_DATABASE_URL, default the local server's `postgres` db. */
export const adminUrl = () => process.env.PSALINK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/*
 * Databases of a run are named psalink_t_<epoch seconds>_<random>: runs sharing one server (CI beside a developer)
 * never touch each other's, and leftovers of killed runs are recognised by their age.
 */
export const TEST_DB_PREFIX = 'psalink_t_';
export const newTestDatabaseName = () => `${TEST_DB_PREFIX}${Math.floor(Date.now() / 1000)}_${Math.random().toString(36).slice(2, 10)}`;
export const STALE_AFTER_SECONDS = 6 * 3600;

export function testDatabaseUrl(database: string) {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** CI must never skip the PostgreSQL half. */
export const postgresRequired = () => process.env.CI === 'true' || process.env.PSALINK_REQUIRE_POSTGRES === '1';
