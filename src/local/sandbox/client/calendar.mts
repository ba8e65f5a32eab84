// The sandbox's calendar view (/calendar): per person, the series on their emulated calendar in
// their own time zone (title, weekday and time, every occurrence, guests, Meet link or pending,
// the description with its feedback link opening the sandbox's form page), their other meetings,
// the invitations Calendar would have e-mailed, and the .ics downloads of the confirmed cycle.
// Everything is drawn as text (dom.mts).
import type { CalendarEventView, CalendarPersonView, CalendarView } from '../transport';
import { byId, h, textWithFormLinks } from './dom.mjs';

const root = byId('calendar');
const refreshButton = byId<HTMLButtonElement>('refresh');

async function load(): Promise<void> {
  root.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch('/api/calendar', { cache: 'no-store' });
    if (!response.ok) throw new Error(`The sandbox answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    draw((await response.json()) as CalendarView);
  } catch (error) {
    root.replaceChildren(h('p', { class: 'error', attrs: { role: 'alert' } }, String(error)));
  } finally {
    root.setAttribute('aria-busy', 'false');
    document.body.dataset.ready = 'true';
  }
}

function draw(view: CalendarView): void {
  document.title = `Calendars — ${view.spreadsheet}`;
  const withEvents = view.people.filter((p) => p.events.length > 0).length;
  root.replaceChildren(
    h('p', { class: 'muted' }, `${view.spreadsheet} · the sandbox's clock: ${view.now.slice(0, 16).replace('T', ' ')} UTC · ${withEvents} of ${view.people.length} calendars hold a coaching series.`),
    downloads(view.ics),
    h(
      'nav',
      { class: 'people-nav', attrs: { 'aria-label': 'People' } },
      ...view.people.map((p, i) => h('a', { attrs: { href: `#person-${i}` } }, p.name || p.email, p.events.length ? ` (${p.events.length})` : '')),
    ),
    h('section', { attrs: { id: 'people', 'aria-label': 'Calendars' } }, ...view.people.map(person)),
    invitations(view.invitations),
  );
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

function downloads(ics: CalendarView['ics']): HTMLElement {
  const section = h('section', { class: 'card', attrs: { id: 'downloads', 'aria-labelledby': 'downloads-title' } }, h('h2', { attrs: { id: 'downloads-title' } }, 'iCalendar files'));
  if ('problem' in ics) {
    section.append(h('p', { class: 'muted' }, ics.problem));
    return section;
  }
  section.append(
    h('p', {}, `Cycle ${ics.cycle}, for calendars other than Google's: `, h('a', { class: 'ics', attrs: { href: ics.all, download: '' } }, `All ${ics.groups.length} groups (.ics)`)),
    h(
      'ul',
      { class: 'ics-groups' },
      ...ics.groups.map((g) => h('li', {}, h('a', { class: 'ics', attrs: { href: g.href, download: '' } }, `${g.group}.ics`), ` ${g.names}`)),
    ),
  );
  return section;
}

function person(p: CalendarPersonView, index: number): HTMLElement {
  const flags: Node[] = [];
  if (p.owner) flags.push(h('span', { class: 'flag owner' }, 'organizer'));
  if (p.freeBusy !== 'busy blocks') flags.push(h('span', { class: 'flag warn', attrs: { title: 'What Calendar.Freebusy.query answers for this calendar' } }, `free/busy: ${p.freeBusy}`));
  const article = h(
    'article',
    { class: 'card person', attrs: { id: `person-${index}`, 'data-email': p.email, 'aria-labelledby': `person-${index}-name` } },
    h('h2', { attrs: { id: `person-${index}-name` } }, p.name || p.email, ' ', h('span', { class: 'email' }, p.name ? p.email : '')),
    h('p', { class: 'meta' }, `Time zone ${p.timeZone}`, ...flags.flatMap((f) => [' ', f])),
  );
  if (p.events.length === 0) {
    article.append(h('p', { class: 'muted no-events' }, p.known ? 'No coaching series on this calendar.' : 'Not a calendar the emulation knows: invitations reach this person by e-mail only.'));
  } else {
    article.append(h('div', { class: 'events' }, ...p.events.map(event)));
  }
  if (p.busy.length > 0) {
    article.append(
      h('details', { class: 'busy' }, h('summary', {}, `Other meetings (next ${p.busy.length})`), h('ul', {}, ...p.busy.map((b) => h('li', {}, b)))),
    );
  }
  return article;
}

function event(e: CalendarEventView): HTMLElement {
  const rule = e.recurrence.join(' ');
  const zoneNote = e.eventTimeZone && e.eventTimeZone !== e.timeZone ? ` · the series is set in ${e.eventTimeZone}` : '';
  const meet =
    e.meet === ''
      ? h('span', { class: 'muted' }, 'none')
      : e.meet === 'pending'
        ? h('span', { class: 'pending' }, 'pending (Google is making it)')
        : h('code', { class: 'meet-link' }, e.meet);
  const form = e.formLinks[0];
  return h(
    'div',
    { class: 'event', attrs: { 'data-event-id': e.id } },
    h('h3', { class: 'event-title' }, e.title),
    h(
      'dl',
      {},
      h('dt', {}, 'When'),
      h('dd', { class: 'when' }, `${e.when} (${e.timeZone})`, ` · ${e.occurrences.length} meeting${e.occurrences.length === 1 ? '' : 's'}${zoneNote}`, rule ? h('code', { class: 'rrule' }, rule) : null),
      h('dt', {}, 'Dates'),
      h('dd', {}, h('ol', { class: 'occurrences' }, ...e.occurrences.map((o) => h('li', {}, o)))),
      h('dt', {}, 'Guests'),
      h(
        'dd',
        {},
        h('ul', { class: 'guests' }, ...e.guests.map((g) => h('li', {}, g.name ? `${g.name} <${g.email}>` : g.email, g.organizer ? ' · organizer' : '', g.response ? ` · ${g.response}` : ''))),
      ),
      h('dt', {}, 'Meet'),
      h('dd', { class: 'meet' }, meet),
      h('dt', {}, 'Feedback'),
      h('dd', {}, form ? h('a', { class: 'button open-form', attrs: { href: form } }, 'Open the feedback form') : h('span', { class: 'muted' }, 'no form link in the description yet')),
    ),
    h('details', { class: 'description' }, h('summary', {}, 'Description'), h('pre', {}, ...textWithFormLinks(e.description))),
  );
}

function invitations(list: CalendarView['invitations']): HTMLElement {
  const section = h('section', { class: 'card', attrs: { id: 'invitations', 'aria-labelledby': 'invitations-title' } }, h('h2', { attrs: { id: 'invitations-title' } }, `Invitations sent (${list.length})`));
  if (list.length === 0) {
    section.append(h('p', { class: 'muted' }, 'Calendar has sent nothing yet.'));
    return section;
  }
  section.append(
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...['When (UTC)', 'Kind', 'To', 'Event', 'Event ID'].map((t) => h('th', { attrs: { scope: 'col' } }, t)))),
      h('tbody', {}, ...list.map((i) => h('tr', {}, h('td', {}, i.at.slice(0, 19).replace('T', ' ')), h('td', {}, i.kind), h('td', {}, i.to), h('td', {}, i.summary), h('td', {}, h('code', {}, i.eventId))))),
    ),
  );
  return section;
}

refreshButton.addEventListener('click', () => void load());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void load();
});
void load();
