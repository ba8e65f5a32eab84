// The command-line planner groups people who share working hours (issue 14): the sample roster,
// without and with the calendar flags (whose dates, --minutes and --zone it uses), ten cycles.
import { join } from 'node:path';
import { addDays } from '../../src/core/dates';
import { reachPerson, weeklyOverlap } from '../../src/core/reachability';
import { checkRoster } from '../../src/core/roster';
import { readCsv } from '../../src/local/planner/csv';
import { readFileSync } from 'node:fs';
import { EXAMPLES, plan } from './run';

const ROSTER = join(EXAMPLES, 'roster.csv');
const people = checkRoster(readCsv(readFileSync(ROSTER, 'utf8'))).people;
const byEmail = new Map(people.map((p) => [p.email, p]));

function meets(members: string[], dates: string[], zone: string, minutes = 30): boolean {
  const rp = [...members].sort().map((e) => reachPerson(byEmail.get(e)!, zone));
  return weeklyOverlap(rp, { minutes, dates, zone: rp[0].timeZone }).everyWeek;
}
const weeks = (from: string, n = 6) => Array.from({ length: n }, (_, k) => addDays(from, 7 * k));

describe('the planner groups people who share working hours', () => {
  it('without calendar flags: six weeks from next Monday, ten cycles, every group shares working hours', () => {
    const now = new Date('2026-12-09T10:00:00Z'); // a Wednesday: cycles start Monday 2026-12-14
    const run = plan(['pairs', '--roster', ROSTER, '--cycles', '10', '--json'], {}, { now: () => now });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { cycles: Array<{ groups: string[][]; warnings: string[] }> };
    out.cycles.forEach((c, k) => {
      const dates = weeks(addDays('2026-12-14', 42 * k));
      expect(c.groups.filter((g) => !meets(g, dates, 'UTC'))).toEqual([]);
      expect(c.warnings.join('\n')).not.toMatch(/outside someone's working hours/);
    });
  });

  it('with --start, --zone and --minutes: reasons say the shared hours; every group meets', () => {
    const dir = '/nonexistent-out';
    const written: string[] = [];
    const run = plan(
      ['pairs', '--roster', ROSTER, '--start', '2027-03-16', '--time', '14:00', '--zone', 'Europe/London', '--minutes', '60', '--ics', dir, '--cycles', '2'],
      {},
      { makeFolder: () => undefined, writeFile: (p) => void written.push(p), now: () => new Date('2027-03-01T00:00:00Z') },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/share \d\d:\d\d–\d\d:\d\d [A-Za-z_/]+ on /);
    expect(written.length).toBeGreaterThan(0);
    const json = plan(
      ['pairs', '--roster', ROSTER, '--start', '2027-03-16', '--time', '14:00', '--zone', 'Europe/London', '--minutes', '60', '--ics', dir, '--cycles', '2', '--json'],
      {},
      { makeFolder: () => undefined, writeFile: () => undefined, now: () => new Date('2027-03-01T00:00:00Z') },
    );
    const out = JSON.parse(json.stdout) as { cycles: Array<{ groups: string[][] }> };
    out.cycles.forEach((c, k) => {
      expect(c.groups.filter((g) => !meets(g, weeks(addDays('2027-03-16', 42 * k)), 'Europe/London', 60))).toEqual([]);
    });
  });

  it('--help says groups share working hours', () => {
    expect(plan(['pairs', '--help']).stdout).toMatch(/each group sharing a meeting-length slot within everyone's working hours/);
  });
});
