// Roster validation: reads the Roster sheet's values (or a CSV's) into people, and reports every
// problem in one pass, each with its spreadsheet row, what is wrong and what to do about it.
// Pure: no Apps Script, no clock, no randomness. Nothing is written while problems remain.
//
// Decisions (see test/core/roster.test.ts for each as an example):
// - Columns are found by header, in any order and case (matchHeaders); other columns are ignored.
//   table[0][0] is taken to be column A when a message names column letters.
// - Header problems (no Name or Email column; a column the add-on reads appearing twice) are
//   reported on the header row and stop the check there: every record would repeat them.
// - A row is skipped silently when every column the add-on reads is blank (Notes and extra
//   columns do not make a person), wherever it is.
// - Names and teams are made display-safe (text.ts `cleanLine`): bidi overrides, isolates and marks
//   are removed, control characters become spaces. A name left blank by that is a blank name.
//   Nothing is truncated.
// - Cells are read as text, trimmed: numbers with String, booleans as TRUE/FALSE (as Sheets shows
//   them). A Date in a column the add-on reads is a problem: it is Sheets having turned typed text
//   into a date, so the fix is to format the column as plain text and type the value again.
//   Text that looks like a formula ("=HYPERLINK(…)") is just text, kept as given.
// - Emails compare trimmed and case-insensitively. The first row with an address keeps it; later
//   rows with the same address are reported (naming that first row), even when the first row has
//   problems of its own.
// - "On the roster", for avoid lists, means on some row with a well-formed email, whatever its
//   status or problems (a Left person on an avoid list is fine).
// - Time zones are case-sensitive, as Apps Script's (Java) zone ids are: "europe/london" is
//   reported with the fix "Write it as Europe/London". Blank means the spreadsheet's zone.
// - Problems are sorted by row; within a row they follow the canonical column order, so moving
//   columns about never changes the result.

import { readAwayCell } from './away';
import { isEmail, normaliseEmail, type Person, type Status } from './people';
import { ROSTER, ROSTER_AWAY, STATUS_VALUES, matchHeaders, normaliseHeader } from './schema';
import { cleanLine } from './text';
import { readWorkingHours } from './working-hours';

export interface RosterProblem {
  /** Spreadsheet row (header = 1, or options.firstRow); header problems are on the header row. */
  row: number;
  /** Canonical column name when one cell is at fault. */
  column?: string;
  /** What is wrong, short and specific: "duplicate email bob@example.org (also row 3)". */
  message: string;
  /** What to do: "Keep one row per person: delete this row or correct the email." */
  fix: string;
}

export interface RosterCheck {
  /** The valid rows (all statuses), in sheet order. */
  people: Person[];
  /** Every problem found, sorted by row. */
  problems: RosterProblem[];
  /** Valid people by status. */
  counts: { active: number; paused: number; left: number };
}

export interface RosterCheckOptions {
  /** Spreadsheet row of table[0]. Default 1. */
  firstRow?: number;
  /** Whether a (non-blank, trimmed) Time zone cell names a zone. Default: isKnownTimeZone. */
  isTimeZone?: (zone: string) => boolean;
  /** The spreadsheet's zone: an Away cell Sheets made a Date is read as that date there (core/away.ts). Without it such a cell is a problem. */
  timeZone?: string;
}

const NAME = 'Name';
const EMAIL = 'Email';
const TEAM = 'Team';
const TIME_ZONE = 'Time zone';
const STATUS = 'Status';
const AVOID = 'Avoid pairing with';
const WORKING_HOURS = 'Working hours';
const NOTES = 'Notes';

/** The columns the add-on reads, in canonical order (Notes is for people only). */
const READ_COLUMNS = ROSTER.columns.map((c) => c.header).filter((h) => h !== NOTES);
/** The optional Away column (not a canonical header: set-up does not add it), read by readAwayCell. */
const AWAY = ROSTER_AWAY.header;

/** A cell as text, or a date Sheets made of it. */
interface Cell {
  text: string;
  date: boolean;
}

