// iCalendar output, read back by an independent parser (ical.js): every series expands, with the
// VTIMEZONE we wrote, to exactly the planned meeting instants, across daylight-saving changes;
// lines are CRLF, folded at 75 octets without splitting a character; text is escaped.
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { addDays } from '../../src/core/dates';
import { IcsError, escapeText, foldLine, icsCalendar, paramValue, utf8Length, type IcsCalendarInput, type IcsEvent } from '../../src/core/ics';
import { localInstant } from '../../src/core/zones';

const STAMP = new Date(Date.UTC(2027, 0, 4, 8, 15, 30));

function series(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: 'C1-01-2027-03-16@peer-coaching.invalid',
    title: 'Peer coaching: Ann ↔ Ben',
    description: 'Week 1: get to know each other.',
    startDate: '2027-03-16',
    startTime: '10:00',
    minutes: 30,
    timeZone: 'Europe/London',
    count: 6,
    intervalWeeks: 1,
    attendees: [
      { email: 'ann@example.org', name: 'Ann Lee' },
      { email: 'ben@example.org', name: 'Ben Ode' },
    ],
    ...overrides,
  };
}

const calendar = (events: IcsEvent[], extra: Partial<IcsCalendarInput> = {}) => icsCalendar({ method: 'PUBLISH', events, stamp: STAMP, ...extra });

/** Parses with ical.js, registering only the VTIMEZONEs in the text (none built in). */
function parse(text: string): ICAL.Component {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  return root;
}

/** Each occurrence of the VEVENT as [start, end] in ms since the epoch, by ical.js. */
function expand(vevent: ICAL.Component): Array<[number, number]> {
  const event = new ICAL.Event(vevent);
  expect(event.startDate.zone?.tzid).toBe(vevent.getFirstProperty('dtstart')!.getParameter('tzid'));
  const it = event.iterator();
  const out: Array<[number, number]> = [];
  for (let next = it.next(); next; next = it.next()) {
    const details = event.getOccurrenceDetails(next);
    out.push([details.startDate.toJSDate().getTime(), details.endDate.toJSDate().getTime()]);
    if (out.length > 1000) throw new Error('the series does not end');
  }
  return out;
}

/** The planned meetings, computed without the iCalendar code: each date, its local time, in the zone. */
function planned(e: IcsEvent): Array<[number, number]> {
  const [h, m] = e.startTime.split(':').map(Number);
  return Array.from({ length: e.count }, (_, i) => {
    const start = localInstant(addDays(e.startDate, i * 7 * e.intervalWeeks), h * 60 + m, e.timeZone);
    return [start, start + e.minutes * 60_000];
  });
}

const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');
const events = (root: ICAL.Component) => root.getAllSubcomponents('vevent');
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const unfold = (text: string) => text.replace(/\r\n /g, '');
/** The content lines (unfolded, without CRLF). */
const contentLines = (text: string) => unfold(text).split('\r\n').slice(0, -1);

