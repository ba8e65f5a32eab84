// Reads the pairing history from a table (the Rotations sheet, a history CSV, or a CSV download
// of the Rotations sheet): one group per row, every problem in one pass with its spreadsheet row.
import { isEmail, normaliseEmail, type PastGroup } from './people';
import { ROTATION_STATUS_VALUES, normaliseHeader } from './schema';

export interface HistoryProblem {
  /** Spreadsheet row (header = row 1). */
  row: number;
  message: string;
  /** What to do about it, as a sentence. */
  fix: string;
}

export interface History {
  groups: PastGroup[];
  problems: HistoryProblem[];
  /** The highest cycle number in the history; 0 when it is empty. */
  lastCycle: number;
  /** Rows left out on purpose: Status "replaced" (the group never met). */
  ignored: number;
}

/**
 * The Rotations sheet's Status values. A `replaced` group was swapped for another before it met, so
 * it never happened and is ignored. Every other value counts as having met: a `cancelled` group
 * met until someone left mid-cycle, and `planned`/`scheduled`/`changed` groups are (about to be)
 * meeting, so the next cycle is planned after them. A `changed` row met until a roster change
 * ended it mid-cycle; its members may be in later rows of the same cycle.
 */
export const HISTORY_STATUSES = ROTATION_STATUS_VALUES;

const COLUMNS = { cycle: 'cycle', member1: 'member 1', member2: 'member 2', member3: 'member 3', status: 'status' };

/** Header keys compare without case, surrounding or inner spaces ("Member1" = "member 1"). */
const key = (header: unknown) => normaliseHeader(header).replace(/ /g, '');

/**
 * Reads the history's groups. Columns are found by header in any order and case; extra columns
 * are ignored; blank rows are skipped. People no longer on the roster still count.
 *
 * @example
 *   readHistory([['Cycle', 'Member 1', 'Member 2', 'Member 3'], ['1', 'A@x.org', 'b@x.org', '']])
 *   // groups: [{ cycle: 1, members: ['a@x.org', 'b@x.org'] }], problems: [], lastCycle: 1
 */
export function readHistory(table: ReadonlyArray<readonly unknown[]>): History {
  const problems: HistoryProblem[] = [];
  const groups: PastGroup[] = [];
  const result = (): History => ({ groups, problems, lastCycle: groups.reduce((m, g) => Math.max(m, g.cycle), 0), ignored });
  let ignored = 0;

  const header = table[0] ?? [];
  const index = new Map<string, number>();
  header.forEach((cell, i) => {
    const k = key(cell);
    if (k && !index.has(k)) index.set(k, i);
  });
  const col = (name: string) => index.get(name.replace(/ /g, ''));
  const missing = [COLUMNS.cycle, COLUMNS.member1, COLUMNS.member2].filter((c) => col(c) === undefined);
  if (table.length === 0 || header.every((c) => normaliseHeader(c) === '')) {
    problems.push({ row: 1, message: 'no header row (the file is empty or starts with a blank row)', fix: 'Start the file with the header Cycle, Member 1, Member 2, Member 3.' });
    return result();
  }
  if (missing.length > 0) {
    const names = missing.map((c) => (c === 'cycle' ? 'Cycle' : `Member ${c.slice(-1)}`));
    problems.push({
      row: 1,
      message: `no ${names.join(', ')} column${names.length > 1 ? 's' : ''} in the header`,
      fix: 'Use the header Cycle, Member 1, Member 2, Member 3 (a CSV download of the Rotations sheet works as is).',
    });
    return result();
  }

  // Column positions, found once (not per cell: a history has tens of thousands of rows).
  const at = new Map(Object.values(COLUMNS).map((name) => [name, col(name)]));
  const cell = (row: readonly unknown[], name: string) => {
    const i = at.get(name);
    return i === undefined ? '' : String(row[i] ?? '').trim();
  };
  /** Where each person already is in each cycle: cycle → email → row (no concatenated keys: fast). */
  const seen = new Map<number, Map<string, number>>();

  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    const rowNumber = r + 1;
    if (row.every((c) => String(c ?? '').trim() === '')) continue;
    const status = cell(row, COLUMNS.status).toLowerCase();
    if (status === 'replaced') {
      ignored++;
      continue;
    }
    const before = problems.length;
    const problem = (message: string, fix: string) => problems.push({ row: rowNumber, message, fix });
    if (status !== '' && !(HISTORY_STATUSES as readonly string[]).includes(status)) {
      problem(`unknown status "${cell(row, COLUMNS.status)}"`, `Use one of ${HISTORY_STATUSES.join(', ')}, or leave it blank.`);
    }

    const rawCycle = cell(row, COLUMNS.cycle);
    const cycle = /^\d+$/.test(rawCycle) ? Number(rawCycle) : NaN;
    if (rawCycle === '') problem('blank cycle', 'Write the number of the cycle this group met in (1, 2, …).');
    else if (!(cycle >= 1) || !Number.isSafeInteger(cycle)) problem(`cycle "${rawCycle}" is not a positive whole number`, 'Write the number of the cycle this group met in (1, 2, …).');

    const members: string[] = [];
    const beforeMembers = problems.length;
    for (const name of [COLUMNS.member1, COLUMNS.member2, COLUMNS.member3]) {
      const raw = cell(row, name);
      if (raw === '') continue;
      const email = normaliseEmail(raw);
      if (!isEmail(email)) problem(`"${raw}" is not an email address`, 'Write one email address per Member column.');
      else if (members.includes(email)) problem(`${email} is in the group twice`, 'Write each member once.');
      else members.push(email);
    }
    if (members.length < 2 && problems.length === beforeMembers) {
      problem(`a group needs 2 or 3 members, this row has ${members.length}`, 'Fill Member 1 and Member 2 (and Member 3 for a trio), or delete the row.');
    }
    if (problems.length > before) continue;

    let inCycle = seen.get(cycle);
    if (!inCycle) seen.set(cycle, (inCycle = new Map()));
    // A `changed` row was ended mid-cycle by a roster change: its members carry on in later rows of
    // the same cycle, so it is history without taking anyone's place in the cycle.
    for (const email of status === 'changed' ? [] : members) {
      const other = inCycle.get(email);
      if (other !== undefined) problem(`${email} is in two groups of cycle ${cycle} (also row ${other})`, 'Keep one of the two groups, or mark the other one "replaced".');
      else inCycle.set(email, rowNumber);
    }
    if (problems.length > before) continue;
    groups.push({ cycle, members });
  }
  return result();
}

/** One problem as a line for a person: `history.csv row 4: blank cycle. Write the number …` */
export function formatHistoryProblem(file: string, p: HistoryProblem): string {
  return `${file} row ${p.row}: ${p.message}. ${p.fix}`;
}
