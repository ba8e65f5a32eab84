// The Calendar event of one group's series: ids (injective, Calendar's pattern, parsed back), the
// title, the description for every meeting count, the resource and the insert options. Every
// resource built here passes the JSON Schema derived from @googleapis/calendar's Schema$Event
// (no unknown field) and core's checkEventRules, and the checker is shown to fail where it must.
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import type { calendar_v3 } from '@googleapis/calendar';
import {
  DESCRIPTION_LIMIT,
  EVENT_ID_PATTERN,
  PROGRAM_GOALS,
  base32hexDecode,
  base32hexEncode,
  buildSeriesEvent,
  checkEventRules,
  eventId,
  eventIdOf,
  eventTitle,
  insertOptions,
  meetRequestId,
  parseEventId,
  seriesDescription,
  seriesProperties,
  utf8Decode,
  utf8Encode,
  type CalendarEvent,
  type EventKey,
  type SeriesEventInput,
} from '../../src/core/calendar-event';
import { addDays, isoDate } from '../../src/core/dates';
import { groupId } from '../../src/core/rotation';
import { DEFAULT_SETTINGS, cadenceWeeks, meetingsPerCycle } from '../../src/core/settings';
import { eventSchema, eventSchemaErrors, jsonSchemaErrors } from '../support/event-schema';

const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC', 'Pacific/Chatham'];
const PROGRAM = '8f14e45f-ceea-467f-a0f6-1f0e5c3b2a9d';

/** Every resource the tests build, checked against the schema at the end. */
const produced: CalendarEvent[] = [];

const KEY: EventKey = { programId: PROGRAM, cycle: 3, groupId: groupId(3, 0), version: 0 };

/** The id and the properties of a key, as the caller passes them. */
function keyed(key: EventKey): Pick<SeriesEventInput, 'id' | 'properties'> {
  return { id: eventIdOf(key), properties: seriesProperties(key) };
}

function input(overrides: Partial<SeriesEventInput> = {}): SeriesEventInput {
  return {
    ...keyed(KEY),
    title: 'Peer coaching: Ann Lee ↔ Ben Okafor',
    description: seriesDescription({ meetings: 6, feedbackLink: 'https://docs.google.com/forms/d/e/abc/viewform?usp=pp_url&entry.1=C3-01', groupCode: 'C3-01' }),
    startDate: '2027-03-16',
    startTime: '10:00',
    minutes: 30,
    timeZone: 'Europe/London',
    count: 6,
    intervalWeeks: 1,
    attendees: [
      { email: 'Ann@Example.org', name: 'Ann Lee' },
      { email: 'ben@example.org', name: 'Ben Okafor' },
    ],
    organizerEmail: 'owner@example.org',
    meet: true,
    ...overrides,
  };
}

function build(overrides: Partial<SeriesEventInput> = {}): CalendarEvent {
  const event = buildSeriesEvent(input(overrides));
  produced.push(event);
  return event;
}

// ---- Ids ----------------------------------------------------------------------------------------

describe('base32hex and UTF-8, written by hand', () => {
  it('encodes the RFC 4648 §10 base32hex test vectors (lower case, unpadded)', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'co'],
      ['fo', 'cpng'],
      ['foo', 'cpnmu'],
      ['foob', 'cpnmuog'],
      ['fooba', 'cpnmuoj1'],
      ['foobar', 'cpnmuoj1e8'],
    ];
    for (const [text, encoded] of vectors) {
      expect(base32hexEncode(utf8Encode(text))).toBe(encoded);
      expect(base32hexDecode(encoded)).toEqual([...Buffer.from(text, 'utf8')]);
    }
  });

  it('agrees with an independent bit-string encoder and decodes back', () => {
    const reference = (bytes: number[]) => {
      const bits = bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
      const padded = bits.padEnd(Math.ceil(bits.length / 5) * 5, '0');
      return (padded.match(/.{5}/g) ?? []).map((chunk) => '0123456789abcdefghijklmnopqrstuv'[parseInt(chunk, 2)]).join('');
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }), (bytes) => {
        const encoded = base32hexEncode(bytes);
        expect(encoded).toBe(reference(bytes));
        expect(base32hexDecode(encoded)).toEqual(bytes);
      }),
    );
  });

  it('refuses base32hex that no byte string encodes to', () => {
    expect(base32hexDecode('c')).toBeNull(); // 5 bits: not a whole byte
    expect(base32hexDecode('cpn')).toBeNull(); // length 3 mod 8
    expect(base32hexDecode('cp')).toBeNull(); // 'f' is 'co': the tail bits of 'p' are not zero
    expect(base32hexDecode('CO')).toBeNull(); // upper case
    expect(base32hexDecode('cw')).toBeNull(); // w is not base32hex
  });

  it('writes UTF-8 exactly as Node does, and reads it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(utf8Encode(text)).toEqual([...Buffer.from(text, 'utf8')]);
        expect(utf8Decode(utf8Encode(text))).toBe(text);
      }),
    );
    expect(utf8Encode('Zoë ↔ 李 😀')).toEqual([...Buffer.from('Zoë ↔ 李 😀', 'utf8')]);
  });

  it('refuses lone surrogates and malformed UTF-8', () => {
    expect(() => utf8Encode('a\ud800b')).toThrow(RangeError);
    expect(() => utf8Encode('\udc00')).toThrow(RangeError);
    expect(utf8Decode([0xc0, 0x80])).toBeNull(); // overlong NUL
    expect(utf8Decode([0xe0, 0x80, 0xaf])).toBeNull(); // overlong '/'
    expect(utf8Decode([0xed, 0xa0, 0x80])).toBeNull(); // a surrogate
    expect(utf8Decode([0xf4, 0x90, 0x80, 0x80])).toBeNull(); // above U+10FFFF
    expect(utf8Decode([0xe2, 0x82])).toBeNull(); // truncated
    expect(utf8Decode([0x80])).toBeNull(); // a continuation byte alone
  });
});