describe('recurrence read back by ical.js equals the planned meetings', () => {
  it('London, weekly, across the change to summer time on 2027-03-28', () => {
    const e = series();
    const got = expand(events(parse(calendar([e])))[0]);
    expect(got).toEqual(planned(e));
    expect(got.map(([s]) => iso(s))).toEqual([
      '2027-03-16T10:00Z',
      '2027-03-23T10:00Z',
      '2027-03-30T09:00Z', // 10:00 BST
      '2027-04-06T09:00Z',
      '2027-04-13T09:00Z',
      '2027-04-20T09:00Z',
    ]);
    expect(got.every(([s, end]) => end - s === 30 * 60_000)).toBe(true);
  });

  it('New York, fortnightly, a trio, across the change on 2027-03-14', () => {
    const e = series({
      uid: 'C2-03@x.invalid',
      startDate: '2027-03-02',
      startTime: '09:30',
      minutes: 45,
      timeZone: 'America/New_York',
      count: 3,
      intervalWeeks: 2,
      attendees: [
        { email: 'ann@example.org', name: 'Ann' },
        { email: 'ben@example.org', name: 'Ben' },
        { email: 'cid@example.org', name: 'Cid' },
      ],
    });
    const text = calendar([e]);
    expect(contentLines(text)).toContain('RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3');
    const [vevent] = events(parse(text));
    const got = expand(vevent);
    expect(got).toEqual(planned(e));
    expect(got.map(([s, end]) => `${iso(s)} ${iso(end)}`)).toEqual([
      '2027-03-02T14:30Z 2027-03-02T15:15Z',
      '2027-03-16T13:30Z 2027-03-16T14:15Z', // 09:30 EDT
      '2027-03-30T13:30Z 2027-03-30T14:15Z',
    ]);
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees.map((p) => [p.getFirstValue(), p.getParameter('cn'), p.getParameter('role'), p.getParameter('partstat'), p.getParameter('rsvp')])).toEqual([
      ['mailto:ann@example.org', 'Ann', 'REQ-PARTICIPANT', 'NEEDS-ACTION', 'TRUE'],
      ['mailto:ben@example.org', 'Ben', 'REQ-PARTICIPANT', 'NEEDS-ACTION', 'TRUE'],
      ['mailto:cid@example.org', 'Cid', 'REQ-PARTICIPANT', 'NEEDS-ACTION', 'TRUE'],
    ]);
  });

  it('one calendar with several zones: one VTIMEZONE each, every series right (Sydney leaves summer time, Tokyo has none)', () => {
    const list = [
      series({ uid: 'a@x', timeZone: 'Europe/London' }),
      series({ uid: 'b@x', timeZone: 'America/New_York', startDate: '2027-03-02', startTime: '17:00', intervalWeeks: 2, count: 3 }),
      series({ uid: 'c@x', timeZone: 'Australia/Sydney', startDate: '2027-03-23', startTime: '08:00', count: 4 }),
      series({ uid: 'd@x', timeZone: 'Asia/Tokyo', startDate: '2027-03-16', startTime: '19:00' }),
      series({ uid: 'e@x', timeZone: 'Europe/London', startDate: '2027-10-19', startTime: '12:00', count: 3, intervalWeeks: 2 }),
    ];
    const root = parse(calendar(list));
    expect(root.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Europe/London',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Tokyo',
    ]);
    const vevents = events(root);
    expect(vevents.map((v) => v.getFirstPropertyValue('uid'))).toEqual(['a@x', 'b@x', 'c@x', 'd@x', 'e@x']);
    vevents.forEach((v, i) => expect(expand(v)).toEqual(planned(list[i])));
    // Sydney's 08:00 is 21:00Z the day before in summer time (UTC+11), 22:00Z after 2027-04-04.
    expect(expand(vevents[2]).map(([s]) => iso(s))).toEqual(['2027-03-22T21:00Z', '2027-03-29T21:00Z', '2027-04-05T22:00Z', '2027-04-12T22:00Z']);
    // London in October: back to GMT on 2027-10-31.
    expect(expand(vevents[4]).map(([s]) => iso(s))).toEqual(['2027-10-19T11:00Z', '2027-11-02T12:00Z', '2027-11-16T12:00Z']);
  });

  it('property: any zone, date, time, length, count and interval expands to the planned instants', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 2 * 365 }),
        fc.integer({ min: 6 * 12, max: 20 * 12 }), // 06:00 to 20:00 in 5-minute steps: never in a gap
        fc.integer({ min: 3, max: 24 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(1, 2),
        (timeZone, day, fives, length, count, intervalWeeks) => {
          const minutes = fives * 5;
          const e = series({
            timeZone,
            startDate: addDays('2026-06-01', day),
            startTime: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
            minutes: length * 5,
            count,
            intervalWeeks,
          });
          expect(expand(events(parse(calendar([e])))[0])).toEqual(planned(e));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a meeting running past midnight ends the next day', () => {
    const e = series({ startTime: '23:45', minutes: 30 });
    const text = calendar([e]);
    expect(contentLines(text)).toContain('DTEND;TZID=Europe/London:20270317T001500');
    expect(expand(events(parse(text))[0])).toEqual(planned(e));
  });

  it('control: without the VTIMEZONE observances ical.js reads other instants, so the check has teeth', () => {
    const e = series();
    const text = calendar([e]);
    const noDaylight = text.replace(/BEGIN:DAYLIGHT\r\n[\s\S]*?END:DAYLIGHT\r\n/g, '');
    expect(noDaylight).not.toBe(text);
    expect(expand(events(parse(noDaylight))[0])).not.toEqual(planned(e));
  });
});