/**
 * Checks a roster: header row first, then one row per person, as read from the sheet
 * (`getValues`) or a CSV. Returns the valid people and every problem at once.
 */
export function checkRoster(
  table: ReadonlyArray<ReadonlyArray<unknown>>,
  options: RosterCheckOptions = {},
): RosterCheck {
  const firstRow = options.firstRow ?? 1;
  const isTimeZone = options.isTimeZone ?? isKnownTimeZone;
  const problems: RosterProblem[] = [];
  const none: RosterCheck = { people: [], problems, counts: { active: 0, paused: 0, left: 0 } };

  // The header.
  const header = table[0] ?? [];
  const { columns } = matchHeaders(header, ROSTER);
  for (const column of [NAME, EMAIL]) {
    if (columns[column] === undefined) {
      problems.push({
        row: firstRow,
        column,
        message: `no ${column} column`,
        fix: `Add a column headed "${column}" to the header row (row ${firstRow}).`,
      });
    }
  }
  for (const column of [...READ_COLUMNS, AWAY]) {
    const at = header.flatMap((cell, i) => (normaliseHeader(cell) === normaliseHeader(column) ? [i] : []));
    if (at.length > 1) {
      problems.push({
        row: firstRow,
        column,
        message: `${at.length === 2 ? 'two' : at.length} ${column} columns (${list(at.map(columnLetter))})`,
        fix: `Keep one ${column} column: rename or delete the others.`,
      });
    }
  }
  if (problems.length > 0) return none;
  const awayAt = header.findIndex((cell) => normaliseHeader(cell) === normaliseHeader(AWAY));

  // The records, skipping blank rows.
  interface RowRecord {
    row: number;
    cells: Map<string, Cell>;
    email: string;
    emailOk: boolean;
    /** The Away cell as read (a Date kept: readAwayCell decides). */
    away: unknown;
  }
  const records: RowRecord[] = [];
  for (let i = 1; i < table.length; i++) {
    const values = table[i] ?? [];
    const cells = new Map<string, Cell>();
    for (const column of READ_COLUMNS) {
      const at = columns[column];
      cells.set(column, at === undefined ? { text: '', date: false } : readCell(values[at]));
    }
    const away = awayAt < 0 ? null : values[awayAt];
    const awayBlank = away === null || away === undefined || (typeof away === 'string' && away.trim() === '');
    if (awayBlank && [...cells.values()].every((c) => c.text === '' && !c.date)) continue;
    const email = cells.get(EMAIL) as Cell;
    const normalised = email.date ? '' : normaliseEmail(email.text);
    records.push({ row: firstRow + i, cells, email: normalised, emailOk: isEmail(normalised), away });
  }

  // Who is on the roster: the first row of each well-formed email.
  const firstRowOf = new Map<string, number>();
  for (const r of records) if (r.emailOk && !firstRowOf.has(r.email)) firstRowOf.set(r.email, r.row);

  // Each distinct zone is checked once: a roster repeats a handful of zones many times.
  const zoneChecks = new Map<string, boolean>();
  const knownZone = (zone: string) => {
    let known = zoneChecks.get(zone);
    if (known === undefined) zoneChecks.set(zone, (known = isTimeZone(zone)));
    return known;
  };
  const zoneFixes = new Map<string, string>();
  const zoneFix = (zone: string) => {
    let fix = zoneFixes.get(zone);
    if (fix === undefined) zoneFixes.set(zone, (fix = timeZoneFix(zone, knownZone)));
    return fix;
  };

  const people: Person[] = [];
  for (const record of records) {
    const { row } = record;
    const before = problems.length;
    const problem = (column: string, message: string, fix: string) => problems.push({ row, column, message, fix });
    const text = (column: string): string | null => {
      const cell = record.cells.get(column) as Cell;
      if (!cell.date) return cell.text;
      problem(
        column,
        `${column} is a date, not text`,
        column === WORKING_HOURS
          ? 'Format the Working hours column as plain text (Format > Number > Plain text) and type the hours again, like 09:00-17:00.'
          : `Format the ${column} column as plain text (Format > Number > Plain text) and type the value again.`,
      );
      return null;
    };

    // Names and teams are shown (sidebar, event titles, sheets): display-safe at the source (text.ts).
    const nameText = text(NAME);
    const name = nameText === null ? null : cleanLine(nameText);
    if (name === '') problem(NAME, 'blank name', "Type the person's name in the Name column.");

    const emailText = text(EMAIL);
    if (emailText === '') {
      problem(EMAIL, 'blank email', "Type the person's Google account email in the Email column.");
    } else if (emailText !== null && !record.emailOk) {
      problem(EMAIL, `email ${quote(emailText)} is not an address`, 'Correct it to one address like name@example.org.');
    } else if (record.emailOk && firstRowOf.get(record.email) !== row) {
      problem(
        EMAIL,
        `duplicate email ${record.email} (also row ${firstRowOf.get(record.email)})`,
        'Keep one row per person: delete this row or correct the email.',
      );
    }

    const teamText = text(TEAM);
    const team = teamText === null ? null : cleanLine(teamText);

    const zone = text(TIME_ZONE);
    if (zone && !knownZone(zone)) problem(TIME_ZONE, `unknown time zone ${quote(zone)}`, zoneFix(zone));

    const statusText = text(STATUS);
    let status: Status = 'Active';
    if (statusText) {
      const found = STATUS_VALUES.find((s) => s.toLowerCase() === statusText.toLowerCase());
      if (found) status = found;
      else problem(STATUS, `unknown status ${quote(statusText)}`, 'Use Active, Paused or Left (blank means Active).');
    }

    const avoidText = text(AVOID);
    const avoid: string[] = [];
    for (const entry of splitAvoidList(avoidText ?? '')) {
      const email = normaliseEmail(entry);
      if (avoid.includes(email)) continue;
      avoid.push(email);
      if (!isEmail(email)) {
        problem(
          AVOID,
          `avoid list entry ${quote(entry)} is not an email`,
          "Write the person's email as in their Email cell; separate several with commas.",
        );
      } else if (email === record.email) {
        problem(AVOID, `avoid list names the person themself (${email})`, 'Remove their own email from Avoid pairing with.');
      } else if (!firstRowOf.has(email)) {
        problem(
          AVOID,
          `avoid list names ${email}, who is not on the roster`,
          "Correct the email to match someone's Email cell, or remove it.",
        );
      }
    }

    const hoursText = text(WORKING_HOURS);
    if (hoursText) {
      const reading = readWorkingHours(hoursText);
      if (!reading.ok) {
        problem(WORKING_HOURS, `working hours ${quote(hoursText)}: ${reading.reason}`, WORKING_HOURS_FIX[reading.kind]);
      }
    }

    const awayReading = readAwayCell(record.away, row, { timeZone: options.timeZone });
    if (!awayReading.ok) problems.push(...awayReading.problems);

    if (problems.length === before) {
      people.push({
        email: record.email,
        name: name as string,
        team: team as string,
        timeZone: zone as string,
        status,
        avoid,
        workingHours: hoursText as string,
        ...(awayReading.ok && awayReading.away.length > 0 ? { away: awayReading.away } : {}),
        row,
      });
    }
  }

  problems.sort((a, b) => a.row - b.row); // stable: within a row, canonical column order
  const count = (s: Status) => people.filter((p) => p.status === s).length;
  return { people, problems, counts: { active: count('Active'), paused: count('Paused'), left: count('Left') } };
}

