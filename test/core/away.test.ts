// The Roster's Away column: reading a cell (row-numbered problems like the roster's), who sits a
// cycle out, and which of a group's meetings are skipped.
import { awayInCycle, groupMeetings, newlyAway, readAwayCell, sittingOut, type AwayPerson } from '../../src/core/away';
import { formatProblem } from '../../src/core/roster';
import { planMeetings, readSkipDates } from '../../src/core/skip-dates';

const ranges = (text: string) => readSkipDates(text).ranges;
const CYCLE = ['2027-01-05', '2027-01-12', '2027-01-19', '2027-01-26', '2027-02-02', '2027-02-09'];

describe('readAwayCell', () => {
  it('blank, null and undefined: not away', () => {
    for (const value of ['', '  ', null, undefined]) expect(readAwayCell(value, 4)).toEqual({ ok: true, away: [], canonical: '' });
  });

  it('dates and ranges, written canonically', () => {
    expect(readAwayCell('2027-01-19; 2027-02-01..2027-02-12', 4)).toEqual({
      ok: true,
      away: [
        { from: '2027-01-19', to: '2027-01-19' },
        { from: '2027-02-01', to: '2027-02-12' },
      ],
      canonical: '2027-01-19, 2027-02-01..2027-02-12',
    });
  });

  it('every bad entry is a problem on the row, in the roster\'s words', () => {
    const reading = readAwayCell('2027-01-19, 19/01/2027, 2027-02-12..2027-02-01', 7);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map(formatProblem)).toEqual([
      'Row 7: away date "19/01/2027" (character 13) is not a date written YYYY-MM-DD. Write dates like 2026-12-25, and ranges like 2026-12-21..2027-01-03 (2027-01-19?).',
      'Row 7: away date "2027-02-12..2027-02-01" (character 25) ends before it starts. Write the earlier date first: 2027-02-01..2027-02-12.',
    ]);
    expect(reading.problems.every((p) => p.row === 7 && p.column === 'Away')).toBe(true);
  });

  it('a cell over several lines names the line', () => {
    const reading = readAwayCell('2027-01-19\n2027-13-01', 3);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems[0].message).toBe('away date "2027-13-01" (line 2, character 1) is not a date that exists');
  });

  it('a date Sheets made of the cell: its date in the spreadsheet\'s zone, or a problem without the zone', () => {
    const date = new Date(Date.UTC(2027, 0, 18, 23, 0)); // midnight 2027-01-19 in Paris
    expect(readAwayCell(date, 5, { timeZone: 'Europe/Paris' })).toEqual({ ok: true, away: [{ from: '2027-01-19', to: '2027-01-19' }], canonical: '2027-01-19' });
    const reading = readAwayCell(date, 5);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(formatProblem(reading.problems[0])).toBe('Row 5: Away is a date, not text. Format the Away column as plain text (Format > Number > Plain text) and type the dates again, like 2026-12-21..2027-01-03.');
  });

  it('a number is not a date', () => {
    const reading = readAwayCell(46406, 2);
    expect(reading.ok).toBe(false);
  });
});

describe('a cycle with people away', () => {
  const ann: AwayPerson = { email: 'ann@example.org', name: 'Ann Lee', away: ranges('2027-01-19') };
  const ben: AwayPerson = { email: 'ben@example.org', name: 'Ben Ode', away: ranges('2027-01-10..2027-02-03') };
  const cid: AwayPerson = { email: 'cid@example.org', away: ranges('2027-01-12..2027-01-26') };
  const dee: AwayPerson = { email: 'dee@example.org', name: 'Dee', away: [] };

  it('away for more than half of the meetings sits out; half or fewer skips those meetings', () => {
    const away = awayInCycle([ann, ben, cid, dee], CYCLE);
    expect(away).toEqual([
      { email: 'ann@example.org', dates: ['2027-01-19'], sitsOut: false, reason: 'Ann Lee is away on 2027-01-19: that meeting is skipped for their group.' },
      {
        email: 'ben@example.org',
        dates: ['2027-01-12', '2027-01-19', '2027-01-26', '2027-02-02'],
        sitsOut: true,
        reason: 'Ben Ode is away for 4 of 6 meetings (2027-01-12, 2027-01-19, 2027-01-26 and 2027-02-02) and sits this cycle out.',
      },
      {
        email: 'cid@example.org',
        dates: ['2027-01-12', '2027-01-19', '2027-01-26'],
        sitsOut: false,
        reason: 'cid@example.org is away on 2027-01-12, 2027-01-19 and 2027-01-26: those meetings are skipped for their group.',
      },
    ]);
    expect(sittingOut([ann, ben, cid, dee], CYCLE)).toEqual(['ben@example.org']);
    // 2 of 3 (fortnightly) is more than half.
    expect(sittingOut([cid], ['2027-01-12', '2027-01-26', '2027-02-09'])).toEqual(['cid@example.org']);
  });

  it('a group skips the meetings any member is away for: EXDATEs on its series, which keeps its end', () => {
    const g = groupMeetings(CYCLE, 1, [ann, dee]);
    expect(g.dates).toEqual(['2027-01-05', '2027-01-12', '2027-01-26', '2027-02-02', '2027-02-09']);
    expect(g.skipped).toEqual([{ date: '2027-01-19', why: 'Ann Lee is away' }]);
    expect(g.series).toEqual({ startDate: '2027-01-05', count: 6, exdates: ['2027-01-19'], intervalWeeks: 1 });
    const trio = groupMeetings(CYCLE, 1, [ann, cid, dee]);
    expect(trio.skipped).toEqual([
      { date: '2027-01-12', why: 'cid@example.org is away' },
      { date: '2027-01-19', why: 'Ann Lee and cid@example.org are away' },
      { date: '2027-01-26', why: 'cid@example.org is away' },
    ]);
    expect(trio.series).toEqual({ startDate: '2027-01-05', count: 6, exdates: ['2027-01-12', '2027-01-19', '2027-01-26'], intervalWeeks: 1 });
  });

  it('with the program\'s skipped dates too: both are EXDATEs of the one series', () => {
    const plan = planMeetings({ firstDate: '2026-12-08', intervalWeeks: 1, meetings: 6, skip: ranges('2026-12-21..2027-01-03') });
    const g = groupMeetings(plan.dates, 1, [ann, dee]);
    expect(g.dates).toEqual(['2026-12-08', '2026-12-15', '2027-01-05', '2027-01-12', '2027-01-26']);
    expect(g.series).toEqual({ startDate: '2026-12-08', count: 8, exdates: ['2026-12-22', '2026-12-29', '2027-01-19'], intervalWeeks: 1 });
  });

  it('a member away on the first or last meeting moves the series start or end', () => {
    const first = groupMeetings(CYCLE, 1, [{ email: 'x@example.org', away: ranges('2027-01-05, 2027-02-09') }]);
    expect(first.series).toEqual({ startDate: '2027-01-12', count: 4, exdates: [], intervalWeeks: 1 });
    expect(groupMeetings(CYCLE, 1, [{ email: 'x@example.org', away: ranges('2027-01-01..2027-03-01') }]).series).toBeNull();
  });

  it('after booking: the future meetings a member is now away for', () => {
    const later: AwayPerson = { ...dee, away: ranges('2027-01-12, 2027-02-02') };
    expect(newlyAway(CYCLE, [ann, later], '2027-01-15')).toEqual([
      { date: '2027-01-19', why: 'Ann Lee is away' },
      { date: '2027-02-02', why: 'Dee is away' },
    ]);
  });
});
