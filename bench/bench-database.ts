import { openDatabase, type Database } from '../src/db/database.js';

/**
 * The database a measured child process works on, as its parent prepared it: PostgreSQL at `DATABASE_URL`, or PGlite
 * in `PSALINK_BENCH_PGLITE_DIR` (a data directory only one process may hold: the parent closes it first).
 */
export function openBenchDatabase(): Promise<Database> {
  const pgliteDir = process.env.PSALINK_BENCH_PGLITE_DIR;
  if (pgliteDir) return openDatabase({ engine: 'pglite', dataDir: pgliteDir }, { migrate: false });
  return openDatabase({ engine: 'postgres', url: process.env.DATABASE_URL! }, { migrate: false });
}
