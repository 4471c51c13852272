import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../accounts/create-user.js';
import { queryRows } from '../db/database.js';
import { JOB_QUEUE_SCHEMA, startJobQueue, type JobQueue } from '../jobs/job-queue.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { startTrashJobs, TRASH_PURGE_QUEUE } from './trash-jobs.js';

describeEachEngine('trash jobs', (engine) => {
  let database: TestDatabase;
  let queue: JobQueue;
  beforeAll(async () => {
    database = await freshDatabase(engine);
    queue = await startJobQueue({ database, pollingIntervalSeconds: 0.5, stopTimeoutSeconds: 2 });
    await startTrashJobs({ ctx: { database }, queue, log: { info: () => {} } });
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.destroy();
  });

  it('schedules the purge daily and purges expired batches when the job runs', async () => {
    const schedules = await queryRows<{ name: string; cron: string; timezone: string }>(
      database.db,
      sql`select name, cron, timezone from ${sql.identifier(JOB_QUEUE_SCHEMA)}.schedule where name = ${TRASH_PURGE_QUEUE}`,
    );
    expect(schedules).toEqual([{ name: TRASH_PURGE_QUEUE, cron: '15 3 * * *', timezone: 'UTC' }]);

    const { account } = await createUser({ db: database.db, accountName: 'Acme', email: 'a@acme.test', password: 'pw-long-enough-1', role: 'admin' });
    const [batch] = await queryRows<{ id: string }>(database.db, sql`
      insert into trash_batches (account_id, actor_type, actor_label, action, expires_at)
      values (${account.id}, 'system', 'test', 'records.deleted', now() - interval '1 day') returning id`);
    await queue.send(TRASH_PURGE_QUEUE, {});
    const deadline = Date.now() + 15_000;
    let purgedAt: string | null = null;
    while (!purgedAt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      purgedAt = (await queryRows<{ purged_at: string | null }>(database.db, sql`select purged_at from trash_batches where id = ${batch!.id}`))[0]!.purged_at;
    }
    expect(purgedAt).not.toBeNull();
  });
});