/** One line for a person: "Row 7: duplicate email bob@example.org (also row 3). Keep one row per person: …" */
export function formatProblem(problem: RosterProblem): string {
  return `Row ${problem.row}: ${problem.message}. ${problem.fix}`;
}

const WORKING_HOURS_FIX: Record<'format' | 'day' | 'time' | 'order', string> = {
  format: 'Write them like 09:00-17:00 or Mon-Thu 08:30-16:00, or leave the cell blank for Mon-Fri 09:00-17:00.',
  day: 'Use Mon, Tue, Wed, Thu, Fri, Sat or Sun, like Mon-Thu 08:30-16:00.',
  time: 'Use 24-hour times from 00:00 to 24:00, like 09:00-17:00.',
  order: 'Put the start first, like 09:00-17:00; hours past midnight are not supported.',
};

/**
 * Whether `zone` is an IANA time zone id, written exactly (case included) as Apps Script and
 * Calendar expect it: known to Intl, every part starting with a capital ("Europe/London",
 * "America/Argentina/Buenos_Aires", "Etc/GMT+5", "UTC"). Offsets ("+01:00", "GMT+1") are not zones.
 */
export function isKnownTimeZone(zone: string): boolean {
  if (!/^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/.test(zone)) return false;
  const resolved = resolveTimeZone(zone);
  if (resolved === null) return false;
  // Intl ignores case: a name it keeps (only recased) must already be in its own case. An alias
  // it replaces ("US/Eastern" → "America/New_York") passed the capitals check above.
  return resolved.toLowerCase() !== zone.toLowerCase() || resolved === zone;
}

