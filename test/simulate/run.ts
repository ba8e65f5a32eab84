// Runs `peer-coaching simulate` in-process on the real bundle (build/Code.js, made by `npm test`'s
// build step), with files in a temporary folder.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/local/simulate/cli';
import type { SimulationResult } from '../../src/local/simulate/run';

export const ROOT = join(__dirname, '..', '..');
export const SAMPLE_ROSTER = join(ROOT, 'examples', 'roster.csv');
const BUNDLE = join(ROOT, 'build', 'Code.js');

export interface SimRun {
  code: number;
  stdout: string;
  stderr: string;
  result: SimulationResult | null;
}

/** Runs the command with `files` (name → content) written to a fresh folder; `{dir}` in args is that folder. */
export function simulateCli(args: string[], files: Record<string, string> = {}): SimRun {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const argv = args.map((a) => a.replace('{dir}', dir));
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: (p, d) => writeFileSync(p, d),
    bundle: () => readFileSync(BUNDLE, 'utf8'),
    now: () => new Date('2027-01-04T12:00:00Z'),
  });
  const out = argv[argv.indexOf('--out') + 1];
  let result: SimulationResult | null = null;
  try {
    result = code === 0 ? (JSON.parse(readFileSync(out, 'utf8')) as SimulationResult) : null;
  } catch {
    result = null;
  }
  return { code, stdout, stderr, result };
}

/** JSON lines from objects. */
export const jsonl = (...events: object[]): string => events.map((e) => JSON.stringify(e)).join('\n');
