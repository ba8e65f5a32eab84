import fc from 'fast-check';
import {
  DEFAULT_WORKING_HOURS,
  formatWorkingHours,
  parseWorkingHours,
  readWorkingHours,
  type WorkingHours,
} from '../../src/core/working-hours';

const MON_FRI = [1, 2, 3, 4, 5];
const hm = (h: number, m = 0) => h * 60 + m;

describe('parseWorkingHours', () => {
  it('reads a blank cell as Monday-Friday 09:00-17:00', () => {
    expect(DEFAULT_WORKING_HOURS).toEqual({ days: MON_FRI, start: hm(9), end: hm(17) });
    expect(parseWorkingHours('')).toEqual(DEFAULT_WORKING_HOURS);
    expect(parseWorkingHours('   ')).toEqual(DEFAULT_WORKING_HOURS);
  });

  it('returns a fresh value, never the frozen default itself', () => {
    const hours = parseWorkingHours('') as WorkingHours;
    hours.days.push(6);
    expect(DEFAULT_WORKING_HOURS.days).toEqual(MON_FRI);
    expect(Object.isFrozen(DEFAULT_WORKING_HOURS)).toBe(true);
  });

  it.each<[string, WorkingHours]>([
    ['09:00-17:00', { days: MON_FRI, start: hm(9), end: hm(17) }],
    ['9:00–17:30', { days: MON_FRI, start: hm(9), end: hm(17, 30) }], // en dash
    ['9:00 — 17:30', { days: MON_FRI, start: hm(9), end: hm(17, 30) }], // em dash, spaces
    ['9-17', { days: MON_FRI, start: hm(9), end: hm(17) }],
    ['9-17:45', { days: MON_FRI, start: hm(9), end: hm(17, 45) }],
    ['00:00-24:00', { days: MON_FRI, start: 0, end: 1440 }],
    ['  08:00-16:00  ', { days: MON_FRI, start: hm(8), end: hm(16) }],
    ['Mon-Thu 08:30-16:00', { days: [1, 2, 3, 4], start: hm(8, 30), end: hm(16) }],
    ['mon-thu 08:30-16:00', { days: [1, 2, 3, 4], start: hm(8, 30), end: hm(16) }],
    ['MON – THU 8:30-16', { days: [1, 2, 3, 4], start: hm(8, 30), end: hm(16) }],
    ['Mon,Wed,Fri 10:00-15:00', { days: [1, 3, 5], start: hm(10), end: hm(15) }],
    ['Mon, Wed, Fri 10:00-15:00', { days: [1, 3, 5], start: hm(10), end: hm(15) }],
    ['Mon Wed Fri 10-15', { days: [1, 3, 5], start: hm(10), end: hm(15) }],
    ['Tue-Fri 9-17', { days: [2, 3, 4, 5], start: hm(9), end: hm(17) }],
    ['Mon-Wed, Fri 9-15', { days: [1, 2, 3, 5], start: hm(9), end: hm(15) }],
    ['Sun-Thu 08:00-16:00', { days: [0, 1, 2, 3, 4], start: hm(8), end: hm(16) }],
    ['Fri-Mon 9-17', { days: [0, 1, 5, 6], start: hm(9), end: hm(17) }], // wraps round the weekend
    ['Monday-Thursday 9-17', { days: [1, 2, 3, 4], start: hm(9), end: hm(17) }],
    ['Tues, Thurs 9-17', { days: [2, 4], start: hm(9), end: hm(17) }],
    ['Wed,Mon,Wed 9-17', { days: [1, 3], start: hm(9), end: hm(17) }], // sorted, no repeats
    ['Sat 10-14', { days: [6], start: hm(10), end: hm(14) }],
    ['Mon-Fri, 09:00-17:00', { days: MON_FRI, start: hm(9), end: hm(17) }],
    ['09:00-17:00 Mon-Thu', { days: [1, 2, 3, 4], start: hm(9), end: hm(17) }], // days after
    ['Mon-Sun 9-17', { days: [0, 1, 2, 3, 4, 5, 6], start: hm(9), end: hm(17) }],
  ])('reads %j', (text, expected) => {
    expect(parseWorkingHours(text)).toEqual(expected);
  });

  it.each<[string, 'format' | 'day' | 'time' | 'order', string]>([
    ['9am-5pm', 'format', 'not like 09:00-17:00 or Mon-Thu 08:30-16:00'],
    ['09:00', 'format', 'not like 09:00-17:00 or Mon-Thu 08:30-16:00'],
    ['Weekdays', 'format', 'not like 09:00-17:00 or Mon-Thu 08:30-16:00'],
    ['Mon-Fri', 'format', 'not like 09:00-17:00 or Mon-Thu 08:30-16:00'],
    ['9:5-17:00', 'format', 'not like 09:00-17:00 or Mon-Thu 08:30-16:00'],
    ['0900-1700', 'format', 'not like 09:00-17:00 or Mon-Thu 08:30-16:00'],
    ['09:00-12:00, 13:00-17:00', 'format', 'not like 09:00-17:00 or Mon-Thu 08:30-16:00'],
    ['Mon-Tue-Wed 9-17', 'format', 'not like 09:00-17:00 or Mon-Thu 08:30-16:00'],
    ['Mun-Fri 9-17', 'day', 'unknown day "Mun"'],
    ['Mo-Fr 9-17', 'day', 'unknown day "Mo"'],
    ['Mon-Fry 9-17', 'day', 'unknown day "Fry"'],
    ['9:00-25:00', 'time', 'no such time "25:00"'],
    ['9:60-17:00', 'time', 'no such time "9:60"'],
    ['24:30-17:00', 'time', 'no such time "24:30"'],
    ['17:00-09:00', 'order', 'end before they start'],
    ['22:00-06:00', 'order', 'end before they start'],
    ['09:00-09:00', 'order', 'start and end at the same time'],
  ])('rejects %j (%s: %s)', (text, kind, reason) => {
    expect(parseWorkingHours(text)).toBeNull();
    expect(readWorkingHours(text)).toEqual({ ok: false, kind, reason });
  });
});

