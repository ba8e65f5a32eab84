// What one scheduling chunk reads (app/schedule.ts): the Rotations sheet once, the settings, the
// roster's names, zones and working hours, the job record; and how its changes go back to the
// sheet: each changed column written once, each update to the row that now holds its cycle, group
// and members (the owner may sort, edit or delete rows while Calendar is being called).
import { UserError } from '../core/errors';
import { normaliseEmail, type Person } from '../core/people';
import { currentProgramId } from '../core/program';
import { checkRoster, formatProblem } from '../core/roster';
import { SCHEDULE_JOB_KEY, inForce, parseJob, readScheduleRows, rotationColumns, type Columns, type ScheduleJob, type ScheduleRow } from '../core/schedule';
import { ROSTER, ROTATIONS } from '../core/schema';
import { settingsTimeZone, type Settings } from '../core/settings';
import { readDocumentProperties } from '../gas/properties';
import { readTable } from '../gas/roster-sheet';
import { readRotationsTable } from '../gas/rotations-sheet';
import { activeSpreadsheet, sheetNamed, spreadsheetIdOf, spreadsheetZoneOf } from '../gas/sheets';
import { loadSettings } from '../gas/settings-store';
import { effectiveUserEmail } from '../gas/session';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Document property: the feedback form's prefilled-link base, when the form exists (issue 6). */
export const FEEDBACK_LINK_KEY = 'feedback.prefill';

export interface Context {
  sheet: Sheet;
  table: unknown[][];
  columns: Columns;
  rows: ScheduleRow[];
  settings: Settings;
  timeZone: string;
  programId: string;
  people: Map<string, Person>;
  properties: Record<string, string>;
  job: ScheduleJob | null;
  /** The calendar's owner, who organises the events (never a guest). */
  organizer: string;
  /** The roster's problems (a roster change is not applied while there are any), formatted. */
  rosterProblems: string[];
  /** False when there is no Roster sheet. */
  hasRoster: boolean;
}

export function load(): Context {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  const programId = currentProgramId(properties, spreadsheetIdOf(ss));
  if (!programId) throw new UserError('This spreadsheet is not set up yet. Click "Set up this spreadsheet" first.');
  const sheet = sheetNamed(ss, ROTATIONS.name);
  if (!sheet) throw new UserError('There is no Rotations sheet. Click "Set up this spreadsheet" to repair it.');
  const table = readRotationsTable(sheet);
  const columns = rotationColumns(table[0] ?? []);
  if (!columns) throw new UserError('The Rotations sheet lacks some of its columns. Click "Set up this spreadsheet" to repair it.');
  const { settings } = loadSettings();
  const sheetZone = spreadsheetZoneOf(ss);
  const timeZone = settingsTimeZone(settings, sheetZone);
  const rosterSheet = sheetNamed(ss, ROSTER.name);
  // Names, zones and working hours come from the roster; a row with a problem still lends its name.
  const people = new Map<string, Person>();
  const roster = rosterSheet ? checkRoster(readTable(rosterSheet), { timeZone: sheetZone }) : null;
  if (roster) for (const p of roster.people) people.set(normaliseEmail(p.email), p);
  return {
    sheet,
    table,
    columns,
    rows: readScheduleRows(table, columns, timeZone),
    settings,
    timeZone,
    programId,
    people,
    properties,
    job: parseJob(properties[SCHEDULE_JOB_KEY] ?? null),
    organizer: effectiveUserEmail(),
    rosterProblems: roster ? roster.problems.map(formatProblem) : [],
    hasRoster: roster !== null,
  };
}

export const nameOf = (c: Context) => (email: string) => c.people.get(email)?.name || email;

const FIELDS: Record<string, keyof ScheduleRow> = {
  'Day and time': 'dayAndTime',
  'Time zone': 'timeZone',
  Status: 'status',
  'Event ID': 'eventId',
  'Meet link': 'meetLink',
  Notes: 'notes',
};

/** Cell changes of a chunk, by row; `set` also updates the row in memory. */
export class Updates {
  readonly byRow = new Map<number, Partial<Record<string, string>>>();

  set(row: ScheduleRow, column: string, value: string): void {
    const u = this.byRow.get(row.index) ?? {};
    u[column] = value;
    this.byRow.set(row.index, u);
    (row as unknown as Record<string, string>)[FIELDS[column] as string] = value;
  }
}

export type Setter = (row: ScheduleRow, column: string, value: string) => void;

/**
 * Writes each changed column once, over the span of the changed rows, then forgets the updates.
 * The sheet is read again first and each update goes to the row that now holds its cycle, group
 * and members, with the other cells of the span as they are now: the owner may have sorted or
 * edited Rotations while Calendar was being called. Returns how many rows' updates were dropped
 * because their row is gone (deleted, replaced or edited meanwhile).
 */
export function writeUpdates(c: Context, updates: Updates): number {
  if (updates.byRow.size === 0) return 0;
  const fresh = readRotationsTable(c.sheet);
  const where = new Map<string, number>();
  for (const r of readScheduleRows(fresh, c.columns, c.timeZone)) if (inForce(r)) where.set(rowKey(r), r.index);
  const moved = new Map<number, Partial<Record<string, string>>>();
  let dropped = 0;
  for (const [index, u] of updates.byRow) {
    const row = c.rows.find((r) => r.index === index);
    const to = row ? where.get(rowKey(row)) : undefined;
    if (to !== undefined) moved.set(to, u);
    else dropped++; // a row deleted or replaced meanwhile: its update is dropped
  }
  updates.byRow.clear();
  if (moved.size === 0) return dropped;
  const indices = [...moved.keys()].sort((x, y) => x - y);
  const from = indices[0];
  const last = indices[indices.length - 1];
  const changed = new Set<string>();
  for (const u of moved.values()) for (const k of Object.keys(u)) changed.add(k);
  for (const column of ROTATIONS.columns.map((col) => col.header).filter((h) => changed.has(h))) {
    const col = c.columns[column];
    const values: unknown[][] = [];
    for (let r = from; r <= last; r++) {
      const u = moved.get(r);
      values.push([u && u[column] !== undefined ? (u[column] as string) : (fresh[r]?.[col] ?? '')]);
    }
    c.sheet.getRange(from + 1, col + 1, values.length, 1).setValues(values);
  }
  return dropped;
}

/** Identifies a row across a re-read: its cycle, group and members. */
function rowKey(r: ScheduleRow): string {
  return `${r.cycle}|${r.group}|${r.members.slice().sort().join(',')}`;
}
