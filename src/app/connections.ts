// The Connections sheet (issue 13, item 6): who has met whom and in which cycles, from Rotations and
// the Roster's active people, rewritten by each Dashboard refresh (app/dashboard.ts, under its lock).
// The first refresh creates it (like the Log: at the end of the tabs, the owner's tab kept active),
// shown, protected with a warning, its header row and first column frozen. One block is written
// (text, never a formula) and what a larger previous table left is emptied: a constant number of
// service calls whatever the number of people. Above CONNECTIONS_MAX_PEOPLE active people there is
// no table: the message saying so, and the figures.
import { CONNECTIONS, connectionsTable } from '../core/coverage';
import { historyOf, todayCoverageText } from '../core/dashboard-network';
import type { RotationGroup } from '../core/feedback';
import type { Person } from '../core/people';
import { ensureColumns, sheetNamed } from '../gas/sheets';
import { layOut } from './setup';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function connectionsSheet(ss: Spreadsheet): Sheet {
  const found = sheetNamed(ss, CONNECTIONS.name);
  if (found) return found;
  const was = ss.getActiveSheet();
  const sheet = ss.insertSheet(CONNECTIONS.name, ss.getNumSheets());
  layOut(sheet, CONNECTIONS);
  sheet.setFrozenColumns(1);
  if (was) ss.setActiveSheet(was); // inserting activates the new sheet: give the owner theirs back
  return sheet;
}

/** The sheet's cells: the table (or the message), a blank row, the figures among today's active people. */
export function connectionsValues(groups: readonly RotationGroup[], active: readonly Person[], today: string): { rows: string[][]; table: boolean } {
  const table = connectionsTable(historyOf(groups), active, { today });
  const figures = todayCoverageText(groups, active, today);
  const body = table.rows === null ? [[CONNECTIONS.columns[0].header], [table.message]] : table.rows;
  const rows = [...body, [''], [figures]];
  const width = Math.max(...rows.map((r) => r.length));
  return { rows: rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]), table: table.rows !== null };
}

/** Rewrites the Connections sheet (see the module comment); the caller holds the document lock. */
export function writeConnections(ss: Spreadsheet, groups: readonly RotationGroup[], people: readonly Person[], today: string): { people: number; table: boolean } {
  const active = people.filter((p) => p.status === 'Active');
  const { rows, table } = connectionsValues(groups, active, today);
  const sheet = connectionsSheet(ss);
  const height = rows.length;
  const width = rows[0].length;
  const before = { rows: sheet.getLastRow(), columns: sheet.getLastColumn() };
  const maxRows = sheet.getMaxRows();
  if (height > maxRows) sheet.insertRowsAfter(maxRows, height - maxRows);
  ensureColumns(sheet, width, 0);
  const block = sheet.getRange(1, 1, height, width);
  block.setNumberFormat('@'); // "2, 5" stays text in every locale
  block.setValues(rows);
  if (before.rows > height) sheet.getRange(height + 1, 1, before.rows - height, Math.max(width, before.columns)).clearContent();
  if (before.columns > width) sheet.getRange(1, width + 1, height, before.columns - width).clearContent();
  return { people: active.length, table };
}
