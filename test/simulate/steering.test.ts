// Participants steer themselves from the feedback form, over three cycles of the real bundle
// (issue 13 item 4; "skips honoured and reactivated on time"): Amara answers "skip the next cycle"
// in cycle 1, so she is in none of cycle 2's groups nor calendars, and back in cycle 3 without
// anyone doing anything; Daniel answers "leave the program", so he has no meeting from his group's
// next occurrence and his partner is re-homed from it. Cycles follow each other automatically.
// Needs `npm run build` first (build/Code.js).
import { readFileSync } from 'node:fs';
import { readCsv } from '../../src/local/planner/csv';
import { readEvents } from '../../src/local/simulate/events';
import { simulate } from '../../src/local/simulate/run';
import { calendarDifferences } from '../support/calendar-check';
import { ROOT, SAMPLE_ROSTER, jsonl } from './run';

const CODE = readFileSync(`${ROOT}/build/Code.js`, 'utf8');
const AMARA = 'amara.okafor@example.com';
const DANIEL = 'daniel.kim@example.com';

describe('three cycles in which one participant skips the next cycle and another leaves, from the form', () => {
  const weekly: string[][] = [];
  const sim = simulate({
    roster: readCsv(readFileSync(SAMPLE_ROSTER)),
    until: '2027-05-20',
    now: '2027-01-04T08:00',
    settings: { timeZone: 'Europe/London', findCommonTime: false },
    events: readEvents(
      jsonl(
        { at: '2027-01-12T18:00', do: 'feedback', email: AMARA, met: true, relationship: 4, coaching: 4, accountability: 4, nextCycle: 'skip' },
        { at: '2027-01-19T18:00', do: 'feedback', email: DANIEL, met: true, relationship: 3, coaching: 3, accountability: 3, nextCycle: 'leave' },
        { at: '2027-01-19T18:30', do: 'feedback', email: 'tom.gallagher@example.com', met: true, relationship: 5, coaching: 5, accountability: 5, nextCycle: 'in' },
      ),
      'events.jsonl',
    ),
    code: CODE,
    observe: { everyHours: 7 * 24, see: (at, s) => weekly.push(calendarDifferences(s.calendars, s.rotations).map((d) => `${at}: ${d}`)) },
  });
  const { result } = sim;
  const [h, ...rows] = result.sheets.Rotations;
  const col = (name: string) => h.indexOf(name);
  const membersOf = (r: string[]) => [r[col('Member 1')], r[col('Member 2')], r[col('Member 3')]].filter(Boolean);
  const cycleMembers = (cycle: number) => rows.filter((r) => Number(r[col('Cycle')]) === cycle && r[col('Status')] === 'scheduled').flatMap(membersOf);
  const meetings = (email: string, from: string, to: string) =>
    (result.calendars[email] ?? []).map((m) => Date.parse(m.start)).filter((t) => t >= Date.parse(from) && t < Date.parse(to));
  const roster = (email: string) => {
    const [rh, ...rr] = result.sheets.Roster;
    const row = rr.find((r) => r[rh.indexOf('Email')] === email)!;
    return Object.fromEntries(rh.map((x, i) => [x, row[i]]));
  };

  it('runs every execution without failure; every week every calendar equals Rotations', () => {
    expect(result.executions.filter((e) => !e.ok)).toEqual([]);
    expect(weekly.length).toBeGreaterThanOrEqual(19);
    expect(weekly.flat()).toEqual([]);
  });

  it('three cycles, back to back, the tick planning and booking cycles 2 and 3', () => {
    const starts = [1, 2, 3].map((c) => rows.find((r) => Number(r[col('Cycle')]) === c)?.[col('Starts')]);
    expect(starts).toEqual(['2027-01-05', '2027-02-16', '2027-03-30']);
    const actions = result.sheets.Log.slice(1).map((r) => r[1]);
    expect(actions).toEqual(expect.arrayContaining(['plan cycle 2', 'book cycle 2', 'plan cycle 3', 'book cycle 3']));
  });

  it('the Roster says who chose what, when: Away holds cycle 2 for Amara, Daniel is Left', () => {
    expect(roster(AMARA)).toMatchObject({ Status: 'Active', Away: '2027-02-16..2027-03-29', Notes: '2027-01-12: chose to skip cycle 2 (2027-02-16..2027-03-29) on the feedback form.' });
    expect(roster(DANIEL)).toMatchObject({ Status: 'Left', Notes: '2027-01-19: chose to leave the program on the feedback form.' });
    expect(roster('tom.gallagher@example.com').Notes).toBe('');
    const steering = result.sheets.Log.slice(1).filter((r) => r[1] === 'steering').map((r) => r[3]);
    expect(steering).toEqual([
      'Amara Okafor chose to skip cycle 2 (2027-02-16..2027-03-29) on 2027-01-12: Away now includes 2027-02-16..2027-03-29.',
      'Daniel Kim chose to leave the program on 2027-01-19: Status set to Left.',
    ]);
    const digests = result.emails.map((e) => e.text).join('\n');
    expect(digests).toContain('Amara Okafor chose to skip cycle 2 (2027-02-16..2027-03-29) on 2027-01-12');
    expect(digests).toContain('Daniel Kim chose to leave the program on 2027-01-19');
  });

  it('the skip is honoured in cycle 2 and reactivated on time in cycle 3', () => {
    expect(cycleMembers(1)).toContain(AMARA);
    expect(cycleMembers(2)).not.toContain(AMARA);
    expect(cycleMembers(2).length).toBeGreaterThan(6);
    expect(cycleMembers(3)).toContain(AMARA);
    expect(meetings(AMARA, '2027-01-05T00:00:00Z', '2027-02-16T00:00:00Z')).toHaveLength(6);
    expect(meetings(AMARA, '2027-02-16T00:00:00Z', '2027-03-30T00:00:00Z')).toEqual([]);
    expect(meetings(AMARA, '2027-03-30T00:00:00Z', '2027-05-11T00:00:00Z')).toHaveLength(6);
  });

  it('the leaver has no meeting from the next occurrence; the partner is re-homed from it and meets every week', () => {
    const first = rows.find((r) => Number(r[col('Cycle')]) === 1 && membersOf(r).includes(DANIEL))!;
    const partners = membersOf(first).filter((m) => m !== DANIEL);
    expect(first[col('Status')]).toBe('changed');
    expect(first[col('Ends')]).toBe('2027-01-25');
    expect(meetings(DANIEL, '2027-01-19T18:00:00Z', '2027-06-01T00:00:00Z')).toEqual([]);
    for (const p of partners) {
      const rehomed = rows.find((r) => Number(r[col('Cycle')]) === 1 && r[col('Starts')] === '2027-01-26' && membersOf(r).includes(p));
      expect([p, rehomed?.[col('Status')]]).toEqual([p, 'scheduled']);
      expect([p, meetings(p, '2027-01-05T00:00:00Z', '2027-02-16T00:00:00Z').length]).toEqual([p, 6]);
    }
    expect(cycleMembers(2)).not.toContain(DANIEL);
    expect(cycleMembers(3)).not.toContain(DANIEL);
  });
});
