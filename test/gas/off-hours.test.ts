// Groups meeting outside someone's working hours are listed (issue 14, item 4): in the sidebar's
// Invitations card (the schedule view's notes) and in the owner's digest of the booked cycle.
import { offHoursGroups } from '../../src/core/off-hours';
import type { Person } from '../../src/core/people';
import type { ScheduleRow } from '../../src/core/schedule';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { bookedItem } from '../../src/app/lifecycle';
import { execution } from '../support/workspace';
import { confirmed, runToEnd } from './schedule-fixtures';

afterEach(() => jest.useRealTimers());

describe('groups meeting outside working hours', () => {
  it('the Invitations card names the group, its time and whose hours it falls outside', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
    // Manager 1 works in Tokyo; every group meets at the preferred Tue 10:00 London (19:00 in Tokyo).
    const ws = confirmed({ n: 4, allActive: true, edit: (rows) => (rows[1][3] = 'Asia/Tokyo') });
    const views = runToEnd(ws);
    const notes = views[views.length - 1].notes.join('\n');
    expect(notes).toMatch(/^C1-0\d \(Manager 1, Manager \d\) meets Tue 10:00 \(Europe\/London\), outside working hours for Manager 1 \(6 of 6 meetings\)\.$/m);
    expect(notes.match(/outside working hours/g)).toHaveLength(1);
    // The owner's digest of the booked cycle says it too, next to the group's time.
    const item = execution(ws, () => bookedItem(1, new Date()));
    expect(item?.kind).toBe('booked');
    const whens = item && item.kind === 'booked' ? item.groups.map((g) => `${g.members.join(' and ')}: ${g.when}`) : [];
    expect(whens.filter((w) => /outside working hours/.test(w))).toEqual([expect.stringMatching(/^Manager 1 and Manager \d: Tue 10:00 \(Europe\/London\), outside working hours for Manager 1 \(6 of 6 meetings\)$/)]);
  });
});

describe('offHoursGroups', () => {
  const person = (email: string, timeZone: string, workingHours = ''): Person => ({ name: email.split('@')[0], email, team: '', timeZone, status: 'Active', avoid: [], workingHours }) as unknown as Person;
  const row = (over: Partial<ScheduleRow>): ScheduleRow => ({ index: 1, cycle: 1, starts: '2027-03-02', ends: '2027-04-12', group: 'C1-01', members: ['a@x.org', 'b@x.org'], dayAndTime: 'Tue 16:30', timeZone: 'Europe/London', status: 'scheduled', eventId: 'e', meetLink: '', notes: '', ...over });
  const settings = { ...DEFAULT_SETTINGS, meetingMinutes: 30 };

  it('counts, per member, the meetings outside their hours, daylight saving included', () => {
    // 16:30 London is 11:30 in New York until 2027-03-14, 12:30 once US daylight saving starts,
    // 11:30 again from 2027-03-28 (UK daylight saving): inside a 12:00-17:00 day on 03-16 and 03-23 only.
    const people = new Map([
      ['a@x.org', person('a@x.org', 'Europe/London')],
      ['b@x.org', person('b@x.org', 'America/New_York', '12:00-17:00')],
    ]);
    expect(offHoursGroups([row({})], people, settings, 'Europe/London')).toEqual([
      { group: 'C1-01', members: ['a', 'b'], when: 'Tue 16:30 (Europe/London)', outside: [{ name: 'b', meetings: 4 }], meetings: 6 },
    ]);
  });

  it('lists nothing for a group inside everyone\'s hours, and skips rows without a time', () => {
    const people = new Map([
      ['a@x.org', person('a@x.org', 'Europe/London')],
      ['b@x.org', person('b@x.org', 'Europe/Berlin')],
    ]);
    // 15:00 in London is 16:00 in Berlin: inside both days.
    expect(offHoursGroups([row({ dayAndTime: 'Tue 15:00' }), row({ dayAndTime: '' })], people, settings, 'Europe/London')).toEqual([]);
  });
});
