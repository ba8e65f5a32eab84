// The Rotations sheet (SpreadsheetApp): read in one block, new rows appended in one write, and
// the rows a replace or a roster change ends rewritten in one write.

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Every cell with content, header first, in one call. */
export function readRotationsTable(sheet: Sheet): unknown[][] {
  return sheet.getDataRange().getValues();
}

/**
 * Writes `rows` (each as wide as the sheet's header) below row `lastRow`, growing the sheet when
 * needed. `formats` (one per column) are set first, so text stays text.
 */
export function appendRows(sheet: Sheet, lastRow: number, rows: ReadonlyArray<ReadonlyArray<unknown>>, formats: readonly string[]): void {
  if (rows.length === 0) return;
  const max = sheet.getMaxRows();
  const needed = lastRow + rows.length;
  if (needed > max) sheet.insertRowsAfter(max, needed - max);
  const range = sheet.getRange(lastRow + 1, 1, rows.length, formats.length);
  range.setNumberFormats(rows.map(() => formats.slice()));
  range.setValues(rows.map((r) => r.slice()));
}

/** Writes `values` down column `column` (1-based) from row `firstRow`, in one call. */
export function writeColumn(sheet: Sheet, column: number, firstRow: number, values: readonly string[]): void {
  if (values.length === 0) return;
  sheet.getRange(firstRow, column, values.length, 1).setValues(values.map((v) => [v]));
}

/** Writes whole rows from row `firstRow` (1-based), in one call. */
export function writeRows(sheet: Sheet, firstRow: number, rows: ReadonlyArray<ReadonlyArray<unknown>>): void {
  if (rows.length === 0) return;
  sheet.getRange(firstRow, 1, rows.length, rows[0].length).setValues(rows.map((r) => r.slice()));
}
