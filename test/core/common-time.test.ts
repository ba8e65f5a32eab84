import fc from 'fast-check';
import {
  type Availability,
  type BusyBlock,
  type CommonSlotInput,
  type CycleSpan,
  cycleSpan,
  findCommonSlot,
  freeBusyBatches,
  freeBusyWindow,
  preferredSlot,
  readFreeBusy,
  scoreSlot,
  slotMember,
  type SlotMember,
  slotOccurrences,
  type WeeklySlot,
} from '../../src/core/common-time';
import { addDays, weekdayOf } from '../../src/core/dates';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { DEFAULT_WORKING_HOURS, parseWorkingHours, type WorkingHours } from '../../src/core/working-hours';
import { localInstant, localTime } from '../../src/core/zones';

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
const TOKYO = 'Asia/Tokyo';
const KOLKATA = 'Asia/Kolkata';
const LOS_ANGELES = 'America/Los_Angeles';
const MINUTE = 60_000;
const hm = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

function member(name: string, timeZone: string, hours = ''): SlotMember {
  return { email: `${name.toLowerCase()}@example.org`, name, timeZone, hours: parseWorkingHours(hours) as WorkingHours };
}

/** A busy block at a wall time in a zone. */
function busyAt(zone: string, date: string, time: string, minutes: number): BusyBlock {
  const start = localInstant(date, hm(time), zone);
  return { start, end: start + minutes * MINUTE };
}

/** Everyone read without errors, with the given busy blocks. */
function calendars(members: SlotMember[], busy: Record<string, BusyBlock[]> = {}): Availability {
  return new Map(members.map((m) => [m.email, { busy: busy[m.email] ?? [] }]));
}

const MARCH_2027: CycleSpan = { starts: '2027-03-02', meetings: 6, intervalWeeks: 1 }; // Tuesdays 2 Mar … 6 Apr
const JANUARY_2027: CycleSpan = { starts: '2027-01-05', meetings: 6, intervalWeeks: 1 }; // Tuesdays 5 Jan … 9 Feb

function input(members: SlotMember[], over: Partial<CommonSlotInput> = {}): CommonSlotInput {
  return {
    members,
    availability: calendars(members),
    cycle: JANUARY_2027,
    minutes: 30,
    preferred: { weekday: 2, time: hm('10:00'), timeZone: LONDON },
    ...over,
  };
}