describe('parseWorkingHours on long text', () => {
  it('answers at once, however long the cell', () => {
    expect(parseWorkingHours(`Mon${' '.repeat(50_000)}x`)).toBeNull();
    expect(parseWorkingHours(`${'Mon,'.repeat(20)}Fri 9-17`)).toEqual({ days: [1, 5], start: hm(9), end: hm(17) });
  });
});

describe('formatWorkingHours', () => {
  it.each<[WorkingHours, string]>([
    [{ days: MON_FRI, start: hm(9), end: hm(17) }, 'Mon-Fri 09:00-17:00'],
    [{ days: [1, 2, 3, 4], start: hm(8, 30), end: hm(16) }, 'Mon-Thu 08:30-16:00'],
    [{ days: [1, 3, 5], start: hm(10), end: hm(15) }, 'Mon,Wed,Fri 10:00-15:00'],
    [{ days: [0, 1, 2, 3, 4], start: hm(8), end: hm(16) }, 'Sun-Thu 08:00-16:00'],
    [{ days: [0, 1, 5, 6], start: 0, end: 1440 }, 'Fri-Mon 00:00-24:00'],
    [{ days: [0, 6], start: hm(10), end: hm(14) }, 'Sat,Sun 10:00-14:00'],
    [{ days: [0, 1, 2, 3, 4, 5, 6], start: hm(9), end: hm(17) }, 'Mon-Sun 09:00-17:00'],
  ])('writes %j as %j', (hours, text) => {
    expect(formatWorkingHours(hours)).toBe(text);
  });
});

// Any valid working hours: a non-empty set of days, and start < end within the day.
const workingHours = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
    a: fc.integer({ min: 0, max: 1440 }),
    b: fc.integer({ min: 0, max: 1440 }),
  })
  .filter(({ a, b }) => a !== b)
  .map(({ days, a, b }) => ({ days: [...days].sort((x, y) => x - y), start: Math.min(a, b), end: Math.max(a, b) }));

const DAY_SPELLINGS = [
  ['Sun', 'sun', 'SUNDAY', 'Sunday'],
  ['Mon', 'mon', 'MONDAY', 'Monday', 'Mond'],
  ['Tue', 'tue', 'Tues', 'Tuesday'],
  ['Wed', 'wed', 'WEDNESDAY', 'Wednes'],
  ['Thu', 'thu', 'Thur', 'Thurs', 'Thursday'],
  ['Fri', 'fri', 'FRIDAY'],
  ['Sat', 'sat', 'Saturday'],
];

describe('working hours (properties)', () => {
  it('reads back what it writes', () => {
    fc.assert(
      fc.property(workingHours, (hours) => {
        expect(parseWorkingHours(formatWorkingHours(hours))).toEqual(hours);
      }),
    );
  });

  it('reads any accepted spelling of the same hours to the same value', () => {
    const spelling = workingHours.chain((hours) =>
      fc.record({
        hours: fc.constant(hours),
        dayWords: fc.tuple(...hours.days.map((d) => fc.constantFrom(...DAY_SPELLINGS[d]))),
        order: fc.shuffledSubarray(hours.days.map((_, i) => i), { minLength: hours.days.length }),
        listSeparator: fc.constantFrom(',', ', ', ' ', ' , '),
        dash: fc.constantFrom('-', '–', '—', ' - ', ' – '),
        padHours: fc.boolean(),
        dropZeroMinutes: fc.boolean(),
        daysAfter: fc.boolean(),
        space: fc.constantFrom('', ' ', '  '),
      }),
    );
    fc.assert(
      fc.property(spelling, (s) => {
        const time = (minutes: number) => {
          const h = String(Math.floor(minutes / 60)).padStart(s.padHours ? 2 : 1, '0');
          const m = minutes % 60;
          return m === 0 && s.dropZeroMinutes ? h : `${h}:${String(m).padStart(2, '0')}`;
        };
        const days = s.order.map((i) => s.dayWords[i]).join(s.listSeparator);
        const range = `${time(s.hours.start)}${s.dash}${time(s.hours.end)}`;
        const text = s.space + (s.daysAfter ? `${range} ${days}` : `${days} ${range}`) + s.space;
        expect(parseWorkingHours(text)).toEqual(s.hours);
      }),
    );
  });

  it('gives a valid value or null for any text, and its writing reads back the same', () => {
    const pieces = fc.constantFrom('Mon', 'fri', 'Sun', '-', '–', ',', ' ', '9', '17', ':', '00', '30', '24', 'x', 'Thurs');
    const text = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 10 }).map((p) => p.join('')));
    fc.assert(
      fc.property(text, (t) => {
        const hours = parseWorkingHours(t);
        if (hours === null) return;
        expect(hours.days.length).toBeGreaterThan(0);
        expect(hours.days).toEqual([...new Set(hours.days)].sort((a, b) => a - b));
        for (const d of hours.days) expect(d >= 0 && d <= 6).toBe(true);
        expect(0 <= hours.start && hours.start < hours.end && hours.end <= 1440).toBe(true);
        expect(parseWorkingHours(formatWorkingHours(hours))).toEqual(hours);
      }),
      { numRuns: 500 },
    );
  });
});
