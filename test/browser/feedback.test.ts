// L5: feedback that comes back, walked in Chromium (issue 6, item 6): the owner books a cycle and
// creates the feedback form from the sidebar; a participant opens the prefilled link from their
// invitation (in the sandbox's calendar view) and submits the sandbox's form page, which fires the
// add-on's form-submit trigger as Google would; odd responses follow (blank required question, a
// malformed email, an unknown respondent, a group code typed by hand, a text that looks like a
// formula); each lands as one row in Feedback, drawn live in the spreadsheet window; the sidebar's
// refreshed summary counts them.
// Screenshots: test-artifacts/feedback-form.png, feedback-confirmation.png, feedback-sheet.png,
// feedback-summary.png.
import type { Page } from 'playwright-core';
import { FEEDBACK_SUBMIT_HANDLER } from '../../src/app/feedback-shared';
import { question } from '../../src/core/feedback-form';
import { SAMPLE_ROSTER_ROWS } from '../../src/local/sample/roster';
import { sandboxPage } from './harness';

jest.setTimeout(60_000);

const ui = sandboxPage('feedback');
const { sidebar } = ui;

const active = SAMPLE_ROSTER_ROWS.filter((r) => r[4] !== 'Paused');
const groupCount = Math.floor(active.length / 2);
const nameOf = new Map(SAMPLE_ROSTER_ROWS.map((r) => [r[1], r[0]]));
const AMARA = SAMPLE_ROSTER_ROWS[0][1];
const STRANGER = 'stranger@example.org';
const FORMULA = '=IMPORTDATA("x")';

/** The form page, in its own tab. */
let form: Page;
/** Amara's group: its id, code (as the invitation gives it) and members. */
let group: { id: string; code: string; members: string[] };

const responses = () => ui.sandbox.workspace().forms.toJSON().forms.flatMap((f) => f.responses).length;

/** A question of the form page by its title (the form is made from core/feedback-form.ts). */
const scale = (key: 'relationship' | 'coaching' | 'accountability') => form.getByRole('radiogroup', { name: question(key).title });

