/**
 * Manage Data at scale, generated straight into a fresh database with set-based SQL (no sync, no simulator): one
 * account and integration, sync scopes, organizations, configurations and contacts with their PSA links in every
 * link state and orphan reason, and a password and a document on every orphaned configuration (what Delete All takes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createUser } from '../src/accounts/create-user.js';
import { openDatabase, queryRows, type Database } from '../src/db/database.js';
import { admin, dbUrl } from './scenarios/sync-databases.js';

export type BenchEngine = 'postgres' | 'pglite';

export const manageSizes: Record<string, { configurations: number; organizations: number }> = {
  small: { configurations: 10_000, organizations: 200 },
  medium: { configurations: 100_000, organizations: 2_000 },
  large: { configurations: 1_000_000, organizations: 20_000 },
};

export interface ManageFixture {
  engine: BenchEngine;
  database: Database;
  accountId: string;
  userId: string;
  integrationId: string;
  /** DATABASE_URL (PostgreSQL) or the PGlite data dir, for a server process once `database` is closed. */
  target: { engine: 'postgres'; url: string } | { engine: 'pglite'; dataDir: string };
  sizes: { configurations: number; organizations: number; contacts: number; orphanedConfigurations: number };
  close(): Promise<void>;
}

/** A valid version-4 UUID derived from the row number (the API's schemas check the version bits). */
const uid = (prefix: string, n: string) => `overlay(overlay(md5('${prefix}' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`;
const TYPES = 20;
const STATUSES = 5;
const words = (list: string) => `array[${list.split(',').map((w) => `'${w.trim()}'`).join(',')}]`;
// Names a person would search for: companies, and machines named by role, vendor and model.
const companyA = words('Acme,Northwind,Contoso,Globex,Initech,Umbrella,Stark,Wayne,Tyrell,Cyberdyne,Hooli,Vandelay,Soylent,Wonka,Gringotts,Oscorp,Pied Piper,Aperture,Black Mesa,Massive Dynamic');
const companyB = words('Dental,Logistics,Legal,Accounting,Realty,Clinic,Foods,Motors,Partners,Holdings,Labs,Media,Builders,Insurance,Travel');
const role = words('DESKTOP,LAPTOP,SRV,FW,SW,AP,NAS,PRN,VM,UPS');
const model = words('Dell OptiPlex 7090,HP EliteBook 840,Lenovo ThinkPad T14,Dell PowerEdge R740,FortiGate 60F,Cisco Catalyst 9200,Ubiquiti U6 Pro,Synology DS920,HP LaserJet M404,APC Smart-UPS 1500');
const typeNames = words('Workstation,Laptop,Server,Firewall,Switch,Access Point,NAS,Printer,Virtual Machine,UPS,Router,Phone,Tablet,Monitor,Docking Station,Storage Array,Hypervisor,Camera,License,Other');
const first = words('Anna,Ben,Carla,David,Emma,Felix,Grace,Hugo,Ines,Jonas,Kira,Liam,Mia,Noah,Olga,Paul');
const last = words('Smith,Jones,Miller,Garcia,Brown,Davis,Wilson,Moore,Taylor,Anderson,Thomas,Jackson');

/**
 * The link state of record i: 80% syncing, 10% orphaned (the four reasons in turn), 5% disabled, 5% error. Orphans
 * are every tenth record, so exactly a tenth of the configurations is what Delete All removes.
 */
const stateOf = (i: string) => `(case when ${i} % 10 = 0 then 'orphaned' when ${i} % 20 = 1 then 'disabled' when ${i} % 20 = 3 then 'error' else 'syncing' end)::link_state`;
const reasonOf = (i: string) => `(case when ${i} % 10 = 0 then (array['deleted_in_psa','inactive_in_psa','excluded_by_settings','parent_not_synced'])[1 + (${i} / 10) % 4] end)::orphan_reason`;

