// Rotations rows for a change to a booked cycle: the next meeting and meetings left from a row,
// the ended rows' new Ends (the day before the next meeting, in the meeting's zone) and the new
// rows (from that meeting, at the kept time, or a chosen one for newcomers).
import { changeRows, firstMeetingPassed, runningRows } from '../../src/core/change-rows';
import { planChanges } from '../../src/core/changes';
import type { ScheduleRow } from '../../src/core/schedule';

const row = (over: Partial<ScheduleRow>): ScheduleRow => ({
  index: 1,
  cycle: 3,
  starts: '2027-03-02',
  ends: '2027-04-12',
  group: 'C3-01',
  members: ['a@x.org', 'b@x.org'],
  dayAndTime: 'Tue 10:00',
  timeZone: 'America/New_York',
  status: 'scheduled',
  eventId: 'e1',
  meetLink: '',
  notes: 'never met',
  ...over,
});

describe('runningRows', () => {
  it('finds the next meeting after now in the row zone (DST included) and counts the meetings left', () => {
    // 2027-03-16 10:00 New York is 14:00Z (DST began 2027-03-14); now is just after the 03-09 meeting.
    const [r] = runningRows([row({})], Date.parse('2027-03-09T15:30:00Z'), 'Europe/London', 1);
    expect(r.group).toEqual({ groupId: 'C3-01', members: ['a@x.org', 'b@x.org'], nextOccurrence: '2027-03-16T14:00:00.000Z', occurrencesLeft: 4 });
  });
  it('a meeting under way is not the next one; a cycle over has none', () => {
    expect(runningRows([row({})], Date.parse('2027-03-09T15:00:00Z'), 'UTC', 1)[0].group.nextOccurrence).toBe('2027-03-16T14:00:00.000Z');
    expect(runningRows([row({})], Date.parse('2027-04-07T00:00:00Z'), 'UTC', 1)[0].group).toMatchObject({ nextOccurrence: null, occurrencesLeft: 0 });
  });
  it('a row without a time yet counts from tomorrow', () => {
    const [r] = runningRows([row({ dayAndTime: '' })], Date.parse('2027-03-09T15:30:00Z'), 'UTC', 1);
    expect(r.group).toMatchObject({ nextOccurrence: '2027-03-10T05:00:00.000Z', occurrencesLeft: 5 });
  });
  it('every other week with a fortnightly cadence', () => {
    const [r] = runningRows([row({})], Date.parse('2027-03-03T00:00:00Z'), 'UTC', 2);
    expect(r.group).toMatchObject({ nextOccurrence: '2027-03-16T14:00:00.000Z', occurrencesLeft: 2 }); // 03-16 and 03-30
  });
});

describe('changeRows', () => {
  it('ends the leaver’s row the day before its next meeting and books the partner with another pair at its time', () => {
    const rows = [
      row({ index: 1, group: 'C3-01', members: ['a@x.org', 'b@x.org'] }),
      row({ index: 2, group: 'C3-02', members: ['c@x.org', 'd@x.org'], dayAndTime: 'Wed 15:00', timeZone: 'Europe/London' }),
    ];
    const now = Date.parse('2027-03-09T15:30:00Z');
    const running = runningRows(rows, now, 'UTC', 1);
    const people = ['a', 'b', 'c', 'd'].map((n) => ({ name: n.toUpperCase(), email: `${n}@x.org`, status: n === 'a' ? 'Left' : 'Active' }) as never);
    const plan = planChanges({ groups: running.map((r) => r.group), people, history: [], options: { cycle: 3, today: '2027-03-09' } });
    const out = changeRows(plan, running, 3, 'UTC', () => {
      throw new Error('no newcomer here');
    });
    expect(out.ended.map((e) => [e.index, e.ends])).toEqual([
      [1, '2027-03-15'],
      [2, '2027-03-09'],
    ]);
    expect(out.ended[0].notes).toBe('Changed: never met · A left on 2027-03-09; B moved to group C3-02.');
    expect(out.created).toEqual([
      { Cycle: 3, Starts: '2027-03-10', Ends: '2027-04-12', Group: 'C3-02', members: ['c@x.org', 'd@x.org', 'b@x.org'], 'Day and time': 'Wed 15:00', 'Time zone': 'Europe/London', Status: 'planned', Notes: 'B joined group C3-02 as its third.' },
    ]);
  });
});

describe('firstMeetingPassed', () => {
  it('is false until the first meeting starts', () => {
    expect(firstMeetingPassed([row({})], Date.parse('2027-03-02T14:59:00Z'), 'UTC')).toBe(false);
    expect(firstMeetingPassed([row({})], Date.parse('2027-03-02T15:00:00Z'), 'UTC')).toBe(true);
  });
});
