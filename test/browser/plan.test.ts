// L5: planning the next rotation walked in Chromium as the owner would: set up, plan, swap two
// people, lock a group, re-plan the rest, confirm, and see the Rotations rows in the grid.
// Screenshots: test-artifacts/plan-preview.png (the re-planned preview), test-artifacts/plan.png.
import { SAMPLE_ROSTER_ROWS } from '../../src/local/sample/roster';
import { sandboxPage } from './harness';

jest.setTimeout(30_000);

const ui = sandboxPage('plan');
const { cell, sidebar } = ui;
const groups = () => sidebar().locator('#plan li.group');

/** Each group's member names, as shown. */
async function shown(): Promise<string[][]> {
  const out: string[][] = [];
  for (const g of await groups().all()) out.push(await g.locator('button.member').allInnerTexts());
  return out;
}

const sorted = (gs: string[][]) => gs.map((g) => g.slice().sort().join(' + ')).sort();

const active = SAMPLE_ROSTER_ROWS.filter((r) => r[4] !== 'Paused');
const groupCount = Math.floor(active.length / 2);

it('sets up and plans the next rotation: every active person once, each group with its reason', async () => {
  await ui.openSidebar();
  await sidebar().getByRole('button', { name: 'Set up this spreadsheet' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  await sidebar().getByRole('button', { name: 'Plan next rotation' }).click();
  await groups().first().waitFor();
  expect(await groups().count()).toBe(groupCount);
  const names = (await shown()).flat().sort();
  expect(names).toEqual(active.map((r) => r[0]).sort());
  await sidebar().getByText(/^Cycle 1: \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}, 6 meetings\.$/).waitFor();
});

it('swaps two people, locks a group, and re-plans the rest keeping the locked groups', async () => {
  const before = await shown();
  const avoid = new Set(['Farah Haddad', 'Jonas Becker']);
  const a = before[0].find((n) => !avoid.has(n))!;
  const b = before[1].find((n) => !avoid.has(n))!;
  await groups().nth(0).getByRole('button', { name: a }).click();
  await groups().nth(1).getByRole('button', { name: b }).click();
  const swapped = await shown();
  expect(swapped[0]).toContain(b);
  expect(swapped[1]).toContain(a);
  await expect(groups().nth(0).getByText('Swapped by hand.').count()).resolves.toBe(1);
  await groups().nth(2).getByRole('checkbox').check();
  const locked = [swapped[0], swapped[1], swapped[2]];

  await sidebar().getByRole('button', { name: 'Re-plan the rest' }).click();
  await sidebar().getByText('Swapped by hand.').first().waitFor({ state: 'detached' }); // the server's plan is shown
  const after = await shown();
  expect(after.flat().sort()).toEqual(active.map((r) => r[0]).sort());
  const lockedAfter: string[][] = [];
  for (const g of await groups().all()) {
    if (await g.locator('.badge', { hasText: 'Locked' }).count()) lockedAfter.push(await g.locator('button.member').allInnerTexts());
  }
  expect(sorted(lockedAfter)).toEqual(sorted(locked));
  await sidebar().locator('#plan').scrollIntoViewIfNeeded();
  await ui.page.screenshot({ path: 'test-artifacts/plan-preview.png' });
});

it('confirms and books the invitations, and the Rotations tab shows the cycle\'s rows', async () => {
  const planned = await shown();
  await sidebar().getByRole('button', { name: 'Confirm' }).click();
  await sidebar().getByText(`Cycle 1 confirmed: ${groupCount} groups written to Rotations.`).waitFor();
  expect(await groups().count()).toBe(0);
  // Confirming goes on to book the invitations: wait until every group has its series.
  await sidebar().getByText(`Cycle 1: all ${groupCount} groups have their invitations.`).waitFor();

  await ui.page.getByRole('tab', { name: 'Rotations' }).click();
  // Wait for the Rotations grid itself: row 2 of the Roster grid is there until the page redraws.
  await cell(1, 1).filter({ hasText: /^Cycle$/ }).waitFor();
  const byName = new Map(SAMPLE_ROSTER_ROWS.map((r) => [r[0], r[1]]));
  const rows: string[][] = [];
  for (let r = 2; r < 2 + groupCount; r++) {
    expect(await cell(r, 1).innerText()).toBe('1');
    expect(await cell(r, 4).innerText()).toBe(`C1-0${r - 1}`);
    expect(await cell(r, 10).innerText()).toBe('scheduled');
    rows.push([await cell(r, 5).innerText(), await cell(r, 6).innerText(), await cell(r, 7).innerText()].filter((e) => e !== ''));
  }
  expect(sorted(rows)).toEqual(sorted(planned.map((g) => g.map((n) => byName.get(n)!))));
  expect(await cell(2 + groupCount, 1).innerText()).toBe('');
  await ui.page.screenshot({ path: 'test-artifacts/plan.png' });
});
