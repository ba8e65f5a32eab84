// Scale benchmark (issue 12, "Scale"): planning one cycle for 2,000 / 5,000 / 10,000 people with 20
// cycles of history, each size in its own child process so that the peak memory printed is the
// whole process's (its peak resident set size: VmHWM on Linux, else getrusage), never a heap setting:
// - core: planCycle itself (src/core/pairing.ts), the time of one call and the process's peak RSS;
// - planner: the command-line planner end to end (node dist/peer-coaching.cjs pairs --roster
//   --history), wall time and peak RSS from /usr/bin/time;
// - add-on: planRotation through the real build/Code.js in a bare node:vm realm over the emulated
//   spreadsheet (roster and Rotations sheets filled in), time of the call and the process's peak RSS;
// - quality: 20 cycles planned one after the other from no history at 5,000 people (and 2,000),
//   counting repeated pairs (must be 0: everyone still has thousands of people never met).
// A size past the supported maximum must end in a clear message, never a stack trace: printed as is.
// Run: npm run bench (after npm run build), or on its own: npx tsx scripts/bench-scale.ts [n ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vm from 'node:vm';
import { planCycle } from '../src/core/pairing';
import type { PairingResult, PastGroup, Person } from '../src/core/people';
import { seededRandom } from '../src/core/random';

const HISTORY_CYCLES = 20;
const SEED = 'scale';

/** n active people, teams of about five (round-robin), as in scripts/bench-pairing.ts. */
function people(n: number): Person[] {
  const teams = Math.max(2, Math.round(n / 5));
  return Array.from({ length: n }, (_, i) => ({
    email: `m${i}@example.com`,
    name: `Manager ${i}`,
    team: `Team ${i % teams}`,
    timeZone: '',
    status: 'Active' as const,
    avoid: [],
    workingHours: '',
    row: i + 2,
  }));
}

/** `cycles` cycles of seeded random groupings of everyone (pairs, one trio when odd). */
function randomHistory(ps: readonly Person[], cycles: number): PastGroup[] {
  const random = seededRandom(ps.length * 31 + 7);
  const history: PastGroup[] = [];
  const emails = ps.map((p) => p.email);
  for (let c = 1; c <= cycles; c++) {
    for (let i = emails.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [emails[i], emails[j]] = [emails[j], emails[i]];
    }
    const pairs = Math.floor(emails.length / 2);
    for (let k = 0; k < pairs; k++) {
      const members = [emails[2 * k], emails[2 * k + 1]];
      if (k === pairs - 1 && emails.length % 2 === 1) members.push(emails[emails.length - 1]);
      history.push({ cycle: c, members });
    }
  }
  return history;
}

/**
 * This process's peak resident set size in MB: Linux's VmHWM (proc(5): "Peak resident set size
 * ('high water mark')"), which belongs to the process's own memory image and starts afresh at exec.
 * Not getrusage's maxRSS there: "resource usage metrics are preserved across an execve(2)"
 * (getrusage(2)), so a child forked from a 500 MB jest worker reported 491 MB. Elsewhere, maxRSS.
 */
function peakMb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Times fn: wall and CPU milliseconds. */
function timed(fn: () => void): { ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}

/** What a child prints on its last line. */
interface ChildResult {
  /** Wall time. */
  ms?: number;
  /** CPU time (user + system) over the same span: what the wall time is on an idle machine. */
  cpuMs?: number;
  /** The add-on: peak RSS before the timed call (the emulated spreadsheet and the bundle). */
  beforeMb?: number;
  peakMb?: number;
  repeats?: number;
  cycles?: number;
  message?: string;
}

/** Child: one planCycle over n people and 20 cycles of random history. */
function childCore(n: number): ChildResult {
  const ps = people(n);
  const history = randomHistory(ps, HISTORY_CYCLES);
  try {
    return { ...timed(() => planCycle(ps, history, { seed: SEED })), peakMb: peakMb() };
  } catch (e) {
    return { message: (e as Error).message, peakMb: peakMb() };
  }
}

