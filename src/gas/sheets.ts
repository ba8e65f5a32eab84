// Reading and writing the program's sheets (SpreadsheetApp), in whole blocks.
import type { SheetSummary } from '../shared/api';
import { STATUS_VALUES, type SheetSpec } from '../core/schema';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function activeSpreadsheet(): Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

export function summariseSheets(ss: Spreadsheet): SheetSummary[] {
  return ss.getSheets().map((sheet) => ({
    name: sheet.getName(),
    lastRow: sheet.getLastRow(),
    lastColumn: sheet.getLastColumn(),
  }));
}

/** The header row as strings, read in one call (empty for an empty sheet). */
export function readHeaderRow(sheet: Sheet): string[] {
  const width = sheet.getLastColumn();
  if (width === 0) return [];
  return sheet.getRange(1, 1, 1, width).getDisplayValues()[0];
}

/** Writes headers as plain text, in one block, starting at 0-based column `at`. */
export function writeHeaders(sheet: Sheet, at: number, headers: readonly string[]): void {
  if (headers.length === 0) return;
  const needed = at + headers.length;
  const max = sheet.getMaxColumns();
  if (needed > max) sheet.insertColumnsAfter(max, needed - max);
  const range = sheet.getRange(1, at + 1, 1, headers.length);
  range.setNumberFormat('@');
  range.setValues([headers.slice()]);
}

/**
 * Formats a sheet of `spec` given where its columns are: bold frozen header row, plain-text
 * columns, the Status dropdown. A constant number of calls, whatever the number of rows.
 */
export function formatSheet(sheet: Sheet, spec: SheetSpec, columns: Readonly<Record<string, number>>): void {
  const width = sheet.getLastColumn();
  if (width > 0) {
    const header = sheet.getRange(1, 1, 1, width);
    header.setFontWeight('bold');
    // Every run checks the notes, so a run cut off after writing headers is completed by the next.
    const notes = header.getNotes()[0];
    const wanted = notes.slice();
    for (const column of spec.columns) {
      const index = columns[column.header];
      if (index !== undefined) wanted[index] = column.note;
    }
    if (wanted.some((note, i) => note !== notes[i])) header.setNotes([wanted]);
  }
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
  const bodyRows = sheet.getMaxRows() - 1;
  if (bodyRows < 1) return;
  for (const column of spec.columns) {
    const index = columns[column.header];
    if (index === undefined) continue;
    const body = sheet.getRange(2, index + 1, bodyRows, 1);
    if (column.plainText) body.setNumberFormat('@');
    if (column.header === 'Status') {
      body.setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireValueInList(STATUS_VALUES.slice(), true)
          .setAllowInvalid(true)
          .setHelpText('Active (or blank), Paused or Left.')
          .build(),
      );
    }
  }
}
