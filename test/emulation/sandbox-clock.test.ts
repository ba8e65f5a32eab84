// The sandbox's simulated clock over loopback HTTP, against a tiny purpose-built bundle that
// installs an hourly trigger and counts its ticks in document properties: moving the clock fires
// the trigger at each due minute, each as its own execution with the time-driven event and the
// realm's clock at that minute; the clock is saved with the state; bad input, time running
// backwards and too long a jump are refused and change nothing. The "next cycle" target is read
// from the settings, then from Rotations.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../src/local/sandbox/server';
import { dueFirings, triggerMinute } from '../../src/local/clock';
import { continueMove, startMove } from '../../src/local/sandbox/move';
import { clockText, nextCycleTarget, nextCycleView, SandboxClock, stepTarget } from '../../src/local/sandbox/clock';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { ClockResponse, MoveReport } from '../../src/local/sandbox/clock-types';
import type { WorkbookView } from '../../src/local/sandbox/transport';
import type { TriggerSnapshot } from '../../src/local/emulation/script';

const HOUR = 3_600_000;
const START = new Date('2027-01-04T08:00:00Z'); // a Monday; London is on UTC in January

const TINY_BUNDLE = `
function install() { ScriptApp.newTrigger('onTick').timeBased().everyHours(1).create(); }
function onTick(e) {
  var p = PropertiesService.getDocumentProperties();
  if (p.getProperty('fail') === 'yes') throw new Error('tick failed on purpose');
  var seen = JSON.parse(p.getProperty('seen') || '[]');
  seen.push({ now: new Date().toISOString(), minute: e.minute, hour: e.hour, uid: e.triggerUid });
  p.setProperty('seen', JSON.stringify(seen.slice(-3)));
  p.setProperty('ticks', String(Number(p.getProperty('ticks') || 0) + 1));
}
function now() { return new Date().toISOString(); }
function failTicks(on) { PropertiesService.getDocumentProperties().setProperty('fail', on ? 'yes' : 'no'); }
function saveSettings(json) { PropertiesService.getDocumentProperties().setProperty('settings', json); }
`;

function tinyBuild(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'peer-coaching-clock-'));
  writeFileSync(path.join(dir, 'Code.js'), TINY_BUNDLE);
  writeFileSync(path.join(dir, 'Sidebar.html'), '<!DOCTYPE html><title>Tiny</title>');
  return dir;
}

