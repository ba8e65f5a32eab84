// L5: the program owner's first hour in one walk (issue 4, item 7): set up, see a roster error,
// fix it in the sandbox's grid, plan, swap two people, confirm, see the Rotations rows. A roster
// name holding HTML shows as text all the way. Screenshot: test-artifacts/walk.png.
import { SAMPLE_ROSTER_ROWS } from '../../src/local/sample/roster';
import { sandboxPage } from './harness';

jest.setTimeout(60_000);
const HOSTILE = '<img src=x onerror="window.__xss=1">';

const ui = sandboxPage('walk');
const { cell, sidebar, type } = ui;
const groups = () => sidebar().locator('#plan li.group');

it('walks from a messy roster to a confirmed rotation', async () => {
  await ui.openSidebar();
  await sidebar().getByRole('button', { name: 'Set up this spreadsheet' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();

  // A typo in an email and a name that holds HTML, typed into the grid.
  const ben = SAMPLE_ROSTER_ROWS[1][1];
  await type(3, 2, ben.replace('.com', ''));
  await type(4, 1, HOSTILE);
  await sidebar().getByRole('button', { name: 'Check again' }).click();
  await sidebar().locator('#roster button.problem', { hasText: 'Row 3' }).waitFor();
  await expect(sidebar().getByRole('button', { name: 'Plan next rotation' }).count()).resolves.toBe(1);

  // Planning refuses while the roster is invalid, and says what to do.
  await sidebar().getByRole('button', { name: 'Plan next rotation' }).click();
  await sidebar().getByRole('alert').filter({ hasText: /roster problem/ }).waitFor();

  // Fixed in the grid, the roster checks clean.
  await type(3, 2, ben);
  await sidebar().getByRole('button', { name: 'Check again' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();

  // Plan: the hostile name is a button's text, never markup.
  await sidebar().getByRole('button', { name: 'Plan next rotation' }).click();
  await groups().first().waitFor();
  await sidebar().getByRole('button', { name: HOSTILE }).waitFor();
  expect(await sidebar().locator('img').count()).toBe(0);

  // Swap two people from different groups.
  const first = await groups().nth(0).locator('button.member').allInnerTexts();
  const second = await groups().nth(1).locator('button.member').allInnerTexts();
  const avoid = new Set(['Farah Haddad', 'Jonas Becker']);
  const a = first.find((n) => !avoid.has(n))!;
  const b = second.find((n) => !avoid.has(n))!;
  await groups().nth(0).getByRole('button', { name: a, exact: true }).click();
  await groups().nth(1).getByRole('button', { name: b, exact: true }).click();
  expect(await groups().nth(0).locator('button.member').allInnerTexts()).toContain(b);

  // Confirm: the Rotations tab holds the cycle, with the swap.
  await sidebar().getByRole('button', { name: 'Confirm' }).click();
  await sidebar().getByText(/^Cycle 1 confirmed: \d+ groups written to Rotations\.$/).waitFor();
  await ui.page.getByRole('tab', { name: 'Rotations' }).click();
  await cell(2, 4).filter({ hasText: 'C1-01' }).waitFor();
  const emailOf = new Map(SAMPLE_ROSTER_ROWS.map((r) => [r[0], r[1]]));
  emailOf.set(HOSTILE, SAMPLE_ROSTER_ROWS[2][1]); // the name typed into row 4
  const rows: string[][] = [];
  for (let r = 2; r <= 7; r++) rows.push([await cell(r, 5).innerText(), await cell(r, 6).innerText(), await cell(r, 7).innerText()]);
  // b now sits with the rest of the first group (a moved out of it).
  const withB = rows.find((row) => row.includes(emailOf.get(b)!))!;
  for (const name of first.filter((n) => n !== a)) expect(withB).toContain(emailOf.get(name));
  expect(withB).not.toContain(emailOf.get(a));
  const frame = await (await ui.page.locator('#sidebar-frame').elementHandle())!.contentFrame();
  expect(await frame!.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await ui.page.screenshot({ path: 'test-artifacts/walk.png' });
});