const keyArb: fc.Arbitrary<EventKey> = fc.record({
  programId: fc.oneof(fc.uuid(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.constantFrom('|', '%', '%7C', '%25', 'a|b', '%|%')),
  cycle: fc.integer({ min: 1, max: 10_000 }),
  groupId: fc.oneof(fc.integer({ min: 1, max: 99 }).chain((c) => fc.integer({ min: 0, max: 99 }).map((i) => groupId(c, i))), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 })),
  version: fc.integer({ min: 0, max: 1_000_000 }),
});

describe('eventId', () => {
  it('is deterministic and matches the documented example', () => {
    expect(eventId('p1', 3, 'C3-01', 0)).toBe('e1hn4v3g65u36v236cmj0cbs60');
    expect(eventId(PROGRAM, 3, 'C3-01', 0)).toBe(eventId(PROGRAM, 3, 'C3-01', 0));
  });

  it("always matches Calendar's id rule and parses back to its key", () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        const id = eventIdOf(key);
        expect(id).toMatch(EVENT_ID_PATTERN);
        expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
        expect(parseEventId(id)).toEqual(key);
      }),
      { numRuns: 500 },
    );
  });

  it('is injective: different keys never share an id', () => {
    fc.assert(
      fc.property(fc.uniqueArray(keyArb, { minLength: 2, maxLength: 40, selector: (k) => JSON.stringify(k) }), (keys) => {
        expect(new Set(keys.map(eventIdOf)).size).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(keyArb, keyArb, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(eventIdOf(a)).not.toBe(eventIdOf(b));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps apart the keys a plain "|" join or a naive escape would merge', () => {
    expect(eventId('a|1', 2, 'b', 0)).not.toBe(eventId('a', 1, '2|b', 0));
    expect(eventId('%7C', 1, 'g', 0)).not.toBe(eventId('|', 1, 'g', 0));
    expect(eventId('%25', 1, 'g', 0)).not.toBe(eventId('%', 1, 'g', 0));
    expect(parseEventId(eventId('a|1', 2, 'b', 0))).toEqual({ programId: 'a|1', cycle: 2, groupId: 'b', version: 0 });
    expect(parseEventId(eventId('%7C', 1, '%', 0))).toEqual({ programId: '%7C', cycle: 1, groupId: '%', version: 0 });
  });

  it('gives a re-schedule (version + 1), another cycle or another program a fresh id', () => {
    const id = eventId(PROGRAM, 3, 'C3-01', 0);
    expect(eventId(PROGRAM, 3, 'C3-01', 1)).not.toBe(id);
    expect(eventId(PROGRAM, 4, 'C3-01', 0)).not.toBe(id);
    expect(eventId('another-program', 3, 'C3-01', 0)).not.toBe(id);
  });

  it('refuses keys it cannot encode faithfully', () => {
    expect(() => eventId('', 1, 'C1-01', 0)).toThrow(RangeError);
    expect(() => eventId('p', 1, '', 0)).toThrow(RangeError);
    expect(() => eventId('p\ud800', 1, 'C1-01', 0)).toThrow(/lone surrogate/);
    expect(() => eventId('p', 0, 'C1-01', 0)).toThrow(/cycle/);
    expect(() => eventId('p', 1.5, 'C1-01', 0)).toThrow(/cycle/);
    expect(() => eventId('p', 1, 'C1-01', -1)).toThrow(/version/);
    expect(() => eventId('p', 1, 'C1-01', Number.NaN)).toThrow(/version/);
    // 1024 characters of base32hex hold 640 bytes; the canonical string adds 'pcr|', '|1|', '|0'.
    const room = 640 - 'pcr|'.length - '|1|g|0'.length;
    expect(eventId('x'.repeat(room), 1, 'g', 0)).toHaveLength(1024);
    expect(() => eventId('x'.repeat(room + 1), 1, 'g', 0)).toThrow(/at most 1024/);
  });
});

describe('parseEventId', () => {
  const encode = (text: string) => base32hexEncode(utf8Encode(text));

  it('gives null for ids that are not ours or not canonical', () => {
    expect(parseEventId(encode('pcr|p|1|g|0'))).toEqual({ programId: 'p', cycle: 1, groupId: 'g', version: 0 });
    for (const text of [
      'xyz|p|1|g|0', // another prefix
      'pcr|p|1|g', // four fields
      'pcr|p|1|g|0|x', // six fields
      'pcr|p|01|g|0', // a leading zero
      'pcr|p|0|g|0', // cycle 0
      'pcr|p|1|g|-1', // a negative version
      'pcr|p|1|g|1e3', // not digits
      'pcr||1|g|0', // a blank program
      'pcr|p%41|1|g|0', // an escape we never write
      'pcr|p|1|g|99999999999999999', // beyond a safe integer
    ]) {
      expect(parseEventId(encode(text))).toBeNull();
    }
    expect(parseEventId('abcde')).toBeNull();
    expect(parseEventId('E1HN4V3G65U36V236CMJ0CBS60')).toBeNull();
    expect(parseEventId('e1hn4v3g65u36v236cmj0cbs61')).toBeNull(); // tail bits
    expect(parseEventId('')).toBeNull();
    expect(parseEventId(42 as unknown as string)).toBeNull();
    expect(parseEventId(base32hexEncode([0xff, 0xfe, 0x00]))).toBeNull(); // not UTF-8
  });

  it('never throws on any lower-case base32hex', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdefghijklmnopqrstuv'), minLength: 5, maxLength: 80 }), (id) => {
        const key = parseEventId(id);
        if (key !== null) expect(eventIdOf(key)).toBe(id);
      }),
    );
  });
});

