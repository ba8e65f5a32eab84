// The series arithmetic: occurrences across daylight saving, the UNTIL trim, the split, EXDATE.
import fc from 'fast-check';
import {
  countForKept,
  exdateLine,
  nextOccurrence,
  occurrences,
  occurrencesFrom,
  parseRecurrence,
  seriesOf,
  splitSeries,
  trimRecurrence,
  utcStamp,
} from '../../src/core/recurrence';
import { buildSeriesEvent, eventId } from '../../src/core/calendar-event';

const iso = (ms: number) => new Date(ms).toISOString();

describe('occurrences', () => {
  test('a 10:00 London series stays at 10:00 local across the March clock change', () => {
    const s = seriesOf({ dateTime: '2027-03-16T10:00:00', timeZone: 'Europe/London' }, ['RRULE:FREQ=WEEKLY;COUNT=4']);
    expect(occurrences(s).map(iso)).toEqual([
      '2027-03-16T10:00:00.000Z',
      '2027-03-23T10:00:00.000Z',
      '2027-03-30T09:00:00.000Z',
      '2027-04-06T09:00:00.000Z',
    ]);
  });

  test('INTERVAL=2 every other week; UNTIL in UTC is inclusive', () => {
    const s = seriesOf({ dateTime: '2027-01-05T10:00:00', timeZone: 'UTC' }, ['RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20270202T100000Z']);
    expect(occurrences(s).map(iso)).toEqual(['2027-01-05T10:00:00.000Z', '2027-01-19T10:00:00.000Z', '2027-02-02T10:00:00.000Z']);
  });

  test('COUNT counts excluded dates: COUNT=6 with one EXDATE gives 5 meetings', () => {
    const s = seriesOf({ dateTime: '2026-12-08T10:00:00', timeZone: 'Europe/London' }, [
      'RRULE:FREQ=WEEKLY;COUNT=6',
      'EXDATE;TZID=Europe/London:20261222T100000',
    ]);
    const got = occurrences(s).map(iso);
    expect(got).toHaveLength(5);
    expect(got).not.toContain('2026-12-22T10:00:00.000Z');
    expect(got[4]).toBe('2027-01-12T10:00:00.000Z');
  });

  test('EXDATE in UTC form and several values on one line; a value matching no occurrence removes nothing', () => {
    const s = seriesOf({ dateTime: '2027-01-05T09:00:00', timeZone: 'America/New_York' }, [
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'EXDATE:20270112T140000Z,20270119T150000Z',
    ]);
    expect(occurrences(s).map(iso)).toEqual(['2027-01-05T14:00:00.000Z', '2027-01-19T14:00:00.000Z', '2027-01-26T14:00:00.000Z']);
  });

  test('reads what buildSeriesEvent writes', () => {
    const id = eventId('p1', 3, 'C3-01', 0);
    const event = buildSeriesEvent({
      id,
      properties: { program: 'p1', cycle: '3', group: 'C3-01', version: '0' },
      title: 'Peer coaching',
      description: '',
      timeZone: 'Asia/Tokyo',
      startDate: '2027-01-05',
      startTime: '08:00',
      minutes: 30,
      count: 6,
      intervalWeeks: 2,
      attendees: [{ email: 'a@example.org' }, { email: 'b@example.org' }],
      meet: false,
    });
    const s = seriesOf(event.start as { dateTime: string; timeZone: string }, event.recurrence as string[]);
    const got = occurrences(s);
    expect(got).toHaveLength(6);
    expect(iso(got[0])).toBe('2027-01-04T23:00:00.000Z');
    expect(iso(got[1])).toBe('2027-01-18T23:00:00.000Z');
  });

  test('refuses what Google refuses or the add-on never writes', () => {
    expect(() => parseRecurrence(['RRULE:FREQ=WEEKLY;UNTIL=20270112T095959'], 'UTC')).toThrow(/floating/);
    expect(() => parseRecurrence(['RRULE:FREQ=WEEKLY;COUNT=2;UNTIL=20270112T095959Z'], 'UTC')).toThrow(/both COUNT and UNTIL/);
    expect(() => parseRecurrence(['RRULE:FREQ=DAILY;COUNT=2'], 'UTC')).toThrow(/weekly/);
    expect(() => parseRecurrence(['RDATE:20270112T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=2'], 'UTC')).toThrow(/does not write/);
    expect(() => parseRecurrence([], 'UTC')).toThrow(/exactly one RRULE/);
    expect(parseRecurrence(['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2'], 'UTC', 2).count).toBe(2);
    expect(() => parseRecurrence(['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2'], 'UTC', 2)).toThrow(/BYDAY/);
  });

  test('occurrences left after an instant, and the next one', () => {
    const s = seriesOf({ dateTime: '2027-01-05T10:00:00', timeZone: 'UTC' }, ['RRULE:FREQ=WEEKLY;COUNT=6']);
    const now = Date.parse('2027-01-19T10:00:00Z');
    expect(occurrencesFrom(s, now)).toHaveLength(4);
    expect(occurrencesFrom(s, now + 1)).toHaveLength(3);
    expect(iso(nextOccurrence(s, now + 1) as number)).toBe('2027-01-26T10:00:00.000Z');
    expect(nextOccurrence(s, Date.parse('2027-03-01T00:00:00Z'))).toBeNull();
  });
});

