import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, startPsalink, stopProcess, waitForHealth } from './support/harness.js';

/*
 * Account → Integrations in a real browser: `psalink serve` without its demo PSA (PSALINK_DEMO_PSA=off) on a fresh
 * PGlite data dir, and a simulated ConnectWise PSA (`psalink sim`) to connect to. The steps build on each other:
 * connect, choose what syncs, review matches, sync with live progress, read the history and the error inbox, change
 * the settings again, remove. Run `npm run build` first; screenshots land in test-results/.
 */
const DEMO_EMAIL = 'admin@demo.psalink.test';
const DEMO_PASSWORD = 'e2e-demo-password-1234';
const SHOTS = path.resolve('test-results');
const LONG_NAME = 'Unnamed device with a label pasted from a spreadsheet '.repeat(6).trim();

interface Sim {
  psa: string;
  baseUrl: string;
  credentials: Record<string, string>;
  controlUrl: string;
}

const processes: ChildProcess[] = [];
let dataDir = '';
let baseUrl = '';
let sim: Sim;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

function start(args: string[], env: Record<string, string> = {}) {
  const started = startPsalink(args, env);
  processes.push(started.child);
  return started;
}

/** The simulator announces itself with one JSON line on stdout. */
function startSimulator(): Promise<Sim> {
  const { child } = start(['sim', 'connectwise', '--scale', 'small', '--port', '0']);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`psalink sim printed nothing usable:\n${out}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Sim);
      }
    });
    child.once('exit', (code) => reject(new Error(`psalink sim exited with ${code}:\n${out}`)));
  });
}

/** Changes the simulated PSA's data or faults through its control API. */
async function control(method: string, route: string, body?: unknown) {
  const response = await fetch(`${sim.controlUrl}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${route}: ${response.status} ${await response.clone().text()}`).toBe(true);
}

/** The psalink API as the signed-in browser user (for setup and checks, not for the steps under test). */
async function apiCall(method: 'GET' | 'POST', route: string, data?: unknown) {
  const { csrfToken } = (await (await context.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const response = await context.request.fetch(`/api/v1${route}`, { method, headers: { 'x-csrf-token': csrfToken }, ...(data === undefined ? {} : { data }) });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

const shot = (name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
const tab = (name: string) => page.getByRole('navigation', { name: 'Integration sections' }).getByRole('link', { name, exact: true });

beforeAll(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'psalink-e2e-integrations-'));
  sim = await startSimulator();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const server = start(['serve'], { PSALINK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PSALINK_DEMO_PASSWORD: DEMO_PASSWORD, PSALINK_DEMO_PSA: 'off' });
  await waitForHealth(baseUrl, server, 45_000);
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The browser logs every non-2xx response; the only one this flow provokes is 401 (signed out).
    if (message.type() === 'error' && !/status of 401\b/.test(message.text())) pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  for (const child of processes.reverse()) await stopProcess(child);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('integrations', () => {
  it('signs in as the demo admin and offers to connect a PSA', async () => {
    await page.goto('/account/integrations');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account\/integrations$/);
    await page.getByRole('heading', { name: 'Connect your PSA' }).waitFor();
    for (const psa of ['ConnectWise PSA', 'Autotask', 'HaloPSA']) expect(await page.getByRole('radio', { name: new RegExp(psa) }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: /ConnectWise PSA/ }).isChecked()).toBe(true);
    await shot('20-integrations-connect');
  });

  it('checks the credentials JSON before sending it', async () => {
    await page.getByLabel('PSA API URL').fill(sim.baseUrl);
    await page.getByLabel('Credentials JSON').fill('{"companyId": "psalink", "publicKey": 42');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/This is not valid JSON/).waitFor();
    expect(await page.getByLabel('Credentials JSON').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Credentials JSON').fill('{"companyId": "psalink", "publicKey": 42}');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/Every value must be text/).waitFor();
    await shot('20b-integrations-connect-invalid-json');
  });

  it('tests the connection, then connects', async () => {
    await page.getByLabel('Credentials JSON').fill(JSON.stringify(sim.credentials, null, 2));
    // The named fields follow the JSON.
    expect(await page.getByLabel('Company ID').inputValue()).toBe(sim.credentials.companyId);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connection works').waitFor();
    await shot('21-integrations-test-ok');

    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('navigation', { name: 'Integration sections' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Connection', exact: true }).waitFor();
    expect(await page.getByRole('list', { name: 'Saved credentials' }).getByText('privateKey').isVisible()).toBe(true);
    expect(await page.getByText(sim.credentials.privateKey!).count()).toBe(0);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connection works').waitFor();
    await shot('22-integrations-overview');
  });

  it('excludes a configuration type after previewing what it does', async () => {
    await tab('Sync settings').click();
    const types = page.getByRole('group', { name: 'Configuration types' });
    await types.waitFor();
    await shot('23-integrations-settings');
    await shot('23b-integrations-settings-full', true);

    await types.getByRole('checkbox', { name: 'Printer' }).uncheck();
    await page.getByText('will stop').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply these sync settings?' });
    await dialog.waitFor();
    await dialog.getByText('Configuration type “Printer” stops syncing.').waitFor();
    await dialog.getByText('At the next sync').waitFor();
    await shot('24-integrations-settings-preview');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Saved. The next sync applies the new settings.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await types.getByRole('checkbox', { name: 'Printer' }).isChecked()).toBe(false);

    const { body } = await apiCall('GET', '/integrations');
    const integration = (body.items as { scopes: { configuration: { type: { name: string; state: string }[] } } }[])[0]!;
    expect(integration.scopes.configuration.type.find((s) => s.name === 'Printer')?.state).toBe('excluded');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Nothing to save').waitFor();
  });

  it('reviews matches before the first sync', async () => {
    // PSA companies that meet records already in psalink: one exact, one normalized, one ambiguous.
    await control('PATCH', '/records/companies/4', { name: 'Acme Dental Group', typeIds: [1], statusId: 1 });
    await control('PATCH', '/records/companies/5', { name: 'Northwind Logistics Inc.', typeIds: [1], statusId: 1 });
    await control('PATCH', '/records/companies/6', { name: 'Quahog Veterinary Hospital', typeIds: [1], statusId: 1 });
    for (let i = 0; i < 2; i++) expect((await apiCall('POST', '/organizations', { name: 'Quahog Veterinary Hospital' })).status).toBe(201);

    await tab('Match review').click();
    await page.getByText('Before creating anything').waitFor();
    await page.getByRole('button', { name: 'Read companies from the PSA' }).click();
    const table = page.getByRole('table', { name: 'Match review' });
    await table.waitFor({ timeout: 30_000 });
    // The row of a PSA record: its name is in the first cell (local record names appear in other cells too).
    const row = (name: string) => table.locator('tbody tr').filter({ has: page.locator('td:first-child').getByText(name, { exact: true }) });
    await row('Acme Dental Group').getByText('Exact match').waitFor();
    await row('Northwind Logistics Inc.').getByText('Normalized match').waitFor();
    await row('Quahog Veterinary Hospital').getByText('Needs decision').waitFor();
    await shot('25-integrations-matches');

    // The generated PSA data may hold more names that meet the demo's organizations; at least these two are exact.
    const acceptAll = page.getByRole('button', { name: /^Accept all exact matches \(\d+\)$/ });
    const acceptable = Number((await acceptAll.textContent())!.match(/\((\d+)\)/)![1]);
    expect(acceptable).toBeGreaterThanOrEqual(2);
    await acceptAll.click();
    await page.getByText(`Accepted ${acceptable} matches.`).waitFor();

    await row('Quahog Veterinary Hospital').getByRole('button', { name: 'Link Quahog Veterinary Hospital to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link “Quahog Veterinary Hospital” to…' });
    await dialog.waitFor();
    await dialog.getByRole('radio').first().check();
    await shot('26-integrations-match-link');
    await dialog.getByRole('button', { name: 'Link', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'All', exact: true }).click();
    await row('Quahog Veterinary Hospital').getByText('Link to Quahog Veterinary Hospital').waitFor();
    await row('Acme Dental Group').getByText('Link to Acme Dental Group').waitFor();
    await shot('27-integrations-matches-decided');
  });

  it('syncs now with live progress, then shows the result', async () => {
    // One PSA configuration psalink cannot keep (its name is too long), for the error inbox; slow pages keep the run
    // going long enough to watch.
    await control('PATCH', '/records/configurations/1', { companyId: 4, name: LONG_NAME });
    await control('POST', '/faults', { kind: 'slow', path: 'configurations', delayMs: 700, times: 6 });

    await tab('Overview').click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    const panel = page.locator('.run-panel');
    await panel.getByRole('heading', { name: /Sync (queued|running)/ }).waitFor();
    await panel.getByRole('progressbar', { name: /Configurations/ }).waitFor();
    await panel.getByRole('heading', { name: /Sync running/ }).waitFor({ timeout: 20_000 });
    // Organizations come first; configurations are held up by the slow pages.
    await panel.getByRole('progressbar', { name: 'Organizations: Done' }).waitFor({ timeout: 20_000 });
    await shot('28-integrations-sync-running');

    await panel.getByRole('heading', { name: /Sync (finished|failed|cancelled)/ }).waitFor({ timeout: 60_000 });
    expect(await panel.getByText('Partial', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('heading', { name: 'Last sync' }).waitFor();
    await shot('29-integrations-sync-done');
    await control('DELETE', '/faults');
  });

  it('lists the run in the history and opens its details', async () => {
    await tab('Run history').click();
    const table = page.getByRole('table', { name: 'Sync runs' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    await table.getByText('Partial', { exact: true }).waitFor();
    await shot('30-integrations-run-history');

    await table.locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/account\/integrations\/runs\/[0-9a-f-]+$/);
    await page.getByRole('heading', { name: 'Orphaned by reason' }).waitFor();
    await page.getByRole('table', { name: 'Run issues' }).getByText(LONG_NAME).waitFor();
    await shot('31-integrations-run-detail');
    await shot('31b-integrations-run-detail-full', true);
  });

  it('shows the error in the inbox and retries it', async () => {
    await tab('Error inbox').click();
    const table = page.getByRole('table', { name: 'Sync errors' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: LONG_NAME });
    await row.getByText(/psalink keeps at most 255/).waitFor();
    await shot('32-integrations-error-inbox');

    await row.getByRole('button', { name: `Retry ${LONG_NAME}` }).click();
    await page.getByText(/Still failing/).first().waitFor();

    await control('PATCH', '/records/configurations/1', { name: 'ACME-LAPTOP-07' });
    await row.getByRole('button', { name: `Retry ${LONG_NAME}` }).click();
    await page.getByRole('status').getByText(/Fixed/).waitFor();
    await page.getByRole('heading', { name: 'No sync errors' }).waitFor();
    await shot('33-integrations-error-inbox-fixed');
  });

  it('previews what ticking a type again would create', async () => {
    await tab('Sync settings').click();
    const types = page.getByRole('group', { name: 'Configuration types' });
    await types.getByRole('checkbox', { name: 'Printer' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply these sync settings?' });
    await dialog.getByText(/\d+ configurations? would be created from the PSA/).waitFor();
    await shot('34-integrations-settings-preview-counts');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Saved. The next sync applies the new settings.').waitFor();
  });

  it('previews the removal of the integration and removes it', async () => {
    await tab('Overview').click();
    await page.getByRole('button', { name: 'Remove integration' }).click();
    const dialog = page.getByRole('dialog', { name: /^Remove / });
    await dialog.waitFor();
    await dialog.getByText('No record is deleted, and nothing is changed in the PSA.').waitFor();
    await dialog.getByRole('table', { name: 'Links that will be removed' }).waitFor();
    await shot('35-integrations-remove');
    await dialog.getByRole('button', { name: 'Remove integration' }).click();
    await page.getByRole('heading', { name: 'Connect your PSA' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('link', { name: 'Acme Dental Group' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
