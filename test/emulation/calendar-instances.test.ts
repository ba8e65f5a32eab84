// The Calendar emulation's recurring events: instances with opaque ids, exceptions (patch, update,
// cancel, move), singleEvents lists, EXDATE and UNTIL, visibility spreading to the series, the
// people's views (eventsOn, occurrencesFor, free/busy), and Google's content and rate limits.
// Sources: src/local/emulation/calendar/{index,instances,recurrence,events}.ts.
import { createContext } from '../../src/local/emulation/context';
import {
  FakeCalendar,
  isGoogleJsonResponseException,
  type CalendarOptions,
  type FreeBusyCalendarResult,
  type GoogleJsonResponseException,
} from '../../src/local/emulation/calendar';

type Event = GoogleAppsScript.Calendar.Schema.Event;

const OWNER = 'owner@example.com';
const ANN = 'ann@example.com';
const BEN = 'ben@example.com';

function setup(options: CalendarOptions = {}) {
  let now = new Date('2027-03-01T09:00:00Z').getTime();
  let n = 0;
  const ctx = createContext({
    userEmail: OWNER,
    timeZone: 'Europe/London',
    now: () => new Date(now),
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  const cal = new FakeCalendar(ctx, undefined, options);
  cal.addPerson(ANN);
  cal.addPerson(BEN);
  return {
    ctx,
    cal,
    Events: cal.Events as unknown as GoogleAppsScript.Calendar.Collection.EventsCollection,
    Freebusy: cal.Freebusy as unknown as GoogleAppsScript.Calendar.Collection.FreebusyCollection,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** A weekly series, 10:00–10:30 London time, first on Monday 2027-03-22 (the clocks change on the 28th). */
function weekly(recurrence: string[] = ['RRULE:FREQ=WEEKLY;COUNT=6'], extra: Partial<Event> = {}): Event {
  return {
    id: 'series1',
    summary: 'Peer coaching: Ann ↔ Ben',
    description: 'Goals',
    start: { dateTime: '2027-03-22T10:00:00', timeZone: 'Europe/London' },
    end: { dateTime: '2027-03-22T10:30:00', timeZone: 'Europe/London' },
    recurrence,
    attendees: [{ email: ANN }, { email: BEN }],
    ...extra,
  };
}

function apiError(fn: () => unknown): GoogleJsonResponseException {
  try {
    fn();
  } catch (e) {
    if (isGoogleJsonResponseException(e)) return e;
    throw new Error(`expected a GoogleJsonResponseException, got ${String(e)}`);
  }
  throw new Error('expected a GoogleJsonResponseException, nothing was thrown');
}

const starts = (events: Event[] | undefined) => (events ?? []).map((e) => e.start?.dateTime);
const originals = (events: Event[] | undefined) => (events ?? []).map((e) => e.originalStartTime?.dateTime);
/** The instance whose original start is `iso` (never built from an id). */
const instanceAt = (Events: ReturnType<typeof setup>['Events'], iso: string) => {
  const items = Events.instances('primary', 'series1', { originalStart: iso }).items ?? [];
  expect(items).toHaveLength(1);
  return items[0];
};

const SIX = [
  '2027-03-22T10:00:00+00:00',
  '2027-03-29T10:00:00+01:00',
  '2027-04-05T10:00:00+01:00',
  '2027-04-12T10:00:00+01:00',
  '2027-04-19T10:00:00+01:00',
  '2027-04-26T10:00:00+01:00',
];

describe('Events.instances', () => {
  it('lists every instance in order, with recurringEventId, originalStartTime and start/end in the series zone', () => {
    const { Events, ctx } = setup();
    Events.insert(weekly(), 'primary');
    const res = Events.instances('primary', 'series1');
    expect(res.kind).toBe('calendar#events');
    expect(starts(res.items)).toEqual(SIX);
    expect(originals(res.items)).toEqual(SIX);
    for (const item of res.items ?? []) {
      expect(item.recurringEventId).toBe('series1');
      expect(item.recurrence).toBeUndefined();
      expect(item.start?.timeZone).toBe('Europe/London');
      expect(item.originalStartTime?.timeZone).toBe('Europe/London');
      expect(item.summary).toBe('Peer coaching: Ann ↔ Ben');
    }
    expect(res.items?.[1].end?.dateTime).toBe('2027-03-29T10:30:00+01:00');
    expect(ctx.ledger.count('Calendar.Events.instances')).toBe(1);
  });

  it('gives opaque ids: distinct, valid as event ids, and not Google\'s old seriesId_YYYYMMDDTHHMMSSZ shape', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    const ids = (Events.instances('primary', 'series1').items ?? []).map((i) => i.id!);
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) {
      expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
      expect(id.startsWith('series1')).toBe(false);
      expect(id).not.toMatch(/\d{8}T\d{6}Z?/);
    }
    // An id built the old way names nothing here.
    expect(apiError(() => Events.get('primary', 'series1_20270329T090000Z')).details.code).toBe(404);
  });

  it('picks one instance by originalStart, and filters by timeMin (inclusive, on the end) and timeMax (exclusive, on the start)', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    expect(instanceAt(Events, '2027-04-05T09:00:00Z').start?.dateTime).toBe('2027-04-05T10:00:00+01:00');
    expect(Events.instances('primary', 'series1', { originalStart: '2027-04-05T09:30:00Z' }).items).toEqual([]);
    const some = Events.instances('primary', 'series1', { timeMin: '2027-03-29T09:30:00Z', timeMax: '2027-04-12T09:00:00Z' });
    expect(starts(some.items)).toEqual([SIX[1], SIX[2]]); // the 29th ends at 09:30Z (inclusive); the 12th starts at 09:00Z (exclusive)
    const later = Events.instances('primary', 'series1', { timeMin: '2027-03-29T09:30:01Z', timeMax: '2027-04-12T09:00:00Z' });
    expect(starts(later.items)).toEqual([SIX[2]]);
    // Events.list's timeMin is exclusive on the end.
    const listed = Events.list('primary', { singleEvents: true, timeMin: '2027-03-29T09:30:00Z', timeMax: '2027-04-12T09:00:00Z' });
    expect(starts(listed.items)).toEqual([SIX[2]]);
  });

  it('pages with maxResults and pageToken', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    const first = Events.instances('primary', 'series1', { maxResults: 4 });
    expect(first.items).toHaveLength(4);
    const second = Events.instances('primary', 'series1', { maxResults: 4, pageToken: first.nextPageToken });
    expect(starts(second.items)).toEqual(SIX.slice(4));
    expect(second.nextPageToken).toBeUndefined();
  });

  it('404 for an unknown event; an instance id is not a series', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    expect(apiError(() => Events.instances('primary', 'nosuchseries')).details.code).toBe(404);
    const one = instanceAt(Events, '2027-03-22T10:00:00Z');
    expect(apiError(() => Events.instances('primary', one.id!)).details.code).toBe(404);
  });
});

