import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { openDatabase, queryRows, type Database } from '../db/database.js';
import { textArray } from '../db/sql-lists.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { JOB_QUEUE_SCHEMA, startJobQueue, type JobContext, type JobQueue, type JobQueueLogger } from './job-queue.js';

const POLL = 0.5;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const postgresUrl = (database: Database) => {
  if (database.connection.engine !== 'postgres') throw new Error('a PostgreSQL database was expected');
  return database.connection.url;
};

describeEachEngine('job queue', (engine) => {
  let database: TestDatabase;
  let queue: JobQueue;
  const logged: { level: 'warn' | 'error'; obj: object; msg: string }[] = [];
  const log: JobQueueLogger = {
    warn: (obj, msg) => void logged.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void logged.push({ level: 'error', obj, msg }),
  };
  const processWarnings: Error[] = [];
  const onProcessWarning = (warning: Error) => void processWarnings.push(warning);

  beforeAll(async () => {
    process.on('warning', onProcessWarning);
    database = await freshDatabase(engine);
    queue = await startJobQueue({ database, log, pollingIntervalSeconds: POLL });
  });
  afterAll(async () => {
    process.off('warning', onProcessWarning);
    await queue?.stop();
    await database?.destroy();
  });
  // Quiet: pg-boss reports nothing as an error and prints nothing (deprecations and the like) in normal operation.
  afterEach(() => {
    const errors = logged.filter((l) => l.level === 'error');
    const warnings = processWarnings.splice(0);
    logged.length = 0;
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  const jobRow = async (id: string) =>
    (
      await queryRows<{ name: string; state: string; retry_count: number; output: { message?: string; value?: string } | null }>(
        database.db,
        sql`select name, state, retry_count, output from ${sql.identifier(JOB_QUEUE_SCHEMA)}.job where id = ${id}::uuid`,
      )
    )[0];
  const waitForState = (id: string, state: string, timeout = 10_000) =>
    vi.waitFor(async () => expect((await jobRow(id))?.state).toBe(state), { timeout, interval: 100 });

  it('handles a sent job once, with its data', async () => {
    const handled: Omit<JobContext<{ n: number }>, 'signal'>[] = [];
    await queue.work<{ n: number }>('test-once', async ({ id, data }) => void handled.push({ id, data }));
    const id = await queue.send('test-once', { n: 7 });
    expect(id).toEqual(expect.any(String));
    await waitForState(id!, 'completed');
    expect(handled).toEqual([{ id, data: { n: 7 } }]);
  });

  it('refuses a second queued-or-active job for a singleton key, allows another key, and the key again once done', async () => {
    const first = await queue.send('test-singleton', { n: 1 }, { singletonKey: 'integration-1' });
    expect(first).toEqual(expect.any(String));
    expect(await queue.send('test-singleton', { n: 2 }, { singletonKey: 'integration-1' })).toBeNull();
    expect(await queue.send('test-singleton', { n: 3 }, { singletonKey: 'integration-2' })).toEqual(expect.any(String));
    // Jobs without a key are never refused.
    expect(await queue.send('test-singleton', { n: 4 })).toEqual(expect.any(String));
    expect(await queue.send('test-singleton', { n: 5 })).toEqual(expect.any(String));

    // Active counts too: while the first job runs, its key stays taken.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await queue.work<{ n: number }>('test-singleton', async ({ data }) => {
      if (data.n === 1) await released;
    });
    await waitForState(first!, 'active');
    expect(await queue.send('test-singleton', { n: 6 }, { singletonKey: 'integration-1' })).toBeNull();
    release();
    await waitForState(first!, 'completed');
    expect(await queue.send('test-singleton', { n: 7 }, { singletonKey: 'integration-1' })).toEqual(expect.any(String));
  });

  it('drains a backlog without waiting a polling interval between jobs', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, (_, n) => queue.send('test-backlog', { n })));
    const patient = await startJobQueue({ database, log, pollingIntervalSeconds: 10 });
    try {
      const handled: string[] = [];
      const startedAt = Date.now();
      await patient.work('test-backlog', async ({ id }) => void handled.push(id));
      await vi.waitFor(() => expect(handled).toHaveLength(10), { timeout: 5_000, interval: 50 });
      expect(Date.now() - startedAt).toBeLessThan(5_000);
      expect(handled.sort()).toEqual([...ids].sort());
    } finally {
      await patient.stop();
    }
  });

  it('retries a throwing handler per retryLimit, then fails the job with the error', async () => {
    let attempts = 0;
    await queue.work('test-failing', async () => {
      attempts += 1;
      throw new Error(`boom ${attempts}`);
    });
    const id = await queue.send('test-failing', {}, { retryLimit: 1 });
    await waitForState(id!, 'failed');
    expect(attempts).toBe(2);
    expect(await jobRow(id!)).toMatchObject({ state: 'failed', retry_count: 1, output: { message: 'boom 2' } });
    expect(logged.filter((l) => l.msg === 'job failed').map((l) => l.obj)).toEqual([
      expect.objectContaining({ queue: 'test-failing', jobId: id, retryCount: 0 }),
      expect.objectContaining({ queue: 'test-failing', jobId: id, retryCount: 1 }),
    ]);
  });

  it('starts a job no earlier than startAfterSeconds', async () => {
    const started: number[] = [];
    await queue.work('test-later', async () => void started.push(Date.now()));
    const sentAt = Date.now();
    const id = await queue.send('test-later', {}, { startAfterSeconds: 1 });
    await waitForState(id!, 'completed');
    expect(started[0]! - sentAt).toBeGreaterThanOrEqual(900);
  });

  it('stop() aborts a running handler, waits for it, returns, and is idempotent', async () => {
    const stopping = await startJobQueue({ database, log, pollingIntervalSeconds: POLL });
    let running!: () => void;
    const isRunning = new Promise<void>((resolve) => (running = resolve));
    let finished = false;
    await stopping.work('test-stop', async ({ signal }) => {
      running();
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      await wait(100); // winding down takes a moment, and stop() waits for it
      finished = true;
      signal.throwIfAborted();
    });
    const id = await stopping.send('test-stop', {});
    await isRunning;

    const startedAt = Date.now();
    await Promise.all([stopping.stop(), stopping.stop()]);
    expect(finished).toBe(true);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    await stopping.stop();
    // The handler gave up by throwing, so the job waits for another worker.
    expect((await jobRow(id!))?.state).toBe('retry');
    await expect(stopping.send('test-stop', {})).rejects.toThrow();
  });

  it('stop() gives up on a handler that ignores its signal after stopTimeoutSeconds, failing its job', async () => {
    const stopping = await startJobQueue({ database, log, pollingIntervalSeconds: POLL, stopTimeoutSeconds: 1 });
    let running!: () => void;
    const isRunning = new Promise<void>((resolve) => (running = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await stopping.work('test-stuck', async () => {
      running();
      await released;
    });
    const id = await stopping.send('test-stuck', {}, { retryLimit: 0 });
    await isRunning;

    const startedAt = Date.now();
    await stopping.stop();
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(await jobRow(id!)).toMatchObject({ state: 'failed', output: { value: 'pg-boss shut down while active' } });
    release(); // the abandoned handler returning late must not disturb anything
    await wait(200);
  });

  it('registers a cron schedule, once per queue', async () => {
    await queue.schedule('test-scheduled', '*/5 * * * *', { tick: true });
    await queue.schedule('test-scheduled', '*/10 * * * *', { tick: true });
    const schedules = await queryRows<{ name: string; cron: string; timezone: string; data: object }>(
      database.db,
      sql`select name, cron, timezone, data from ${sql.identifier(JOB_QUEUE_SCHEMA)}.schedule where name = 'test-scheduled'`,
    );
    expect(schedules).toEqual([{ name: 'test-scheduled', cron: '*/10 * * * *', timezone: 'UTC', data: { tick: true } }]);
  });

  it.skipIf(engine !== 'postgres')('two processes working one queue handle 20 jobs exactly once in total', async () => {
    const other = await openDatabase({ engine: 'postgres', url: postgresUrl(database), poolSize: 2 }, { migrate: false });
    const queues = [queue, await startJobQueue({ database: other, log, pollingIntervalSeconds: POLL })];
    try {
      const handled = new Map<string, number[]>();
      for (const [worker, q] of queues.entries()) {
        await q.work<{ n: number }>(
          'test-shared',
          async ({ id }) => {
            await wait(50);
            handled.set(id, [...(handled.get(id) ?? []), worker]);
          },
          { concurrency: 2 },
        );
      }
      const ids = await Promise.all(Array.from({ length: 20 }, (_, n) => queues[n % 2]!.send('test-shared', { n })));
      await vi.waitFor(() => expect(handled.size).toBe(20), { timeout: 15_000, interval: 100 });
      await wait(POLL * 2 * 1000); // a duplicate would show up within a poll or two
      expect([...handled.keys()].sort()).toEqual([...ids].sort());
      expect([...handled.values()].every((by) => by.length === 1)).toBe(true);
      expect(new Set([...handled.values()].flat())).toEqual(new Set([0, 1]));
    } finally {
      await queues[1]!.stop();
      await other.close();
    }
  });

  it.skipIf(engine !== 'postgres')('outlives its connections being cut (a database restart): logs the errors and keeps working', async () => {
    const handled: number[] = [];
    await queue.work<{ n: number }>('test-restart', async ({ data }) => void handled.push(data.n));
    const cut = await queryRows<{ pid: number }>(
      database.db,
      sql`with jobs as materialized (select pid from pg_stat_activity where datname = current_database() and application_name = 'psalink-jobs')
          select pid from jobs where pg_terminate_backend(pid)`,
    );
    expect(cut.length).toBeGreaterThan(0);
    const pids = cut.map((c) => c.pid);
    await vi.waitFor(async () => expect(await queryRows(database.db, sql`select 1 from pg_stat_activity where pid::text = any(${textArray(pids.map(String))})`)).toEqual([]));
    await vi.waitFor(() => expect(logged.some((l) => l.level === 'error')).toBe(true));
    expect(logged.find((l) => l.level === 'error')).toMatchObject({ msg: 'job queue error', obj: { err: { code: '57P01' } } }); // admin_shutdown

    // A send may still meet a cut connection the pool has not noticed yet, as any pool query would; the next one works.
    await vi.waitFor(() => queue.send('test-restart', { n: 1 }), { timeout: 5_000, interval: 100 });
    await vi.waitFor(() => expect(handled).toEqual([1]), { timeout: 5_000, interval: 50 });
    await wait(200);
    logged.length = 0; // expected here, unlike in every other test
  });

  it.skipIf(engine !== 'postgres')('several processes starting at once on a database without the pg-boss schema all start', async () => {
    const empty = await freshDatabase('postgres');
    const databases = await Promise.all(
      Array.from({ length: 4 }, () => openDatabase({ engine: 'postgres', url: postgresUrl(empty), poolSize: 1 }, { migrate: false })),
    );
    try {
      const queues = await Promise.all(databases.map((d) => startJobQueue({ database: d, log, pollingIntervalSeconds: POLL })));
      const ids = await Promise.all(queues.map((q, n) => q.send('test-started', { n })));
      expect(ids.every((id) => typeof id === 'string')).toBe(true);
      // One of them created the schema; the others waited on pg-boss's advisory lock and found it there.
      const versions = await queryRows(databases[0]!.db, sql`select version from ${sql.identifier(JOB_QUEUE_SCHEMA)}.version`);
      expect(versions).toHaveLength(1);
      await Promise.all(queues.map((q) => q.stop()));
    } finally {
      await Promise.all(databases.map((d) => d.close()));
      await empty.destroy();
    }
  });
});
