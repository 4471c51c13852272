import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { emptyPostgresDatabase } from '../support/databases.js';
import { cli, exitOf, runCli, waitForOutput } from '../support/cli.js';

const tempDirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psalink-cli-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('psalink serve on PGlite', () => {
  it('seeds the demo on first start, holds the data folder, and shuts down cleanly on SIGTERM', async () => {
    const env = { PSALINK_DATA_DIR: tempDir(), PORT: '0', HOST: '127.0.0.1', PSALINK_DEMO_PASSWORD: 'demo-password-123' };
    const server = cli(['serve'], env);
    const output = await waitForOutput(server, /sign in at .* as (\S+) with password/);
    const url = /running at (http:\/\/\S+)/.exec(output)![1]!;
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok' });
    const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.psalink.test', password: 'demo-password-123' }),
    });
    expect(signIn.status).toBe(200);

    const second = await runCli(['serve'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Another psalink process is using the data folder.*data_dir_locked/);

    server.kill('SIGTERM');
    expect(await exitOf(server)).toBe(0);
    expect(fs.existsSync(path.join(env.PSALINK_DATA_DIR, 'psalink.lock'))).toBe(false);

    // A restart keeps the data and does not seed again.
    const again = cli(['serve'], env);
    const restarted = await waitForOutput(again, /psalink is running at/);
    expect(restarted).not.toMatch(/First start/);
    again.kill('SIGINT');
    expect(await exitOf(again)).toBe(0);
  });

  it('creates users and API keys from the CLI, with clear errors for bad input', async () => {
    const env = { PSALINK_DATA_DIR: tempDir() };
    const created = await runCli(['user', 'create', '--account', 'Acme MSP', '--email', 'tech@acme.test', '--password', 'long-enough-pw', '--role', 'editor'], env);
    expect(created.stdout).toMatch(/Created editor tech@acme.test in account "Acme MSP"/);
    const key = await runCli(['api-key', 'create', '--email', 'tech@acme.test'], env);
    expect(key.stdout.trim()).toMatch(/^psl_[\w-]{40,}$/);
    const duplicate = await runCli(['user', 'create', '--account', 'Acme MSP', '--email', 'TECH@acme.test', '--password', 'long-enough-pw'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists\. \(already_exists\)/);
    const badRole = await runCli(['user', 'create', '--account', 'A', '--email', 'x@y.test', '--password', 'long-enough-pw', '--role', 'god'], env);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/Allowed choices are readonly, editor, manager, admin/);
    const shortPassword = await runCli(['user', 'create', '--account', 'A', '--email', 'x@y.test', '--password', 'short'], env);
    expect(shortPassword.stderr).toMatch(/at least 10 characters/);
    const unknown = await runCli(['api-key', 'create', '--email', 'nobody@acme.test'], env);
    expect(unknown.stderr).toMatch(/No user has the email/);
  });
});

describe.skipIf(!inject('postgresAvailable'))('psalink on PostgreSQL', () => {
  it('migrates, and the CLI works while a server runs on the same database', async () => {
    const { url: DATABASE_URL, drop } = await emptyPostgresDatabase();
    const env = { DATABASE_URL, PSALINK_DATA_DIR: tempDir(), PORT: '0', HOST: '127.0.0.1', PSALINK_DEMO_PASSWORD: 'demo-password-123' };
    try {
      expect((await runCli(['migrate'], env)).stdout).toMatch(/up to date/);
      const server = cli(['serve'], env);
      const output = await waitForOutput(server, /sign in at/);
      const url = /running at (http:\/\/\S+)/.exec(output)![1]!;
      expect(output).toMatch(/\(PostgreSQL\)/);
      await runCli(['user', 'create', '--account', 'Demo MSP', '--email', 'ops@demo.test', '--password', 'long-enough-pw', '--role', 'readonly'], env);
      const key = (await runCli(['api-key', 'create', '--email', 'ops@demo.test'], env)).stdout.trim();
      const orgs = await fetch(`${url}/api/v1/organizations?limit=100`, { headers: { authorization: `Bearer ${key}` } });
      const names = ((await orgs.json()) as { items: { name: string }[] }).items.map((o) => o.name);
      // The three local demo organizations, and the demo PSA's companies synced next to them.
      expect(names).toEqual(expect.arrayContaining(['Acme Dental Group', 'Northwind Logistics', 'Contoso Legal LLP']));
      expect(names.length).toBeGreaterThan(3);

      // A sync from the CLI while the server runs: the server's demo run is done, this one finds nothing new.
      const sync = await runCli(['sync', '--account', 'Demo MSP', '--json'], env);
      expect(sync.code, sync.stderr).toBe(0);
      const result = JSON.parse(sync.stdout) as { status: string; counts: Record<string, number> };
      expect(result.status).toBe('partial'); // the demo keeps two configurations with invalid PSA data
      expect(result.counts).toMatchObject({ created: 0, linked: 0, orphaned: 0, errors: 2 });
      server.kill('SIGTERM');
      expect(await exitOf(server)).toBe(0);
    } finally {
      await drop();
    }
  });
});