/** Child: 20 cycles from no history, each fed back; counts repeated pairs. */
function childQuality(n: number): ChildResult {
  const ps = people(n);
  const history: PastGroup[] = [];
  const met = new Set<string>();
  let repeats = 0;
  let slowest = { ms: 0, cpuMs: 0 };
  for (let c = 1; c <= HISTORY_CYCLES; c++) {
    let r: PairingResult | undefined;
    const t = timed(() => (r = planCycle(ps, history, { seed: SEED, cycle: c })));
    if (t.cpuMs > slowest.cpuMs) slowest = t;
    for (const g of r!.groups) {
      const m = [...g.members].sort();
      for (let a = 0; a < m.length; a++) {
        for (let b = a + 1; b < m.length; b++) {
          const k = `${m[a]} ${m[b]}`;
          if (met.has(k)) repeats++;
          met.add(k);
        }
      }
      history.push({ cycle: c, members: g.members });
    }
  }
  return { ...slowest, repeats, cycles: HISTORY_CYCLES, peakMb: peakMb() };
}

/** Child: planRotation through the real bundle over the emulation, 20 cycles in Rotations. */
async function childAddon(n: number): Promise<ChildResult> {
  const { createWorkspace } = await import('../src/local/emulation');
  const { loadBundle } = await import('../src/local/runtime');
  const { ROTATION_HEADERS } = await import('../src/core/rotation');
  const ws = createWorkspace({ now: () => new Date('2026-11-23T09:00:00Z') });
  const realm = loadBundle(readFileSync('build/Code.js', 'utf8'), ws.globals);
  const own = vm.runInContext('({ Date: Date, Array: Array, Error: Error })', realm.context);
  ws.spreadsheet.useRealm(own);
  realm.call('setUp', []);
  ws.endExecution();
  const ps = people(n);
  const width = ROTATION_HEADERS.length;
  const col = (h: string) => ROTATION_HEADERS.indexOf(h);
  const history = randomHistory(ps, HISTORY_CYCLES);
  // Written a chunk at a time, so that the bench's own copies do not set the process's peak.
  const fill = (name: string, count: number, row: (r: number) => string[]) => {
    const sheet = ws.spreadsheet.getSheetByName(name)!;
    if (count > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), count - sheet.getMaxRows());
    for (let from = 0; from < count; from += 1000) {
      const rows = Array.from({ length: Math.min(1000, count - from) }, (_, k) => row(from + k));
      const range = sheet.getRange(from + 1, 1, rows.length, rows[0].length);
      range.setNumberFormat('@');
      range.setValues(rows);
    }
  };
  ws.ledger.untracked(() => {
    fill('Roster', n + 1, (r) => (r === 0 ? ['Name', 'Email', 'Team', 'Time zone', 'Status'] : [ps[r - 1].name, ps[r - 1].email, ps[r - 1].team, 'Europe/London', 'Active']));
    fill('Rotations', history.length + 1, (r) => {
      if (r === 0) return ROTATION_HEADERS.slice();
      const g = history[r - 1];
      const row: string[] = Array(width).fill('');
      row[col('Cycle')] = String(g.cycle);
      row[col('Group')] = `C${g.cycle}-${r}`;
      g.members.forEach((e, i) => (row[col(`Member ${i + 1}`)] = e));
      row[col('Status')] = 'planned';
      return row;
    });
  });
  ws.ledger.reset();
  const request = vm.runInContext('({ seed: "scale" })', realm.context);
  const beforeMb = peakMb();
  try {
    return { ...timed(() => realm.call('planRotation', [request])), peakMb: peakMb(), beforeMb };
  } catch (e) {
    return { message: `${(e as Error).name}: ${(e as Error).message}`, peakMb: peakMb(), beforeMb };
  }
}

/**
 * This script bundled into one plain .cjs file (esbuild), so that each child runs in bare Node as
 * the planner does: no TypeScript loader in the process (tsx alone adds about 50 MB of RSS).
 */
