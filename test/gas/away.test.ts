// The Roster's Away dates reach planning and the calendars (issue 14, item 3): someone away for
// most of a cycle sits it out (said in the preview), and a group's meeting on a date one of its
// members is away is left out of its one series (EXDATE), not booked.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import { calendarsOf } from '../../src/local/simulate/result';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';
import { confirmed, runToEnd, series } from './schedule-fixtures';

afterEach(() => jest.useRealTimers());

/** Roster rows (Name … Working hours, Notes, Away) for `n` active people; `away` by email. */
function rosterWithAway(n: number, away: Record<string, string>): string[][] {
  const rows = rosterRows(n, ['Name', 'Email', 'Team', 'Time zone', 'Status', 'Avoid pairing with', 'Working hours']);
  rows[0].push('Notes', 'Away');
  for (const r of rows.slice(1)) {
    r[4] = 'Active';
    r[5] = '';
    r[6] = '';
    r.push('', away[r[1]] ?? '');
  }
  return rows;
}

describe('Away dates in planning', () => {
  it('someone away for 4 of 6 meetings sits the cycle out, said in the preview like a paused person', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
    const ws = useWorkspace();
    execution(ws, setUp);
    // Cycle 1: six Tuesdays from 2027-01-05; m3 is away on the first four.
    writeSheet(ws, 'Roster', rosterWithAway(5, { 'm3@example.com': '2027-01-04..2027-01-28' }));
    execution(ws, () => saveSettings({ firstMeetingDate: '2027-01-05', findCommonTime: false }));
    const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
    const members = preview.groups.flatMap((g) => g.members.map((m) => m.email)).sort();
    expect(members).toEqual(['m1@example.com', 'm2@example.com', 'm4@example.com', 'm5@example.com']);
    expect(preview.warnings).toContain(
      'Manager 3 is away for 4 of 6 meetings (2027-01-05, 2027-01-12, 2027-01-19 and 2027-01-26) and sits this cycle out.',
    );
    expect(preview.groups.every((g) => g.members.length === 2)).toBe(true);
    // The confirm sees the same roster for the cycle: the plan is written, not replanned or refused.
    expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
  });

  it('someone away for 3 of 6 meetings is grouped, and the preview says which meetings their group skips', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
    const ws = useWorkspace();
    execution(ws, setUp);
    writeSheet(ws, 'Roster', rosterWithAway(4, { 'm3@example.com': '2027-01-19' }));
    execution(ws, () => saveSettings({ firstMeetingDate: '2027-01-05', findCommonTime: false }));
    const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
    expect(preview.groups.flatMap((g) => g.members)).toHaveLength(4);
    expect(preview.warnings).toContain('Manager 3 is away on 2027-01-19: that meeting is skipped for their group.');
  });
});

describe('Away dates in scheduling', () => {
  it("a member away one Tuesday: their group's one series carries that EXDATE, the other group's does not", () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
    const ws = confirmed({
      n: 4,
      allActive: true,
      edit: (rows) => {
        rows[0].push('Notes', 'Away');
        for (const r of rows.slice(1)) r.push('', r[1] === 'm1@example.com' ? '2027-01-19' : '');
      },
    });
    runToEnd(ws);
    expect(ws.ledger.count('Calendar.Events.insert')).toBe(2);
    const events = series(ws);
    const withM1 = events.find((e) => (e.event.attendees ?? []).some((a) => a.email === 'm1@example.com'))!;
    const other = events.find((e) => e !== withM1)!;
    expect(withM1.event.recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/London:20270119T100000']);
    expect(other.event.recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=6']);
    const partner = (withM1.event.attendees ?? []).map((a) => a.email).find((e) => e !== 'm1@example.com' && e !== undefined)!;
    const calendars = calendarsOf(ws, ['m1@example.com', partner], 'Europe/London');
    for (const email of ['m1@example.com', partner]) {
      expect(calendars[email].map((m) => m.start.slice(0, 10))).toEqual(['2027-01-05', '2027-01-12', '2027-01-26', '2027-02-02', '2027-02-09']);
    }
  });
});
