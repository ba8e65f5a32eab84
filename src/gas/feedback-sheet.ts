// The Feedback and Dashboard sheets (SpreadsheetApp), written in blocks. One response is one
// Feedback row, appended without reading the sheet: a TextFinder looks for the response's key in
// the Key column (Google searches, the add-on reads nothing), and the new row is written in one
// block, its formats first so text stays text. Each function is a constant number of calls,
// whatever the number of rows. The hourly catch-up of missed responses reads a block of the
// responses sheet and the Key column of Feedback, one call each. Reads and writes are tried again
// when the service fails for a moment (retry.ts); growing the sheet is not.
// https://developers.google.com/apps-script/reference/spreadsheet/text-finder

import { retryTransient as retried } from './retry';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The 1-based row whose cell in `column` (1-based) is exactly `key` (case included), or null. */
export function findKeyRow(sheet: Sheet, column: number, lastRow: number, key: string): number | null {
  return retried(() => {
    const found = sheet.getRange(1, column, Math.max(1, lastRow), 1).createTextFinder(key).matchCase(true).matchEntireCell(true).findNext();
    return found ? found.getRow() : null;
  });
}

export function lastRow(sheet: Sheet): number {
  return retried(() => sheet.getLastRow());
}

export function lastColumn(sheet: Sheet): number {
  return retried(() => sheet.getLastColumn());
}

/** The values of one column (1-based) from `row`, `numRows` of them (none when numRows < 1). */
export function readColumn(sheet: Sheet, column: number, row: number, numRows: number): unknown[] {
  if (numRows < 1) return [];
  return retried(() => sheet.getRange(row, column, numRows, 1).getValues()).map((r) => r[0]);
}

/** A block of `numRows` rows from `row`, `width` cells from column A: its values and display values (two calls). */
export function readBlock(sheet: Sheet, row: number, numRows: number, width: number): { values: unknown[][]; display: string[][] } {
  const range = retried(() => sheet.getRange(row, 1, numRows, width));
  return { values: retried(() => range.getValues()), display: retried(() => range.getDisplayValues()) };
}

/** Grows the sheet by `spare` rows when row `row` does not exist yet (one call to look, one to grow). */
export function ensureRow(sheet: Sheet, row: number, spare: number): void {
  const max = retried(() => sheet.getMaxRows());
  if (row > max) sheet.insertRowsAfter(max, row - max + spare); // not repeated: each would add rows
}

/** The number formats of a block of `numRows` rows from `row`, `width` cells from column A. */
export function blockFormats(sheet: Sheet, row: number, numRows: number, width: number): string[][] {
  return retried(() => sheet.getRange(row, 1, numRows, width).getNumberFormats());
}

/** Writes rows from column A, each as wide as the first: their number formats, then their values. */
export function writeRows(sheet: Sheet, row: number, values: ReadonlyArray<readonly unknown[]>, formats: ReadonlyArray<readonly string[]>): void {
  if (values.length === 0 || values[0].length === 0) return;
  const range = retried(() => sheet.getRange(row, 1, values.length, values[0].length));
  retried(() => range.setNumberFormats(formats.map((f) => f.slice())));
  retried(() => range.setValues(values.map((v) => v.slice())));
}

/** Empties the contents (not the formats) of `numRows` rows from `row`, `width` cells from column A. */
export function clearRows(sheet: Sheet, row: number, numRows: number, width: number): void {
  if (numRows < 1 || width < 1) return;
  retried(() => sheet.getRange(row, 1, numRows, width).clearContent());
}
