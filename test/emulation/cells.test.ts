// What Sheets does to one cell's value: conversions of written strings, reading back by number
// format, display formatting and the zone arithmetic, independent of the machine's TZ.
import fc from 'fast-check';
import {
  AUTOMATIC_FORMAT_REPORTED,
  CELL_TOO_LONG,
  MAX_CELL_CHARS,
  checkWritable,
  convertWrite,
  displayValue,
  formatDate,
  formatKind,
  formatNumber,
  instantToWallTime,
  isDate,
  readValue,
  serialToWallTime,
  wallTimeToSerial,
  zonedWallTimeToInstant,
  type CellWrite,
} from '../../src/local/emulation/cells';

const NOW = new Date('2026-06-15T12:00:00Z');
const london = { timeZone: 'Europe/London', now: NOW };
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Etc/UTC'];

/** The stored value of a write, for compact assertions. */
function stored(w: CellWrite): unknown {
  if (w.kind === 'blank') return '';
  if (w.kind === 'formula') return { formula: w.formula };
  return isDate(w.value) ? w.value.toISOString() : w.value;
}

const convert = (text: unknown, format?: string, ctx = london) => stored(convertWrite(text as string, format, ctx));

describe('convertWrite: strings that Sheets converts', () => {
  it.each([
    ['42', 42],
    ['+1', 1],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['007', 7],
    ['1,000', 1000],
    ['1,234,567.5', 1234567.5],
    ['1e3', 1000],
    ['1.5E-2', 0.015],
    ['50%', 0.5],
    ['12.5%', 0.125],
    ['$5', 5],
    ['-$5.25', -5.25],
    [' 42 ', 42],
    ['-0', 0],
  ])('reads %j as the number %p', (text, expected) => {
    expect(convert(text)).toBe(expected);
  });

  it('never stores negative zero', () => {
    const w = convertWrite('-0', undefined, london);
    expect(w.kind === 'value' && Object.is(w.value, -0)).toBe(false);
  });

  it.each([
    ['TRUE', true],
    ['false', false],
    ['True', true],
    ['FALSE', false],
  ])('reads %j as the boolean %p', (text, expected) => {
    expect(convert(text)).toBe(expected);
  });

  it('turns a string starting with = into a formula', () => {
    expect(convert('=SUM(A1:A3)')).toEqual({ formula: '=SUM(A1:A3)' });
  });

  it('keeps a lone "=" as text', () => {
    expect(convert('=')).toBe('=');
  });

  it.each([
    ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    ['2026/12/01', '2026-12-01T00:00:00.000Z'],
    ['12/1/2026', '2026-12-01T00:00:00.000Z'],
    ['12-1-2026', '2026-12-01T00:00:00.000Z'],
    ['12/1/26', '2026-12-01T00:00:00.000Z'],
    ['1/2', '2026-01-02T00:00:00.000Z'],
    ['9-17', '2026-09-16T23:00:00.000Z'], // September 17, 00:00 BST
    ['Dec 1, 2026', '2026-12-01T00:00:00.000Z'],
    ['1 December 2026', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01 10:30', '2026-12-01T10:30:00.000Z'],
    ['12/1/2026 9:05 PM', '2026-12-01T21:05:00.000Z'],
    // British Summer Time: the wall time is in the spreadsheet's zone, not UTC.
    ['2026-07-01', '2026-06-30T23:00:00.000Z'],
    ['2026-07-01 10:30:15', '2026-07-01T09:30:15.000Z'],
  ])('reads %j as a date in the spreadsheet zone (%s)', (text, iso) => {
    expect(convert(text)).toBe(iso);
  });

  it('takes the current year from the clock in the spreadsheet zone', () => {
    // 2026-12-31 23:30 UTC is already 2027 in Tokyo.
    const ctx = { timeZone: 'Asia/Tokyo', now: new Date('2026-12-31T23:30:00Z') };
    expect(convert('1/2', undefined, ctx)).toBe('2027-01-01T15:00:00.000Z');
  });

  it.each([
    ['12:30', 'Europe/London', '1899-12-30T12:30:00.000Z'],
    ['9:00 AM', 'America/New_York', '1899-12-30T14:00:00.000Z'],
    ['9:00 pm', 'Etc/UTC', '1899-12-30T21:00:00.000Z'],
    ['12:00 AM', 'Etc/UTC', '1899-12-30T00:00:00.000Z'],
    ['21:05:09', 'Asia/Tokyo', '1899-12-30T12:05:09.000Z'],
    ['9 pm', 'Etc/UTC', '1899-12-30T21:00:00.000Z'],
  ])('reads the time %j as a Date on 1899-12-30 at that wall time in %s', (text, zone, iso) => {
    expect(convert(text, undefined, { timeZone: zone, now: NOW })).toBe(iso);
  });

  it('keeps the historical offset of 1899 (seconds included) for times', () => {
    // Dublin kept Dublin Mean Time, -00:25:21, until 1916.
    expect(convert('12:00', undefined, { timeZone: 'Europe/Dublin', now: NOW })).toBe('1899-12-30T12:25:21.000Z');
  });
});

describe('convertWrite: strings that stay text', () => {
  it.each([
    '09:00-17:00',
    'Mon-Thu 08:30-16:00',
    'alice@example.com',
    'Europe/London',
    'America/Argentina/Buenos_Aires',
    '1,00',
    '1 000',
    '+-1',
    '0x10',
    'Infinity',
    'NaN',
    '2/30',
    '13/1/2026',
    '2026-02-29',
    '12:60',
    '25:00',
    '1e',
    '$',
    '%',
    'yes',
    'Roster',
    '  ',
  ])('keeps %j as the same string', (text) => {
    expect(convert(text)).toBe(text);
  });

  it('treats the empty string and null as a blank cell', () => {
    expect(convertWrite('', undefined, london)).toEqual({ kind: 'blank' });
    expect(convertWrite(null, undefined, london)).toEqual({ kind: 'blank' });
  });

  it("keeps every string as written under plain text format '@'", () => {
    for (const text of ['42', '=1+1', 'TRUE', '2026-12-01', '12:30', '50%']) expect(convert(text, '@')).toBe(text);
  });

  it('drops a leading apostrophe and keeps the rest as text', () => {
    expect(convert("'42")).toBe('42');
    expect(convert("'=A1")).toBe('=A1');
    expect(convert("'2026-12-01")).toBe('2026-12-01');
    expect(convert("'")).toBe('');
  });

  it('stores numbers, booleans and Dates as they are, Dates copied', () => {
    const date = new Date('2026-12-01T10:00:00Z');
    const w = convertWrite(date, undefined, london);
    expect(w.kind === 'value' && w.value).not.toBe(date);
    expect(stored(w)).toBe('2026-12-01T10:00:00.000Z');
    expect(convert(3.25)).toBe(3.25);
    expect(convert(true)).toBe(true);
    expect(convert(42, '@')).toBe(42);
  });
});

describe('convertWrite: the number format Sheets infers', () => {
  const inferred = (text: string | Date) => {
    const w = convertWrite(text, undefined, london);
    return w.kind === 'value' ? w.inferredFormat : undefined;
  };

  it.each([
    ['42', undefined],
    ['1,000', '#,##0'],
    ['$5', '"$"#,##0.00'],
    ['50%', '0%'],
    ['1e3', '0.00E+00'],
    ['2026-12-01', 'yyyy-mm-dd'],
    ['12/1/2026', 'M/d/yyyy'],
    ['12:30', 'H:mm:ss'],
    ['9:00 AM', 'h:mm AM/PM'],
  ])('infers a format for %j: %p', (text, format) => {
    expect(inferred(text)).toBe(format);
  });

  it('shows a Date written at midnight as a date, otherwise as a date-time', () => {
    expect(inferred(new Date('2026-12-01T00:00:00Z'))).toBe('M/d/yyyy');
    expect(inferred(new Date('2026-12-01T00:00:01Z'))).toBe('M/d/yyyy H:mm:ss');
  });

  it('infers nothing when the cell already has a format', () => {
    const w = convertWrite('2026-12-01', '0.00', london);
    expect(w).toMatchObject({ kind: 'value' });
    expect(w.kind === 'value' && w.inferredFormat).toBeUndefined();
  });
});

describe('checkWritable', () => {
  it('accepts strings, numbers, booleans, Dates and null', () => {
    for (const v of ['x', '', 0, -1.5, true, false, new Date(0), null]) expect(checkWritable(v)).toBeNull();
  });

  it.each([
    ['undefined', undefined],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['an object', { a: 1 }],
    ['an array', [1]],
    ['a function', () => 1],
    ['an invalid Date', new Date('nope')],
  ])('rejects %s', (_label, value) => {
    expect(checkWritable(value)).toMatch(/Cannot write/);
  });

  it('accepts exactly 50,000 characters and rejects one more with the Sheets message', () => {
    expect(MAX_CELL_CHARS).toBe(50000);
    expect(checkWritable('x'.repeat(50000))).toBeNull();
    expect(checkWritable('x'.repeat(50001))).toBe(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    expect(CELL_TOO_LONG).toContain('50000');
  });

  it('accepts a Date from another realm', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vm = require('node:vm') as typeof import('node:vm');
    const foreign = vm.runInNewContext('new Date(0)');
    expect(foreign instanceof Date).toBe(false);
    expect(isDate(foreign)).toBe(true);
    expect(checkWritable(foreign)).toBeNull();
  });
});

describe('zonedWallTimeToInstant', () => {
  it('uses the offset in force at that wall time', () => {
    expect(zonedWallTimeToInstant(2026, 1, 15, 12, 0, 0, 'Europe/London').toISOString()).toBe('2026-01-15T12:00:00.000Z');
    expect(zonedWallTimeToInstant(2026, 7, 15, 12, 0, 0, 'Europe/London').toISOString()).toBe('2026-07-15T11:00:00.000Z');
    expect(zonedWallTimeToInstant(2026, 7, 15, 12, 0, 0, 'Asia/Kolkata').toISOString()).toBe('2026-07-15T06:30:00.000Z');
    expect(zonedWallTimeToInstant(2026, 7, 15, 12, 0, 0, 'America/New_York', 250).toISOString()).toBe('2026-07-15T16:00:00.250Z');
  });

  it('reads a time skipped by the spring-forward jump with the offset before it', () => {
    expect(zonedWallTimeToInstant(2026, 3, 29, 1, 30, 0, 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedWallTimeToInstant(2026, 3, 8, 2, 30, 0, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('resolves a time that happens twice (fall back) to the earlier instant', () => {
    expect(zonedWallTimeToInstant(2026, 10, 25, 1, 30, 0, 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips every instant through its wall time, whatever the zone (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          const w = instantToWallTime(ms, zone);
          const back = zonedWallTimeToInstant(w.year, w.month, w.day, w.hour, w.minute, w.second, zone, w.millisecond);
          // Same wall time; the same instant unless the wall time happens twice.
          expect(instantToWallTime(back.getTime(), zone)).toEqual(w);
          expect(back.getTime()).toBeLessThanOrEqual(ms);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('serial numbers', () => {
  it('counts days from 1899-12-30', () => {
    expect(wallTimeToSerial({ year: 1899, month: 12, day: 30, hour: 0, minute: 0, second: 0, millisecond: 0 })).toBe(0);
    expect(wallTimeToSerial({ year: 2026, month: 12, day: 1, hour: 12, minute: 0, second: 0, millisecond: 0 })).toBe(46357.5);
    expect(serialToWallTime(46357.5)).toEqual({ year: 2026, month: 12, day: 1, hour: 12, minute: 0, second: 0, millisecond: 0 });
  });

  it('round-trips wall times to the millisecond (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const w = instantToWallTime(ms, 'Etc/UTC');
        expect(serialToWallTime(wallTimeToSerial(w))).toEqual(w);
      }),
    );
  });
});

describe('convertWrite properties', () => {
  const validDate = fc
    .record({ y: fc.integer({ min: 1901, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .filter(({ y, m, d }) => d <= new Date(Date.UTC(y, m, 0)).getUTCDate());
  const p2 = (n: number) => String(n).padStart(2, '0');

  // The first instant of the day: midnight, or the end of a daylight-saving gap that starts at
  // midnight (Tokyo on 1948-05-02 went from 00:00 straight to 01:00), as Java's calendar gives.
  it('reads yyyy-mm-dd and M/d/yyyy as the first instant of that day in the spreadsheet zone', () => {
    fc.assert(
      fc.property(validDate, fc.constantFrom(...ZONES), fc.boolean(), ({ y, m, d }, zone, iso) => {
        const text = iso ? `${y}-${p2(m)}-${p2(d)}` : `${m}/${d}/${y}`;
        const w = convertWrite(text, undefined, { timeZone: zone, now: NOW });
        expect(w.kind === 'value' && isDate(w.value)).toBe(true);
        const at = (w as { value: Date }).value.getTime();
        const wall = instantToWallTime(at, zone);
        expect([wall.year, wall.month, wall.day]).toEqual([y, m, d]);
        const before = instantToWallTime(at - 60_000, zone);
        expect([before.year, before.month, before.day]).not.toEqual([y, m, d]);
      }),
      { numRuns: 200 },
    );
  });

  it('reads a date whose midnight falls in a daylight-saving gap as the gap\'s end', () => {
    const w = convertWrite('5/2/1948', undefined, { timeZone: 'Asia/Tokyo', now: NOW });
    const wall = instantToWallTime((w as { value: Date }).value.getTime(), 'Asia/Tokyo');
    expect([wall.year, wall.month, wall.day, wall.hour, wall.minute]).toEqual([1948, 5, 2, 1, 0]);
    const plain = convertWrite('5/3/1948', undefined, { timeZone: 'Asia/Tokyo', now: NOW });
    expect(instantToWallTime((plain as { value: Date }).value.getTime(), 'Asia/Tokyo').hour).toBe(0);
  });

  it('reads every H:mm as that wall time on 1899-12-30', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom(...ZONES), (h, mi, zone) => {
        const w = convertWrite(`${h}:${p2(mi)}`, undefined, { timeZone: zone, now: NOW });
        const wall = instantToWallTime((w as { value: Date }).value.getTime(), zone);
        expect([wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second]).toEqual([1899, 12, 30, h, mi, 0]);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the text of any finite number back as that number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(convert(String(n))).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it("keeps any string unchanged under '@'", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((s) => !s.startsWith("'")), (s) => {
        expect(convert(s, '@')).toBe(s);
      }),
    );
  });

  it('stores any apostrophe-prefixed string as text without the apostrophe', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (s) => {
        expect(convert(`'${s}`)).toBe(s);
      }),
    );
  });

  it('keeps email addresses and IANA zone names as text', () => {
    fc.assert(
      // An apostrophe or = in front means text / formula, so such addresses are left out.
      fc.property(fc.emailAddress().filter((e) => !/^['=]/.test(e)), (email) => {
        expect(convert(email)).toBe(email);
      }),
    );
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(convert(zone)).toBe(zone);
  });

  it('keeps working-hours ranges like 09:00-17:00 as text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom('', 'Mon-Fri ', 'Tue-Thu '), (a, b, days) => {
        const text = `${days}${String(a).padStart(2, '0')}:00-${String(b).padStart(2, '0')}:30`;
        expect(convert(text)).toBe(text);
      }),
    );
  });
});

describe('formatKind', () => {
  it.each([
    [undefined, 'automatic'],
    ['', 'automatic'],
    ['General', 'automatic'],
    ['@', 'text'],
    ['0', 'number'],
    ['0.00', 'number'],
    ['#,##0', 'number'],
    ['"$"#,##0.00', 'number'],
    ['0%', 'number'],
    ['0.00E+00', 'number'],
    [AUTOMATIC_FORMAT_REPORTED, 'number'],
    ['yyyy-mm-dd', 'date'],
    ['M/d/yyyy', 'date'],
    ['HH:mm', 'date'],
    ['h:mm AM/PM', 'date'],
    ['mmmm d, yyyy', 'date'],
    ['hh:mm:ss.000', 'date'],
    ['[h]:mm', 'date'],
  ])('classifies %p as %p', (format, kind) => {
    expect(formatKind(format)).toBe(kind);
  });
});

describe('formatNumber', () => {
  it.each([
    [42, '0', '42'],
    [3.14159, '0.00', '3.14'],
    [1.005, '0.00', '1.01'],
    [2.5, '0', '3'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [1000, '#,##0', '1,000'],
    [0.5, '0%', '50%'],
    [0.1234, '0.0%', '12.3%'],
    [5, '"$"#,##0.00', '$5.00'],
    [-5, '"$"#,##0.00', '-$5.00'],
    [1000, '0.00E+00', '1.00E+03'],
    [0.00012, '0.00E+00', '1.20E-04'],
    [-5, '0;(0)', '(5)'],
    [0, '0;-0;"zero"', 'zero'],
    [0.5, '#.##', '.5'],
    [0.1 + 0.2, AUTOMATIC_FORMAT_REPORTED, '0.3'],
    [7, '000', '007'],
  ])('shows %p with %p as %p', (n, format, text) => {
    expect(formatNumber(n, format)).toBe(text);
  });
});

describe('formatDate', () => {
  const w = { year: 2026, month: 12, day: 1, hour: 21, minute: 5, second: 9, millisecond: 250 };
  it.each([
    ['yyyy-mm-dd', '2026-12-01'],
    ['M/d/yyyy', '12/1/2026'],
    ['M/d/yyyy H:mm:ss', '12/1/2026 21:05:09'],
    ['HH:mm', '21:05'],
    ['h:mm AM/PM', '9:05 PM'],
    ['h:mm am/pm', '9:05 pm'],
    ['mmm d, yy', 'Dec 1, 26'],
    ['dddd, mmmm d', 'Tuesday, December 1'],
    ['ddd', 'Tue'],
    ['hh:mm:ss.000', '21:05:09.250'],
    ['yyyy"年"m"月"', '2026年12月'],
  ])('renders %p as %p', (format, text) => {
    expect(formatDate(w, format)).toBe(text);
  });
});

describe('readValue and displayValue', () => {
  const zone = 'Europe/London';
  const date = new Date('2026-12-01T00:00:00Z');

  it('reads a blank cell as the empty string', () => {
    expect(readValue(undefined, undefined, zone)).toBe('');
    expect(displayValue(undefined, undefined, zone)).toBe('');
  });

  it('returns a new Date object on every read', () => {
    const a = readValue(date, 'M/d/yyyy', zone) as Date;
    const b = readValue(date, 'M/d/yyyy', zone) as Date;
    expect(a).not.toBe(b);
    expect(a).not.toBe(date);
    a.setFullYear(1999);
    expect(date.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(b.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('reads a number under a date format as a Date and a Date under a numeric format as its serial number', () => {
    expect((readValue(46357, 'yyyy-mm-dd', zone) as Date).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(readValue(date, '0.00', zone)).toBe(46357);
  });

  it("keeps reading a Date as a Date when '@' is applied over it", () => {
    expect(isDate(readValue(date, '@', zone))).toBe(true);
  });

  it('shows booleans as TRUE and FALSE, text as written', () => {
    expect(displayValue(true, undefined, zone)).toBe('TRUE');
    expect(displayValue(false, '@', zone)).toBe('FALSE');
    expect(displayValue('0042', '0.00', zone)).toBe('0042');
  });

  it.each([
    [42, undefined, '42'],
    [3.5, undefined, '3.5'],
    [1 / 3, undefined, '0.3333333333'],
    [42, '@', '42'],
    [42, '0.00', '42.00'],
    [46357, 'yyyy-mm-dd', '2026-12-01'],
  ])('shows the number %p with format %p as %p', (n, format, text) => {
    expect(displayValue(n, format, zone)).toBe(text);
  });

  it('shows Dates in the spreadsheet zone: M/d/yyyy at midnight, with the time otherwise', () => {
    expect(displayValue(date, undefined, zone)).toBe('12/1/2026');
    expect(displayValue(new Date('2026-07-01T09:30:00Z'), undefined, zone)).toBe('7/1/2026 10:30:00');
    expect(displayValue(new Date('2026-07-01T09:30:00Z'), 'HH:mm', zone)).toBe('10:30');
    expect(displayValue(new Date('2026-07-01T09:30:00Z'), 'HH:mm', 'Asia/Tokyo')).toBe('18:30');
    expect(displayValue(date, '0', zone)).toBe('46357');
  });
});
