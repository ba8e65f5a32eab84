// "Skip these dates" reaches the calendars (issue 14, item 3): a meeting on a skipped date is not
// booked (EXDATE on the one series per group, no extra insert), and the cycle keeps its six
// meetings by running on, as its Rotations rows state.
import { calendarsOf } from '../../src/local/simulate/result';
import { confirmed, rotations, runToEnd, series } from './schedule-fixtures';

afterEach(() => jest.useRealTimers());

describe('skipped dates', () => {
  it('books one series per group without the skipped Tuesday, six meetings, the cycle running on a week', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
    const ws = confirmed({ n: 4, allActive: true, settings: { skipDates: '2027-01-19', keepMeetingCount: true } });
    runToEnd(ws);
    expect(rotations(ws).map((r) => [r.Starts, r.Ends])).toEqual([
      ['2027-01-05', '2027-02-22'],
      ['2027-01-05', '2027-02-22'],
    ]);
    expect(ws.ledger.count('Calendar.Events.insert')).toBe(2);
    const [first] = series(ws);
    expect(first.event.recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=7', 'EXDATE;TZID=Europe/London:20270119T100000']);
    const starts = calendarsOf(ws, ['m1@example.com'], 'Europe/London')['m1@example.com'].map((m) => m.start.slice(0, 10));
    expect(starts).toEqual(['2027-01-05', '2027-01-12', '2027-01-26', '2027-02-02', '2027-02-09', '2027-02-16']);
  });

  it('a cycle that shrinks instead keeps its dates and books five meetings', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
    const ws = confirmed({ n: 4, allActive: true, settings: { skipDates: '2027-01-19', keepMeetingCount: false } });
    runToEnd(ws);
    expect(rotations(ws)[0].Ends).toBe('2027-02-15');
    const starts = calendarsOf(ws, ['m1@example.com'], 'Europe/London')['m1@example.com'].map((m) => m.start.slice(0, 10));
    expect(starts).toEqual(['2027-01-05', '2027-01-12', '2027-01-26', '2027-02-02', '2027-02-09']);
  });
});
