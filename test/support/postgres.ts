/** Where the PostgreSQL half of the suite runs: PSALINK_TEST_DATABASE_URL, default the local server's `postgres` db. */
export const adminUrl = () => process.env.PSALINK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const TEMPLATE_DB = 'psalink_template_test';

export function testDatabaseUrl(database: string) {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** CI must never skip the PostgreSQL half. */
export const postgresRequired = () => process.env.CI === 'true' || process.env.PSALINK_REQUIRE_POSTGRES === '1';
