// The year of the sample roster that test/simulate/year.test.ts simulates (clean and with faults):
// the events (feedback, a pause and a return, a newcomer, a deletion, a settings change, a leaver,
// a replace), one run on the real bundle observed every week, and the cycles its Rotations hold.
// Needs `npm run build` first (build/Code.js).
import { readFileSync } from 'node:fs';
import { readCsv } from '../../src/local/planner/csv';
import { simulate, type Simulation } from '../../src/local/simulate/run';
import { readEvents } from '../../src/local/simulate/events';
import { calendarDifferences } from '../support/calendar-check';
import { ROOT, SAMPLE_ROSTER, jsonl } from './run';

const CODE = readFileSync(`${ROOT}/build/Code.js`, 'utf8');
const roster = readCsv(readFileSync(SAMPLE_ROSTER));
const events = readEvents(
  jsonl(
    { at: '2027-01-12T18:00', do: 'feedback', email: 'amara.okafor@example.com', met: true, relationship: 5, coaching: 4, accountability: 4, commitment: 'Delegate the rota' },
    { at: '2027-02-01T09:00', do: 'status', email: 'ben.whitfield@example.com', status: 'Paused' },
    { at: '2027-03-01T09:00', do: 'add', name: 'Nia Brown', email: 'nia.brown@example.com', team: 'Data', zone: 'Europe/London' },
    { at: '2027-04-05T09:00', do: 'status', email: 'ben.whitfield@example.com', status: 'Active' },
    { at: '2027-05-03T09:00', do: 'delete', email: 'carlos.mendes@example.com' },
    { at: '2027-06-07T09:00', do: 'settings', cycleWeeks: 4 },
    { at: '2027-08-02T09:00', do: 'status', email: 'rohan.mehta@example.com', status: 'Left' },
    { at: '2027-09-14T12:00', do: 'replace' },
  ),
  'events.jsonl',
);

export function simulateYear(faults?: { rate: number; seed: number }): { sim: Simulation; weekly: string[][] } {
  const weekly: string[][] = [];
  const sim = simulate({
    roster,
    until: '2027-12-31',
    now: '2027-01-04T08:00',
    settings: { timeZone: 'Europe/London', findCommonTime: false },
    events,
    faults,
    code: CODE,
    observe: { everyHours: 7 * 24, see: (at, s) => weekly.push(calendarDifferences(s.calendars, s.rotations).map((d) => `${at}: ${d}`)) },
  });
  return { sim, weekly };
}

export interface Cycle {
  cycle: number;
  starts: string;
  ends: string;
  groups: number;
}

/**
 * Each cycle as booked: its first and last day (rows replaced mid-cycle included: they held its
 * first meetings), and the groups it started with (its rows in force or changed from its first day).
 */
export function cyclesOf(rotations: string[][]): Cycle[] {
  const [h, ...rows] = rotations;
  const col = (name: string) => h.indexOf(name);
  const by = new Map<number, { starts: string; ends: string; rows: string[][] }>();
  for (const r of rows.filter((x) => ['scheduled', 'changed', 'replaced'].includes(x[col('Status')]))) {
    const c = Number(r[col('Cycle')]);
    const cycle = by.get(c) ?? { starts: r[col('Starts')], ends: r[col('Ends')], rows: [] };
    if (r[col('Starts')] < cycle.starts) cycle.starts = r[col('Starts')];
    if (r[col('Ends')] > cycle.ends) cycle.ends = r[col('Ends')];
    cycle.rows.push(r);
    by.set(c, cycle);
  }
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([cycle, c]) => ({ cycle, starts: c.starts, ends: c.ends, groups: c.rows.filter((r) => r[col('Status')] !== 'replaced' && r[col('Starts')] === c.starts).length }));
}

