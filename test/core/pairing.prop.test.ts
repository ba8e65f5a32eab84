import fc from 'fast-check';
import { PairingError, planCycle } from '../../src/core/pairing';
import type { PairingResult, PastGroup, Person, Status } from '../../src/core/people';
import { cleanCycles, person, roster, simulate, someGrouping } from './pairing-fixtures';

/** A random roster of up to 10 people with teams, statuses, avoid lists, and a random history. */
const instance = fc
  .record({
    n: fc.integer({ min: 2, max: 10 }),
    statuses: fc.array(fc.constantFrom<Status>('Active', 'Active', 'Active', 'Active', 'Paused', 'Left'), { minLength: 10, maxLength: 10 }),
    teams: fc.array(fc.constantFrom('', '', 'Red', 'red ', 'Blue', 'Green'), { minLength: 10, maxLength: 10 }),
    avoid: fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 6 }),
    history: fc.array(fc.record({ cycle: fc.integer({ min: 1, max: 6 }), members: fc.uniqueArray(fc.nat(11), { minLength: 2, maxLength: 3 }) }), { maxLength: 25 }),
    seed: fc.string({ maxLength: 4 }),
    keepTeamsApart: fc.boolean(),
    shuffle: fc.nat(),
  })
  .map((x) => {
    const people: Person[] = Array.from({ length: x.n }, (_, i) => person(`P${i}`, { status: x.statuses[i], team: x.teams[i], avoid: [] }));
    for (const [a, b] of x.avoid) if (a < x.n && b < x.n && a !== b) people[a].avoid.push(people[b].email);
    // History may name people who left the roster (P10, P11) and groups of any shape.
    const history: PastGroup[] = x.history.map((g) => ({ cycle: g.cycle, members: g.members.map((i) => `p${i}@example.org`) }));
    const k = x.shuffle % x.n;
    return { people: [...people.slice(k), ...people.slice(0, k)], history, seed: x.seed, keepTeamsApart: x.keepTeamsApart };
  });

interface Facts {
  active: number[];
  allowed: (a: number, b: number) => boolean;
  team: (a: number, b: number) => boolean;
  met: (a: number, b: number) => boolean;
}

function facts(people: Person[], history: PastGroup[]): Facts {
  const byIndex = (e: string) => Number(e.slice(1, e.indexOf('@')));
  const active = people.filter((p) => p.status === 'Active').map((p) => byIndex(p.email)).sort((a, b) => a - b);
  const p = (i: number) => people.find((q) => byIndex(q.email) === i)!;
  const allowed = (a: number, b: number) => !p(a).avoid.includes(p(b).email) && !p(b).avoid.includes(p(a).email);
  const team = (a: number, b: number) => p(a).team.trim().toLowerCase() !== '' && p(a).team.trim().toLowerCase() === p(b).team.trim().toLowerCase();
  const metPairs = new Set<string>();
  for (const g of history) for (const x of g.members) for (const y of g.members) if (x !== y) metPairs.add(`${byIndex(x)}-${byIndex(y)}`);
  return { active, allowed, team, met: (a, b) => metPairs.has(`${a}-${b}`) };
}

const groupsOf = (r: PairingResult) => r.groups.map((g) => g.members.map((e) => Number(e.slice(1, e.indexOf('@')))));

