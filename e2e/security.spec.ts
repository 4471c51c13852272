import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorModules } from '../src/simulators/registry.js';
import { startSimulator, type RunningSimulator } from '../src/simulators/server.js';
import { freePort, launchChromium, startPsalink, stopProcess, waitForHealth, type PsalinkProcess } from './support/harness.js';

/*
 * PSA-provided strings are data, never markup: a simulated PSA names a company and a configuration with script
 * payloads, psalink syncs them, and every screen that shows them must show the text literally and run nothing.
 * Run `npm run build` first; screenshots land in test-results/.
 */
const DEMO_EMAIL = 'admin@demo.psalink.test';
const DEMO_PASSWORD = 'e2e-security-password-1234';
const SHOTS = path.resolve('test-results');
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';

let sim: RunningSimulator | undefined;
let server: PsalinkProcess | undefined;
let dataDir = '';
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];
let organizationId = '';
let configurationId = '';
/** The organization that holds the payload-named configuration (its Configurations tab is the list). */
let configurationOrgId = '';

async function api<T>(method: string, route: string, data?: unknown): Promise<T> {
  const { csrfToken } = (await (await context.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const response = await context.request.fetch(`/api/v1${route}`, { method, headers: { 'x-csrf-token': csrfToken }, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), `${method} ${route}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function control(method: string, route: string, body: unknown) {
  const response = await fetch(`${sim!.controlUrl}${route}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, await response.text()).toBeLessThan(300);
}

/** Opens a screen, waits for the payload as visible text, and checks that nothing ran and no element was injected. */
async function expectInert(url: string, payloads: string[], shot: string) {
  await page.goto(url);
  try {
    for (const payload of payloads) await page.getByText(payload, { exact: false }).first().waitFor({ timeout: 10_000 });
  } finally {
    await page.screenshot({ path: path.join(SHOTS, `${shot}.png`) });
  }
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(dialogs).toEqual([]);
}

beforeAll(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  sim = await startSimulator(simulatorModules.connectwise, { scale: { orgs: 5, configurations: 20, contacts: 10 } });
  await control('PATCH', '/records/companies/1', { name: `Acme ${IMG}` });
  await control('PATCH', '/records/configurations/1', { name: `Server ${SCRIPT}` });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'psalink-e2e-security-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  server = startPsalink(['serve'], { PSALINK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PSALINK_DEMO_PASSWORD: DEMO_PASSWORD, PSALINK_DEMO_PSA: 'off' });
  await waitForHealth(baseUrl, server, 60_000);
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stopProcess(server?.child);
  await sim?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('PSA-provided script payloads', () => {
  it('syncs a company and a configuration named with script payloads', async () => {
    const signIn = await context.request.post('/api/v1/auth/sign-in', { data: { email: DEMO_EMAIL, password: DEMO_PASSWORD } });
    expect(signIn.status()).toBe(200);
    const integration = await api<{ id: string }>('POST', '/integrations', { provider: sim!.psa, baseUrl: sim!.baseUrl, credentials: sim!.credentials });
    const run = await api<{ id: string }>('POST', `/integrations/${integration.id}/runs`, { full: false });
    let status = 'queued';
    for (let i = 0; i < 150 && ['queued', 'running'].includes(status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await api<{ status: string }>('GET', `/integrations/${integration.id}/runs/${run.id}`)).status;
    }
    expect(status).toBe('succeeded');
    const orgs = await api<{ items: { id: string; name: string }[] }>('GET', '/organizations?limit=100');
    organizationId = orgs.items.find((o) => o.name === `Acme ${IMG}`)!.id;
    const configs = await api<{ items: { id: string; name: string; organizationId: string }[] }>('GET', '/configurations?limit=100');
    const configuration = configs.items.find((c) => c.name === `Server ${SCRIPT}`)!;
    configurationId = configuration.id;
    configurationOrgId = configuration.organizationId;
    // An audit event about the payload-named configuration: disabling its sync.
    await api('POST', '/manage/records/sync', { kind: 'configuration', ids: [configurationId], action: 'disable' });
  });

  it('shows them as text on the lists and record pages', async () => {
    await expectInert('/organizations', [IMG], '90-xss-organizations');
    await expectInert(`/organizations/${organizationId}`, [IMG], '91-xss-organization');
    await expectInert(`/organizations/${configurationOrgId}`, [SCRIPT], '92-xss-configurations');
    await expectInert(`/configurations/${configurationId}`, [SCRIPT], '93-xss-configuration');
  });

  it('shows them as text in Manage Data and the audit log', async () => {
    await expectInert('/account/integrations/manage/records?kind=configuration&state=disabled', [SCRIPT], '94-xss-manage-records');
    await expectInert('/account/audit', [], '95-xss-audit');
    await page.getByText(/disabled/i).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, '95-xss-audit.png') });
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  });
});