/** Intl's name for a zone ("europe/london" → "Europe/London"), or null when Intl knows none. */
const resolvedZones = new Map<string, string | null>();

/** The zone as Intl names it, or null when Intl does not know it (remembered: a formatter is slow to build). */
function resolveTimeZone(zone: string): string | null {
  let resolved = resolvedZones.get(zone);
  if (resolved === undefined) {
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      resolved = null; // RangeError: not a zone
    }
    resolvedZones.set(zone, resolved);
  }
  return resolved;
}

/**
 * What to do about an unknown zone: write it as Intl names it when Intl knows it in another case
 * ("europe/london" → Europe/London), else the nearest zone name within two typos ("Europe/Londn"),
 * else any IANA name.
 */
function timeZoneFix(zone: string, known: (zone: string) => boolean): string {
  const resolved = resolveTimeZone(zone);
  if (resolved !== null && resolved !== zone && known(resolved)) {
    return resolved.toLowerCase() === zone.toLowerCase()
      ? `Write it as ${resolved} (capitals matter).`
      : `Write it as ${resolved}.`; // "us/eastern": Intl knows it under another name
  }
  const near = nearestTimeZone(zone);
  return near !== null && known(near)
    ? `Did you mean ${near}? Use an IANA zone name, or leave it blank for the spreadsheet's time zone.`
    : "Use an IANA name such as Europe/London or America/New_York, or leave it blank for the spreadsheet's time zone.";
}

/** The zone name nearest to `zone` within two typos, case aside; null when none is. */
function nearestTimeZone(zone: string): string | null {
  let best: string | null = null;
  let bestDistance = 3; // at most two typos
  const lower = zone.toLowerCase();
  for (const [candidate, candidateLower] of zoneNames()) {
    if (Math.abs(candidate.length - zone.length) >= bestDistance) continue;
    const d = distance(lower, candidateLower, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

let zoneNameCache: Array<[string, string]> | undefined;
/** Intl's zone names with their lower case, read once (none where Intl cannot list them). */
function zoneNames(): Array<[string, string]> {
  if (zoneNameCache === undefined) {
    const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zoneNameCache = names.map((name) => [name, name.toLowerCase()]);
  }
  return zoneNameCache;
}

/** Levenshtein distance, or `limit` when it is at least that. */
function distance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length], limit);
}


/** Avoid-list entries: separated by commas, semicolons or line breaks; blanks dropped. */
function splitAvoidList(text: string): string[] {
  return text
    .split(/[,;\r\n]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function readCell(value: unknown): Cell {
  if (value === null || value === undefined) return { text: '', date: false };
  if (Object.prototype.toString.call(value) === '[object Date]') return { text: '', date: true };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', date: false };
  return { text: String(value).trim(), date: false };
}

/** A value quoted for a message, on one line and at most 40 characters. */
function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return `"${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat}"`;
}

/** "C", "C and F", "C, F and H". */
function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
