// `peer-coaching simulate` on the real bundle with a virtual clock: its result format, what the
// owner's day one books, feedback through the prefilled link, sheet edits as events, input errors,
// determinism, and every calendar equal to what Rotations states.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarDifferences } from '../support/calendar-check';
import { jsonl, SAMPLE_ROSTER, simulateCli } from './run';

const BASE = ['simulate', '--roster', SAMPLE_ROSTER, '--now', '2027-01-04T08:00', '--out', '{dir}/result.json'];

describe('a short run on the sample roster', () => {
  const run = simulateCli([...BASE, '--until', '2027-01-20', '--events', '{dir}/events.jsonl'], {
    'events.jsonl': jsonl(
      { at: '2027-01-05T18:00', do: 'feedback', email: 'amara.okafor@example.com', met: true, relationship: 4, coaching: 3, accountability: 5, workedOn: 'delegation', commitment: '=1+1 ask my lead' },
      { at: '2027-01-06T09:00', do: 'feedback', email: 'nobody@example.com', met: true },
    ),
  });
  const result = run.result!;

  it('exits 0 and writes exactly the documented keys', () => {
    expect(run.code).toBe(0);
    // Issue 11's keys, and issue 13's coverage per cycle.
    expect(Object.keys(result).sort()).toEqual(['calendars', 'calls', 'coverage', 'emails', 'executions', 'sheets']);
    // Each occurrence: issue 11's fields, and issue 13's description (its own: the brief once written).
    expect(Object.keys(Object.values(result.calendars).flat()[0]).sort()).toEqual(['attendees', 'description', 'end', 'eventId', 'organizer', 'start', 'summary']);
    expect(Object.keys(result.sheets).sort()).toEqual(['Feedback', 'Log', 'Roster', 'Rotations']);
  });

  it("runs the owner's day one through the sidebar's functions, then only the hourly trigger and the form's", () => {
    const names = result.executions.map((e) => e.function);
    expect(names.slice(0, 5)).toEqual(['setUp', 'createFeedbackForm', 'planRotation', 'confirmRotation', 'scheduleStep']);
    const later = new Set(names.slice(names.lastIndexOf('scheduleStep') + 1));
    expect([...later].sort()).toEqual(['onFeedbackSubmit', 'onTick']);
    expect(result.executions.filter((e) => !e.ok)).toEqual([]);
    // hourly: 16 days of ticks, give or take the first hour
    expect(names.filter((n) => n === 'onTick').length).toBeGreaterThanOrEqual(16 * 24 - 2);
  });

  it('books one series per group: every calendar equals what Rotations states', () => {
    const rotations = result.sheets.Rotations;
    expect(rotations.length - 1).toBe(5); // 11 active people: four pairs and a trio
    expect(rotations.slice(1).every((r) => r[rotations[0].indexOf('Status')] === 'scheduled')).toBe(true);
    expect(calendarDifferences(result.calendars, rotations)).toEqual([]);
    expect(result.calls['Calendar.Events.insert']).toBe(5);
    for (const meetings of Object.values(result.calendars).filter((l) => l.length > 0)) expect(meetings).toHaveLength(6);
  });

  it('writes times as ISO 8601 with the offset, sorted by start', () => {
    const amara = result.calendars['amara.okafor@example.com'];
    expect(amara[0].start).toMatch(/^2027-01-05T\d{2}:\d{2}:00\+00:00$/);
    expect(amara.map((m) => m.start)).toEqual([...amara.map((m) => m.start)].sort());
    expect(amara[0].organizer).toBe('owner@example.org');
  });

  it("files a person's feedback through their latest meeting's prefilled link, as text", () => {
    const [header, ...rows] = result.sheets.Feedback;
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    expect(row).toMatchObject({ Cycle: '1', Group: 'C1-01', Session: '1', Email: 'amara.okafor@example.com', Met: 'Yes', Commitment: '=1+1 ask my lead', Flag: '' });
  });

  it('says why a feedback event could not happen (no meeting) on stderr', () => {
    expect(run.stderr).toMatch(/events line 2: nobody@example\.com has no meeting before/);
  });
});

describe('events change the roster as the owner would', () => {
  it('a person set to Left stays in Rotations and the roster row says Left', () => {
    const run = simulateCli([...BASE, '--until', '2027-01-07', '--events', '{dir}/e.jsonl'], {
      'e.jsonl': jsonl({ at: '2027-01-06T09:00', do: 'status', email: 'rohan.mehta@example.com', status: 'Left' }, { at: '2027-01-06T09:30', do: 'add', name: 'Nia Brown', email: 'nia.brown@example.com', team: 'Data' }, { at: '2027-01-06T10:00', do: 'delete', email: 'ben.whitfield@example.com' }),
    });
    expect(run.code).toBe(0);
    const roster = run.result!.sheets.Roster;
    const emails = roster.map((r) => r[roster[0].indexOf('Email')]);
    expect(emails).toContain('nia.brown@example.com');
    expect(emails).not.toContain('ben.whitfield@example.com');
    expect(roster.find((r) => r.includes('rohan.mehta@example.com'))![roster[0].indexOf('Status')]).toBe('Left');
    expect(Object.keys(run.result!.calendars)).toContain('nia.brown@example.com');
  });
});

