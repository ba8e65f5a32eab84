// The built program as a real child process: node bin/peer-coaching.cjs after scripts/build-cli.mjs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

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
    const one = node(['bin/peer-coaching.cjs', 'pairs', '--roster', 'test/planner/fixtures/roster-one.csv']);
    expect(one.status).toBe(3);
    expect(one.stderr).toMatch(/^peer-coaching: /);
  });
});