describe('one instance: get, patch, update, cancel', () => {
  it('get on an instance id returns that instance; an id for a date the series does not have is 404', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    const one = instanceAt(Events, '2027-04-12T09:00:00Z');
    expect(Events.get('primary', one.id!)).toEqual(one);
    const gone = Events.instances('primary', 'series1', { originalStart: '2027-05-03T09:00:00Z' }).items;
    expect(gone).toEqual([]);
  });

  it('a patch on an instance becomes an exception keyed by original start: only that week changes', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    const third = instanceAt(Events, '2027-04-05T09:00:00Z');
    const patched = Events.patch({ description: 'Week 3: Ann leads' }, 'primary', third.id!);
    expect(patched.description).toBe('Week 3: Ann leads');
    expect(patched.recurringEventId).toBe('series1');
    expect(patched.originalStartTime).toEqual(third.originalStartTime);
    expect(patched.id).toBe(third.id);
    const all = Events.instances('primary', 'series1').items ?? [];
    expect(all.map((i) => i.description)).toEqual(['Goals', 'Goals', 'Week 3: Ann leads', 'Goals', 'Goals', 'Goals']);
    expect(Events.get('primary', 'series1').description).toBe('Goals');
    // list without singleEvents: the series and its exception.
    const listed = Events.list('primary').items ?? [];
    expect(listed.map((e) => [e.id === 'series1' ? 'series' : 'exception', e.description])).toEqual([
      ['series', 'Goals'],
      ['exception', 'Week 3: Ann leads'],
    ]);
  });

  it('an update of an instance (get, change, update) is stored the same way', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    const second = instanceAt(Events, '2027-03-29T09:00:00Z');
    Events.update({ ...second, summary: 'Moved agenda' }, 'primary', second.id!);
    expect((Events.instances('primary', 'series1').items ?? []).map((i) => i.summary)).toEqual([
      'Peer coaching: Ann ↔ Ben',
      'Moved agenda',
      ...Array(4).fill('Peer coaching: Ann ↔ Ben'),
    ]);
    expect(Events.get('primary', second.id!).summary).toBe('Moved agenda');
  });

  it('originalStartTime and recurringEventId are immutable (400)', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    const second = instanceAt(Events, '2027-03-29T09:00:00Z');
    const e = apiError(() =>
      Events.patch({ originalStartTime: { dateTime: '2027-04-05T10:00:00', timeZone: 'Europe/London' } }, 'primary', second.id!),
    );
    expect(e.details.code).toBe(400);
    expect(apiError(() => Events.patch({ recurringEventId: 'other' }, 'primary', second.id!)).details.code).toBe(400);
  });

  it('cancelling one instance (status cancelled): hidden from instances, lists, calendars and free/busy; shown with showDeleted', () => {
    const { Events, Freebusy, cal } = setup();
    Events.insert(weekly(), 'primary');
    const fourth = instanceAt(Events, '2027-04-12T09:00:00Z');
    Events.patch({ status: 'cancelled' }, 'primary', fourth.id!);
    expect(originals(Events.instances('primary', 'series1').items)).toEqual([SIX[0], SIX[1], SIX[2], SIX[4], SIX[5]]);
    const withDeleted = Events.instances('primary', 'series1', { showDeleted: true }).items ?? [];
    expect(withDeleted.map((i) => i.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'cancelled', 'confirmed', 'confirmed']);
    expect(Events.get('primary', fourth.id!).status).toBe('cancelled');
    expect(cal.eventsOn(ANN)[0].occurrences.map((o) => o.start.slice(0, 10))).toEqual(['2027-03-22', '2027-03-29', '2027-04-05', '2027-04-19', '2027-04-26']);
    const fb = Freebusy.query({ timeMin: '2027-04-12T00:00:00Z', timeMax: '2027-04-13T00:00:00Z', items: [{ id: ANN }] });
    expect((fb.calendars as Record<string, FreeBusyCalendarResult>)[ANN].busy).toEqual([]);
    // [LIST-DEL]: without singleEvents, the cancelled exception is listed even without showDeleted.
    expect((Events.list('primary').items ?? []).map((e) => e.status)).toEqual(['confirmed', 'cancelled']);
    // With singleEvents it is hidden unless showDeleted.
    expect(Events.list('primary', { singleEvents: true }).items).toHaveLength(5);
    expect(Events.list('primary', { singleEvents: true, showDeleted: true }).items).toHaveLength(6);
  });

  it('remove on an instance id cancels that instance only; a second remove is 410', () => {
    const { Events } = setup({});
    Events.insert(weekly(), 'primary');
    const first = instanceAt(Events, '2027-03-22T10:00:00Z');
    Events.remove('primary', first.id!);
    expect(Events.get('primary', first.id!).status).toBe('cancelled');
    expect(Events.get('primary', 'series1').status).toBe('confirmed');
    expect(Events.get('primary', 'series1').recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=6']); // no EXDATE added
    expect(Events.instances('primary', 'series1').items).toHaveLength(5);
    expect(apiError(() => Events.remove('primary', first.id!)).details.code).toBe(410);
  });

  it('moving one instance: it shows at its new time, keeps its originalStartTime, and free/busy follows', () => {
    const { Events, Freebusy, cal } = setup();
    Events.insert(weekly(), 'primary');
    const second = instanceAt(Events, '2027-03-29T09:00:00Z');
    Events.patch(
      { start: { dateTime: '2027-03-30T15:00:00', timeZone: 'Europe/London' }, end: { dateTime: '2027-03-30T15:30:00', timeZone: 'Europe/London' } },
      'primary',
      second.id!,
    );
    const moved = instanceAt(Events, '2027-03-29T09:00:00Z');
    expect(moved.start?.dateTime).toBe('2027-03-30T15:00:00');
    expect(moved.originalStartTime?.dateTime).toBe('2027-03-29T10:00:00+01:00');
    const busy = (q: { timeMin: string; timeMax: string }) =>
      (Freebusy.query({ ...q, items: [{ id: BEN }] }).calendars as Record<string, FreeBusyCalendarResult>)[BEN].busy;
    expect(busy({ timeMin: '2027-03-29T00:00:00Z', timeMax: '2027-03-30T00:00:00Z' })).toEqual([]);
    expect(busy({ timeMin: '2027-03-30T00:00:00Z', timeMax: '2027-03-31T00:00:00Z' })).toEqual([{ start: '2027-03-30T14:00:00Z', end: '2027-03-30T14:30:00Z' }]);
    // A window holding only the new time finds the moved instance.
    expect(originals(Events.instances('primary', 'series1', { timeMin: '2027-03-30T00:00:00Z', timeMax: '2027-03-31T00:00:00Z' }).items)).toEqual([SIX[1]]);
    expect(cal.occurrencesFor(BEN, { timeMin: '2027-03-29T00:00:00Z', timeMax: '2027-04-01T00:00:00Z' }).map((o) => o.start)).toEqual(['2027-03-30T15:00:00+01:00']);
  });

  it('sends updates to the instance\'s guests when asked', () => {
    const { Events, cal } = setup();
    Events.insert(weekly(), 'primary');
    const second = instanceAt(Events, '2027-03-29T09:00:00Z');
    Events.patch({ description: 'x' }, 'primary', second.id!, { sendUpdates: 'all' });
    Events.remove('primary', instanceAt(Events, '2027-04-05T09:00:00Z').id!, { sendUpdates: 'all' });
    expect(cal.sentInvitations().map((i) => [i.kind, i.to])).toEqual([
      ['update', ANN],
      ['update', BEN],
      ['cancellation', ANN],
      ['cancellation', BEN],
    ]);
  });
});

