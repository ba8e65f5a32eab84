// The Rotations sheet (SpreadsheetApp): read in one block, new rows appended in one write, and
// the rows a replace or a roster change ends rewritten in one write. Reads and writes are tried again
// when the service fails for a moment (retry.ts); growing the sheet is not.

import { retryTransient as retried } from './retry';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Every cell with content, header first, in one call. */
export function readRotationsTable(sheet: Sheet): unknown[][] {
  return retried(() => sheet.getDataRange().getValues());
}

/**
 * Writes `rows` (each as wide as the sheet's header) below row `lastRow`, growing the sheet when
 * needed. `formats` (one per column) are set first, so text stays text.
 */
export function appendRows(sheet: Sheet, lastRow: number, rows: ReadonlyArray<ReadonlyArray<unknown>>, formats: readonly string[]): void {
  if (rows.length === 0) return;
  const max = retried(() => sheet.getMaxRows());
  const needed = lastRow + rows.length;
  if (needed > max) sheet.insertRowsAfter(max, needed - max); // not repeated: each would add rows
  const range = retried(() => sheet.getRange(lastRow + 1, 1, rows.length, formats.length));
  retried(() => range.setNumberFormats(rows.map(() => formats.slice())));
  retried(() => range.setValues(rows.map((r) => r.slice())));
}

/** Writes `values` down column `column` (1-based) from row `firstRow`, in one call. */
export function writeColumn(sheet: Sheet, column: number, firstRow: number, values: readonly string[]): void {
  if (values.length === 0) return;
  retried(() => sheet.getRange(firstRow, column, values.length, 1).setValues(values.map((v) => [v])));
}

/** Writes whole rows from row `firstRow` (1-based), in one call. */
export function writeRows(sheet: Sheet, firstRow: number, rows: ReadonlyArray<ReadonlyArray<unknown>>): void {
  if (rows.length === 0) return;
  retried(() => sheet.getRange(firstRow, 1, rows.length, rows[0].length).setValues(rows.map((r) => r.slice())));
}
