// The built program as a real child process: node bin/peer-coaching.cjs after scripts/build-cli.mjs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROSTER_ROWS, csvText, utf16le, windows1252 } from './exports';

const ROOT = join(__dirname, '..', '..');
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 30000 });

beforeAll(() => {
  // Always rebuild: it takes a fraction of a second and tests the current source.
  const build = node(['scripts/build-cli.mjs']);
  if (build.status !== 0) throw new Error(`build-cli failed: ${build.stderr}`);
});

describe('node bin/peer-coaching.cjs', () => {
  it('plans the sample', () => {
    const run = node(['bin/peer-coaching.cjs', 'pairs', '--roster', 'examples/roster.csv', '--history', 'examples/history.csv']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Cycle 3: 5 groups, 11 people/);
  });

  it('prints JSON', () => {
    const run = node(['bin/peer-coaching.cjs', 'pairs', '--roster', 'examples/roster.csv', '--json', '--cycles', '2']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).cycles.map((c: { cycle: number }) => c.cycle)).toEqual([1, 2]);
  });

  it('exits 2 for bad input and 3 for a roster that cannot be grouped, without a stack trace', () => {
    const bad = node(['bin/peer-coaching.cjs', 'pairs', '--roster', 'test/planner/fixtures/roster-errors.csv']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Row 5: duplicate email bob@example.org (also row 3)');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const missing = node(['bin/peer-coaching.cjs', 'pairs', '--roster', 'nowhere.csv']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nowhere.csv');
    const flag = node(['bin/peer-coaching.cjs', 'pairs', '--roster', 'examples/roster.csv', '--ics', 'out']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/^peer-coaching: --ics needs --start YYYY-MM-DD, --time HH:MM and --zone Area\/City .*missing: --start, --time and --zone\./);
    const one = node(['bin/peer-coaching.cjs', 'pairs', '--roster', 'test/planner/fixtures/roster-one.csv']);
    expect(one.status).toBe(3);
    expect(one.stderr).toMatch(/^peer-coaching: /);
  });

  it('writes the .ics files with --ics and says where', () => {
    const out = mkdtempSync(join(tmpdir(), 'peer-coaching-bin-'));
    try {
      const args = ['--start', '2027-03-16', '--time', '10:00', '--zone', 'Europe/London', '--ics', join(out, 'ics')];
      const run = node(['bin/peer-coaching.cjs', 'pairs', '--roster', 'examples/roster.csv', '--history', 'examples/history.csv', ...args]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Wrote 6 .ics files (METHOD:PUBLISH, for each person to import) to ${join(out, 'ics')}:`);
      expect(readdirSync(join(out, 'ics')).sort()).toEqual(['C3-01.ics', 'C3-02.ics', 'C3-03.ics', 'C3-04.ics', 'C3-05.ics', 'all.ics']);
      const all = readFileSync(join(out, 'ics', 'all.ics'), 'utf8');
      expect(all).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
      expect(all.match(/\r\nBEGIN:VEVENT\r\n/g)).toHaveLength(5);
      expect(all).toContain('\r\nDTSTART;TZID=Europe/London:20270316T100000\r\n');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('reads files from disk in their encoding: Excel Windows-1252 with sep=;, Excel Unicode text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-coaching-csv-'));
    try {
      writeFileSync(join(dir, 'legacy.csv'), windows1252(csvText(ROSTER_ROWS, { delimiter: ';', eol: '\r\n', sepLine: true, alsoQuote: ',' })));
      writeFileSync(join(dir, 'unicode.txt'), utf16le(csvText(ROSTER_ROWS, { delimiter: '\t', eol: '\r\n' })));
      const legacy = node(['bin/peer-coaching.cjs', 'pairs', '--roster', join(dir, 'legacy.csv')]);
      expect(legacy.stderr).toBe('');
      expect(legacy.status).toBe(0);
      expect(legacy.stdout).toMatch(/^Cycle 1: 2 groups, 4 people\n/);
      for (const name of ['Renée Dubois', 'Jürgen Groß', 'Ana Muñoz', 'François Lefèvre']) expect(legacy.stdout).toContain(name);
      const unicode = node(['bin/peer-coaching.cjs', 'pairs', '--roster', join(dir, 'unicode.txt')]);
      expect(unicode.stderr).toBe('');
      expect(unicode.stdout).toBe(legacy.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a workbook given as the roster, saying what it is and how to export CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-coaching-csv-'));
    try {
      const path = join(dir, 'roster.xlsx');
      writeFileSync(path, Buffer.from('PK\x03\x04\x14\x00\x06\x00[Content_Types].xml\x00\x00', 'latin1'));
      const run = node(['bin/peer-coaching.cjs', 'pairs', '--roster', path]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^.*roster\.xlsx: not a CSV file: it is an Excel workbook \(\.xlsx\)\. Export the sheet as CSV and give that file: in Excel, File > Save As > CSV UTF-8/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
