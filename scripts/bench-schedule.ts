// Prints the figures of issue 5's "done when": scheduling a confirmed cycle for 10 and 500 people
// (5 and 250 groups) with "Find a common time" on, run through the real bundle in a bare realm —
// the service calls of each chunk, Calendar inserts and free/busy queries in total, a re-run's
// calls, and the estimated Apps Script time at 300 ms per Calendar call (and 50 ms per other call).
// Run: npm run bench   (after npm run build)
import { readFileSync } from 'node:fs';
import * as vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { createWorkspace } from '../src/local/emulation';
import { loadBundle } from '../src/local/runtime';
import { seededRandom } from '../src/core/random';

const CODE = readFileSync('build/Code.js', 'utf8');
const CALENDAR_MS = 300;
const OTHER_MS = 50;

function program(n: number) {
  const ws = createWorkspace({ now: () => new Date('2026-11-23T09:00:00Z') });
  const realm = loadBundle(CODE, ws.globals);
  // Values the emulation makes (dates in cells, errors) are the realm's own, as in Apps Script.
  const own = vm.runInContext('({ Date: Date, Array: Array, Error: Error })', realm.context);
  ws.spreadsheet.useRealm(own);
  ws.calendar.useRealm(own);
  realm.call('setUp', []);
  ws.endExecution();
  const zones = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
  const rows = [['Name', 'Email', 'Team', 'Time zone', 'Status']];
  for (let i = 1; i <= n; i++) rows.push([`Manager ${i}`, `m${i}@example.com`, `Team ${i % 9}`, zones[i % zones.length], 'Active']);
  const random = seededRandom(20261123);
  ws.ledger.untracked(() => {
    const sheet = ws.spreadsheet.getSheetByName('Roster')!;
    if (rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
    const range = sheet.getRange(1, 1, rows.length, rows[0].length);
    range.setNumberFormat('@');
    range.setValues(rows);
    // Each person: a few busy hours a week over the next months.
    for (const r of rows.slice(1)) {
      const busy = Array.from({ length: 30 }, () => {
        const day = Date.UTC(2027, 0, 4) + Math.floor(random() * 60) * 86_400_000;
        const start = day + (8 + Math.floor(random() * 10)) * 3_600_000;
        return { start: new Date(start), end: new Date(start + 3_600_000) };
      });
      ws.calendar.addPerson(r[1], { busy });
    }
  });
  realm.call('saveSettings', [inRealm(realm, { firstMeetingDate: '2027-01-05', findCommonTime: true })]);
  ws.endExecution();
  const preview = realm.call('planRotation', [inRealm(realm, { seed: 'bench' })]);
  ws.endExecution();
  realm.call('confirmRotation', [inRealm(realm, preview)]);
  ws.endExecution();
  ws.ledger.reset();
  return { ws, realm };
}

/** A value made in the realm (as google.script.run's arguments are): plain JSON data only. */
const inRealm = (realm: { context: vm.Context }, value: unknown) => vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(value))})`, realm.context);

const estimate = (counts: Record<string, number>) =>
  Object.entries(counts).reduce((ms, [k, v]) => ms + v * (k.startsWith('Calendar.') ? CALENDAR_MS : OTHER_MS), 0) / 1000;

for (const n of [10, 500]) {
  const { ws, realm } = program(n);
  console.log(`\nscheduleStep, ${n} people, Find a common time on`);
  console.log('chunk  inserts  free/busy  list  other calls  est. Apps Script s  emulated ms');
  const totals: Record<string, number> = {};
  let done = false;
  for (let chunk = 1; !done && chunk < 50; chunk++) {
    ws.ledger.reset();
    const t = performance.now();
    const view = realm.call('scheduleStep', [inRealm(realm, {})]) as { done: boolean };
    const ms = performance.now() - t;
    ws.endExecution();
    done = view.done;
    const c = ws.ledger.snapshot();
    for (const [k, v] of Object.entries(c)) totals[k] = (totals[k] ?? 0) + v;
    const other = Object.entries(c).filter(([k]) => !k.startsWith('Calendar.')).reduce((s, [, v]) => s + v, 0);
    console.log(
      `${String(chunk).padStart(5)}  ${String(c['Calendar.Events.insert'] ?? 0).padStart(7)}  ${String(c['Calendar.Freebusy.query'] ?? 0).padStart(9)}  ${String(c['Calendar.Events.list'] ?? 0).padStart(4)}  ${String(other).padStart(11)}  ${estimate(c).toFixed(1).padStart(18)}  ${ms.toFixed(0).padStart(11)}`,
    );
  }
  console.log(`total: ${Object.entries(totals).map(([k, v]) => `${k}×${v}`).join(', ')}`);
  console.log(`estimated Apps Script time in all: ${estimate(totals).toFixed(1)} s (${CALENDAR_MS} ms per Calendar call, ${OTHER_MS} ms per other call)`);
  ws.ledger.reset();
  realm.call('scheduleStep', [inRealm(realm, {})]);
  ws.endExecution();
  const again = ws.ledger.snapshot();
  console.log(`re-run after done: Calendar inserts ${again['Calendar.Events.insert'] ?? 0}, calls in all ${ws.ledger.count()}`);
}
