import { createContext } from '../../src/local/emulation/context';
import { InjectedFault } from '../../src/local/emulation/ledger';
import {
  CALENDAR_ERRORS,
  FakeCalendar,
  NotEmulatedError,
  isGoogleJsonResponseException,
  type CalendarOptions,
  type CalendarSnapshot,
  type FreeBusyCalendarResult,
  type GoogleJsonResponseException,
} from '../../src/local/emulation/calendar';

type Event = GoogleAppsScript.Calendar.Schema.Event;

const OWNER = 'owner@example.com';

function setup(options: CalendarOptions = {}, snapshot?: CalendarSnapshot) {
  let now = new Date('2027-03-01T09:00:00Z').getTime();
  let n = 0;
  const ctx = createContext({
    userEmail: OWNER,
    timeZone: 'Europe/London',
    now: () => new Date(now),
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  const cal = new FakeCalendar(ctx, snapshot, options);
  return {
    ctx,
    cal,
    Calendar: cal as unknown as { Events: GoogleAppsScript.Calendar.Collection.EventsCollection; Freebusy: GoogleAppsScript.Calendar.Collection.FreebusyCollection },
    advance(ms: number) {
      now += ms;
    },
  };
}

/** A weekly series: 10:00–10:30 London time, first on Monday 2027-03-22. */
function weekly(extra: Partial<Event> = {}, rule = 'RRULE:FREQ=WEEKLY;COUNT=6'): Event {
  return {
    summary: 'Peer coaching: Ann ↔ Ben',
    start: { dateTime: '2027-03-22T10:00:00', timeZone: 'Europe/London' },
    end: { dateTime: '2027-03-22T10:30:00', timeZone: 'Europe/London' },
    recurrence: [rule],
    attendees: [{ email: 'ann@example.com' }, { email: 'ben@example.com' }],
    ...extra,
  };
}

function single(extra: Partial<Event> = {}): Event {
  return {
    summary: 'One-off',
    start: { dateTime: '2027-03-02T14:00:00Z' },
    end: { dateTime: '2027-03-02T15:00:00Z' },
    ...extra,
  };
}

/** The GoogleJsonResponseException `fn` throws (fails the test when it throws nothing or something else). */
function apiError(fn: () => unknown): GoogleJsonResponseException {
  try {
    fn();
  } catch (e) {
    if (isGoogleJsonResponseException(e)) return e;
    throw new Error(`expected a GoogleJsonResponseException, got ${String(e)}`);
  }
  throw new Error('expected a GoogleJsonResponseException, nothing was thrown');
}

function busyOf(response: GoogleAppsScript.Calendar.Schema.FreeBusyResponse, id: string): FreeBusyCalendarResult {
  return (response.calendars as Record<string, FreeBusyCalendarResult>)[id];
}

describe('FakeCalendar: errors as Apps Script throws them', () => {
  it('throws a GoogleJsonResponseException with the REST method in the message and the JSON error in details', () => {
    const { Calendar } = setup();
    const e = apiError(() => Calendar.Events.get('primary', 'nosuchevent'));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('GoogleJsonResponseException');
    expect(e.message).toBe('API call to calendar.events.get failed with error: Not Found');
    expect(String(e)).toBe('GoogleJsonResponseException: API call to calendar.events.get failed with error: Not Found');
    expect(e.details).toEqual({ code: 404, message: 'Not Found', errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }] });
  });

  it('names remove by its REST name, calendar.events.delete', () => {
    const { Calendar } = setup();
    expect(() => Calendar.Events.remove('primary', 'nosuchevent')).toThrow('API call to calendar.events.delete failed with error: Not Found');
  });

  it('makes errors with the realm given to useRealm', () => {
    const { cal, Calendar } = setup();
    class RealmError extends Error {}
    cal.useRealm({ Error: RealmError as ErrorConstructor });
    expect(() => Calendar.Events.get('primary', 'nosuchevent')).toThrow(RealmError);
  });

  it('isGoogleJsonResponseException rejects ordinary errors', () => {
    expect(isGoogleJsonResponseException(new Error('x'))).toBe(false);
    expect(isGoogleJsonResponseException(null)).toBe(false);
    expect(isGoogleJsonResponseException({ name: 'GoogleJsonResponseException', details: { code: 409 } })).toBe(true);
  });
});

describe('FakeCalendar: calendars', () => {
  it("'primary' and the user's email are the same calendar", () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(single({ id: 'abcde12345' }), 'primary');
    expect(Calendar.Events.get(OWNER, 'abcde12345').summary).toBe('One-off');
    expect(Calendar.Events.get('Owner@Example.com', 'abcde12345').id).toBe(ev.id);
    expect(ev.organizer).toEqual({ email: OWNER, self: true });
  });

  it('404 Not Found for a calendar the user cannot write to, for every method', () => {
    const { cal, Calendar } = setup();
    cal.addPerson('ann@example.com');
    for (const call of [
      () => Calendar.Events.insert(single(), 'ann@example.com'),
      () => Calendar.Events.get('ann@example.com', 'abcde'),
      () => Calendar.Events.list('stranger@example.org'),
      () => Calendar.Events.patch({ summary: 'x' }, 'ann@example.com', 'abcde'),
      () => Calendar.Events.remove('ann@example.com', 'abcde'),
    ]) {
      expect(apiError(call).details.code).toBe(404);
    }
    expect(cal.eventsOn('ann@example.com')).toEqual([]);
  });
});

