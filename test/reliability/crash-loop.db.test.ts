import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser } from '../../src/accounts/create-user.js';
import { openDatabase, queryRows, type Database } from '../../src/db/database.js';
import { addIntegration } from '../../src/integrations/add-integration.js';
import { cliActor } from '../../src/integrations/integration-store.js';
import { SecretBox } from '../../src/shared/secret-box.js';
import { simulatorModules } from '../../src/simulators/registry.js';
import { startSimulator, type RunningSimulator } from '../../src/simulators/server.js';
import type { SimPsa } from '../../src/simulators/module.js';
import { cli, exitOf, runCli } from '../support/cli.js';
import { duplicates, fingerprint } from '../support/fingerprint.js';
import { adminUrl, newTestDatabaseName, testDatabaseUrl } from '../support/postgres.js';
import { soak } from './reliability-world.js';

/*
 * Issue 7, crashes: `psalink sync` SIGKILLed at random moments (seeded) again and again, each time started anew; after
 * a final clean run the database equals that of an undisturbed sync of the same PSA in another database. Then a
 * Delete All and its restore, SIGKILLed at random moments: every batch is all or nothing.
 *
 * PostgreSQL only: a killed process's PostgreSQL transaction simply ends, which is what is under test. (PGlite is one
 * process's data folder: the same engine code, and its stale lock takeover is tested in src/db.)
 *
 * A killed run stays `running` with a heartbeat that stops; the next start marks it failed (worker_lost) once the
 * heartbeat is LOST_AFTER_SECONDS (60 s) old. Rather than wait a minute per kill, the test moves the heartbeat back
 * two minutes after each kill: the passing minute, simulated.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kills = Number(process.env.PSALINK_SOAK_KILLS ?? (soak ? 30 : 6));
const crashPsas: SimPsa[] = soak ? ['connectwise', 'autotask', 'halo'] : ['connectwise'];
const crashScale = soak ? { orgs: 1_000, configurations: 30_000, contacts: 12_000 } : { orgs: 30, configurations: 1_500, contacts: 400 };
const bulkKills = soak ? 30 : 6;

/** A small seeded PRNG (mulberry32): the kill moments are the same on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Place {
  url: string;
  database: Database;
  accountId: string;
  integrationId: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl() });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database with one account ("Crash MSP") connected to `sim`, set up as `psalink integration add` does. */
