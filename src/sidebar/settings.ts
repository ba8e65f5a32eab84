// The settings card: a form over the program's settings. The server validates everything again.
import type { Settings, SettingsView, Weekday } from '../shared/settings';
import { h } from './dom';

const WEEKDAYS: Array<[Weekday, string]> = [
  ['Mon', 'Monday'], ['Tue', 'Tuesday'], ['Wed', 'Wednesday'], ['Thu', 'Thursday'], ['Fri', 'Friday'], ['Sat', 'Saturday'], ['Sun', 'Sunday'],
];

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control, hint ? h('span', { class: 'hint' }, hint) : null);
}

function input(name: string, value: string, attrs: Record<string, string> = {}): HTMLInputElement {
  const el = h('input', { attrs: { name, ...attrs } });
  el.value = value;
  return el;
}

function checkbox(name: string, label: string, checked: boolean): HTMLElement {
  const box = h('input', { type: 'checkbox', attrs: { name } });
  box.checked = checked;
  return h('label', { class: 'check' }, box, label);
}

function select(name: string, options: Array<[string, string]>, value: string): HTMLSelectElement {
  const el = h('select', { attrs: { name } }, ...options.map(([v, text]) => h('option', { attrs: { value: v } }, text)));
  el.value = value;
  return el;
}

/** One line summing up the settings, shown on the closed card. */
export function settingsSummary(view: SettingsView): string {
  const s = view.settings;
  const every = s.cadence === 'weekly' ? 'weekly' : 'every two weeks';
  return `${s.cycleWeeks}-week cycles, ${every}, ${s.meetingMinutes} min, ${s.findCommonTime ? 'a common free time, else ' : ''}${s.preferredWeekday} ${s.preferredTime} (${view.timeZone})`;
}

export function settingsCard(view: SettingsView, busy: boolean, onSave: (form: HTMLFormElement) => void): HTMLElement {
  const s = view.settings;
  const next = view.nextCycle;
  const form = h(
    'form',
    { class: 'settings', attrs: { novalidate: '' } },
    field('Cycle length (weeks)', input('cycleWeeks', String(s.cycleWeeks), { type: 'number', min: '1', max: '12', step: '1' })),
    field('Meetings', select('cadence', [['weekly', 'Every week'], ['fortnightly', 'Every two weeks']], s.cadence)),
    field('Meeting length (minutes)', input('meetingMinutes', String(s.meetingMinutes), { type: 'number', min: '15', max: '120', step: '5' })),
    field('First meeting date', input('firstMeetingDate', s.firstMeetingDate, { type: 'date' }), 'Blank: the next preferred weekday.'),
    field('Preferred weekday', select('preferredWeekday', WEEKDAYS, s.preferredWeekday), 'Day, time, length and cadence apply from the next cycle: a booked cycle keeps its meetings, as Rotations states.'),
    field('Preferred time', input('preferredTime', s.preferredTime, { type: 'time', step: '300' })),
    field('Time zone', input('timeZone', s.timeZone, { placeholder: view.spreadsheetTimeZone, autocomplete: 'off' }), `Blank: the spreadsheet's (${view.spreadsheetTimeZone}).`),
    field('Meeting title', input('titleTemplate', s.titleTemplate, { maxlength: '100' }), '{names} and {cycle} are filled in.'),
    field('Skip these dates', input('skipDates', s.skipDates, { placeholder: '2026-12-21..2027-01-03, 2027-04-05', autocomplete: 'off', maxlength: '5000' }), 'Dates and ranges with no meeting (holidays). Separate them with commas.'),
    checkbox('keepMeetingCount', 'Keep the number of meetings (a cycle with skipped dates runs on)', s.keepMeetingCount),
    checkbox('findCommonTime', 'Find a time both are free (inside working hours)', s.findCommonTime),
    checkbox('keepTeammatesApart', 'Keep teammates apart', s.keepTeammatesApart),
    checkbox('googleMeet', 'Add a Google Meet link', s.googleMeet),
    checkbox('sendInvitations', 'Send invitations by email', s.sendInvitations),
    // The program running itself (issue 11): who starts each next cycle, and when.
    field('Next cycle', select('nextCycle', [['automatic', 'Automatic: the hourly run plans and books it'], ['manual', 'Manual: you plan and confirm it here']], s.nextCycle)),
    field('Plan the next cycle (days before it starts)', input('headsUpDays', String(s.headsUpDays), { type: 'number', min: '1', max: '28', step: '1' }), 'Its groups are written as planned and you get a preview by email; you may still swap, lock or re-plan.'),
    field('Book the next cycle (days before it starts)', input('noticeDays', String(s.noticeDays), { type: 'number', min: '1', max: '14', step: '1' }), 'Invitations go out then, unless you confirmed earlier. At most the days above.'),
    checkbox('newcomersJoinRunningCycle', 'Newcomers join the running cycle (while 2 or more meetings are left)', s.newcomersJoinRunningCycle),
    // The coaching loop (issue 13): one reminder per session, a day after it.
    checkbox('feedbackNudges', 'Remind people who have not given feedback a day after a session (one email per session)', s.feedbackNudges),
  );
  const save = h('button', { class: 'action', type: 'submit' }, 'Save settings');
  save.disabled = busy;
  form.append(save);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSave(form);
  });
  const details = h(
    'details',
    { class: 'card', id: 'settings' },
    h('summary', {}, h('h2', {}, 'Settings'), h('span', { class: 'secondary summary-line' }, settingsSummary(view))),
    h('p', { class: 'secondary' }, `Next cycle: ${next.cycle} from ${next.starts} to ${next.ends}, ${next.meetings} meetings.`),
    ...view.notices.map((n) => h('p', { class: 'notice' }, n)),
    form,
  );
  return details;
}

/** The form's values, typed as the server expects (it checks them all again). */
export function readSettingsForm(form: HTMLFormElement): Partial<Settings> {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
  const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).checked;
  // A blank or non-numeric entry travels as its text; the server refuses it with a message.
  const number = (name: string): number => {
    const n = Number(value(name));
    return value(name) !== '' && Number.isFinite(n) ? n : (value(name) as unknown as number);
  };
  return {
    cycleWeeks: number('cycleWeeks'),
    cadence: value('cadence') as Settings['cadence'],
    meetingMinutes: number('meetingMinutes'),
    firstMeetingDate: value('firstMeetingDate'),
    preferredWeekday: value('preferredWeekday') as Weekday,
    preferredTime: value('preferredTime'),
    timeZone: value('timeZone'),
    titleTemplate: value('titleTemplate'),
    findCommonTime: checked('findCommonTime'),
    keepTeammatesApart: checked('keepTeammatesApart'),
    googleMeet: checked('googleMeet'),
    sendInvitations: checked('sendInvitations'),
    nextCycle: value('nextCycle') as Settings['nextCycle'],
    headsUpDays: number('headsUpDays'),
    noticeDays: number('noticeDays'),
    newcomersJoinRunningCycle: checked('newcomersJoinRunningCycle'),
    skipDates: value('skipDates'),
    keepMeetingCount: checked('keepMeetingCount'),
    feedbackNudges: checked('feedbackNudges'),
  };
}
