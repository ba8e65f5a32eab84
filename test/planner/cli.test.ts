// The command-line planner end to end, in-process: sample, output formats, consecutive cycles,
// and every kind of bad input with its exit code and rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/local/planner/cli';
import { EXAMPLES, FIXTURES, canonical, csv, pairsOf, plan, planJson } from './run';

const ROSTER = join(EXAMPLES, 'roster.csv');
const HISTORY = join(EXAMPLES, 'history.csv');

function readTable(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
}
const sample = readTable(ROSTER);
const col = (name: string) => sample[0].indexOf(name);
const active = sample.slice(1).filter((r) => r[col('Status')] !== 'Paused' && r[col('Status')] !== 'Left').map((r) => r[col('Email')]);
const teamOf = new Map(sample.slice(1).map((r) => [r[col('Email')], r[col('Team')]]));
const historyPairs = new Set(readTable(HISTORY).slice(1).flatMap((r) => pairsOf(r.slice(1).filter(Boolean))));
const avoided = 'farah.haddad@example.com jonas.becker@example.com';

function expectValidCycle(groups: string[][]) {
  const placed = groups.flat();
  expect([...placed].sort()).toEqual([...active].sort());
  expect(groups.filter((g) => g.length === 3)).toHaveLength(active.length % 2);
  expect(groups.every((g) => g.length === 2 || g.length === 3)).toBe(true);
  for (const g of groups) expect(pairsOf(g)).not.toContain(avoided);
}

