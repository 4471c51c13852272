import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, startPsalink, stopProcess, waitForHealth, type PsalinkProcess } from './support/harness.js';

/*
 * Manage Data in a real browser: `psalink serve` WITH its demo PSA on a fresh PGlite data dir, so the demo account
 * starts with synced, orphaned, error and disabled records. The steps build on each other and walk every flow of
 * MANAGE-DATA.md. Run `npm run build` first; screenshots land in test-results/.
 */
const DEMO_EMAIL = 'admin@demo.psalink.test';
const DEMO_PASSWORD = 'e2e-demo-password-1234';
const SHOTS = path.resolve('test-results');

interface ScopeRow {
  scopeId: string;
  name: string;
  dimension: string;
  state: string;
  counts: Record<string, number>;
}
interface Summary {
  synced: { kind: string; counts: Record<string, number>; scopes: ScopeRow[] }[];
  orphaned: { kind: string; typeExternalId: string | null; typeName: string | null; counts: Record<string, number> }[];
  disconnected: { kind: string; typeName: string | null; count: number }[];
}
interface Managed {
  id: string;
  name: string;
  state: string;
  psaType: string | null;
}

let server: PsalinkProcess | undefined;
let dataDir = '';
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function api<T>(method: 'GET' | 'POST', route: string, data?: unknown): Promise<T> {
  const { csrfToken } = (await (await context.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const response = await context.request.fetch(`/api/v1${route}`, { method, headers: { 'x-csrf-token': csrfToken }, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), `${method} ${route}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

const summary = () => api<Summary>('GET', '/manage/summary');
const scopesOf = async (kind: string) => (await summary()).synced.find((group) => group.kind === kind)!.scopes;
const shot = (name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
const section = (name: string) => page.getByRole('region', { name, exact: true });
const notice = () => page.locator('.action-notice');

async function openManageData() {
  await page.goto('/account/integrations/manage');
  await section('Synced Items').waitFor();
}

/** Actions → <item> on one row of a section. */
async function rowAction(menuLabel: string, item: string) {
  await page.getByRole('button', { name: menuLabel, exact: true }).first().click();
  await page.getByRole('menuitem', { name: new RegExp(`^${item}`) }).click();
}

const dialog = () => page.locator('dialog[open]');

beforeAll(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'psalink-e2e-manage-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The demo PSA stays on (the default): the first start connects it and syncs twice around a few PSA changes.
  // Actions over 20 records run as background jobs here (5000 by default), so the restore below goes through the job
  // queue and the screen follows its progress.
  server = startPsalink(['serve'], {
    PSALINK_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PSALINK_DEMO_PASSWORD: DEMO_PASSWORD,
    PSALINK_LARGE_ACTION_RECORDS: '20',
  });
  await waitForHealth(baseUrl, server, 90_000);
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopProcess(server?.child);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('manage data', () => {
  it('signs in as the demo admin and opens Manage Data from the integration', async () => {
    await page.goto('/account/integrations');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Integration sections' }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Integration sections' }).getByRole('link', { name: 'Manage Data' }).click();
    await page.waitForURL(/\/account\/integrations\/manage$/);
    await section('Synced Items').waitFor();
  });

  it('shows the three sections with counts and the four sync icons', async () => {
    const data = await summary();
    expect(data.synced.map((group) => group.kind)).toEqual(['organization', 'configuration', 'contact']);
    expect(data.orphaned.length).toBeGreaterThan(0);
    expect(data.disconnected.length).toBeGreaterThan(0);
    for (const name of ['Synced Items', 'Orphaned Data', 'Disconnected Data']) expect(await section(name).isVisible()).toBe(true);
    const legend = page.getByRole('list', { name: 'Sync icons' });
    for (const label of ['Syncing', 'Orphaned', 'Sync disabled', 'Sync error']) expect(await legend.getByRole('img', { name: label }).count()).toBe(1);
    // Each orphaned row is listed with its PSA type.
    const orphan = data.orphaned[0]!;
    expect(await section('Orphaned Data').getByText(orphan.typeName ?? 'No type', { exact: true }).count()).toBeGreaterThan(0);
    await shot('50-manage-data');
    await shot('50b-manage-data-full', true);
  });

  let listScope: ScopeRow;
  let target: Managed;

  it('views the records of a synced row', async () => {
    const scopes = (await scopesOf('configuration')).filter((s) => s.state === 'enabled' && s.counts.syncing! > 0);
    listScope = scopes.sort((a, b) => b.counts.syncing! - a.counts.syncing!)[0]!;
    await rowAction(`Actions for Configurations · ${listScope.name}`, 'View');
    await page.waitForURL(/\/manage\/records\?/);
    await page.getByRole('table', { name: new RegExp(`Configurations · ${listScope.name}`) }).waitFor();
    const rows = page.getByRole('table').locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(50, listScope.counts.total!));
    await shot('51-manage-records');
  });

  it('disables sync on a record and finds it under Disconnected Data, then reconnects it', async () => {
    const list = await api<{ items: Managed[] }>('GET', `/manage/records?kind=configuration&scopeId=${listScope.scopeId}&state=syncing&limit=1`);
    target = list.items[0]!;
    await page.getByRole('checkbox', { name: `Select ${target.name}`, exact: true }).check();
    await page.getByRole('button', { name: 'Disable sync' }).click();
    await notice().getByText(/Sync disabled on 1 record/).waitFor();
    await shot('52-manage-records-disabled');

    await openManageData();
    const disconnected = section('Disconnected Data');
    await disconnected.waitFor();
    // The Disconnected section has one row per PSA type: the record's.
    await rowAction(`Actions for disconnected Configurations · ${target.psaType ?? 'No type'}`, 'View');
    await page.waitForURL(/state=disabled/);
    const row = page.getByRole('checkbox', { name: `Select ${target.name}`, exact: true });
    await row.waitFor();
    await shot('53-disconnected-records');
    await row.check();
    await page.getByRole('button', { name: 'Enable sync' }).click();
    await notice().getByText(/Sync enabled on 1 record/).waitFor();
    const after = await api<{ items: Managed[] }>('GET', `/manage/records?kind=configuration&q=${encodeURIComponent(target.name)}&limit=50`);
    expect(after.items.find((item) => item.id === target.id)?.state).toBe('syncing');
  });

  it('shows the PSA controls on a record page and disables and enables sync there', async () => {
    await page.goto(`/configurations/${target.id}`);
    const controls = page.getByRole('region', { name: 'PSA controls' });
    await controls.waitFor();
    await controls.getByRole('button', { name: 'Disable Sync' }).click();
    await controls.getByRole('button', { name: 'Enable Sync' }).waitFor();
    await shot('54-psa-controls-disabled');
    await controls.getByRole('button', { name: 'Enable Sync' }).click();
    await controls.getByRole('button', { name: 'Disable Sync' }).waitFor();
    const errors = await api<{ items: Managed[] }>('GET', '/manage/records?kind=configuration&state=error&limit=1');
    if (errors.items[0]) {
      await page.goto(`/configurations/${errors.items[0].id}`);
      await page.getByRole('note', { name: 'Sync error details' }).waitFor();
      await page.getByRole('region', { name: 'PSA controls' }).scrollIntoViewIfNeeded();
      await shot('55-psa-controls-error');
    }
  });

  let pauseScope: ScopeRow;

  it('pauses a scope and resumes it', async () => {
    pauseScope = (await scopesOf('configuration')).find((s) => s.state === 'enabled' && s.counts.total! > 0 && s.scopeId !== listScope.scopeId)!;
    await openManageData();
    await rowAction(`Actions for Configurations · ${pauseScope.name}`, 'Disconnect');
    await dialog().getByRole('radio', { name: /Pause syncing and keep all data/ }).check();
    await shot('56-disconnect-choices');
    await dialog().getByRole('button', { name: 'Continue' }).click();
    await dialog().getByRole('button', { name: 'Pause syncing' }).waitFor();
    await shot('57-disconnect-pause-preview');
    await dialog().getByRole('button', { name: 'Pause syncing' }).click();
    await notice().getByText(/syncing paused/).waitFor();
    expect((await scopesOf('configuration')).find((s) => s.scopeId === pauseScope.scopeId)?.state).toBe('paused');

    await rowAction(`Actions for Configurations · ${pauseScope.name}`, 'Resume syncing');
    await notice().getByText(/syncing again/).waitFor();
    expect((await scopesOf('configuration')).find((s) => s.scopeId === pauseScope.scopeId)?.state).toBe('enabled');
  });

  it('unlinks a scope: the records stay, their links go', async () => {
    const scope = (await scopesOf('contact')).find((s) => s.state === 'enabled' && s.counts.total! > 0)!;
    await openManageData();
    await rowAction(`Actions for Contacts · ${scope.name}`, 'Disconnect');
    await dialog().getByRole('radio', { name: /Permanently disconnect records/ }).check();
    await dialog().getByRole('button', { name: 'Continue' }).click();
    const confirm = dialog().getByRole('button', { name: 'Disconnect records' });
    await confirm.waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await dialog().getByLabel(/to confirm/).fill(scope.name);
    await shot('58-disconnect-unlink-preview');
    await confirm.click();
    await notice().getByText(/disconnected from the PSA and kept/).waitFor();
    expect((await scopesOf('contact')).find((s) => s.scopeId === scope.scopeId)?.state).toBe('disconnected');
    await shot('59-after-unlink');
  });

  it('deletes a scope with its children and restores it from the trash', async () => {
    const scope = (await scopesOf('organization'))
      .filter((s) => s.state === 'enabled' && s.counts.total! > 0)
      .sort((a, b) => a.counts.total! - b.counts.total!)[0]!;
    await openManageData();
    await rowAction(`Actions for Organizations · ${scope.name}`, 'Disconnect');
    await dialog().getByRole('radio', { name: /Permanently delete all data/ }).check();
    await dialog().getByRole('button', { name: 'Continue' }).click();
    await dialog().getByRole('table', { name: 'What will be deleted' }).waitFor();
    await dialog().getByLabel(/to confirm/).fill(scope.name);
    await shot('60-disconnect-delete-preview');
    await dialog().getByRole('button', { name: 'Delete all data' }).click();
    await notice().getByText(/moved to the trash/).waitFor();
    await shot('61-after-delete');

    await notice().getByRole('link', { name: /Open the trash batch/ }).click();
    await page.waitForURL(/\/account\/trash\/[0-9a-f-]+$/);
    await page.getByRole('table', { name: 'Rows in this batch' }).waitFor();
    await shot('62-trash-batch');
    // The batch is large enough to restore as a job. Its first progress poll is held back a moment (the restore
    // itself takes a few milliseconds) so that the screenshot shows the progress the screen gives a long restore.
    let held = false;
    await page.route('**/api/v1/manage/jobs/*', async (route) => {
      if (!held) {
        held = true;
        await page.getByRole('status').filter({ hasText: /Waiting for a worker|Starting|Restoring|Checking/ }).waitFor();
        await shot('62b-restore-progress');
      }
      await route.continue();
    });
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText(/Restored .*links included/).waitFor();
    expect(held).toBe(true);
    await page.unroute('**/api/v1/manage/jobs/*');
    // The scope is back as it was before the delete.
    expect((await scopesOf('organization')).find((s) => s.scopeId === scope.scopeId)?.state).toBe('enabled');
    await page.goto('/account/trash');
    await page.getByRole('table', { name: 'Trash batches' }).waitFor();
    await shot('63-trash');
  });

  it('deletes all orphaned configurations of a type', async () => {
    const row = (await summary()).orphaned.find((r) => r.kind === 'configuration' && r.counts.total! > 0)!;
    expect(row).toBeDefined();
    const label = `Configurations · ${row.typeName ?? (row.typeExternalId ? `Type ${row.typeExternalId}` : 'No type')}`;
    await openManageData();
    await rowAction(`Actions for orphaned ${label}`, 'Delete All');
    await dialog().getByRole('table', { name: 'What will be deleted' }).waitFor();
    await dialog().getByLabel(/to confirm/).fill(row.typeName ?? 'DELETE');
    await shot('64-orphans-delete-preview');
    await dialog().getByRole('button', { name: 'Move to trash' }).click();
    await notice().getByText(/to the trash/).waitFor();
    const after = await summary();
    expect(after.orphaned.find((r) => r.kind === 'configuration' && r.typeExternalId === row.typeExternalId)?.counts.total ?? 0).toBe(0);
  });

  it('lists every action in the audit log', async () => {
    await page.goto('/account/audit');
    await page.getByRole('table', { name: 'Audit events' }).waitFor();
    await shot('65-audit-log');
    expect(pageErrors).toEqual([]);
  });

  it('changes how long the trash keeps deleted batches', async () => {
    await page.goto('/account/trash');
    const panel = page.getByRole('region', { name: 'Retention' });
    await panel.getByText(/Deleted batches stay restorable for 30 days/).waitFor();
    const days = panel.getByLabel('Keep deleted batches for');
    // Out of the server's range: refused before anything is sent.
    await days.fill('400');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Enter a whole number of days from 1 to 365.').waitFor();
    await days.fill('45');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('status').getByText(/Saved\. Batches deleted from now on stay restorable for 45 days/).waitFor();
    await panel.getByText(/Deleted batches stay restorable for 45 days/).waitFor();
    await shot('66-trash-retention');
    await page.reload();
    await panel.getByText(/Deleted batches stay restorable for 45 days/).waitFor();
    expect(await days.inputValue()).toBe('45');
    expect(await api<{ retentionDays: number }>('GET', '/trash/settings')).toEqual({ retentionDays: 45 });
    expect(pageErrors).toEqual([]);
  });
  it("shows a synced organization's PSA type and status in its edit form", async () => {
    // The lookups load after the record: the selects must show the values once their options arrive.
    const [org] = (await api<{ items: { id: string; organizationTypeId: string | null }[] }>('GET', '/organizations?limit=50')).items.filter((o) => o.organizationTypeId);
    const lookups = await api<{ organizationTypes: { id: string; name: string }[] }>('GET', '/lookups');
    const typeName = lookups.organizationTypes.find((t) => t.id === org!.organizationTypeId)!.name;
    await page.goto(`/organizations/${org!.id}/edit`);
    const type = page.getByLabel('Type', { exact: true });
    await type.waitFor();
    await expect.poll(() => type.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe(typeName);
    expect(pageErrors).toEqual([]);
  });
});