describe('the series and its exceptions', () => {
  it('patching the series keeps the exceptions: their changed fields stay, the others follow the series (⚠ not documented)', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    const third = instanceAt(Events, '2027-04-05T09:00:00Z');
    Events.patch({ description: 'Week 3 brief' }, 'primary', third.id!);
    Events.remove('primary', instanceAt(Events, '2027-04-12T09:00:00Z').id!);
    Events.patch({ summary: 'Renamed', description: 'New goals' }, 'primary', 'series1');
    const all = Events.instances('primary', 'series1', { showDeleted: true }).items ?? [];
    expect(all.map((i) => [i.summary, i.description, i.status])).toEqual([
      ['Renamed', 'New goals', 'confirmed'],
      ['Renamed', 'New goals', 'confirmed'],
      ['Renamed', 'Week 3 brief', 'confirmed'],
      ['Renamed', 'New goals', 'cancelled'],
      ['Renamed', 'New goals', 'confirmed'],
      ['Renamed', 'New goals', 'confirmed'],
    ]);
  });

  it("visibility 'private' on one instance makes the whole series private; a looser value on an instance is ignored", () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    Events.patch({ visibility: 'private' }, 'primary', instanceAt(Events, '2027-04-05T09:00:00Z').id!);
    expect(Events.get('primary', 'series1').visibility).toBe('private');
    expect((Events.instances('primary', 'series1').items ?? []).every((i) => i.visibility === 'private')).toBe(true);
    Events.patch({ visibility: 'public' }, 'primary', instanceAt(Events, '2027-04-12T09:00:00Z').id!);
    expect(instanceAt(Events, '2027-04-12T09:00:00Z').visibility).toBe('private');
    // Relaxing goes through the series.
    Events.patch({ visibility: 'default' }, 'primary', 'series1');
    expect(instanceAt(Events, '2027-04-12T09:00:00Z').visibility).toBe('default');
  });

  it('trimming the series with UNTIL ends it there, but an exception after the cut survives until deleted (⚠ community)', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    Events.patch({ description: 'Week 5 brief' }, 'primary', instanceAt(Events, '2027-04-19T09:00:00Z').id!);
    Events.patch({ recurrence: ['RRULE:FREQ=WEEKLY;UNTIL=20270412T085959Z'] }, 'primary', 'series1');
    const after = Events.instances('primary', 'series1', { timeMin: '2027-04-12T00:00:00Z', showDeleted: true }).items ?? [];
    expect(after.map((i) => i.description)).toEqual(['Week 5 brief']);
    Events.remove('primary', after[0].id!);
    expect(starts(Events.instances('primary', 'series1').items)).toEqual(SIX.slice(0, 3));
  });

  it('removing the series removes every instance, exceptions included', () => {
    const { Events, cal } = setup();
    Events.insert(weekly(), 'primary');
    Events.patch({ description: 'x' }, 'primary', instanceAt(Events, '2027-04-05T09:00:00Z').id!);
    Events.remove('primary', 'series1');
    expect(Events.instances('primary', 'series1').items).toEqual([]);
    expect(Events.list('primary', { singleEvents: true }).items).toEqual([]);
    expect(cal.eventsOn(ANN)).toEqual([]);
    expect(cal.occurrencesFor(ANN)).toEqual([]);
  });

  it('a snapshot keeps the exceptions', () => {
    const { Events, cal, ctx } = setup();
    Events.insert(weekly(), 'primary');
    Events.patch({ description: 'Week 2' }, 'primary', instanceAt(Events, '2027-03-29T09:00:00Z').id!);
    const again = new FakeCalendar(ctx, JSON.parse(JSON.stringify(cal.toJSON())));
    const copy = again.Events as unknown as GoogleAppsScript.Calendar.Collection.EventsCollection;
    expect(copy.instances('primary', 'series1')).toEqual(Events.instances('primary', 'series1'));
  });
});

