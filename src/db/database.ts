import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.js';
import { lockDataDir } from './data-dir-lock.js';
import { migrateDatabase } from './migrate.js';

export type Schema = typeof schema;
/** The one database type repositories see, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /**
   * What a library with its own driver layer (the job queue) connects through: PostgreSQL by URL, where it opens a
   * pool of its own; PGlite only as this very instance, whose one connection every statement has to share.
   */
  connection: { engine: 'postgres'; url: string } | { engine: 'pglite'; client: PGlite };
  /** Cheap round trip for the health check. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { engine: 'postgres'; url: string; poolSize?: number }
  /** `dataDir` undefined = in memory (tests). */
  | { engine: 'pglite'; dataDir: string | undefined };

export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<Database> {
  const database = target.engine === 'postgres' ? openPostgres(target.url, target.poolSize) : await openPglite(target.dataDir);
  if (options.migrate ?? true) {
    try {
      await migrateDatabase(database);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // A checked-out client (inside a transaction, between two statements) has no pool listener: without its own, the
  // server ending its connection throws from the socket and takes the process down. Its next query fails instead,
  // and it goes back to the pool (which discards it) at once: drizzle never releases a client whose BEGIN failed,
  // and each such client would hold a pool slot, and pool.end(), forever.
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  pool.on('connect', (client) =>
    void client.on('error', (error) => {
      if (!checkedOut.has(client)) return;
      const release = client.release.bind(client);
      client.release = () => {};
      release(error);
    }),
  );
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    connection: { engine: 'postgres', url },
    ping: async () => void (await pool.query('select 1')),
    close: once(() => pool.end()),
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => {};
  try {
    const client = await PGlite.create({ dataDir: dataDir ? `${dataDir}/pglite` : undefined, extensions: { pg_trgm } });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      engine: 'pglite',
      connection: { engine: 'pglite', client },
      ping: async () => void (await client.query('select 1')),
      close: once(async () => {
        try {
          await client.close();
        } finally {
          await unlock();
        }
      }),
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** Closing twice (two signals, a test and its teardown) closes once and answers both. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

/** Raw SQL rows on either engine (both drivers answer `{ rows }`; the shared Db type cannot say so). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Runs `work` in the caller's transaction when there is one, else in a new one: an action composes into a larger one. */
export function inTransaction<T>(db: Db, tx: Db | undefined, work: (tx: Db) => Promise<T>): Promise<T> {
  if (tx) return work(tx);
  return db.transaction((transaction) => work(transaction as unknown as Db));
}