it('books a cycle, then creates the feedback form from the sidebar', async () => {
  await ui.openSidebar();
  await sidebar().getByRole('button', { name: 'Set up this spreadsheet' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  await sidebar().getByRole('button', { name: 'Plan next rotation' }).click();
  await sidebar().locator('#plan li.group').first().waitFor();
  await sidebar().getByRole('button', { name: 'Confirm' }).click();
  await sidebar().getByText(`Cycle 1: all ${groupCount} groups have their invitations.`).waitFor({ timeout: 30_000 });

  await sidebar().locator('#feedback').getByRole('button', { name: 'Create the feedback form' }).click();
  await sidebar().locator('#feedback').getByRole('button', { name: 'Repair the form' }).waitFor();
  expect(ui.sandbox.workspace().forms.toJSON().forms).toHaveLength(1);
  // The spreadsheet window offers the form's page now.
  await ui.page.locator('#open-form').waitFor();
  expect(await ui.page.locator('#open-form').getAttribute('href')).toMatch(/^\/forms\/d\/e\/[\w-]+\/viewform$/);
});

it('a participant opens the prefilled link from their invitation and submits it; the trigger files the row', async () => {
  // The spreadsheet window shows Feedback while the participant answers in another tab.
  await ui.page.getByRole('tab', { name: 'Feedback' }).click();
  await ui.cell(1, 1).filter({ hasText: 'Submitted' }).waitFor();

  form = await ui.newTab(() => ui.page.getByRole('link', { name: 'Calendars' }).click());
  const invitation = form.locator(`article.person[data-email="${AMARA}"] .event`);
  await invitation.waitFor();
  const description = await invitation.locator('.description pre').textContent();
  const code = /^Group (\S+)$/m.exec(description ?? '')?.[1];
  expect(code).toMatch(/^[0-9A-Z]{4}-C1-\d{2}$/);
  const guests = await invitation.locator('ul.guests li').allInnerTexts();
  group = { id: code!.slice(5), code: code!, members: guests.map((g) => /<([^<>\s]+@[^<>\s]+)>/.exec(g)![1]) };
  expect(group.members).toContain(AMARA);

  await invitation.getByRole('link', { name: 'Open the feedback form' }).click();
  await form.locator('body[data-ready="true"]').waitFor();
  const url = new URL(form.url());
  expect(url.origin).toBe(new URL(ui.sandbox.url).origin);
  expect(url.pathname).toMatch(/^\/forms\/d\/e\/[\w-]+\/viewform$/);
  expect(url.searchParams.get('usp')).toBe('pp_url');

  // Prefilled with the group's code; the rest is the participant's.
  await expect(form.getByLabel(question('groupCode').title).inputValue()).resolves.toBe(group.code);
  await form.getByLabel('Email').fill(AMARA);
  await form.getByLabel(question('session').title).selectOption('1');
  await form.getByRole('radiogroup', { name: question('met').title }).getByLabel('Yes').check();
  await scale('relationship').getByLabel('4').check();
  await scale('coaching').getByLabel('5').check();
  await scale('accountability').getByLabel('3').check();
  await form.getByLabel(question('workedOn').title).fill('Delegating the on-call rota <b>without</b> a spreadsheet');
  await form.getByLabel(question('commitment').title).fill('Ask two questions before giving any advice.');
  await form.screenshot({ path: 'test-artifacts/feedback-form.png', fullPage: true });

  await form.getByRole('button', { name: 'Submit' }).click();
  await form.locator('#confirmation').waitFor();
  await expect(form.locator('.confirmation-message').innerText()).resolves.toBe('Thank you. See you at the next session.');
  await expect(form.locator('#trigger-runs').innerText()).resolves.toMatch(new RegExp(`The form-submit trigger ran ${FEEDBACK_SUBMIT_HANDLER} \\(\\d+ service calls, \\d+ ms\\)\\.`));
  expect(await form.locator('b').count()).toBe(0);
  await form.screenshot({ path: 'test-artifacts/feedback-confirmation.png' });

  // The spreadsheet window redrew by itself: the trigger's row is in the grid.
  await ui.page.locator('#grid td', { hasText: 'Delegating the on-call rota' }).waitFor();
  const [row] = await ui.records();
  expect(row).toMatchObject({
    Cycle: '1',
    Group: group.id,
    Session: '1',
    Respondent: nameOf.get(AMARA),
    Email: AMARA,
    Met: 'Yes',
    Relationship: '4',
    Coaching: '5',
    Accountability: '3',
    'Worked on': 'Delegating the on-call rota <b>without</b> a spreadsheet',
    Commitment: 'Ask two questions before giving any advice.',
  });
  const partners = group.members.filter((e) => e !== AMARA).map((e) => nameOf.get(e)!);
  for (const name of partners) expect(row.Partners).toContain(name);
  // The key: the responses sheet's id, row 2, and the response's Timestamp to the second.
  const ws = ui.sandbox.workspace();
  const responsesId = ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Form Responses 1')!.getSheetId());
  const submitted = Date.parse(ws.forms.toJSON().forms[0].responses[0].timestamp);
  expect(row.Key).toBe(`${responsesId}!2@${new Date(Math.round(submitted / 1000) * 1000).toISOString().replace('.000Z', 'Z')}`);
});

it('odd responses: the form refuses incomplete ones; the unknown and the formula-looking are kept', async () => {
  await form.getByRole('link', { name: 'Submit another response' }).click();
  await form.locator('body[data-ready="true"]').waitFor();
  await form.getByRole('button', { name: 'Submit' }).waitFor();
  expect(new URL(form.url()).search).toBe('');

  // Nothing answered: Google's page names the required questions and sends nothing.
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(form.getByText('This is a required question').count()).resolves.toBe(2);
  expect(responses()).toBe(1);

  // A malformed email: the form says so, and keeps nothing.
  await form.getByLabel('Email').fill('not-an-email');
  await form.getByRole('radiogroup', { name: question('met').title }).getByLabel('No').check();
  await form.getByRole('button', { name: 'Submit' }).click();
  await form.locator('#submit-error').filter({ hasText: 'a valid email is required' }).waitFor();
  expect(responses()).toBe(1);

  // Someone not on the roster, with no group code.
  await form.getByLabel('Email').fill(STRANGER);
  await form.getByRole('button', { name: 'Submit' }).click();
  await form.locator('#confirmation').waitFor();
  await form.getByRole('link', { name: 'Submit another response' }).click();
  await form.getByRole('button', { name: 'Submit' }).waitFor();

  // Amara's partner types the group code by hand (lower case, spaces), and a text that looks
  // like a formula.
  const partner = group.members.find((e) => e !== AMARA)!;
  await form.getByLabel('Email').fill(partner);
  await form.getByLabel(question('groupCode').title).fill(group.code.toLowerCase().replace(/-/g, ' '));
  await form.getByRole('radiogroup', { name: question('met').title }).getByLabel('Rescheduled').check();
  await scale('relationship').getByLabel('2').check();
  await form.getByLabel(question('workedOn').title).fill(FORMULA);
  await form.getByLabel(question('commitment').title).fill('+1 more question');
  await form.getByRole('button', { name: 'Submit' }).click();
  await form.locator('#confirmation').waitFor();
  await expect(form.locator('#trigger-runs .trigger-ok').count()).resolves.toBe(1);
  expect(responses()).toBe(3);
});

it('shows every response in the Feedback sheet, odd ones flagged, text kept as text', async () => {
  await ui.page.bringToFront();
  await ui.page.getByRole('gridcell', { name: STRANGER, exact: true }).waitFor();
  await ui.page.getByRole('gridcell', { name: FORMULA, exact: true }).waitFor();
  const rows = await ui.records();
  expect(rows).toHaveLength(3);
  expect(rows.map((r) => r.Email)).toEqual([AMARA, STRANGER, group.members.find((e) => e !== AMARA)]);

  const stranger = rows[1];
  expect(stranger).toMatchObject({ Group: '', Respondent: '', Met: 'No' });
  expect(stranger.Flag).toMatch(/unknown respondent/);

  const partner = rows[2];
  expect(partner).toMatchObject({ Cycle: '1', Group: group.id, Met: 'Rescheduled', Relationship: '2', Coaching: '', 'Worked on': FORMULA, Commitment: '+1 more question' });
  expect(partner.Partners).toContain(nameOf.get(AMARA));
  // Written as text: a cell holding a formula would show its result (or an error), not this.
  const formulaCell = ui.page.getByRole('gridcell', { name: FORMULA, exact: true });
  expect(await formulaCell.getAttribute('class')).toMatch(/(^| )s( |$)/);
  expect(new Set(rows.map((r) => r.Key)).size).toBe(3);
  await formulaCell.click();
  await ui.page.screenshot({ path: 'test-artifacts/feedback-sheet.png' });
});

it('refreshes the dashboard from the sidebar, whose summary counts the responses', async () => {
  const card = sidebar().locator('#feedback');
  await card.getByRole('button', { name: 'Refresh dashboard' }).click();
  await card.locator('[data-role="responses"]').filter({ hasText: /^3 responses/ }).waitFor();
  expect(await card.locator('[data-role="responses"]').innerText()).toMatch(/^3 responses · [1-3] flagged$/);
  await ui.page.getByRole('tab', { name: 'Dashboard' }).click();
  await ui.cell(2, 1).filter({ hasText: '1' }).waitFor();
  expect((await ui.records()).find((r) => r.Cycle === '1')).toMatchObject({ Groups: String(groupCount) });
  await card.scrollIntoViewIfNeeded();
  await ui.page.screenshot({ path: 'test-artifacts/feedback-summary.png' });

  // The sidebar's link to the form opens the sandbox's form page, not Google's.
  const opened = await ui.newTab(() => card.locator('[data-role="form-link"]').click());
  await opened.locator('body[data-ready="true"]').waitFor();
  expect(new URL(opened.url()).pathname).toMatch(/^\/forms\/d\/e\/[\w-]+\/viewform$/);
  await opened.close();

  // Nothing left 127.0.0.1: not the form, not Meet, not Google.
  const origin = new URL(ui.sandbox.url).origin;
  expect(ui.requests().filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
});