// ---- Title and description ------------------------------------------------------------------------

describe('eventTitle', () => {
  it("fills the settings' template with the names joined by ↔", () => {
    expect(eventTitle(DEFAULT_SETTINGS.titleTemplate, ['Ann', 'Ben'])).toBe('Peer coaching: Ann ↔ Ben');
    expect(eventTitle('Peer coaching: {names}', ['Ann', 'Ben', 'Cy'])).toBe('Peer coaching: Ann ↔ Ben ↔ Cy');
    expect(eventTitle('Cycle {cycle}: {names}', [' Ann ', 'Ben'], 4)).toBe('Cycle 4: Ann ↔ Ben');
  });

  it('refuses a template with {cycle} but no cycle, and no names at all', () => {
    expect(() => eventTitle('Cycle {cycle}: {names}', ['Ann', 'Ben'])).toThrow(/\{cycle\}/);
    expect(() => eventTitle('Peer coaching: {names}', [])).toThrow(RangeError);
    expect(() => eventTitle('Peer coaching: {names}', [' ', ''])).toThrow(RangeError);
  });

  it('strips bidi overrides and controls from names, and isolates right-to-left names (issue 12, item 9)', () => {
    // An RLO in one name would reverse everything after it in the title.
    expect(eventTitle('Peer coaching: {names}', ['Ann\u202E Lee', 'Ben\nRay\u0000'])).toBe('Peer coaching: Ann Lee ↔ Ben Ray');
    expect(eventTitle('Peer coaching: {names}', ['\u202E\u2066', 'Ben'])).toBe('Peer coaching: Ben');
    // A Hebrew name keeps its own direction without reordering the separator and the next name.
    expect(eventTitle('Peer coaching: {names}', ['שרה כהן', 'Ben'])).toBe('Peer coaching: \u2068שרה כהן\u2069 ↔ Ben');
    const long = 'N'.repeat(50_000);
    expect(eventTitle('{names}', [long, 'Ben'])).toBe(`${long} ↔ Ben`);
  });
});

/** The sessions each agenda line covers: "Session 3:" → [3], "Sessions 2–5:" → [2, 3, 4, 5]. */
function sessionsCovered(description: string): number[] {
  const out: number[] = [];
  for (const line of description.split('\n')) {
    const one = /^Session (\d+): /.exec(line);
    const range = /^Sessions (\d+)–(\d+): /.exec(line);
    if (one) out.push(Number(one[1]));
    if (range) for (let s = Number(range[1]); s <= Number(range[2]); s++) out.push(s);
  }
  return out;
}

