// Planning on the sample roster in the emulated Workspace (issue 14): every proposed group shares
// working hours in the cycle's weeks, at the settings' meeting length, and each reason says when.
import { planRotation } from '../../src/app/plan';
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
