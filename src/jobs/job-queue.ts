import { randomUUID } from 'node:crypto';
import { PgBoss, fromPglite, type ConstructorOptions } from 'pg-boss';
import type { Database } from '../db/database.js';

export interface JobContext<T> {
  id: string;
  data: T;
  /** Aborts when the queue stops (and when pg-boss gives up on the job). A handler that bails out should throw. */
  signal: AbortSignal;
}

export interface SendOptions {
  /** At most one job per key is queued or active (retries included); a second send is refused with null. */
  singletonKey?: string;
  startAfterSeconds?: number;
  /** Retries after the first attempt fails (default 2); then the job is `failed`. */
  retryLimit?: number;
}

export interface WorkOptions {
  /** Jobs of this queue handled at once by this process (default 1). */
  concurrency?: number;
  /** Overrides the queue's default polling interval for this worker. */
  pollingIntervalSeconds?: number;
}

export interface JobQueue {
  /** Enqueue; with singletonKey, at most one job per key is queued-or-active (returns null when one already is). */
  send<T extends object>(queue: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Handle jobs of a queue in this process (concurrency default 1). Creates the queue if needed. */
  work<T extends object>(queue: string, handler: (job: JobContext<T>) => Promise<void>, options?: WorkOptions): Promise<void>;
  /** A cron schedule (UTC): one job per tick across all processes. Scheduling the same queue again replaces it. */
  schedule(queue: string, cron: string, data?: object): Promise<void>;
  /** Stops polling, aborts running handlers' signals, waits for them (bounded), then closes pg-boss. Idempotent. */
  stop(): Promise<void>;
}

/** What the queue logs through: a pino or Fastify logger fits. */
export interface JobQueueLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface StartJobQueueOptions {
  database: Database;
  log?: JobQueueLogger;
  /** How often an idle worker looks for jobs (default 2 s; pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How long stop() waits for aborted handlers before it fails their jobs and closes anyway (default 10 s, at least 1). */
  stopTimeoutSeconds?: number;
}

/** pg-boss's tables live in this schema of psalink's database, created (and upgraded) by pg-boss itself at start. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

/**
 * Every queue is created with pg-boss's `exclusive` policy: a unique index allows one queued-or-active job per
 * singletonKey, which is what `send({ singletonKey })` promises. The policy counts jobs without a key as one key too,
 * so send() gives a keyless job its own id as key.
 */
const QUEUE_POLICY = 'exclusive';
/**
 * How long a handler may run before pg-boss fails its job and aborts its signal. A sync of a rate-limited PSA can take
 * hours; a worker that died is found by the heartbeat instead, within about a minute.
 */
const JOB_TIMEOUT_SECONDS = 12 * 3600;
const HEARTBEAT_SECONDS = 30;

const silent: JobQueueLogger = { warn: () => {}, error: () => {} };

/**
 * Starts pg-boss on psalink's database. On PostgreSQL pg-boss opens its own small pool to the same database (its
 * schema creation and upgrades queue on an advisory lock, so processes may start at once); on PGlite it goes
 * through the same instance. The caller keeps owning `database`: stop() the queue before closing it.
 *
 * On PGlite, never call send() inside a `db.transaction()`: the transaction holds the only connection, and the send
 * would wait for it forever.
 */
export async function startJobQueue(options: StartJobQueueOptions): Promise<JobQueue> {
  const log = options.log ?? silent;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const stopTimeoutMs = Math.max(1, options.stopTimeoutSeconds ?? 10) * 1000;

  const boss = new PgBoss({ ...connectionOptions(options.database), schema: JOB_QUEUE_SCHEMA });
  // Without listeners, an `error` event would throw out of pg-boss's timers and end the process; a database that is
  // briefly unreachable is pg-boss's to retry and ours to report.
  boss.on('error', (err) => log.error({ err: loggable(err) }, 'job queue error'));
  boss.on('warning', (warning) => log.warn({ data: warning.data }, `job queue: ${warning.message}`));
  await boss.start();

  const stopping = new AbortController();
  const workedQueues = new Set<string>();
  const queuesReady = new Map<string, Promise<void>>();

  const ensureQueue = (queue: string) => {
    if (stopping.signal.aborted) return Promise.reject(new Error('the job queue is stopped'));
    let ready = queuesReady.get(queue);
    if (!ready) {
      ready = createQueue(boss, queue);
      ready.catch(() => queuesReady.delete(queue)); // the next call tries again
      queuesReady.set(queue, ready);
    }
    return ready;
  };

  let stopped: Promise<void> | undefined;
  return {
    async send(queue, data, o = {}) {
      await ensureQueue(queue);
      const id = randomUUID();
      return boss.send(queue, data, {
        id,
        singletonKey: o.singletonKey ?? id,
        ...(o.startAfterSeconds !== undefined && { startAfter: o.startAfterSeconds }),
        ...(o.retryLimit !== undefined && { retryLimit: o.retryLimit }),
      });
    },

    async work<T extends object>(queue: string, handler: (job: JobContext<T>) => Promise<void>, o: WorkOptions = {}) {
      await ensureQueue(queue);
      workedQueues.add(queue);
      // pg-boss waits a polling interval after every job; waking the workers when one ends drains a backlog at once
      // and leaves the interval to idle workers.
      const workerIds: string[] = [];
      const workId = await boss.work<T>(
        queue,
        { localConcurrency: o.concurrency ?? 1, pollingIntervalSeconds: o.pollingIntervalSeconds ?? pollingIntervalSeconds },
        async ([job]) => {
          if (!job) return;
          try {
            await handler({ id: job.id, data: job.data, signal: AbortSignal.any([stopping.signal, job.signal]) });
          } catch (err) {
            log.warn({ err: loggable(err), queue, jobId: job.id, retryCount: job.retryCount }, 'job failed');
            throw err;
          } finally {
            if (!stopping.signal.aborted) for (const id of workerIds) boss.notifyWorker(id);
          }
        },
      );
      workerIds.push(...boss.getWipData().filter((worker) => worker.workId === workId).map((worker) => worker.id));
    },

    async schedule(queue, cron, data) {
      await ensureQueue(queue);
      await boss.schedule(queue, cron, data ?? null, { tz: 'UTC' });
    },

    stop() {
      return (stopped ??= (async () => {
        // No new jobs first, so that nothing starts with an aborted signal; then the handlers in flight learn of the stop.
        await Promise.allSettled([...workedQueues].map((queue) => boss.offWork(queue, { wait: false })));
        stopping.abort(new Error('the job queue is stopping'));
        // Graceful: waits for the handlers up to the timeout, then fails the jobs still active (they are retried per
        // their retryLimit) and closes pg-boss's own pool (a PGlite instance stays open: it belongs to the caller).
        await boss.stop({ graceful: true, timeout: stopTimeoutMs });
      })());
    },
  };
}

function connectionOptions(database: Database): ConstructorOptions {
  const connection = database.connection;
  if (connection.engine === 'pglite') return { db: fromPglite(connection.client), backend: 'pglite' };
  return { connectionString: connection.url, application_name: 'psalink-jobs', max: 5 };
}

async function createQueue(boss: PgBoss, queue: string) {
  // Idempotent, and serialised by pg-boss across processes.
  await boss.createQueue(queue, { policy: QUEUE_POLICY, expireInSeconds: JOB_TIMEOUT_SECONDS, heartbeatSeconds: HEARTBEAT_SECONDS });
  const existing = await boss.getQueue(queue);
  if (existing?.policy !== QUEUE_POLICY) {
    throw new Error(`job queue ${queue} exists with pg-boss policy ${existing?.policy}, not ${QUEUE_POLICY}: singleton keys would not hold`);
  }
}

/**
 * The parts of an error worth a log line. pg-boss hands some errors over as plain copies, and node-postgres errors
 * can carry their whole client, which a logger would serialise property by property.
 */
function loggable(err: unknown) {
  if (typeof err !== 'object' || err === null) return { message: String(err) };
  const { name, message, code, queue, worker, stack } = err as Record<string, unknown>;
  return { name, message, code, queue, worker, stack };
}
