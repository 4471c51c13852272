import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from './database.js';

describe('PGlite data folder lock', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psalink-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('refuses a second opener with data_dir_locked, and frees the folder on close', async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ engine: 'pglite', dataDir });
    await first.db.execute(sql`create table kept (v int)`);
    await first.db.execute(sql`insert into kept values (42)`);
    await expect(openDatabase({ engine: 'pglite', dataDir })).rejects.toMatchObject({ code: 'data_dir_locked' });
    await first.close();

    const second = await openDatabase({ engine: 'pglite', dataDir });
    expect(await queryRows(second.db, sql`select v from kept`)).toEqual([{ v: 42 }]);
    await second.close();
  });

  it('takes over a stale lock left by a killed process', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'psalink.lock'));
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dataDir, 'psalink.lock'), old, old);
    const database = await openDatabase({ engine: 'pglite', dataDir });
    await database.close();
  });
});
