// What the planner prints: the planned cycles as JSON or as a readable table per cycle.
import type { PairingResult, Person } from '../../core/people';

/**
 * `{"cycles":[{"cycle":1,"groups":[["a@x.org","b@x.org"],…],"warnings":["…"]}]}` and a newline;
 * with `files` (the .ics files written), also `"files":["out/C1-01.ics",…]`.
 */
export function formatJson(results: readonly PairingResult[], files?: readonly string[]): string {
  const cycles = results.map((r) => ({ cycle: r.cycle, groups: r.groups.map((g) => [...g.members]), warnings: [...r.warnings] }));
  return `${JSON.stringify(files === undefined ? { cycles } : { cycles, files: [...files] })}\n`;
}

/**
 * One table per cycle: each group's members (name and email, one per line) and its reason, then
 * the cycle's warnings.
 *
 * @example
 *   Cycle 3: 5 groups, 11 people
 *
 *     #  Name           Email                      Reason
 *     1  Amara Okafor   amara.okafor@example.com   never met
 *        Jonas Becker   jonas.becker@example.com
 *
 *   Warnings
 *     - Elena Petrova is paused and sits out this cycle.
 */
export function formatTable(results: readonly PairingResult[], people: readonly Person[]): string {
  const names = new Map(people.map((p) => [p.email, p.name]));
  const out: string[] = [];
  for (const result of results) {
    const placed = result.groups.reduce((n, g) => n + g.members.length, 0);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    out.push(`Cycle ${result.cycle}: ${plural(result.groups.length, 'group')}, ${placed === 1 ? '1 person' : `${placed} people`}`, '');
    const rows: string[][] = [['#', 'Name', 'Email', 'Reason']];
    result.groups.forEach((group, i) => {
      // The engine's reason already explains teammates; say "locked" when it does not.
      const notes = group.locked && !/locked/i.test(group.reason) ? `${group.reason}; locked` : group.reason;
      group.members.forEach((email, j) => rows.push([j === 0 ? String(i + 1) : '', names.get(email) ?? '', email, j === 0 ? notes : '']));
    });
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const row of rows) {
      out.push(`  ${row.map((cell, c) => (c === 0 ? cell.padStart(widths[c]) : c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}`.trimEnd());
    }
    if (result.warnings.length > 0) {
      out.push('', 'Warnings');
      for (const warning of result.warnings) out.push(`  - ${warning}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
