// The Roster sheet as a table (SpreadsheetApp): read in one block, and a row selected for the owner.

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Every cell with content, header first, in one call. Dates come back as Dates (the check reports them). */
export function readTable(sheet: Sheet): unknown[][] {
  return sheet.getDataRange().getValues();
}

/** Selects a whole row of the sheet (its used width), as if the owner had clicked it. */
export function selectRow(sheet: Sheet, row: number): void {
  sheet.getRange(row, 1, 1, Math.max(1, sheet.getLastColumn())).activate();
}
