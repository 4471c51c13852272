import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createUser } from '../accounts/create-user.js';
import type { Db } from '../db/database.js';
import { accounts, configurations, contacts, documents, organizations, passwords } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import { ensureLookupValue } from '../lookups/lookup.routes.js';

export const DEMO_ACCOUNT = 'Demo MSP';
export const DEMO_EMAIL = 'admin@demo.psalink.test';

/**
 * On a first start with an empty database: a demo account, its admin, and a few local records so that a newcomer
 * sees a working app. Returns the credentials to print, or undefined when the database already has accounts.
 */
export async function seedDemoIfEmpty(ctx: AppContext, password = process.env.PSALINK_DEMO_PASSWORD) {
  // Several processes may start at once on one empty PostgreSQL: one seeds, the others wait on the lock and find it done.
  return ctx.database.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('psalink:demo-seed'))`);
    const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(accounts);
    if (count > 0) return undefined;
    const demoPassword = password ?? randomBytes(9).toString('base64url');
    const { account } = await createUser({ db: tx, accountName: DEMO_ACCOUNT, email: DEMO_EMAIL, password: demoPassword, role: 'admin', name: 'Demo Admin' });
    await seedRecords({ ...ctx, database: { ...ctx.database, db: tx } }, account.id);
    return { email: DEMO_EMAIL, password: demoPassword };
  });
}

async function seedRecords(ctx: AppContext, accountId: string) {
  const db = ctx.database.db;
  const lookup = (list: Parameters<typeof ensureLookupValue>[2], name: string) => ensureLookupValue(ctx, accountId, list, name);
  const customer = await lookup('organizationTypes', 'Customer');
  const active = await lookup('organizationStatuses', 'Active');
  const server = await lookup('configurationTypes', 'Managed Server');
  const workstation = await lookup('configurationTypes', 'Workstation');
  const firewall = await lookup('configurationTypes', 'Firewall');
  const inService = await lookup('configurationStatuses', 'Active');
  const primary = await lookup('contactTypes', 'Primary Contact');
  for (const [i, orgName] of ['Acme Dental Group', 'Northwind Logistics', 'Contoso Legal LLP'].entries()) {
    const [org] = await db
      .insert(organizations)
      .values({ accountId, name: orgName, organizationTypeId: customer, organizationStatusId: active, city: ['Denver', 'Leeds', 'Toronto'][i], phone: `+1 555 010${i}` })
      .returning({ id: organizations.id });
    const organizationId = org!.id;
    const slug = orgName.split(' ')[0]!.toUpperCase();
    const [dc] = await db
      .insert(configurations)
      .values([
        { accountId, organizationId, name: `${slug}-DC01`, configurationTypeId: server, configurationStatusId: inService, serialNumber: `SRV${1000 + i}`, operatingSystem: 'Windows Server 2022', ipAddress: `10.${i}.0.10`, manufacturer: 'Dell', model: 'PowerEdge R650' },
        { accountId, organizationId, name: `${slug}-FW01`, configurationTypeId: firewall, configurationStatusId: inService, serialNumber: `FW${2000 + i}`, ipAddress: `10.${i}.0.1`, manufacturer: 'Fortinet', model: 'FortiGate 60F' },
        { accountId, organizationId, name: `${slug}-WS014`, configurationTypeId: workstation, configurationStatusId: inService, serialNumber: `WS${3000 + i}`, operatingSystem: 'Windows 11 Pro', manufacturer: 'Lenovo', model: 'ThinkPad T14' },
      ])
      .returning({ id: configurations.id });
    await db.insert(contacts).values({ accountId, organizationId, firstName: ['Maria', 'James', 'Aiko'][i]!, lastName: ['Lopez', 'Carter', 'Tanaka'][i]!, title: 'Office Manager', contactTypeId: primary, email: `office@${slug.toLowerCase()}.example` });
    await db.insert(passwords).values({ accountId, organizationId, name: 'Domain admin', username: `${slug.toLowerCase()}\\administrator`, secretCiphertext: ctx.secretBox.encrypt(randomBytes(12).toString('base64url')), attachedToKind: 'configuration', attachedToId: dc!.id });
    await db.insert(documents).values({ accountId, organizationId, title: 'Backup procedure', bodyMarkdown: `# Backup procedure\n\n1. Nightly image of **${slug}-DC01** at 01:00.\n2. Weekly offsite copy.\n\n> Restore tests every quarter.` });
  }
}
