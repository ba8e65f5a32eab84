// L5: the roster check walked in Chromium as the owner would: set up, break two rows in the grid,
// check the roster, see each problem with its row, click one and see that row selected. A name or
// email holding HTML stays text in the sidebar. Screenshot: test-artifacts/roster-check.png.
import { SAMPLE_ROSTER_ROWS } from '../../src/local/sample/roster';
import { sandboxPage } from './harness';

jest.setTimeout(30_000);
const XSS = '<img src=x onerror="window.__xss=1">';

const ui = sandboxPage('roster');
const { cell, sidebar, type } = ui;

it('sets up, then finds no problem in the sample roster', async () => {
  await ui.openSidebar();
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
  const frame = await (await ui.page.locator('#sidebar-frame').elementHandle())!.contentFrame();
  expect(await frame!.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

it('selects the row of the problem clicked', async () => {
  await sidebar().locator('#roster button.problem', { hasText: 'Row 3' }).click();
  await cell(3, 1).and(ui.page.locator('.in-range')).waitFor();
  expect(ui.sandbox.workspace().spreadsheet.getActiveRange()?.getA1Notation()).toBe('A3:H3');
  expect(await cell(2, 1).getAttribute('class')).not.toContain('in-range');
  await ui.page.screenshot({ path: 'test-artifacts/roster-check.png' });
});
