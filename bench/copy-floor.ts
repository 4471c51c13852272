/**
 * The write half of the sync's floor: how long PostgreSQL's bulk loader takes to put the sync's final rows into the
 * same tables, with the same indexes and constraints. The rows are dumped from the synced database with
 * `COPY … TO STDOUT` (untimed, to a temporary file), then loaded with `COPY … FROM STDIN` into a copy of that database
 * whose synced tables were emptied — same schema, lookups and account, nothing else to do but load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/** What a sync writes in bulk, parents first (configurations and contacts reference organizations). */
export const syncedTables = ['organizations', 'contacts', 'configurations', 'psa_links'] as const;

export interface CopyFloor {
  seconds: number;
  rows: Record<(typeof syncedTables)[number], number>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Generated columns cannot be loaded: COPY lists the others. */
async function loadableColumns(client: pg.Client, table: string): Promise<string> {
  const { rows } = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((r) => `"${r.column_name}"`).join(', ');
}

/**
 * `admin(query)` runs on the maintenance database; `url(name)` addresses a database by name. The source must have no
 * open connections (it is the template of the copy).
 */
export async function measureCopyFloor(o: { admin(query: string): Promise<void>; url(name: string): string; source: string; target: string }): Promise<CopyFloor> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psalink-bench-copy-'));
  try {
    const columns: Record<string, string> = {};
    await withClient(o.url(o.source), async (client) => {
      for (const table of syncedTables) {
        columns[table] = await loadableColumns(client, table);
        await pipeline(client.query(copyTo(`copy (select ${columns[table]} from ${table}) to stdout`)), fs.createWriteStream(path.join(dir, table)));
      }
    });
    await o.admin(`drop database if exists ${o.target} with (force)`);
    await o.admin(`create database ${o.target} template ${o.source}`);
    return await withClient(o.url(o.target), async (client) => {
      // Cascade only reaches tables that reference these (notes, reviews…), empty after a first sync anyway.
      await client.query(`truncate ${syncedTables.join(', ')} cascade`);
      await client.query('checkpoint');
      const rows = {} as CopyFloor['rows'];
      const started = performance.now();
      for (const table of syncedTables) {
        const load = client.query(copyFrom(`copy ${table} (${columns[table]}) from stdin`));
        await pipeline(fs.createReadStream(path.join(dir, table)), load);
        rows[table] = load.rowCount;
      }
      return { seconds: (performance.now() - started) / 1000, rows };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await o.admin(`drop database if exists ${o.target} with (force)`).catch(() => {});
  }
}
