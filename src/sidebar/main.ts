// The sidebar: the spreadsheet's state, set-up, the roster check, planning the next rotation, settings;
// who runs the program and the cycle's lifecycle actions are in lifecycle.ts.
// An action that fails shows its message in its own card until the owner acts there again
// (errors.ts); the booking loop only ever clears the Invitations card's message, and only once a
// chunk has succeeded after it.
import type { FeedbackSummaryView, ProgramState, RosterReport, ScheduleView } from '../shared/api';
import type { SettingsView } from '../shared/settings';
import { byId, h, userText, visibleControls } from './dom';
import { CardErrors, errorAlert, placeAlert, type CardId } from './errors';
import { lockedGroups, planCard, swapInPreview, type PlanUiState } from './plan';
import { feedbackCard } from './feedback';
import { LifecycleUi } from './lifecycle';
import { call } from './run';
import { sameProgress, scheduleCard } from './schedule';
import { readSettingsForm, settingsCard } from './settings';

const content = byId('content');
const loading = byId('loading');
const message = byId('message');
const errorBox = byId('error');

let state: ProgramState | null = null;
let report: RosterReport | null = null;
let settings: SettingsView | null = null;
let settingsOpen = false;
/** What the last set-up could not decide and left for the owner. */
let setupProblems: string[] = [];
let busy = false;
let schedule: ScheduleView | null = null;
let feedback: FeedbackSummaryView | null = null;
/** The sidebar is driving scheduling chunks. */
let scheduling = false;
const planUi: PlanUiState = { preview: null, selected: null, replace: false };
const errors = new CardErrors();
const lifecycle = new LifecycleUi({ act, render, say, busy: () => busy || scheduling, cycle: () => schedule?.cycle ?? null, timeZone: () => settings?.timeZone ?? state?.timeZone ?? 'UTC', afterChange });

function say(text: string): void {
  message.textContent = text;
  message.hidden = text === '';
  if (text) message.scrollIntoView({ block: 'nearest' });
}

/** Loading the sidebar failed: no card to hold the message. */
function failToLoad(error: unknown): void {
  errorBox.textContent = error instanceof Error ? error.message : String(error);
  errorBox.hidden = false;
  errorBox.scrollIntoView({ block: 'nearest' });
}

/** The owner dismissed a card's message. */
function dismiss(card: CardId): void {
  errors.clear(card);
  render();
}

/**
 * Adds each card's message to its card. A message whose card is not shown (the Invitations card
 * before any cycle is booked) goes to the alert at the top, which nothing else then clears.
 */
function placeErrors(cards: Map<CardId, HTMLElement | null>): void {
  const orphans: string[] = [];
  for (const card of ['program', 'organizer', 'roster', 'plan', 'schedule', 'lifecycle', 'feedback', 'settings'] as CardId[]) {
    const message = errors.get(card);
    if (message === undefined) continue;
    const el = cards.get(card);
    if (el) placeAlert(el, errorAlert(card, message, () => dismiss(card)));
    else orphans.push(message);
  }
  if (!loadFailed) {
    errorBox.textContent = orphans.join('\n');
    errorBox.hidden = orphans.length === 0;
  }
  const fresh = errors.takeFresh();
  const shown = fresh ? content.querySelector(`.card-error[data-card="${fresh}"]`) ?? (orphans.length ? errorBox : null) : null;
  shown?.scrollIntoView({ block: 'nearest' });
}

let loadFailed = false;

function button(label: string, onClick: () => void, primary = false): HTMLButtonElement {
  const b = h('button', { class: primary ? 'action' : '', type: 'button', onClick }, label);
  b.disabled = busy || scheduling;
  return b;
}

/** What set-up would still do, in sentences: missing sheets, missing columns, no program id. */
function setupTodo(s: ProgramState): string[] {
  const todo = s.missingSheets.map((name) => `The ${name} sheet is missing.`);
  for (const [sheet, columns] of Object.entries(s.missingColumnsBySheet)) {
    if (columns.length) todo.push(`The ${sheet} sheet lacks ${columns.join(', ')}.`);
  }
  if (!s.programId && todo.length === 0) todo.push('This spreadsheet has no program id yet (a copy of another program gets its own).');
  return todo;
}

function programCard(s: ProgramState): HTMLElement {
  const problems = setupTodo(s);
  return h(
    'section',
    { class: 'card', id: 'program' },
    h('h2', {}, 'Program'),
    h(
      'p',
      { class: 'status' },
      s.setUp ? h('span', { class: 'badge ok' }, 'Set up') : h('span', { class: 'badge todo' }, 'Not set up'),
      s.setUp ? ' The program sheets are ready.' : ' Set-up creates or repairs the sheets; it never deletes data.',
    ),
    problems.length ? h('ul', { class: 'details' }, ...problems.map((p) => h('li', {}, p))) : null,
    setupProblems.length ? h('ul', { class: 'details notice' }, ...setupProblems.map((p) => h('li', {}, p))) : null,
    button('Set up this spreadsheet', setUp, !s.setUp),
  );
}