function childScript(dir: string): string {
  const out = join(dir, 'bench-scale-child.cjs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({ entryPoints: [__filename], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, external: ['esbuild'], logLevel: 'error' });
  return out;
}

/** Runs the child script in a new process and reads its last line. */
function child(script: string, mode: string, n: number): ChildResult {
  const out = spawnSync(process.execPath, [script, '--child', mode, String(n)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = out.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as ChildResult;
  } catch {
    const err = out.stderr.trim().split('\n');
    const oom = /heap out of memory|Allocation failed|Invalid typed array length|Array buffer allocation failed/i.test(out.stderr);
    return { message: `${oom ? 'OUT OF MEMORY, ' : ''}exit ${out.status ?? out.signal}: ${err.find((l) => /Error|FATAL/.test(l)) ?? err[0] ?? ''}`.slice(0, 160) };
  }
}

/** The planner CLI end to end on CSV files, timed by /usr/bin/time (wall seconds, max RSS KB). */
function planner(n: number): ChildResult {
  if (!existsSync('/usr/bin/time') || !existsSync('dist/peer-coaching.cjs')) return { message: 'skipped (needs /usr/bin/time and npm run build)' };
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  try {
    const ps = people(n);
    writeFileSync(join(dir, 'roster.csv'), ['Name,Email,Team', ...ps.map((p) => `${p.name},${p.email},${p.team}`)].join('\n'));
    const rows = randomHistory(ps, HISTORY_CYCLES).map((g) => [g.cycle, ...g.members, ...Array(3 - g.members.length).fill('')].join(','));
    writeFileSync(join(dir, 'history.csv'), ['Cycle,Member 1,Member 2,Member 3', ...rows].join('\n'));
    const out = spawnSync(
      '/usr/bin/time',
      ['-f', 'TIME %e %U %S %M', process.execPath, 'dist/peer-coaching.cjs', 'pairs', '--roster', join(dir, 'roster.csv'), '--history', join(dir, 'history.csv'), '--seed', SEED, '--json'],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(out.stderr);
    const said = out.stderr.replace(/TIME [\d. ]+\s*$/, '').trim().split('\n');
    const result: ChildResult = m ? { ms: Number(m[1]) * 1000, cpuMs: (Number(m[2]) + Number(m[3])) * 1000, peakMb: Number(m[4]) / 1024 } : {};
    if (out.status !== 0) result.message = `exit ${out.status}: ${said.find((l) => /peer-coaching:|Error|FATAL/.test(l)) ?? said[0] ?? ''}`.slice(0, 200);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const seconds = (ms?: number) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const fmt = (r: ChildResult) =>
  seconds(r.ms).padStart(9) +
  seconds(r.cpuMs).padStart(9) +
  `${r.peakMb === undefined ? '—' : `${r.peakMb.toFixed(0)} MB`}`.padStart(10) +
  (r.beforeMb === undefined ? '' : `   (${r.beforeMb.toFixed(0)} MB before the call: emulation and bundle)`) +
  (r.repeats === undefined ? '' : `   repeats ${r.repeats} in ${r.cycles} cycles`) +
  (r.message ? `   ${r.message}` : '');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const n = Number(args[2]);
    const r = args[1] === 'core' ? childCore(n) : args[1] === 'quality' ? childQuality(n) : await childAddon(n);
    process.stdout.write(`\n${JSON.stringify(r)}\n`);
    return;
  }
  const sizes = args.length > 0 ? args.map(Number) : [2000, 5000, 10000];
  console.log(`\nScale (issue 12): one cycle planned over ${HISTORY_CYCLES} cycles of random history, teams of about 5 kept apart.`);
  console.log(`Each line is a separate child process in plain Node ${process.version}; "peak" is its maximum RSS (the whole process).`);
  console.log('Targets: 5,000 people < 2 s and < 250 MB; the add-on\'s plan at 2,000 people < 150 MB.');
  console.log('Time is wall clock and CPU (user + system); on a busy machine the CPU time is the one to compare.\n');
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  try {
    const script = childScript(dir);
    console.log('what                          people     wall      cpu      peak');
    for (const n of sizes) console.log(`core planCycle               ${String(n).padStart(7)}  ${fmt(child(script, 'core', n))}`);
    for (const n of sizes) console.log(`planner CLI (whole run)      ${String(n).padStart(7)}  ${fmt(planner(n))}`);
    if (existsSync('build/Code.js')) console.log(`add-on planRotation (bundle) ${String(2000).padStart(7)}  ${fmt(child(script, 'addon', 2000))}`);
    for (const n of sizes.filter((x) => x <= 5000)) console.log(`quality: 20 cycles, slowest  ${String(n).padStart(7)}  ${fmt(child(script, 'quality', n))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
