// Prints the figures quoted in closing notes: bundle sizes, bundle load time in a bare realm, and
// per operation the service calls (the Apps Script cost model) and emulated run time.
// Run: npm run bench   (after npm run build)
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createWorkspace } from '../src/local/emulation';
import { loadBundle } from '../src/local/runtime';

const CODE = readFileSync('build/Code.js', 'utf8');
const kb = (path: string) => `${(statSync(path).size / 1024).toFixed(1)} KB`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function roster(n: number): string[][] {
  const rows = [['Name', 'Email', 'Team', 'Time zone', 'Status']];
  for (let i = 1; i <= n; i++) rows.push([`Manager ${i}`, `m${i}@example.com`, `Team ${i % 9}`, 'Europe/London', 'Active']);
  return rows;
}

function workspaceWith(n: number) {
  const ws = createWorkspace();
  const sheet = ws.spreadsheet.insertSheet('Roster');
  const short = n + 1 - sheet.getMaxRows();
  if (short > 0) sheet.insertRowsAfter(sheet.getMaxRows(), short);
  const rows = roster(n);
  const range = sheet.getRange(1, 1, rows.length, rows[0].length);
  range.setNumberFormat('@');
  range.setValues(rows);
  ws.ledger.reset();
  return ws;
}

console.log(`bundle: build/Code.js ${kb('build/Code.js')}, build/Sidebar.html ${kb('build/Sidebar.html')}`);
const loads: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  loadBundle(CODE, createWorkspace().globals);
  loads.push(performance.now() - t);
}
console.log(`bundle load in a bare node:vm realm: median ${median(loads).toFixed(2)} ms over 20`);

/** What each operation needs done before it, in the same realm (not counted). */
const BEFORE: Record<string, string[]> = {
  getState: [],
  setUp: [],
  checkRoster: ['setUp'],
  getSettings: ['setUp'],
  planRotation: ['setUp'],
  confirmRotation: ['setUp', 'planRotation'],
};

console.log('\noperation        people  service calls  emulated ms (median of 5)');
for (const n of [10, 500]) {
  for (const op of Object.keys(BEFORE)) {
    const times: number[] = [];
    let calls = 0;
    let detail = '';
    for (let i = 0; i < 5; i++) {
      const ws = workspaceWith(n);
      const realm = loadBundle(CODE, ws.globals);
      let last: unknown;
      for (const step of BEFORE[op]) last = realm.call(step, step === 'planRotation' ? [{}] : []);
      ws.endExecution();
      ws.ledger.reset();
      const args = op === 'confirmRotation' ? [JSON.parse(JSON.stringify(last))] : op === 'planRotation' ? [{}] : [];
      const t = performance.now();
      realm.call(op, args);
      times.push(performance.now() - t);
      calls = ws.ledger.count();
      detail = Object.entries(ws.ledger.snapshot()).map(([k, v]) => `${k}×${v}`).join(', ');
    }
    console.log(`${op.padEnd(16)} ${String(n).padStart(6)}  ${String(calls).padStart(13)}  ${median(times).toFixed(2).padStart(10)}`);
    console.log(`    ${detail}`);
  }
}
