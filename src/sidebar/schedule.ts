// The "Invitations" card: where booking the confirmed cycle's calendar events stands, a progress bar
// with counts while the sidebar drives the work chunk by chunk, and each failed group with Retry.
import type { ScheduleView } from '../shared/api';
import { h, userText } from './dom';

export interface ScheduleHandlers {
  /** Run the remaining chunks (Continue). */
  run(): void;
  /** Try the failed groups again. */
  retry(): void;
}

/**
 * The card, or null when no cycle is being booked. `failed`: the booking loop failed; the card is
 * then shown even before a cycle's first chunk, to hold the message (errors.ts).
 */
export function scheduleCard(view: ScheduleView | null, running: boolean, busy: boolean, handlers: ScheduleHandlers, failed = false): HTMLElement | null {
  const action = (label: string, onClick: () => void, primary = false) => {
    const b = h('button', { class: primary ? 'action' : '', type: 'button', onClick }, label);
    b.disabled = busy || running;
    return b;
  };
  if (!view || view.cycle === null) {
    if (!failed) return null;
    return h(
      'section',
      { class: 'card', id: 'schedule' },
      h('h2', {}, 'Invitations'),
      h('p', { class: 'secondary' }, "Booking the confirmed cycle's invitations did not start."),
      running ? null : action('Continue booking', handlers.run, true),
    );
  }
  const { total, scheduled, meetPending } = view;
  const percent = total === 0 ? 100 : Math.round((scheduled / total) * 100);
  const bar = h('progress', { id: 'schedule-progress', attrs: { max: String(total), value: String(scheduled), 'aria-label': 'Groups scheduled' } });
  const counts = `${scheduled} of ${total} group${total === 1 ? '' : 's'} scheduled`;
  return h(
    'section',
    { class: 'card', id: 'schedule' },
    h('h2', {}, `Invitations, cycle ${view.cycle}`),
    bar,
    h(
      'p',
      { class: 'counts', id: 'schedule-counts' },
      counts,
      total > 0 ? ` (${percent}%)` : '',
      meetPending > 0 ? ` · ${meetPending} Meet link${meetPending === 1 ? '' : 's'} pending` : '',
    ),
    h('p', { class: view.done ? 'status' : 'secondary' }, view.done ? h('span', { class: 'badge ok' }, 'Done') : null, view.done ? ' ' : '', view.message),
    ...view.notes.map((n) => h('p', { class: 'notice' }, n)),
    view.errors.length
      ? h(
          'ul',
          { class: 'problems', id: 'schedule-errors' },
          ...view.errors.map((e) => h('li', {}, h('span', { class: 'row' }, e.group), h('span', { class: 'what' }, userText(e.names, 'user clip')), h('span', { class: 'fix' }, e.message))),
        )
      : null,
    running ? h('p', { class: 'secondary' }, 'Booking… keep this sidebar open; if you close it, the hourly run continues.') : null,
    !view.done && !running && view.errors.length === 0 ? action('Continue booking', handlers.run, true) : null,
    view.errors.length ? action('Retry the failed groups', handlers.retry, true) : null,
  );
}

/** True when two views show the same state (no progress was made). */
export function sameProgress(a: ScheduleView, b: ScheduleView): boolean {
  return a.scheduled === b.scheduled && a.meetPending === b.meetPending && a.errors.length === b.errors.length && a.done === b.done;
}