describe('FakeCalendar: event ids', () => {
  it('accepts base32hex ids of 5 to 1024 characters', () => {
    const { Calendar } = setup();
    expect(Calendar.Events.insert(single({ id: 'a0v9b' }), 'primary').id).toBe('a0v9b');
    const long = 'v'.repeat(1024);
    expect(Calendar.Events.insert(single({ id: long }), 'primary').id).toBe(long);
  });

  it.each([
    ['too short', 'abcd'],
    ['too long', 'a'.repeat(1025)],
    ['letter past v', 'abcdw'],
    ['upper case', 'ABCDE'],
    ['hyphen', 'abc-de'],
  ])('400 "Invalid resource id value." for an id that is %s', (_why, id) => {
    const { cal, Calendar } = setup();
    const e = apiError(() => Calendar.Events.insert(single({ id }), 'primary'));
    expect(e.details).toEqual({ code: 400, message: 'Invalid resource id value.', errors: [{ domain: 'global', reason: 'invalid', message: 'Invalid resource id value.' }] });
    expect(cal.eventsOn('primary')).toEqual([]);
  });

  it('gives an event without an id a valid generated one', () => {
    const { Calendar } = setup();
    const id = Calendar.Events.insert(single(), 'primary').id!;
    expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(Calendar.Events.get('primary', id).status).toBe('confirmed');
  });

  it('409 "The requested identifier already exists." (reason duplicate) for a duplicate id', () => {
    const { Calendar } = setup();
    Calendar.Events.insert(single({ id: 'pair0001' }), 'primary');
    const e = apiError(() => Calendar.Events.insert(single({ id: 'pair0001', summary: 'again' }), 'primary'));
    expect(e.message).toBe('API call to calendar.events.insert failed with error: The requested identifier already exists.');
    expect(e.details).toEqual({ code: 409, message: 'The requested identifier already exists.', errors: [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }] });
    expect(Calendar.Events.get('primary', 'pair0001').summary).toBe('One-off');
  });

  it('a removed event stays: get returns it cancelled, its id still gives 409, list hides it unless showDeleted', () => {
    const { Calendar } = setup();
    Calendar.Events.insert(single({ id: 'pair0001' }), 'primary');
    Calendar.Events.remove('primary', 'pair0001');
    expect(Calendar.Events.get('primary', 'pair0001').status).toBe('cancelled');
    expect(apiError(() => Calendar.Events.insert(single({ id: 'pair0001' }), 'primary')).details.code).toBe(409);
    expect(Calendar.Events.list('primary').items).toEqual([]);
    expect(Calendar.Events.list('primary', { showDeleted: true }).items!.map((e) => [e.id, e.status])).toEqual([['pair0001', 'cancelled']]);
  });

  it('410 "Resource has been deleted" when removing a removed event', () => {
    const { Calendar } = setup();
    Calendar.Events.insert(single({ id: 'pair0001' }), 'primary');
    Calendar.Events.remove('primary', 'pair0001');
    const e = apiError(() => Calendar.Events.remove('primary', 'pair0001'));
    expect(e.details).toEqual({ code: 410, message: 'Resource has been deleted', errors: [{ domain: 'global', reason: 'deleted', message: 'Resource has been deleted' }] });
  });
});

