// "Skip these dates" text, and a cycle's meetings with skipped dates: run on or shrink, the
// series' COUNT and EXDATEs.
import fc from 'fast-check';
import { addDays, daysBetween, weekdayOf } from '../../src/core/dates';
import {
  checkSkipDatesSetting,
  describePlan,
  exdateValues,
  formatSkipDates,
  isSkipped,
  mergeRanges,
  planMeetings,
  readSkipDates,
  recurrenceLines,
  seriesShape,
  skipDatesProblemLine,
} from '../../src/core/skip-dates';

describe('readSkipDates', () => {
  it('reads dates and ranges separated by commas, semicolons, line breaks and spaces', () => {
    const r = readSkipDates('2027-04-05, 2026-12-21..2027-01-03;2027-05-31\n2027-08-30 2027-12-24..2027-12-26');
    expect(r.problems).toEqual([]);
    expect(r.ranges).toEqual([
      { from: '2026-12-21', to: '2027-01-03' },
      { from: '2027-04-05', to: '2027-04-05' },
      { from: '2027-05-31', to: '2027-05-31' },
      { from: '2027-08-30', to: '2027-08-30' },
      { from: '2027-12-24', to: '2027-12-26' },
    ]);
    expect(r.canonical).toBe('2026-12-21..2027-01-03, 2027-04-05, 2027-05-31, 2027-08-30, 2027-12-24..2027-12-26');
  });

  it('blank is nothing skipped', () => {
    expect(readSkipDates('')).toEqual({ ranges: [], problems: [], canonical: '' });
    expect(readSkipDates(' ,; \n')).toEqual({ ranges: [], problems: [], canonical: '' });
  });

  it('accepts spaces round "..", and en or em dashes, written canonically with ".."', () => {
    for (const text of ['2026-12-21 .. 2027-01-03', '2026-12-21 ..2027-01-03', '2026-12-21– 2027-01-03', '2026-12-21 — 2027-01-03']) {
      const r = readSkipDates(text);
      expect(r.problems).toEqual([]);
      expect(r.canonical).toBe('2026-12-21..2027-01-03');
    }
  });

  it('merges overlapping, repeated and touching entries', () => {
    const r = readSkipDates('2026-12-24..2026-12-26, 2026-12-25, 2026-12-27, 2026-12-20..2026-12-24, 2027-01-02');
    expect(r.canonical).toBe('2026-12-20..2026-12-27, 2027-01-02');
  });

  it('reports every bad entry with its position and fix, and keeps the good ones', () => {
    const text = '2026-12-25, 25/12/2026;2027-02-29\n2027-01-03..2026-12-21 2026-12-5 1999-12-31 2027-01-01.. x';
    const r = readSkipDates(text);
    expect(r.canonical).toBe('2026-12-25');
    expect(r.problems.map((p) => [p.text, p.position, p.line, p.column])).toEqual([
      ['25/12/2026', 13, 1, 13],
      ['2027-02-29', 24, 1, 24],
      ['2027-01-03..2026-12-21', 35, 2, 1],
      ['2026-12-5', 58, 2, 24],
      ['1999-12-31', 68, 2, 34],
      ['2027-01-01.. x', 79, 2, 45],
    ]);
    for (const p of r.problems) expect(text.slice(p.position - 1, p.position - 1 + p.text.length)).toBe(p.text);
    const lines = r.problems.map((p) => skipDatesProblemLine(p, true));
    expect(lines[0]).toBe('"25/12/2026" (line 1, character 13) is not a date written YYYY-MM-DD. Write dates like 2026-12-25, and ranges like 2026-12-21..2027-01-03 (2026-12-25?).');
    expect(lines[1]).toContain('is not a date that exists');
    expect(lines[2]).toContain('ends before it starts. Write the earlier date first: 2026-12-21..2027-01-03.');
    expect(lines[3]).toContain('(2026-12-05?)');
    expect(lines[4]).toContain('is not in the years 2000 to 2099');
    expect(lines[5]).toContain('is not a date written YYYY-MM-DD');
    expect(skipDatesProblemLine(r.problems[0])).toMatch(/^"25\/12\/2026" \(character 13\) /);
  });

  it('a range with a missing end, or two ranges in one entry', () => {
    expect(readSkipDates('2027-01-01..').problems[0].message).toBe('is a range with a missing end');
    expect(readSkipDates('..2027-01-01').problems[0].message).toBe('is a range with a missing end');
    expect(readSkipDates('2027-01-01..2027-01-02..2027-01-03').problems[0].message).toBe('has more than one ".."');
  });

  it('refuses text too long to be dates, unread', () => {
    const r = readSkipDates('2027-01-01, '.repeat(1000));
    expect(r.ranges).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toMatch(/too long/);
  });

  it('property: the canonical text reads back to the same ranges', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2026-01-01', n));
    const range = fc.tuple(day, fc.integer({ min: 0, max: 40 })).map(([from, n]) => ({ from, to: addDays(from, n) }));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 12 }), fc.constantFrom(', ', ';', '\n', ' ', ' ,\n'), (ranges, sep) => {
        const text = ranges.map((r) => (r.from === r.to ? r.from : `${r.from}..${r.to}`)).join(sep);
        const read = readSkipDates(text);
        expect(read.problems).toEqual([]);
        expect(read.ranges).toEqual(mergeRanges(ranges));
        expect(readSkipDates(read.canonical).ranges).toEqual(read.ranges);
        expect(formatSkipDates(read.ranges)).toBe(read.canonical);
        // isSkipped agrees with the ranges as written, day by day.
        for (let d = 0; d < 60; d++) {
          const date = addDays(ranges[0]?.from ?? '2026-01-01', d - 5);
          expect(isSkipped(read.ranges, date)).toBe(ranges.some((r) => r.from <= date && date <= r.to));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('checkSkipDatesSetting (for the settings)', () => {
  it('stores the canonical text; blank and null are nothing skipped', () => {
    expect(checkSkipDatesSetting(' 2027-04-05;2026-12-21 .. 2027-01-03 ')).toEqual({ ok: true, value: '2026-12-21..2027-01-03, 2027-04-05' });
    expect(checkSkipDatesSetting('')).toEqual({ ok: true, value: '' });
    expect(checkSkipDatesSetting(null)).toEqual({ ok: true, value: '' });
  });

  it('names every bad entry in one message; refuses what is not text', () => {
    expect(checkSkipDatesSetting('25/12/2026, 2027-02-30')).toEqual({
      ok: false,
      message:
        '"25/12/2026" (character 1) is not a date written YYYY-MM-DD. Write dates like 2026-12-25, and ranges like 2026-12-21..2027-01-03 (2026-12-25?). "2027-02-30" (character 13) is not a date that exists. Check the month and the day, like 2027-02-28.',
    });
    expect(checkSkipDatesSetting(20261225)).toEqual({ ok: false, message: 'must be text: dates and ranges like 2026-12-21..2027-01-03, not number.' });
  });
});

describe('planMeetings', () => {
  const holidays = readSkipDates('2026-12-21..2027-01-03').ranges;

  it('a weekly cycle over the holidays runs on to keep six meetings', () => {
    const plan = planMeetings({ firstDate: '2026-12-08', intervalWeeks: 1, meetings: 6, skip: holidays });
    expect(plan.dates).toEqual(['2026-12-08', '2026-12-15', '2027-01-05', '2027-01-12', '2027-01-19', '2027-01-26']);
    expect(plan.skipped).toEqual([
      { date: '2026-12-22', why: 'Skip these dates: 2026-12-21..2027-01-03' },
      { date: '2026-12-29', why: 'Skip these dates: 2026-12-21..2027-01-03' },
    ]);
    expect(plan.ends).toBe('2027-02-01'); // was 2027-01-18: two weeks later
    expect(plan.short).toBe(0);
    expect(plan.series).toEqual({ startDate: '2026-12-08', count: 8, exdates: ['2026-12-22', '2026-12-29'], intervalWeeks: 1 });
    expect(describePlan(plan)).toBe(
      'Skipped 2026-12-22 and 2026-12-29 (Skip these dates: 2026-12-21..2027-01-03); the cycle runs on to 2027-02-01 to keep 6 meetings.',
    );
  });

  it('shrinks instead when keepCount is off: the cycle keeps its end', () => {
    const plan = planMeetings({ firstDate: '2026-12-08', intervalWeeks: 1, meetings: 6, skip: holidays, keepCount: false });
    expect(plan.dates).toEqual(['2026-12-08', '2026-12-15', '2027-01-05', '2027-01-12']);
    expect(plan.skipped.map((s) => s.date)).toEqual(['2026-12-22', '2026-12-29']);
    expect(plan.ends).toBe('2027-01-18');
    expect(plan.keepCount).toBe(false);
    expect(plan.short).toBe(0);
    expect(plan.series).toEqual({ startDate: '2026-12-08', count: 6, exdates: ['2026-12-22', '2026-12-29'], intervalWeeks: 1 });
    expect(describePlan(plan)).toBe(
      'Skipped 2026-12-22 and 2026-12-29 (Skip these dates: 2026-12-21..2027-01-03); the cycle keeps its end, 2027-01-18, with 4 meetings.',
    );
  });

  it('skipped first and last dates move the series start and end instead of EXDATEs', () => {
    const skip = readSkipDates('2026-12-22, 2027-01-26').ranges;
    const plan = planMeetings({ firstDate: '2026-12-22', intervalWeeks: 1, meetings: 6, skip, keepCount: false });
    expect(plan.dates).toEqual(['2026-12-29', '2027-01-05', '2027-01-12', '2027-01-19']);
    expect(plan.series).toEqual({ startDate: '2026-12-29', count: 4, exdates: [], intervalWeeks: 1 });
    const on = planMeetings({ firstDate: '2026-12-22', intervalWeeks: 1, meetings: 6, skip });
    expect(on.dates).toEqual(['2026-12-29', '2027-01-05', '2027-01-12', '2027-01-19', '2027-02-02', '2027-02-09']);
    expect(on.series).toEqual({ startDate: '2026-12-29', count: 7, exdates: ['2027-01-26'], intervalWeeks: 1 });
    expect(on.ends).toBe('2027-02-15');
  });

  it('fortnightly: skips and runs on by whole fortnights', () => {
    const plan = planMeetings({ firstDate: '2026-12-01', intervalWeeks: 2, meetings: 3, skip: holidays });
    expect(plan.dates).toEqual(['2026-12-01', '2026-12-15', '2027-01-12']);
    expect(plan.skipped.map((s) => s.date)).toEqual(['2026-12-29']);
    expect(plan.series).toEqual({ startDate: '2026-12-01', count: 4, exdates: ['2026-12-29'], intervalWeeks: 2 });
    expect(plan.ends).toBe('2027-01-25');
  });

  it('a given original end (cycle length not a multiple of the cadence) moves by as much as the last meeting', () => {
    const plan = planMeetings({ firstDate: '2026-12-01', intervalWeeks: 2, meetings: 3, skip: holidays, ends: '2027-01-04' });
    expect(plan.ends).toBe('2027-01-18');
    expect(planMeetings({ firstDate: '2026-12-01', intervalWeeks: 2, meetings: 3, skip: [], ends: '2027-01-04' }).ends).toBe('2027-01-04');
  });

  it('a skip range of years: running on stops after a year and says how many meetings are missing', () => {
    const plan = planMeetings({ firstDate: '2027-01-05', intervalWeeks: 1, meetings: 6, skip: readSkipDates('2027-01-12..2029-01-01').ranges });
    expect(plan.dates).toEqual(['2027-01-05']);
    expect(plan.short).toBe(5);
    expect(describePlan(plan)).toMatch(/only 1 of 6 meetings fit within 52 weeks\.$/);
  });

  it('nothing skipped: the plain cycle, no EXDATE', () => {
    const plan = planMeetings({ firstDate: '2027-03-02', intervalWeeks: 1, meetings: 6, skip: [] });
    expect(plan.skipped).toEqual([]);
    expect(plan.ends).toBe('2027-04-12');
    expect(plan.series).toEqual({ startDate: '2027-03-02', count: 6, exdates: [], intervalWeeks: 1 });
    expect(describePlan(plan)).toBe('');
  });

  it('property: keepCount holds the number of meetings, never on a skipped date, on the weekly grid; COUNT = held + EXDATEs', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-09-01', n));
    const range = fc.tuple(day, fc.integer({ min: 0, max: 20 })).map(([from, n]) => ({ from, to: addDays(from, n) }));
    fc.assert(
      fc.property(day, fc.constantFrom(1, 2), fc.integer({ min: 1, max: 12 }), fc.array(range, { maxLength: 6 }), fc.boolean(), (first, interval, meetings, ranges, keepCount) => {
        const skip = mergeRanges(ranges);
        const plan = planMeetings({ firstDate: first, intervalWeeks: interval, meetings, skip, keepCount });
        if (keepCount) expect(plan.dates.length + plan.short).toBe(meetings);
        else expect(plan.dates.length + plan.skipped.length).toBe(meetings);
        for (const d of plan.dates) {
          expect(isSkipped(skip, d)).toBe(false);
          expect(daysBetween(first, d) % (interval * 7)).toBe(0);
          expect(weekdayOf(d)).toBe(weekdayOf(first));
        }
        for (const s of plan.skipped) expect(isSkipped(skip, s.date)).toBe(true);
        if (plan.series) {
          expect(plan.series.count).toBe(plan.dates.length + plan.series.exdates.length);
          expect(plan.series.startDate).toBe(plan.dates[0]);
          expect(plan.series.exdates.every((d) => isSkipped(skip, d))).toBe(true);
        }
        expect(plan.ends >= addDays(first, meetings * interval * 7 - 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the series for Calendar and iCalendar', () => {
  it('seriesShape: any held dates on the grid', () => {
    expect(seriesShape(['2027-01-05', '2027-01-19', '2027-02-02'], 1)).toEqual({
      startDate: '2027-01-05',
      count: 5,
      exdates: ['2027-01-12', '2027-01-26'],
      intervalWeeks: 1,
    });
    expect(seriesShape([], 1)).toBeNull();
    expect(() => seriesShape(['2027-01-05', '2027-01-13'], 1)).toThrow(RangeError);
  });

  it('EXDATE values are local starts; recurrence lines for Calendar', () => {
    expect(exdateValues(['2026-12-22', '2026-12-29'], '9:30')).toEqual(['20261222T093000', '20261229T093000']);
    expect(recurrenceLines({ startDate: '2026-12-08', count: 8, exdates: ['2026-12-22', '2026-12-29'], intervalWeeks: 1 }, '10:00', 'Europe/London')).toEqual([
      'RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=8',
      'EXDATE;TZID=Europe/London:20261222T100000,20261229T100000',
    ]);
    expect(recurrenceLines({ startDate: '2027-03-02', count: 6, exdates: [], intervalWeeks: 2 }, '10:00', 'Europe/London')).toEqual([
      'RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6',
    ]);
    expect(() => exdateValues(['2026-12-22'], '25:00')).toThrow(RangeError);
  });
});
