// "Check the roster": the core's validation on the Roster sheet's rows, and selecting a row.
import type { RosterReport } from '../shared/api';
import { UserError } from '../core/errors';
import { checkRoster as check } from '../core/roster';
import { ROSTER } from '../core/schema';
import { readTable, selectRow } from '../gas/roster-sheet';
import { activeSpreadsheet, sheetNamed } from '../gas/sheets';

function rosterSheet(): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = sheetNamed(activeSpreadsheet(), ROSTER.name);
  if (!sheet) throw new UserError('There is no Roster sheet yet. Click "Set up this spreadsheet" first.');
  return sheet;
}

/** Every roster problem with its row and fix, and how many people are active, paused or left. */
export function checkRoster(): RosterReport {
  const result = check(readTable(rosterSheet()));
  return {
    problems: result.problems.map((p) => ({ row: p.row, column: p.column ?? '', message: p.message, fix: p.fix })),
    counts: { ...result.counts },
  };
}

/** Selects a roster row for the owner. `row` comes from the sidebar: checked, never trusted. */
export function selectRosterRow(row: unknown): void {
  if (typeof row !== 'number' || !Number.isInteger(row) || row < 1) {
    throw new UserError('Choose a row number from the list.');
  }
  const sheet = rosterSheet();
  if (row > sheet.getMaxRows()) throw new UserError(`Row ${row} is past the end of the Roster sheet.`);
  selectRow(sheet, row);
}