async function openPlace(sim: RunningSimulator, key: Buffer): Promise<Place> {
  const name = newTestDatabaseName();
  await admin((c) => c.query(`create database ${name} template ${inject('templateDatabase')}`));
  const url = testDatabaseUrl(name);
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 }, { migrate: false });
  const ctx = { database, secretBox: new SecretBox(key) };
  const user = await createUser({ db: database.db, accountName: 'Crash MSP', email: 'admin@crash.test', password: 'long-enough-pw', role: 'admin' });
  const { integration } = await addIntegration({ ctx, accountId: user.account.id, actor: cliActor, provider: sim.psa as SimPsa, baseUrl: sim.baseUrl, credentials: sim.credentials });
  return {
    url,
    database,
    accountId: user.account.id,
    integrationId: integration.id,
    drop: async () => {
      await database.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Resolves once a run of the place's integration is running (not one killed before, whose heartbeat was moved back). */
async function runStarted(place: Place, child: ChildProcessWithoutNullStreams) {
  while (child.exitCode === null) {
    const [row] = await queryRows<{ n: number }>(place.database.db, sql`
      select count(*)::int as n from sync_runs where integration_id = ${place.integrationId} and status = 'running' and heartbeat_at > now() - interval '1 minute'`);
    if (row!.n > 0) return;
    await sleep(20);
  }
}

describe.skipIf(!inject('postgresAvailable'))('reliability: crashes (SIGKILL) [postgres]', () => {
  const key = randomBytes(32);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psalink-crash-'));
  const places: Place[] = [];
  const sims: RunningSimulator[] = [];
  const envOf = (place: Place) => ({ DATABASE_URL: place.url, PSALINK_SECRET_KEY: key.toString('base64'), PSALINK_DATA_DIR: dataDir, LOG_LEVEL: 'error' });

  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await Promise.all(places.map((p) => p.drop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const invariants = async (place: Place) => {
    const db = place.database.db;
    expect(await duplicates(db, place.integrationId)).toEqual({ external: 0, record: 0 });
    const state = await fingerprint(db, place.integrationId);
    for (const kind of ['organization', 'configuration', 'contact'] as const) {
      expect(state.counts[kind], `${kind}s without their link`).toBe(state.links.filter((l) => l.kind === kind).length);
    }
  };

  for (const psa of crashPsas) {
    describe(psa, () => {
      let sim: RunningSimulator;
      let crashed: Place;
      let reference: Place;

      beforeAll(async () => {
        sim = await startSimulator(simulatorModules[psa], { scale: crashScale });
        sims.push(sim);
        [crashed, reference] = [await openPlace(sim, key), await openPlace(sim, key)];
        places.push(crashed, reference);
      });

      it(`psalink sync killed ${kills} times at random moments, then one clean run: equal to an undisturbed sync`, { timeout: soak ? 0 : 120_000 }, async () => {
        // The undisturbed sync, and how long a whole `psalink sync` process lives.
        const started = Date.now();
        const undisturbed = await runCli(['sync', '--account', 'Crash MSP', '--json'], envOf(reference));
        const lifetime = Date.now() - started;
        expect(undisturbed.code, undisturbed.stderr).toBe(0);
        expect(JSON.parse(undisturbed.stdout).status).toBe('succeeded');

        // How long the run itself takes, without the process's start-up: the window the kills aim at.
        const [timing] = await queryRows<{ ms: number }>(reference.database.db, sql`
          select (extract(epoch from finished_at - started_at) * 1000)::int as ms from sync_runs where integration_id = ${reference.integrationId}`);
        const runMs = Math.max(timing!.ms, 50);

        const random = seeded(7);
        const lost: string[] = [];
        let completed = 0;
        let seen = 0;
        for (let i = 0; i < kills; i++) {
          // --full: once one run has completed, an incremental one would have nothing left to be killed in.
          const child = cli(['sync', '--account', 'Crash MSP', '--json', '--full'], envOf(crashed));
          child.stdout.resume();
          child.stderr.resume();
          // Anywhere from the run's start to its end (a few kills land after it: a run that completed), and now
          // and then during start-up, before the run exists.
          const roll = random();
          if (roll >= 0.1) await Promise.race([runStarted(crashed, child), exitOf(child)]);
          await Promise.race([sleep(roll < 0.1 ? roll * 10 * lifetime * 0.5 : runMs * (roll - 0.1) * 0.7), exitOf(child)]);
          if (child.exitCode === null) {
            child.kill('SIGKILL');
            await exitOf(child);
          }
          await invariants(crashed);
          // The minute after which a stopped heartbeat means a lost worker, passed.
          const left = await queryRows<{ id: string }>(crashed.database.db, sql`
            update sync_runs set heartbeat_at = now() - interval '2 minutes' where integration_id = ${crashed.integrationId} and status = 'running' returning id`);
          lost.push(...left.map((r) => r.id));
          const [runs] = await queryRows<{ n: number }>(crashed.database.db, sql`select count(*)::int as n from sync_runs where integration_id = ${crashed.integrationId}`);
          if (left.length === 0 && runs!.n > seen) completed++;
          seen = runs!.n;
        }

        const final = await runCli(['sync', '--account', 'Crash MSP', '--json'], envOf(crashed));
        expect(final.code, final.stderr).toBe(0);
        expect(JSON.parse(final.stdout).status).toBe('succeeded');
        await invariants(crashed);
        expect(await fingerprint(crashed.database.db, crashed.integrationId)).toEqual(await fingerprint(reference.database.db, reference.integrationId));
        // Every run killed mid-way was marked lost by the next start; nothing is left running or waiting.
        const runs = await queryRows<{ id: string; status: string; error_code: string | null }>(crashed.database.db, sql`
          select id, status, error_code from sync_runs where integration_id = ${crashed.integrationId}`);
        expect(runs.filter((r) => lost.includes(r.id)).every((r) => r.status === 'failed' && r.error_code === 'worker_lost')).toBe(true);
        expect(runs.filter((r) => r.status === 'running' || r.status === 'queued')).toEqual([]);
        console.log(`${psa}: ${kills} kills (${lost.length} mid-run, ${completed} after the run completed, ${kills - lost.length - completed} during start-up); run ${runMs} ms, process ${lifetime} ms`);
      });

      it.runIf(psa === crashPsas[0])(`Delete All and restore killed ${bulkKills} times at random moments: each batch is all or nothing`, { timeout: soak ? 0 : 120_000 }, async () => {
        const db = crashed.database.db;
        const accountId = crashed.accountId;
        // Every configuration orphaned (as if deleted in the PSA): one batch of hundreds of records and links.
        await db.execute(sql`update psa_links set state = 'orphaned', orphan_reason = 'deleted_in_psa', orphaned_at = now() where integration_id = ${crashed.integrationId} and kind = 'configuration'`);
        const live = async () => {
          const tables = ['organizations', 'configurations', 'contacts', 'passwords', 'documents', 'psa_links'];
          const parts = await Promise.all(tables.map(async (table) => {
            const [row] = await queryRows<{ n: number; digest: string | null }>(db, sql`
              select count(*)::int as n, md5(string_agg(t::text, '|' order by t.id)) as digest from ${sql.identifier(table)} t where t.account_id = ${accountId}`);
            return `${table}:${row!.n}:${row!.digest}`;
          }));
          const [open] = await queryRows<{ batches: number; items: number }>(db, sql`
            select count(distinct b.id)::int as batches, count(i.*)::int as items from trash_batches b left join trash_items i on i.batch_id = b.id
            where b.account_id = ${accountId} and b.restored_at is null and b.purged_at is null`);
          return { tables: parts.join(' '), open: open! };
        };
        const child = (action: 'delete' | 'restore') =>
          spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/reliability/children/manage-action.ts'), action], {
            cwd: root,
            env: { ...process.env, DATABASE_URL: crashed.url, ACCOUNT_ID: accountId },
          }) as ChildProcessWithoutNullStreams;
        const printed = (c: ChildProcessWithoutNullStreams, word: string) =>
          new Promise<void>((resolve, reject) => {
            let out = '';
            c.stdout.on('data', (d) => (out += d) && out.includes(word) && resolve());
            c.on('exit', (code) => (out.includes(word) ? resolve() : reject(new Error(`exited ${code} before printing ${word}: ${out}`))));
          });
        const go = (c: ChildProcessWithoutNullStreams) => {
          c.stderr.resume();
          return printed(c, 'go');
        };
        const complete = async (action: 'delete' | 'restore') => {
          const c = child(action);
          const done = printed(c, 'done');
          await go(c);
          const from = Date.now();
          await done;
          const ms = Date.now() - from;
          expect(await exitOf(c)).toBe(0);
          return { ms };
        };

        // One undisturbed round trip: the two states a batch may leave, and how long each action takes.
        const present = await live();
        expect(present.open).toEqual({ batches: 0, items: 0 });
        const deleting = await complete('delete');
        const trashed = await live();
        expect(trashed.open.batches).toBe(1);
        expect(trashed.open.items).toBeGreaterThan(crashScale.configurations);
        const restoring = await complete('restore');
        expect(await live()).toEqual(present);

        const random = seeded(11);
        let state: 'present' | 'trashed' = 'present';
        const outcomes = { killed: 0, completed: 0 };
        for (let i = 0; i < bulkKills; i++) {
          const action = state === 'present' ? 'delete' : 'restore';
          const c = child(action);
          await go(c);
          const duration = action === 'delete' ? deleting.ms : restoring.ms;
          await Promise.race([sleep(duration * random() * 1.2), exitOf(c)]);
          if (c.exitCode === null) {
            c.kill('SIGKILL');
            await exitOf(c);
          }
          const now = await live();
          // All or nothing: the tables are exactly as before the action, or exactly as after it, never between.
          if (now.tables === present.tables) expect(now.open).toEqual({ batches: 0, items: 0 });
          else {
            expect(now.tables, `${action} killed half-way`).toBe(trashed.tables);
            expect(now.open).toEqual(trashed.open);
          }
          const next = now.tables === present.tables ? 'present' : 'trashed';
          outcomes[next === state ? 'killed' : 'completed']++;
          state = next;
        }
        if (state === 'trashed') await complete('restore');
        expect(await live()).toEqual(present);
        console.log(`bulk: ${bulkKills} kills (${outcomes.killed} rolled back, ${outcomes.completed} committed); delete ${deleting.ms} ms, restore ${restoring.ms} ms`);
      });
    });
  }
});
