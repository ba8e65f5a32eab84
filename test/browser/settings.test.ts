// L5: the settings card in Chromium: a bad value is refused with its field named, a good one is
// saved, shown in the summary and still there after the sandbox restarts. Screenshot:
// test-artifacts/settings.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../src/local/sandbox/server';
import { launchChromium, type LaunchedBrowser } from './chromium';

jest.setTimeout(30_000);

let chromium: LaunchedBrowser;
let context: BrowserContext;
let page: Page;
let sandbox: Sandbox;
let stateDir: string;
let statePath: string;
const sidebar = (): FrameLocator => page.frameLocator('#sidebar-frame');

async function openSidebar(): Promise<void> {
  await page.goto(sandbox.url);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.locator('#menu-popup > .menu-item').first().click();
  await page.getByRole('menuitem', { name: 'Open' }).click();
  await sidebar().locator('#settings').waitFor();
}

beforeAll(async () => {
  mkdirSync('test-artifacts', { recursive: true });
  stateDir = mkdtempSync(path.join(tmpdir(), 'peer-coaching-settings-'));
  statePath = path.join(stateDir, 'state.json');
  sandbox = await startSandbox({ port: 0, statePath, reset: true });
  chromium = await launchChromium();
  context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
}, 30_000);

afterAll(async () => {
  await chromium?.close();
  await sandbox?.close();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

it('shows the defaults, which work without touching anything', async () => {
  await openSidebar();
  await sidebar().getByText('6-week cycles, weekly, 30 min, Tue 10:00 (Europe/London)').waitFor();
});

it('refuses a bad value, naming the field, and saves nothing', async () => {
  await sidebar().locator('#settings summary').click();
  await sidebar().getByLabel('Cycle length (weeks)').fill('0');
  await sidebar().getByRole('button', { name: 'Save settings' }).click();
  await sidebar().getByRole('alert').filter({ hasText: 'Cycle length' }).waitFor();
  expect(sandbox.workspace().globals.PropertiesService.getDocumentProperties().getProperty('settings')).toBeNull();
});

it('saves good values, shows them, and keeps them across a restart', async () => {
  await sidebar().getByLabel('Cycle length (weeks)').fill('4');
  await sidebar().locator('select[name=preferredWeekday]').selectOption('Wed');
  await sidebar().locator('input[name=preferredTime]').fill('14:30');
  await sidebar().getByRole('button', { name: 'Save settings' }).click();
  await sidebar().getByText('Settings saved.').waitFor();
  await sidebar().getByText('4-week cycles, weekly, 30 min, Wed 14:30 (Europe/London)').waitFor();
  expect(await sidebar().getByRole('alert').isVisible()).toBe(false);
  await page.screenshot({ path: 'test-artifacts/settings.png' });
  await sandbox.close();
  sandbox = await startSandbox({ port: 0, statePath });
  await openSidebar();
  await sidebar().getByText('4-week cycles, weekly, 30 min, Wed 14:30 (Europe/London)').waitFor();
});