describe('trimRecurrence', () => {
  test('COUNT becomes UNTIL = first changed occurrence − 1 s in UTC; EXDATE lines kept', () => {
    expect(trimRecurrence(['RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/London:20261222T100000'], '2027-01-12T10:00:00Z')).toEqual([
      'RRULE:FREQ=WEEKLY;UNTIL=20270112T095959Z',
      'EXDATE;TZID=Europe/London:20261222T100000',
    ]);
    expect(trimRecurrence(['RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20270301T000000Z'], Date.parse('2027-01-19T09:30:00Z'))).toEqual([
      'RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20270119T092959Z',
    ]);
  });

  test('Google guide example: a 10:00 Los Angeles series cut at 2011-06-17 ends at 16:59:59Z', () => {
    expect(trimRecurrence(['RRULE:FREQ=WEEKLY;COUNT=10'], '2011-06-17T10:00:00-07:00')).toEqual(['RRULE:FREQ=WEEKLY;UNTIL=20110617T165959Z']);
  });

  test('east of UTC: an 08:00 Tokyo meeting on 16 Jan is 15 Jan 23:00Z, and the trim keeps it out of the old series', () => {
    const start = { dateTime: '2027-01-02T08:00:00', timeZone: 'Asia/Tokyo' };
    const cut = Date.parse('2027-01-15T23:00:00Z');
    const trimmed = trimRecurrence(['RRULE:FREQ=WEEKLY;COUNT=6'], cut);
    expect(trimmed).toEqual(['RRULE:FREQ=WEEKLY;UNTIL=20270115T225959Z']);
    expect(occurrences(seriesOf(start, trimmed)).map(iso)).toEqual(['2027-01-01T23:00:00.000Z', '2027-01-08T23:00:00.000Z']);
  });

  test('never COUNT and UNTIL together; one RRULE needed', () => {
    const out = trimRecurrence(['RRULE:FREQ=WEEKLY;COUNT=6;UNTIL=20270101T000000Z'], '2027-01-12T10:00:00Z');
    expect(out[0]).not.toMatch(/COUNT/);
    expect(out[0].match(/UNTIL/g)).toHaveLength(1);
    expect(() => trimRecurrence(['EXDATE:20270112T100000Z'], 0)).toThrow(/RRULE/);
    expect(() => trimRecurrence(['RRULE:FREQ=WEEKLY;COUNT=6'], '2027-01-12 10:00')).toThrow(/ISO 8601/);
  });
});

describe('exdateLine and countForKept', () => {
  test('one TZID line, values sorted and unique', () => {
    expect(exdateLine('Europe/London', ['2026-12-29T10:00', '2026-12-22T10:00', '2026-12-22T10:00:00'])).toBe(
      'EXDATE;TZID=Europe/London:20261222T100000,20261229T100000',
    );
    expect(() => exdateLine('Europe/London', [])).toThrow();
    expect(() => exdateLine('Europe/London', ['2026-12-22 10:00'])).toThrow(/local date-time/);
  });

  test('keeping six meetings with two dates excluded takes COUNT=8; a skipped date after the last kept one costs nothing', () => {
    expect(countForKept(6, '2026-12-08', 1, ['2026-12-22', '2026-12-29'])).toBe(8);
    expect(countForKept(6, '2026-12-08', 1, ['2027-06-01'])).toBe(6);
    expect(countForKept(3, '2026-12-08', 2, ['2026-12-22'])).toBe(4);
  });

  test('property: COUNT from countForKept with those EXDATEs gives exactly k meetings, none on a skipped date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 2 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { maxLength: 6 }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'),
        (k, interval, skipIdx, zone) => {
          const startDate = '2027-02-02';
          const dates = skipIdx.map((i) => new Date(Date.parse(`${startDate}T00:00:00Z`) + i * 7 * interval * 86_400_000).toISOString().slice(0, 10));
          const count = countForKept(k, startDate, interval, dates);
          const lines = [`RRULE:FREQ=WEEKLY${interval > 1 ? `;INTERVAL=${interval}` : ''};COUNT=${count}`];
          if (dates.length) lines.push(exdateLine(zone, dates.map((d) => `${d}T10:00`)));
          const got = occurrences(seriesOf({ dateTime: `${startDate}T10:00:00`, timeZone: zone }, lines));
          return got.length === k;
        },
      ),
    );
  });
});

