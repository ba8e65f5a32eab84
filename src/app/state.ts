// The sidebar's first screen: what this spreadsheet holds and whether the program is set up.
import type { ProgramState } from '../shared/api';
import { ROSTER, matchHeaders } from '../core/schema';
import { activeSpreadsheet, readHeaderRow, summariseSheets } from '../gas/sheets';

/** The sheets a set-up program has (the rotation issue adds Rotations, Feedback, Dashboard). */
export const PROGRAM_SHEETS = [ROSTER];

export function getState(): ProgramState {
  const ss = activeSpreadsheet();
  const sheets = summariseSheets(ss);
  const names = new Set(sheets.map((s) => s.name));
  const missingSheets = PROGRAM_SHEETS.filter((spec) => !names.has(spec.name)).map((spec) => spec.name);
  const roster = names.has(ROSTER.name) ? ss.getSheetByName(ROSTER.name) : null;
  const missingColumns = roster
    ? matchHeaders(readHeaderRow(roster), ROSTER).missing.slice()
    : ROSTER.columns.map((c) => c.header);
  return {
    spreadsheetName: ss.getName(),
    timeZone: ss.getSpreadsheetTimeZone(),
    sheets,
    setUp: missingSheets.length === 0 && missingColumns.length === 0,
    missingSheets,
    missingColumns,
  };
}
