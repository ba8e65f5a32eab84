// The coaching loop over three automatic cycles of the real bundle (issue 13's "Done when", item 7):
// every occurrence that came due shows, in `calendars`, its own brief with the right session
// number and cycle, the right coach (alternating in a pair, rotating in a trio, in the Rotations
// row's order) and the last commitment of each member who gave one; and the result's `coverage`
// per cycle equals what the Rotations history in the result says, computed here independently.
// Needs `npm run build` first (build/Code.js).
import { readFileSync } from 'node:fs';
import { readCsv } from '../../src/local/planner/csv';
import { readEvents } from '../../src/local/simulate/events';
import { simulate } from '../../src/local/simulate/run';
import { briefProblems, coverageProblems } from './coaching-check';
import { ROOT, SAMPLE_ROSTER, jsonl } from './run';

const CODE = readFileSync(`${ROOT}/build/Code.js`, 'utf8');
const UNTIL = '2027-04-30';
const AMARA = 'amara.okafor@example.com';
const TOM = 'tom.gallagher@example.com';
const DAY = 86_400_000;

describe('three cycles of briefs and coverage', () => {
  const sim = simulate({
    roster: readCsv(readFileSync(SAMPLE_ROSTER)),
    until: UNTIL,
    now: '2027-01-04T08:00',
    settings: { timeZone: 'Europe/London', findCommonTime: false },
    events: readEvents(
      jsonl(
        { at: '2027-01-05T18:00', do: 'feedback', email: AMARA, met: true, commitment: 'Ask my team what slows them down' },
        { at: '2027-01-12T18:00', do: 'feedback', email: TOM, met: true, commitment: 'Write the <hiring> plan =1+1' },
        { at: '2027-02-10T18:00', do: 'feedback', email: AMARA, met: true, commitment: 'Delegate the release notes' },
      ),
      'events.jsonl',
    ),
    code: CODE,
  });
  const { result } = sim;
  const [h, ...rows] = result.sheets.Rotations;
  const col = (name: string) => h.indexOf(name);
  const [rh, ...roster] = result.sheets.Roster;
  const nameOf = (email: string) => roster.find((r) => r[rh.indexOf('Email')] === email)![rh.indexOf('Name')];
  const end = Date.parse(`${UNTIL}T23:00:00Z`);

  it('runs without a failed execution', () => {
    expect(result.executions.filter((e) => !e.ok)).toEqual([]);
    expect(new Set(rows.map((r) => r[col('Cycle')]))).toEqual(new Set(['1', '2', '3']));
  });

  it('every occurrence due before the end carries its brief: session, cycle, coach, prompt', () => {
    const { checked, problems } = briefProblems(result, end);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(5 * 15); // five groups a week, about fifteen weeks
    const due = Object.values(result.calendars).flat().filter((m) => Date.parse(m.start) - DAY <= end);
    expect(due.every((m) => m.description.includes('This week’s prompt'))).toBe(true);
  });

  it("the members' last commitments are in the next briefs of their group, escaped, and then in their next group's", () => {
    const briefsOf = (email: string) => result.calendars[email].filter((m) => Date.parse(m.start) - DAY <= end);
    const amara = briefsOf(AMARA);
    const line = (who: string, text: string) => `Last time ${nameOf(who)} committed to: ${text}`;
    // Session 1 (2027-01-05) had none; from session 2 her commitment of 01-05 is shown, until a newer one.
    expect(amara[0].description).not.toContain('committed to');
    expect(amara[1].description).toContain(line(AMARA, 'Ask my team what slows them down'));
    const second = amara.find((m) => m.start > '2027-02-11')!;
    expect(second.description).toContain(line(AMARA, 'Delegate the release notes'));
    expect(second.description).not.toContain('Ask my team');
    const tom = briefsOf(TOM);
    expect(tom.find((m) => m.start > '2027-01-13')!.description).toContain(line(TOM, 'Write the &lt;hiring&gt; plan =1+1'));
    expect(tom[0].description).not.toContain('committed to');
  });

  it('coverage per cycle matches the Rotations history', () => {
    expect(coverageProblems(result)).toEqual([]);
    expect(result.coverage.map((c) => c.cycle)).toEqual([1, 2, 3]);
    // No repeat while anyone new is available: coverage grows cycle after cycle.
    const shares = result.coverage.map((c) => c.pairsMet);
    expect(shares[1]).toBeGreaterThan(shares[0]);
    expect(shares[2]).toBeGreaterThan(shares[1]);
  });
});