function rosterCard(r: RosterReport | null): HTMLElement {
  const body: Array<Node | null> = [h('h2', {}, 'Roster')];
  if (r) {
    const { active, paused, left } = r.counts;
    body.push(h('p', { class: 'counts' }, `${active} active · ${paused} paused · ${left} left`));
    if (r.problems.length === 0) {
      body.push(h('p', { class: 'status' }, h('span', { class: 'badge ok' }, 'No problems'), ' Every row can be paired.'));
    } else {
      const n = r.problems.length;
      body.push(
        h('p', { class: 'status' }, h('span', { class: 'badge todo' }, `${n} problem${n === 1 ? '' : 's'}`), ' Click one to select its row.'),
        h(
          'ul',
          { class: 'problems' },
          ...r.problems.map((p) =>
            h(
              'li',
              {},
              h(
                'button',
                { class: 'problem', type: 'button', onClick: () => void selectRow(p.row) },
                h('span', { class: 'row' }, `Row ${p.row}`),
                h('span', { class: 'what' }, visibleControls(p.message)),
                h('span', { class: 'fix' }, visibleControls(p.fix)),
              ),
            ),
          ),
        ),
      );
    }
  } else {
    body.push(h('p', { class: 'secondary' }, 'Checks every row: names, emails, duplicates, time zones, statuses, avoid lists, working hours.'));
  }
  body.push(button(r ? 'Check again' : 'Check roster', () => void checkRoster()));
  return h('section', { class: 'card', id: 'roster' }, ...body);
}

function render(): void {
  if (!state) return;
  loading.hidden = true;
  const hasRoster = !state.missingSheets.includes('Roster');
  content.replaceChildren(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'This spreadsheet'),
      h('p', { class: 'name clip' }, userText(state.spreadsheetName)),
      h('p', { class: 'secondary' }, `Time zone ${state.timeZone}`),
      h('ul', { class: 'sheets' }, ...state.sheets.map((s) => h('li', { class: 'clip' }, userText(s.name)))),
    ),
  );
  const cards = new Map<CardId, HTMLElement | null>([
    ['program', programCard(state)],
    ['organizer', state.setUp ? lifecycle.organizerCard() : null],
    ['roster', hasRoster ? rosterCard(report) : null],
    // While booking runs (each chunk holds the document lock), the other actions wait.
    ['plan', state.setUp ? planCard(planUi, busy || scheduling, planHandlers) : null],
    ['schedule', state.setUp ? scheduleCard(schedule, scheduling, busy, scheduleHandlers, errors.has('schedule')) : null],
    ['lifecycle', state.setUp ? lifecycle.cycleCard() : null],
    ['feedback', state.setUp ? feedbackCard(feedback, busy || scheduling, feedbackHandlers) : null],
    ['settings', settings ? settingsCard(settings, busy || scheduling, saveSettings) : null],
  ]);
  for (const card of cards.values()) if (card) content.append(card);
  const details = content.querySelector<HTMLDetailsElement>('#settings');
  if (details) {
    // A message about the settings is never hidden inside the closed card.
    if (errors.has('settings')) settingsOpen = true;
    details.open = settingsOpen;
    details.addEventListener('toggle', () => (settingsOpen = details.open));
  }
  placeErrors(cards);
}

/**
 * Runs one server action of `card` with the buttons disabled. Acting in a card clears that card's
 * message; a failure shows in it. Resolves true when the action succeeded.
 */
async function act(card: CardId, work: () => Promise<void>): Promise<boolean> {
  if (busy || scheduling) return false;
  busy = true;
  errors.clear(card);
  render();
  let ok = false;
  try {
    await work();
    ok = true;
  } catch (error) {
    errors.set(card, error);
  } finally {
    busy = false;
    render();
  }
  return ok;
}

async function refresh(): Promise<void> {
  try {
    state = await call('getState');
    render();
    settings = await call('getSettings');
    render();
    if (!state.missingSheets.includes('Roster')) await checkRoster();
    if (state.setUp) {
      schedule = await call('getSchedule');
      render();
      feedback = await call('getFeedbackSummary');
      render();
      await lifecycle.load().catch((error: unknown) => errors.set('lifecycle', error));
      render();
      // Another person runs the program: their hourly run books (their calendar sends the invitations).
      if (!schedule.done && schedule.errors.length === 0 && lifecycle.mayBook()) await drive(false);
    }
  } catch (error) {
    loading.hidden = true;
    loadFailed = true;
    failToLoad(error);
  }
}