describe('splitSeries', () => {
  test('the old series ends before the cut; the new one carries the rest, COUNT and later EXDATEs', () => {
    const start = { dateTime: '2026-12-08T10:00:00', timeZone: 'Europe/London' };
    const rec = ['RRULE:FREQ=WEEKLY;COUNT=8', 'EXDATE;TZID=Europe/London:20261222T100000,20270105T100000'];
    const split = splitSeries(start, rec, '2026-12-29T10:00:00Z');
    expect(split.trimmed).toEqual(['RRULE:FREQ=WEEKLY;UNTIL=20261229T095959Z', rec[1]]);
    expect(split.kept.map(iso)).toEqual(['2026-12-08T10:00:00.000Z', '2026-12-15T10:00:00.000Z']);
    expect(split.following).toEqual({
      startDate: '2026-12-29',
      startTime: '10:00:00',
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5', 'EXDATE;TZID=Europe/London:20270105T100000'],
      occurrences: ['2026-12-29', '2027-01-12', '2027-01-19', '2027-01-26'].map((d) => Date.parse(`${d}T10:00:00Z`)),
    });
    expect(() => splitSeries(start, rec, '2026-12-29T10:30:00Z')).toThrow(/not an occurrence/);
    // Cut at the first occurrence: nothing is kept, the old series is deleted rather than trimmed.
    expect(splitSeries(start, rec, '2026-12-08T10:00:00Z')).toMatchObject({ trimmed: null, kept: [], following: { startDate: '2026-12-08', recurrence: rec } });
    expect(splitSeries(start, ['RRULE:FREQ=WEEKLY;COUNT=2'], '2026-12-15T10:00:00Z').following).toEqual({
      startDate: '2026-12-15', startTime: '10:00:00', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=1'], occurrences: [Date.parse('2026-12-15T10:00:00Z')],
    });
  });

  test('property: kept + following = the original occurrences, split at the cut, in any zone, across DST', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Auckland'),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 23 * 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 2 }),
        fc.boolean(),
        fc.uniqueArray(fc.nat(11), { maxLength: 3 }),
        fc.nat(11),
        (zone, day, fiveMin, count, interval, useUntil, exIdx, cutIdx) => {
          const startDate = new Date(Date.UTC(2027, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
          const time = `${String(Math.floor(fiveMin / 12)).padStart(2, '0')}:${String((fiveMin % 12) * 5).padStart(2, '0')}`;
          const start = { dateTime: `${startDate}T${time}:00`, timeZone: zone };
          const base = occurrences(seriesOf(start, [`RRULE:FREQ=WEEKLY;INTERVAL=${interval};COUNT=${count}`]));
          const rule = useUntil ? `RRULE:FREQ=WEEKLY;INTERVAL=${interval};UNTIL=${utcStamp(base[base.length - 1])}` : `RRULE:FREQ=WEEKLY;INTERVAL=${interval};COUNT=${count}`;
          const ex = exIdx.filter((i) => i < count).map((i) => base[i]);
          const rec = ex.length ? [rule, `EXDATE:${ex.map(utcStamp).join(',')}`] : [rule];
          const all = occurrences(seriesOf(start, rec));
          const cut = base[cutIdx % count];
          const split = splitSeries(start, rec, cut);
          const trimmedAgain = split.trimmed ? occurrences(seriesOf(start, split.trimmed)) : [];
          expect(split.trimmed === null).toBe(split.kept.length === 0);
          if (cut === base[0]) expect(split.trimmed).toBeNull();
          const following = split.following ? occurrences(seriesOf({ dateTime: `${split.following.startDate}T${split.following.startTime}`, timeZone: zone }, split.following.recurrence)) : [];
          expect(trimmedAgain).toEqual(split.kept);
          expect(following).toEqual(split.following?.occurrences ?? []);
          expect([...split.kept, ...following]).toEqual(all);
          expect(split.kept.every((t) => t < cut) && following.every((t) => t >= cut)).toBe(true);
          if (split.trimmed) expect(split.trimmed[0]).toMatch(/;UNTIL=\d{8}T\d{6}Z$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
