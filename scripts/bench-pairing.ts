// Pairing benchmark (issue 3): cycles until the first repeat on a stable roster against the bound
// for that n, with and without teams kept apart; then 20 cycles with 10 % churn a cycle: repeats,
// constraint violations (checked here, independently of the engine) and milliseconds per cycle.
// Run: npm run bench (after scripts/bench.ts), or on its own: npx tsx scripts/bench-pairing.ts
// BENCH_BUDGET_S (default 60) caps each stable-roster run; a capped run prints "≥ K (stopped)".
import { performance } from 'node:perf_hooks';
import { planCycle } from '../src/core/pairing';
import type { PastGroup, Person } from '../src/core/people';
import { seededRandom } from '../src/core/random';

const STABLE_SIZES = [4, 12, 13, 50, 51, 200, 500];
const CHURN_SIZES = [...STABLE_SIZES, 1000, 2000];
const CHURN_CYCLES = 20;
const CHURN_RATE = 0.1;
const BUDGET_MS = Number(process.env.BENCH_BUDGET_S ?? 60) * 1000;
const SEED = 'bench';


/** Teams of about five, assigned round-robin (at least two teams). */
const teamCount = (n: number) => Math.max(2, Math.round(n / 5));

function person(i: number, teams: number, team = true): Person {
  return { email: `m${i}@example.com`, name: `Manager ${i}`, team: team ? `Team ${i % teams}` : '', timeZone: '', status: 'Active', avoid: [], workingHours: '', row: i + 2 };
}

const key = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);
function pairsOf(members: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) out.push(key(members[i], members[j]));
  return out;
}

/**
 * Upper bound on cycles without a repeat on a stable roster of n where each person may meet only
 * `allowed(p)` others. Even n: every cycle uses one new partner per person, so min over people of
 * their allowed partners. Odd n: a cycle uses (n+3)/2 new pairs ((n-3)/2 pairs and a trio's 3), so
 * also at most (allowed pairs) / ((n+3)/2) — n(n-1)/(n+3) on a complete roster, 47 for n = 51.
 */
function bound(n: number, teamSizes: number[] | null): number {
  const minDegree = teamSizes ? n - Math.max(...teamSizes) : n - 1;
  if (n % 2 === 0) return minDegree;
  const allowedPairs = teamSizes ? (n * n - teamSizes.reduce((s, t) => s + t * t, 0)) / 2 : (n * (n - 1)) / 2;
  return Math.min(minDegree, Math.floor(allowedPairs / ((n + 3) / 2)));
}

interface StableRun {
  clean: number;
  stopped: boolean;
  bound: number;
  seconds: number;
}

/** Plans cycle after cycle until the first repeat (found here, not from the engine's report). */
function stable(n: number, keepTeamsApart: boolean): StableRun {
  const teams = teamCount(n);
  const people = Array.from({ length: n }, (_, i) => person(i, teams, keepTeamsApart));
  const sizes = keepTeamsApart ? Array.from({ length: teams }, (_, t) => people.filter((p) => p.team === `Team ${t}`).length) : null;
  const limit = bound(n, sizes);
  const met = new Set<string>();
  const history: PastGroup[] = [];
  const start = performance.now();
  for (let cycle = 1; ; cycle++) {
    if (performance.now() - start > BUDGET_MS) return { clean: cycle - 1, stopped: true, bound: limit, seconds: (performance.now() - start) / 1000 };
    const result = planCycle(people, history, { seed: SEED, cycle, keepTeamsApart });
    const pairs = result.groups.flatMap((g) => pairsOf(g.members));
    if (pairs.some((p) => met.has(p)) || cycle > limit + 1) return { clean: cycle - 1, stopped: false, bound: limit, seconds: (performance.now() - start) / 1000 };
    for (const p of pairs) met.add(p);
    for (const g of result.groups) history.push({ cycle, members: g.members });
  }
}

interface ChurnRun {
  repeats: number;
  /** Repeats made while the never-met allowed graph provably had a grouping without one. */
  avoidable: number;
  violations: { avoid: number; placement: number; teammates: number };
  medianMs: number;
  maxMs: number;
}

/**
 * A sufficient condition, checked here, for a grouping of the active people that uses only
 * `ok` pairs: every vertex has at least n/2 such partners (even n: Dirac, so a Hamiltonian cycle
 * and a perfect matching) or (n+3)/2 (odd n: a triangle can be taken out greedily and Dirac holds
 * for the rest).
 */
function surelyGroupable(active: readonly Person[], ok: (a: Person, b: Person) => boolean): boolean {
  const n = active.length;
  const need = n % 2 === 0 ? n / 2 : (n + 3) / 2;
  if (n < 2) return false;
  return active.every((a) => active.reduce((d, b) => d + (a !== b && ok(a, b) ? 1 : 0), 0) >= need);
}

