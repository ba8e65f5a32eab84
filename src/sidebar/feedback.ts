// The "Feedback" card: the form's link, the responses so far, the latest cycle's figures (sessions
// held, response rate, average per goal), a short trend across cycles, the groups gone quiet, and
// the two actions: create (or repair) the form, refresh the Dashboard. Everything is set as text
// (h() never parses HTML), so names and answers from the sheet stay text.
import type { FeedbackSummaryView, GoalAverages } from '../shared/api';
import { h, userText } from './dom';

export interface FeedbackHandlers {
  createForm(): void;
  refresh(): void;
}

const GOALS: Array<[keyof GoalAverages, string]> = [
  ['relationship', 'Relationship'],
  ['coaching', 'Coaching'],
  ['accountability', 'Accountability'],
];

/** "75%", or "–" when nothing is expected yet. */
export function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

/** "4.3", or "–" when nobody rated it. */
export function rating(value: number | null): string {
  return value === null ? '–' : value.toFixed(1);
}

/** One goal's averages across cycles, oldest first: "3.5 → 4.0 → 4.3" (only rated cycles). */
export function trendText(view: FeedbackSummaryView, goal: keyof GoalAverages): string {
  const values = view.trend.map((t) => t[goal]).filter((v): v is number => v !== null);
  return values.length === 0 ? '–' : values.slice(-6).map(rating).join(' → ');
}

/** Only links to Google's https pages become links (a stored value is never trusted as a URL scheme). */
function safeUrl(url: string): string | null {
  return /^https:\/\/[^\s<>"]+$/.test(url) ? url : null;
}

function formLine(view: FeedbackSummaryView | null): HTMLElement {
  const url = view?.form ? safeUrl(view.form.url) : null;
  if (!url) return h('p', { class: 'secondary' }, 'No feedback form yet. Creating it also adds each group’s prefilled link to its invitations.');
  const edit = view?.form ? safeUrl(view.form.editUrl) : null;
  return h(
    'p',
    { class: 'status' },
    h('a', { attrs: { href: url, target: '_blank', rel: 'noopener noreferrer', 'data-role': 'form-link' } }, 'The feedback form'),
    edit ? ' · ' : null,
    edit ? h('a', { attrs: { href: edit, target: '_blank', rel: 'noopener noreferrer' } }, 'edit it') : null,
  );
}

function latestBlock(view: FeedbackSummaryView): Array<HTMLElement | null> {
  const c = view.latest;
  if (!c) return [h('p', { class: 'secondary' }, 'No cycle has started yet.')];
  return [
    h('h3', {}, `Cycle ${c.cycle}${c.running ? ' (running)' : ''}: ${c.starts} to ${c.ends}`),
    h(
      'ul',
      { class: 'details figures' },
      h('li', {}, `Sessions held: ${c.sessionsHeld} (${c.groups} group${c.groups === 1 ? '' : 's'})`),
      h('li', {}, `Response rate: ${percent(c.responseRate)} (${c.received} of ${c.expected} expected so far)`),
      ...GOALS.map(([key, label]) => h('li', {}, `${label}: ${rating(c.averages[key])} · trend ${trendText(view, key)}`)),
    ),
  ];
}

function quietBlock(view: FeedbackSummaryView): HTMLElement | null {
  if (view.quietGroups.length === 0) return null;
  return h(
    'div',
    { class: 'quiet' },
    h('p', { class: 'status notice' }, `Gone quiet (no “we met” for two sessions in a row): ${view.quietGroups.length}`),
    h(
      'ul',
      { class: 'details' },
      ...view.quietGroups.map((q) =>
        h(
          'li',
          { class: 'clip', attrs: { title: q.emails.join(', ') } },
          `${q.groupId}: `,
          ...q.members.flatMap((m, i) => (i === 0 ? [userText(m)] : [', ', userText(m)])),
          q.lastResponse ? ` (last response ${q.lastResponse})` : ' (no response yet)',
        ),
      ),
    ),
  );
}

/** The card. `view` null: not loaded yet. */
export function feedbackCard(view: FeedbackSummaryView | null, busy: boolean, handlers: FeedbackHandlers): HTMLElement {
  const button = (label: string, onClick: () => void, primary: boolean) => {
    const b = h('button', { class: primary ? 'action' : '', type: 'button', onClick }, label);
    b.disabled = busy;
    return b;
  };
  const hasForm = !!view?.form;
  const body: Array<HTMLElement | null> = [h('h2', {}, 'Feedback'), formLine(view)];
  if (view) {
    body.push(
      h(
        'p',
        { class: 'status', attrs: { 'data-role': 'responses' } },
        `${view.responses} response${view.responses === 1 ? '' : 's'}`,
        view.flagged > 0 ? ' · ' : null,
        view.flagged > 0 ? h('span', { class: 'badge todo' }, `${view.flagged} flagged`) : null,
      ),
      ...latestBlock(view),
      quietBlock(view),
    );
    if (view.message) body.push(h('p', { class: 'secondary' }, view.message));
  }
  body.push(
    h(
      'div',
      { class: 'buttons' },
      button(hasForm ? 'Repair the form' : 'Create the feedback form', handlers.createForm, !hasForm),
      button('Refresh dashboard', handlers.refresh, hasForm),
    ),
  );
  return h('section', { class: 'card', id: 'feedback' }, ...body);
}
