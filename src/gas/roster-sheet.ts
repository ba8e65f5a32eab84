// The Roster sheet as a table (SpreadsheetApp): read in one block, a row selected for the owner,
// and a person's own cells written as text (with the Away column added when missing: app/steering.ts).
// Reads and writes are tried again when the service fails for a moment (retry.ts); growing the sheet is not.

import { retryTransient as retried } from './retry';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Every cell with content, header first, in one call. Dates come back as Dates (the check reports them). */
export function readTable(sheet: Sheet): unknown[][] {
  return retried(() => sheet.getDataRange().getValues());
}

/** Selects a whole row of the sheet (its used width), as if the owner had clicked it. */
export function selectRow(sheet: Sheet, row: number): void {
  retried(() => sheet.getRange(row, 1, 1, Math.max(1, sheet.getLastColumn())).activate());
}

/**
 * Writes text cells of row `row` (1-based), given as 0-based column → value: per contiguous run of
 * columns, its number format (plain text) and its values, one call each. A cell not asked for is
 * never rewritten (it may hold a formula or the owner's formatting). The runs are written in the
 * order of their first cell in `cells` (the caller puts last the cell that decides a retry).
 */
export function writeRowCells(sheet: Sheet, row: number, cells: ReadonlyArray<{ column: number; value: string }>): void {
  const order = new Map(cells.map((c, i) => [c.column, i]));
  const sorted = [...cells].sort((a, b) => a.column - b.column);
  const runs: Array<Array<{ column: number; value: string }>> = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].column === c.column - 1) last.push(c);
    else runs.push([c]);
  }
  const first = (run: ReadonlyArray<{ column: number }>) => Math.min(...run.map((c) => order.get(c.column) ?? 0));
  runs.sort((a, b) => first(a) - first(b));
  for (const run of runs) {
    const range = retried(() => sheet.getRange(row, run[0].column + 1, 1, run.length));
    retried(() => range.setNumberFormat('@'));
    retried(() => range.setValues([run.map((c) => c.value)]));
  }
}

/**
 * Adds a plain-text column headed `header` at column `index` (0-based, past the last header): the
 * sheet grown when it has no such column, the header with its note, the body formatted as text.
 */
export function addTextColumn(sheet: Sheet, index: number, header: string, note: string): void {
  const max = retried(() => sheet.getMaxColumns());
  if (index + 1 > max) sheet.insertColumnsAfter(max, index + 1 - max); // not repeated: each would add columns
  const head = retried(() => sheet.getRange(1, index + 1));
  retried(() => head.setValue(header));
  retried(() => head.setNote(note));
  const rows = retried(() => sheet.getMaxRows());
  if (rows > 1) retried(() => sheet.getRange(2, index + 1, rows - 1, 1).setNumberFormat('@'));
}