describe('planCycle properties (random rosters, histories and constraints, n <= 10)', () => {
  it('places every active person once, never breaks an avoid list, and is optimal tier by tier', () => {
    fc.assert(
      fc.property(instance, ({ people, history, seed, keepTeamsApart }) => {
        const f = facts(people, history);
        const n = f.active.length;
        let r: PairingResult;
        try {
          r = planCycle(people, history, { seed, keepTeamsApart });
        } catch (e) {
          expect(e).toBeInstanceOf(PairingError);
          // Only when no grouping at all (any number of trios) respects the avoid lists.
          if (n >= 2) expect(someGrouping(f.active, f.allowed, n)).toBe(false);
          return;
        }
        const groups = groupsOf(r);
        expect(groups.flat().sort((a, b) => a - b)).toEqual(f.active);
        for (const g of groups) {
          expect(g.length === 2 || g.length === 3).toBe(true);
          for (const a of g) for (const b of g) if (a !== b) expect(f.allowed(a, b)).toBe(true);
        }
        const trios = groups.filter((g) => g.length === 3).length;
        // One trio when odd, none when even, whenever avoid lists allow that.
        if (someGrouping(f.active, f.allowed, n % 2)) expect(trios).toBe(n % 2);
        else expect(trios).toBeGreaterThan(n % 2);
        const pairs = groups.flatMap((g) => g.flatMap((a, i) => g.slice(i + 1).map((b) => [a, b] as const)));
        // Teammates only when no grouping (with as many trios) keeps every team apart.
        const teamsOk = (a: number, b: number) => f.allowed(a, b) && !(keepTeamsApart && f.team(a, b));
        const anyTeammates = keepTeamsApart && pairs.some(([a, b]) => f.team(a, b));
        if (anyTeammates) expect(someGrouping(f.active, teamsOk, trios)).toBe(false);
        expect(r.groups.some((g) => g.teammates && !g.locked && keepTeamsApart)).toBe(anyTeammates);
        // No repeat when a repeat-free grouping (teams apart, one trio at most) exists.
        if (trios === n % 2 && !anyTeammates && pairs.some(([a, b]) => f.met(a, b))) {
          expect(someGrouping(f.active, (a, b) => teamsOk(a, b) && !f.met(a, b), trios)).toBe(false);
        }
        // Warnings name each repeat.
        expect(r.warnings.filter((w) => w.includes(' meet again ')).length).toBe(r.groups.reduce((s, g) => s + g.repeats.length, 0));
      }),
      { numRuns: Number(process.env.RUNS ?? 400) },
    );
  });

  it('keeps the invariants on larger rosters (n up to 45: every trio search path)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 11, max: 45 }),
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.tuple(fc.nat(44), fc.nat(44)), { maxLength: 30 }),
        fc.integer({ min: 0, max: 8 }),
        fc.string({ maxLength: 3 }),
        (n, teams, avoid, cycles, seed) => {
          const people = roster(n, teams);
          for (const [a, b] of avoid) if (a < n && b < n && a !== b) people[a].avoid.push(people[b].email);
          const { history } = simulate(people.map((p) => ({ ...p, avoid: [] })), cycles, { seed: 'h' });
          const r = planCycle(people, history, { seed });
          expect(r.groups.flatMap((g) => g.members).sort()).toEqual(people.map((p) => p.email).sort());
          for (const g of r.groups) {
            expect(g.members.length === 2 || g.members.length === 3).toBe(true);
            for (const a of g.members) for (const b of g.members) expect(people.find((p) => p.email === a)!.avoid).not.toContain(b);
          }
          expect(r.groups.filter((g) => g.members.length === 3).length % 2).toBe(n % 2);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('does not depend on the input order of people and history', () => {
    fc.assert(
      fc.property(instance, fc.nat(), ({ people, history, seed }, k) => {
        const run = (ps: Person[], hs: PastGroup[]) => {
          try {
            return planCycle(ps, hs, { seed });
          } catch (e) {
            return (e as Error).message;
          }
        };
        const rot = <T>(xs: T[]) => (xs.length ? [...xs.slice(k % xs.length), ...xs.slice(0, k % xs.length)] : xs);
        expect(run(rot([...people].reverse()), rot(history))).toEqual(run(people, history));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps locked groups and plans the others around them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 12 }), fc.nat(), fc.string({ maxLength: 3 }), (n, k, seed) => {
        const people = roster(n);
        const a = k % n;
        const b = (a + 1 + (k % (n - 1))) % n;
        const locked = [[people[a].email, people[b].email]];
        const r = planCycle(people, [], { seed, locked });
        expect(r.groups.filter((g) => g.locked).map((g) => g.members)).toEqual(locked);
        expect(r.groups.flatMap((g) => g.members).sort()).toEqual(people.map((p) => p.email).sort());
        expect(r.groups.filter((g) => g.members.length === 3)).toHaveLength(n % 2);
      }),
      { numRuns: 60 },
    );
  });
});

