// L5: the local sandbox in a real Chromium. The real build/Code.js and build/Sidebar.html run
// against the emulation; the test uses the page as a person would (menu, sidebar, grid, tabs),
// checks the google.script.run rules from inside the sidebar frame, restarts the sandbox on the
// same state file, and asserts nothing left the sandbox's own origin. Screenshots go to
// test-artifacts/sandbox-*.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../src/local/sandbox/server';
import { SAMPLE_ROSTER_ROWS, SAMPLE_SPREADSHEET_NAME } from '../../src/local/sample/roster';
import { launchChromium, type LaunchedBrowser } from './chromium';

const ARTIFACTS = 'test-artifacts';
const TIMEOUT = 10_000;
// The project's testTimeout is not a per-project option in jest; set it here.
jest.setTimeout(20_000);

let chromium: LaunchedBrowser;
let context: BrowserContext;
let page: Page;
let stateDir: string;
let statePath: string;
let sandbox: Sandbox | null = null;
const origins = new Set<string>();
const requests: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `sandbox-${name}.png`) });
}

function sidebarFrame(): FrameLocator {
  return page.frameLocator('#sidebar-frame');
}

/** The sidebar's frame as a Frame (for evaluate), once it has loaded /sidebar. */
async function sidebarFrameHandle(): Promise<Frame> {
  const handle = await page.locator('#sidebar-frame').elementHandle();
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('The sidebar frame has no document');
  return frame;
}

async function open(target: Sandbox): Promise<void> {
  origins.add(new URL(target.url).origin);
  await page.goto(target.url);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: TIMEOUT });
}

/** The text of a grid cell, by A1-style row and column numbers. */
function cell(row: number, column: number) {
  return page.locator(`#grid td[data-row="${row}"][data-col="${column}"]`);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stateDir = mkdtempSync(path.join(tmpdir(), 'peer-coaching-browser-'));
  statePath = path.join(stateDir, 'state.json');
  chromium = await launchChromium();
  context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  context.on('request', (request) => requests.push(request.url()));
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
}, 30_000);