function setUp(): Promise<boolean> {
  say('');
  return act('program', async () => {
    const result = await call('setUp');
    state = result.state;
    setupProblems = result.problems;
    say(result.message);
    report = await call('checkRoster');
    if (state.setUp) {
      schedule = await call('getSchedule');
      feedback = await call('getFeedbackSummary');
    }
  });
}

function checkRoster(): Promise<boolean> {
  return act('roster', async () => {
    report = await call('checkRoster');
  });
}

function saveSettings(form: HTMLFormElement): Promise<boolean> {
  say('');
  const input = readSettingsForm(form);
  return act('settings', async () => {
    settings = await call('saveSettings', input);
    say('Settings saved.');
  });
}

const planHandlers = {
  plan: () => void plan(false),
  replan: () => void plan(true),
  confirm: () => void confirm(),
  select(email: string): void {
    const p = planUi.preview;
    if (!p || busy) return;
    errors.clear('plan'); // acting in the card
    if (planUi.selected === null) planUi.selected = email;
    else {
      if (planUi.selected !== email) planUi.preview = swapInPreview(p, planUi.selected, email);
      planUi.selected = null;
    }
    render();
  },
  toggleLock(group: number): void {
    const p = planUi.preview;
    if (!p || !p.groups[group]) return;
    errors.clear('plan');
    planUi.preview = { ...p, groups: p.groups.map((g, i) => (i === group ? { ...g, locked: !g.locked } : g)) };
    render();
  },
  setReplace(replace: boolean): void {
    planUi.replace = replace;
  },
};

/** Plans the next cycle; `rest`: keep the locked groups and re-plan the others. */
function plan(rest: boolean): Promise<boolean> {
  say('');
  const locked = rest && planUi.preview ? lockedGroups(planUi.preview) : [];
  const replace = rest && planUi.preview ? planUi.preview.replaces : planUi.replace;
  const seed = rest ? String(Date.now()) : '';
  return act('plan', async () => {
    planUi.selected = null;
    planUi.preview = await call('planRotation', { locked, seed, replace });
  });
}

async function confirm(): Promise<void> {
  const preview = planUi.preview;
  if (!preview) return;
  say('');
  const confirmed = await act('plan', async () => {
    const result = await call('confirmRotation', preview);
    planUi.selected = null;
    planUi.preview = result.status === 'replanned' ? result.preview : null;
    if (result.status !== 'replanned') planUi.replace = false;
    say(result.message);
  });
  // Booking follows a confirmed cycle; a refused confirm leaves its message where it is.
  if (confirmed) await drive(false);
}

const feedbackHandlers = {
  createForm: () => void createForm(),
  refresh: () => void refreshDashboard(),
};

function createForm(): Promise<boolean> {
  say('');
  return act('feedback', async () => {
    const result = await call('createFeedbackForm');
    say(result.message);
    feedback = await call('getFeedbackSummary');
    if (result.problems.length) throw new Error(result.problems.join('\n'));
  });
}

function refreshDashboard(): Promise<boolean> {
  say('');
  return act('feedback', async () => {
    feedback = await call('refreshDashboard');
    say(feedback.message);
  });
}

const scheduleHandlers = {
  run: () => void drive(false, true),
  retry: () => void drive(true, true),
};

/** A lifecycle action changed Rotations: read the booking state again; book when this user runs the program. */
async function afterChange(): Promise<void> {
  schedule = await call('getSchedule');
  render();
  if (lifecycle.mayBook()) await drive(false);
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Books the confirmed cycle's invitations: one server call per chunk until done, the progress bar
 * updated after each. Stops when a chunk makes no progress (failed groups wait for Retry); while only
 * Meet links are pending it asks again a few times, a few seconds apart.
 */
async function drive(retry: boolean, byOwner = false): Promise<void> {
  if (scheduling) return;
  scheduling = true;
  // The owner clicked Continue or Retry: acting in the card clears its message. Started by
  // itself (on load, after a confirm), the loop leaves every message alone.
  if (byOwner) errors.clear('schedule');
  render();
  try {
    let patience = 5;
    for (let i = 0; i < 200; i++) {
      const before = schedule;
      schedule = await call('scheduleStep', i === 0 && retry ? { retry: true } : {});
      errors.clear('schedule'); // a chunk went through: an earlier failure of the loop is superseded
      render();
      if (schedule.done) break;
      if (before && sameProgress(before, schedule)) {
        if (schedule.meetPending > 0 && schedule.errors.length === 0 && patience-- > 0) await wait(3000);
        else break;
      }
    }
  } catch (error) {
    errors.set('schedule', error);
  } finally {
    scheduling = false;
    render();
  }
}

async function selectRow(row: number): Promise<void> {
  errors.clear('roster');
  render();
  try {
    await call('selectRosterRow', row);
  } catch (error) {
    errors.set('roster', error);
    render();
  }
}

void refresh();
