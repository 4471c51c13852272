import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/db/database.js';
import type { RunningSimulator } from '../../src/simulators/server.js';
import { runCli } from '../support/cli.js';
import { expectNoSecrets, secretValues, startSmallSimulator } from '../support/integrations.js';

describe('psalink integration add / settings on a PGlite data folder', () => {
  let sim: RunningSimulator;
  let env: Record<string, string>;
  let secrets: string[];
  const outputs: string[] = [];
  const psalink = async (...args: string[]) => {
    const result = await runCli(args, env);
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    sim = await startSmallSimulator();
    secrets = secretValues(sim.credentials);
    env = { PSALINK_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'psalink-integration-cli-')) };
    const created = await psalink('user', 'create', '--account', 'Acme MSP', '--email', 'admin@acme.test', '--password', 'long-enough-pw', '--role', 'admin');
    expect(created.code).toBe(0);
  });
  afterAll(async () => {
    await sim?.close();
    if (env) fs.rmSync(env.PSALINK_DATA_DIR!, { recursive: true, force: true });
  });

  it('adds the integration with the credentials exactly as the simulator prints them, every scope enabled', async () => {
    const wrong = await psalink(
      'integration', 'add', '--account', 'Acme MSP', '--provider', 'connectwise', '--base-url', sim.baseUrl,
      '--credentials', JSON.stringify({ ...sim.credentials, privateKey: 'WrongPrivateKey9' }),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/refused the API keys.*\(psa_error\)/);
    expect(wrong.stderr).not.toContain('WrongPrivateKey9');

    const printed = JSON.stringify(sim.credentials);
    const added = await psalink('integration', 'add', '--account', 'acme msp', '--provider', 'connectwise', '--base-url', sim.baseUrl, '--credentials', printed);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added ConnectWise PSA integration "ConnectWise PSA" to account "Acme MSP" \(id [0-9a-f-]{36}\)\./);
    expect(added.stdout).toMatch(/\(all enabled\)/);
    expect(added.stdout).toMatch(/configuration types \(13\): Firewall, Laptop, Managed Server, /);
    expect(added.stdout).toMatch(/contact types \(5\): /);
  });

  it('changes the settings and which types and statuses sync, printing the resulting scopes', async () => {
    const changed = await psalink(
      'integration', 'settings', '--account', 'Acme MSP', '--schedule-minutes', '30', '--contacts', 'off',
      '--exclude-type', 'configuration:printer', '--exclude-type', 'configurations:Mobile Device', '--exclude-status', 'organization:Inactive',
    );
    expect(changed.stderr).toBe('');
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/sync every 30 minutes, contacts off/);
    expect(changed.stdout).toMatch(/Changed: configuration type "Printer" is now excluded\./);
    expect(changed.stdout).toMatch(/\[ \] Printer \(excluded\)/);
    expect(changed.stdout).toMatch(/\[ \] Mobile Device \(excluded\)/);
    expect(changed.stdout).toMatch(/\[x\] Server\n/);
    expect(changed.stdout).toMatch(/organization statuses:\n(.*\n)*  \[ \] Inactive \(excluded\)/);

    const enabled = await psalink('integration', 'settings', '--account', 'Acme MSP', '--enable-type', 'configuration:Printer');
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toMatch(/sync every 30 minutes, contacts off/);
    expect(enabled.stdout).toMatch(/\[x\] Printer\n/);
    expect(enabled.stdout).toMatch(/\[ \] Mobile Device \(excluded\)/);
  });

  it('explains bad input, exits 1 and changes nothing', async () => {
    // The JSON is checked before the data folder is opened, so both can run at once.
    const [unknownName, badJson] = await Promise.all([
      psalink('integration', 'settings', '--account', 'Acme MSP', '--schedule-minutes', '45', '--exclude-type', 'configuration:Toaster'),
      psalink('integration', 'add', '--account', 'Acme MSP', '--provider', 'halo', '--base-url', sim.baseUrl, '--credentials', '{nope'),
    ]);
    expect(unknownName.code).toBe(1);
    expect(unknownName.stderr).toMatch(/no configuration type named "Toaster"\. Known: Firewall, .*\(not_found\)/);
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toMatch(/--credentials must be a JSON object/);

    // Nothing changed, and the credentials are stored only encrypted.
    const database = await openDatabase({ engine: 'pglite', dataDir: env.PSALINK_DATA_DIR });
    try {
      const rows = await queryRows<Record<string, unknown>>(database.db, sql`select * from psa_integrations`);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.settings).toMatchObject({ scheduleMinutes: 30, contactsEnabled: false });
      expectNoSecrets(rows, secrets);
    } finally {
      await database.close();
    }
    expectNoSecrets(outputs.join('\n'), secrets);
  });

  it('syncs from the CLI: one JSON object with status and counts, and a second run changes nothing', async () => {
    const first = await psalink('sync', '--account', 'Acme MSP', '--json');
    expect(first.code, first.stderr).toBe(0);
    const run = JSON.parse(first.stdout) as { status: string; counts: Record<string, number> };
    expect(run.status).toBe('succeeded');
    for (const key of ['created', 'updated', 'unchanged', 'linked', 'orphaned', 'healed', 'errors', 'skipped']) expect(run.counts).toHaveProperty(key);
    expect(run.counts.created).toBeGreaterThan(0);

    const second = await psalink('sync', '--account', 'Acme MSP', '--json', '--full');
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'succeeded', full: true, counts: { created: 0, updated: 0, linked: 0, orphaned: 0, errors: 0 } });

    const readable = await psalink('sync', '--account', 'Acme MSP');
    expect(readable.stdout).toMatch(/^Sync succeeded in [\d.]+ s\.\n  created 0, updated 0, unchanged \d+/);
    const unknown = await psalink('sync', '--account', 'Nobody MSP');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No account is named "Nobody MSP"/);
    expectNoSecrets(outputs.join('\n'), secrets);
  });
});