describe('the sandbox clock', () => {
  let buildDir: string;
  let stateDir: string;
  let statePath: string;
  let sandbox: Sandbox;

  const post = async (route: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(route, sandbox.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as unknown };
  };
  const run = async (name: string, ...args: unknown[]) => (await post('/api/run', { name, args })).body as { ok: boolean; value?: unknown };
  const clockView = async () => ((await (await fetch(new URL('/api/workbook', sandbox.url))).json()) as WorkbookView).clock;
  const property = (key: string) => sandbox.workspace().ledger.untracked(() => sandbox.workspace().globals.PropertiesService.getDocumentProperties().getProperty(key));
  const ticks = () => Number(property('ticks') ?? 0);
  const clockTriggers = (): TriggerSnapshot[] => sandbox.workspace().globals.ScriptApp.triggersFor('CLOCK');

  /** Moves the clock as the host page does: the first request, then `{to}` again until done. */
  const move = async (body: unknown): Promise<{ reports: MoveReport[] }> => {
    const reports: MoveReport[] = [];
    let answer = (await post('/api/clock', body)).body as ClockResponse;
    for (;;) {
      if (!answer.ok) throw new Error(answer.error.message);
      reports.push(answer.move);
      if (answer.move.done) return { reports };
      answer = (await post('/api/clock', { to: answer.move.to })).body as ClockResponse;
    }
  };

  beforeAll(async () => {
    buildDir = tinyBuild();
    stateDir = mkdtempSync(path.join(tmpdir(), 'peer-coaching-clock-state-'));
    statePath = path.join(stateDir, 'state.json');
    sandbox = await startSandbox({ port: 0, statePath, buildDir, reset: true, clockStart: START });
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(buildDir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('starts where it is told; every realm reads it, and it runs only while the add-on runs', async () => {
    expect((await clockView()).now).toBe(START.toISOString());
    expect((await clockView()).text).toBe('Mon 4 Jan 2027, 08:00');
    const first = Date.parse((await run('now')).value as string);
    expect(first).toBeGreaterThanOrEqual(START.getTime());
    expect(first).toBeLessThan(START.getTime() + 5_000);
    await new Promise((resolve) => setTimeout(resolve, 50)); // idle time does not count
    const second = Date.parse((await run('now')).value as string);
    expect(second).toBeGreaterThanOrEqual(first);
    expect(second - first).toBeLessThan(45);
  });

  it('a week fires the hourly trigger at each due minute, 168 times, each its own execution at that minute', async () => {
    await run('install');
    const [trigger] = clockTriggers();
    const minute = triggerMinute(trigger);
    const from = sandbox.now().getTime();
    const executionsBefore = sandbox.executions().length;
    const expected = dueFirings([trigger], from, from + 7 * 24 * HOUR);
    expect(expected.length).toBe(168); // minute 59 of every hour, from 08:59 on the first day

    const { reports } = await move({ by: 'week' });
    expect(reports[0].to).toBe(new Date(from + 7 * 24 * HOUR).toISOString());
    const last = reports[reports.length - 1];
    expect(last).toMatchObject({ done: true, ticks: expected.length, failed: 0, remaining: 0, triggers: 1, failures: [], toText: 'Mon 11 Jan 08:00' });
    expect(ticks()).toBe(expected.length);
    const ran = sandbox.executions().slice(executionsBefore);
    expect(ran).toHaveLength(expected.length);
    expect(ran.every((c) => c.name === 'onTick' && c.via === 'trigger' && c.ok)).toBe(true);
    // The last tick saw the clock at its minute, and the event said so.
    const seen = JSON.parse(property('seen')!) as Array<{ now: string; minute: number; hour: number; uid: string }>;
    const lastFiring = expected[expected.length - 1].at;
    expect(Date.parse(seen[2].now)).toBeGreaterThanOrEqual(lastFiring);
    expect(Date.parse(seen[2].now)).toBeLessThan(lastFiring + 5_000);
    expect(seen[2]).toMatchObject({ minute, hour: new Date(lastFiring).getUTCHours(), uid: trigger.id });
    // The clock is exactly a week on (the same wall time: no DST change in January).
    expect(sandbox.now().getTime()).toBe(from + 7 * 24 * HOUR);
    expect((await clockView()).lastMove).toMatchObject({ done: true, ticks: expected.length, failed: 0 });
  });

  it('an hour and a day: one tick and 24 ticks; a failing tick is counted and named', async () => {
    const before = ticks();
    const from = sandbox.now().getTime();
    expect((await move({ by: 'hour' })).reports.at(-1)).toMatchObject({ done: true, ticks: 1 });
    expect(ticks()).toBe(before + 1);
    await run('failTicks', true);
    const day = (await move({ by: 'day' })).reports.at(-1)!;
    expect(day).toMatchObject({ done: true, ticks: 24, failed: 24 });
    expect(day.failures).toHaveLength(5);
    expect(day.failures[0]).toMatchObject({ function: 'onTick', error: 'tick failed on purpose' });
    expect(sandbox.now().toISOString()).toBe(day.to); // where it was asked to go, whatever failed
    expect(day.to).toMatch(/^2027-01-12T09:00:00\.\d{3}Z$/);
    expect(day.to >= new Date(from + 25 * HOUR).toISOString()).toBe(true);
    await run('failTicks', false);
    expect(ticks()).toBe(before + 1);
    // Another execution takes the footer back from the move.
    expect((await clockView()).lastMove).toBeNull();
  });

  it('a move in slices (one tick a request) fires every due minute once, in order', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, statePath, buildDir, moveSliceMs: 0 });
    const from = sandbox.now().getTime();
    const expected = dueFirings(clockTriggers(), from, from + 2 * 24 * HOUR).length;
    const before = ticks();
    const { reports } = await move({ to: new Date(from + 2 * 24 * HOUR).toISOString() });
    expect(reports.length).toBeGreaterThanOrEqual(expected);
    expect(reports.at(-1)).toMatchObject({ done: true, ticks: expected, failed: 0 });
    expect(ticks()).toBe(before + expected);
    // Progress is reported on the way: ticks so far plus those remaining make the whole.
    for (const r of reports.slice(0, -1)) expect(r.ticks + r.remaining).toBe(expected);
  });

  it('refuses bad input, time running backwards and jumps over 16 weeks, changing nothing', async () => {
    const at = sandbox.now().toISOString();
    const before = ticks();
    const executions = sandbox.executions().length;
    const refused = async (body: unknown, message: RegExp) => {
      const answer = await post('/api/clock', body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ ok: false, error: { name: 'Error', message: expect.stringMatching(message) } });
    };
    for (const body of [{}, { by: 'month' }, { by: 1 }, { to: 'tomorrow' }, { to: '2027-02-01' }, { to: '2027-02-01T09:00' }, { to: 12345 },
      { by: 'hour', to: '2027-02-01T09:00Z' }, { by: 'hour', extra: 1 }, [], 'week', null]) {
      await refused(body, /^Expected \{by: "hour" \| "day" \| "week" \| "cycle"\} or \{to: an ISO 8601 instant/);
    }
    await refused({ to: '2027-01-05T09:00Z' }, /^Time never runs backwards: the sandbox's clock is at Thu 14 Jan 2027, 09:00, after Tue 5 Jan 2027, 09:00\./);
    await refused({ to: new Date(Date.parse(at) + 16 * 7 * 24 * HOUR + 60_000).toISOString() }, /is about 17 weeks ahead: the sandbox moves at most 16 weeks at a time/);
    const cross = await post('/api/clock', { by: 'hour' }, { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const plain = await fetch(new URL('/api/clock', sandbox.url), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"by":"hour"}' });
    expect(plain.status).toBe(415);
    expect(sandbox.now().toISOString()).toBe(at);
    expect(ticks()).toBe(before);
    expect(sandbox.executions().length).toBe(executions);
    // Moving to where the clock already is: nothing to do, nothing refused.
    expect((await move({ to: at })).reports.at(-1)).toMatchObject({ done: true, ticks: 0, triggers: 1 });
  });

  it('is saved with the state and starts from it again', async () => {
    const at = sandbox.now().toISOString();
    expect(JSON.parse(readFileSync(statePath, 'utf8')).clock).toBe(at);
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, statePath, buildDir });
    expect(sandbox.now().toISOString()).toBe(at);
    expect((await clockView()).now).toBe(at);
  });

  it('a state saved before the clock existed, and --reset, start at the machine\'s now', async () => {
    await sandbox.close();
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    delete state.clock;
    writeFileSync(statePath, JSON.stringify(state));
    let before = Date.now();
    sandbox = await startSandbox({ port: 0, statePath, buildDir });
    expect(sandbox.now().getTime()).toBeGreaterThanOrEqual(before);
    expect(sandbox.now().getTime()).toBeLessThanOrEqual(Date.now());
    expect(ticks()).toBeGreaterThan(0); // the rest of the state is kept
    await sandbox.close();
    before = Date.now();
    sandbox = await startSandbox({ port: 0, statePath, buildDir, reset: true });
    expect(sandbox.now().getTime()).toBeGreaterThanOrEqual(before);
    expect(sandbox.now().getTime()).toBeLessThanOrEqual(Date.now());
    expect(ticks()).toBe(0);
  });

  it('"to the next cycle" goes to cycle 1 from the settings, then to the cycle after the latest on Rotations', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, statePath, buildDir, reset: true, clockStart: START });
    // No settings saved: Tuesdays at 10:00 in the spreadsheet's zone; the next Tuesday after Monday 4 January.
    let next = (await clockView()).nextCycle;
    expect(next).toMatchObject({ to: '2027-01-05T10:00:00.000Z', cycle: 1, toText: 'Tue 5 Jan 10:00' });
    expect(next.title).toMatch(/^Cycle 1 starts 2027-01-05 \(no cycle on Rotations yet: the next Tue after today, as the settings say\)\. Moves the clock to Tue 5 Jan 2027, 10:00/);
    await run('saveSettings', JSON.stringify({ version: 1, cycleWeeks: 2, preferredWeekday: 'Thu', preferredTime: '09:30', firstMeetingDate: '2027-01-07' }));
    next = (await clockView()).nextCycle;
    expect(next).toMatchObject({ to: '2027-01-07T09:30:00.000Z', cycle: 1 });
    expect(next.title).toContain("from the settings' first meeting date");

    // Cycle 1 on Rotations, started 7 January: the next starts two weeks later.
    sandbox.workspace().ledger.untracked(() => {
      const sheet = sandbox.workspace().spreadsheet.insertSheet('Rotations');
      sheet.getRange(1, 1, 3, 13).setValues([
        ['Cycle', 'Starts', 'Ends', 'Group', 'Member 1', 'Member 2', 'Member 3', 'Day and time', 'Time zone', 'Status', 'Event ID', 'Meet link', 'Notes'],
        [1, '2027-01-07', '2027-01-20', 'C1-01', 'a@example.com', 'b@example.com', '', 'Thu 09:30', 'Europe/London', 'scheduled', '', '', ''],
        [1, '2027-01-07', '2027-01-20', 'C1-02', 'c@example.com', 'd@example.com', '', 'Thu 09:30', 'Europe/London', 'scheduled', '', '', ''],
      ]);
    });
    next = (await clockView()).nextCycle;
    // Cycle 1 starts after today (Monday 4th): it is the next one.
    expect(next).toMatchObject({ to: '2027-01-07T09:30:00.000Z', cycle: 1 });
    await move({ by: 'cycle' });
    expect(sandbox.now().toISOString()).toBe('2027-01-07T09:30:00.000Z');
    next = (await clockView()).nextCycle;
    expect(next).toMatchObject({ to: '2027-01-21T09:30:00.000Z', cycle: 2, toText: 'Thu 21 Jan 09:30' });
    expect(next.title).toMatch(/^Cycle 2 starts 2027-01-21 \(from Rotations and 2-week cycles\)\. Moves the clock to Thu 21 Jan 2027, 09:30, its first meetings' time \(09:30 Europe\/London\), running the hourly tick/);
    await move({ by: 'cycle' });
    expect(sandbox.now().toISOString()).toBe('2027-01-21T09:30:00.000Z');
    // Cycle 2 was never planned: the one after goes on from cycle 1's start by whole cycles.
    expect((await clockView()).nextCycle).toMatchObject({ to: '2027-02-04T09:30:00.000Z', cycle: 3 });
  });
});