describe('seriesDescription', () => {
  const LINK = `https://docs.google.com/forms/d/e/1FAIpQLSd${'x'.repeat(48)}/viewform?usp=pp_url&entry.111111111=C3-01&entry.222222222=${'y'.repeat(200)}`;

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('for %i meeting(s): the goals, one agenda line per session, the link', (meetings) => {
    const text = seriesDescription({ meetings, feedbackLink: LINK, groupCode: 'C3-01' });
    // The three goals, in PRODUCT.md's order, numbered.
    const goals = PROGRAM_GOALS.map((g, i) => text.indexOf(`${i + 1}. ${g}`));
    expect(goals.every((at) => at >= 0)).toBe(true);
    expect([...goals].sort((a, b) => a - b)).toEqual(goals);
    expect(text).toMatch(/^1\. Build relationships/m);
    expect(text).toMatch(/^2\. Practise coaching.*talk less, question more/im);
    expect(text).toMatch(/^3\. Accountability/m);
    // Every session exactly once, in order.
    expect(sessionsCovered(text)).toEqual(Array.from({ length: meetings }, (_, i) => i + 1));
    const agenda = text.slice(text.indexOf('Agenda:'));
    expect(agenda).toMatch(/^Session 1: get to know each other/m);
    expect(agenda.toLowerCase()).toContain('talk less, question more');
    expect(agenda).toMatch(new RegExp(`^Session ${meetings}: .*commit`, 'm'));
    expect(text).toContain(`After each session, one minute: ${LINK}`);
    expect(text).toContain('Group C3-01');
    expect(text).toContain(meetings === 1 ? 'one session' : `${meetings} sessions`);
    // Sessions, not weeks (a fortnightly cadence meets every other week); plain text, no markup.
    expect(text).not.toMatch(/\bweek/i);
    expect(text).not.toMatch(/<[a-z/]/i);
    // Well under Calendar's limit (⚠ 8,192) even with a long prefilled link.
    expect(text.length).toBeLessThan(DESCRIPTION_LIMIT / 4);
  });

  it('has the agenda the issue describes for six weekly meetings', () => {
    const text = seriesDescription({ meetings: meetingsPerCycle(DEFAULT_SETTINGS) });
    expect(text.split('Agenda:\n')[1]).toBe(
      [
        'Session 1: get to know each other, and choose what each of you wants to work on.',
        'Sessions 2–5: coach each other on real situations. Talk less, question more.',
        'Session 6: look back on the cycle, and commit to your next step.',
      ].join('\n'),
    );
  });

  it('folds the agenda sensibly into one or two meetings', () => {
    const one = seriesDescription({ meetings: 1 });
    expect(one).toMatch(/Session 1: get to know each other, choose one thing to work on, coach on it \(talk less, question more\), and end by each committing/);
    const two = seriesDescription({ meetings: 2 });
    expect(two).toMatch(/Session 1: get to know each other/);
    expect(two).toMatch(/Session 2: coach each other on it \(talk less, question more\), then look back and commit/);
  });

  it('leaves out the link and the group when not given', () => {
    const text = seriesDescription({ meetings: 6 });
    expect(text).not.toContain('After each session');
    expect(text).not.toContain('Group');
    expect(seriesDescription({ meetings: 6, feedbackLink: '' })).toBe(text);
  });

  it('uses goals passed in, in their order', () => {
    const text = seriesDescription({ meetings: 3, goals: ['First thing.', 'Second thing.'] });
    expect(text).toContain('1. First thing.\n2. Second thing.\n\nAgenda:');
  });

  it('refuses what would break it', () => {
    expect(() => seriesDescription({ meetings: 0 })).toThrow(RangeError);
    expect(() => seriesDescription({ meetings: 1.5 })).toThrow(RangeError);
    expect(() => seriesDescription({ meetings: 6, feedbackLink: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => seriesDescription({ meetings: 6, feedbackLink: 'https://x.test/a b' })).toThrow(/http/);
    expect(() => seriesDescription({ meetings: 6, feedbackLink: 'https://x.test/<b>' })).toThrow(/http/);
    expect(() => seriesDescription({ meetings: 6, groupCode: 'C3-01\nInjected' })).toThrow(/one line/);
    expect(() => seriesDescription({ meetings: 6, goals: ['ok', ''] })).toThrow(/one line/);
  });
});

// ---- The resource ---------------------------------------------------------------------------------

describe('buildSeriesEvent', () => {
  it('builds the weekly series of a pair with Meet', () => {
    const event = build();
    const id = eventId(PROGRAM, 3, 'C3-01', 0);
    expect(event).toEqual({
      id,
      summary: 'Peer coaching: Ann Lee ↔ Ben Okafor',
      description: input().description,
      start: { dateTime: '2027-03-16T10:00:00', timeZone: 'Europe/London' },
      end: { dateTime: '2027-03-16T10:30:00', timeZone: 'Europe/London' },
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'],
      attendees: [
        { email: 'ann@example.org', displayName: 'Ann Lee' },
        { email: 'ben@example.org', displayName: 'Ben Okafor' },
      ],
      guestsCanModify: true,
      reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 10 }] },
      extendedProperties: { private: { program: PROGRAM, cycle: '3', group: 'C3-01', version: '0' } },
      conferenceData: { createRequest: { requestId: `meet-${id}`, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    });
    expect(parseEventId(event.id!)).toEqual(KEY);
  });

  it('writes local wall time without an offset, the zone beside it, across a DST change in the cycle', () => {
    // Europe/London moves to summer time on 2027-03-28, inside this six-week cycle: the series is
    // expanded in the zone, so the wall time is what must be sent, never an offset.
    const event = build({ startDate: '2027-03-23', startTime: '09:05', minutes: 45, timeZone: 'Europe/London' });
    expect(event.start).toEqual({ dateTime: '2027-03-23T09:05:00', timeZone: 'Europe/London' });
    expect(event.end).toEqual({ dateTime: '2027-03-23T09:50:00', timeZone: 'Europe/London' });
    expect(event.start!.dateTime).not.toMatch(/Z|[+-]\d\d:\d\d$/);
  });

  it('meets fortnightly with INTERVAL=2 and the cycle\'s meeting count', () => {
    const settings = { ...DEFAULT_SETTINGS, cadence: 'fortnightly' as const };
    const event = build({ intervalWeeks: cadenceWeeks(settings.cadence), count: meetingsPerCycle(settings) });
    expect(event.recurrence).toEqual(['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3']);
    expect(build({ count: 1 }).recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=1']);
  });

  it('ends a meeting at midnight at 00:00 the next day, and refuses one past midnight', () => {
    const event = build({ startTime: '23:30', minutes: 30, startDate: '2027-12-31' });
    expect(event.end).toEqual({ dateTime: '2028-01-01T00:00:00', timeZone: 'Europe/London' });
    expect(() => buildSeriesEvent(input({ startTime: '23:30', minutes: 35 }))).toThrow(/after midnight/);
    expect(() => buildSeriesEvent(input({ startTime: '23:55', minutes: 120 }))).toThrow(RangeError);
  });

  it('never invites the organizer, and invites each guest once', () => {
    const event = build({
      organizerEmail: ' ANN@example.org ',
      attendees: [
        { email: 'ann@example.org', name: 'Ann' },
        { email: 'ben@example.org', name: 'Ben' },
        { email: 'BEN@example.org', name: 'Ben again' },
        { email: 'cy@example.org', name: '  ' },
      ],
    });
    expect(event.attendees).toEqual([{ email: 'ben@example.org', displayName: 'Ben' }, { email: 'cy@example.org' }]);
    expect(build({ organizerEmail: undefined }).attendees).toHaveLength(2);
  });

  it('invites a trio', () => {
    const event = build({ attendees: [{ email: 'a@x.org', name: 'Ann' }, { email: 'b@x.org', name: 'Ben' }, { email: 'c@x.org', name: 'Cy' }] });
    expect(event.attendees!.map((a) => a.displayName)).toEqual(['Ann', 'Ben', 'Cy']);
  });

  it('asks for Meet only when on, with a requestId stable for the same series and new for a new version', () => {
    const off = build({ meet: false });
    expect(off).not.toHaveProperty('conferenceData');
    const a = build().conferenceData!.createRequest!.requestId;
    const b = build().conferenceData!.createRequest!.requestId;
    const bumped = build(keyed({ ...KEY, version: 1 })).conferenceData!.createRequest!.requestId;
    expect(a).toBe(b);
    expect(bumped).not.toBe(a);
    expect(a).toBe(meetRequestId(eventId(PROGRAM, 3, 'C3-01', 0)));
  });

  it("accepts an id that is not one of ours, as long as Calendar's rule holds", () => {
    const event = build({ id: '0123456789abcdefghijklmnopqrstuv' });
    expect(event.id).toBe('0123456789abcdefghijklmnopqrstuv');
    expect(event.extendedProperties).toEqual({ private: { program: PROGRAM, cycle: '3', group: 'C3-01', version: '0' } });
  });

  it('sets the popup reminder asked for', () => {
    expect(build({ reminderMinutes: 0 }).reminders).toEqual({ useDefault: false, overrides: [{ method: 'popup', minutes: 0 }] });
    expect(build({ reminderMinutes: 40320 }).reminders!.overrides![0].minutes).toBe(40320);
  });

  it('refuses input Calendar would refuse or that would make a wrong series', () => {
    const refuse = (overrides: Partial<SeriesEventInput>, message: RegExp) => expect(() => buildSeriesEvent(input(overrides))).toThrow(message);
    refuse({ timeZone: 'Mars/Olympus' }, /time zone/);
    refuse({ timeZone: '' }, /time zone/);
    refuse({ startDate: '2027-02-29' }, /start date/);
    refuse({ startTime: '9:00' }, /start time/);
    refuse({ startTime: '24:00' }, /start time/);
    refuse({ minutes: 0 }, /minutes/);
    refuse({ count: 0 }, /meetings/);
    refuse({ intervalWeeks: 0 }, /interval/);
    refuse({ intervalWeeks: 1.5 }, /interval/);
    refuse({ reminderMinutes: 40321 }, /reminder/);
    refuse({ reminderMinutes: -1 }, /reminder/);
    refuse({ title: '  ' }, /title/);
    refuse({ description: 'x'.repeat(DESCRIPTION_LIMIT + 1) }, /description/);
    refuse({ attendees: [{ email: ' ' }, { email: 'b@x.org' }] }, /no email/);
    refuse({ attendees: [{ email: 'owner@example.org' }] }, /no guests/);
    refuse({ id: 'E1HN4V3G' }, /event id/);
    refuse({ id: 'abcd' }, /event id/);
    refuse({ properties: { ...seriesProperties(KEY), group: '' } }, /properties/);
    refuse({ properties: { ...seriesProperties(KEY), version: '1' } }, /disagree/);
    refuse({ id: eventIdOf({ ...KEY, cycle: 4 }) }, /disagree/);
  });

  it('is assignable to @googleapis/calendar Schema$Event (checked by the type checker)', () => {
    // @types/google-apps-script types the deprecated gadget.preferences as `object` where the API
    // has a string map, so only that field's type differs; we never set it.
    const { gadget, ...rest } = build();
    expect(gadget).toBeUndefined();
    const asApi: calendar_v3.Schema$Event = rest;
    expect(asApi.id).toMatch(EVENT_ID_PATTERN);
  });
});

describe('insertOptions', () => {
  it('asks for conference data only with Meet, and sends invitations to all or none', () => {
    expect(insertOptions({ meet: true, sendInvitations: true })).toEqual({ conferenceDataVersion: 1, sendUpdates: 'all' });
    expect(insertOptions({ meet: true, sendInvitations: false })).toEqual({ conferenceDataVersion: 1, sendUpdates: 'none' });
    expect(insertOptions({ meet: false, sendInvitations: true })).toEqual({ sendUpdates: 'all' });
    expect(insertOptions({ meet: false, sendInvitations: false })).toEqual({ sendUpdates: 'none' });
  });
});

// ---- The schema check -----------------------------------------------------------------------------

describe('the Schema$Event JSON Schema', () => {
  it('is derived from @googleapis/calendar and closes every object with named properties', () => {
    const schema = eventSchema() as { definitions: Record<string, { properties?: Record<string, unknown> }> };
    const event = schema.definitions['calendar_v3.Schema$Event'];
    expect(Object.keys(event.properties ?? {})).toEqual(expect.arrayContaining(['attendees', 'recurrence', 'conferenceData', 'extendedProperties', 'reminders']));
    let objects = 0;
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const obj = node as Record<string, unknown>;
      if (obj.properties !== undefined) {
        objects++;
        expect(obj.additionalProperties).toBe(false);
      }
      Object.values(obj).forEach(walk);
    };
    walk(schema);
    expect(objects).toBeGreaterThan(15);
  });

  it('accepts the nulls the type allows', () => {
    const event = {
      ...build(),
      description: null,
      location: null,
      colorId: null,
      extendedProperties: null,
      reminders: null,
      guestsCanInviteOthers: null,
      start: { dateTime: '2027-03-16T10:00:00', timeZone: 'Europe/London', date: null },
    };
    expect(eventSchemaErrors(event)).toEqual([]);
  });

  it('refuses a null the type does not allow', () => {
    expect(jsonSchemaErrors({ ...build(), attendees: null })).not.toEqual([]);
    expect(jsonSchemaErrors({ ...build(), creator: { email: null } })).not.toEqual([]);
  });
});

/** A valid resource with one change; the checker must name exactly the change. */
function mutated(change: (e: Record<string, any>) => void): Record<string, unknown> {
  const event = JSON.parse(JSON.stringify(build())) as Record<string, any>;
  change(event);
  return event;
}

describe('the checker fails where it must', () => {
  it('on an unknown field, at the top or inside', () => {
    expect(eventSchemaErrors(mutated((e) => (e.attendee = e.attendees)))).toEqual(['(event): unknown field "attendee"']);
    expect(eventSchemaErrors(mutated((e) => (e.attendees[0].mail = 'x@y.org')))).toEqual(['/attendees/0: unknown field "mail"']);
    expect(jsonSchemaErrors(mutated((e) => (e.start.tz = 'UTC')))).toEqual(['/start: unknown field "tz"']);
    expect(jsonSchemaErrors(mutated((e) => (e.conferenceData.createRequest.conferenceSolutionKey.kind = 'x')))).toEqual([
      '/conferenceData/createRequest/conferenceSolutionKey: unknown field "kind"',
    ]);
  });

  it('on a wrong type', () => {
    expect(eventSchemaErrors(mutated((e) => (e.summary = 42)))).toEqual(['/summary: must be string,null']);
    expect(jsonSchemaErrors(mutated((e) => (e.attendees = 'ann@example.org')))).toEqual(['/attendees: must be array']);
    expect(jsonSchemaErrors(mutated((e) => (e.guestsCanModify = 'true')))).toEqual(['/guestsCanModify: must be boolean,null']);
    expect(jsonSchemaErrors(mutated((e) => (e.reminders.overrides[0].minutes = '10')))).not.toEqual([]);
  });

  it('on a recurrence without time zones', () => {
    expect(eventSchemaErrors(mutated((e) => delete e.start.timeZone))).toEqual([
      'start.dateTime has no offset, so start.timeZone is required.',
      'A recurring event needs start.timeZone ("Missing time zone definition for start time.").',
    ]);
    // An offset does not replace the zone on a recurring event.
    expect(
      checkEventRules(
        mutated((e) => {
          e.start = { dateTime: '2027-03-16T10:00:00Z' };
          e.end = { dateTime: '2027-03-16T10:30:00Z' };
        }),
      ),
    ).toEqual(['A recurring event needs start.timeZone ("Missing time zone definition for start time.").', 'A recurring event needs end.timeZone.']);
    // A single event with offsets needs none.
    expect(
      checkEventRules(
        mutated((e) => {
          delete e.recurrence;
          e.start = { dateTime: '2027-03-16T10:00:00+01:00' };
          e.end = { dateTime: '2027-03-16T10:30:00+01:00' };
        }),
      ),
    ).toEqual([]);
  });

  it('on COUNT with UNTIL, a FOO: line and other bad recurrence lines', () => {
    expect(eventSchemaErrors(mutated((e) => (e.recurrence = ['RRULE:FREQ=WEEKLY;COUNT=6;UNTIL=20270430T000000Z'])))).toEqual([
      'recurrence[0]: RRULE cannot have both COUNT and UNTIL.',
    ]);
    expect(eventSchemaErrors(mutated((e) => (e.recurrence = ['FOO:BAR'])))).toEqual(['recurrence[0]: "FOO:BAR" is not an RRULE, EXRULE, RDATE or EXDATE line.']);
    expect(checkEventRules(mutated((e) => (e.recurrence = ['DTSTART:20270316T100000'])))).toHaveLength(1);
    expect(checkEventRules(mutated((e) => (e.recurrence = ['RRULE:COUNT=6'])))).toEqual(['recurrence[0]: RRULE needs FREQ.']);
    expect(checkEventRules(mutated((e) => (e.recurrence = ['RRULE:FREQ=FORTNIGHTLY'])))).toEqual(['recurrence[0]: RRULE has an unknown FREQ FORTNIGHTLY.']);
    expect(checkEventRules(mutated((e) => (e.recurrence = ['RRULE:FREQ=WEEKLY;COUNT=0'])))).toEqual(['recurrence[0]: RRULE COUNT must be a whole number from 1.']);
    expect(checkEventRules(mutated((e) => (e.recurrence = ['RRULE:FREQ=WEEKLY;FREQ=DAILY'])))).toEqual(['recurrence[0]: RRULE has FREQ twice.']);
    expect(checkEventRules(mutated((e) => (e.recurrence = ['RRULE:FREQ=WEEKLY\nEXDATE:20270323'])))).toEqual(['recurrence[0]: must be one line.']);
    // The lines Calendar accepts besides RRULE.
    expect(checkEventRules(mutated((e) => e.recurrence.push('EXDATE;TZID=Europe/London:20270323T100000', 'RDATE;VALUE=DATE:20270501')))).toEqual([]);
  });

  it('on a bad id, reversed times, too many or out-of-range reminders, a guest without email', () => {
    expect(checkEventRules(mutated((e) => (e.id = 'E1HN4')))).toEqual(['id must be 5–1024 characters of lower-case a–v and 0–9 (base32hex).']);
    expect(checkEventRules(mutated((e) => (e.id = 'abcd')))).toHaveLength(1);
    expect(checkEventRules(mutated((e) => (e.id = 'w'.repeat(5))))).toHaveLength(1);
    expect(checkEventRules(mutated((e) => (e.end.dateTime = e.start.dateTime)))).toEqual(['end must be after start.']);
    expect(checkEventRules(mutated((e) => (e.end.dateTime = '2027-03-16T09:59:59.5')))).toEqual(['end must be after start.']);
    expect(checkEventRules(mutated((e) => (e.end.dateTime = '2027-03-16T10:00:00.5')))).toEqual([]);
    expect(checkEventRules(mutated((e) => (e.end = { date: '2027-03-17', timeZone: 'Europe/London' })))).toEqual(['start and end must both be dates or both date-times.']);
    expect(checkEventRules(mutated((e) => (e.reminders.overrides = Array.from({ length: 6 }, () => ({ method: 'popup', minutes: 5 })))))).toEqual([
      'reminders.overrides has 6 reminders; at most 5.',
    ]);
    expect(checkEventRules(mutated((e) => (e.reminders.overrides[0].minutes = 40321)))).toEqual(['reminders.overrides[0].minutes must be a whole number from 0 to 40320.']);
    expect(checkEventRules(mutated((e) => (e.reminders.overrides[0].method = 'sms')))).toEqual(['reminders.overrides[0].method must be email or popup.']);
    expect(checkEventRules(mutated((e) => (e.reminders.useDefault = true)))).toHaveLength(1);
    expect(checkEventRules(mutated((e) => delete e.attendees[1].email))).toEqual(['attendees[1] has no email.']);
    expect(checkEventRules(mutated((e) => (e.conferenceData.createRequest.requestId = '')))).toEqual(['conferenceData.createRequest needs a requestId.']);
    expect(checkEventRules(mutated((e) => delete e.start))).toEqual(['start is missing.', 'A recurring event needs start.timeZone ("Missing time zone definition for start time.").']);
    expect(checkEventRules(mutated((e) => (e.description = 'x'.repeat(DESCRIPTION_LIMIT + 1))))).toHaveLength(1);
  });

  it('never throws on junk', () => {
    for (const junk of [null, undefined, 42, 'event', [], { start: null, end: 5, recurrence: [7], reminders: { overrides: [null] }, attendees: [null] }]) {
      expect(() => checkEventRules(junk)).not.toThrow();
      expect(() => eventSchemaErrors(junk)).not.toThrow();
    }
  });
});

// ---- Every resource passes ------------------------------------------------------------------------

describe('every resource we build passes the schema and the rules', () => {
  it('across the settings: cadence, cycle length, Meet, pair and trio, organizer a member or not', () => {
    let checked = 0;
    for (const cadence of ['weekly', 'fortnightly'] as const) {
      for (let cycleWeeks = 1; cycleWeeks <= 12; cycleWeeks++) {
        for (const meet of [true, false]) {
          for (const trio of [false, true]) {
            const count = meetingsPerCycle({ cycleWeeks, cadence });
            const attendees = [
              { email: 'owner@example.org', name: 'Olu Owner' },
              { email: 'ann@example.org', name: 'Ann' },
              ...(trio ? [{ email: 'cy@example.org', name: 'Cy' }] : []),
            ];
            const event = build({
              ...keyed({ programId: PROGRAM, cycle: cycleWeeks, groupId: groupId(cycleWeeks, trio ? 1 : 0), version: 0 }),
              title: eventTitle(DEFAULT_SETTINGS.titleTemplate, attendees.map((a) => a.name)),
              description: seriesDescription({ meetings: count, feedbackLink: 'https://forms.example/x?entry.1=a', groupCode: groupId(cycleWeeks, 0) }),
              count,
              intervalWeeks: cadenceWeeks(cadence),
              attendees,
              meet,
            });
            expect(eventSchemaErrors(event)).toEqual([]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(96);
  });

  it('for any valid input (property)', () => {
    const inputArb = fc.record({
      key: keyArb,
      day: fc.integer({ min: 10957, max: 47481 }), // 2000-01-01 … 2099-12-31
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 11 }).map((m) => m * 5),
      minutes: fc.integer({ min: 3, max: 24 }).map((m) => m * 5),
      timeZone: fc.constantFrom(...ZONES),
      count: fc.integer({ min: 1, max: 12 }),
      intervalWeeks: fc.constantFrom(1, 2),
      guests: fc.uniqueArray(fc.emailAddress(), { minLength: 2, maxLength: 3, selector: (e) => e.toLowerCase() }),
      names: fc.array(fc.string({ maxLength: 20 }), { minLength: 3, maxLength: 3 }),
      meet: fc.boolean(),
      reminderMinutes: fc.integer({ min: 0, max: 40320 }),
      organizerIsGuest: fc.boolean(),
    });
    fc.assert(
      fc.property(inputArb, (g) => {
        const start = g.hour * 60 + g.minute;
        fc.pre(start + g.minutes <= 24 * 60);
        const startTime = `${String(g.hour).padStart(2, '0')}:${String(g.minute).padStart(2, '0')}`;
        const attendees = g.guests.map((email, i) => ({ email, name: g.names[i] }));
        const event = build({
          ...keyed(g.key),
          startDate: isoDate(g.day),
          startTime,
          minutes: g.minutes,
          timeZone: g.timeZone,
          count: g.count,
          intervalWeeks: g.intervalWeeks,
          attendees,
          organizerEmail: g.organizerIsGuest ? g.guests[0] : 'owner@example.org',
          meet: g.meet,
          reminderMinutes: g.reminderMinutes,
        });
        expect(eventSchemaErrors(event)).toEqual([]);
        expect(parseEventId(event.id!)).toEqual(g.key);
        expect(event.attendees).toHaveLength(g.guests.length - (g.organizerIsGuest ? 1 : 0));
        const end = start + g.minutes;
        const endDate = end === 24 * 60 ? addDays(isoDate(g.day), 1) : isoDate(g.day);
        const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        expect(event.end).toEqual({ dateTime: `${endDate}T${hhmm(end)}:00`, timeZone: g.timeZone });
      }),
      { numRuns: 300 },
    );
  });

  it('including every resource built in the tests above', () => {
    for (const event of produced) expect(eventSchemaErrors(event)).toEqual([]);
  });
});
