// One sandbox and one Chromium page per test file, with the moves a person makes: open the page,
// open the sidebar from the add-on menu, type into a cell. Registers its own beforeAll/afterAll.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../src/local/sandbox/server';
import { launchChromium, type LaunchedBrowser } from './chromium';

export interface SandboxPage {
  readonly page: Page;
  readonly sandbox: Sandbox;
  /** A grid cell by spreadsheet row and column numbers. */
  cell(row: number, column: number): Locator;
  /** The sidebar's frame. */
  sidebar(): FrameLocator;
  /** Loads the sandbox page and waits until it has drawn the spreadsheet. */
  open(): Promise<void>;
  /** Opens the page, then Extensions › the add-on › Open. */
  openSidebar(): Promise<void>;
  /** Types `text` into a cell as a person would (double-click, type, Enter). */
  type(row: number, column: number, text: string): Promise<void>;
  /** Stops the sandbox and starts it again on the same state file. */
  restart(): Promise<void>;
  /** Runs `action` (a click on a link that opens a new tab) and returns the new tab once it has loaded. */
  newTab(action: () => Promise<unknown>): Promise<Page>;
  /** Every URL the browser requested so far, from any tab or frame. */
  requests(): string[];
  /**
   * The grid of the sheet shown, as drawn: one record per row below the header (row 1), keyed by
   * the header's text, up to the last row with any text.
   */
  records(): Promise<Array<Record<string, string>>>;
}

/**
 * A fresh sandbox (reset to the sample) and a 1280×900 page, for the test file that calls it.
 * `clockStart` fixes where the sandbox's simulated clock starts (default: the machine's now);
 * `moveSliceMs`, how long one request moving the clock runs (server.ts).
 */
export function sandboxPage(name: string, options: { clockStart?: Date; moveSliceMs?: number } = {}): SandboxPage {
  let chromium: LaunchedBrowser | undefined;
  let context: BrowserContext;
  let page: Page;
  let sandbox: Sandbox | undefined;
  let stateDir = '';
  const requested: string[] = [];
  const statePath = () => path.join(stateDir, 'state.json');

  beforeAll(async () => {
    mkdirSync('test-artifacts', { recursive: true });
    stateDir = mkdtempSync(path.join(tmpdir(), `peer-coaching-${name}-`));
    sandbox = await startSandbox({ port: 0, statePath: statePath(), reset: true, ...options });
    chromium = await launchChromium();
    context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    context.on('request', (request) => requested.push(request.url()));
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  }, 30_000);

  afterAll(async () => {
    await chromium?.close();
    await sandbox?.close();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  const self: SandboxPage = {
    get page() {
      return page;
    },
    get sandbox() {
      return sandbox!;
    },
    cell: (row, column) => page.locator(`#grid td[data-row="${row}"][data-col="${column}"]`),
    sidebar: () => page.frameLocator('#sidebar-frame'),
    async open() {
      await page.goto(sandbox!.url);
      await page.locator('body[data-ready="true"]').waitFor();
    },
    async openSidebar() {
      await self.open();
      await page.getByRole('button', { name: 'Extensions' }).click();
      await page.locator('#menu-popup > .menu-item').first().click();
      await page.getByRole('menuitem', { name: 'Open' }).click();
      await page.locator('#sidebar-frame').waitFor();
    },
    async type(row, column, text) {
      await self.cell(row, column).dblclick();
      const editor = page.locator('#grid td.editing input');
      await editor.fill(text);
      await editor.press('Enter');
      await page.locator('#grid td.editing').waitFor({ state: 'detached' });
    },
    async restart() {
      await sandbox?.close();
      sandbox = await startSandbox({ port: 0, statePath: statePath(), moveSliceMs: options.moveSliceMs });
    },
    async newTab(action) {
      const [tab] = await Promise.all([context.waitForEvent('page'), action()]);
      tab.setDefaultTimeout(10_000);
      await tab.waitForLoadState();
      return tab;
    },
    requests: () => requested.slice(),
    async records() {
      // Runs in the page (this config has no DOM types): the table's rows, each row's cell texts.
      type Element = { querySelectorAll(selector: string): ArrayLike<Element>; textContent: string | null };
      const rows = await page.locator('#grid tbody').evaluate((body: unknown) =>
        Array.from((body as Element).querySelectorAll('tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')),
      );
      const [header = [], ...data] = rows;
      while (data.length > 0 && data[data.length - 1].every((text) => text === '')) data.pop();
      return data.map((row) => Object.fromEntries(header.flatMap((h, i) => (h === '' ? [] : [[h, row[i] ?? '']]))));
    },
  };
  return self;
}
