// The year of test/simulate/year.test.ts again, with a fault in 5% of the add-on's service calls
// from the day after the owner's day one (issue 11, item 8): every week every calendar still equals
// what Rotations states, and the year ends with the same cycles and everyone's same meetings as the
// clean year. (From the very first call, set-up does not get through: see the todo.)
import { simulateYear, cyclesOf } from './year-run';

const clean = simulateYear();
const faulted = simulateYear({ rate: 0.05, seed: 11, from: Date.parse('2027-01-05T00:00:00Z') });

describe('a year with a fault in 5% of service calls after day one', () => {
  it('faults happened, every execution that failed was followed by one that did its work, every week every calendar equals Rotations', () => {
    expect(faulted.sim.result.executions.filter((e) => !e.ok).length).toBeGreaterThan(50);
    expect(faulted.weekly.length).toBeGreaterThanOrEqual(52);
    expect(faulted.weekly.flat()).toEqual([]);
  });

  it('ends with the same cycles as the clean year, back to back, none twice for the same dates', () => {
    const cycles = (s: typeof clean) => cyclesOf(s.sim.result.sheets.Rotations).map((c) => [c.cycle, c.starts, c.ends, c.groups]);
    expect(cycles(faulted)).toEqual(cycles(clean));
  });

  it("ends with everyone's same meetings as the clean year (times; the partners may differ)", () => {
    const times = (s: typeof clean) => Object.fromEntries(Object.entries(s.sim.result.calendars).map(([email, ms]) => [email, ms.map((m) => m.start)]));
    expect(times(faulted)).toEqual(times(clean));
  });

  // Open (issue 11, item 8): with faults from the very first call, set-up (about 200 calls, a retry
  // re-checking everything) almost never completes at 5% a call, and the owner stops after 24 tries.
  it.todo('with faults from the very first call, gets through day one and ends with the same meetings');
});
