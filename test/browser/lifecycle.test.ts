// L5: the lifecycle controls in Chromium (issue 11): the settings' lifecycle fields saved; "Apply
// roster changes now" showing what changed (the server function is faked at the google.script.run
// level until app/roster-changes.ts is an entry point: its message and notes must show as text);
// "Cancel this cycle" behind a confirm step, after which the booking step takes the meetings off
// and the latest Log entries show it; who runs the program, and "Take over" (with its confirm
// step) for another editor. Screenshots: test-artifacts/lifecycle-cancel-confirm.png,
// lifecycle-log.png, lifecycle-take-over.png.
import type { Route } from 'playwright-core';
import { SAMPLE_ROSTER_ROWS } from '../../src/local/sample/roster';
import { sandboxPage } from './harness';

jest.setTimeout(90_000);

const ui = sandboxPage('lifecycle');
const { sidebar } = ui;
const OWNER = 'owner@example.com';
const OTHER = 'other.editor@example.com';
const groupCount = Math.floor(SAMPLE_ROSTER_ROWS.filter((r) => r[4] !== 'Paused').length / 2);
const HOSTILE = 'Ann <img src=x onerror="window.__xss=1"> leaves';

const button = (name: string | RegExp) => sidebar().getByRole('button', { name, exact: typeof name === 'string' });
const props = () => ui.sandbox.workspace().ledger.untracked(() => ui.sandbox.workspace().globals.PropertiesService.getDocumentProperties().getProperties());

/** Fakes applyRosterChanges at the google.script.run level: listed as a server function, answered by the page's route. */
async function fakeApplyRosterChanges(calls: string[]): Promise<void> {
  await ui.page.route(/\/sidebar(\?.*)?$/, async (route: Route) => {
    const response = await route.fetch();
    const body = await response.text();
    const listed = /\{"functions":\[[^\]]*"applyRosterChanges"/.test(body); // once the lead's entry point is merged
    await route.fulfill({ response, body: listed ? body : body.replace('{"functions":[', '{"functions":["applyRosterChanges",') });
  });
  await ui.page.route(/\/api\/run$/, async (route: Route) => {
    const request = route.request().postDataJSON() as { name: string };
    if (request.name !== 'applyRosterChanges') return route.continue();
    calls.push(request.name);
    const value = {
      cycle: 1,
      changed: true,
      message: 'Cycle 1 changed from 2027-01-12: 1 person left, their partner joined another group.',
      notes: [HOSTILE, 'Bo Chen joins C1-02 as its third from 2027-01-12.'],
      schedule: null,
    };
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, hasValue: true, value, report: null }) });
  });
}

it('books cycle 1; the Organizer card says the owner runs it', async () => {
  await ui.openSidebar();
  await button('Set up this spreadsheet').click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  await button('Plan next rotation').click();
  await sidebar().locator('#plan li.group').first().waitFor();
  await button('Confirm').click();
  await sidebar().getByText(`Cycle 1: all ${groupCount} groups have their invitations.`).waitFor({ timeout: 30_000 });
  expect(props()['program.organizer']).toBe(OWNER);
  // The cards load on open: reload so the Organizer card has the recorded organizer.
  await ui.openSidebar();
  await sidebar().locator('#organizer-who').filter({ hasText: 'run this program: its invitations come from your calendar' }).waitFor();
  expect(await sidebar().locator('#organizer-who').innerText()).toContain(OWNER);
  expect(await button('Take over').count()).toBe(0);
  await sidebar().locator('#lifecycle h2').filter({ hasText: 'Cycle 1' }).waitFor();
});

it('saves the lifecycle settings, refusing a bad one with its field named', async () => {
  await sidebar().locator('#settings summary').click();
  expect(await sidebar().locator('select[name=nextCycle]').inputValue()).toBe('automatic');
  expect(await sidebar().locator('input[name=headsUpDays]').inputValue()).toBe('7');
  expect(await sidebar().locator('input[name=noticeDays]').inputValue()).toBe('3');
  expect(await sidebar().locator('input[name=newcomersJoinRunningCycle]').isChecked()).toBe(true);
  await sidebar().locator('input[name=noticeDays]').fill('20');
  await button('Save settings').click();
  await sidebar().locator('#settings .card-error').filter({ hasText: /notice|Book the next cycle/i }).waitFor();
  await sidebar().locator('select[name=nextCycle]').selectOption('manual');
  await sidebar().locator('input[name=headsUpDays]').fill('10');
  await sidebar().locator('input[name=noticeDays]').fill('4');
  await sidebar().locator('input[name=newcomersJoinRunningCycle]').uncheck();
  await button('Save settings').click();
  await sidebar().getByText('Settings saved.').waitFor();
  const stored = JSON.parse(props().settings) as Record<string, unknown>;
  expect(stored).toMatchObject({ nextCycle: 'manual', headsUpDays: 10, noticeDays: 4, newcomersJoinRunningCycle: false });
  await sidebar().locator('#settings summary').click();
});