describe('Events.list with singleEvents and orderBy', () => {
  it('expands series into instances, merges single events, orders by start time, filters by window', () => {
    const { Events } = setup();
    Events.insert(weekly(['RRULE:FREQ=WEEKLY;COUNT=3']), 'primary');
    Events.insert({ id: 'single1', summary: 'One-off', start: { dateTime: '2027-03-25T12:00:00Z' }, end: { dateTime: '2027-03-25T13:00:00Z' } }, 'primary');
    const res = Events.list('primary', { singleEvents: true, orderBy: 'startTime' });
    expect((res.items ?? []).map((e) => [e.summary, e.start?.dateTime])).toEqual([
      ['Peer coaching: Ann ↔ Ben', '2027-03-22T10:00:00+00:00'],
      ['One-off', '2027-03-25T12:00:00Z'],
      ['Peer coaching: Ann ↔ Ben', '2027-03-29T10:00:00+01:00'],
      ['Peer coaching: Ann ↔ Ben', '2027-04-05T10:00:00+01:00'],
    ]);
    const windowed = Events.list('primary', { singleEvents: true, orderBy: 'startTime', timeMin: '2027-03-26T00:00:00Z', timeMax: '2027-04-01T00:00:00Z' });
    expect((windowed.items ?? []).map((e) => e.start?.dateTime)).toEqual(['2027-03-29T10:00:00+01:00']);
  });

  it("400 for orderBy 'startTime' without singleEvents, and for an unknown orderBy", () => {
    const { Events } = setup();
    expect(apiError(() => Events.list('primary', { orderBy: 'startTime' })).details.code).toBe(400);
    expect(apiError(() => Events.list('primary', { singleEvents: true, orderBy: 'title' })).details.code).toBe(400);
  });

  it('timeMin/timeMax without singleEvents keep a series that has an instance in the window', () => {
    const { Events } = setup();
    Events.insert(weekly(), 'primary');
    expect(Events.list('primary', { timeMin: '2027-04-20T00:00:00Z' }).items).toHaveLength(1);
    expect(Events.list('primary', { timeMin: '2027-05-01T00:00:00Z' }).items).toHaveLength(0);
  });
});