describe('the sample (examples/roster.csv and examples/history.csv)', () => {
  it('plans cycle 3 as a table: every active person once, with names, emails and reasons', () => {
    const run = plan(['pairs', '--roster', ROSTER, '--history', HISTORY]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Cycle 3: 5 groups, 11 people\n/);
    expect(run.stdout).toMatch(/#\s+Name\s+Email\s+Reason/);
    for (const email of active) expect(run.stdout).toContain(email);
    expect(run.stdout).toContain('Amara Okafor');
    expect(run.stdout).not.toContain('elena.petrova@example.com  ');
    expect(run.stdout).toMatch(/never met/);
  });

  it('--json prints exactly {"cycles":[{"cycle","groups","warnings"}]} on one line', () => {
    const run = plan(['pairs', '--roster', ROSTER, '--history', HISTORY, '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(run.stdout.trimEnd()).not.toContain('\n');
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['cycles']);
    expect(out.cycles).toHaveLength(1);
    const [cycle] = out.cycles;
    expect(Object.keys(cycle)).toEqual(['cycle', 'groups', 'warnings']);
    expect(cycle.cycle).toBe(3);
    expect(cycle.warnings.every((w: unknown) => typeof w === 'string')).toBe(true);
    expect(cycle.groups.every((g: unknown) => Array.isArray(g) && g.every((e) => typeof e === 'string'))).toBe(true);
    expectValidCycle(cycle.groups);
  });

  it('keeps avoid lists, teammates apart and the history unrepeated', () => {
    const { cycles } = planJson(['pairs', '--roster', ROSTER, '--history', HISTORY]);
    for (const g of cycles[0].groups) {
      expect(pairsOf(g).filter((p) => historyPairs.has(p))).toEqual([]);
      expect(new Set(g.map((e) => teamOf.get(e))).size).toBe(g.length);
    }
  });

  it('is deterministic: the same files and seed give the same groups', () => {
    const argv = ['pairs', '--roster', ROSTER, '--history', HISTORY, '--cycles', '2'];
    expect(plan(argv).stdout).toBe(plan(argv).stdout);
    expect(plan([...argv, '--seed', 'x']).stdout).toBe(plan([...argv, '--seed', 'x']).stdout);
    expect(plan([...argv, '--seed', 'peer-coaching']).stdout).toBe(plan(argv).stdout);
  });

  it('--cycles 3 plans three consecutive cycles without a repeat among them or the history', () => {
    for (const withHistory of [false, true]) {
      const argv = ['pairs', '--roster', ROSTER, '--cycles', '3', ...(withHistory ? ['--history', HISTORY] : [])];
      const { cycles } = planJson(argv);
      expect(cycles.map((c) => c.cycle)).toEqual(withHistory ? [3, 4, 5] : [1, 2, 3]);
      const met = new Set(withHistory ? historyPairs : []);
      for (const c of cycles) {
        expectValidCycle(c.groups);
        for (const p of c.groups.flatMap(pairsOf)) {
          expect(met.has(p) ? `repeat ${p} in cycle ${c.cycle}` : p).toBe(p);
          met.add(p);
        }
      }
    }
  });

  it('--no-teams-apart is accepted and still places everyone', () => {
    const { cycles } = planJson(['pairs', '--roster', ROSTER, '--no-teams-apart']);
    expectValidCycle(cycles[0].groups);
  });
});

describe('warnings', () => {
  // Three of four people share a team: one pair of teammates is unavoidable and is explained.
  const roster = { 'r.csv': 'Name,Email,Team\nAnn,a@example.org,T\nBob,b@example.org,T\nCid,c@example.org,T\nDee,d@example.org,U\n' };

  it('prints them after the table, one per line', () => {
    const run = plan(['pairs', '--roster', 'r.csv'], roster);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\n\nWarnings\n {2}- \S[^\n]*team T[^\n]*\n$/);
  });

  it('puts them in the JSON as sentences', () => {
    const { cycles } = planJson(['pairs', '--roster', 'r.csv'], roster);
    expect(cycles[0].warnings).toEqual([expect.stringMatching(/team T.*\.$/)]);
  });
});

describe('roster input', () => {
  it('reports every problem with its spreadsheet row (BOM, CRLF, multi-line quoted fields before)', () => {
    const run = plan(['pairs', '--roster', join(FIXTURES, 'roster-errors.csv')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('Row ')).map((l) => l.replace(/\. .*$/, ''))).toEqual([
      'Row 5: duplicate email bob@example.org (also row 3)',
      'Row 6: avoid list names nobody@example.org, who is not on the roster',
      'Row 7: blank name',
      'Row 7: unknown status "Sleeping"',
      'Row 8: email "gus-at-example.org" is not an address',
    ]);
    expect(lines.at(-1)).toMatch(/These 5 problems must be fixed/);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('reads avoid lists separated by semicolons and by commas', () => {
    // Ann avoids Bob and Cid (semicolons): she can only meet Dee; Bob avoids Ann and Dee (commas).
    const roster = csv([
      ['Name', 'Email', 'Avoid pairing with'],
      ['Ann', 'a@example.org', '"b@example.org; c@example.org"'],
      ['Bob', 'b@example.org', '"a@example.org, d@example.org"'],
      ['Cid', 'c@example.org', ''],
      ['Dee', 'd@example.org', ''],
    ]);
    const { cycles } = planJson(['pairs', '--roster', 'r.csv'], { 'r.csv': roster });
    expect(canonical(cycles[0].groups)).toEqual([
      ['a@example.org', 'd@example.org'],
      ['b@example.org', 'c@example.org'],
    ]);
  });

  it('accepts any column order and case, extra columns, a BOM, semicolon-separated files and blank rows', () => {
    const roster = '\uFEFFshoe size;EMAIL;name;STATUS\r\n42;A@Example.org;Ann;\r\n43;b@example.org;Bob;active\r\n;;;\r\n44;c@example.org;Cid;Left\r\n\r\n';
    const { cycles } = planJson(['pairs', '--roster', 'r.csv'], { 'r.csv': roster });
    expect(canonical(cycles[0].groups)).toEqual([['a@example.org', 'b@example.org']]);
  });

  it('reports a roster without an Email column on row 1', () => {
    const run = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': 'Name,Mail\nAnn,a@example.org\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Row 1: no Email column\./);
  });

  it('reports a file that is not CSV with its name and line', () => {
    const run = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': 'Name,Email\n"Ann,a@example.org\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^r\.csv line \d+: not valid CSV/);
  });

  it('reports an unreadable file with its path', () => {
    const run = plan(['pairs', '--roster', join(FIXTURES, 'no-such-roster.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such-roster.csv');
    expect(run.stderr).toContain('no such file');
    expect(plan(['pairs', '--roster', FIXTURES]).stderr).toContain('folder');
  });
});

describe('history input', () => {
  const roster = join(FIXTURES, 'roster-abcd.csv');

  it('reports every problem prefixed with the file and its row', () => {
    const history = csv([
      ['Cycle', 'Member 1', 'Member 2', 'Member 3'],
      ['1', 'a@example.org', 'b@example.org', ''],
      ['zero', 'c@example.org', 'd@example.org', ''],
      ['0', 'c@example.org', 'd@example.org', ''],
      ['2', 'a@example.org', '', ''],
      ['2', 'a@example.org', 'not-an-email', ''],
      ['2', 'c@example.org', 'C@example.org', ''],
      ['1', 'a@example.org', 'd@example.org', ''],
      ['', 'c@example.org', 'd@example.org', ''],
      ['', '', '', ''],
    ]);
    const run = plan(['pairs', '--roster', roster, '--history', 'history.csv'], { 'history.csv': history });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('history.csv')).map((l) => l.replace(/\. .*$/, ''))).toEqual([
      'history.csv row 3: cycle "zero" is not a positive whole number',
      'history.csv row 4: cycle "0" is not a positive whole number',
      'history.csv row 5: a group needs 2 or 3 members, this row has 1',
      'history.csv row 6: "not-an-email" is not an email address',
      'history.csv row 7: c@example.org is in the group twice',
      'history.csv row 8: a@example.org is in two groups of cycle 1 (also row 2)',
      'history.csv row 9: blank cycle',
    ]);
  });

  it('reports a history without the needed columns on row 1', () => {
    const run = plan(['pairs', '--roster', roster, '--history', 'h.csv'], { 'h.csv': 'Round,Member 1,Second\n1,a@example.org,b@example.org\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^h\.csv row 1: no Cycle, Member 2 columns in the header\./);
  });

  it('lists the problems of both files at once', () => {
    const run = plan(['pairs', '--roster', 'r.csv', '--history', 'h.csv'], {
      'r.csv': 'Name,Email\nAnn,a@example.org\n,b@example.org\n',
      'h.csv': 'Cycle,Member 1,Member 2\nx,a@example.org,b@example.org\n',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Row 3: blank name\..*\nh\.csv row 2: cycle "x"/s);
  });

  it('reads a CSV download of the Rotations sheet as is: "replaced" groups never met, others did', () => {
    // Cycle 1: a-b, c-d. Cycle 2: a-c and b-d were replaced by a-d and b-c. So only a-c and b-d
    // have never met, and the next cycle is 3.
    const { cycles } = planJson(['pairs', '--roster', roster, '--history', join(FIXTURES, 'rotations.csv')]);
    expect(cycles[0].cycle).toBe(3);
    expect(canonical(cycles[0].groups)).toEqual([
      ['a@example.org', 'c@example.org'],
      ['b@example.org', 'd@example.org'],
    ]);
  });

  it('counts "cancelled" groups as having met, and people no longer on the roster', () => {
    const history = csv([
      ['Member 2', 'Status', 'Cycle', 'Member 1'],
      ['b@example.org', 'cancelled', '4', 'a@example.org'],
      ['d@example.org', '', '4', 'c@example.org'],
      ['c@example.org', 'scheduled', '7', 'a@example.org'],
      ['d@example.org', 'scheduled', '7', 'b@example.org'],
      ['zed@example.org', 'scheduled', '7', 'y@example.org'],
    ]);
    const { cycles } = planJson(['pairs', '--roster', roster, '--history', 'h.csv'], { 'h.csv': history });
    expect(cycles[0].cycle).toBe(8);
    expect(canonical(cycles[0].groups)).toEqual([
      ['a@example.org', 'd@example.org'],
      ['b@example.org', 'c@example.org'],
    ]);
  });

  it('reports an unknown status', () => {
    const run = plan(['pairs', '--roster', roster, '--history', 'h.csv'], { 'h.csv': 'Cycle,Member 1,Member 2,Status\n1,a@example.org,b@example.org,replace\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^h\.csv row 2: unknown status "replace"\. Use one of planned, scheduled, changed, replaced, cancelled/);
  });
});

describe('a valid roster that cannot be grouped', () => {
  it.each([
    ['one active person', 'Name,Email,Status\nAnn,a@example.org,\nBob,b@example.org,Paused\n'],
    ['nobody active', 'Name,Email,Status\nAnn,a@example.org,Left\n'],
    ['two people who avoid each other', 'Name,Email,Avoid pairing with\nAnn,a@example.org,b@example.org\nBob,b@example.org,\n'],
  ])('%s: exit 3 with the reason', (_, roster) => {
    const run = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': roster });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^peer-coaching: \S.+\n$/);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('the command line', () => {
  const roster = join(FIXTURES, 'roster-abcd.csv');

  it('exits 1 on an unexpected error and says it is a bug', () => {
    let stderr = '';
    const code = main(['pairs', '--roster', roster], {
      stdout: () => {
        throw new Error('disk full');
      },
      stderr: (t) => (stderr += t),
      readFile: (path) => readFileSync(path, 'utf8'),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^peer-coaching: unexpected error \(a bug.*disk full/s);
  });

  it('--help prints the usage', () => {
    for (const argv of [['--help'], ['pairs', '-h'], ['help']]) {
      const run = plan(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: peer-coaching pairs --roster roster\.csv/);
      expect(run.stdout).toContain('--no-teams-apart');
    }
  });

  it.each([
    [['pairs', '--roster', roster, '--bogus'], /^peer-coaching: unknown option --bogus\n/],
    [['pairs'], /missing --roster/],
    [[], /missing the command/],
    [['pears', '--roster', roster], /unknown command "pears"/],
    [['pairs', 'extra', '--roster', roster], /unexpected argument "extra"/],
    [['pairs', '--roster'], /--roster/],
    [['pairs', '--roster', roster, '--cycles', '0'], /--cycles must be a whole number from 1/],
    [['pairs', '--roster', roster, '--cycles', 'two'], /--cycles must be a whole number/],
    [['pairs', '--roster', roster, '--json=yes'], /--json/],
  ])('rejects %j with exit 2', (argv, message) => {
    const run = plan(argv as string[]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('peer-coaching --help');
  });

  it.each(['--start 2026-01-05', '--time 10:00', '--zone Europe/London', '--ics out', '--weeks 6', '--every 2', '--minutes 30', '--organizer o@example.org', '--ics=out', '--ics'])(
    'rejects the calendar flag %s: it comes with the calendar feature',
    (flag) => {
      const run = plan(['pairs', '--roster', roster, ...flag.split(' ')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^peer-coaching: --[a-z]+ comes with the calendar feature and is not available yet/);
    },
  );
});