afterAll(async () => {
  await sandbox?.close();
  await chromium?.close();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('npm start: the sandbox in Chromium', () => {
  it('shows the sample spreadsheet: name, Roster tab, rows', async () => {
    sandbox = await startSandbox({ port: 0, statePath, reset: true });
    await open(sandbox);
    await expectText(page.locator('#doc-title'), SAMPLE_SPREADSHEET_NAME);
    const tab = page.getByRole('tab', { name: 'Roster' });
    await tab.waitFor();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    await expectText(cell(1, 1), 'Name');
    await expectText(cell(1, 6), 'Avoid pairing with');
    await expectText(cell(2, 1), SAMPLE_ROSTER_ROWS[0][0]);
    await expectText(cell(2, 2), SAMPLE_ROSTER_ROWS[0][1]);
    await expectText(cell(SAMPLE_ROSTER_ROWS.length + 1, 1), SAMPLE_ROSTER_ROWS[SAMPLE_ROSTER_ROWS.length - 1][0]);
    expect(await page.locator('#sidebar').isHidden()).toBe(true);
    await shot('1-start');
  });

  it('opens the sidebar from Extensions › the add-on › Open, showing the spreadsheet state', async () => {
    await page.getByRole('button', { name: 'Extensions' }).click();
    const addon = page.locator('#menu-popup > .menu-item').first();
    await addon.click();
    await shot('2-menu');
    await page.getByRole('menuitem', { name: 'Open' }).click();
    await page.locator('#sidebar').waitFor({ state: 'visible' });
    await expectText(page.locator('#sidebar-title'), 'Peer coaching');
    const frame = sidebarFrame();
    await frame.getByRole('heading', { name: 'Peer coaching', level: 1 }).waitFor();
    await frame.getByText(SAMPLE_SPREADSHEET_NAME).first().waitFor();
    await frame.locator('ul.sheets li', { hasText: 'Roster' }).waitFor();
    await frame.getByText('Not set up').waitFor();
    // The sidebar asks for the state, then checks the roster (the sample has a Roster sheet).
    await expectText(page.locator('#status'), /^last call: checkRoster · \d+ service calls · \d+ ms$/);
    await shot('3-sidebar');
  });

  it('sets up the spreadsheet from the sidebar; the grid shows the repaired Roster', async () => {
    const frame = sidebarFrame();
    await frame.getByRole('button', { name: 'Set up this spreadsheet' }).click();
    await frame.locator('#message', { hasText: 'Roster' }).waitFor();
    await frame.getByText('Set up', { exact: true }).waitFor();
    await expectText(cell(1, 7), 'Working hours');
    await expectText(cell(1, 8), 'Notes');
    // Set-up, then the roster check, the invitations and the feedback summary that follow it.
    await expectText(page.locator('#status'), /^last call: getFeedbackSummary · \d+ service calls · \d+ ms$/);
    expect(await frame.getByRole('alert').isVisible()).toBe(false);
    await shot('4-set-up');
  });

  it('keeps a person\'s edit typed into the grid', async () => {
    await cell(3, 8).dblclick();
    const editor = page.locator('#grid td.editing input');
    await editor.waitFor();
    await editor.fill('Prefers mornings');
    await editor.press('Enter');
    await expectText(cell(3, 8), 'Prefers mornings');
    // Typing selects a cell and replaces its content; after set-up Working hours is plain text.
    await cell(2, 7).click();
    await page.keyboard.type('09:00-17:00');
    await page.keyboard.press('Enter');
    await expectText(cell(2, 7), '09:00-17:00');
    const roster = sandbox!.workspace().spreadsheet.getSheetByName('Roster')!;
    expect(roster.getRange(3, 8).getValue()).toBe('Prefers mornings');
    expect(roster.getRange(2, 7).getValue()).toBe('09:00-17:00');
    await shot('5-edited');
  });

  it('follows the google.script.run rules inside the sidebar frame', async () => {
    const frame = await sidebarFrameHandle();
    const result = await frame.evaluate(() => {
      const g = (globalThis as unknown as { google: { script: { run: Record<string, (...a: unknown[]) => unknown> } } }).google;
      type Runner = Record<string, (...a: unknown[]) => unknown>;
      const call = (fn: (runner: Runner) => unknown) =>
        new Promise<Record<string, unknown>>((resolve) => {
          let synchronous = true;
          const runner = (g.script.run.withSuccessHandler((value: unknown, user: unknown) => resolve({ ok: true, value, user, synchronous })) as unknown as Runner)
            .withFailureHandler((error: unknown, user: unknown) =>
              resolve({ ok: false, isError: error instanceof Error, message: (error as Error).message, user, synchronous }),
            ) as unknown as Runner;
          const returned = fn((runner.withUserObject as (o: unknown) => Runner)({ tag: 'u1' }));
          synchronous = false;
          if (returned !== undefined) resolve({ ok: false, message: 'a call returned a value' });
        });
      return Promise.all([
        call((r) => r.getState(new Date())),
        call((r) => r.getState({ nested: [1, { when: new Date() }] })),
        call((r) => r.getState(() => 1)),
        call((r) => r.getState((globalThis as unknown as { document: { body: unknown } }).document.body)),
        call((r) => r.getState()),
        Promise.resolve(Object.keys(g.script.run).sort()),
      ]);
    });
    const [dateArg, nestedDate, fnArg, domArg, ok, methods] = result as [
      Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, string[],
    ];
    for (const failed of [dateArg, nestedDate, fnArg, domArg]) {
      expect(failed).toMatchObject({ ok: false, isError: true, user: { tag: 'u1' }, synchronous: false });
    }
    expect(dateArg.message).toMatch(/Date/);
    expect(domArg.message).toMatch(/DOM/);
    expect(ok).toMatchObject({ ok: true, user: { tag: 'u1' }, synchronous: false });
    expect(ok.value).toMatchObject({ spreadsheetName: SAMPLE_SPREADSHEET_NAME, setUp: true });
    expect(methods).toEqual(expect.arrayContaining(['getState', 'setUp', 'showSidebar', 'withFailureHandler', 'withSuccessHandler', 'withUserObject']));
  });

  it('google.script.host.close() closes the sidebar panel', async () => {
    const frame = await sidebarFrameHandle();
    await frame.evaluate(() => (globalThis as unknown as { google: { script: { host: { close(): void } } } }).google.script.host.close());
    await page.locator('#sidebar').waitFor({ state: 'hidden' });
  });

  it('switches sheets with the bottom tabs', async () => {
    // Add a second sheet the way a person would not, but an add-on might: through the emulation.
    sandbox!.workspace().spreadsheet.insertSheet('Scratch');
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByRole('tab', { name: 'Scratch' }).click();
    await expectText(page.locator('#tabs [aria-selected="true"]'), 'Scratch');
    await expectText(cell(1, 1), '');
    await page.getByRole('tab', { name: 'Roster' }).click();
    await expectText(cell(3, 8), 'Prefers mornings');
  });

  it('starts again from the state file: the edit is still there', async () => {
    await sandbox!.close();
    sandbox = await startSandbox({ port: 0, statePath });
    await open(sandbox);
    await expectText(cell(1, 7), 'Working hours');
    await expectText(cell(3, 8), 'Prefers mornings');
    await expectText(cell(2, 7), '09:00-17:00');
    await shot('6-restarted');
  });

  it('a server function returning a Date gives the success handler null (purpose-built bundle)', async () => {
    const build = mkdtempSync(path.join(tmpdir(), 'peer-coaching-tiny-'));
    writeFileSync(
      path.join(build, 'Code.js'),
      [
        "function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addToUi(); }",
        "function showSidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Tiny')); }",
        'function returnsDate() { return new Date(0); }',
        "function rowsWithDate() { return [['Ada', new Date(0)]]; }",
        'function echo(value) { return value; }',
        "function fails() { throw new Error('Roster row 3: blank email'); }",
      ].join('\n'),
    );
    writeFileSync(path.join(build, 'Sidebar.html'), '<!DOCTYPE html><html><head><title>Tiny</title></head><body><h1>Tiny</h1></body></html>');
    const tiny = await startSandbox({ port: 0, statePath: path.join(stateDir, 'tiny.json'), buildDir: build, reset: true });
    try {
      await open(tiny);
      await page.getByRole('button', { name: 'Extensions' }).click();
      await page.locator('#menu-popup > .menu-item').first().click();
      await page.getByRole('menuitem', { name: 'Open' }).click();
      await sidebarFrame().getByRole('heading', { name: 'Tiny' }).waitFor();
      const frame = await sidebarFrameHandle();
      const results = await frame.evaluate(() => {
        const run = (globalThis as unknown as { google: { script: { run: Record<string, (...a: unknown[]) => unknown> } } }).google.script.run;
        const call = (name: string, ...args: unknown[]) =>
          new Promise((resolve) => {
            const r = (run.withSuccessHandler((value: unknown) => resolve({ ok: true, value })) as typeof run).withFailureHandler((e: unknown) =>
              resolve({ ok: false, message: (e as Error).message, isError: e instanceof Error }),
            ) as typeof run;
            r[name](...args);
          });
        return Promise.all([
          call('returnsDate'),
          call('rowsWithDate'),
          call('echo', [1, undefined, 'x']),
          call('echo', { a: 1, b: undefined }),
          call('fails'),
        ]);
      });
      expect(results).toEqual([
        { ok: true, value: null },
        { ok: true, value: null },
        { ok: true, value: [1, null, 'x'] },
        { ok: true, value: { a: 1 } },
        { ok: false, message: 'Roster row 3: blank email', isError: true },
      ]);
    } finally {
      await tiny.close();
      rmSync(build, { recursive: true, force: true });
    }
  });

  it('sent no request anywhere but the sandbox itself', () => {
    expect(requests.length).toBeGreaterThan(5);
    const elsewhere = requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:') && !origins.has(new URL(url).origin));
    expect(elsewhere).toEqual([]);
  });
});

/**
 * Waits until the locator's text equals `text` (trimmed), then asserts it. The locator is
 * resolved again on every poll: the grid is redrawn after each server call.
 */
async function expectText(locator: Locator, text: string | RegExp): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  const matches = (actual: string): boolean => (typeof text === 'string' ? actual === text : text.test(actual));
  let actual = '';
  while (Date.now() < deadline) {
    actual = ((await locator.first().textContent({ timeout: TIMEOUT }).catch(() => null)) ?? '').trim();
    if (matches(actual)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (typeof text === 'string') expect(actual).toBe(text);
  else expect(actual).toMatch(text);
}
