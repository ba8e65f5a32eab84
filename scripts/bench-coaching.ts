// The coaching loop's cost per week (issue 13), from `peer-coaching simulate` on the real bundle:
// at 40 people over 4 weeks and at 500 over 2, the program with about half the people answering the
// form after each meeting; per week the emails MailApp sent (the nudges and the owner's digest),
// Calendar.Events.patch and Calendar.Events.instances calls (the briefs: one of each per group a week), and all
// service calls. Run: npx tsx scripts/bench-coaching.ts (after npm run build).
import { readFileSync } from 'node:fs';
import { addDays } from '../src/core/dates';
import { simulate } from '../src/local/simulate/run';
import { readEvents } from '../src/local/simulate/events';

const CODE = readFileSync('build/Code.js', 'utf8');
const FIRST = '2027-01-05'; // cycle 1's first meeting (Tuesday)

function roster(n: number): string[][] {
  const zones = ['Europe/London', 'Europe/Berlin', 'America/New_York'];
  const rows = [['Name', 'Email', 'Team', 'Time zone', 'Status']];
  for (let i = 1; i <= n; i++) rows.push([`Manager ${i}`, `m${i}@example.com`, `Team ${i % 9}`, zones[i % zones.length], 'Active']);
  return rows;
}

/** Every other person answers the form the evening after each weekly meeting. */
function answers(n: number, WEEKS: number) {
  const lines: string[] = [];
  for (let w = 0; w < WEEKS; w++) {
    const day = addDays(FIRST, 7 * w);
    for (let i = 1; i <= n; i += 2) lines.push(JSON.stringify({ at: `${day}T20:00`, do: 'feedback', email: `m${i}@example.com`, met: true, relationship: 4, coaching: 4, accountability: 4 }));
  }
  return readEvents(lines.join('\n'), 'bench-coaching.jsonl');
}

function run(n: number, WEEKS: number): void {
  const started = performance.now();
  const until = addDays(FIRST, 7 * WEEKS);
  const sim = simulate({ roster: roster(n), until, now: '2027-01-04T08:00', settings: { timeZone: 'Europe/London', findCommonTime: false }, events: answers(n, WEEKS), code: CODE });
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${n} people: ${sim.records.length} executions simulated in ${seconds.toFixed(1)} s (until ${until}; half the people answer after each meeting)`);
  console.log('| week from | executions | MailApp.sendEmail | Calendar.Events.patch | Calendar.Events.instances | service calls |');
  console.log('|---|---|---|---|---|---|');
  const start = Date.parse('2027-01-04T00:00:00Z');
  for (let w = -1; w < WEEKS + 1; w++) {
    const from = w < 0 ? -Infinity : start + w * 7 * 86_400_000;
    const to = start + (w + 1) * 7 * 86_400_000;
    const inWeek = sim.records.filter((r) => r.at >= from && r.at < to);
    if (inWeek.length === 0) continue;
    const sum = (kind?: string) => inWeek.reduce((s, r) => s + Object.entries(r.calls).filter(([k]) => kind === undefined || k === kind).reduce((m, [, v]) => m + v, 0), 0);
    const label = w < 0 ? 'before 2027-01-04 (set-up)' : new Date(from).toISOString().slice(0, 10);
    console.log(`| ${label} | ${inWeek.length} | ${sum('MailApp.sendEmail')} | ${sum('Calendar.Events.patch')} | ${sum('Calendar.Events.instances')} | ${sum()} |`);
  }
  const nudges = sim.result.emails.filter((e) => e.to !== 'owner@example.org').length;
  console.log(`emails: ${sim.result.emails.length} (${nudges} nudges, ${sim.result.emails.length - nudges} to the owner)`);
}

console.log('# peer-coaching simulate: the coaching loop per week (nudges, brief patches, instances)');
run(40, 4);
run(500, 2); // 500 people answering: about 3.5 minutes a simulated week
