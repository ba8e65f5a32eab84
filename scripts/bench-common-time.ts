// Find-a-common-time benchmark (issue 5, item 4): 500 people in 250 pairs across a 6-week cycle over
// the March 2027 clock changes (and a 12-week one), each with a realistic random calendar (seeded).
// Times the free/busy batching, reading Google-shaped answers, and choosing every group's slot: cold
// (the zones' offset tables are built on first use) and warm. Prints milliseconds and what was chosen.
// Run: npx tsx scripts/bench-common-time.ts [people] [seed]   (default 500, 1)
import { performance } from 'node:perf_hooks';
import {
  type Availability,
  type CommonSlot,
  type CycleSpan,
  findCommonSlot,
  freeBusyBatches,
  freeBusyWindow,
  readFreeBusy,
  type SlotMember,
  slotOccurrences,
} from '../src/core/common-time';
import { addDays, weekdayOf } from '../src/core/dates';
import { seededRandom } from '../src/core/random';
import { parseWorkingHours, type WorkingHours } from '../src/core/working-hours';
import { zoneOffsetMs } from '../src/core/zones';

const PEOPLE = Number(process.argv[2] ?? 500);
const SEED = Number(process.argv[3] ?? 1);
const RUNS = 5;
const MINUTE = 60_000;
const SETTINGS_ZONE = 'Europe/London';
const PREFERRED = { weekday: 2, time: 10 * 60, timeZone: SETTINGS_ZONE };

/** Where engineering managers of a multinational sit: [zone, weight]. */
const ZONES: Array<[string, number]> = [
  ['Europe/London', 14], ['Europe/Berlin', 10], ['Europe/Paris', 6], ['Europe/Madrid', 4], ['Europe/Warsaw', 3],
  ['America/New_York', 14], ['America/Chicago', 6], ['America/Denver', 3], ['America/Los_Angeles', 10], ['America/Sao_Paulo', 4], ['America/Toronto', 4],
  ['Asia/Kolkata', 8], ['Asia/Singapore', 4], ['Asia/Tokyo', 3], ['Australia/Sydney', 3], ['Asia/Kathmandu', 1],
];
const HOURS: Array<[string, number]> = [['', 70], ['08:00-16:00', 8], ['10:00-18:00', 8], ['Mon-Thu 09:00-17:00', 5], ['07:30-15:30', 5], ['09:00-13:00', 4]];

function pick<T>(r: () => number, table: Array<[T, number]>): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1][0];
}

interface Someone extends SlotMember {
  hours: WorkingHours;
  calendar: 'ok' | 'notFound';
}

function roster(n: number, r: () => number): Someone[] {
  return Array.from({ length: n }, (_, i) => ({
    email: `m${i}@example.com`,
    name: `Manager ${i}`,
    timeZone: pick(r, ZONES),
    hours: parseWorkingHours(pick(r, HOURS)) as WorkingHours,
    calendar: r() < 0.02 ? 'notFound' : 'ok',
  }));
}

/**
 * A working calendar in the person's zone: a daily 15-minute stand-up (half of people), a weekly
 * team meeting, and 2–6 other meetings of 30–90 minutes a working day between 08:00 and 18:00;
 * a week off for one person in ten.
 */
function calendarOf(p: Someone, from: string, days: number, r: () => number): Array<{ start: string; end: string }> {
  const busy: Array<{ start: string; end: string }> = [];
  const standup = r() < 0.5 ? 9 * 60 + 15 * Math.floor(r() * 4) : -1;
  const team = { weekday: 1 + Math.floor(r() * 5), time: 9 * 60 + 30 * Math.floor(r() * 14) };
  const off = r() < 0.1 ? Math.floor(r() * days) : -100;
  const add = (date: string, minutes: number, length: number) => {
    const noon = Date.parse(`${date}T12:00:00Z`);
    const offset = zoneOffsetMs(noon, p.timeZone);
    const start = Date.parse(`${date}T00:00:00Z`) - offset + minutes * MINUTE;
    busy.push({ start: new Date(start).toISOString().replace('.000Z', 'Z'), end: new Date(start + length * MINUTE).toISOString().replace('.000Z', 'Z') });
  };
  for (let d = -1; d < days + 1; d++) {
    const date = addDays(from, d);
    const weekday = weekdayOf(date);
    if (weekday === 0 || weekday === 6) continue;
    if (d >= off && d < off + 7) {
      add(date, 0, 24 * 60);
      continue;
    }
    if (standup >= 0) add(date, standup, 15);
    if (weekday === team.weekday) add(date, team.time, 60);
    const count = 2 + Math.floor(r() * 5);
    for (let k = 0; k < count; k++) add(date, 8 * 60 + 15 * Math.floor(r() * 40), [30, 30, 45, 60, 60, 90][Math.floor(r() * 6)]);
  }
  return busy;
}