/** Counting bound for an odd stable roster: each cycle forms (n - 3) / 2 + 3 pairs. */
const oddBound = (n: number) => Math.floor((n * (n - 1)) / (n + 3));

describe('planning ahead on a stable roster', () => {
  it.each([4, 6, 8, 12, 20, 50])('n = %i: the first n - 1 cycles have no repeat, every pair meets exactly once', (n) => {
    const people = roster(n);
    const { results, history } = simulate(people, n - 1, { seed: `rr${n}` });
    expect(cleanCycles(results)).toBe(n - 1);
    const pairs = new Map<string, number>();
    for (const g of history) pairs.set([...g.members].sort().join(' '), (pairs.get([...g.members].sort().join(' ')) ?? 0) + 1);
    expect(pairs.size).toBe((n * (n - 1)) / 2);
    expect([...pairs.values()].every((c) => c === 1)).toBe(true);
    expect(results.every((r) => r.warnings.length === 0)).toBe(true);
  });

  it('reaches the optimum for other seeds too (n = 12)', () => {
    for (const seed of ['', 'x', 'y', '42']) expect(cleanCycles(simulate(roster(12), 11, { seed }).results)).toBe(11);
  });

  it.each([
    [5, 1],
    [7, 3],
    [9, 4],
    [13, 9],
    [21, 16],
    [31, 26],
  ])('odd n = %i: %i clean cycles (counting bound minus at most two)', (n, measured) => {
    const { results } = simulate(roster(n), oddBound(n) + 1, { seed: 'odd' });
    const clean = cleanCycles(results);
    expect(clean).toBeGreaterThanOrEqual(oddBound(n) - 2);
    expect(clean).toBeGreaterThanOrEqual(measured);
  });

  it.each([9, 11, 13, 21])('odd n = %i: nobody is in the trio twice before everyone possible has been', (n) => {
    const { results } = simulate(roster(n), Math.floor(n / 3), { seed: 'trio' });
    const trio = results.flatMap((r) => r.groups.filter((g) => g.members.length === 3).flatMap((g) => g.members));
    expect(new Set(trio).size).toBe(trio.length);
  });

  it.each([
    [12, 3, 8],
    [12, 4, 9],
    [20, 4, 15],
    [30, 3, 20],
  ])('n = %i in %i teams kept apart: reaches the bound (%i clean cycles)', (n, teams, bound) => {
    for (const seed of ['a', 'b', 'c']) {
      const { results } = simulate(roster(n, teams), bound + 1, { seed });
      expect(cleanCycles(results)).toBe(bound); // required: >= bound - 2
      expect(results[bound].groups.some((g) => g.teammates)).toBe(false); // repeats come before teammates
    }
  });

  it('under churn, pairs newcomers with people who have met everyone else', () => {
    const people = roster(4);
    const { history } = simulate(people, 3, { seed: 'c' });
    const newcomers = [person('New1'), person('New2')];
    const r = planCycle([...people, ...newcomers], history, { seed: 'c' });
    expect(r.groups.some((g) => g.members.includes(newcomers[0].email) && g.members.includes(newcomers[1].email))).toBe(false);
    expect(r.groups.filter((g) => g.repeats.length > 0)).toHaveLength(1);
  });

  it('under churn, the full history still counts (someone pauses and comes back)', () => {
    const people = roster(8);
    const { history } = simulate(people, 5, { seed: 'back' });
    const cycle6 = [{ ...people[0], status: 'Paused' as const }, ...people.slice(1), person('New')];
    for (const g of planCycle(cycle6, history, { seed: 'back' }).groups) history.push({ cycle: 6, members: g.members });
    const r = planCycle([...people, person('New'), person('Other')], history, { seed: 'back' });
    expect(r.cycle).toBe(7);
    expect(r.groups.every((g) => g.repeats.length === 0)).toBe(true);
  });
});
