// Away dates edited after booking (core/away-changes.ts): the EXDATE set a booked series should
// have from its next occurrence on, past occurrences untouched, the row's Notes line, the owner's
// sentences, and the key that tells the hourly run whether anything changed.
import fc from 'fast-check';
import type { AwayPerson } from '../../src/core/away';
import { AWAY_NOTE_PREFIX, awayFingerprint, describeAwayPlan, planAwaySeries, withAwayNote, type BookedSeries } from '../../src/core/away-changes';
import { addDays } from '../../src/core/dates';
import { parseRecurrence } from '../../src/core/recurrence';
import { seriesTiming, type ScheduleRow } from '../../src/core/schedule';
import { readSkipDates, recurrenceLines, type DateRange } from '../../src/core/skip-dates';
import { localInstant } from '../../src/core/zones';

const ZONE = 'Europe/London';
const ada = (away: string): AwayPerson => ({ email: 'ada@example.com', name: 'Ada Lee', away: readSkipDates(away).ranges });
const ben = (away = ''): AwayPerson => ({ email: 'ben@example.com', name: 'Ben Roy', away: readSkipDates(away).ranges });

function row(over: Partial<ScheduleRow> = {}): ScheduleRow {
  return {
    index: 1,
    cycle: 1,
    starts: '2027-01-05',
    ends: '2027-02-15',
    group: 'C1-02',
    members: ['ada@example.com', 'ben@example.com'],
    dayAndTime: 'Tue 10:00',
    timeZone: ZONE,
    status: 'scheduled',
    eventId: 'ev1',
    meetLink: '',
    notes: '',
    ...over,
  };
}

/** The series as scheduling books it for `row` with `skip` and the members' Away dates at booking. */
function booked(r: ScheduleRow, skip: string, members: AwayPerson[], weeks = 1): BookedSeries {
  const t = seriesTiming(r, { cadence: weeks === 2 ? 'fortnightly' : 'weekly', skipDates: skip }, ZONE, () => true, members);
  if (!t.ok) throw new Error(t.reason);
  const shape = { startDate: t.timing.startDate, count: t.timing.count, exdates: t.timing.exdates, intervalWeeks: weeks };
  return { group: r.group, start: { dateTime: `${t.timing.startDate}T10:00:00`, timeZone: ZONE }, recurrence: recurrenceLines(shape, '10:00', ZONE), members, notes: r.notes };
}

/** The EXDATE'd local dates of a recurrence array. */
function exdated(recurrence: readonly string[]): string[] {
  const dates = parseRecurrence(recurrence, ZONE).exdates.map((ms) => new Date(ms).toISOString().slice(0, 10));
  return dates.sort();
}

const at = (date: string, hhmm = '09:00') => localInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), ZONE);