/** What Calendar's Freebusy.query would answer for one batch. */
function answer(batch: string[], people: Map<string, Someone>, cycle: CycleSpan, r: () => number) {
  const calendars: Record<string, unknown> = {};
  const days = 7 + (cycle.meetings - 1) * cycle.intervalWeeks * 7;
  for (const email of batch) {
    const p = people.get(email)!;
    calendars[email] = p.calendar === 'notFound' ? { busy: [], errors: [{ domain: 'global', reason: 'notFound' }] } : { busy: calendarOf(p, cycle.starts, days, r) };
  }
  return { kind: 'calendar#freeBusy', calendars };
}

function run(label: string, cycle: CycleSpan): void {
  const r = seededRandom(SEED);
  const people = roster(PEOPLE, r);
  const byEmail = new Map(people.map((p) => [p.email, p]));
  // Pairs at random (the pairing engine does not look at zones); a trio when the count is odd.
  const order = people.map((p) => p.email).sort(() => 0); // stable copy
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const groups: string[][] = [];
  for (let i = 0; i + 1 < order.length; i += 2) groups.push(order.slice(i, i + 2));
  if (order.length % 2 === 1) groups[groups.length - 1].push(order[order.length - 1]);

  // Apps Script hands Freebusy.query's answer over as an object: parsing JSON is not part of the work.
  const responses = freeBusyBatches(groups.flat()).map((batch) => ({ batch, response: JSON.parse(JSON.stringify(answer(batch, byEmail, cycle, r))) as unknown }));

  const t0 = performance.now();
  const batches = freeBusyBatches(groups.flat());
  const window = freeBusyWindow(cycle, [...new Set([...people.map((p) => p.timeZone), SETTINGS_ZONE])]);
  const t1 = performance.now();
  const availability: Availability = new Map();
  for (const { batch, response } of responses) for (const [email, a] of readFreeBusy(response, batch)) availability.set(email, a);
  const t2 = performance.now();
  // Each zone's offset table for the cycle (Intl, cached by the module): built once, on first use.
  const zones = [...new Set([...people.map((p) => p.timeZone), SETTINGS_ZONE])];
  for (const timeZone of zones) slotOccurrences(cycle, { weekday: 0, time: 0, timeZone });
  const t3 = performance.now();
  const choose = () => groups.map((g) => findCommonSlot({ members: g.map((e) => byEmail.get(e)!), availability, cycle, minutes: 30, preferred: PREFERRED }));
  const chosen: CommonSlot[] = choose();
  const t4 = performance.now();
  const again: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    choose();
    again.push(performance.now() - t);
  }
  const median = again.sort((a, b) => a - b)[Math.floor(RUNS / 2)];

  const busyBlocks = [...availability.values()].reduce((s, a) => s + ('busy' in a ? a.busy.length : 0), 0);
  const histogram = new Map<number, number>();
  for (const c of chosen.filter((x) => !x.fallback)) histogram.set(c.conflicts, (histogram.get(c.conflicts) ?? 0) + 1);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`\n${label}: ${PEOPLE} people, ${groups.length} groups, ${cycle.meetings} meetings from ${cycle.starts} (${busyBlocks} busy blocks, seed ${SEED})`);
  console.log(`  free/busy: ${batches.length} queries of ≤ 50 calendars, ${window.timeMin} … ${window.timeMax}`);
  console.log(`  batches + window               ${ms(t1 - t0)}`);
  console.log(`  read ${responses.length} answers                 ${ms(t2 - t1)}`);
  console.log(`  offset tables for ${String(zones.length).padEnd(2)} zones      ${ms(t3 - t2)}`);
  console.log(`  choose ${groups.length} slots, first pass    ${ms(t4 - t3)}   (${ms((t4 - t3) / groups.length)} a group)`);
  console.log(`  choose ${groups.length} slots, median of ${RUNS}  ${ms(median)}   (${ms(median / groups.length)} a group)`);
  console.log(`  total, from nothing             ${ms(t4 - t0)}`);
  console.log(`  chosen: ${chosen.filter((c) => c.fallback).length} fallbacks (no common working hour), flagged ${chosen.filter((c) => c.flagged.length > 0).length}; conflicts → groups: ${[...histogram].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
}

run('6-week cycle', { starts: '2027-03-02', meetings: 6, intervalWeeks: 1 });
run('12-week cycle', { starts: '2027-09-07', meetings: 12, intervalWeeks: 1 });
