// Reachability benchmark (issue 14, item 2): on rosters whose reachable graph is a union of
// regions (nobody can meet across them within working hours), the clean cycles of each region
// (cycles before its first repeat; no group may cross regions) against the optimum: size − 1 for
// an even region, the counting bound n(n−1)/(n+3) for the odd one holding the trio. Then the time
// to plan one cycle at 1,000 people across 6 zones (the target: under 1 s) and at the 10,000-person
// limit, each group checked reachable independently of the engine.
// Run: npx tsx scripts/bench-regions.ts (part of npm run bench).
import { performance } from 'node:perf_hooks';
import { addDays } from '../src/core/dates';
import { planCycle } from '../src/core/pairing';
import type { PairingReachability, PairingResult, PastGroup, Person } from '../src/core/people';
import { reachabilityIndex, reachPerson } from '../src/core/reachability';

const SETTINGS_ZONE = 'Europe/London';
const FIRST = '2027-01-05';

/** Three regions nobody can meet across (checked before the run): zones and working hours. */
const REGIONS = [
  { name: 'Europe', zones: ['Europe/London', 'Europe/Berlin'], hours: '10:00-16:00' },
  { name: 'Asia', zones: ['Asia/Tokyo', 'Asia/Singapore'], hours: '10:00-16:00' },
  { name: 'US West', zones: ['America/Los_Angeles', 'America/Denver'], hours: '10:00-17:00' },
];
const SIX_ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo'];

function person(email: string, timeZone: string, workingHours: string, team: string, row: number): Person {
  return { email, name: email.split('@')[0], team, timeZone, status: 'Active', avoid: [], workingHours, row };
}

/** The dates of cycle c (0-based): six weekly meetings, cycles back to back. */
function reachOf(c: number): PairingReachability {
  const starts = addDays(FIRST, 42 * c);
  return { settingsZone: SETTINGS_ZONE, minutes: 30, dates: Array.from({ length: 6 }, (_, k) => addDays(starts, 7 * k)) };
}

function unreachable(people: Person[], result: PairingResult, reach: PairingReachability): number {
  const index = new Map(people.map((p, i) => [p.email, i]));
  const ix = reachabilityIndex(people.map((p) => reachPerson(p, reach.settingsZone)), { minutes: reach.minutes, dates: reach.dates });
  let bad = 0;
  for (const g of result.groups) {
    const m = g.members.map((e) => index.get(e)!);
    const ok = m.length === 2 ? ix.canMeet(m[0], m[1]) : ix.canMeet(m[0], m[1]) && ix.canMeet(m[0], m[2]) && ix.canMeet(m[1], m[2]) && ix.canMeetAll(m[0], m[1], m[2]);
    if (!ok) bad++;
  }
  return bad;
}

function regionsRun(sizes: number[], keepTeams: boolean): void {
  const people: Person[] = [];
  const regionOf = new Map<string, number>();
  sizes.forEach((size, r) => {
    for (let i = 0; i < size; i++) {
      const email = `r${r}m${i}@example.com`;
      regionOf.set(email, r);
      people.push(person(email, REGIONS[r].zones[i % 2], REGIONS[r].hours, keepTeams ? `Team ${r}.${i % 4}` : '', people.length + 2));
    }
  });
  // The regions are what they say.
  const ix = reachabilityIndex(people.map((p) => reachPerson(p, SETTINGS_ZONE)), { minutes: 30, dates: Array.from({ length: 60 }, (_, k) => addDays(FIRST, 7 * k)) });
  for (let a = 0; a < people.length; a++) {
    for (let b = 0; b < people.length; b++) {
      if (a !== b && ix.canMeet(a, b) !== (regionOf.get(people[a].email) === regionOf.get(people[b].email))) throw new Error(`Regions are not separate: ${people[a].email} ${people[b].email}`);
    }
  }
  const optimum = sizes.map((n) => (n % 2 === 0 ? n - 1 : Math.floor((n * (n - 1)) / (n + 3))));
  // With teams of about a quarter of the region kept apart, an even region's bound is n − largest team.
  const teamBound = sizes.map((n, r) => (keepTeams && n % 2 === 0 ? n - Math.ceil(n / 4) : optimum[r]));
  const clean = sizes.map(() => -1);
  const history: PastGroup[] = [];
  const cycles = Math.max(...optimum) + 2;
  let crossing = 0;
  let bad = 0;
  let ms = 0;
  for (let c = 0; c < cycles && clean.some((k) => k < 0); c++) {
    const reach = reachOf(c);
    const t0 = performance.now();
    const result = planCycle(people, history, { seed: 'bench', keepTeamsApart: keepTeams, reachability: reach });
    ms += performance.now() - t0;
    bad += unreachable(people, result, reach);
    for (const g of result.groups) {
      const rs = new Set(g.members.map((e) => regionOf.get(e)!));
      if (rs.size > 1) crossing++;
      const r = regionOf.get(g.members[0])!;
      if (clean[r] < 0 && (g.repeats.length > 0 || (keepTeams && g.teammates))) clean[r] = c;
      history.push({ cycle: result.cycle, members: g.members });
    }
  }
  sizes.forEach((n, r) => {
    const k = clean[r] < 0 ? `≥ ${cycles}` : String(clean[r]);
    const best = keepTeams ? teamBound[r] : optimum[r];
    console.log(
      `  ${REGIONS[r].name.padEnd(8)} ${String(n).padStart(3)} people: ${k.padStart(4)} clean cycles, optimum ${best}${n % 2 === 1 ? ' (odd: counting bound)' : keepTeams ? ' (size − largest team)' : ' (size − 1)'}`,
    );
  });
  console.log(`  groups across regions: ${crossing}; groups that cannot meet: ${bad}; ${(ms / cycles).toFixed(0)} ms a cycle`);
}

function timing(n: number, cycles: number): void {
  const people = Array.from({ length: n }, (_, i) => person(`z${i}@example.com`, SIX_ZONES[i % 6], '', `Team ${i % Math.max(2, Math.round(n / 8))}`, i + 2));
  const history: PastGroup[] = [];
  const times: number[] = [];
  let bad = 0;
  let repeats = 0;
  for (let c = 0; c < cycles; c++) {
    const reach = reachOf(c);
    const t0 = performance.now();
    const result = planCycle(people, history, { seed: 'bench', reachability: reach });
    times.push(performance.now() - t0);
    bad += unreachable(people, result, reach);
    for (const g of result.groups) {
      repeats += g.repeats.length;
      history.push({ cycle: result.cycle, members: g.members });
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `  ${n.toLocaleString('en')} people, 6 zones: ${times.map((t) => t.toFixed(0)).join(', ')} ms per cycle (median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms); groups that cannot meet: ${bad}; repeats: ${repeats}`,
  );
}

console.log('Reachability: clean cycles per region (regions nobody can meet across), against the optimum');
for (const [sizes, teams] of [
  [[20, 16, 12], false],
  [[21, 16, 12], false],
  [[40, 30, 24], false],
  [[20, 16, 12], true],
] as Array<[number[], boolean]>) {
  console.log(`regions of ${sizes.join(', ')}${teams ? ', teams of about a quarter kept apart' : ''}:`);
  regionsRun(sizes, teams);
}
console.log('Reachability: planning time (one cycle, default working hours, history of the cycles before)');
timing(1000, 3);
if (process.env.BENCH_SKIP_LIMIT !== '1') timing(10_000, 1);
