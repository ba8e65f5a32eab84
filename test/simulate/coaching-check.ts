// What every brief in a simulation result should say, worked out from the result's own Rotations
// and Roster (not from the add-on's code): for each occurrence that came due before the end, its
// session within its cycle (weeks since the cycle's first meeting, of the cycle's weekly meetings),
// its cycle, and who coaches whom (in the row's member order, alternating in a pair, rotating in a
// trio). Returns one line per occurrence that does not say so (none: every brief is right).
import type { SimulationResult } from '../../src/local/simulate/run';

const DAY = 86_400_000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function briefProblems(result: SimulationResult, endMs: number): { checked: number; problems: string[] } {
  const [h, ...rows] = result.sheets.Rotations;
  const col = (name: string) => h.indexOf(name);
  const [rh, ...roster] = result.sheets.Roster;
  const names = new Map(roster.map((r) => [r[rh.indexOf('Email')], r[rh.indexOf('Name')]]));
  const membersOf = (r: string[]) => [r[col('Member 1')], r[col('Member 2')], r[col('Member 3')]].filter(Boolean);
  // A cycle runs from the first day any of its rows held (replaced rows too: they held its first
  // meetings) to the last day of any row; its meetings are weekly from its first day.
  const held = rows.filter((r) => ['scheduled', 'changed', 'replaced', 'cancelled'].includes(r[col('Status')]) && r[col('Starts')] <= r[col('Ends')]);
  const span = new Map<number, { from: string; to: string }>();
  for (const r of held) {
    const c = Number(r[col('Cycle')]);
    const s = span.get(c) ?? { from: r[col('Starts')], to: r[col('Ends')] };
    if (r[col('Starts')] < s.from) s.from = r[col('Starts')];
    if (r[col('Ends')] > s.to) s.to = r[col('Ends')];
    span.set(c, s);
  }
  const problems: string[] = [];
  let checked = 0;
  const seen = new Set<string>();
  for (const meetings of Object.values(result.calendars)) {
    for (const m of meetings) {
      const key = `${m.eventId}@${m.start}`;
      if (seen.has(key) || Date.parse(m.start) - DAY > endMs) continue;
      seen.add(key);
      const row = rows.find((r) => r[col('Event ID')] === m.eventId);
      if (!row) {
        problems.push(`${m.start} ${m.summary}: no Rotations row has its event`);
        continue;
      }
      const cycle = Number(row[col('Cycle')]);
      const { from, to } = span.get(cycle)!;
      const session = Math.round((Date.parse(m.start.slice(0, 10)) - Date.parse(from)) / (7 * DAY)) + 1;
      const sessions = Math.floor((Date.parse(to) - Date.parse(from)) / (7 * DAY)) + 1;
      const members = membersOf(row);
      // Someone deleted from the Roster since has no name in the result: any name stands for them.
      const name = (email: string) => (names.has(email) ? escapeRegExp(names.get(email)!) : '[^<]+');
      const coach = name(members[(session - 1) % members.length]);
      const coachee = name(members[session % members.length]);
      const want = [`<b>Session ${session} of ${sessions}</b> · cycle ${cycle}`, `<b>This week ${coach} coaches ${coachee}</b>`];
      const missing = want.filter((w, i) => (i === 0 ? !m.description.includes(w) : !new RegExp(w).test(m.description)));
      if (missing.length > 0) problems.push(`${m.start} ${row[col('Group')]}: wants ${missing.join(' and ')}; has ${m.description.slice(0, 160)}`);
      checked++;
    }
  }
  return { checked, problems };
}

/**
 * The result's coverage per cycle against the Rotations history, computed here: the people of a
 * cycle's groups that met, the pairs among them, and how many of those pairs shared a group in any
 * cycle up to it. One line per cycle whose figures differ.
 */
export function coverageProblems(result: SimulationResult): string[] {
  const [h, ...rows] = result.sheets.Rotations;
  const col = (name: string) => h.indexOf(name);
  const membersOf = (r: string[]) => [r[col('Member 1')], r[col('Member 2')], r[col('Member 3')]].filter(Boolean);
  const met = rows.filter((r) => !['replaced', 'planned'].includes(r[col('Status')]));
  const pairKey = (a: string, b: string) => [a, b].sort().join('|');
  const problems: string[] = [];
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
    const want = [population.length, possible, pairsMet];
    const has = [c.people, c.pairs, c.pairsMet];
    if (want.join() !== has.join()) problems.push(`cycle ${c.cycle}: people, pairs, pairs met ${has.join('/')}, Rotations says ${want.join('/')}`);
  }
  return problems;
}