describe('the same inputs give the same result', () => {
  it('twice, byte for byte (ids, times, calls)', () => {
    const a = simulateCli([...BASE, '--until', '2027-01-06']);
    const b = simulateCli([...BASE, '--until', '2027-01-06']);
    expect(a.code).toBe(0);
    expect(JSON.stringify(a.result)).toBe(JSON.stringify(b.result));
  });
});

describe('faults', () => {
  it('at 5%, the run goes on and ends with the meetings Rotations states', () => {
    const run = simulateCli([...BASE, '--until', '2027-01-13', '--faults', '0.05', '--fault-seed', '7']);
    expect(run.code).toBe(0);
    const result = run.result!;
    expect(result.executions.some((e) => !e.ok && /server error/.test(e.error ?? ''))).toBe(true);
    expect(calendarDifferences(result.calendars, result.sheets.Rotations)).toEqual([]);
    expect(result.sheets.Rotations.length - 1).toBe(5);
  });
});

describe('bad input: exit 2 and a message naming the place', () => {
  const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['a line that is not JSON', ['--events', '{dir}/e.jsonl'], { 'e.jsonl': '{"at":"2027-01-05T09:00","do":"cancel"}\n{oops' }, /e\.jsonl line 2: not valid JSON/],
    ['an unknown do', ['--events', '{dir}/e.jsonl'], { 'e.jsonl': '\n{"at":"2027-01-05T09:00","do":"explode"}' }, /e\.jsonl line 2: unknown "do" "explode"/],
    ['a bad date', ['--events', '{dir}/e.jsonl'], { 'e.jsonl': '{"at":"2027-02-30T09:00","do":"cancel"}' }, /e\.jsonl line 1: "at" must be a date and time/],
    ['a rating out of range', ['--events', '{dir}/e.jsonl'], { 'e.jsonl': '{"at":"2027-01-05T09:00","do":"feedback","email":"a@x.org","met":true,"coaching":9}' }, /line 1: "coaching" must be a whole number from 1 to 5/],
    ['a next cycle that is not in, skip or leave', ['--events', '{dir}/e.jsonl'], { 'e.jsonl': '\n\n{"at":"2027-01-05T09:00","do":"feedback","email":"a@x.org","met":true,"nextCycle":"pause"}' }, /e\.jsonl line 3: "nextCycle" must be "in", "skip" or "leave"/],
    ['an unknown field', ['--events', '{dir}/e.jsonl'], { 'e.jsonl': '{"at":"2027-01-05T09:00","do":"status","email":"a@x.org","status":"Left","why":"x"}' }, /line 1: unknown field "why"/],
    ['settings that are not an object', ['--settings', '{dir}/s.json'], { 's.json': '[1]' }, /s\.json: expected a JSON object/],
    ['an unknown zone', ['--settings', '{dir}/s.json'], { 's.json': '{"timeZone":"Mars/Olympus"}' }, /not an IANA time zone/],
    ['a fault rate over 1', ['--faults', '2'], {}, /--faults must be a probability/],
  ];
  it.each(cases)('%s', (_what, extra, files, message) => {
    const run = simulateCli([...BASE, '--until', '2027-01-06', ...extra], files);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('a bad --until, a start after it, a missing --out', () => {
    expect(simulateCli([...BASE, '--until', '2027-13-01']).stderr).toMatch(/--until must be a date/);
    expect(simulateCli([...BASE, '--until', '2027-01-03']).stderr).toMatch(/before the start/);
    const noOut = simulateCli(['simulate', '--roster', SAMPLE_ROSTER, '--until', '2027-01-06']);
    expect([noOut.code, noOut.stderr]).toEqual([2, expect.stringMatching(/missing --out/)]);
  });
});

describe('as a real command (bin/peer-coaching.cjs, built by npm run build)', () => {
  it('simulate runs from the same binary as the planner, and its --help documents the format', () => {
    const bin = join(__dirname, '..', '..', 'bin', 'peer-coaching.cjs');
    const help = spawnSync(process.execPath, [bin, 'simulate', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--faults RATE/);
    const out = join(mkdtempSync(join(tmpdir(), 'sim-bin-')), 'r.json');
    const run = spawnSync(process.execPath, [bin, 'simulate', '--roster', SAMPLE_ROSTER, '--now', '2027-01-04T08:00', '--until', '2027-01-05', '--out', out], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^Simulated \d+ executions \(0 failed\) until 2027-01-05/);
    expect(Object.keys(JSON.parse(readFileSync(out, 'utf8')).calendars)).toHaveLength(12);
  });
});