describe('EXDATE', () => {
  const ann = (cal: FakeCalendar) => cal.eventsOn(ANN)[0].occurrences.map((o) => o.start.slice(0, 10));

  it('leaves out the occurrence whose local start it names (TZID form); COUNT counts the excluded date', () => {
    const { Events, cal } = setup();
    Events.insert(weekly(['RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/London:20270405T100000']), 'primary');
    expect(ann(cal)).toEqual(['2027-03-22', '2027-03-29', '2027-04-12', '2027-04-19', '2027-04-26']);
    expect(Events.instances('primary', 'series1').items).toHaveLength(5);
  });

  it('keeps six meetings with COUNT raised by the number of excluded dates (comma list, UTC form, several lines)', () => {
    const { Events, cal } = setup();
    Events.insert(
      weekly(['RRULE:FREQ=WEEKLY;COUNT=9', 'EXDATE;TZID=Europe/London:20270329T100000,20270412T100000', 'EXDATE:20270426T090000Z']),
      'primary',
    );
    expect(ann(cal)).toEqual(['2027-03-22', '2027-04-05', '2027-04-19', '2027-05-03', '2027-05-10', '2027-05-17']);
  });

  it('matches exactly: another time of day, or the UTC value of the wrong offset, excludes nothing', () => {
    const { Events, cal } = setup();
    Events.insert(weekly(['RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE;TZID=Europe/London:20270329T090000', 'EXDATE:20270405T100000Z']), 'primary');
    expect(ann(cal)).toEqual(['2027-03-22', '2027-03-29', '2027-04-05']);
  });

  it('400 "Invalid recurrence rule." for a malformed EXDATE or an unknown TZID', () => {
    const { Events } = setup();
    for (const line of ['EXDATE;TZID=Europe/London:2027-04-05', 'EXDATE;TZID=W. Europe Standard Time:20270405T100000', 'EXDATE;TZID=Europe/London:20270405T100000Z']) {
      const e = apiError(() => Events.insert(weekly(['RRULE:FREQ=WEEKLY;COUNT=6', line]), 'primary'));
      expect([line, e.details.code, e.details.message]).toEqual([line, 400, 'Invalid recurrence rule.']);
    }
  });

  it('free/busy leaves out the excluded date', () => {
    const { Events, Freebusy } = setup();
    Events.insert(weekly(['RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/London:20270405T100000']), 'primary');
    const fb = Freebusy.query({ timeMin: '2027-04-05T00:00:00Z', timeMax: '2027-04-06T00:00:00Z', items: [{ id: BEN }] });
    expect((fb.calendars as Record<string, FreeBusyCalendarResult>)[BEN].busy).toEqual([]);
  });
});