describe('a move, one slice at a time', () => {
  const trigger = (id: string, createdAt: string): TriggerSnapshot =>
    ({ id, handler: `tick${id}`, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, clock: { everyHours: 1 }, user: 'o@example.com', documentId: 'd', createdAt }) as TriggerSnapshot;

  it('fires every due minute of every trigger exactly once, in time order, whatever the slices; a trigger deleted on the way stops', () => {
    const from = Date.parse('2027-03-01T00:00:00Z');
    let triggers = [trigger('1000001', '2027-02-01T00:00:00Z'), trigger('1000002', '2027-02-01T00:00:00Z')];
    const expected = dueFirings(triggers, from, from + 48 * HOUR);
    const clock = new SandboxClock(from);
    const fired: Array<{ at: number; handler: string }> = [];
    const m = startMove(from, from + 48 * HOUR);
    let slices = 0;
    for (;;) {
      const report = continueMove(m, {
        clock,
        zone: 'Etc/UTC',
        sliceMs: 0,
        triggers: () => triggers,
        fire: (handler, event) => {
          fired.push({ at: clock.ms(), handler });
          expect((event as { triggerUid: string }).triggerUid).toBe(handler.slice(4));
          // The second trigger is deleted by the 30th firing.
          if (fired.length === 30) triggers = triggers.slice(0, 1);
          return null;
        },
      });
      slices += 1;
      if (report.done) break;
    }
    expect(slices).toBeGreaterThan(40);
    const stopAt = fired[29].at;
    const want = expected.filter((f) => f.trigger.id === '1000001' || f.at <= stopAt).map((f) => ({ at: f.at, handler: f.trigger.handler }));
    expect(fired).toEqual(want);
    expect(clock.ms()).toBe(from + 48 * HOUR);
  });
});

