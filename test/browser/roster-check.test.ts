// L5: the roster check walked in Chromium as the owner would: set up, break two rows in the grid,
// check the roster, see each problem with its row, click one and see that row selected. A name or
// email holding HTML stays text in the sidebar. Screenshot: test-artifacts/roster-check.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../src/local/sandbox/server';
import { SAMPLE_ROSTER_ROWS } from '../../src/local/sample/roster';
import { launchChromium, type LaunchedBrowser } from './chromium';

jest.setTimeout(30_000);
const XSS = '<img src=x onerror="window.__xss=1">';

let chromium: LaunchedBrowser;
let context: BrowserContext;
let page: Page;
let sandbox: Sandbox;
let stateDir: string;

const cell = (row: number, column: number) => page.locator(`#grid td[data-row="${row}"][data-col="${column}"]`);
const sidebar = (): FrameLocator => page.frameLocator('#sidebar-frame');

async function type(row: number, column: number, text: string): Promise<void> {
  await cell(row, column).dblclick();
  const editor = page.locator('#grid td.editing input');
  await editor.fill(text);
  await editor.press('Enter');
  await page.locator('#grid td.editing').waitFor({ state: 'detached' });
}

beforeAll(async () => {
  mkdirSync('test-artifacts', { recursive: true });
  stateDir = mkdtempSync(path.join(tmpdir(), 'peer-coaching-roster-'));
  sandbox = await startSandbox({ port: 0, statePath: path.join(stateDir, 'state.json'), reset: true });
  chromium = await launchChromium();
  context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(sandbox.url);
  await page.locator('body[data-ready="true"]').waitFor();
}, 30_000);

afterAll(async () => {
  await chromium?.close();
  await sandbox?.close();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

it('sets up, then finds no problem in the sample roster', async () => {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.locator('#menu-popup > .menu-item').first().click();
  await page.getByRole('menuitem', { name: 'Open' }).click();
  await sidebar().getByRole('button', { name: 'Set up this spreadsheet' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  const paused = SAMPLE_ROSTER_ROWS.filter((r) => r[4] === 'Paused').length;
  await sidebar().getByText(`${SAMPLE_ROSTER_ROWS.length - paused} active · ${paused} paused · 0 left`).waitFor();
});

it('lists each problem typed into the grid with its row, and shows HTML as text', async () => {
  await type(3, 2, SAMPLE_ROSTER_ROWS[0][1].toUpperCase()); // row 3 repeats row 2's email
  await type(9, 2, XSS); // Maya: nobody's avoid list names her
  await sidebar().getByRole('button', { name: 'Check again' }).click();
  const problems = sidebar().locator('#roster button.problem');
  await problems.first().waitFor();
  expect(await problems.allInnerTexts()).toEqual([
    expect.stringMatching(new RegExp(`^Row 3\\s+duplicate email ${SAMPLE_ROSTER_ROWS[0][1]} \\(also row 2\\)`)),
    expect.stringContaining(`Row 9\nemail "${XSS}" is not an address`),
  ]);
  expect(await sidebar().locator('img').count()).toBe(0);
  const frame = await (await page.locator('#sidebar-frame').elementHandle())!.contentFrame();
  expect(await frame!.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

it('selects the row of the problem clicked', async () => {
  await sidebar().locator('#roster button.problem', { hasText: 'Row 3' }).click();
  await cell(3, 1).and(page.locator('.in-range')).waitFor();
  expect(sandbox.workspace().spreadsheet.getActiveRange()?.getA1Notation()).toBe('A3:H3');
  expect(await cell(2, 1).getAttribute('class')).not.toContain('in-range');
  await page.screenshot({ path: 'test-artifacts/roster-check.png' });
});