/** 20 cycles; before each one after the first, 10 % of the active people leave and as many join. */
function churn(n: number): ChurnRun {
  const random = seededRandom(n * 7919 + 17);
  const teams = teamCount(n);
  let next = 0;
  const roster: Person[] = [];
  const join = () => {
    const p = person(next++, teams);
    roster.push(p);
    return p;
  };
  /** About one person in twenty avoids someone active. */
  const maybeAvoid = (p: Person) => {
    const active = roster.filter((q) => q.status === 'Active' && q !== p);
    if (random() < 0.05 && active.length > 0) p.avoid.push(active[Math.floor(random() * active.length)].email);
  };
  for (let i = 0; i < n; i++) join();
  for (const p of roster) maybeAvoid(p);

  const byEmail = new Map<string, Person>();
  const avoids = (a: Person, b: Person) => a.avoid.includes(b.email) || b.avoid.includes(a.email);
  const met = new Map<string, number>();
  const history: PastGroup[] = [];
  const run: ChurnRun = { repeats: 0, avoidable: 0, violations: { avoid: 0, placement: 0, teammates: 0 }, medianMs: 0, maxMs: 0 };
  const times: number[] = [];

  for (let cycle = 1; cycle <= CHURN_CYCLES; cycle++) {
    if (cycle > 1) {
      const leave = Math.max(1, Math.round(n * CHURN_RATE));
      for (let k = 0; k < leave; k++) {
        const active = roster.filter((p) => p.status === 'Active');
        active[Math.floor(random() * active.length)].status = 'Left';
      }
      for (let k = 0; k < leave; k++) maybeAvoid(join());
    }
    for (const p of roster) byEmail.set(p.email, p);
    const active = roster.filter((p) => p.status === 'Active');

    const t = performance.now();
    const result = planCycle(roster, history, { seed: SEED, cycle, keepTeamsApart: true });
    times.push(performance.now() - t);

    // Placement: every active person exactly once, nobody else; pairs, and one trio for odd n.
    const placed = new Map<string, number>();
    for (const g of result.groups) for (const e of g.members) placed.set(e, (placed.get(e) ?? 0) + 1);
    const allowed = (a: Person, b: Person) => !avoids(a, b) && a.team !== b.team;
    const canKeepApart = surelyGroupable(active, allowed);
    let placement = active.filter((p) => placed.get(p.email) !== 1).length;
    placement += [...placed.keys()].filter((e) => byEmail.get(e)?.status !== 'Active').length;
    const trios = result.groups.filter((g) => g.members.length === 3).length;
    if (result.groups.some((g) => g.members.length < 2 || g.members.length > 3)) placement++;
    if (canKeepApart && trios !== active.length % 2) placement++;
    run.violations.placement += placement;

    let repeats = 0;
    for (const g of result.groups) {
      const members = g.members.map((e) => byEmail.get(e) as Person).filter(Boolean);
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          if (avoids(members[i], members[j])) run.violations.avoid++;
          if (canKeepApart && members[i].team === members[j].team) run.violations.teammates++;
        }
      }
      for (const p of pairsOf(g.members)) if (met.has(p)) repeats++;
    }
    if (repeats > 0) {
      run.repeats += repeats;
      if (surelyGroupable(active, (a, b) => allowed(a, b) && !met.has(key(a.email, b.email)))) run.avoidable += repeats;
    }
    for (const g of result.groups) {
      for (const p of pairsOf(g.members)) met.set(p, cycle);
      history.push({ cycle, members: g.members });
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  run.medianMs = sorted[Math.floor(sorted.length / 2)];
  run.maxMs = sorted[sorted.length - 1];
  return run;
}

function table(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const began = performance.now();
console.log(`\nPairing engine (src/core/pairing.ts), Node ${process.version}, seed "${SEED}"`);
console.log('\nStable roster: cycles until the first repeat (clean cycles) against the bound for n.');
console.log(`Teams of about 5 (round-robin, n/5 teams); each run capped at ${BUDGET_MS / 1000} s.`);
const stableRows: string[][] = [];
for (const n of STABLE_SIZES) {
  const row = [String(n)];
  let seconds = 0;
  for (const apart of [false, true]) {
    const r = stable(n, apart);
    seconds += r.seconds;
    row.push(r.stopped ? `≥ ${r.clean} (stopped)` : String(r.clean), String(r.bound), r.stopped ? '' : r.clean >= r.bound ? 'optimum' : `-${r.bound - r.clean}`);
  }
  row.push(seconds.toFixed(1));
  stableRows.push(row);
}
console.log(
  table(
    ['n', 'clean cycles', 'bound', '', 'teams apart: clean', 'bound', '', 'run s'],
    stableRows,
    [true, true, true, false, true, true, false, true],
  ),
);

console.log(`\nChurn: ${CHURN_CYCLES} cycles, ${CHURN_RATE * 100} % of the active people leave before each cycle and as many join;`);
console.log('teams of about 5 kept apart; about 1 person in 20 avoids someone. Violations are checked here:');
console.log('avoid = a group an avoid list forbids; placement = an active person not placed exactly once, an');
console.log('inactive one placed, or a wrong number of trios; teammates = teammates grouped although a grouping');
console.log('without any provably exists. "avoidable" = repeats made while the never-met allowed graph provably');
console.log('still had a grouping (degree condition), which must be 0.');
const churnRows: string[][] = [];
for (const n of CHURN_SIZES) {
  const r = churn(n);
  const v = r.violations;
  churnRows.push([String(n), String(r.repeats), String(r.avoidable), String(v.avoid), String(v.placement), String(v.teammates), r.medianMs.toFixed(1), r.maxMs.toFixed(1)]);
}
console.log(table(['n', 'repeats', 'avoidable', 'avoid', 'placement', 'teammates', 'ms/cycle (median)', 'max'], churnRows, Array(8).fill(true)));
console.log(`\ntotal ${((performance.now() - began) / 1000).toFixed(0)} s`);
