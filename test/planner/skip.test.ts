// The planner's --skip and --shrink: meetings on skipped dates are left out of the .ics series
// (EXDATE;TZID), which keeps its number of meetings (COUNT raised) unless --shrink; checked by
// expanding the written files with ical.js.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { FIXTURES, plan } from './run';

const NOW = new Date(Date.UTC(2026, 11, 1, 9, 0, 0));
const ABCD = join(FIXTURES, 'roster-abcd.csv');
const LONDON = ['--start', '2026-12-08', '--time', '10:00', '--zone', 'Europe/London'];

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'peer-coaching-skip-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function readIcs(path: string): ICAL.Component[] {
  const text = readFileSync(path, 'utf8');
  ICAL.TimezoneService.reset();
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  return cal.getAllSubcomponents('vevent');
}

/** Each occurrence's local start in the series' zone, as ical.js expands it: 'YYYY-MM-DD HH:MM'. */
function occurrences(vevent: ICAL.Component): string[] {
  const event = new ICAL.Event(vevent);
  const it = event.iterator();
  const out: string[] = [];
  for (let t = it.next(); t && out.length < 100; t = it.next()) {
    const d = event.getOccurrenceDetails(t).startDate;
    out.push(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')} ${String(d.hour).padStart(2, '0')}:${String(d.minute).padStart(2, '0')}`);
  }
  return out;
}

describe('--skip', () => {
  it('a cycle over the holidays: no meeting on a skipped date, six meetings kept (COUNT=8 with two EXDATEs)', () => {
    const out = join(root, 'ics');
    const run = plan(['pairs', '--roster', ABCD, ...LONDON, '--skip', '2026-12-21..2027-01-03', '--ics', out], {}, { now: () => NOW });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Cycle 1: skipped 2026-12-22 and 2026-12-29 (--skip: 2026-12-21..2027-01-03); the cycle runs on to 2027-02-01 to keep 6 meetings.',
    );
    const vevents = readIcs(join(out, 'all.ics'));
    expect(vevents).toHaveLength(2);
    for (const v of vevents) {
      expect(v.getFirstProperty('rrule')!.toICALString()).toBe('RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=8');
      expect(v.getFirstProperty('exdate')!.toICALString()).toBe('EXDATE;TZID=Europe/London:20261222T100000,20261229T100000');
      expect(occurrences(v)).toEqual(['2026-12-08 10:00', '2026-12-15 10:00', '2027-01-05 10:00', '2027-01-12 10:00', '2027-01-19 10:00', '2027-01-26 10:00']);
      expect(String(v.getFirstPropertyValue('description'))).toMatch(/^Peer coaching: 6 sessions in this cycle\./);
    }
    // Each group's own file holds the same series.
    expect(occurrences(readIcs(join(out, 'C1-01.ics'))[0])).toHaveLength(6);
  });

  it('--shrink: the cycle keeps its end and loses the skipped meetings', () => {
    const out = join(root, 'ics');
    const run = plan(['pairs', '--roster', ABCD, ...LONDON, '--skip', '2026-12-21..2027-01-03', '--shrink', '--ics', out], {}, { now: () => NOW });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Cycle 1: skipped 2026-12-22 and 2026-12-29 (--skip: 2026-12-21..2027-01-03); the cycle keeps its end, 2027-01-18, with 4 meetings.');
    for (const v of readIcs(join(out, 'all.ics'))) {
      expect(v.getFirstProperty('rrule')!.toICALString()).toBe('RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=6');
      expect(occurrences(v)).toEqual(['2026-12-08 10:00', '2026-12-15 10:00', '2027-01-05 10:00', '2027-01-12 10:00']);
      expect(String(v.getFirstPropertyValue('description'))).toMatch(/^Peer coaching: 4 sessions in this cycle\./);
    }
  });

  it('several cycles: the next cycle starts after the one that ran on; dates and ranges mixed; across a clock change', () => {
    const out = join(root, 'ics');
    const argv = ['pairs', '--roster', ABCD, '--cycles', '2', '--start', '2026-12-08', '--time', '9:30', '--zone', 'America/New_York', '--every', '2'];
    const run = plan([...argv, '--skip', '2026-12-21..2027-01-03; 2027-03-16', '--ics', out, '--json'], {}, { now: () => NOW });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const vevents = readIcs(join(out, 'all.ics'));
    expect(vevents).toHaveLength(4);
    // Cycle 1 (fortnightly, 3 meetings): 12-08, 12-22 skipped, then 01-05 and 01-19: ends 2027-02-01.
    for (const v of vevents.slice(0, 2)) {
      expect(v.getFirstProperty('rrule')!.toICALString()).toBe('RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4');
      expect(occurrences(v)).toEqual(['2026-12-08 09:30', '2027-01-05 09:30', '2027-01-19 09:30']);
    }
    // Cycle 2 starts 2027-02-02 (not 2027-01-19): 02-02, 02-16, 03-02; 03-16 would be a 4th anyway.
    for (const v of vevents.slice(2)) {
      expect(String(v.getFirstPropertyValue('uid')).slice(0, 14)).toMatch(/^C2-0[12]-20270202$/);
      expect(v.getFirstProperty('rrule')!.toICALString()).toBe('RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3');
      expect(v.getFirstProperty('exdate')).toBeNull();
      expect(occurrences(v)).toEqual(['2027-02-02 09:30', '2027-02-16 09:30', '2027-03-02 09:30']);
    }
  });

  it('a skipped date after New York\'s clock change: the EXDATE is the local start, the rest keep 09:30 local', () => {
    const out = join(root, 'ics');
    const argv = ['pairs', '--roster', ABCD, '--start', '2027-03-02', '--time', '9:30', '--zone', 'America/New_York'];
    const run = plan([...argv, '--skip', '2027-03-16', '--ics', out], {}, { now: () => NOW });
    expect(run.code).toBe(0);
    for (const v of readIcs(join(out, 'all.ics'))) {
      expect(v.getFirstProperty('exdate')!.toICALString()).toBe('EXDATE;TZID=America/New_York:20270316T093000');
      const event = new ICAL.Event(v);
      const it = event.iterator();
      const utc: string[] = [];
      for (let t = it.next(); t; t = it.next()) utc.push(event.getOccurrenceDetails(t).startDate.toJSDate().toISOString().slice(0, 16));
      expect(utc).toEqual(['2027-03-02T14:30', '2027-03-09T14:30', '2027-03-23T13:30', '2027-03-30T13:30', '2027-04-06T13:30', '2027-04-13T13:30']);
    }
  });

  it('without skipped dates in the cycle the files are as before (no EXDATE, COUNT=6)', () => {
    const out = join(root, 'ics');
    const run = plan(['pairs', '--roster', ABCD, ...LONDON, '--skip', '2027-06-01', '--ics', out], {}, { now: () => NOW });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('skipped');
    const text = readFileSync(join(out, 'all.ics'), 'utf8');
    expect(text).not.toContain('EXDATE');
    expect(text).toContain('RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=6');
  });

  it.each<[string, string[], RegExp]>([
    ['a bad entry, named with its position and fix', ['--skip', '2026-12-21..2027-01-03, 25/12/2026'], /^peer-coaching: --skip: "25\/12\/2026" \(character 25\) is not a date written YYYY-MM-DD\. Write dates like 2026-12-25, and ranges like 2026-12-21\.\.2027-01-03 \(2026-12-25\?\)\.\n/],
    ['every bad entry', ['--skip', '2027-02-29 2027-01-03..2026-12-21'], /"2027-02-29" \(character 1\) is not a date that exists.*\n.*"2027-01-03\.\.2026-12-21" \(character 12\) ends before it starts/],
    ['--skip blank', ['--skip', ' '], /--skip needs dates or ranges, like --skip "2026-12-21\.\.2027-01-03,2027-04-05"/],
    ['--shrink without --skip', ['--shrink'], /--shrink only matters with --skip/],
  ])('%s: exit 2', (_, flags, message) => {
    const run = plan(['pairs', '--roster', ABCD, ...LONDON, '--ics', join(root, 'x'), ...flags]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('--skip and --shrink without --ics say to add it', () => {
    const run = plan(['pairs', '--roster', ABCD, '--skip', '2026-12-25', '--shrink']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^peer-coaching: --skip and --shrink shape the calendar files: add --ics DIR/);
  });

  it('--help describes --skip and --shrink', () => {
    const run = plan(['--help']);
    expect(run.stdout).toContain('--skip DATES');
    expect(run.stdout).toContain('--shrink');
    expect(run.stdout).toContain('EXDATE');
  });
});
