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
  const membersOf = (r: string[]) => [r[col('Member 1')], r[col('Member 2')], r[col('Member 3')]].filter(Boolean);
  const [rh, ...roster] = result.sheets.Roster;
  const nameOf = (email: string) => roster.find((r) => r[rh.indexOf('Email')] === email)![rh.indexOf('Name')];
  const cycleStart = (cycle: number) => rows.filter((r) => Number(r[col('Cycle')]) === cycle).map((r) => r[col('Starts')]).sort()[0];
  const end = Date.parse(`${UNTIL}T23:00:00Z`);

  it('runs without a failed execution', () => {
    expect(result.executions.filter((e) => !e.ok)).toEqual([]);
    expect(new Set(rows.map((r) => r[col('Cycle')]))).toEqual(new Set(['1', '2', '3']));
  });

  it('every occurrence due before the end carries its brief: session, cycle, coach, prompt', () => {
    let checked = 0;
    for (const [email, meetings] of Object.entries(result.calendars)) {
      for (const m of meetings) {
        if (Date.parse(m.start) - DAY > end) continue; // not due yet when the simulation stopped
        const row = rows.find((r) => r[col('Event ID')] === m.eventId);
        expect([email, m.start, row !== undefined]).toEqual([email, m.start, true]);
        const cycle = Number(row![col('Cycle')]);
        const session = Math.round((Date.parse(m.start.slice(0, 10)) - Date.parse(cycleStart(cycle))) / (7 * DAY)) + 1;
        const members = membersOf(row!);
        const coach = members[(session - 1) % members.length];
        const coachee = members[session % members.length];
        expect([email, m.start, m.description]).toEqual([email, m.start, expect.stringContaining(`<b>Session ${session} of 6</b> · cycle ${cycle}`)]);
        expect(m.description).toContain(`<b>This week ${nameOf(coach)} coaches ${nameOf(coachee)}</b>`);
        expect(m.description).toContain('This week’s prompt');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(12 * 15); // twelve people, about fifteen weeks
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
    const met = rows.filter((r) => !['replaced', 'planned'].includes(r[col('Status')]));
    const pairKey = (a: string, b: string) => [a, b].sort().join('|');
    for (const c of result.coverage) {
      const population = [...new Set(met.filter((r) => Number(r[col('Cycle')]) === c.cycle).flatMap(membersOf))];
      const pairs = new Set<string>();
      for (const r of met.filter((x) => Number(x[col('Cycle')]) <= c.cycle)) {
        const ms = membersOf(r);
        for (let i = 0; i < ms.length; i++) for (let j = i + 1; j < ms.length; j++) pairs.add(pairKey(ms[i], ms[j]));
      }
      let pairsMet = 0;
      for (let i = 0; i < population.length; i++) for (let j = i + 1; j < population.length; j++) if (pairs.has(pairKey(population[i], population[j]))) pairsMet++;
      const possible = (population.length * (population.length - 1)) / 2;
      expect([c.cycle, c.people, c.pairs, c.pairsMet]).toEqual([c.cycle, population.length, possible, pairsMet]);
    }
    expect(result.coverage.map((c) => c.cycle)).toEqual([1, 2, 3]);
    // No repeat while anyone new is available: coverage grows cycle after cycle.
    const shares = result.coverage.map((c) => c.pairsMet);
    expect(shares[1]).toBeGreaterThan(shares[0]);
    expect(shares[2]).toBeGreaterThan(shares[1]);
  });
});
