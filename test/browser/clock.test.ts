// The sandbox's simulated clock in Chromium, as an owner uses it: set up, plan and confirm cycle 1
// in the sidebar (which installs the hourly tick), then move the clock on a week: the footer
// reports the ticks that ran, the title bar shows the new date; "Next cycle" says where it goes and
// goes there, showing its progress; no button goes back. Screenshots: test-artifacts/clock-week.png,
// clock-moving.png (a move on its way), clock-cycle.png.
import { sandboxPage } from './harness';
import { SAMPLE_ROSTER_ROWS } from '../../src/local/sample/roster';

jest.setTimeout(60_000);

// Monday 4 January 2027, 08:00 in London (UTC in winter): cycle 1 starts the next Tuesday.
// Short slices: this process serves the sandbox and drives the browser, so it must breathe between them.
const ui = sandboxPage('clock', { clockStart: new Date('2027-01-04T08:00:00Z'), moveSliceMs: 150 });
const { sidebar } = ui;
const groupCount = Math.floor(SAMPLE_ROSTER_ROWS.filter((r) => r[4] !== 'Paused').length / 2);

const clockNow = () => ui.page.locator('#clock-now');
const status = () => ui.page.locator('#status');

it('shows the simulated date, in the spreadsheet\'s zone, with buttons forward only', async () => {
  await ui.open();
  await expect(clockNow().innerText()).resolves.toBe('Mon 4 Jan 2027, 08:00');
  expect(await clockNow().getAttribute('title')).toMatch(/in the spreadsheet's time zone \(Europe\/London\).*There is no way back: time never runs backwards on Google/);
  const labels = await ui.page.locator('#clock button').allInnerTexts();
  expect(labels).toEqual(['+1 hour', '+1 day', '+1 week', 'Next cycle']);
  // Before any cycle, "Next cycle" goes to cycle 1 as the settings have it.
  expect(await ui.page.getByRole('button', { name: 'Next cycle' }).getAttribute('title')).toMatch(/^Cycle 1 starts 2027-01-05 \(no cycle on Rotations yet/);
});

it('+1 hour before the add-on installed its tick says that nothing could run', async () => {
  await ui.page.getByRole('button', { name: '+1 hour' }).click();
  await status().getByText('Moved to Mon 4 Jan 09:00 · no clock trigger installed: nothing ran').waitFor();
  await expect(clockNow().innerText()).resolves.toBe('Mon 4 Jan 2027, 09:00');
});

it('sets up, plans and confirms cycle 1 in the sidebar; the hourly tick is installed', async () => {
  await ui.openSidebar();
  await sidebar().getByRole('button', { name: 'Set up this spreadsheet' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  await sidebar().getByRole('button', { name: 'Plan next rotation' }).click();
  await sidebar().locator('#plan li.group').first().waitFor();
  await sidebar().getByRole('button', { name: 'Confirm' }).click();
  await sidebar().getByText(`Cycle 1: all ${groupCount} groups have their invitations.`).waitFor({ timeout: 30_000 });
  expect(ui.sandbox.workspace().globals.ScriptApp.triggersFor('CLOCK').map((t) => t.handler)).toEqual(['onTick']);
  expect(await ui.page.getByRole('button', { name: 'Next cycle' }).getAttribute('title')).toMatch(
    /^Cycle 1 starts 2027-01-05 \(from Rotations and 6-week cycles\)\. Moves the clock to Tue 5 Jan 2027, 10:00/,
  );
});

it('+1 week runs the tick 168 times, reports it in the footer and shows the new date', async () => {
  const ticksBefore = ui.sandbox.executions().filter((c) => c.name === 'onTick').length;
  await ui.page.getByRole('button', { name: '+1 week' }).click();
  await status().getByText(/^Moved to Mon 11 Jan 09:0\d · /).waitFor({ timeout: 45_000 });
  expect(await status().innerText()).toMatch(/^Moved to Mon 11 Jan 09:0\d · 168 ticks ran, 0 failed$/);
  await expect(clockNow().innerText()).resolves.toMatch(/^Mon 11 Jan 2027, 09:0\d$/);
  expect(ui.sandbox.executions().filter((c) => c.name === 'onTick').length - ticksBefore).toBe(168);
  expect(ui.sandbox.now().toISOString()).toMatch(/^2027-01-11T09:0/);
  // The buttons are back, and cycle 1 (started 5 January) is now running: the next is cycle 2.
  await expect(ui.page.getByRole('button', { name: '+1 week' }).isEnabled()).resolves.toBe(true);
  expect(await ui.page.getByRole('button', { name: 'Next cycle' }).getAttribute('title')).toMatch(/^Cycle 2 starts 2027-02-16 \(from Rotations and 6-week cycles\)/);
  await ui.page.screenshot({ path: 'test-artifacts/clock-week.png' });
});

it('keeps the date across a restart, and "Next cycle" moves to cycle 2\'s first meetings', async () => {
  await ui.restart();
  await ui.open();
  await expect(clockNow().innerText()).resolves.toMatch(/^Mon 11 Jan 2027, 09:0\d$/);
  await ui.page.getByRole('button', { name: 'Next cycle' }).click();
  // About 870 ticks: the move goes in slices, its progress in the footer, the buttons held meanwhile.
  // Read in the page at one moment: the test's own process also serves the sandbox, so it may look late.
  const during = await ui.page.waitForFunction(() => {
    const d = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string; hidden?: boolean; disabled?: boolean } | null; querySelector(s: string): { disabled: boolean } | null } }).document;
    const text = d.getElementById('status')?.textContent ?? '';
    if (!text.startsWith('Moving to')) return null;
    return {
      text,
      clock: d.getElementById('clock-now')?.textContent,
      progressShown: d.getElementById('clock-progress')?.hidden === false,
      hourDisabled: d.querySelector('#clock button[data-by="hour"]')?.disabled,
    };
  });
  expect(await during.jsonValue()).toEqual({
    text: expect.stringMatching(/^Moving to Tue 16 Feb 10:00… · \d+ ticks ran, 0 failed · \d+ to go$/),
    // The date shown follows the move: somewhere between 11 January and 16 February.
    clock: expect.stringMatching(/^(Mon 11|Tue 12|Wed 13|Thu 14|Fri 15|Sat 16|Sun 17|Mon 18|Tue 19|Wed 20|Thu 21|Fri 22|Sat 23|Sun 24|Mon 25|Tue 26|Wed 27|Thu 28|Fri 29|Sat 30|Sun 31) Jan 2027, \d\d:\d\d$|^(Mon 1|Tue 2|Wed 3|Thu 4|Fri 5|Sat 6|Sun 7|Mon 8|Tue 9|Wed 10|Thu 11|Fri 12|Sat 13|Sun 14|Mon 15|Tue 16) Feb 2027, \d\d:\d\d$/),
    progressShown: true,
    hourDisabled: true,
  });
  await ui.page.screenshot({ path: 'test-artifacts/clock-moving.png' });
  await status().getByText(/^Moved to Tue 16 Feb 10:00 · /).waitFor({ timeout: 45_000 });
  await expect(ui.page.locator('#clock-progress').isVisible()).resolves.toBe(false);
  expect(await status().innerText()).toMatch(/^Moved to Tue 16 Feb 10:00 · \d+ ticks ran, 0 failed$/);
  await expect(clockNow().innerText()).resolves.toBe('Tue 16 Feb 2027, 10:00');
  await ui.page.screenshot({ path: 'test-artifacts/clock-cycle.png' });
});