describe('FakeCalendar: start, end, time zones and recurrence', () => {
  it('400 "Missing time zone definition for start time." for a recurring event without start.timeZone, even with an offset', () => {
    const { cal, Calendar } = setup();
    const ev = weekly({ start: { dateTime: '2027-03-22T10:00:00+00:00' }, end: { dateTime: '2027-03-22T10:30:00+00:00' } });
    const e = apiError(() => Calendar.Events.insert(ev, 'primary'));
    expect(e.details.code).toBe(400);
    expect(e.details.message).toBe('Missing time zone definition for start time.');
    expect(e.details.errors[0].reason).toBe('required');
    expect(cal.eventsOn('primary')).toEqual([]);
    // The same series with a zone is fine.
    expect(() => Calendar.Events.insert({ ...ev, start: { ...ev.start, timeZone: 'Europe/London' } }, 'primary')).not.toThrow();
  });

  it('400 for a dateTime with neither an offset nor a timeZone; with a timeZone it is that zone\'s wall clock', () => {
    const { cal, Calendar } = setup();
    const bare = single({ start: { dateTime: '2027-07-01T10:00:00' }, end: { dateTime: '2027-07-01T11:00:00' } });
    expect(apiError(() => Calendar.Events.insert(bare, 'primary')).details.message).toBe(CALENDAR_ERRORS.missingTimeZone('start'));
    const zoned = single({
      start: { dateTime: '2027-07-01T10:00:00', timeZone: 'Europe/London' },
      end: { dateTime: '2027-07-01T11:00:00', timeZone: 'Europe/London' },
    });
    Calendar.Events.insert(zoned, 'primary');
    expect(cal.eventsOn('primary')[0].occurrences).toEqual([{ start: '2027-07-01T09:00:00.000Z', end: '2027-07-01T10:00:00.000Z' }]);
  });

  it('400 for an unknown time zone', () => {
    const { Calendar } = setup();
    const ev = weekly({ start: { dateTime: '2027-03-22T10:00:00', timeZone: 'Mars/Olympus' } });
    expect(apiError(() => Calendar.Events.insert(ev, 'primary')).details.message).toBe('Invalid time zone definition for start time.');
  });

  it('start and end are required: 400 "Missing end time." (reason required)', () => {
    const { Calendar } = setup();
    const e = apiError(() => Calendar.Events.insert({ summary: 'x', start: { dateTime: '2027-03-02T14:00:00Z' } }, 'primary'));
    expect(e.details).toEqual({ code: 400, message: 'Missing end time.', errors: [{ domain: 'global', reason: 'required', message: 'Missing end time.' }] });
    expect(apiError(() => Calendar.Events.insert({ summary: 'x', end: { dateTime: '2027-03-02T14:00:00Z' } }, 'primary')).details.message).toBe('Missing start time.');
  });

  it('400 "The specified time range is empty." (timeRangeEmpty) when the end is before the start', () => {
    const { Calendar } = setup();
    const e = apiError(() =>
      Calendar.Events.insert(single({ start: { dateTime: '2027-03-02T15:00:00Z' }, end: { dateTime: '2027-03-02T14:00:00Z' } }), 'primary'),
    );
    expect(e.message).toBe('API call to calendar.events.insert failed with error: The specified time range is empty.');
    expect(e.details.code).toBe(400);
    expect(e.details.errors[0]).toMatchObject({ domain: 'calendar', reason: 'timeRangeEmpty' });
  });

  it('400 when start and end mix date and dateTime', () => {
    const { Calendar } = setup();
    const ev = single({ start: { date: '2027-03-02' }, end: { dateTime: '2027-03-02T15:00:00Z' } });
    expect(apiError(() => Calendar.Events.insert(ev, 'primary')).details.code).toBe(400);
  });

  it('400 "Invalid recurrence rule." for a malformed rule or COUNT with UNTIL', () => {
    const { Calendar } = setup();
    for (const rule of ['RRULE:FREQ=WEEKLY;COUNT=6;UNTIL=20270601T000000Z', 'RRULE:COUNT=6', 'RRULE:FREQ=WEEKLY;COUNT=0', 'FREQ=WEEKLY']) {
      const e = apiError(() => Calendar.Events.insert(weekly({}, rule), 'primary'));
      expect([rule, e.details.code, e.details.message]).toEqual([rule, 400, 'Invalid recurrence rule.']);
    }
  });

  it('throws NotEmulatedError for rule parts and lines it does not expand', () => {
    const { Calendar } = setup();
    for (const rule of ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6', 'RRULE:FREQ=DAILY;COUNT=6', 'RDATE;TZID=Europe/London:20270329T100000']) {
      expect(() => Calendar.Events.insert(weekly({}, rule), 'primary')).toThrow(NotEmulatedError);
    }
    expect(() => Calendar.Events.insert(weekly({}, 'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6'), 'primary')).toThrow(
      'FakeCalendar: the RRULE part BYDAY is not emulated',
    );
  });

  it('expands a weekly 10:00 Europe/London series across the 2027-03-28 clock change: still 10:00 local', () => {
    const { cal, Calendar } = setup();
    cal.addPerson('ann@example.com');
    Calendar.Events.insert(weekly({}, 'RRULE:FREQ=WEEKLY;COUNT=3'), 'primary');
    expect(cal.eventsOn('ann@example.com')[0].occurrences).toEqual([
      { start: '2027-03-22T10:00:00.000Z', end: '2027-03-22T10:30:00.000Z' }, // GMT
      { start: '2027-03-29T09:00:00.000Z', end: '2027-03-29T09:30:00.000Z' }, // BST: 10:00 local
      { start: '2027-04-05T09:00:00.000Z', end: '2027-04-05T09:30:00.000Z' },
    ]);
  });

  it('expands in start.timeZone even when dateTime carries an offset', () => {
    const { cal, Calendar } = setup();
    Calendar.Events.insert(
      weekly({
        start: { dateTime: '2027-03-22T10:00:00+00:00', timeZone: 'Europe/London' },
        end: { dateTime: '2027-03-22T10:30:00+00:00', timeZone: 'Europe/London' },
      }, 'RRULE:FREQ=WEEKLY;COUNT=2'),
      'primary',
    );
    expect(cal.eventsOn('primary')[0].occurrences.map((o) => o.start)).toEqual(['2027-03-22T10:00:00.000Z', '2027-03-29T09:00:00.000Z']);
  });

  it('honours INTERVAL and UNTIL (inclusive), in UTC or as a date', () => {
    const { cal, Calendar } = setup();
    Calendar.Events.insert(weekly({ id: 'interval2' }, 'RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3'), 'primary');
    Calendar.Events.insert(weekly({ id: 'untilinstant' }, 'RRULE:FREQ=WEEKLY;UNTIL=20270405T090000Z'), 'primary');
    Calendar.Events.insert(weekly({ id: 'untildate' }, 'RRULE:FREQ=WEEKLY;UNTIL=20270329'), 'primary');
    const starts = Object.fromEntries(cal.eventsOn('primary').map((e) => [e.event.id, e.occurrences.map((o) => o.start.slice(0, 10))]));
    expect(starts).toEqual({
      interval2: ['2027-03-22', '2027-04-05', '2027-04-19'],
      untilinstant: ['2027-03-22', '2027-03-29', '2027-04-05'],
      untildate: ['2027-03-22', '2027-03-29'],
    });
  });

  it('limits an open-ended series to a window, or to maxOccurrences', () => {
    const { cal, Calendar } = setup({ maxOccurrences: 4 });
    Calendar.Events.insert(weekly({}, 'RRULE:FREQ=WEEKLY'), 'primary');
    expect(cal.eventsOn('primary')[0].occurrences).toHaveLength(4);
    const inApril = cal.eventsOn('primary', { from: '2027-04-01T00:00:00Z', to: '2027-05-01T00:00:00Z' })[0].occurrences;
    expect(inApril.map((o) => o.start.slice(0, 10))).toEqual(['2027-04-05', '2027-04-12', '2027-04-19', '2027-04-26']);
  });
});

