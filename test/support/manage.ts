import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.js';
import { uuidArray } from '../../src/db/sql-lists.js';
import type { RunningSimulator } from '../../src/simulators/server.js';
import type { Engine } from './databases.js';
import { integrationBody, startSmallSimulator } from './integrations.js';
import { runSync } from './sync.js';
import { startTestApp, type TestApp, type TestUser } from './test-app.js';

export interface ManageWorld {
  t: TestApp;
  sim: RunningSimulator;
  admin: TestUser;
  editor: TestUser;
  otherAdmin: TestUser;
  integrationId: string;
  /** Configuration record ids by what the fixture did to their links. */
  configurations: { deleted: string[]; excluded: string[]; disabled: string[]; error: string[]; formula: string; quoted: string; wildcard: string };
  close(): Promise<void>;
}

/**
 * Real synced data from a small simulator, then links moved to every state in SQL: three configurations deleted in the
 * PSA (orphaned a day apart), two excluded by settings, two disabled, one in error, one contact whose parent is not
 * synced; and three names that test CSV quoting, formula injection and LIKE wildcards.
 */
export async function startManageWorld(engine: Engine, env: Record<string, string> = {}, options: { jobs?: boolean } = {}): Promise<ManageWorld> {
  const [t, sim] = await Promise.all([startTestApp(engine, env, options), startSmallSimulator('connectwise')]);
  const admin = await t.createUser('Acme MSP', 'admin');
  const editor = await t.createUser('Acme MSP', 'editor');
  const otherAdmin = await t.createUser('Globex MSP', 'admin');
  const integrationId = (await admin.apiKey.post('/api/v1/integrations', integrationBody(sim))).body.id as string;
  const run = await runSync(t, admin.accountId, integrationId);
  if (run.status !== 'succeeded') throw new Error(`the fixture sync ended ${run.status}`);
  const db = t.database.db;
  const ids = (await queryRows<{ record_id: string }>(db, sql`select record_id from psa_links where integration_id = ${integrationId} and kind = 'configuration' order by external_id::int`)).map((r) => r.record_id);
  const configurations = {
    deleted: ids.slice(0, 3),
    excluded: ids.slice(3, 5),
    disabled: ids.slice(5, 7),
    error: ids.slice(7, 8),
    formula: ids[8]!,
    quoted: ids[9]!,
    wildcard: ids[10]!,
  };
  for (const [i, id] of configurations.deleted.entries()) {
    await db.execute(sql`update psa_links set state = 'orphaned', orphan_reason = 'deleted_in_psa', orphaned_at = now() - make_interval(days => ${i + 1}) where record_id = ${id}`);
  }
  await db.execute(sql`update psa_links set state = 'orphaned', orphan_reason = 'excluded_by_settings', orphaned_at = now() where record_id = any(${uuidArray(configurations.excluded)})`);
  await db.execute(sql`update psa_links set state = 'disabled' where record_id = any(${uuidArray(configurations.disabled)})`);
  await db.execute(sql`update psa_links set state = 'error', last_error_code = 'validation_failed', last_error_message = 'Name is too long', last_error_at = now() where record_id = any(${uuidArray(configurations.error)})`);
  await db.execute(sql`update psa_links set state = 'orphaned', orphan_reason = 'parent_not_synced', orphaned_at = now() where id = (select id from psa_links where integration_id = ${integrationId} and kind = 'contact' order by external_id::int limit 1)`);
  await db.execute(sql`update configurations set name = '=HYPERLINK("http://evil.test","click")' where id = ${configurations.formula}`);
  await db.execute(sql`update configurations set name = 'Acme, "Big" Server' || chr(10) || 'rack 2' where id = ${configurations.quoted}`);
  await db.execute(sql`update configurations set name = '100%_done' where id = ${configurations.wildcard}`);
  return {
    t,
    sim,
    admin,
    editor,
    otherAdmin,
    integrationId,
    configurations,
    close: async () => void (await Promise.all([t.close(), sim.close()])),
  };
}
