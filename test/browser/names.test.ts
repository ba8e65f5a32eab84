// L5 (issue 12, item 9): names with bidi controls, right-to-left letters, and a 50,000-character
// name, walked in Chromium. The roster read strips the controls (core/text.ts), so the sidebar and
// the event titles show the names in order; the sidebar isolates each name (<bdi dir="auto">) and
// clips a long one with an ellipsis without widening the panel; the sheet keeps the full text.
// Screenshots: test-artifacts/names-long.png (the clipped name), names-calendar.png (the titles).
import { SAMPLE_ROSTER_ROWS } from '../../src/local/sample/roster';
import { sandboxPage } from './harness';

jest.setTimeout(90_000);

const ui = sandboxPage('names');
const { sidebar } = ui;

const RLO = '\u202E';
/** Ben's name with a right-to-left override in it: shown as typed, it would read "Ben reltihW". */
const BEN = `Ben ${RLO}Whitfield\u202C\u0007`;
const HEBREW = 'רוהן מהטה';
/** As long as a Sheets cell holds: 50,000 characters. */
const LONG = `Tom ${'Gallagher-'.repeat(5000)}`.slice(0, 50_000);
const row = (email: string) => SAMPLE_ROSTER_ROWS.findIndex((r) => r[1] === email) + 2;
const BEN_ROW = row('ben.whitfield@example.com');
const ROHAN_ROW = row('rohan.mehta@example.com');
const TOM_ROW = row('tom.gallagher@example.com');

function setCell(r: number, c: number, value: string): void {
  const ws = ui.sandbox.workspace();
  ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Roster')!.getRange(r, c).setValue(value));
}

const groups = () => sidebar().locator('#plan li.group');

it('shows names in order, each isolated, and clips a 50,000-character name without widening the sidebar', async () => {
  expect(LONG.length).toBe(50_000);
  await ui.openSidebar();
  await sidebar().getByRole('button', { name: 'Set up this spreadsheet' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  setCell(BEN_ROW, 1, BEN);
  setCell(ROHAN_ROW, 1, HEBREW);
  setCell(TOM_ROW, 1, LONG);
  await sidebar().getByRole('button', { name: 'Check again' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  await sidebar().getByRole('button', { name: 'Plan next rotation' }).click();
  await groups().first().waitFor();

  // No bidi control reaches the sidebar: Ben's name reads in order.
  const text = await sidebar().locator('body').innerText();
  expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0000-\u0008]/);
  const ben = sidebar().locator('button.member', { hasText: 'Ben Whitfield' });
  expect(await ben.innerText()).toBe('Ben Whitfield');
  // Each name is isolated with its own direction.
  const rohan = sidebar().locator('button.member bdi', { hasText: HEBREW });
  expect(await rohan.getAttribute('dir')).toBe('auto');
  expect(await rohan.innerText()).toBe(HEBREW);

  // The long name: one line, clipped, the start of it in the tooltip; the panel is as wide as before.
  const tom = sidebar().locator('button.member bdi', { hasText: 'Tom Gallagher-Gallagher' });
  const title = (await tom.getAttribute('title'))!;
  expect(title.length).toBe(201);
  expect(title.endsWith('…')).toBe(true);
  expect(LONG.startsWith(title.slice(0, 200))).toBe(true);
  const frame = ui.page.frames().find((f) => f.url().includes('/sidebar'))!;
  const layout = await frame.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelector(s: string): { getBoundingClientRect(): { right: number; height: number; width: number } } } }).document;
    const card = d.querySelector('#plan').getBoundingClientRect();
    const name = d.querySelector('button.member bdi[title$="…"]').getBoundingClientRect();
    return { scrollWidth: d.documentElement.scrollWidth, clientWidth: d.documentElement.clientWidth, cardRight: card.right, nameRight: name.right, nameHeight: name.height };
  });
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
  expect(layout.nameRight).toBeLessThanOrEqual(layout.cardRight);
  expect(layout.nameHeight).toBeLessThan(30); // one line
  await tom.scrollIntoViewIfNeeded();
  await ui.page.screenshot({ path: 'test-artifacts/names-long.png' });

  // The sheet keeps the full text.
  const ws = ui.sandbox.workspace();
  expect(ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Roster')!.getRange(TOM_ROW, 1).getValue())).toBe(LONG);
});

it('books events whose titles show the names in order, a right-to-left name isolated', async () => {
  setCell(TOM_ROW, 1, 'Tom Gallagher');
  await sidebar().getByRole('button', { name: 'Re-plan the rest' }).click();
  await sidebar().locator('button.member', { hasText: /^Tom Gallagher$/ }).waitFor();
  await sidebar().getByRole('button', { name: 'Confirm' }).click();
  await sidebar().getByText(/all \d+ groups have their invitations/).waitFor({ timeout: 60_000 });

  const calendar = await ui.newTab(() => ui.page.getByRole('link', { name: 'Calendars' }).click());
  await calendar.locator('article.person').first().waitFor();
  const titles = await calendar.locator('article.person[data-email="owner@example.com"] .event-title').allInnerTexts();
  expect(titles.join('\n')).not.toContain(RLO);
  expect(titles.some((t) => /Peer coaching: .*Ben Whitfield/.test(t))).toBe(true);
  expect(titles.some((t) => t.includes(`\u2068${HEBREW}\u2069`))).toBe(true);
  await calendar.locator('.event-title', { hasText: HEBREW }).first().scrollIntoViewIfNeeded();
  await calendar.screenshot({ path: 'test-artifacts/names-calendar.png' });
});

it('a roster problem quoting typed text shows its control characters, never applies them', async () => {
  setCell(row('maya.johnson@example.com'), 2, `maya ${RLO}johnson@example.com`);
  await ui.page.bringToFront();
  await sidebar().getByRole('button', { name: 'Check again' }).click();
  const problem = sidebar().locator('#roster button.problem').first();
  await problem.waitFor();
  expect(await problem.locator('.what').innerText()).toBe('email "maya ⟨U+202E⟩johnson@example.com" is not an address');
  expect(await sidebar().locator('body').innerText()).not.toContain(RLO);
});