describe('freeBusyBatches', () => {
  it('puts every member once, normalised, in the order first seen, in batches of at most 50', () => {
    const emails = Array.from({ length: 120 }, (_, i) => `P${i}@Example.org`);
    const groups = [emails.slice(0, 2), [' p1@example.org ', emails[2]], ['', emails[3]], emails.slice(4)];
    const batches = freeBusyBatches(groups.flat());
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(emails.map((e) => e.toLowerCase()));
  });

  it('needs ⌈n/50⌉ queries: 10 for 500 people, 1 for 50, none for nobody', () => {
    const people = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@example.org`);
    expect(freeBusyBatches(people(500))).toHaveLength(10);
    expect(freeBusyBatches(people(501))).toHaveLength(11);
    expect(freeBusyBatches(people(50))).toHaveLength(1);
    expect(freeBusyBatches([])).toEqual([]);
    expect(freeBusyBatches(people(7), 3).map((b) => b.length)).toEqual([3, 3, 1]);
    expect(() => freeBusyBatches(people(7), 0)).toThrow(RangeError);
  });
});

describe('freeBusyWindow', () => {
  it('runs from the first day in the easternmost zone to the last possible meeting in the westernmost', () => {
    expect(freeBusyWindow(JANUARY_2027, [LONDON], 30)).toEqual({ timeMin: '2027-01-05T00:00:00Z', timeMax: '2027-02-16T00:30:00Z' });
    // The last meeting can be as late as Monday 15 February (a Monday slot's sixth week), ending after midnight.
    expect(freeBusyWindow(JANUARY_2027, [LONDON, TOKYO, NEW_YORK])).toEqual({ timeMin: '2027-01-04T15:00:00Z', timeMax: '2027-02-16T07:00:00Z' });
  });

  it('covers every meeting of every slot in every zone', () => {
    const zones = [LONDON, NEW_YORK, TOKYO, KOLKATA, 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    for (const cycle of [MARCH_2027, { starts: '2027-10-26', meetings: 3, intervalWeeks: 2 }]) {
      const { timeMin, timeMax } = freeBusyWindow(cycle, zones, 60);
      for (const timeZone of zones) {
        for (let weekday = 0; weekday < 7; weekday++) {
          for (const time of [0, hm('02:30'), hm('12:00'), hm('23:00')]) {
            for (const o of slotOccurrences(cycle, { weekday, time, timeZone })) {
              expect(o.start).toBeGreaterThanOrEqual(Date.parse(timeMin));
              expect(o.start + 60 * MINUTE).toBeLessThanOrEqual(Date.parse(timeMax));
            }
          }
        }
      }
    }
  });

  it('fits a 12-week cycle within the 90 days Google accepts, even between the zones farthest apart', () => {
    const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago']; // UTC+14 and UTC−11
    const weekly = freeBusyWindow({ starts: '2027-01-05', meetings: 12, intervalWeeks: 1 }, zones);
    const days = (Date.parse(weekly.timeMax) - Date.parse(weekly.timeMin)) / 86_400_000;
    expect(days).toBeGreaterThan(84);
    expect(days).toBeLessThanOrEqual(90);
    expect(() => freeBusyWindow({ starts: '2027-01-05', meetings: 6, intervalWeeks: 2 }, zones)).not.toThrow();
    // One more week would pass the limit: said, not sent.
    expect(() => freeBusyWindow({ starts: '2027-01-05', meetings: 13, intervalWeeks: 1 }, zones)).toThrow(/too long|90/);
  });
});

describe('readFreeBusy', () => {
  it('reads busy blocks in UTC or with an offset, sorted, keyed by normalised email', () => {
    const read = readFreeBusy({
      kind: 'calendar#freeBusy',
      calendars: {
        'Ann@Example.org': {
          busy: [
            { start: '2027-03-02T15:00:00Z', end: '2027-03-02T15:30:00Z' },
            { start: '2027-03-02T09:00:00-05:00', end: '2027-03-02T09:45:30.250-05:00' },
            { start: '2027-03-03T10:00:00Z', end: '2027-03-03T10:00:00Z' }, // empty: dropped
          ],
        },
        'ben@example.org': { busy: [] },
      },
    });
    expect([...read.keys()]).toEqual(['ann@example.org', 'ben@example.org']);
    expect(read.get('ann@example.org')).toEqual({
      busy: [
        { start: Date.UTC(2027, 2, 2, 14, 0), end: Date.UTC(2027, 2, 2, 14, 45, 30, 250) },
        { start: Date.UTC(2027, 2, 2, 15, 0), end: Date.UTC(2027, 2, 2, 15, 30) },
      ],
    });
    expect(read.get('ben@example.org')).toEqual({ busy: [] });
  });

  it('gives the reasons of a calendar with errors, "missing" for one not answered, "unreadable" for nonsense', () => {
    const read = readFreeBusy(
      {
        calendars: {
          'cy@example.org': { busy: [], errors: [{ domain: 'global', reason: 'notFound' }] },
          'di@example.org': { busy: [{ start: 'Tuesday', end: '2027-03-02T10:00:00Z' }] },
          'ed@example.org': { busy: [{ start: '2027-03-02T11:00:00Z', end: '2027-03-02T10:00:00Z' }] },
        },
      },
      ['CY@example.org', 'di@example.org', 'ed@example.org', 'fay@example.org'],
    );
    expect(Object.fromEntries(read)).toEqual({
      'cy@example.org': { error: 'notFound' },
      'di@example.org': { error: 'unreadable' },
      'ed@example.org': { error: 'unreadable' },
      'fay@example.org': { error: 'missing' },
    });
    expect(Object.fromEntries(readFreeBusy(null, ['gus@example.org']))).toEqual({ 'gus@example.org': { error: 'missing' } });
  });
});

describe('slotOccurrences', () => {
  it('is the slot on its weekday from the cycle start, every interval, at wall time in its zone', () => {
    const fortnightly = slotOccurrences({ starts: '2027-03-02', meetings: 3, intervalWeeks: 2 }, { weekday: 1, time: hm('09:00'), timeZone: NEW_YORK });
    expect(fortnightly.map((o) => o.date)).toEqual(['2027-03-08', '2027-03-22', '2027-04-05']);
    expect(fortnightly.map((o) => new Date(o.start).toISOString())).toEqual([
      '2027-03-08T14:00:00.000Z', // EST
      '2027-03-22T13:00:00.000Z', // EDT
      '2027-04-05T13:00:00.000Z',
    ]);
  });

  it('reads a time skipped by the spring change forward by the jump, and a repeated one as the earlier', () => {
    const spring = slotOccurrences({ starts: '2027-03-09', meetings: 1, intervalWeeks: 1 }, { weekday: 0, time: hm('02:30'), timeZone: NEW_YORK });
    expect(spring.map((o) => [o.date, new Date(o.start).toISOString()])).toEqual([['2027-03-14', '2027-03-14T07:30:00.000Z']]); // 03:30 EDT
    const autumn = slotOccurrences({ starts: '2027-11-02', meetings: 1, intervalWeeks: 1 }, { weekday: 0, time: hm('01:30'), timeZone: NEW_YORK });
    expect(autumn.map((o) => [o.date, new Date(o.start).toISOString()])).toEqual([['2027-11-07', '2027-11-07T05:30:00.000Z']]); // EDT, not EST
  });

  it('property: every occurrence is the instant localInstant gives, across gaps and repeated hours', () => {
    const zones = [LONDON, NEW_YORK, TOKYO, KOLKATA, 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kathmandu', 'Europe/Berlin'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(1, 2),
        (timeZone, d, weekday, time, meetings, intervalWeeks) => {
          const cycle = { starts: addDays('2026-01-01', d), meetings, intervalWeeks };
          const occurrences = slotOccurrences(cycle, { weekday, time, timeZone });
          expect(occurrences).toHaveLength(meetings);
          for (const [k, o] of occurrences.entries()) {
            expect(weekdayOf(o.date)).toBe(weekday);
            if (k === 0) expect(o.date >= cycle.starts && o.date <= addDays(cycle.starts, 6)).toBe(true);
            else expect(o.date).toBe(addDays(occurrences[k - 1].date, 7 * intervalWeeks));
            expect(o.start).toBe(localInstant(o.date, time, timeZone));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('findCommonSlot: fixed cases', () => {
  // (a) The US changes clocks on 14 March 2027, the UK on 28 March: for two weeks New York is four
  // hours behind London instead of five.
  describe('a London–New York pair across March 2027', () => {
    const amy = member('Amy', NEW_YORK); // sorts first: the series is in New York time
    const lee = member('Lee', LONDON, '14:00-17:00');
    const pair = input([lee, amy], { cycle: MARCH_2027, preferred: { weekday: 2, time: hm('09:00'), timeZone: NEW_YORK } });

    it('a 09:00 New York series leaves London working hours in exactly the two weeks between the changes', () => {
      const nine = scoreSlot(pair, { weekday: 2, time: hm('09:00'), timeZone: NEW_YORK });
      expect(nine.meetings.map((m) => m.date)).toEqual(['2027-03-02', '2027-03-09', '2027-03-16', '2027-03-23', '2027-03-30', '2027-04-06']);
      expect(nine.conflicts).toBe(2);
      expect(nine.conflictWeeks).toEqual(['2027-03-16', '2027-03-23']);
      expect(nine.meetings.filter((m) => m.outside.length > 0).map((m) => m.outside)).toEqual([['lee@example.org'], ['lee@example.org']]);
      // 13:00 in London on those Tuesdays:
      expect(localTime(nine.meetings[2].start, LONDON).minutes).toBe(hm('13:00'));
      expect(nine.inside).toBe(true);
    });

    it('so the chooser moves to 10:00 New York, inside both working days in all six weeks', () => {
      expect(findCommonSlot(pair)).toEqual({
        weekday: 2,
        time: '10:00',
        timeZone: NEW_YORK,
        firstDate: '2027-03-02',
        conflicts: 0,
        conflictWeeks: [],
        fallback: false,
        flagged: [],
        note: 'Tue 10:00 America/New_York: everyone is free and within working hours for all 6 meetings.',
      });
      // 09:45 would still start at 13:45 in London in the middle weeks.
      expect(scoreSlot(pair, { weekday: 2, time: hm('09:45'), timeZone: NEW_YORK }).conflictWeeks).toEqual(['2027-03-16', '2027-03-23']);
    });

    it('the series is in the first member by email: with the London member first it is 14:00 London, the preferred instant', () => {
      const al = member('Al', LONDON, '14:00-17:00');
      const chosen = findCommonSlot(input([amy, al], { cycle: MARCH_2027, preferred: { weekday: 2, time: hm('09:00'), timeZone: NEW_YORK } }));
      expect([chosen.weekday, chosen.time, chosen.timeZone, chosen.conflicts]).toEqual([2, '14:00', LONDON, 0]);
      expect(chosen.note).toBe('Tue 14:00 Europe/London (the preferred time): everyone is free and within working hours for all 6 meetings.');
    });
  });

  // (b)
  describe('a member whose calendar is notFound', () => {
    const amy = member('Amy', LONDON);
    const ben = member('Ben', LONDON);
    const weekly = (date: string, k: number) => addDays(date, 7 * k);
    const response = {
      calendars: {
        'amy@example.org': { busy: [0, 1, 2, 3, 4, 5].map((k) => busyAt(LONDON, weekly('2027-01-05', k), '10:00', 30)).map(iso) },
        'ben@example.org': { busy: [], errors: [{ domain: 'global', reason: 'notFound' }] },
      },
    };

    it('is treated as free, and the group is flagged, saying who', () => {
      const chosen = findCommonSlot(input([amy, ben], { availability: readFreeBusy(response, [amy.email, ben.email]) }));
      // Amy is busy at the preferred 10:00 every week; 09:30 and 10:30 are as close, the earlier wins.
      expect(chosen).toEqual({
        weekday: 2,
        time: '09:30',
        timeZone: LONDON,
        firstDate: '2027-01-05',
        conflicts: 0,
        conflictWeeks: [],
        fallback: false,
        flagged: ['ben@example.org'],
        note: "Tue 09:30 Europe/London: everyone is free and within working hours for all 6 meetings; Ben's calendar could not be checked (notFound), so Ben counts as free.",
      });
    });

    it('so are calendars missing from the answer or never queried, and several are named together', () => {
      const cy = member('Cy', LONDON);
      const availability = readFreeBusy({ calendars: { 'amy@example.org': { busy: [] } } }, [amy.email, ben.email]);
      const chosen = findCommonSlot(input([cy, ben, amy], { availability }));
      expect(chosen.flagged).toEqual(['ben@example.org', 'cy@example.org']);
      expect(chosen.note).toBe(
        'Tue 10:00 Europe/London (the preferred time): everyone is free and within working hours for all 6 meetings; the calendars of Ben (missing) and Cy (not queried) could not be checked, so they count as free.',
      );
    });
  });

  // (c)
  describe('London–Tokyo', () => {
    const ann = member('Ann', LONDON);
    const ken = member('Ken', TOKYO);

    it('with the default 09:00–17:00 has no common working hour: the preferred time, said so', () => {
      const chosen = findCommonSlot(input([ken, ann], { cycle: MARCH_2027 }));
      expect(chosen).toEqual({
        weekday: 2,
        time: '10:00',
        timeZone: LONDON,
        firstDate: '2027-03-02',
        conflicts: 6,
        conflictWeeks: ['2027-03-02', '2027-03-09', '2027-03-16', '2027-03-23', '2027-03-30', '2027-04-06'],
        fallback: true,
        flagged: [],
        note: 'Ann (Europe/London) and Ken (Asia/Tokyo) share no working hour; using the preferred Tue 10:00 Europe/London.',
      });
    });

    it('with a quarter-hour overlap: a 15-minute meeting fits, a 30-minute one does not and the note says why', () => {
      const late = member('Ken', TOKYO, '16:00-18:15'); // 07:00–09:15 UTC; London starts 09:00 UTC in January
      const short = findCommonSlot(input([ann, late], { minutes: 15 }));
      expect([short.weekday, short.time, short.timeZone, short.conflicts, short.fallback]).toEqual([2, '09:00', LONDON, 0, false]);
      const long = findCommonSlot(input([ann, late], { minutes: 30 }));
      expect(long.fallback).toBe(true);
      expect(long.note).toBe(
        'Ann (Europe/London) and Ken (Asia/Tokyo) have no 30-minute time in common within their working hours; using the preferred Tue 10:00 Europe/London.',
      );
    });
  });

  // (d)
  describe('busy blocks steer the choice', () => {
    const amy = member('Amy', LONDON);
    const ben = member('Ben', LONDON);
    const tuesdays = [0, 1, 2, 3, 4, 5].map((k) => addDays('2027-01-05', 7 * k));

    it('the preferred slot busy in 4 of 6 weeks: another slot with no conflict', () => {
      const busy = { [amy.email]: [0, 1, 3, 4].map((k) => busyAt(LONDON, tuesdays[k], '10:00', 30)) };
      const group = input([amy, ben], { availability: calendars([amy, ben], busy) });
      expect(scoreSlot(group, preferredSlot(DEFAULT_SETTINGS, LONDON)).conflictWeeks).toEqual([tuesdays[0], tuesdays[1], tuesdays[3], tuesdays[4]]);
      const chosen = findCommonSlot(group);
      expect([chosen.weekday, chosen.time, chosen.conflicts]).toEqual([2, '09:30', 0]);
      // Busy 09:30–10:00 as well: 10:30 is the closest free start.
      busy[amy.email].push(...tuesdays.map((d) => busyAt(LONDON, d, '09:30', 30)));
      const later = findCommonSlot(input([amy, ben], { availability: calendars([amy, ben], busy) }));
      expect([later.weekday, later.time, later.conflicts]).toEqual([2, '10:30', 0]);
    });

    it('every slot busy at least once: the fewest conflicts, ties to the preferred time', () => {
      const firstWeek = { start: localInstant('2027-01-05', 0, LONDON), end: localInstant('2027-01-12', 0, LONDON) };
      const chosen = findCommonSlot(input([amy, ben], { availability: calendars([amy, ben], { [ben.email]: [firstWeek] }) }));
      expect(chosen).toMatchObject({ weekday: 2, time: '10:00', timeZone: LONDON, conflicts: 1, conflictWeeks: ['2027-01-05'], fallback: false });
      expect(chosen.note).toBe('Tue 10:00 Europe/London (the preferred time) has the fewest conflicts, 1 of 6 meetings: 2027-01-05 (Ben busy).');
      // The preferred time also busy in week 3: two conflicts there, so the closest slot with one.
      const busy = { [ben.email]: [firstWeek, busyAt(LONDON, tuesdays[2], '10:00', 30)] };
      const moved = findCommonSlot(input([amy, ben], { availability: calendars([amy, ben], busy) }));
      expect(moved).toMatchObject({ weekday: 2, time: '09:30', conflicts: 1, conflictWeeks: ['2027-01-05'] });
    });

    it('names who is outside working hours and who is busy in each conflicting week', () => {
      const lee = member('Lee', LONDON, '14:00-17:00');
      const zed = member('Zed', NEW_YORK);
      const busy = { [lee.email]: [busyAt(LONDON, '2027-03-02', '14:00', 180)], [zed.email]: [] };
      // Lee is busy for the whole of the pair's overlap on Tuesday 2 March: the series moves to Wednesday.
      const chosen = findCommonSlot(input([lee, zed], { cycle: MARCH_2027, availability: calendars([lee, zed], busy), preferred: { weekday: 2, time: hm('09:00'), timeZone: NEW_YORK } }));
      expect(chosen).toMatchObject({ weekday: 3, time: '14:00', timeZone: LONDON, firstDate: '2027-03-03', conflicts: 0 });
      const nine = scoreSlot(input([lee, zed], { cycle: MARCH_2027, availability: calendars([lee, zed], busy) }), { weekday: 2, time: hm('09:00'), timeZone: NEW_YORK });
      expect(nine.meetings.map((m) => [m.date, m.outside, m.busy])).toEqual([
        ['2027-03-02', [], ['lee@example.org']],
        ['2027-03-09', [], []],
        ['2027-03-16', ['lee@example.org'], []],
        ['2027-03-23', ['lee@example.org'], []],
        ['2027-03-30', [], []],
        ['2027-04-06', [], []],
      ]);
    });
  });

  // (e)
  describe('a fortnightly cadence', () => {
    const amy = member('Amy', NEW_YORK);
    const lee = member('Lee', LONDON, '14:00-17:00');
    const fortnightly: CycleSpan = { starts: '2027-03-02', meetings: 3, intervalWeeks: 2 };
    const preferred = { weekday: 2, time: hm('09:00'), timeZone: NEW_YORK };

    it('counts only the weeks it meets: one of the two shifted weeks', () => {
      const nine = scoreSlot(input([amy, lee], { cycle: fortnightly, preferred }), preferred);
      expect(nine.meetings.map((m) => m.date)).toEqual(['2027-03-02', '2027-03-16', '2027-03-30']);
      expect(nine.conflictWeeks).toEqual(['2027-03-16']);
      expect(findCommonSlot(input([amy, lee], { cycle: fortnightly, preferred }))).toMatchObject({ weekday: 2, time: '10:00', conflicts: 0 });
    });

    it('ignores busy time in the weeks between meetings', () => {
      const busy = { [amy.email]: [busyAt(NEW_YORK, '2027-03-09', '10:00', 60), busyAt(NEW_YORK, '2027-03-23', '10:00', 60)] };
      const every2 = findCommonSlot(input([amy, lee], { cycle: fortnightly, preferred, availability: calendars([amy, lee], busy) }));
      expect(every2).toMatchObject({ weekday: 2, time: '10:00', firstDate: '2027-03-02', conflicts: 0 });
      expect(every2.note).toBe('Tue 10:00 America/New_York: everyone is free and within working hours for all 3 meetings.');
      // Weekly, the same busy blocks count, so another start is chosen.
      const weekly = findCommonSlot(input([amy, lee], { cycle: MARCH_2027, preferred, availability: calendars([amy, lee], busy) }));
      expect([weekly.time, weekly.conflicts]).toEqual(['11:00', 0]);
    });

    it('takes its meetings and interval from the settings', () => {
      expect(cycleSpan({ cadence: 'fortnightly' }, { starts: '2027-03-02', meetings: 3 })).toEqual(fortnightly);
      expect(cycleSpan({ cadence: 'weekly' }, { starts: '2027-03-02', meetings: 6 })).toEqual(MARCH_2027);
    });
  });

  // (f)
  describe('a trio in three zones', () => {
    const asha = member('Asha', KOLKATA, '12:00-20:00'); // 06:30–14:30 UTC; sorts first
    const lee = member('Lee', LONDON); // 09:00–17:00 UTC in January
    const sam = member('Sam', NEW_YORK); // 14:00–22:00 UTC in January

    it('meets in the one half hour all three share, written in the first member’s half-hour zone', () => {
      const chosen = findCommonSlot(input([lee, sam, asha]));
      expect(chosen).toEqual({
        weekday: 2,
        time: '19:30',
        timeZone: KOLKATA,
        firstDate: '2027-01-05',
        conflicts: 0,
        conflictWeeks: [],
        fallback: false,
        flagged: [],
        note: 'Tue 19:30 Asia/Kolkata: everyone is free and within working hours for all 6 meetings.',
      });
      expect(scoreSlot(input([lee, sam, asha]), { weekday: 2, time: hm('19:15'), timeZone: KOLKATA }).meetings[0].outside).toEqual(['sam@example.org']);
      expect(scoreSlot(input([lee, sam, asha]), { weekday: 2, time: hm('19:45'), timeZone: KOLKATA }).meetings[0].outside).toEqual(['asha@example.org']);
    });

    it('moves to the nearest other day when that half hour is busy on Tuesdays', () => {
      const busy = { [sam.email]: [0, 1, 2, 3, 4, 5].map((k) => busyAt(NEW_YORK, addDays('2027-01-05', 7 * k), '09:00', 30)) };
      const chosen = findCommonSlot(input([lee, sam, asha], { availability: calendars([lee, sam, asha], busy) }));
      expect(chosen).toMatchObject({ weekday: 3, time: '19:30', timeZone: KOLKATA, firstDate: '2027-01-06', conflicts: 0 });
    });

    it('checks each member on their own weekday: Friday afternoon in Los Angeles is Saturday in Tokyo', () => {
      const ann = member('Ann', LOS_ANGELES); // 17:00–01:00 UTC
      const ken = member('Ken', TOKYO); // 00:00–08:00 UTC
      const preferred = { weekday: 5, time: hm('16:00'), timeZone: LOS_ANGELES };
      const friday = scoreSlot(input([ann, ken], { preferred }), preferred);
      expect(friday.meetings.every((m) => m.outside.length === 1 && m.outside[0] === ken.email)).toBe(true);
      expect(localTime(friday.meetings[0].start, TOKYO)).toMatchObject({ weekday: 6, minutes: hm('09:00') });
      const chosen = findCommonSlot(input([ann, ken], { preferred }));
      // Thursday 16:30 is 23½ hours before the preferred Friday 16:00, Thursday 16:00 a full day.
      expect(chosen).toMatchObject({ weekday: 4, time: '16:30', timeZone: LOS_ANGELES, firstDate: '2027-01-07', conflicts: 0 });
    });
  });

  it('working hours that start in a clock change’s gap start when the clock jumps', () => {
    // New York, Sunday 14 March 2027: 02:00 → 03:00. Working from 02:30 means working from 03:00.
    const owl = member('Owl', NEW_YORK, 'Sun 02:30-06:00');
    const group = input([owl], { cycle: MARCH_2027, preferred: { weekday: 0, time: hm('03:00'), timeZone: NEW_YORK } });
    const three = scoreSlot(group, { weekday: 0, time: hm('03:00'), timeZone: NEW_YORK });
    expect(three.meetings[1]).toMatchObject({ date: '2027-03-14', outside: [] });
    expect(three.conflicts).toBe(0);
  });

  it('a meeting across midnight is inside hours that run to midnight and on from it, not into a day off', () => {
    const always = member('Nox', TOKYO, 'Mon-Sun 00:00-24:00');
    const weekdays = member('Nox', TOKYO, 'Mon-Fri 00:00-24:00');
    const late = (weekday: number, who: SlotMember) => scoreSlot(input([who]), { weekday, time: hm('23:45'), timeZone: TOKYO }).conflicts;
    expect(late(5, always)).toBe(0); // Friday 23:45 – Saturday 00:15
    expect(late(5, weekdays)).toBe(6);
    expect(late(4, weekdays)).toBe(0); // Thursday into Friday
  });

  it('reads roster people and settings into its input', () => {
    const person = { email: ' Ann@Example.org ', name: 'Ann', timeZone: '', workingHours: 'Mon-Thu 08:30-16:00' };
    expect(slotMember(person, LONDON)).toEqual({ email: 'ann@example.org', name: 'Ann', timeZone: LONDON, hours: { days: [1, 2, 3, 4], start: 510, end: 960 } });
    expect(slotMember({ ...person, timeZone: TOKYO, workingHours: '' }, LONDON)).toMatchObject({ timeZone: TOKYO, hours: DEFAULT_WORKING_HOURS });
    expect(preferredSlot({ preferredWeekday: 'Thu', preferredTime: '14:35' }, NEW_YORK)).toEqual({ weekday: 4, time: 875, timeZone: NEW_YORK });
  });

  it('refuses input it cannot read', () => {
    const amy = member('Amy', LONDON);
    expect(() => findCommonSlot(input([]))).toThrow(RangeError);
    expect(() => findCommonSlot(input([amy], { minutes: 0 }))).toThrow(RangeError);
    expect(() => findCommonSlot(input([amy], { grid: 7 }))).toThrow(RangeError);
    expect(() => findCommonSlot(input([amy], { cycle: { starts: '2027-02-30', meetings: 6, intervalWeeks: 1 } }))).toThrow(RangeError);
    expect(() => findCommonSlot(input([amy], { preferred: { weekday: 7, time: 600, timeZone: LONDON } }))).toThrow(RangeError);
    expect(() => findCommonSlot(input([{ ...amy, timeZone: 'Mars/Olympus' }]))).toThrow(RangeError);
  });
});

// ---- (g) Property: an independent oracle from localInstant / localTime, minute by minute ----------

const ZONES = [LONDON, NEW_YORK, TOKYO, KOLKATA, LOS_ANGELES, 'Australia/Sydney', 'Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];

/** Conflicting meeting dates of a series, computed the slow, obvious way. */
function oracle(x: CommonSlotInput, slot: WeeklySlot): { conflictWeeks: string[]; inside: boolean } {
  const first = addDays(x.cycle.starts, (slot.weekday - weekdayOf(x.cycle.starts) + 7) % 7);
  const conflictWeeks: string[] = [];
  let inside = false;
  for (let k = 0; k < x.cycle.meetings; k++) {
    const date = addDays(first, 7 * x.cycle.intervalWeeks * k);
    const s = localInstant(date, slot.time, slot.timeZone);
    const e = s + x.minutes * MINUTE;
    let allInside = true;
    let conflict = false;
    for (const m of x.members) {
      // Working hours are on a 5-minute grid and zones move in quarter hours: 5-minute samples see every edge.
      for (let t = s; t < e; t += 5 * MINUTE) {
        const local = localTime(t, m.timeZone);
        if (!m.hours.days.includes(local.weekday) || local.minutes < m.hours.start || local.minutes >= m.hours.end) {
          allInside = false;
          conflict = true;
          break;
        }
      }
      const a = x.availability.get(m.email);
      if (a && 'busy' in a && a.busy.some((b) => b.start < e && b.end > s)) conflict = true;
    }
    if (allInside) inside = true;
    if (conflict) conflictWeeks.push(date);
  }
  return { conflictWeeks, inside };
}

const hoursArb: fc.Arbitrary<WorkingHours> = fc.oneof(
  { arbitrary: fc.constant(DEFAULT_WORKING_HOURS), weight: 2 },
  // Starting at midnight or from 04:00 and ending from 04:00: clear of the night hours when clocks change.
  fc
    .record({
      days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
      start: fc.oneof(fc.constant(0), fc.integer({ min: 48, max: 287 }).map((n) => n * 5)),
      length: fc.integer({ min: 1, max: 288 }),
    })
    .map(({ days, start, length }) => ({ days: [...days].sort((a, b) => a - b), start, end: Math.max(240, Math.min(1440, start + length * 5)) })),
);

/** Busy blocks as minutes from the cycle's first day (UTC): one-off ones, and weekly ones in some weeks. */
const sparseBusyArb = fc
  .record({
    once: fc.array(fc.record({ day: fc.integer({ min: -1, max: 84 }), minute: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 3000 }) }), { maxLength: 8 }),
    weekly: fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 6 }), minute: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 15, max: 900 }), weeks: fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 12 }) }),
      { maxLength: 10 },
    ),
  })
  .map(({ once, weekly }) => [
    ...once.map((b) => ({ from: b.day * 1440 + b.minute, length: b.length })),
    ...weekly.flatMap((b) => b.weeks.map((w) => ({ from: (w * 7 + b.day) * 1440 + b.minute, length: b.length }))),
  ]);

/** A full calendar: every day busy but for one free stretch of up to four hours. */
const denseBusyArb = fc
  .array(fc.record({ free: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 0, max: 240 }) }), { minLength: 86, maxLength: 86 })
  .map((days) =>
    days.flatMap(({ free, length }, i) => {
      const day = (i - 1) * 1440;
      return [
        { from: day, length: free },
        { from: day + free + length, length: Math.max(0, 1440 - free - length) },
      ].filter((b) => b.length > 0);
    }),
  );

const busyArb = fc.oneof({ arbitrary: sparseBusyArb, weight: 2 }, { arbitrary: denseBusyArb, weight: 1 });

const instanceArb = fc
  .record({
    members: fc.array(
      fc.record({
        zone: fc.constantFrom(...ZONES),
        hours: hoursArb,
        busy: busyArb,
        calendar: fc.constantFrom('read', 'read', 'read', 'read', 'notFound', 'absent'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    // Cycles across clock changes, on several weekdays; a few, so the zones' offset tables are reused.
    starts: fc.constantFrom('2026-03-03', '2026-10-14', '2027-01-05', '2027-03-02', '2027-03-25', '2027-09-26', '2027-10-22', '2028-03-06'),
    meetings: fc.integer({ min: 1, max: 6 }),
    intervalWeeks: fc.constantFrom(1, 2),
    minutes: fc.integer({ min: 3, max: 24 }).map((n) => n * 5),
    preferred: fc.record({ weekday: fc.integer({ min: 0, max: 6 }), time: fc.integer({ min: 0, max: 95 }).map((n) => n * 15), timeZone: fc.constantFrom(...ZONES) }),
  })
  .map((r): CommonSlotInput => {
    const starts = r.starts;
    const base = localInstant(starts, 0, 'UTC');
    // Not in email order, so the first member by email is not always the first given.
    const members = r.members.map((m, i): SlotMember => ({ email: `m${[2, 0, 1][i]}@example.org`, timeZone: m.zone, hours: m.hours }));
    const availability: Availability = new Map();
    r.members.forEach((m, i) => {
      const busy = m.busy.map((b) => ({ start: base + b.from * MINUTE, end: base + (b.from + b.length) * MINUTE }));
      if (m.calendar === 'read') availability.set(members[i].email, { busy: busy.sort((a, b) => a.start - b.start) });
      if (m.calendar === 'notFound') availability.set(members[i].email, { error: 'notFound' });
    });
    return { members, availability, cycle: { starts, meetings: r.meetings, intervalWeeks: r.intervalWeeks }, minutes: r.minutes, preferred: r.preferred };
  });

describe('findCommonSlot: property', () => {
  const firstZone = (x: CommonSlotInput) => [...x.members].sort((a, b) => (a.email < b.email ? -1 : 1))[0].timeZone;

  it('agrees with the oracle, is on the grid, inside everyone’s hours in some week unless a fallback, never worse than the preferred slot', () => {
    fc.assert(
      fc.property(instanceArb, (x) => {
        const chosen = findCommonSlot(x);
        const sorted = [...x.members].sort((a, b) => (a.email < b.email ? -1 : 1));
        const time = hm(chosen.time);
        const truth = oracle(x, { weekday: chosen.weekday, time, timeZone: chosen.timeZone });
        expect(chosen.conflictWeeks).toEqual(truth.conflictWeeks);
        expect(chosen.conflicts).toBe(truth.conflictWeeks.length);
        expect(chosen.flagged).toEqual(sorted.filter((m) => !x.availability.has(m.email) || 'error' in x.availability.get(m.email)!).map((m) => m.email));
        // The preferred instant of the first week, as a weekly series in the first member's zone.
        const first = addDays(x.cycle.starts, (x.preferred.weekday - weekdayOf(x.cycle.starts) + 7) % 7);
        const at = localTime(localInstant(first, x.preferred.time, x.preferred.timeZone), firstZone(x));
        expect(chosen.conflicts).toBeLessThanOrEqual(oracle(x, { weekday: at.weekday, time: at.minutes, timeZone: firstZone(x) }).conflictWeeks.length);
        if (chosen.fallback) {
          expect({ weekday: chosen.weekday, time, timeZone: chosen.timeZone }).toEqual(x.preferred);
          expect(chosen.note).toMatch(/; using the preferred /);
        } else {
          expect(time % 15).toBe(0);
          expect(chosen.timeZone).toBe(firstZone(x));
          expect(truth.inside).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is the best slot of the grid, and falls back only when no slot lies inside everyone’s hours', () => {
    fc.assert(
      fc.property(instanceArb, (x) => {
        const chosen = findCommonSlot(x);
        let fewest = Infinity;
        let closest: number[] = [];
        const target = localInstant(addDays(x.cycle.starts, (x.preferred.weekday - weekdayOf(x.cycle.starts) + 7) % 7), x.preferred.time, x.preferred.timeZone);
        for (let weekday = 0; weekday < 7; weekday++) {
          for (let t = 0; t < 1440; t += 15) {
            const score = scoreSlot(x, { weekday, time: t, timeZone: firstZone(x) });
            if (!score.inside || score.conflicts > fewest) continue;
            const start = score.meetings[0].start;
            const key = [score.conflicts, Math.abs(start - target), start];
            if (score.conflicts < fewest || key[1] < closest[1] || (key[1] === closest[1] && key[2] < closest[2])) closest = key;
            fewest = score.conflicts;
          }
        }
        expect(chosen.fallback).toBe(fewest === Infinity);
        if (!chosen.fallback) {
          expect(chosen.conflicts).toBe(fewest);
          const start = slotOccurrences(x.cycle, { weekday: chosen.weekday, time: hm(chosen.time), timeZone: chosen.timeZone })[0].start;
          expect([Math.abs(start - target), start]).toEqual(closest.slice(1));
        }
      }),
      { numRuns: 30 },
    );
  });
});

function iso(b: BusyBlock): { start: string; end: string } {
  return { start: new Date(b.start).toISOString(), end: new Date(b.end).toISOString() };
}
