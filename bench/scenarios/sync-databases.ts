import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createUser } from '../../src/accounts/create-user.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase, queryRows, type DatabaseTarget } from '../../src/db/database.js';
import { addIntegration } from '../../src/integrations/add-integration.js';
import { SecretBox } from '../../src/shared/secret-box.js';

export type Engine = 'postgres' | 'pglite';

const adminUrl = process.env.PSALINK_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const dbUrl = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

export async function admin(query: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** A benchmark database by name: a PostgreSQL database, or a PGlite data directory under the temp folder. */
export class BenchDatabase {
  readonly target: DatabaseTarget;
  /** How a measured child process finds it (bench-database.ts). */
  readonly env: Record<string, string>;

  constructor(
    readonly engine: Engine,
    readonly name: string,
  ) {
    const dir = path.join(os.tmpdir(), name);
    this.target = engine === 'postgres' ? { engine, url: dbUrl(name) } : { engine, dataDir: dir };
    this.env = engine === 'postgres' ? { DATABASE_URL: dbUrl(name) } : { PSALINK_BENCH_PGLITE_DIR: dir };
  }

  async drop() {
    if (this.target.engine === 'postgres') await admin(`drop database if exists ${this.name} with (force)`);
    else fs.rmSync(this.target.dataDir!, { recursive: true, force: true });
  }

  /** A migrated, empty database with one account connected to the simulator: what a first sync starts from. */
  async prepare(sim: { baseUrl: string; credentials: Record<string, string> }, secretKey: Buffer) {
    await this.drop();
    if (this.target.engine === 'postgres') await admin(`create database ${this.name}`);
    const database = await openDatabase(this.target);
    try {
      const ctx = { config: loadConfig({ PSALINK_DATA_DIR: 'unused' }), database, secretBox: new SecretBox(secretKey) };
      const { account } = await createUser({ db: database.db, accountName: 'Bench MSP', email: 'bench@bench.test', password: 'bench-password-1', role: 'admin' });
      const actor = { type: 'system' as const, id: null, label: 'bench' };
      const { integration } = await addIntegration({ ctx, accountId: account.id, actor, provider: 'connectwise', baseUrl: sim.baseUrl, credentials: sim.credentials });
      return { accountId: account.id, integrationId: integration.id };
    } finally {
      await database.close();
    }
  }

  /** Where the next incremental run starts listing changes: the last successful watermark minus the default overlap. */
  async changedSince(integrationId: string): Promise<string> {
    const database = await openDatabase(this.target, { migrate: false });
    try {
      const [row] = await queryRows<{ watermark: string | Date }>(database.db, sql`
        select watermark from sync_runs where integration_id = ${integrationId} and status in ('succeeded', 'partial') order by finished_at desc limit 1`);
      return new Date(new Date(row!.watermark).getTime() - 10 * 60_000).toISOString();
    } finally {
      await database.close();
    }
  }
}