describe('EXDATE: dates left out of a series (holidays, away weeks)', () => {
  it('London over the holidays: COUNT=8 with two EXDATEs expands to six meetings, none on a skipped date', () => {
    const e = series({ startDate: '2026-12-08', count: 8, exdates: ['2026-12-22', '2026-12-29'] });
    const text = calendar([e]);
    expect(contentLines(text)).toContain('RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=8');
    expect(contentLines(text)).toContain('EXDATE;TZID=Europe/London:20261222T100000,20261229T100000');
    const got = expand(events(parse(text))[0]);
    expect(got.map(([s]) => iso(s))).toEqual([
      '2026-12-08T10:00Z',
      '2026-12-15T10:00Z',
      '2027-01-05T10:00Z',
      '2027-01-12T10:00Z',
      '2027-01-19T10:00Z',
      '2027-01-26T10:00Z',
    ]);
  });

  it('New York, fortnightly, an EXDATE after the change to summer time names the local start', () => {
    const e = series({ timeZone: 'America/New_York', startDate: '2027-03-02', startTime: '09:30', intervalWeeks: 2, count: 4, exdates: ['2027-03-30'] });
    const text = calendar([e]);
    expect(contentLines(text)).toContain('EXDATE;TZID=America/New_York:20270330T093000');
    expect(expand(events(parse(text))[0]).map(([s]) => iso(s))).toEqual(['2027-03-02T14:30Z', '2027-03-16T13:30Z', '2027-04-13T13:30Z']);
  });

  it('property: the expanded occurrences are the planned ones minus the EXDATEs, in any zone', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Los_Angeles'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 2 * 365 }),
        fc.integer({ min: 6 * 12, max: 20 * 12 }),
        fc.integer({ min: 2, max: 12 }),
        fc.constantFrom(1, 2),
        fc.array(fc.integer({ min: 1, max: 11 }), { maxLength: 5 }),
        (timeZone, day, fives, count, intervalWeeks, picks) => {
          const minutes = fives * 5;
          const startDate = addDays('2026-06-01', day);
          const skipped = [...new Set(picks.filter((k) => k < count))].sort((a, b) => a - b);
          const e = series({
            timeZone,
            startDate,
            startTime: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
            count,
            intervalWeeks,
            exdates: skipped.map((k) => addDays(startDate, k * 7 * intervalWeeks)),
          });
          const want = planned(e).filter((_, k) => !skipped.includes(k));
          expect(expand(events(parse(calendar([e])))[0])).toEqual(want);
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each<[string, Partial<IcsEvent>, RegExp]>([
    ['not a date', { exdates: ['2026-12-32'] }, /EXDATE .*real date/],
    ['off the weekly grid', { startDate: '2026-12-08', exdates: ['2026-12-23'] }, /not a date of the series/],
    ['after the last occurrence', { startDate: '2026-12-08', count: 3, exdates: ['2026-12-29'] }, /not a date of the series/],
    ['the first meeting', { startDate: '2026-12-08', exdates: ['2026-12-08'] }, /first meeting/],
    ['twice', { startDate: '2026-12-08', exdates: ['2026-12-15', '2026-12-15'] }, /twice/],
  ])('an EXDATE %s is refused', (_, overrides, message) => {
    const make = () => calendar([series(overrides)]);
    expect(make).toThrow(IcsError);
    expect(make).toThrow(message);
  });
});

describe('VTIMEZONE', () => {
  /** The observances of the zone's VTIMEZONE as "KIND DTSTART FROM TO". */
  function observances(text: string, zone: string): string[] {
    const vtz = parse(text)
      .getAllSubcomponents('vtimezone')
      .find((z) => z.getFirstPropertyValue('tzid') === zone)!;
    return vtz.getAllSubcomponents().map((o) => {
      const start = o.getFirstProperty('dtstart')!.toICALString().replace('DTSTART:', '');
      const from = o.getFirstProperty('tzoffsetfrom')!.toICALString().replace('TZOFFSETFROM:', '');
      const to = o.getFirstProperty('tzoffsetto')!.toICALString().replace('TZOFFSETTO:', '');
      return `${o.name.toUpperCase()} ${start} ${from} ${to}`;
    });
  }

  it('London: the offset a year before the first meeting, then every change until a year after the last', () => {
    expect(observances(calendar([series()]), 'Europe/London')).toEqual([
      'STANDARD 20260315T000000 +0000 +0000',
      'DAYLIGHT 20260329T010000 +0000 +0100',
      'STANDARD 20261025T020000 +0100 +0000',
      'DAYLIGHT 20270328T010000 +0000 +0100',
      'STANDARD 20271031T020000 +0100 +0000',
      'DAYLIGHT 20280326T010000 +0000 +0100',
    ]);
  });

  it('New York: each change at 02:00 local, on the clock before it', () => {
    const obs = observances(calendar([series({ timeZone: 'America/New_York', startDate: '2027-03-02' })]), 'America/New_York');
    expect(obs.slice(1)).toEqual([
      'DAYLIGHT 20260308T020000 -0500 -0400',
      'STANDARD 20261101T020000 -0400 -0500',
      'DAYLIGHT 20270314T020000 -0500 -0400',
      'STANDARD 20271107T020000 -0400 -0500',
      'DAYLIGHT 20280312T020000 -0500 -0400',
    ]);
    expect(obs[0]).toBe('STANDARD 20260301T000000 -0500 -0500');
  });

  it('spans the whole calendar: a later series in the same zone extends it', () => {
    const obs = observances(calendar([series(), series({ uid: 'later@x', startDate: '2029-01-02' })]), 'Europe/London');
    expect(obs[0]).toBe('STANDARD 20260315T000000 +0000 +0000');
    expect(obs.at(-1)).toBe('STANDARD 20291028T020000 +0100 +0000');
    expect(obs).toHaveLength(1 + 8);
  });

  it('a zone without daylight saving has a single STANDARD observance', () => {
    expect(observances(calendar([series({ timeZone: 'Asia/Tokyo' })]), 'Asia/Tokyo')).toEqual(['STANDARD 20260315T000000 +0900 +0900']);
    expect(observances(calendar([series({ timeZone: 'Asia/Kolkata' })]), 'Asia/Kolkata')).toEqual(['STANDARD 20260315T000000 +0530 +0530']);
  });

  it('a half-hour change (Lord Howe) and a southern summer (Sydney: DAYLIGHT from October)', () => {
    const lordHowe = observances(calendar([series({ timeZone: 'Australia/Lord_Howe' })]), 'Australia/Lord_Howe');
    expect(lordHowe).toContain('STANDARD 20270404T020000 +1100 +1030');
    expect(lordHowe).toContain('DAYLIGHT 20271003T020000 +1030 +1100');
    const sydney = observances(calendar([series({ timeZone: 'Australia/Sydney' })]), 'Australia/Sydney');
    expect(sydney[0]).toBe('DAYLIGHT 20260315T000000 +1100 +1100');
    expect(sydney).toContain('STANDARD 20270404T030000 +1100 +1000');
  });
});

describe('lines', () => {
  const longName = 'Zoë Åsa Łucja Þórunn Müller-Søndergaard 山田花子 😀🙂👩🏽‍💻 ' + 'Ærøskøbing '.repeat(6);

  it('every line ends in CRLF, and there is no other line break', () => {
    const text = calendar([series({ description: 'one\ntwo\r\nthree\rfour' })]);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('long multi-byte names and descriptions: no line over 75 octets, no character split, unfolding gives them back', () => {
    const description = `${'Größe 日本語 😀 '.repeat(30)}end`;
    const title = `Peer coaching: ${longName} ↔ ${longName}`;
    const e = series({ title, description, attendees: [{ email: 'zoe@example.org', name: longName }, { email: 'ben@example.org', name: 'Ben' }] });
    const text = calendar([e], { method: 'REQUEST', organizer: { email: 'org@example.org', name: longName } });
    const physical = text.split('\r\n').slice(0, -1);
    for (const line of physical) {
      expect(byteLength(line)).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no half of a pair
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
    const [vevent] = events(parse(text));
    expect(vevent.getFirstPropertyValue('summary')).toBe(title);
    expect(vevent.getFirstPropertyValue('description')).toBe(description);
    expect(vevent.getFirstProperty('attendee')!.getParameter('cn')).toBe(longName.trim());
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe(longName.trim());
  });

  it('folds as late as it can: each piece but the last is full', () => {
    expect(foldLine('x'.repeat(75))).toBe(`${'x'.repeat(75)}\r\n`);
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x\r\n`);
    expect(foldLine('x'.repeat(75 + 74 + 1))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x\r\n`);
    // é is two octets: 37 of them make 74, a 38th would make 76.
    expect(foldLine('é'.repeat(40))).toBe(`${'é'.repeat(37)}\r\n ${'é'.repeat(3)}\r\n`);
    // 😀 is four octets (two UTF-16 units): 18 make 72; the pair is never split.
    expect(foldLine('😀'.repeat(20))).toBe(`${'😀'.repeat(18)}\r\n ${'😀'.repeat(2)}\r\n`);
    expect(foldLine('')).toBe('\r\n');
  });

  it('property: folding any text keeps every line within 75 octets, unfolds to the text, splits no character and wastes no room', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const line = s.replace(/[\r\n]/g, '');
        const folded = foldLine(line);
        expect(folded.endsWith('\r\n')).toBe(true);
        expect(unfold(folded)).toBe(`${line}\r\n`);
        const pieces = folded.split('\r\n').slice(0, -1);
        pieces.forEach((piece, i) => {
          expect(utf8Length(piece)).toBeLessThanOrEqual(75);
          expect(byteLength(piece)).toBe(utf8Length(piece));
          if (i > 0) expect(piece.startsWith(' ')).toBe(true);
          if (i < pieces.length - 1) {
            const next = [...pieces[i + 1].slice(1)][0];
            expect(utf8Length(piece) + utf8Length(next)).toBeGreaterThan(75);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('utf8Length counts octets as Node does', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'Zoë 山田 👩🏽‍💻', longName]) expect(utf8Length(s)).toBe(byteLength(s));
  });
});

describe('values', () => {
  it('escapes TEXT: backslash, semicolon, comma and line breaks; drops other control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('tab\there\u0000\u0007\u007f:colon')).toBe('tab\there:colon');
    const title = 'Ann; Ben, and Cid \\ the trio';
    const description = 'Goals:\n1. Build relationships; 2. Practise coaching, 3. Accountability\r\nC:\\notes';
    const text = calendar([series({ title, description })]);
    expect(contentLines(text)).toContain('SUMMARY:Ann\\; Ben\\, and Cid \\\\ the trio');
    const [vevent] = events(parse(text));
    expect(vevent.getFirstPropertyValue('summary')).toBe(title);
    expect(vevent.getFirstPropertyValue('description')).toBe(description.replace('\r\n', '\n'));
  });

  it('quotes parameter values holding : ; or , and writes " ^ and line breaks per RFC 6868', () => {
    expect(paramValue('Ann Lee')).toBe('Ann Lee');
    expect(paramValue('Lee, Ann')).toBe('"Lee, Ann"');
    expect(paramValue('Dr: Ann; Lee')).toBe('"Dr: Ann; Lee"');
    expect(paramValue('Ann "the coach" ^Lee')).toBe("Ann ^'the coach^' ^^Lee");
    const names = ['Lee, Ann', 'O"Brien: Ben; Jr.', 'Cid ^ Dee'];
    const text = calendar([series({ attendees: names.map((name, i) => ({ email: `p${i}@example.org`, name })) })]);
    expect(contentLines(text).filter((l) => l.startsWith('ATTENDEE'))[0]).toBe(
      'ATTENDEE;CN="Lee, Ann";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:p0@example.org',
    );
    const [vevent] = events(parse(text));
    expect(vevent.getAllProperties('attendee').map((p) => [p.getParameter('cn'), p.getFirstValue()])).toEqual(names.map((n, i) => [n, `mailto:p${i}@example.org`]));
  });

  it('writes the fixed properties: VERSION, PRODID, METHOD, UID, DTSTAMP in UTC, SEQUENCE:0, DTSTART and DTEND with TZID', () => {
    const lines = contentLines(calendar([series()], { prodId: '-//Acme//Planner 1.0//EN' }));
    expect(lines.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Acme//Planner 1.0//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
    const vevent = lines.slice(lines.indexOf('BEGIN:VEVENT'));
    expect(vevent.slice(0, 9)).toEqual([
      'BEGIN:VEVENT',
      'UID:C1-01-2027-03-16@peer-coaching.invalid',
      'DTSTAMP:20270104T081530Z',
      'SEQUENCE:0',
      'DTSTART;TZID=Europe/London:20270316T100000',
      'DTEND;TZID=Europe/London:20270316T103000',
      'RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=6',
      'SUMMARY:Peer coaching: Ann ↔ Ben',
      'DESCRIPTION:Week 1: get to know each other.',
    ]);
    expect(lines.filter((l) => l.startsWith('ORGANIZER'))).toEqual([]);
    expect(lines.at(-1)).toBe('END:VCALENDAR');
  });
});

describe('METHOD', () => {
  it('REQUEST carries the ORGANIZER', () => {
    const text = calendar([series()], { method: 'REQUEST', organizer: { email: 'dir@example.org', name: 'Dana Director' } });
    expect(contentLines(text)).toContain('METHOD:REQUEST');
    expect(contentLines(text)).toContain('ORGANIZER;CN=Dana Director:mailto:dir@example.org');
    const root = parse(text);
    expect(root.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(events(root)[0].getFirstPropertyValue('organizer')).toBe('mailto:dir@example.org');
  });

  it('PUBLISH may carry an organizer too', () => {
    expect(contentLines(calendar([series()], { organizer: { email: 'dir@example.org' } }))).toContain('ORGANIZER:mailto:dir@example.org');
  });

  it('REQUEST without an organizer is refused', () => {
    expect(() => calendar([series()], { method: 'REQUEST' })).toThrow(IcsError);
    expect(() => calendar([series()], { method: 'REQUEST' })).toThrow(/REQUEST needs an ORGANIZER/);
    expect(() => calendar([series()], { method: 'REQUEST', organizer: { email: ' ' } })).toThrow(/REQUEST needs an ORGANIZER/);
  });
});

describe('input it cannot write truthfully is refused', () => {
  it.each<[string, () => string, RegExp]>([
    ['no events', () => calendar([]), /at least one event/],
    ['a duplicate UID', () => calendar([series(), series()]), /Two events have the UID/],
    ['a blank UID', () => calendar([series({ uid: ' ' })]), /needs a UID/],
    ['a date that does not exist', () => calendar([series({ startDate: '2027-02-29' })]), /real date/],
    ['a time out of range', () => calendar([series({ startTime: '24:00' })]), /HH:MM/],
    ['an unknown zone', () => calendar([series({ timeZone: 'Mars/Olympus' })]), /not a time zone/],
    ['a zero count', () => calendar([series({ count: 0 })]), /count/],
    ['a fractional interval', () => calendar([series({ intervalWeeks: 1.5 })]), /interval/],
    ['a zero length', () => calendar([series({ minutes: 0 })]), /length/],
    ['an attendee without an address', () => calendar([series({ attendees: [{ email: 'not an email', name: 'X' }] })]), /is not an address/],
    ['an invalid stamp', () => calendar([series()], { stamp: new Date(NaN) }), /DTSTAMP/],
  ])('%s', (_, make, message) => {
    expect(make).toThrow(IcsError);
    expect(make).toThrow(message);
  });
});

describe('runs where Apps Script runs', () => {
  it('bundles to ES2019 and writes the same text in a bare realm (no Buffer, TextEncoder or other Node and Web APIs)', () => {
    const { outputFiles } = buildSync({
      entryPoints: [join(__dirname, '..', '..', 'src', 'core', 'ics.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'Ics',
      target: 'es2019',
      platform: 'neutral',
      logLevel: 'silent',
    });
    const realm = createContext({});
    expect(runInContext('typeof TextEncoder + typeof Buffer + typeof URLSearchParams + typeof require', realm)).toBe('undefinedundefinedundefinedundefined');
    runInContext(outputFiles[0].text, realm);
    const input = {
      method: 'REQUEST',
      organizer: { email: 'dir@example.org', name: 'Dana, Director' },
      stamp: STAMP,
      events: [series({ title: `Peer coaching: Zoë ↔ 山田 😀 ${'x'.repeat(80)}` }), series({ uid: 'ny@x', timeZone: 'America/New_York', intervalWeeks: 2, count: 3 })],
    };
    realm.input = JSON.parse(JSON.stringify(input));
    const text = runInContext('input.stamp = new Date(input.stamp); Ics.icsCalendar(input)', realm) as string;
    expect(text).toBe(icsCalendar(input as IcsCalendarInput));
  });
});