it('saves "Skip these dates", refusing a date that does not exist with the fix named', async () => {
  await sidebar().locator('#settings summary').click();
  await sidebar().getByText('Day, time, length and cadence apply from the next cycle').waitFor();
  await sidebar().locator('input[name=skipDates]').fill('2027-02-30');
  await button('Save settings').click();
  await sidebar().locator('#settings .card-error').filter({ hasText: /Skip these dates/ }).waitFor();
  await sidebar().locator('input[name=skipDates]').fill('2027-12-21..2028-01-03, 2027-04-05');
  await sidebar().locator('input[name=keepMeetingCount]').uncheck();
  await button('Save settings').click();
  await sidebar().getByText('Settings saved.').waitFor();
  const stored = JSON.parse(props().settings) as Record<string, unknown>;
  expect(stored).toMatchObject({ skipDates: '2027-04-05, 2027-12-21..2028-01-03', keepMeetingCount: false });
  await sidebar().locator('#settings summary').click();
});

it('"Apply roster changes now" shows what changed, as text', async () => {
  const calls: string[] = [];
  await fakeApplyRosterChanges(calls);
  await ui.openSidebar();
  await button('Apply roster changes now').click();
  await sidebar().locator('#lifecycle-result').filter({ hasText: 'Cycle 1 changed from 2027-01-12' }).waitFor();
  expect(await sidebar().locator('#lifecycle-notes li').allInnerTexts()).toEqual([HOSTILE, 'Bo Chen joins C1-02 as its third from 2027-01-12.']);
  expect(calls).toEqual(['applyRosterChanges']);
  const frame = ui.page.frames().find((f) => f.url().includes('/sidebar'));
  expect(await frame!.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await sidebar().locator('#lifecycle img').count()).toBe(0);
  await ui.page.unrouteAll();
});

it('"Cancel this cycle" asks first; confirmed, the meetings come off and the Log shows it', async () => {
  await ui.openSidebar();
  await button('Cancel this cycle').click();
  await sidebar().locator('#cancel-confirm').waitFor();
  await sidebar().locator('#lifecycle').scrollIntoViewIfNeeded();
  await ui.page.screenshot({ path: 'test-artifacts/lifecycle-cancel-confirm.png' });
  await button('Keep the cycle').click();
  await sidebar().locator('#cancel-confirm').waitFor({ state: 'detached' });
  const ws = ui.sandbox.workspace();
  expect(ws.calendar.eventsOn(OWNER)).toHaveLength(groupCount); // nothing cancelled

  await button('Cancel this cycle').click();
  await button('Yes, cancel cycle 1').click();
  await sidebar().locator('#lifecycle-result').filter({ hasText: `Cycle 1 is cancelled: ${groupCount} groups.` }).waitFor();
  // The booking step that follows takes the series off the calendars.
  await sidebar().getByText(/cancelled invitations? (was|were) removed from calendars/).waitFor({ timeout: 30_000 });
  expect(ws.calendar.eventsOn(OWNER)).toHaveLength(0);
  await sidebar().locator('#log summary').click();
  const entry = sidebar().locator('#log .log-entry').first();
  expect(await entry.locator('.log-action').innerText()).toMatch(/^cancel cycle 1\s+ok$/);
  expect(await entry.locator('.log-detail').innerText()).toContain(`Cycle 1 is cancelled: ${groupCount} groups.`);
  await sidebar().locator('#lifecycle').scrollIntoViewIfNeeded();
  await ui.page.screenshot({ path: 'test-artifacts/lifecycle-log.png' });
});

it('another editor sees who runs the program and takes it over after a confirm step', async () => {
  // The program was recorded as someone else's (another editor set it up).
  ui.sandbox.workspace().ledger.untracked(() => ui.sandbox.workspace().globals.PropertiesService.getDocumentProperties().setProperty('program.organizer', OTHER));
  await ui.openSidebar();
  await sidebar().locator('#organizer-who').filter({ hasText: `${OTHER} runs this program` }).waitFor();
  await button('Take over').click();
  await sidebar().locator('#takeover-confirm').waitFor();
  expect(await sidebar().locator('#takeover-confirm').innerText()).toContain(`${OTHER}’s are removed by their next hourly run`);
  await sidebar().locator('#organizer').scrollIntoViewIfNeeded();
  await ui.page.screenshot({ path: 'test-artifacts/lifecycle-take-over.png' });
  await button('Keep it as it is').click();
  await sidebar().locator('#takeover-confirm').waitFor({ state: 'detached' });
  expect(props()['program.organizer']).toBe(OTHER);
  await button('Take over').click();
  await button('Yes, take over').click();
  await sidebar().getByText('You now run this program: the meetings still to come are booked from your calendar.').waitFor();
  await sidebar().locator('#organizer-who').filter({ hasText: 'run this program: its invitations come from your calendar' }).waitFor();
  expect(props()['program.organizer']).toBe(OWNER);
  await sidebar().locator('#log summary').click();
  expect(await sidebar().locator('#log .log-entry').first().locator('.log-action').innerText()).toMatch(/^take over the program\s+ok$/);
});