describe('FakeCalendar: Google Meet through conferenceData', () => {
  const meet = (requestId = 'req-1'): Partial<Event> => ({
    conferenceData: { createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
  });

  it('ignores conferenceData unless conferenceDataVersion is 1', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(single({ id: 'nomeet0001', ...meet() }), 'primary');
    expect(ev.conferenceData).toBeUndefined();
    expect(Calendar.Events.get('primary', 'nomeet0001').conferenceData).toBeUndefined();
    const v0 = Calendar.Events.insert(single({ id: 'nomeet0002', ...meet('req-2') }), 'primary', { conferenceDataVersion: 0 });
    expect(v0.conferenceData).toBeUndefined();
  });

  it('insert answers pending with no link; the next get has the Meet link (default meetReadyAfterGets 1)', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(single({ id: 'meet000001', ...meet() }), 'primary', { conferenceDataVersion: 1 });
    expect(ev.conferenceData!.createRequest!.status!.statusCode).toBe('pending');
    expect(ev.conferenceData!.entryPoints).toBeUndefined();
    expect(ev.hangoutLink).toBeUndefined();
    const later = Calendar.Events.get('primary', 'meet000001');
    expect(later.conferenceData!.createRequest!.status!.statusCode).toBe('success');
    expect(later.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(later.conferenceData!.entryPoints).toEqual([{ entryPointType: 'video', uri: later.hangoutLink, label: later.hangoutLink!.replace('https://', '') }]);
    expect(later.conferenceData!.conferenceSolution!.key!.type).toBe('hangoutsMeet');
  });

  it('a list returning the event is a read too: it brings the Meet link like a get', () => {
    const { Calendar } = setup();
    Calendar.Events.insert(single({ id: 'meet000001', ...meet() }), 'primary', { conferenceDataVersion: 1 });
    const listed = Calendar.Events.list('primary').items![0];
    expect(listed.conferenceData!.createRequest!.status!.statusCode).toBe('success');
    expect(listed.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
  });

  it('meetReadyAfterGets counts the gets that still see pending', () => {
    const { Calendar } = setup({ meetReadyAfterGets: 3 });
    Calendar.Events.insert(single({ id: 'meet000001', ...meet() }), 'primary', { conferenceDataVersion: 1 });
    const codes = [1, 2, 3, 4].map(() => Calendar.Events.get('primary', 'meet000001').conferenceData!.createRequest!.status!.statusCode);
    expect(codes).toEqual(['pending', 'pending', 'success', 'success']);
  });

  it('meetReadyAfterGets 0: the insert already has the link', () => {
    const { Calendar } = setup({ meetReadyAfterGets: 0 });
    const ev = Calendar.Events.insert(single({ ...meet() }), 'primary', { conferenceDataVersion: 1 });
    expect(ev.conferenceData!.createRequest!.status!.statusCode).toBe('success');
    expect(ev.hangoutLink).toContain('https://meet.google.com/');
  });

  it('a repeated requestId is ignored: the second event gets no new conference', () => {
    const { Calendar } = setup({ meetReadyAfterGets: 0 });
    const a = Calendar.Events.insert(single({ id: 'meet000001', ...meet('same') }), 'primary', { conferenceDataVersion: 1 });
    const b = Calendar.Events.insert(single({ id: 'meet000002', ...meet('same') }), 'primary', { conferenceDataVersion: 1 });
    expect(b.conferenceData).toEqual(a.conferenceData);
  });

  it('a patch repeating the requestId leaves the conference as it is', () => {
    const { Calendar } = setup({ meetReadyAfterGets: 2 });
    Calendar.Events.insert(single({ id: 'meet000001', ...meet() }), 'primary', { conferenceDataVersion: 1 });
    Calendar.Events.patch({ summary: 'x', ...meet() } as Event, 'primary', 'meet000001', { conferenceDataVersion: 1 });
    expect(Calendar.Events.get('primary', 'meet000001').conferenceData!.createRequest!.status!.statusCode).toBe('pending');
    expect(Calendar.Events.get('primary', 'meet000001').conferenceData!.createRequest!.status!.statusCode).toBe('success');
  });

  it('400 for an unknown conference solution type', () => {
    const { Calendar } = setup();
    const ev = single({ conferenceData: { createRequest: { requestId: 'r', conferenceSolutionKey: { type: 'zoom' } } } });
    expect(apiError(() => Calendar.Events.insert(ev, 'primary', { conferenceDataVersion: 1 })).details.code).toBe(400);
  });

  it('a Meet link can be added later with patch and conferenceDataVersion 1', () => {
    const { Calendar } = setup();
    Calendar.Events.insert(single({ id: 'meet000001' }), 'primary');
    const p = Calendar.Events.patch(meet() as Event, 'primary', 'meet000001', { conferenceDataVersion: 1 });
    expect(p.conferenceData!.createRequest!.status!.statusCode).toBe('pending');
    expect(Calendar.Events.get('primary', 'meet000001').hangoutLink).toBeDefined();
  });
});

describe('FakeCalendar: invitations (sendUpdates)', () => {
  it('sends nothing by default or with none', () => {
    const { cal, Calendar } = setup();
    Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary');
    Calendar.Events.insert(weekly({ id: 'pair000002' }), 'primary', { sendUpdates: 'none' });
    Calendar.Events.patch({ summary: 'x' }, 'primary', 'pair000001');
    Calendar.Events.remove('primary', 'pair000002');
    expect(cal.sentInvitations()).toEqual([]);
  });

  it("'all' invites every guest but the organizer", () => {
    const { cal, Calendar } = setup();
    Calendar.Events.insert(weekly({ id: 'pair000001', attendees: [{ email: OWNER }, { email: 'ann@example.com' }, { email: 'Ben@Example.com' }] }), 'primary', { sendUpdates: 'all' });
    expect(cal.sentInvitations().map((i) => [i.kind, i.to, i.eventId, i.summary])).toEqual([
      ['invitation', 'ann@example.com', 'pair000001', 'Peer coaching: Ann ↔ Ben'],
      ['invitation', 'ben@example.com', 'pair000001', 'Peer coaching: Ann ↔ Ben'],
    ]);
  });

  it("'externalOnly' notifies only guests who are not Google Calendar users", () => {
    const { cal, Calendar } = setup();
    cal.addPerson('ann@example.com');
    Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary', { sendUpdates: 'externalOnly' });
    expect(cal.sentInvitations().map((i) => i.to)).toEqual(['ben@example.com']);
  });

  it('patch sends updates and remove sends cancellations; the deprecated sendNotifications: true means all', () => {
    const { cal, Calendar } = setup();
    Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary');
    Calendar.Events.patch({ summary: 'Moved' }, 'primary', 'pair000001', { sendUpdates: 'all' });
    Calendar.Events.remove('primary', 'pair000001', { sendNotifications: true });
    expect(cal.sentInvitations().map((i) => `${i.kind}:${i.method}:${i.to}:${i.summary}`)).toEqual([
      'update:patch:ann@example.com:Moved',
      'update:patch:ben@example.com:Moved',
      'cancellation:remove:ann@example.com:Moved',
      'cancellation:remove:ben@example.com:Moved',
    ]);
  });

  it('400 for another sendUpdates value', () => {
    const { cal, Calendar } = setup();
    const e = apiError(() => Calendar.Events.insert(weekly(), 'primary', { sendUpdates: 'everyone' }));
    expect(e.details.code).toBe(400);
    expect(cal.eventsOn('primary')).toEqual([]);
  });
});

describe("FakeCalendar: events on attendees' calendars", () => {
  it("a known guest sees the event on their calendar, without the organizer's private properties", () => {
    const { cal, Calendar } = setup();
    cal.addPerson('ann@example.com');
    Calendar.Events.insert(weekly({ id: 'pair000001', extendedProperties: { private: { pairId: 'p1' }, shared: { program: 'x' } } }), 'primary');
    const [entry] = cal.eventsOn('ann@example.com');
    expect(entry.event.id).toBe('pair000001');
    expect(entry.event.extendedProperties).toEqual({ shared: { program: 'x' } });
    expect(entry.event.attendees!.find((a) => a.email === 'ann@example.com')!.self).toBe(true);
    expect(entry.occurrences).toHaveLength(6);
    expect(cal.eventsOn('primary')[0].event.extendedProperties!.private).toEqual({ pairId: 'p1' });
  });

  it('an unknown guest has no calendar here; a cancelled event leaves every calendar', () => {
    const { cal, Calendar } = setup();
    cal.addPerson('ann@example.com');
    Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary');
    expect(cal.eventsOn('ben@example.com')).toEqual([]);
    Calendar.Events.remove('primary', 'pair000001');
    expect(cal.eventsOn('ann@example.com')).toEqual([]);
    expect(cal.eventsOn('primary')).toEqual([]);
  });
});

describe('FakeCalendar: patch', () => {
  it('merges fields, replaces arrays, merges extendedProperties.private by key (null deletes) and returns the event', () => {
    const { Calendar, advance } = setup();
    Calendar.Events.insert(
      weekly({ id: 'pair000001', description: 'd', extendedProperties: { private: { cycle: '1', pairId: 'p1', stale: 'yes' } } }),
      'primary',
    );
    advance(60_000);
    const p = Calendar.Events.patch(
      {
        summary: 'Renamed',
        attendees: [{ email: 'cat@example.com' }],
        extendedProperties: { private: { pairId: 'p2', status: 'scheduled', stale: null as unknown as string } },
      },
      'primary',
      'pair000001',
    );
    expect(p.summary).toBe('Renamed');
    expect(p.description).toBe('d');
    expect(p.attendees).toEqual([{ email: 'cat@example.com', responseStatus: 'needsAction' }]);
    expect(p.extendedProperties!.private).toEqual({ cycle: '1', pairId: 'p2', status: 'scheduled' });
    expect(p.sequence).toBe(1);
    expect(p.updated).toBe('2027-03-01T09:01:00.000Z');
    expect(Calendar.Events.get('primary', 'pair000001')).toEqual(p);
  });

  it('merges nested objects such as start: a new dateTime keeps the timeZone', () => {
    const { Calendar } = setup();
    Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary');
    const p = Calendar.Events.patch(
      { start: { dateTime: '2027-03-22T11:00:00' }, end: { dateTime: '2027-03-22T11:30:00' } },
      'primary',
      'pair000001',
    );
    expect(p.start).toEqual({ dateTime: '2027-03-22T11:00:00', timeZone: 'Europe/London' });
  });

  it('404 for an unknown id; a patch that breaks the times is refused and changes nothing', () => {
    const { Calendar } = setup();
    expect(apiError(() => Calendar.Events.patch({ summary: 'x' }, 'primary', 'nosuchevent')).details.code).toBe(404);
    Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary');
    const e = apiError(() => Calendar.Events.patch({ end: { dateTime: '2027-03-22T09:00:00' } }, 'primary', 'pair000001'));
    expect(e.details.errors[0].reason).toBe('timeRangeEmpty');
    expect(Calendar.Events.get('primary', 'pair000001').end!.dateTime).toBe('2027-03-22T10:30:00');
  });
});

describe('FakeCalendar: list', () => {
  function seeded(options: CalendarOptions = {}) {
    const s = setup(options);
    const props = (p: Record<string, string>) => ({ extendedProperties: { private: p } });
    s.Calendar.Events.insert(single({ id: 'evaaaa', ...props({ program: 'x', cycle: '1' }) }), 'primary');
    s.Calendar.Events.insert(single({ id: 'evbbbb', ...props({ program: 'x', cycle: '2' }) }), 'primary');
    s.Calendar.Events.insert(single({ id: 'evcccc', ...props({ program: 'y', cycle: '1' }), extendedProperties: { private: { program: 'y', cycle: '1' }, shared: { kind: 'pair' } } }), 'primary');
    return s;
  }
  const ids = (r: GoogleAppsScript.Calendar.Schema.Events) => r.items!.map((e) => e.id);

  it('finds events by one private property', () => {
    const { Calendar } = seeded();
    const r = Calendar.Events.list('primary', { privateExtendedProperty: 'program=x' });
    expect(r.kind).toBe('calendar#events');
    expect(ids(r)).toEqual(['evaaaa', 'evbbbb']);
    expect(ids(Calendar.Events.list('primary', { privateExtendedProperty: 'program=z' }))).toEqual([]);
  });

  it('ORs repeated constraints by default (the extended-properties guide)', () => {
    const { Calendar } = seeded();
    expect(ids(Calendar.Events.list('primary', { privateExtendedProperty: ['program=x', 'cycle=1'] }))).toEqual(['evaaaa', 'evbbbb', 'evcccc']);
  });

  it("ANDs them with extendedPropertyMatch: 'all' (the list reference)", () => {
    const { Calendar } = seeded({ extendedPropertyMatch: 'all' });
    expect(ids(Calendar.Events.list('primary', { privateExtendedProperty: ['program=x', 'cycle=1'] }))).toEqual(['evaaaa']);
  });

  it('ANDs private with shared constraints', () => {
    const { Calendar } = seeded();
    expect(ids(Calendar.Events.list('primary', { privateExtendedProperty: 'cycle=1', sharedExtendedProperty: 'kind=pair' }))).toEqual(['evcccc']);
  });

  it('pages by 250 by default, with nextPageToken', () => {
    const { Calendar } = setup();
    for (let i = 0; i < 260; i++) Calendar.Events.insert(single(), 'primary');
    const first = Calendar.Events.list('primary');
    expect(first.items).toHaveLength(250);
    const second = Calendar.Events.list('primary', { pageToken: first.nextPageToken });
    expect(second.items).toHaveLength(10);
    expect(second.nextPageToken).toBeUndefined();
    expect(new Set([...first.items!, ...second.items!].map((e) => e.id)).size).toBe(260);
  });

  it('never pages by more than 2500', () => {
    const { Calendar } = setup();
    for (let i = 0; i < 2502; i++) Calendar.Events.insert(single(), 'primary');
    const r = Calendar.Events.list('primary', { maxResults: 5000 });
    expect(r.items).toHaveLength(2500);
    expect(Calendar.Events.list('primary', { maxResults: 5000, pageToken: r.nextPageToken }).items).toHaveLength(2);
    expect(Calendar.Events.list('primary', { maxResults: 2 }).items).toHaveLength(2);
  });

  it('refuses what it does not emulate rather than ignoring it', () => {
    const { Calendar } = setup();
    expect(() => Calendar.Events.list('primary', { q: 'coaching' })).toThrow(NotEmulatedError);
    expect(() => Calendar.Events.list('primary', { updatedMin: '2027-01-01T00:00:00Z' })).toThrow("Events.list optional argument 'updatedMin'");
    expect(() => Calendar.Events.insert(single(), 'primary', { sendUpdate: 'all' })).toThrow(NotEmulatedError);
  });
});

describe('FakeCalendar: Freebusy.query', () => {
  const window = { timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-04-12T00:00:00Z' };

  it('answers busy blocks from seeded busy time and attended events, merged, clipped, as UTC strings', () => {
    const { cal, Calendar } = setup();
    cal.addPerson('ann@example.com', {
      busy: [
        { start: '2027-02-28T23:00:00Z', end: '2027-03-01T01:00:00Z' }, // clipped at timeMin
        { start: '2027-03-22T09:45:00Z', end: '2027-03-22T10:15:00Z' }, // overlaps the first meeting
        { start: new Date('2027-03-03T12:00:00Z'), end: new Date('2027-03-03T13:00:00Z') },
      ],
    });
    Calendar.Events.insert(weekly({}, 'RRULE:FREQ=WEEKLY;COUNT=3'), 'primary');
    const r = Calendar.Freebusy.query({ ...window, items: [{ id: 'ann@example.com' }] });
    expect(r.kind).toBe('calendar#freeBusy');
    expect(r.timeMin).toBe('2027-03-01T00:00:00.000Z');
    expect(busyOf(r, 'ann@example.com')).toEqual({
      busy: [
        { start: '2027-03-01T00:00:00Z', end: '2027-03-01T01:00:00Z' },
        { start: '2027-03-03T12:00:00Z', end: '2027-03-03T13:00:00Z' },
        { start: '2027-03-22T09:45:00Z', end: '2027-03-22T10:30:00Z' },
        { start: '2027-03-29T09:00:00Z', end: '2027-03-29T09:30:00Z' },
        { start: '2027-04-05T09:00:00Z', end: '2027-04-05T09:30:00Z' },
      ],
    });
  });

  it("the organizer's own events make 'primary' busy", () => {
    const { Calendar } = setup();
    Calendar.Events.insert(single(), 'primary');
    const r = Calendar.Freebusy.query({ ...window, items: [{ id: 'primary' }, { id: OWNER }] });
    expect(busyOf(r, 'primary').busy).toEqual([{ start: '2027-03-02T14:00:00Z', end: '2027-03-02T15:00:00Z' }]);
    expect(busyOf(r, OWNER)).toEqual(busyOf(r, 'primary'));
  });

  it('leaves out declined, transparent and cancelled events', () => {
    const { cal, Calendar } = setup();
    cal.addPerson('ann@example.com');
    Calendar.Events.insert(single({ id: 'declined01', attendees: [{ email: 'ann@example.com', responseStatus: 'declined' }] }), 'primary');
    Calendar.Events.insert(single({ id: 'transparnt', transparency: 'transparent', attendees: [{ email: 'ann@example.com' }] }), 'primary');
    Calendar.Events.insert(single({ id: 'cancelled1', attendees: [{ email: 'ann@example.com' }] }), 'primary');
    Calendar.Events.remove('primary', 'cancelled1');
    expect(busyOf(Calendar.Freebusy.query({ ...window, items: [{ id: 'ann@example.com' }] }), 'ann@example.com').busy).toEqual([]);
    Calendar.Events.insert(single({ id: 'accepted01', attendees: [{ email: 'ann@example.com', responseStatus: 'accepted' }] }), 'primary');
    expect(busyOf(Calendar.Freebusy.query({ ...window, items: [{ id: 'ann@example.com' }] }), 'ann@example.com').busy).toHaveLength(1);
  });

  it('answers notFound for an unknown calendar and the configured error for a person, without failing the query', () => {
    const { cal, Calendar } = setup();
    cal.addPerson('ann@example.com');
    cal.addPerson('hidden@example.com', { error: 'notFound' });
    const r = Calendar.Freebusy.query({ ...window, items: [{ id: 'ann@example.com' }, { id: 'stranger@example.org' }, { id: 'hidden@example.com' }] });
    expect(busyOf(r, 'stranger@example.org')).toEqual({ errors: [{ domain: 'global', reason: 'notFound' }], busy: [] });
    expect(busyOf(r, 'hidden@example.com')).toEqual({ errors: [{ domain: 'global', reason: 'notFound' }], busy: [] });
    expect(busyOf(r, 'ann@example.com')).toEqual({ busy: [] });
  });

  it('answers 50 calendars; the 51st gets tooManyCalendarsRequested', () => {
    const { cal, Calendar } = setup();
    const emails = Array.from({ length: 51 }, (_, i) => `m${i + 1}@example.com`);
    emails.forEach((e) => cal.addPerson(e, { busy: [{ start: '2027-03-02T10:00:00Z', end: '2027-03-02T11:00:00Z' }] }));
    const fifty = Calendar.Freebusy.query({ ...window, items: emails.slice(0, 50).map((id) => ({ id })) });
    expect(Object.values(fifty.calendars as Record<string, FreeBusyCalendarResult>).every((c) => !c.errors && c.busy.length === 1)).toBe(true);
    const r = Calendar.Freebusy.query({ ...window, calendarExpansionMax: 50, items: emails.map((id) => ({ id })) });
    expect(busyOf(r, 'm50@example.com').busy).toHaveLength(1);
    expect(busyOf(r, 'm51@example.com')).toEqual({ errors: [{ domain: 'global', reason: 'tooManyCalendarsRequested' }], busy: [] });
  });

  it('400 for a calendarExpansionMax above 50', () => {
    const { Calendar } = setup();
    expect(apiError(() => Calendar.Freebusy.query({ ...window, calendarExpansionMax: 51, items: [] })).details.code).toBe(400);
  });

  it('400 timeRangeEmpty when timeMin is not before timeMax', () => {
    const { Calendar } = setup();
    const e = apiError(() => Calendar.Freebusy.query({ timeMin: window.timeMin, timeMax: window.timeMin, items: [{ id: 'primary' }] }));
    expect(e.message).toBe('API call to calendar.freebusy.query failed with error: The specified time range is empty.');
    expect(e.details).toEqual({
      code: 400,
      message: 'The specified time range is empty.',
      errors: [{ domain: 'calendar', reason: 'timeRangeEmpty', message: 'The specified time range is empty.', locationType: 'parameter', location: 'timeMax' }],
    });
  });

  it('400 "The requested time range is too long." past 90 days (configurable)', () => {
    const { Calendar } = setup();
    expect(() => Calendar.Freebusy.query({ timeMin: '2027-01-01T00:00:00Z', timeMax: '2027-04-01T00:00:00Z', items: [] })).not.toThrow(); // 90 days
    const e = apiError(() => Calendar.Freebusy.query({ timeMin: '2027-01-01T00:00:00Z', timeMax: '2027-04-01T00:00:01Z', items: [] }));
    expect(e.details.message).toBe('The requested time range is too long.');
    expect(e.details.errors[0].reason).toBe('timeRangeTooLong');
    const { Calendar: strict } = setup({ freeBusyMaxRangeDays: 30 });
    expect(apiError(() => strict.Freebusy.query({ ...window, items: [] })).details.code).toBe(400);
  });

  it('400 "Missing timeMin parameter." without timeMin', () => {
    const { Calendar } = setup();
    expect(apiError(() => Calendar.Freebusy.query({ timeMax: window.timeMax, items: [] })).details.errors[0]).toMatchObject({
      reason: 'required',
      message: 'Missing timeMin parameter.',
    });
  });

  it('writes busy times in the requested timeZone when one is given', () => {
    const { Calendar } = setup();
    Calendar.Events.insert(weekly({}, 'RRULE:FREQ=WEEKLY;COUNT=2'), 'primary');
    const r = Calendar.Freebusy.query({ ...window, timeZone: 'Europe/London', items: [{ id: 'primary' }] });
    expect(busyOf(r, 'primary').busy).toEqual([
      { start: '2027-03-22T10:00:00+00:00', end: '2027-03-22T10:30:00+00:00' },
      { start: '2027-03-29T10:00:00+01:00', end: '2027-03-29T10:30:00+01:00' },
    ]);
  });
});

describe('FakeCalendar: quota of events created per day', () => {
  it('403 "Calendar usage limits exceeded." (usageLimits/quotaExceeded) past the limit, until 24 h after the first', () => {
    const { cal, Calendar, advance } = setup({ eventsPerDay: 2 });
    Calendar.Events.insert(single(), 'primary');
    expect(() => Calendar.Events.insert(single({ id: 'bad' }), 'primary')).toThrow(); // refused: does not count
    advance(3_600_000);
    Calendar.Events.insert(weekly(), 'primary'); // a whole series is one event
    const e = apiError(() => Calendar.Events.insert(single({ id: 'third0001' }), 'primary'));
    expect(e.message).toBe('API call to calendar.events.insert failed with error: Calendar usage limits exceeded.');
    expect(e.details).toEqual({ code: 403, message: 'Calendar usage limits exceeded.', errors: [{ domain: 'usageLimits', reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' }] });
    expect(() => Calendar.Events.get('primary', 'third0001')).toThrow('Not Found');
    expect(cal.eventsCreatedToday()).toBe(2);
    advance(23 * 3_600_000 - 1);
    expect(apiError(() => Calendar.Events.insert(single(), 'primary')).details.code).toBe(403);
    advance(1);
    expect(() => Calendar.Events.insert(single({ id: 'third0001' }), 'primary')).not.toThrow();
    expect(cal.eventsCreatedToday()).toBe(1);
  });

  it('defaults to 5,000 a day', () => {
    const { cal } = setup();
    expect(cal.options.eventsPerDay).toBe(5000);
  });
});

describe('FakeCalendar: ledger and faults', () => {
  it('records every call by kind, failed ones included', () => {
    const { ctx, Calendar } = setup();
    Calendar.Events.insert(single({ id: 'evaaaa' }), 'primary');
    expect(() => Calendar.Events.insert(single({ id: 'evaaaa' }), 'primary')).toThrow();
    Calendar.Events.get('primary', 'evaaaa');
    Calendar.Events.patch({ summary: 'y' }, 'primary', 'evaaaa');
    Calendar.Events.list('primary');
    Calendar.Events.remove('primary', 'evaaaa');
    Calendar.Freebusy.query({ timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-03-02T00:00:00Z', items: [{ id: 'primary' }] });
    expect(ctx.ledger.snapshot()).toEqual({
      'Calendar.Events.get': 1,
      'Calendar.Events.insert': 2,
      'Calendar.Events.list': 1,
      'Calendar.Events.patch': 1,
      'Calendar.Events.remove': 1,
      'Calendar.Freebusy.query': 1,
    });
  });

  it('the Node-side helpers are not service calls', () => {
    const { ctx, cal, Calendar } = setup();
    Calendar.Events.insert(single(), 'primary');
    ctx.ledger.reset();
    cal.addPerson('ann@example.com');
    cal.eventsOn('primary');
    cal.sentInvitations();
    cal.insertedResources();
    cal.toJSON();
    expect(ctx.ledger.count()).toBe(0);
  });

  it('an injected fault happens before anything changes: a faulted insert created nothing', () => {
    const { ctx, cal, Calendar } = setup();
    ctx.ledger.failAt(1, { kind: 'Calendar.Events.insert' });
    expect(() => Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary', { sendUpdates: 'all' })).toThrow(InjectedFault);
    expect(cal.eventsOn('primary')).toEqual([]);
    expect(cal.eventsCreatedToday()).toBe(0);
    expect(cal.sentInvitations()).toEqual([]);
    expect(cal.insertedResources()).toEqual([]);
    // The retry creates it, once.
    Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary', { sendUpdates: 'all' });
    expect(cal.eventsOn('primary')).toHaveLength(1);
  });

  it('a faulted patch or remove changes nothing', () => {
    const { ctx, Calendar } = setup();
    Calendar.Events.insert(single({ id: 'evaaaa' }), 'primary');
    ctx.ledger.failAt(1, { kind: 'Calendar.Events.patch' });
    expect(() => Calendar.Events.patch({ summary: 'changed' }, 'primary', 'evaaaa')).toThrow(InjectedFault);
    ctx.ledger.failAt(1, { kind: 'Calendar.Events.remove' });
    expect(() => Calendar.Events.remove('primary', 'evaaaa')).toThrow(InjectedFault);
    const ev = Calendar.Events.get('primary', 'evaaaa');
    expect([ev.summary, ev.status]).toEqual(['One-off', 'confirmed']);
  });

  it('a lost response: the insert is applied, then the call throws; a retry then meets 409', () => {
    const { cal, Calendar } = setup();
    cal.loseNextResponse('insert');
    const e = apiError(() => Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary', { sendUpdates: 'all' }));
    expect(e.details.code).toBe(500);
    expect(e.message).toBe('API call to calendar.events.insert failed with error: Backend Error');
    expect(Calendar.Events.get('primary', 'pair000001').status).toBe('confirmed');
    expect(cal.eventsCreatedToday()).toBe(1);
    expect(cal.sentInvitations()).toHaveLength(2);
    expect(apiError(() => Calendar.Events.insert(weekly({ id: 'pair000001' }), 'primary')).details.code).toBe(409);
    // Only once.
    expect(() => Calendar.Events.insert(weekly({ id: 'pair000002' }), 'primary')).not.toThrow();
  });

  it('a lost response stays armed through a call that fails on its own, and takes a custom error', () => {
    const { cal, Calendar } = setup();
    Calendar.Events.insert(single({ id: 'evaaaa' }), 'primary');
    cal.loseNextResponse('insert', new Error('Exception: Service unavailable'));
    expect(apiError(() => Calendar.Events.insert(single({ id: 'evaaaa' }), 'primary')).details.code).toBe(409);
    expect(() => Calendar.Events.insert(single({ id: 'evbbbb' }), 'primary')).toThrow('Exception: Service unavailable');
    expect(Calendar.Events.get('primary', 'evbbbb').id).toBe('evbbbb');
  });

  it('a lost patch or remove response: applied, then thrown', () => {
    const { cal, Calendar } = setup();
    Calendar.Events.insert(single({ id: 'evaaaa' }), 'primary');
    cal.loseNextResponse('patch');
    expect(() => Calendar.Events.patch({ summary: 'changed' }, 'primary', 'evaaaa')).toThrow('Backend Error');
    expect(Calendar.Events.get('primary', 'evaaaa').summary).toBe('changed');
    cal.loseNextResponse('remove');
    expect(() => Calendar.Events.remove('primary', 'evaaaa')).toThrow('API call to calendar.events.delete failed with error: Backend Error');
    expect(apiError(() => Calendar.Events.remove('primary', 'evaaaa')).details.code).toBe(410);
  });
});

describe('FakeCalendar: inspection and snapshots', () => {
  it('insertedResources keeps every resource sent to insert or patch, as sent, refused ones too', () => {
    const { cal, Calendar } = setup();
    const ev = weekly({ id: 'pair000001' });
    Calendar.Events.insert(ev, 'primary', { sendUpdates: 'all', conferenceDataVersion: 1 });
    expect(() => Calendar.Events.insert({ ...ev, id: 'X' }, 'primary')).toThrow();
    Calendar.Events.patch({ summary: 'x' }, 'primary', 'pair000001');
    expect(cal.insertedResources()).toEqual([
      { method: 'insert', calendarId: 'primary', eventId: 'pair000001', resource: ev, optionalArgs: { sendUpdates: 'all', conferenceDataVersion: 1 } },
      { method: 'insert', calendarId: 'primary', eventId: 'X', resource: { ...ev, id: 'X' }, optionalArgs: {} },
      { method: 'patch', calendarId: 'primary', eventId: 'pair000001', resource: { summary: 'x' }, optionalArgs: {} },
    ]);
  });

  it('returns copies: changing a returned event or the sent resource changes nothing stored', () => {
    const { Calendar } = setup();
    const ev = single({ id: 'evaaaa' });
    const returned = Calendar.Events.insert(ev, 'primary');
    returned.summary = 'mutated';
    ev.summary = 'mutated too';
    expect(Calendar.Events.get('primary', 'evaaaa').summary).toBe('One-off');
  });

  it('round-trips through a JSON snapshot', () => {
    const { ctx, cal, Calendar, advance } = setup({ meetReadyAfterGets: 2 });
    cal.addPerson('ann@example.com', { busy: [{ start: '2027-03-02T10:00:00Z', end: '2027-03-02T11:00:00Z' }] });
    cal.addPerson('hidden@example.com', { error: 'internalError' });
    Calendar.Events.insert(
      weekly({ id: 'pair000001', conferenceData: { createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } } } }),
      'primary',
      { conferenceDataVersion: 1, sendUpdates: 'all' },
    );
    Calendar.Events.insert(single({ id: 'gone000001' }), 'primary');
    Calendar.Events.remove('primary', 'gone000001');
    advance(1000);
    const snap = JSON.parse(JSON.stringify(cal.toJSON())) as CalendarSnapshot;
    const again = new FakeCalendar(ctx, snap, { meetReadyAfterGets: 2 });
    expect(again.toJSON()).toEqual(cal.toJSON());
    expect(again.eventsOn('ann@example.com')).toEqual(cal.eventsOn('ann@example.com'));
    expect(again.sentInvitations()).toHaveLength(2);
    expect(again.eventsCreatedToday()).toBe(2);
    expect(apiError(() => again.Events.insert(single({ id: 'gone000001' }), 'primary')).details.code).toBe(409);
    const q = { timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-04-01T00:00:00Z', items: [{ id: 'ann@example.com' }, { id: 'hidden@example.com' }] };
    expect(again.Freebusy.query(q)).toEqual(cal.Freebusy.query(q));
    // The pending Meet conference carries on where it was.
    expect(again.Events.get('primary', 'pair000001').conferenceData!.createRequest!.status!.statusCode).toBe('pending');
    expect(again.Events.get('primary', 'pair000001').hangoutLink).toBeDefined();
    // A reused requestId is still ignored after loading.
    const b = again.Events.insert(
      single({ id: 'pair000002', conferenceData: { createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } } } }),
      'primary',
      { conferenceDataVersion: 1 },
    );
    expect(b.conferenceData!.createRequest!.requestId).toBe('r1');
    expect(b.conferenceData!.createRequest!.status!.statusCode).toBe('success');
    expect(FakeCalendar.fromJSON(ctx, snap).toJSON()).toEqual(snap);
  });
});
