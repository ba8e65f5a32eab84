// The sidebar's first screen: the spreadsheet's state and the set-up action.
import type { ProgramState } from '../shared/api';
import { byId, h } from './dom';
import { call } from './run';

const content = byId('content');
const loading = byId('loading');
const message = byId('message');
const errorBox = byId('error');
let busy = false;

function say(text: string): void {
  message.textContent = text;
  message.hidden = text === '';
}

function fail(error: unknown): void {
  errorBox.textContent = error instanceof Error ? error.message : String(error);
  errorBox.hidden = false;
}

function render(state: ProgramState): void {
  loading.hidden = true;
  const problems = [
    ...state.missingSheets.map((name) => `The ${name} sheet is missing.`),
    ...(state.missingSheets.length === 0 && state.missingColumns.length
      ? [`The Roster lacks ${state.missingColumns.join(', ')}.`]
      : []),
  ];
  const setupButton = h('button', { class: 'action', type: 'button', onClick: setUp }, 'Set up this spreadsheet');
  setupButton.disabled = busy;
  content.replaceChildren(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'This spreadsheet'),
      h('p', { class: 'name' }, state.spreadsheetName),
      h('p', { class: 'secondary' }, `Time zone ${state.timeZone}`),
      h('ul', { class: 'sheets' }, ...state.sheets.map((s) => h('li', {}, s.name))),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Program'),
      h(
        'p',
        { class: 'status' },
        state.setUp ? h('span', { class: 'badge ok' }, 'Set up') : h('span', { class: 'badge todo' }, 'Not set up'),
        state.setUp ? ' The Roster is ready.' : ' Set-up creates or repairs the Roster; it never deletes data.',
      ),
      problems.length ? h('ul', { class: 'details' }, ...problems.map((p) => h('li', {}, p))) : null,
      setupButton,
    ),
  );
}

async function refresh(): Promise<void> {
  try {
    render(await call('getState'));
  } catch (error) {
    loading.hidden = true;
    fail(error);
  }
}

async function setUp(): Promise<void> {
  if (busy) return;
  busy = true;
  say('');
  errorBox.hidden = true;
  for (const b of Array.from(content.querySelectorAll('button'))) b.disabled = true;
  try {
    const result = await call('setUp');
    busy = false;
    render(result.state);
    say(result.message);
  } catch (error) {
    busy = false;
    fail(error);
    await refresh();
  }
}

void refresh();
