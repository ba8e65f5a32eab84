// Runs the planner in-process on files given as text or bytes (or read from test/planner/fixtures/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/local/planner/cli';

export const FIXTURES = join(__dirname, 'fixtures');
export const EXAMPLES = join(__dirname, '..', '..', 'examples');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `files` maps a path to its text (a string, as if decoded already) or its bytes (a Buffer, whose
 * encoding the planner finds); other paths are read from disk as bytes (fixtures, examples). `io`
 * replaces the writing and the clock (by default files are written to disk and the clock is read).
 */
export function plan(argv: string[], files: Record<string, string | Uint8Array> = {}, io: Pick<CliIo, 'makeFolder' | 'writeFile' | 'now'> = {}): Run {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => (path in files ? files[path] : readFileSync(path)),
    ...io,
  });
  return { code, stdout, stderr };
}

export interface JsonOutput {
  cycles: Array<{ cycle: number; groups: string[][]; warnings: string[] }>;
}

export function planJson(argv: string[], files: Record<string, string | Uint8Array> = {}): JsonOutput {
  const run = plan([...argv, '--json'], files);
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as JsonOutput;
}

/** Every pair inside a group, as "a b" with a < b. */
export function pairsOf(group: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) out.push([group[i], group[j]].sort().join(' '));
  return out;
}

/** Groups with sorted members, sorted: comparable whatever order the engine lists them in. */
export function canonical(groups: readonly string[][]): string[][] {
  return groups.map((g) => [...g].sort()).sort((a, b) => a[0].localeCompare(b[0]));
}

export function csv(rows: string[][]): string {
  return `${rows.map((r) => r.join(',')).join('\n')}\n`;
}