export async function createManageFixture(o: { scale: string; engine: BenchEngine; log?: (line: string) => void }): Promise<ManageFixture> {
  const size = manageSizes[o.scale];
  if (!size) throw new Error(`unknown scale ${o.scale}`);
  const name = `psalink_bench_manage_${o.scale}`;
  let target: ManageFixture['target'];
  let dataDir: string | undefined;
  if (o.engine === 'postgres') {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    target = { engine: 'postgres', url: dbUrl(name) };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psalink-bench-'));
    target = { engine: 'pglite', dataDir };
  }
  const database = await openDatabase(o.engine === 'postgres' ? { engine: 'postgres', url: dbUrl(name) } : { engine: 'pglite', dataDir: dataDir! }, { migrate: true });
  const run = (text: string) => database.db.execute(sql.raw(text));
  const started = performance.now();
  const { account, user } = await createUser({ db: database.db, accountName: 'Bench MSP', email: 'bench@bench.test', password: 'bench-password-1', role: 'admin' });
  const a = `'${account.id}'::uuid`;
  const [integration] = await queryRows<{ id: string }>(database.db, sql`
    insert into psa_integrations (account_id, provider, name, base_url, credentials_ciphertext)
    values (${account.id}, 'connectwise', 'Bench PSA', 'https://psa.bench.test', 'not-a-secret') returning id`);
  const it = `'${integration!.id}'::uuid`;
  const orgs = size.organizations;
  const configs = size.configurations;
  const contacts = orgs * 5;
  await run(`insert into sync_scopes (account_id, integration_id, kind, dimension, external_id, name)
    select ${a}, ${it}, k.kind::record_kind, 'type'::scope_dimension, t::text, case when k.kind = 'configuration' then (${typeNames})[t] else initcap(k.kind) || ' type ' || t end
    from (values ('organization'), ('configuration'), ('contact')) k(kind), generate_series(1, ${TYPES}) t
    union all
    select ${a}, ${it}, k.kind::record_kind, 'status'::scope_dimension, s::text, (array['Active','Inactive','Pending','Retired','On Hold'])[s]
    from (values ('organization'), ('configuration')) k(kind), generate_series(1, ${STATUSES}) s`);
  // Ids derive from the row number, so that children find their parents without a lookup.
  await run(`insert into organizations (id, account_id, name, city)
    select ${uid('org', 'i')}, ${a}, (${companyA})[1 + i % 20] || ' ' || (${companyB})[1 + (i / 20) % 15] || ' ' || i, 'Springfield'
    from generate_series(1, ${orgs}) i`);
  await run(`insert into configurations (id, account_id, organization_id, name, serial_number, hostname, manufacturer, model)
    select ${uid('cfg', 'i')}, ${a}, ${uid('org', `(1 + i % ${orgs})`)},
      (${role})[1 + i % 10] || '-' || lpad(i::text, 7, '0') || ' ' || (${model})[1 + (i / 10) % 10],
      'SN' || lpad(i::text, 9, '0'), lower((${role})[1 + i % 10]) || '-' || i, split_part((${model})[1 + (i / 10) % 10], ' ', 1), (${model})[1 + (i / 10) % 10]
    from generate_series(1, ${configs}) i`);
  await run(`insert into contacts (id, account_id, organization_id, first_name, last_name, email)
    select ${uid('con', 'i')}, ${a}, ${uid('org', `(1 + i % ${orgs})`)}, (${first})[1 + i % 16], (${last})[1 + (i / 16) % 12] || ' ' || i, 'person' || i || '@example.test'
    from generate_series(1, ${contacts}) i`);
  const links = (kind: string, prefix: string, count: number, withStatus: boolean) =>
    run(`insert into psa_links (account_id, integration_id, kind, external_id, record_id, state, orphan_reason, orphaned_at, psa_type_id, psa_status_id,
        psa_parent_id, last_synced_at, last_error_code, last_error_message, last_error_at)
      select ${a}, ${it}, '${kind}'::record_kind, (${kind === 'organization' ? 0 : kind === 'configuration' ? 10_000_000 : 20_000_000} + i)::text, ${uid(prefix, 'i')},
        ${stateOf('i')}, ${reasonOf('i')}, case when i % 10 = 0 then now() - make_interval(mins => i % 525600) end,
        (1 + i % ${TYPES})::text, ${withStatus ? `(1 + (i / ${TYPES}) % ${STATUSES})::text` : 'null'},
        ${kind === 'organization' ? 'null' : `(1 + i % ${orgs})::text`}, now() - make_interval(mins => i % 10080),
        case when i % 20 = 3 then 'validation_failed' end, case when i % 20 = 3 then 'Name is too long' end, case when i % 20 = 3 then now() end
      from generate_series(1, ${count}) i`);
  await links('organization', 'org', orgs, true);
  await links('configuration', 'cfg', configs, true);
  await links('contact', 'con', contacts, false);
  // What a bad Delete All would lose: local-only data hanging off every orphaned configuration.
  await run(`insert into passwords (account_id, organization_id, attached_to_kind, attached_to_id, name, username, secret_ciphertext)
    select ${a}, ${uid('org', `(1 + i % ${orgs})`)}, 'configuration'::attachment_kind, ${uid('cfg', 'i')}, 'Local admin ' || i, 'administrator', 'bench-ciphertext'
    from generate_series(10, ${configs}, 10) i`);
  await run(`insert into documents (account_id, organization_id, attached_to_kind, attached_to_id, title, body_markdown)
    select ${a}, ${uid('org', `(1 + i % ${orgs})`)}, 'configuration'::attachment_kind, ${uid('cfg', 'i')}, 'Runbook ' || i, '# Runbook' || chr(10) || 'Restart the service.'
    from generate_series(10, ${configs}, 10) i`);
  await run('analyze');
  o.log?.(`generated ${o.scale} Manage Data fixture on ${o.engine} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    engine: o.engine,
    database,
    accountId: account.id,
    userId: user.id,
    integrationId: integration!.id,
    target,
    sizes: { configurations: configs, organizations: orgs, contacts, orphanedConfigurations: Math.floor(configs / 10) },
    close: async () => {
      await database.close();
      if (o.engine === 'postgres') await admin(`drop database if exists ${name} with (force)`).catch(() => {});
      else fs.rmSync(dataDir!, { recursive: true, force: true });
    },
  };
}
