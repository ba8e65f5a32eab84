// `peer-coaching simulate` on the real bundle (build/Code.js: `npm run build` first): the owner
// types an Away date into the Roster after cycle 1 is booked; the change trigger marks the hourly
// run due, which skips that meeting for the person's group only (issue 14, item 3). Bad "away"
// events are refused with their line; --help documents the event.
import { jsonl, SAMPLE_ROSTER, simulateCli } from './run';

const BASE = ['simulate', '--roster', SAMPLE_ROSTER, '--now', '2027-01-04T08:00', '--out', '{dir}/result.json'];
const AMARA = 'amara.okafor@example.com';

describe('an Away date typed after booking', () => {
  const run = simulateCli([...BASE, '--until', '2027-02-12', '--events', '{dir}/e.jsonl'], {
    'e.jsonl': jsonl({ at: '2027-01-06T09:00', do: 'away', email: AMARA, away: '2027-01-19' }),
  });
  const result = run.result!;

  it('runs the change trigger, then the hourly run applies it', () => {
    expect([run.code, run.stderr]).toEqual([0, '']);
    const names = result.executions.map((e) => e.function);
    expect(names).toContain('onRosterChange');
    expect(result.executions.filter((e) => !e.ok)).toEqual([]);
    const roster = result.sheets.Roster;
    expect(roster[0]).toContain('Away');
    expect(roster.find((r) => r.includes(AMARA))![roster[0].indexOf('Away')]).toBe('2027-01-19');
  });

  it("the group's calendars have no meeting that day and keep the others; other groups keep theirs", () => {
    const days = (email: string) => result.calendars[email].map((m) => m.start.slice(0, 10));
    const group = result.calendars[AMARA][0].attendees;
    expect(group.length).toBeGreaterThanOrEqual(2);
    for (const email of group) {
      expect([email, days(email)]).toEqual([email, ['2027-01-05', '2027-01-12', '2027-01-26', '2027-02-02', '2027-02-09']]);
    }
    const others = Object.keys(result.calendars).filter((e) => !group.includes(e) && result.calendars[e].length > 0);
    expect(others.length).toBeGreaterThan(0);
    for (const email of others) expect([email, days(email).length]).toEqual([email, 6]);
    expect(others.filter((e) => days(e).includes('2027-01-19')).length).toBeGreaterThan(0);
    // One patch for the one series, besides one per brief (each occurrence's own description,
    // issue 13); nothing inserted again.
    const briefed = new Set(Object.values(result.calendars).flat().filter((m) => m.description.includes('<b>Session ')).map((m) => `${m.eventId}@${m.start}`));
    expect(briefed.size).toBe(29); // 5 groups × 6 meetings, less the one skipped
    expect(result.calls['Calendar.Events.patch']).toBe(1 + briefed.size);
    expect(result.calls['Calendar.Events.insert']).toBe(5);
  });

  it("the group's cycle 1 row says why, and the Log has the entry", () => {
    const rotations = result.sheets.Rotations;
    const notes = rotations.slice(1).filter((r) => r.includes(AMARA) && r[0] === '1').map((r) => r[rotations[0].indexOf('Notes')]);
    expect(notes).toEqual([expect.stringMatching(/No meeting on 2027-01-19: Amara Okafor away\.$/)]);
    expect(result.sheets.Log.some((r) => r.includes('away dates, cycle 1'))).toBe(true);
  });
});

describe('"away" events: bad input names the line, --help documents it', () => {
  it.each([
    ['a date that does not exist', '{"at":"2027-01-05T09:00","do":"away","email":"a@x.org","away":"2027-02-30"}', /e\.jsonl line 1: "away" "2027-02-30" \(character 1\) is not a date that exists/],
    ['not a string', '{"at":"2027-01-05T09:00","do":"away","email":"a@x.org","away":20270119}', /e\.jsonl line 1: "away" must be a string of dates/],
    ['no email', '{"at":"2027-01-05T09:00","do":"away","away":"2027-01-19"}', /e\.jsonl line 1: "email" must be a non-empty string/],
    ['an unknown field', '{"at":"2027-01-05T09:00","do":"away","email":"a@x.org","away":"","why":"x"}', /e\.jsonl line 1: unknown field "why"/],
  ])('%s', (_what, line, message) => {
    const run = simulateCli([...BASE, '--until', '2027-01-06', '--events', '{dir}/e.jsonl'], { 'e.jsonl': line });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('someone not on the Roster: a warning naming the line, the run goes on', () => {
    const run = simulateCli([...BASE, '--until', '2027-01-06', '--events', '{dir}/e.jsonl'], { 'e.jsonl': jsonl({ at: '2027-01-05T09:00', do: 'away', email: 'nobody@example.com', away: '2027-01-19' }) });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/events line 1: nobody@example\.com is not on the Roster/);
  });

  it('--help lists the away event', () => {
    const run = simulateCli(['simulate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/away \{email, away\}/);
  });
});
