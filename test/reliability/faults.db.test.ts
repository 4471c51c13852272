import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.js';
import { markLostRuns } from '../../src/sync/runs/run-store.js';
import type { FaultSpec } from '../../src/simulators/faults.js';
import type { RunningSimulator } from '../../src/simulators/server.js';
import { describeEachEngine } from '../support/databases.js';
import { duplicates, fingerprint, type Fingerprint } from '../support/fingerprint.js';
import { testDatabaseUrl } from '../support/postgres.js';
import { configurationListingPath, psas } from '../support/sync-world.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { faultHttp, openFaultAccount, reliabilityScale, soak, type FaultAccount } from './reliability-world.js';

/*
 * Issue 7, faults: every fault the simulators inject, on all three PSAs, mid-way through the configurations' listing
 * (organizations and contacts are applied by then, configurations half). Each case syncs a fresh account (its own
 * records, links and runs: a fresh database as far as the sync can tell) against the same simulated PSA as an
 * undisturbed reference account, and asserts:
 *   - the run either retried its way to success (then it already equals the reference) or ended `failed` with an
 *     error code and words a person can act on;
 *   - nothing duplicated (one link per PSA record, one record per link), nothing orphaned that the reference did not
 *     orphan for the same reason, nothing the reference does not have;
 *   - after the fault is gone, one clean run reaches exactly the reference's fingerprint.
 * The full matrix runs on PostgreSQL; PGlite (the same engine code, slower per statement) runs each fault on one
 * PSA in turn to keep `npm test` short. PSALINK_SOAK=1 runs the full matrix on both engines at a bigger scale.
 */

type Outcome = { status: 'succeeded' } | { status: 'failed'; code: string; words: RegExp };
interface FaultCase {
  name: string;
  fault: Omit<Partial<FaultSpec>, 'path' | 'skip'> & Pick<FaultSpec, 'kind'>;
  outcome: Outcome;
}

const timeout = faultHttp.timeoutMs;
const ok: Outcome = { status: 'succeeded' };
/** Bursts stay within the client's retries (2); storms outlast them. */
const cases: FaultCase[] = [
  { name: 'a rate-limit burst (Retry-After honoured)', fault: { kind: 'rate_limit', times: 2, retryAfterSeconds: 1 }, outcome: ok },
  { name: 'a rate-limit storm', fault: { kind: 'rate_limit', times: 50, retryAfterSeconds: 0 }, outcome: { status: 'failed', code: 'psa_rate_limited', words: /rate limiting us \(429\)/ } },
  { name: 'a 5xx burst', fault: { kind: 'server_error', times: 2, status: 502 }, outcome: ok },
  { name: 'a 5xx storm', fault: { kind: 'server_error', times: 50, status: 503 }, outcome: { status: 'failed', code: 'psa_transient', words: /The PSA failed with 503 on (GET|POST) / } },
  { name: 'a response slower than the timeout', fault: { kind: 'slow', times: 1, delayMs: timeout * 2 }, outcome: ok },
  { name: 'responses slower than the timeout, every retry', fault: { kind: 'slow', times: 3, delayMs: timeout * 2 }, outcome: { status: 'failed', code: 'psa_transient', words: new RegExp(`did not answer (GET|POST) .* within ${timeout} ms`) } },
  { name: 'a request never answered', fault: { kind: 'timeout', times: 1 }, outcome: ok },
  { name: 'requests never answered, every retry', fault: { kind: 'timeout', times: 3 }, outcome: { status: 'failed', code: 'psa_transient', words: new RegExp(`did not answer (GET|POST) .* within ${timeout} ms`) } },
  { name: 'a dropped connection', fault: { kind: 'drop', times: 2 }, outcome: ok },
  { name: 'dropped connections, every retry', fault: { kind: 'drop', times: 50 }, outcome: { status: 'failed', code: 'psa_transient', words: /Could not reach the PSA for (GET|POST) / } },
  { name: 'a malformed JSON body', fault: { kind: 'malformed', times: 1 }, outcome: ok },
  { name: 'malformed JSON, every retry', fault: { kind: 'malformed', times: 50 }, outcome: { status: 'failed', code: 'psa_bad_response', words: /body that is not valid JSON/ } },
  { name: 'credentials expired or revoked mid-run', fault: { kind: 'expired_token', times: 50 }, outcome: { status: 'failed', code: 'psa_auth', words: /refused (the credentials \(401\)|a freshly issued access token)\. Check / } },
];