describe('planAwaySeries', () => {
  it('an Away date added after booking: that occurrence is excluded, the RRULE unchanged, the Notes say why', () => {
    const series = booked(row(), '', [ada(''), ben()]);
    const plan = planAwaySeries({ ...series, members: [ada('2027-01-19'), ben()] }, [], at('2027-01-06'));
    expect(plan.recurrence).toEqual(['RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=6', 'EXDATE;TZID=Europe/London:20270119T100000']);
    expect(plan.skipped).toEqual([{ date: '2027-01-19', why: 'Ada Lee is away' }]);
    expect(plan.restored).toEqual([]);
    expect(plan.notes).toBe('No meeting on 2027-01-19: Ada Lee away.');
    expect(plan.warnings).toEqual([]);
    expect(describeAwayPlan(plan)).toBe('C1-02: no meeting on 2027-01-19 (Ada Lee is away).');
  });

  it('applied again (the series now has it): nothing to patch, the same Notes', () => {
    const series = booked(row(), '', [ada('2027-01-19'), ben()]);
    const plan = planAwaySeries({ ...series, notes: 'No meeting on 2027-01-19: Ada Lee away.' }, [], at('2027-01-06'));
    expect(plan.recurrence).toBeNull();
    expect(plan.notes).toBe('No meeting on 2027-01-19: Ada Lee away.');
    expect(describeAwayPlan(plan)).toBe('');
  });

  it('an Away date removed gives the occurrence back, but a skipped date stays excluded', () => {
    const series = booked(row({ ends: '2027-02-22' }), '2027-01-26', [ada('2027-01-19, 2027-01-26'), ben()]);
    expect(exdated(series.recurrence)).toEqual(['2027-01-19', '2027-01-26']);
    const plan = planAwaySeries({ ...series, members: [ada(''), ben()], notes: 'Changed: x · No meeting on 2027-01-19: Ada Lee away.' }, readSkipDates('2027-01-26').ranges, at('2027-01-06'));
    expect(exdated(plan.recurrence!)).toEqual(['2027-01-26']);
    expect(plan.restored).toEqual(['2027-01-19']);
    expect(plan.notes).toBe('Changed: x');
    expect(describeAwayPlan(plan)).toBe('C1-02: the meeting on 2027-01-19 is back.');
  });

  it('a past occurrence keeps what it had: an Away date in the past neither excludes nor restores it', () => {
    const series = booked(row(), '', [ada('2027-01-05'), ben()]);
    // Ada's away date moves from the first meeting (held excluded) to one already held.
    const plan = planAwaySeries({ ...series, members: [ada('2027-01-12'), ben()] }, [], at('2027-01-13'));
    expect(plan.recurrence).toBeNull();
    expect(plan.notes).toBe('');
    // An away date on the meeting in progress (started at 10:00) is past as well.
    expect(planAwaySeries({ ...series, members: [ada('2027-01-05, 2027-01-19'), ben()] }, [], at('2027-01-19', '10:30')).recurrence).toBeNull();
  });

  it('never runs the series on: COUNT stays, fortnightly INTERVAL stays', () => {
    const series = booked(row({ ends: '2027-03-15' }), '', [ada(''), ben()], 2);
    const plan = planAwaySeries({ ...series, members: [ada('2027-02-16..2027-03-02'), ben()] }, [], at('2027-01-06'));
    expect(plan.recurrence).toEqual(['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=5', 'EXDATE;TZID=Europe/London:20270216T100000,20270302T100000']);
  });

  it('someone away for most of the meetings left: those are skipped, the group meets on the others, and the owner is told', () => {
    const series = booked(row(), '', [ada(''), ben()]);
    const plan = planAwaySeries({ ...series, members: [ada('2027-01-26..2027-02-02'), ben()] }, [], at('2027-01-20'));
    expect(exdated(plan.recurrence!)).toEqual(['2027-01-26', '2027-02-02']);
    expect(plan.warnings).toEqual([
      'Ada Lee is away for 2 of the 3 meetings left of C1-02: those meetings are skipped and the group meets on the others. To take Ada Lee out of this cycle instead, set their Status to Paused.',
    ]);
  });

  it('a change leaving no meeting at all is not made, and the owner is told to regroup', () => {
    const series = booked(row(), '', [ada(''), ben()]);
    const plan = planAwaySeries({ ...series, members: [ada('2027-01-01..2027-03-01'), ben()] }, [], at('2027-01-01'));
    expect(plan.recurrence).toBeNull();
    expect(plan.notes).toBe('');
    expect(plan.warnings[0]).toMatch(/^Every meeting of C1-02 falls on a date a member is away .*Set the away member's Status to Paused/);
  });

  it('reads a listed start with its offset and names everyone away on a date', () => {
    const series = booked(row(), '', [ada(''), ben()]);
    const plan = planAwaySeries({ ...series, start: { dateTime: '2027-01-05T10:00:00+00:00', timeZone: ZONE }, members: [ada('2027-02-02'), ben('2027-02-02, 2027-02-09')] }, [], at('2027-01-06'));
    expect(plan.notes).toBe('No meeting on 2027-02-02: Ada Lee and Ben Roy away; 2027-02-09: Ben Roy away.');
  });

  it('property: the EXDATEs never touch a started occurrence and, from the next one on, equal Away ∪ skipped dates', () => {
    const week = (n: number) => addDays('2027-01-05', 7 * n);
    const dates = fc.uniqueArray(fc.integer({ min: -2, max: 9 }), { maxLength: 6 }).map((ns) => ns.map(week).join(', '));
    fc.assert(
      fc.property(dates, dates, dates, dates, fc.integer({ min: -3, max: 8 * 24 * 7 }), (skipText, before, after, partner, hours) => {
        const skip = readSkipDates(skipText).ranges;
        const r = row({ ends: '2027-03-01' });
        let series: BookedSeries;
        try {
          series = booked(r, skipText, [ada(before), ben(partner)]);
        } catch {
          return; // every meeting skipped at booking: nothing was booked
        }
        const now = at('2027-01-05', '10:00') + hours * 3_600_000;
        const plan = planAwaySeries({ ...series, members: [ada(after), ben(partner)] }, skip, now);
        const grid = parseRecurrence(series.recurrence, ZONE);
        const first = series.start.dateTime.slice(0, 10);
        const all = Array.from({ length: grid.count! }, (_, i) => addDays(first, 7 * i));
        const was = new Set(exdated(series.recurrence));
        const result = new Set(exdated(plan.recurrence ?? series.recurrence));
        const awayNow = (d: string) => [ada(after), ben(partner)].some((m) => readSkipDates(m.away.map((x) => `${x.from}..${x.to}`).join(',')).ranges.some((x) => x.from <= d && d <= x.to));
        const wantFuture = (d: string) => awayNow(d) || isIn(skip, d);
        const isPast = (d: string) => at(d, '10:00') <= now;
        const emptied = all.every((d) => (isPast(d) ? was.has(d) : wantFuture(d)));
        for (const d of all) {
          if (isPast(d) || (emptied && plan.recurrence === null)) expect([d, result.has(d)]).toEqual([d, was.has(d)]);
          else expect([d, result.has(d)]).toEqual([d, wantFuture(d)]);
        }
        if (plan.recurrence) expect(plan.recurrence[0]).toBe(series.recurrence[0]);
        // Applying the plan's result again asks for nothing.
        if (plan.recurrence) expect(planAwaySeries({ ...series, recurrence: plan.recurrence, members: [ada(after), ben(partner)], notes: plan.notes }, skip, now)).toMatchObject({ recurrence: null, notes: plan.notes });
      }),
      { numRuns: 300 },
    );
  });
});

function isIn(ranges: readonly DateRange[], d: string): boolean {
  return ranges.some((r) => r.from <= d && d <= r.to);
}

describe('withAwayNote', () => {
  it('replaces its own line and keeps the other parts in order', () => {
    expect(withAwayNote('Changed: Ann left · No meeting on 2027-01-19: Ada Lee away. · Meet link by hand', 'No meeting on 2027-02-02: Ben Roy away.')).toBe(
      'Changed: Ann left · Meet link by hand · No meeting on 2027-02-02: Ben Roy away.',
    );
    expect(withAwayNote('', '')).toBe('');
    expect(AWAY_NOTE_PREFIX).toBe('No meeting on ');
  });
});

describe('awayFingerprint', () => {
  const people = (away: string) => new Map([['ada@example.com', ada(away)], ['ben@example.com', ben()]]);
  it('is blank without an Away date on a booked meeting, and changes with the dates that fall on one', () => {
    expect(awayFingerprint([row()], people(''), 1)).toBe('');
    expect(awayFingerprint([row()], people('2027-01-20'), 1)).toBe(''); // a Wednesday: no meeting
    expect(awayFingerprint([row({ eventId: '' })], people('2027-01-19'), 1)).toBe(''); // not booked yet
    const a = awayFingerprint([row()], people('2027-01-19'), 1);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(awayFingerprint([row()], people('2027-01-18..2027-01-20'), 1)).toBe(a);
    expect(awayFingerprint([row()], people('2027-01-26'), 1)).not.toBe(a);
  });
});
