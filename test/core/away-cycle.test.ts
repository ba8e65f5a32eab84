import { peopleForCycle } from '../../src/core/away-cycle';
import type { Person } from '../../src/core/people';

const person = (email: string, name: string, more: Partial<Person> = {}): Person => ({
  email,
  name,
  team: '',
  timeZone: '',
  status: 'Active',
  avoid: [],
  workingHours: '',
  row: 2,
  ...more,
});
// Six weekly Tuesdays from 2027-01-05: 01-05, 01-12, 01-19, 01-26, 02-02, 02-09.
const settings = { cycleWeeks: 6, cadence: 'weekly' as const };

describe('peopleForCycle', () => {
  it('someone away for 4 of 6 meetings sits the cycle out (as Left), with the reason', () => {
    const ann = person('ann@example.org', 'Ann Lee', { away: [{ from: '2027-01-05', to: '2027-01-26' }] });
    const bob = person('bob@example.org', 'Bob Ray');
    const result = peopleForCycle([ann, bob], settings, '2027-01-05');
    expect(result.people.map((p) => p.status)).toEqual(['Left', 'Active']);
    expect(result.people[1]).toBe(bob);
    expect(result.warnings).toEqual(['Ann Lee is away for 4 of 6 meetings (2027-01-05, 2027-01-12, 2027-01-19 and 2027-01-26) and sits this cycle out.']);
  });

  it('3 of 6 does not sit out: the warning says their group skips those meetings', () => {
    const ann = person('ann@example.org', 'Ann Lee', { away: [{ from: '2027-01-05', to: '2027-01-19' }] });
    const result = peopleForCycle([ann], settings, '2027-01-05');
    expect(result.people[0].status).toBe('Active');
    expect(result.warnings).toEqual([expect.stringMatching(/^Ann Lee is away on 2027-01-05, 2027-01-12 and 2027-01-19: those meetings are skipped for their group\.$/)]);
  });

  it('Paused and Left people, and away dates outside the cycle, change nothing', () => {
    const far = person('a@example.org', 'A', { away: [{ from: '2026-01-01', to: '2026-12-31' }] });
    const paused = person('b@example.org', 'B', { status: 'Paused', away: [{ from: '2027-01-01', to: '2027-03-01' }] });
    const result = peopleForCycle([far, paused], settings, '2027-01-05');
    expect(result.people).toEqual([far, paused]);
    expect(result.warnings).toEqual([]);
  });
});
