// The cost of a program over time, from `peer-coaching simulate` on the real bundle: service calls
// per cycle (all, Calendar inserts and patches, emails) and the hourly tick's cost when it has
// nothing to do. Run: npm run bench (after npm run build).
import { readFileSync } from 'node:fs';
import { readCsv } from '../src/local/planner/csv';
import { simulate } from '../src/local/simulate/run';
import { readEvents, type SimEvent } from '../src/local/simulate/events';

const CODE = readFileSync('build/Code.js', 'utf8');

function roster(n: number): string[][] {
  const zones = ['Europe/London', 'Europe/Berlin', 'America/New_York'];
  const rows = [['Name', 'Email', 'Team', 'Time zone', 'Status']];
  for (let i = 1; i <= n; i++) rows.push([`Manager ${i}`, `m${i}@example.com`, `Team ${i % 9}`, zones[i % zones.length], 'Active']);
  return rows;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

function run(label: string, table: string[][], until: string, events: SimEvent[] = [], faults?: { rate: number; seed: number }): void {
  const started = performance.now();
  const sim = simulate({ roster: table, until, now: '2027-01-04T08:00', settings: { timeZone: 'Europe/London', findCommonTime: false }, code: CODE, events, faults });
  const seconds = (performance.now() - started) / 1000;
  const rotations = sim.result.sheets.Rotations;
  const col = (h: string) => rotations[0].indexOf(h);
  const cycles = [...new Set(rotations.slice(1).map((r) => r[col('Cycle')]))];
  console.log(`\n${label}: ${sim.records.length} executions simulated in ${seconds.toFixed(1)} s (until ${until})`);
  // A cycle's cost: the executions from its first day to the day before the next cycle starts.
  const starts = cycles.map((c) => rotations.slice(1).find((r) => r[col('Cycle')] === c)![col('Starts')]);
  const bounds = starts.map((s) => Date.parse(`${s}T00:00:00Z`));
  console.log('| cycle | executions | service calls | Calendar inserts | Calendar patches | emails |');
  console.log('|---|---|---|---|---|---|');
  const windows = [{ label: 'day one (before cycle 1)', from: -Infinity, to: bounds[0] ?? Infinity }, ...cycles.map((c, i) => ({ label: c, from: bounds[i], to: bounds[i + 1] ?? Infinity }))];
  for (const w of windows) {
    const inWindow = sim.records.filter((r) => r.at >= w.from && r.at < w.to);
    const sum = (kind?: string) => inWindow.reduce((n, r) => n + Object.entries(r.calls).filter(([k]) => kind === undefined || k === kind || (kind.endsWith('*') && k.startsWith(kind.slice(0, -1)))).reduce((m, [, v]) => m + v, 0), 0);
    console.log(`| ${w.label} | ${inWindow.length} | ${sum()} | ${sum('Calendar.Events.insert')} | ${sum('Calendar.Events.patch')} | ${sum('MailApp.*')} |`);
  }
  const ticks = sim.records.filter((r) => r.function === 'onTick').map((r) => Object.values(r.calls).reduce((a, b) => a + b, 0));
  const idle = ticks.filter((n) => n <= 2).length;
  if (faults) {
    const failed = (name: string) => sim.records.filter((r) => r.function === name && !r.ok).length;
    const runs = (name: string) => sim.records.filter((r) => r.function === name).length;
    const owner = ['setUp', 'saveSettings', 'createFeedbackForm', 'planRotation', 'confirmRotation', 'scheduleStep'].map((f) => `${f} ${runs(f)} run${runs(f) === 1 ? '' : 's'}`).join(', ');
    console.log(`with ${faults.rate * 100}% of calls failing (seed ${faults.seed}): ${sim.records.filter((r) => !r.ok).length} executions failed; the owner's day one took ${owner}; the tick failed ${failed('onTick')} of ${runs('onTick')} runs`);
  }
  console.log(`hourly tick: ${ticks.length} runs, ${idle} idle (${((100 * idle) / ticks.length).toFixed(1)}%); service calls min ${Math.min(...ticks)}, median ${percentile(ticks, 0.5)}, 95th percentile ${percentile(ticks, 0.95)}, max ${Math.max(...ticks)}`);
}

console.log('# peer-coaching simulate: cost per cycle and of the hourly tick');
run('Sample roster (12 people), half a year', readCsv(readFileSync('examples/roster.csv')), '2027-06-30');
run('40 people, half a year', roster(40), '2027-06-30');
// Faults from the first call of day one: what is tried again in the run (gas/retry.ts) and what is left to the next.
run('Sample roster, first cycle, 5% of service calls failing', readCsv(readFileSync('examples/roster.csv')), '2027-02-15', [], { rate: 0.05, seed: 11 });
// Mid-cycle roster changes: in every cycle someone leaves and someone joins (their groups' series
// are trimmed with one patch each, the new groups inserted).
const changes = readEvents(
  [
    { at: '2027-01-20T09:00', do: 'status', email: 'm3@example.com', status: 'Left' },
    { at: '2027-01-27T09:00', do: 'add', name: 'New 1', email: 'new1@example.com', team: 'Team 1', zone: 'Europe/London' },
    { at: '2027-03-03T09:00', do: 'status', email: 'm7@example.com', status: 'Paused' },
    { at: '2027-03-10T09:00', do: 'add', name: 'New 2', email: 'new2@example.com', team: 'Team 2', zone: 'Europe/London' },
    { at: '2027-04-14T09:00', do: 'delete', email: 'm11@example.com' },
    { at: '2027-04-21T09:00', do: 'add', name: 'New 3', email: 'new3@example.com', team: 'Team 3', zone: 'Europe/London' },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n'),
  'bench-events.jsonl',
);
run('40 people, half a year, a leave and a join mid-cycle in each of the first three cycles', roster(40), '2027-06-30', changes);
