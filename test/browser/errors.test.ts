// L5 (issue 12, item 4): every sidebar action's failure path, walked in Chromium. The server is
// made to fail (a fault armed in the emulation's ledger: the action's next service call throws, or
// a value the server refuses), and the message must show inside the action's own card, next to
// its buttons, and still be there after the booking loop (the progress loop) and a few seconds of
// polling have run, until the owner acts in that card again.
// Screenshot: test-artifacts/errors-confirm.png (a refused confirm, its message in the plan card).
import type { Locator } from 'playwright-core';
import { sandboxPage } from './harness';

jest.setTimeout(90_000);

const ui = sandboxPage('errors');
const { sidebar } = ui;

/** The next service call of the add-on (whichever execution makes it) throws `message`. */
function failNext(message: string, kind?: string): void {
  ui.sandbox.workspace().ledger.failAt(1, { kind, error: new Error(message) });
}

/** A Calendar API error as the advanced service throws it (a GoogleJsonResponseException). */
function calendarError(code: number, reason: string, message: string): Error {
  return Object.assign(new Error(`API call to calendar.events.insert failed with error: ${message}`), {
    details: { code, message, errors: [{ reason, message }] },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the sidebar has no disabled button (no action or booking running), twice in a row. */
async function idle(): Promise<void> {
  let calm = 0;
  const deadline = Date.now() + 60_000;
  while (calm < 2) {
    if (Date.now() > deadline) throw new Error('The sidebar stayed busy');
    const busy = await sidebar().locator('button:disabled').count();
    calm = busy === 0 ? calm + 1 : 0;
    await sleep(250);
  }
}

const alertIn = (card: string): Locator => sidebar().locator(`#${card} .card-error`);

/**
 * The card's message says `text`, inside the card's box; the top alert is not used; and it is still
 * there after `settle` ms of the sidebar's own activity (polling, the booking loop).
 */
async function expectCardError(card: string, text: string | RegExp, settle = 4000): Promise<void> {
  const alert = alertIn(card);
  await alert.filter({ hasText: text }).waitFor({ timeout: 30_000 });
  await idle();
  await sleep(settle);
  expect(await alert.count()).toBe(1);
  expect(await alert.isVisible()).toBe(true);
  const shown = await alert.locator('.error-text').innerText();
  if (typeof text === 'string') expect(shown).toContain(text);
  else expect(shown).toMatch(text);
  const cardBox = (await sidebar().locator(`#${card}`).boundingBox())!;
  const box = (await alert.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(cardBox.y);
  expect(box.y + box.height).toBeLessThanOrEqual(cardBox.y + cardBox.height);
  expect(box.x).toBeGreaterThanOrEqual(cardBox.x);
  expect(box.x + box.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
  expect(await sidebar().locator('#error').isVisible()).toBe(false);
}

const button = (name: string | RegExp) => sidebar().getByRole('button', { name, exact: typeof name === 'string' });
const groups = () => sidebar().locator('#plan li.group');

it('set-up: a failure shows in the Program card and stays until set-up is clicked again', async () => {
  await ui.openSidebar();
  await button('Check again').waitFor(); // the sidebar has loaded and checked the roster
  await idle();
  failNext('Set-up failed: the spreadsheet service is unavailable (injected).');
  await button('Set up this spreadsheet').click();
  await expectCardError('program', 'Set-up failed: the spreadsheet service is unavailable (injected).');
  await button('Set up this spreadsheet').click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  await idle();
  expect(await alertIn('program').count()).toBe(0);
});

it('roster check: a failure shows in the Roster card', async () => {
  failNext('The roster could not be read (injected).');
  await button('Check again').click();
  await expectCardError('roster', 'The roster could not be read (injected).');
  // Dismiss takes it away.
  await alertIn('roster').getByRole('button', { name: 'Dismiss this message' }).click();
  expect(await alertIn('roster').count()).toBe(0);
});

it('save settings: a refused value shows in the Settings card, next to Save', async () => {
  await sidebar().locator('#settings summary').click();
  await sidebar().getByLabel('Cycle length (weeks)').fill('0');
  await button('Save settings').click();
  await expectCardError('settings', 'Cycle length');
  await sidebar().getByLabel('Cycle length (weeks)').fill('6');
  // The message stays while the owner works elsewhere (checked again after booking, below).
});

it('plan: a failure shows in the Next rotation card; planning again clears it', async () => {
  failNext('Planning failed (injected).');
  await button('Plan next rotation').click();
  await expectCardError('plan', 'Planning failed (injected).');
  await button('Plan next rotation').click();
  await groups().first().waitFor();
  await idle();
  expect(await alertIn('plan').count()).toBe(0);
  expect(await alertIn('settings').count()).toBe(1); // another card's action never clears it
});

it('swap: a swap that breaks an avoid list is refused on confirm, in the Next rotation card', async () => {
  // Farah's avoid list names Jonas: put them together by hand.
  const names = async () => Promise.all((await groups().all()).map((g) => g.locator('button.member').allInnerTexts()));
  const before = await names();
  const farah = before.findIndex((g) => g.includes('Farah Haddad'));
  const partner = before[farah].find((n) => n !== 'Farah Haddad')!;
  const jonasGroup = before.findIndex((g) => g.includes('Jonas Becker'));
  await groups().nth(farah).getByRole('button', { name: partner }).click();
  await groups().nth(jonasGroup).getByRole('button', { name: 'Jonas Becker' }).click();
  expect((await names())[farah].sort()).toEqual(['Farah Haddad', 'Jonas Becker']);
  await button('Confirm').click();
  await expectCardError('plan', /cannot be confirmed/);
  expect(await groups().count()).toBeGreaterThan(0); // the preview is still there to fix
});

it('lock: re-planning the rest with locked groups, when it fails, shows in the card and keeps the locks', async () => {
  // Unlock the swapped groups (one breaks an avoid list), then lock one the planner made.
  for (const box of await groups().getByRole('checkbox').all()) if (await box.isChecked()) await box.uncheck();
  expect(await alertIn('plan').count()).toBe(0); // acting in the card (a lock) cleared the old message
  const free = (await Promise.all((await groups().all()).map((g) => g.locator('button.member').allInnerTexts()))).findIndex(
    (g) => !g.includes('Farah Haddad') && !g.includes('Jonas Becker'),
  );
  await groups().nth(free).getByRole('checkbox').check();
  const locked = (await groups().nth(free).locator('button.member').allInnerTexts()).sort();
  failNext('Re-planning failed (injected).');
  await button('Re-plan the rest').click();
  await expectCardError('plan', 'Re-planning failed (injected).');
  expect(await groups().nth(free).getByRole('checkbox').isChecked()).toBe(true);
  await button('Re-plan the rest').click();
  await sidebar().getByText('Swapped by hand.').first().waitFor({ state: 'detached' });
  await idle();
  expect(await alertIn('plan').count()).toBe(0);
  const kept = [];
  for (const g of await groups().all()) {
    if (await g.locator('.badge', { hasText: 'Locked' }).count()) kept.push((await g.locator('button.member').allInnerTexts()).sort());
  }
  expect(kept).toEqual([locked]);
});

it('confirm: a failure shows in the Next rotation card and the booking loop does not clear it', async () => {
  failNext('Confirming failed: the Rotations sheet could not be written (injected).');
  await button('Confirm').click();
  await expectCardError('plan', 'Confirming failed: the Rotations sheet could not be written (injected).', 6000);
  await sidebar().locator('#plan').scrollIntoViewIfNeeded();
  await ui.page.screenshot({ path: 'test-artifacts/errors-confirm.png' });
});

it('scheduling step: a failed chunk shows in the Invitations card; Continue books the rest', async () => {
  // Confirm goes through; the first chunk of booking fails outside Calendar's own answers.
  failNext('Booking stopped: the document lock was lost (injected).', 'Calendar.Events.insert');
  await button('Confirm').click();
  await sidebar().getByText(/^Cycle 1 confirmed/).waitFor();
  await expectCardError('schedule', 'Booking stopped: the document lock was lost (injected).');
  await ui.page.screenshot({ path: 'test-artifacts/errors-step.png' });
  // The settings message survived the whole booking loop.
  expect(await alertIn('settings').locator('.error-text').innerText()).toContain('Cycle length');

  // Continue: Calendar refuses every invitation for a while (group errors, with Retry).
  const ledger = ui.sandbox.workspace().ledger;
  for (let k = 1; k <= 30; k++) ledger.failAt(k, { kind: 'Calendar.Events.insert', error: calendarError(400, 'invalid', 'Invalid attendee email.') });
  await button('Continue booking').click();
  await button('Retry the failed groups').waitFor({ timeout: 60_000 });
  await idle();
  ledger.clearFaults();
  expect(await alertIn('schedule').count()).toBe(0); // acting in the card cleared the old message
});

it('scheduling retry: a failed retry shows in the Invitations card; retrying again books the group', async () => {
  failNext('Retry stopped: the service is unavailable (injected).', 'Calendar.Events.insert');
  await button('Retry the failed groups').click();
  await expectCardError('schedule', 'Retry stopped: the service is unavailable (injected).');
  await button('Retry the failed groups').click();
  await sidebar().getByText(/all \d+ groups have their invitations/).waitFor({ timeout: 60_000 });
  await idle();
  expect(await alertIn('schedule').count()).toBe(0);
});

it('feedback: a failed form creation and a failed refresh show in the Feedback card', async () => {
  failNext('The form could not be created (injected).');
  await button('Create the feedback form').click();
  await expectCardError('feedback', /injected/);
  await button(/Create the feedback form|Repair the form/).click();
  await sidebar().locator('#feedback [data-role="form-link"]').waitFor({ timeout: 30_000 });
  await idle();
  expect(await alertIn('feedback').count()).toBe(0);

  failNext('The dashboard could not be refreshed (injected).');
  await button('Refresh dashboard').click();
  await expectCardError('feedback', 'The dashboard could not be refreshed (injected).');
  // Still the settings message, untouched by everything since.
  expect(await alertIn('settings').count()).toBe(1);
  await button('Save settings').click();
  await sidebar().getByText('Settings saved.').waitFor();
  expect(await alertIn('settings').count()).toBe(0);
});
