import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, startPsalink, stopProcess, waitForHealth, type PsalinkProcess } from './support/harness.js';

/*
 * The foundation in a real browser: the built SPA served by `psalink serve` on a fresh PGlite data dir with the
 * demo account's local records only (no demo PSA: e2e/integrations.spec.ts covers the sync). Run `npm run build`
 * first. Screenshots of every screen land in test-results/.
 */
const DEMO_EMAIL = 'admin@demo.psalink.test';
const DEMO_PASSWORD = 'e2e-demo-password-1234';
const SHOTS = path.resolve('test-results');

let server: PsalinkProcess | undefined;
let dataDir = '';
let baseUrl = '';
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

beforeAll(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'psalink-e2e-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = startPsalink(['serve'], { PSALINK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PSALINK_DEMO_PASSWORD: DEMO_PASSWORD, PSALINK_DEMO_PSA: 'off' });
  await waitForHealth(baseUrl, server, 45_000);
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The browser logs every non-2xx response. This flow provokes two on purpose: 401 (signed out, wrong
    // password) and 400 (the validation error test); anything else is a bug.
    if (message.type() === 'error' && !/status of 40[01]\b/.test(message.text())) pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await stopProcess(server?.child);
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('foundation', () => {
  it('sends a signed-out visitor to sign in and back to where they were going', async () => {
    await page.goto('/organizations');
    await page.waitForURL(/\/sign-in\?next=%2Forganizations$/);
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await shot('01-sign-in');

    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shot('01b-sign-in-error');

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL(/\/organizations$/);
    await page.getByRole('link', { name: 'Acme Dental Group' }).waitFor();
    for (const name of ['Acme Dental Group', 'Northwind Logistics', 'Contoso Legal LLP']) {
      expect(await page.getByRole('link', { name }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('table', { name: 'Organizations' }).getByText('Customer').first().isVisible()).toBe(true);
    expect(await page.getByText(DEMO_EMAIL).isVisible()).toBe(true);
    await shot('02-organizations');
  });

  it('searches organizations with the / shortcut', async () => {
    await page.locator('body').press('/');
    await page.keyboard.type('north');
    await page.waitForURL(/q=north/);
    await page.getByRole('link', { name: 'Acme Dental Group' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('link', { name: 'Northwind Logistics' }).isVisible()).toBe(true);
    await shot('02b-organizations-search');
    await page.getByLabel('Search organizations').fill('');
    await page.getByRole('link', { name: 'Acme Dental Group' }).waitFor();
  });

  it('pages through organizations with "Load more"', async () => {
    const { csrfToken } = (await (await context.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    for (let i = 1; i <= 50; i++) {
      const created = await context.request.post('/api/v1/organizations', {
        headers: { 'x-csrf-token': csrfToken },
        data: { name: `Zenith Client ${String(i).padStart(2, '0')}`, city: 'Austin' },
      });
      expect(created.status()).toBe(201);
    }
    await page.reload();
    const rows = page.getByRole('table', { name: 'Organizations' }).locator('tbody tr');
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    expect(await rows.count()).toBe(50);
    await shot('02c-organizations-many');
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByRole('link', { name: 'Zenith Client 50' }).waitFor();
    expect(await rows.count()).toBe(53);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('edits a configuration and shows the change after a reload', async () => {
    await page.getByRole('link', { name: 'Acme Dental Group' }).click();
    await page.waitForURL(/\/organizations\/[0-9a-f-]+\/configurations$/);
    await page.getByRole('link', { name: 'ACME-DC01' }).waitFor();
    await shot('03-organization-configurations');

    await page.getByRole('link', { name: 'ACME-DC01' }).click();
    await page.getByRole('heading', { name: 'ACME-DC01' }).waitFor();
    await page.getByText('Windows Server 2022').waitFor();
    await shot('04-configuration');

    await page.getByRole('link', { name: 'Edit' }).click();
    const os = page.getByLabel('Operating system', { exact: true });
    await os.waitFor();
    expect(await os.inputValue()).toBe('Windows Server 2022');
    await os.fill('Windows Server 2025 Datacenter');
    await page.getByLabel('Notes', { exact: true }).fill('Replaced the RAID controller in March.');
    await shot('05-configuration-edit');
    await shot('05b-configuration-edit-full', true);
    await os.press('Enter');
    await page.waitForURL(/\/configurations\/[0-9a-f-]+$/);
    await page.getByText('Windows Server 2025 Datacenter').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'ACME-DC01' }).waitFor();
    expect(await page.getByText('Windows Server 2025 Datacenter').isVisible()).toBe(true);
    expect(await page.getByText('Replaced the RAID controller in March.').isVisible()).toBe(true);
    await shot('06-configuration-after-reload');
  });

  it('shows validation errors from the server next to the field', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('   ');
    await name.press('Enter');
    await page.locator('.field-error').first().waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await shot('07-configuration-validation');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(/\/configurations\/[0-9a-f-]+$/);
  });

  it('asks before deleting', async () => {
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this configuration?' });
    await dialog.waitFor();
    await shot('08-delete-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('reveals a password', async () => {
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Acme Dental Group' }).click();
    await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Passwords' }).click();
    await page.waitForURL(/\/passwords$/);
    const row = page.getByRole('row').filter({ hasText: 'Domain admin' });
    await row.waitFor();
    expect(await row.getByText('••••').isVisible()).toBe(true);
    await shot('09-passwords');

    const detailHref = await row.getByRole('link', { name: 'Domain admin' }).getAttribute('href');
    const passwordId = detailHref!.split('/').pop()!;
    const expected = ((await (await context.request.get(`/api/v1/passwords/${passwordId}/secret`)).json()) as { secret: string }).secret;

    await row.getByRole('button', { name: /^Reveal/ }).click();
    await row.getByText(expected, { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: /^Hide/ }).isVisible()).toBe(true);
    await shot('10-password-revealed');

    await row.getByRole('link', { name: 'Domain admin' }).click();
    await page.getByRole('heading', { name: 'Domain admin' }).waitFor();
    await page.getByRole('link', { name: 'ACME-DC01' }).waitFor();
    await shot('10b-password');
  });

  it('renders a markdown document and previews it while editing', async () => {
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Acme Dental Group' }).click();
    await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Documents' }).click();
    await page.getByRole('link', { name: 'Backup procedure' }).waitFor();
    await shot('11-documents');
    await page.getByRole('link', { name: 'Backup procedure' }).click();
    await page.locator('.markdown blockquote').getByText('Restore tests every quarter.').waitFor();
    expect(await page.locator('.markdown strong').first().textContent()).toBe('ACME-DC01');
    await shot('11b-document');

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Content', { exact: true }).waitFor();
    await shot('11c-document-edit');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.markdown-preview blockquote').waitFor();
    await shot('11d-document-preview');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]+$/);
  });

  it('lists contacts and opens one', async () => {
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Acme Dental Group' }).click();
    await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('link', { name: 'Maria Lopez' }).waitFor();
    expect(await page.getByRole('link', { name: 'office@acme.example' }).isVisible()).toBe(true);
    await shot('11e-contacts');
    await page.getByRole('link', { name: 'Maria Lopez' }).click();
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    await shot('11f-contact');
  });

  it('offers to connect a PSA and shows the new organization form', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.waitForURL(/\/account\/integrations$/);
    // Without the demo PSA there is no integration yet (e2e/integrations.spec.ts goes on from here).
    await page.getByRole('heading', { name: 'Connect your PSA' }).waitFor();
    for (const psa of ['ConnectWise PSA', 'Autotask', 'HaloPSA']) expect(await page.getByRole('radio', { name: new RegExp(psa) }).count()).toBe(1);
    await shot('12-integrations');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('link', { name: 'New organization' }).click();
    await page.getByLabel('Name', { exact: true }).waitFor();
    await shot('13-organization-new');
    await shot('13a-organization-new-full', true);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot('13b-organization-new-1920');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('signs out, and after signing in again returns to the page asked for', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto('/account/integrations');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account\/integrations$/);
  });

  it('sends the user to sign in when the session ends, and back afterwards', async () => {
    await context.clearCookies();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.waitForURL(/\/sign-in\?next=%2Forganizations$/);
    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/organizations$/);
    await page.getByRole('link', { name: 'Acme Dental Group' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
