import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/support/databases.js';
import { startTestApp, type TestApp, type TestUser } from '../../test/support/test-app.js';
import { buildOrganization, insertIntegration, type TrashWorld } from '../../test/support/trash.js';
import { previewDeletion } from './preview-deletion.js';

// The token is a digest of the rows, computed in SQL: it must notice an edit of any one row, whichever table.
describeEachEngine('deletion token', (engine) => {
  let t: TestApp;
  let admin: TestUser;
  let world: TrashWorld;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.createUser('Acme MSP', 'admin');
    world = await buildOrganization(t, admin, await insertIntegration(t, admin), 'Alpha', 'orphaned');
  });
  afterAll(() => t?.close());

  const token = async () => (await previewDeletion({ ctx: t.ctx, accountId: admin.accountId, kind: 'organization', ids: [world.org] })).confirmationToken;
  const later = sql`updated_at + interval '1 millisecond'`;

  it('stays the same while nothing changes', async () => {
    expect(await token()).toBe(await token());
  });

  const edits: [string, () => SQL][] = [
    ['the organization', () => sql`update organizations set updated_at = ${later} where id = ${world.org}`],
    ['a configuration', () => sql`update configurations set updated_at = ${later} where id = ${world.configs[1]}`],
    ['a contact', () => sql`update contacts set updated_at = ${later} where id = ${world.contact}`],
    ["a password's updated_at", () => sql`update passwords set updated_at = ${later} where id = ${world.passwords[1]}`],
    ['a document', () => sql`update documents set updated_at = ${later} where id = ${world.documents[0]}`],
    ["a link's state (updated_at unchanged)", () => sql`update psa_links set state = 'disabled' where record_id = ${world.org}`],
    ["a link's updated_at", () => sql`update psa_links set updated_at = ${later} where record_id = ${world.configs[0]}`],
    ['a document removed', () => sql`delete from documents where id = ${world.documents[1]}`],
    [
      'a password added',
      () => sql`insert into passwords (account_id, organization_id, name, secret_ciphertext) values (${admin.accountId}, ${world.org}, 'New', 'sealed')`,
    ],
  ];
  it.each(edits)('goes stale when %s changes', async (_, edit) => {
    const before = await token();
    await t.database.db.execute(edit());
    expect(await token()).not.toBe(before);
  });
});