describeEachEngine('reliability: PSA faults mid-run', (engine) => {
  let t: TestApp;
  const sims: RunningSimulator[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await t?.close();
  });

  /** Which cases this engine runs for a PSA: all of them on PostgreSQL (and in soak), one PSA per case on PGlite. */
  const runsHere = (psaIndex: number, caseIndex: number) => soak || engine === 'postgres' || caseIndex % psas.length === psaIndex;

  for (const [psaIndex, psa] of psas.entries()) {
    describe(psa, () => {
      let sim: RunningSimulator;
      let reference: FaultAccount;
      let expected: Fingerprint;

      beforeAll(async () => {
        reference = await openFaultAccount(t, psa);
        sim = reference.sim;
        sims.push(sim);
        const run = await reference.sync();
        expect(run.status, `${run.errorCode}: ${run.errorMessage}`).toBe('succeeded');
        expected = await fingerprint(t.database.db, reference.integrationId);
        expect(expected.counts.configuration).toBeGreaterThan(reliabilityScale.orgs);
      });
      afterEach(() => sim.faults.clear());

      /** A new account on the same simulated PSA: a fresh start as far as the sync can tell. */
      const fresh = () => openFaultAccount(t, psa, sim);
      const inject = (fault: FaultCase['fault'], skip = 2) => sim.faults.add({ times: 1, status: 503, delayMs: 2_000, retryAfterSeconds: 1, ...fault, skip, path: configurationListingPath[psa] });

      /** The invariants of any run, whatever it ended with. */
      async function expectSound(account: FaultAccount, against: Fingerprint) {
        const db = t.database.db;
        expect(await duplicates(db, account.integrationId)).toEqual({ external: 0, record: 0 });
        const now = await fingerprint(db, account.integrationId);
        // Every record the sync created holds a link: nothing was created twice or left behind unlinked.
        for (const kind of ['organization', 'configuration', 'contact'] as const) {
          expect(now.counts[kind], `${kind}s without their link`).toBe(now.links.filter((l) => l.kind === kind).length);
        }
        const theirs = new Map(against.links.map((l) => [`${l.kind}:${l.external_id}`, l]));
        for (const link of now.links) {
          const key = `${link.kind}:${link.external_id}`;
          // Nothing the undisturbed run does not have, and no orphan it did not make (for the same reason).
          expect(theirs.has(key), `${key} is not in the reference`).toBe(true);
          if (link.state === 'orphaned') expect({ key, ...theirs.get(key) }).toMatchObject({ key, state: 'orphaned', orphan_reason: link.orphan_reason });
        }
        return now;
      }

      for (const [caseIndex, c] of cases.entries()) {
        it.skipIf(!runsHere(psaIndex, caseIndex))(`${c.name}: ${c.outcome.status === 'succeeded' ? 'retried to success' : `fails (${c.outcome.code})`}, then converges`, async () => {
          const account = await fresh();
          const fault = inject(c.fault);
          const run = await account.sync();
          expect(fault.applied, 'the fault was injected').toBeGreaterThan(0);
          if (c.outcome.status === 'succeeded') {
            expect(run.status, `${run.errorCode}: ${run.errorMessage}`).toBe('succeeded');
            expect(await expectSound(account, expected)).toEqual(expected);
          } else {
            expect({ status: run.status, code: run.errorCode }).toEqual({ status: 'failed', code: c.outcome.code });
            expect(run.errorMessage).toMatch(c.outcome.words);
            // Organizations and contacts were applied before the fault, and no configuration was orphaned.
            const state = await expectSound(account, expected);
            expect(state.counts.organization).toBe(expected.counts.organization);
            expect(run.counts.orphaned).toBe(0);
          }
          sim.faults.clear();
          const clean = await account.sync();
          expect(clean.status, `${clean.errorCode}: ${clean.errorMessage}`).toBe('succeeded');
          expect(await fingerprint(t.database.db, account.integrationId)).toEqual(expected);
        });
      }

      /*
       * A restart of PostgreSQL ends every client connection with "terminating connection due to administrator
       * command" (57P01) and refuses new ones for a moment. The shared test server cannot be restarted under other
       * test files, so the run's backends are terminated instead: to the run, the same event.
       */
      it.skipIf(engine !== 'postgres')('PostgreSQL restarted mid-run: the run fails with a readable error (or rides it out), the next run converges', async () => {
        const account = await fresh();
        const db = t.database.db;
        const [{ name }] = (await queryRows<{ name: string }>(db, sql`select current_database() as name`)) as [{ name: string }];
        const admin = new pg.Client({ connectionString: testDatabaseUrl(name) });
        admin.on('error', () => {});
        await admin.connect();
        // Slow pages keep the run mid-listing; from its first organization page on, every connection is ended
        // every few milliseconds, so that statements in flight (a page's transaction) are cut, not just idle ones.
        inject({ kind: 'slow', times: 4, delayMs: 250 }, 1);
        let restarting = false;
        let done = false;
        let killed = 0;
        const restarts = (async () => {
          for (; !done; await sleep(15)) {
            if (!restarting) continue;
            const r = await admin.query<{ n: number }>('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
            killed += r.rows[0]!.n;
          }
        })();
        let thrown: unknown;
        try {
          await account.sync({ onProgress: (progress) => void (progress.organization.processed > 0 && !restarting && (restarting = true)) }).catch((error: unknown) => (thrown = error));
        } finally {
          done = true;
          await restarts;
          await admin.end();
          // The last connections ended are noticed by the pool when their sockets close: let it, before going on.
          await sleep(300);
        }
        expect(killed).toBeGreaterThan(0);
        const [run] = await queryRows<{ id: string; status: string; error_code: string | null; error_message: string | null }>(db, sql`
          select id, status, error_code, error_message from sync_runs where integration_id = ${account.integrationId} order by created_at desc limit 1`);
        if (run!.status === 'running') {
          // The database was gone even for recording the failure: the run is left to the lost-worker rule.
          expect(thrown).toBeDefined();
          await db.execute(sql`update sync_runs set heartbeat_at = now() - interval '2 minutes' where id = ${run!.id}`);
          expect(await markLostRuns(db, 60, account.integrationId)).toBe(1);
        } else if (run!.status === 'failed') {
          expect(run!.error_code).toBe('database_unavailable');
          expect(run!.error_message).toMatch(/lost its connection to the database \(was PostgreSQL restarted\?\)/);
        } else {
          expect(run!.status).toBe('succeeded');
        }
        await expectSound(account, expected);
        sim.faults.clear();
        const clean = await account.sync();
        expect(clean.status).toBe('succeeded');
        expect(await fingerprint(db, account.integrationId)).toEqual(expected);
      });

      /*
       * Page drift changes the PSA itself (records deleted below the page being read, new ones added), so the
       * undisturbed history to compare with is the reference syncing before and after the drift. Last in the PSA's
       * list: it moves the reference on.
       */
      it.skipIf(!runsHere(psaIndex, cases.length))('page drift between two pages: the run completes, the next run converges with an undisturbed history', async () => {
        const account = await fresh();
        const fault = inject({ kind: 'page_drift', times: 1, drift: { kind: 'configurations', insert: 3, delete: 2 } });
        const run = await account.sync();
        expect(fault.applied).toBe(1);
        expect(run.status, `${run.errorCode}: ${run.errorMessage}`).toBe('succeeded');
        expect(await duplicates(t.database.db, account.integrationId)).toEqual({ external: 0, record: 0 });
        const after = await reference.sync();
        expect(after.status).toBe('succeeded');
        expected = await fingerprint(t.database.db, reference.integrationId);
        const clean = await account.sync();
        expect(clean.status).toBe('succeeded');
        expect(await fingerprint(t.database.db, account.integrationId)).toEqual(expected);
      });
    });
  }
});