describe('where the buttons go', () => {
  const settings = { ...DEFAULT_SETTINGS };

  it('a day and a week keep the wall time across a daylight-saving change; an hour is an hour', () => {
    const saturday = Date.parse('2027-03-27T09:00:00Z'); // 09:00 GMT; clocks go forward on Sunday 28 March
    expect(new Date(stepTarget('day', saturday, 'Europe/London')).toISOString()).toBe('2027-03-28T08:00:00.000Z'); // 09:00 BST
    expect(new Date(stepTarget('week', saturday, 'Europe/London')).toISOString()).toBe('2027-04-03T08:00:00.000Z');
    expect(new Date(stepTarget('hour', saturday, 'Europe/London')).toISOString()).toBe('2027-03-27T10:00:00.000Z');
    expect(clockText(stepTarget('day', saturday, 'Europe/London'), 'Europe/London', { year: true })).toBe('Sun 28 Mar 2027, 09:00');
  });

  it('"Next cycle" more than 16 weeks ahead is not offered, and says why', () => {
    const now = Date.parse('2027-01-04T08:00:00Z');
    const far = nextCycleTarget({ ...settings, firstMeetingDate: '2027-06-01' }, 'Europe/London', [], now);
    expect(far).toMatchObject({ cycle: 1, starts: '2027-06-01', source: 'settings' });
    const view = nextCycleView(far, now, { ...settings, firstMeetingDate: '2027-06-01' }, 'Europe/London', 'Europe/London');
    expect(view.to).toBeNull();
    expect(view.title).toMatch(/That is more than 16 weeks ahead: move by weeks instead\.$/);
  });

  it('a cancelled latest cycle is followed by the next start on its schedule, as the hourly run plans it', () => {
    const now = Date.parse('2027-01-04T08:00:00Z');
    const row = (status: string) => ({ index: 1, cycle: 1, starts: '2027-01-12', ends: '2027-02-22', group: 'C1-01', members: [], dayAndTime: '', timeZone: '', status, eventId: '', meetLink: '', notes: '' });
    expect(nextCycleTarget(settings, 'Europe/London', [row('planned')], now)).toMatchObject({ cycle: 1, starts: '2027-01-12', source: 'rotations' });
    expect(nextCycleTarget(settings, 'Europe/London', [row('cancelled')], now)).toMatchObject({ cycle: 2, starts: '2027-02-23' });
  });
});
