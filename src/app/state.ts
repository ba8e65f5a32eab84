// The sidebar's first screen: what this spreadsheet holds and whether the program is set up.
import type { ProgramState } from '../shared/api';
import { currentProgramId } from '../core/program';
import { PROGRAM_SHEETS, ROSTER, matchHeaders } from '../core/schema';
import { readDocumentProperties } from '../gas/properties';
import { activeSpreadsheet, readHeaderRow, sheetNamed, spreadsheetIdOf, spreadsheetNameOf, spreadsheetZoneOf, summariseSheets } from '../gas/sheets';

export { PROGRAM_SHEETS };

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function getState(): ProgramState {
  const ss = activeSpreadsheet();
  const programId = currentProgramId(readDocumentProperties(), spreadsheetIdOf(ss));
  return stateOf(ss, programId, new Map());
}

/**
 * The state from the spreadsheet, reading the header row of each program sheet whose row is not in
 * `knownHeaders` (set-up passes the rows it has just written, so nothing is read twice).
 */
export function stateOf(ss: Spreadsheet, programId: string | null, knownHeaders: ReadonlyMap<string, readonly string[]>): ProgramState {
  const sheets = summariseSheets(ss);
  const names = new Set(sheets.map((s) => s.name));
  const missingSheets: string[] = [];
  const missingColumnsBySheet: Record<string, string[]> = {};
  for (const spec of PROGRAM_SHEETS) {
    if (!names.has(spec.name)) {
      missingSheets.push(spec.name);
      continue;
    }
    const row = knownHeaders.get(spec.name) ?? readHeaderRow(sheetNamed(ss, spec.name)!);
    const missing = matchHeaders(row, spec).missing;
    if (missing.length) missingColumnsBySheet[spec.name] = missing.slice();
  }
  const missingColumns = names.has(ROSTER.name) ? (missingColumnsBySheet[ROSTER.name] ?? []) : ROSTER.columns.map((c) => c.header);
  return {
    spreadsheetName: spreadsheetNameOf(ss),
    timeZone: spreadsheetZoneOf(ss),
    sheets,
    setUp: missingSheets.length === 0 && Object.keys(missingColumnsBySheet).length === 0 && programId !== null,
    missingSheets,
    missingColumns,
    missingColumnsBySheet,
    programId,
  };
}
