// Shared helpers of the pairing tests: rosters, simulated cycles, brute-force groupings.
import { planCycle } from '../../src/core/pairing';
import type { PairingOptions, PairingResult, PastGroup, Person, Status } from '../../src/core/people';

export function person(name: string, extra: Partial<Person> = {}): Person {
  return {
    email: `${name.toLowerCase()}@example.org`,
    name,
    team: '',
    timeZone: '',
    status: 'Active' as Status,
    avoid: [],
    workingHours: '',
    row: 2,
    ...extra,
  };
}

export const email = (name: string) => `${name.toLowerCase()}@example.org`;

/** n people P0..P(n-1); with teams > 0, person i is in team T(i mod teams). */
export function roster(n: number, teams = 0): Person[] {
  return Array.from({ length: n }, (_, i) => person(`P${i}`, { team: teams ? `T${i % teams}` : '', row: i + 2 }));
}

/** Plans `cycles` cycles one after the other, feeding each result back as history. */
export function simulate(people: Person[], cycles: number, options: PairingOptions = {}): { results: PairingResult[]; history: PastGroup[] } {
  const history: PastGroup[] = [];
  const results: PairingResult[] = [];
  for (let c = 0; c < cycles; c++) {
    const r = planCycle(people, history, options);
    results.push(r);
    for (const g of r.groups) history.push({ cycle: r.cycle, members: g.members });
  }
  return { results, history };
}

/** Cycles before the first repeat (or teammate group). */
export function cleanCycles(results: PairingResult[]): number {
  const k = results.findIndex((r) => r.groups.some((g) => g.repeats.length > 0 || g.teammates));
  return k < 0 ? results.length : k;
}

/**
 * Every grouping of `ids` into pairs and at most `maxTrios` trios whose pairs all pass `ok`
 * (brute force; small n only). Calls visit for each and stops when it returns true.
 */
export function someGrouping(ids: number[], ok: (a: number, b: number) => boolean, maxTrios: number): boolean {
  if (ids.length === 0) return true;
  const [a, ...rest] = ids;
  for (let i = 0; i < rest.length; i++) {
    const b = rest[i];
    if (!ok(a, b)) continue;
    const others = rest.filter((_, k) => k !== i);
    if (someGrouping(others, ok, maxTrios)) return true;
    if (maxTrios > 0) {
      for (let j = i + 1; j < rest.length; j++) {
        const c = rest[j];
        if (!ok(a, c) || !ok(b, c)) continue;
        if (someGrouping(rest.filter((_, k) => k !== i && k !== j), ok, maxTrios - 1)) return true;
      }
    }
  }
  return false;
}
