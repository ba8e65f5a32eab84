// Planning on the sample roster in the emulated Workspace (issue 14): every proposed group shares
// working hours in the cycle's weeks, at the settings' meeting length, and each reason says when.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { setUp } from '../../src/app/setup';
import { saveSettings } from '../../src/app/settings';
import { addDays } from '../../src/core/dates';
import { reachPerson, weeklyOverlap } from '../../src/core/reachability';
import { checkRoster } from '../../src/core/roster';
import { sampleRosterTable, SAMPLE_TIME_ZONE } from '../../src/local/sample/roster';
import { execution, useWorkspace, writeSheet } from '../support/workspace';

describe('planRotation on the sample roster', () => {
  it('every group shares a meeting-length slot within working hours in every week of the cycle', () => {
    const ws = useWorkspace();
    execution(ws, setUp);
    writeSheet(ws, 'Roster', sampleRosterTable());
    execution(ws, () => saveSettings({ meetingMinutes: 45, timeZone: SAMPLE_TIME_ZONE }));
    const preview = execution(ws, () => planRotation({}));
    const people = checkRoster(sampleRosterTable()).people;
    const byEmail = new Map(people.map((p) => [p.email, p]));
    const dates = Array.from({ length: preview.meetings }, (_, k) => addDays(preview.starts, 7 * k));
    for (const g of preview.groups) {
      const rp = g.members.map((m) => m.email).sort().map((e) => reachPerson(byEmail.get(e)!, SAMPLE_TIME_ZONE));
      expect({ members: g.members.map((m) => m.name), meets: weeklyOverlap(rp, { minutes: 45, dates, zone: rp[0].timeZone }).everyWeek }).toEqual({ members: g.members.map((m) => m.name), meets: true });
      expect(g.reason).toMatch(/share \d\d:\d\d–\d\d:\d\d /);
    }
  });
});

describe('planRotation with "Skip these dates"', () => {
  it('the preview runs on past the holidays to keep six meetings and says which dates are skipped and why', () => {
    const ws = useWorkspace();
    execution(ws, setUp);
    writeSheet(ws, 'Roster', sampleRosterTable());
    execution(ws, () => saveSettings({ timeZone: SAMPLE_TIME_ZONE, firstMeetingDate: '2026-12-15', preferredWeekday: 'Tue', skipDates: '2026-12-21..2027-01-03' }));
    const preview = execution(ws, () => planRotation({}));
    expect({ starts: preview.starts, ends: preview.ends, meetings: preview.meetings }).toEqual({ starts: '2026-12-15', ends: '2027-02-08', meetings: 6 });
    expect(preview.warnings[0]).toBe('Skipped 2026-12-22 and 2026-12-29 (Skip these dates: 2026-12-21..2027-01-03); the cycle runs on to 2027-02-08 to keep 6 meetings.');
    // Confirmed, the rows state the dates the preview showed.
    expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
    const rows = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!.getDataRange().getDisplayValues();
    const [header, ...body] = rows;
    expect(new Set(body.map((r) => `${r[header.indexOf('Starts')]} ${r[header.indexOf('Ends')]}`))).toEqual(new Set(['2026-12-15 2027-02-08']));
  });
});
