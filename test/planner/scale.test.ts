// The command-line planner past the supported maximum of active people (issue 12): exit 2 and the
// engine's message, never a stack trace.
import { plan } from './run';

const roster = (n: number) => ['Name,Email,Team', ...Array.from({ length: n }, (_, i) => `Manager ${i},m${i}@example.com,Team ${i % 50}`)].join('\n');

describe('peer-coaching pairs: the supported maximum', () => {
  it('refuses 12,000 active people with exit 2 and a clear message', () => {
    const run = plan(['pairs', '--roster', 'big.csv'], { 'big.csv': roster(12_000) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'peer-coaching: The roster has 12,000 active people; the planner supports up to 10,000 in one program. ' +
        'Set at least 2,000 of them to Paused, or split the program into several (one roster each).\n',
    );
  });
});