describe('UNTIL', () => {
  it('400 "Invalid recurrence rule." for a floating UNTIL on a zoned series (RFC 5545; ⚠ community evidence), on insert and patch', () => {
    const { Events } = setup();
    const e = apiError(() => Events.insert(weekly(['RRULE:FREQ=WEEKLY;UNTIL=20270412T095959']), 'primary'));
    expect([e.details.code, e.details.message]).toEqual([400, 'Invalid recurrence rule.']);
    Events.insert(weekly(), 'primary');
    const p = apiError(() => Events.patch({ recurrence: ['RRULE:FREQ=WEEKLY;UNTIL=20270412T095959'] }, 'primary', 'series1'));
    expect(p.details.code).toBe(400);
    expect(Events.get('primary', 'series1').recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=6']);
  });

  it('UTC UNTIL is inclusive; one second before an occurrence ends the series before it, east of UTC too', () => {
    const { Events, cal } = setup();
    Events.insert(
      weekly(['RRULE:FREQ=WEEKLY;UNTIL=20270115T230000Z'], {
        id: 'tokio1',
        start: { dateTime: '2027-01-02T08:00:00', timeZone: 'Asia/Tokyo' },
        end: { dateTime: '2027-01-02T08:30:00', timeZone: 'Asia/Tokyo' },
      }),
      'primary',
    );
    // 08:00 Tokyo on the 16th is 23:00Z on the 15th: included (inclusive).
    expect(cal.occurrencesFor(ANN).map((o) => o.start)).toEqual(['2027-01-02T08:00:00+09:00', '2027-01-09T08:00:00+09:00', '2027-01-16T08:00:00+09:00']);
    Events.patch({ recurrence: ['RRULE:FREQ=WEEKLY;UNTIL=20270115T225959Z'] }, 'primary', 'tokio1');
    expect(cal.occurrencesFor(ANN)).toHaveLength(2);
  });
});

describe('occurrencesFor: what a person attends', () => {
  it('every occurrence as organizer or guest, sorted, with the instance\'s own fields, cancelled ones left out', () => {
    const { Events, cal } = setup();
    Events.insert(weekly(['RRULE:FREQ=WEEKLY;COUNT=3']), 'primary');
    Events.insert({ id: 'single1', summary: 'Kick-off', description: 'Hello', start: { dateTime: '2027-03-23T12:00:00Z' }, end: { dateTime: '2027-03-23T13:00:00Z' }, attendees: [{ email: ANN }] }, 'primary');
    Events.patch({ description: 'Week 2', attendees: [{ email: ANN }] }, 'primary', instanceAt(Events, '2027-03-29T09:00:00Z').id!);
    Events.patch({ status: 'cancelled' }, 'primary', instanceAt(Events, '2027-04-05T09:00:00Z').id!);
    const ann = cal.occurrencesFor(ANN);
    expect(ann.map((o) => [o.eventId, o.start, o.end, o.description])).toEqual([
      ['series1', '2027-03-22T10:00:00+00:00', '2027-03-22T10:30:00+00:00', 'Goals'],
      ['single1', '2027-03-23T12:00:00+00:00', '2027-03-23T13:00:00+00:00', 'Hello'],
      ['series1', '2027-03-29T10:00:00+01:00', '2027-03-29T10:30:00+01:00', 'Week 2'],
    ]);
    expect(ann[0]).toMatchObject({ summary: 'Peer coaching: Ann ↔ Ben', organizer: OWNER, attendees: [ANN, BEN], responseStatus: 'needsAction' });
    expect(ann[0].instanceId).toEqual(expect.any(String));
    expect(ann[1].instanceId).toBeUndefined();
    // Ben was taken off week 2's instance.
    expect(cal.occurrencesFor(BEN).map((o) => o.start)).toEqual(['2027-03-22T10:00:00+00:00']);
    // The organizer sees every occurrence; a window narrows it.
    expect(cal.occurrencesFor(OWNER)).toHaveLength(3);
    expect(cal.occurrencesFor(OWNER, { timeMin: '2027-03-24T00:00:00Z' }).map((o) => o.eventId)).toEqual(['series1']);
  });

  it('is not a service call', () => {
    const { Events, cal, ctx } = setup();
    Events.insert(weekly(), 'primary');
    ctx.ledger.reset();
    cal.occurrencesFor(ANN);
    cal.eventsOn(ANN);
    expect(ctx.ledger.count()).toBe(0);
  });
});

describe("Google's content limits, Meet failure, per-minute rate limit", () => {
  it('drops an extended property whose key is over 44 characters and cuts a value over 1,024, silently', () => {
    const { Events } = setup();
    const long = 'k'.repeat(45);
    const ok = 'k'.repeat(44);
    const ev = Events.insert(weekly(undefined, { extendedProperties: { private: { [long]: 'x', [ok]: 'v'.repeat(1100) } } }), 'primary');
    expect(Object.keys(ev.extendedProperties?.private ?? {})).toEqual([ok]);
    expect(ev.extendedProperties?.private?.[ok]).toHaveLength(1024);
    const patched = Events.patch({ extendedProperties: { shared: { [long]: 'y' } } }, 'primary', 'series1');
    expect(patched.extendedProperties?.shared).toEqual({});
  });

  it('400 past 300 properties on an event (⚠ the error is not documented)', () => {
    const { Events } = setup();
    const many = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`p${i}`, 'x']));
    expect(apiError(() => Events.insert(weekly(undefined, { extendedProperties: { private: many } }), 'primary')).details.code).toBe(400);
  });

  it('400 for a description over 8,192 characters (⚠ community limit), configurable', () => {
    const { Events } = setup();
    expect(apiError(() => Events.insert(weekly(undefined, { description: 'x'.repeat(8193) }), 'primary')).details.code).toBe(400);
    Events.insert(weekly(undefined, { description: 'x'.repeat(8192) }), 'primary');
  });

  it("meetOutcome 'failure': the conference request ends in statusCode failure with no entry points", () => {
    const { Events } = setup({ meetOutcome: 'failure' });
    Events.insert(weekly(undefined, { conferenceData: { createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } } } }), 'primary', { conferenceDataVersion: 1 });
    const got = Events.get('primary', 'series1');
    expect(got.conferenceData?.createRequest?.status?.statusCode).toBe('failure');
    expect(got.conferenceData?.entryPoints).toBeUndefined();
    expect(got.hangoutLink).toBeUndefined();
  });

  it('rateLimitPerMinute: a patch costs 3 units; past the limit 403 rateLimitExceeded, free again after a minute', () => {
    const { Events, advance } = setup({ rateLimitPerMinute: 600 });
    Events.insert(weekly(), 'primary'); // 1 unit
    for (let i = 0; i < 199; i++) Events.patch({ description: `v${i}` }, 'primary', 'series1'); // 597 units
    const e = apiError(() => Events.patch({ description: 'one too many' }, 'primary', 'series1'));
    expect([e.details.code, e.details.errors[0].reason, e.details.errors[0].domain, e.message]).toEqual([
      403,
      'rateLimitExceeded',
      'usageLimits',
      'API call to calendar.events.patch failed with error: Rate Limit Exceeded',
    ]);
    Events.get('primary', 'series1'); // 1 unit still fits: 598 + 1 … up to 600
    advance(60_000);
    Events.patch({ description: 'later' }, 'primary', 'series1');
    expect(Events.get('primary', 'series1').description).toBe('later');
  });
});
