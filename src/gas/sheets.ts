// Reading and writing the program's sheets (SpreadsheetApp), in whole blocks. Each function is a
// small constant number of service calls, whatever the number of rows. Calls that are safe to repeat
// are tried again when a service fails for a moment (retry.ts); creating a sheet checks first.
import type { SheetSummary } from '../shared/api';
import { retryTransient as retried } from './retry';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

export function activeSpreadsheet(): Spreadsheet {
  return retried(() => SpreadsheetApp.getActiveSpreadsheet());
}

/** The sheet called `name`, or null. */
export function sheetNamed(ss: Spreadsheet, name: string): Sheet | null {
  return retried(() => ss.getSheetByName(name));
}

/** The sheet with id `id`, or null. */
export function sheetWithId(ss: Spreadsheet, id: number): Sheet | null {
  return retried(() => ss.getSheetById(id));
}

/** The spreadsheet's id (Drive's file id). */
export function spreadsheetIdOf(ss: Spreadsheet): string {
  return retried(() => ss.getId());
}

/** The spreadsheet's time zone (File > Settings). */
export function spreadsheetZoneOf(ss: Spreadsheet): string {
  return retried(() => ss.getSpreadsheetTimeZone());
}

/** The spreadsheet's name, as its owner titled it. */
export function spreadsheetNameOf(ss: Spreadsheet): string {
  return retried(() => ss.getName());
}

export function summariseSheets(ss: Spreadsheet): SheetSummary[] {
  return retried(() => ss.getSheets()).map((sheet) => ({
    name: retried(() => sheet.getName()),
    lastRow: retried(() => sheet.getLastRow()),
    lastColumn: retried(() => sheet.getLastColumn()),
  }));
}

/** Every sheet in tab order with its id and name. */
export function listSheets(ss: Spreadsheet): Array<{ sheet: Sheet; id: number; name: string }> {
  return retried(() => ss.getSheets()).map((sheet) => ({ sheet, id: retried(() => sheet.getSheetId()), name: retried(() => sheet.getName()) }));
}

/** A new sheet at 0-based tab position `index`, and its id. (It becomes the active sheet.) */
export function insertSheetAt(ss: Spreadsheet, name: string, index: number): { sheet: Sheet; id: number } {
  // Tried again only after looking: a failure Google reported after making the sheet must not make two.
  let first = true;
  const sheet = retried(() => {
    const made = first ? null : ss.getSheetByName(name);
    first = false;
    return made ?? ss.insertSheet(name, index);
  });
  return { sheet, id: retried(() => sheet.getSheetId()) };
}

export function renameSheet(sheet: Sheet, name: string): void {
  retried(() => sheet.setName(name));
}

export function activateSheet(ss: Spreadsheet, sheet: Sheet): void {
  retried(() => ss.setActiveSheet(sheet));
}

/** The header row as strings, read in one call (empty for an empty sheet). */
export function readHeaderRow(sheet: Sheet): string[] {
  const width = retried(() => sheet.getLastColumn());
  if (width === 0) return [];
  return retried(() => sheet.getRange(1, 1, 1, width).getDisplayValues())[0];
}

/** Grows the sheet to at least `needed` columns (`knownWidth`: columns known to exist already). */
export function ensureColumns(sheet: Sheet, needed: number, knownWidth: number): void {
  if (needed <= knownWidth) return;
  const max = retried(() => sheet.getMaxColumns());
  // Not repeated blindly (each would add columns): a run cut short here is finished by the next, which reads the width again.
  if (needed > max) sheet.insertColumnsAfter(max, needed - max);
}

/**
 * Writes the header cells at `indexes` (0-based) from `row`, one write per contiguous run of
 * cells: a cell that was not asked for is never rewritten (it may hold a formula, a value of
 * another type or the owner's formatting).
 */
export function writeHeaderCells(sheet: Sheet, row: readonly string[], indexes: readonly number[]): void {
  const runs: number[][] = [];
  for (const i of [...indexes].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === i - 1) last.push(i);
    else runs.push([i]);
  }
  for (const run of runs) retried(() => sheet.getRange(1, run[0] + 1, 1, run.length).setValues([run.map((i) => row[i])]));
}

/** Bolds header cells, one call per run of adjacent columns (0-based start). */
export function boldHeaderCells(sheet: Sheet, runs: ReadonlyArray<{ start: number; count: number }>): void {
  for (const run of runs) retried(() => sheet.getRange(1, run.start + 1, 1, run.count).setFontWeight('bold'));
}

/** The header row's notes, `width` cells. */
export function readHeaderNotes(sheet: Sheet, width: number): string[] {
  return retried(() => sheet.getRange(1, 1, 1, width).getNotes())[0];
}

export function writeHeaderNotes(sheet: Sheet, notes: readonly string[]): void {
  retried(() => sheet.getRange(1, 1, 1, notes.length).setNotes([notes.slice()]));
}

/** Freezes the header row unless rows are frozen already; true when it had to. */
export function freezeHeader(sheet: Sheet, known?: number): boolean {
  const frozen = known ?? retried(() => sheet.getFrozenRows());
  if (frozen >= 1) return false;
  retried(() => sheet.setFrozenRows(1));
  return true;
}

/** Hides a sheet from the tabs (it stays readable; an owner may show it again). */
export function hideSheet(sheet: Sheet): void {
  retried(() => sheet.hideSheet());
}

export function maxRows(sheet: Sheet): number {
  return retried(() => sheet.getMaxRows());
}

/** Sets each run's number format on the body (rows 2 to `rows`) of its columns (0-based start). */
export function formatBody(sheet: Sheet, rows: number, runs: ReadonlyArray<{ start: number; count: number; key: string }>): void {
  if (rows < 2) return;
  for (const run of runs) retried(() => sheet.getRange(2, run.start + 1, rows - 1, run.count).setNumberFormat(run.key));
}

function listRule(values: readonly string[], help: string): DataValidation {
  return SpreadsheetApp.newDataValidation().requireValueInList(values.slice(), true).setAllowInvalid(true).setHelpText(help).build();
}

/**
 * Gives every body cell of column `index` (0-based) without a rule the dropdown of `values`.
 * `fresh`: the column is new, set it without looking. True when some cell had no rule.
 */
export function ensureDropdown(sheet: Sheet, rows: number, index: number, values: readonly string[], help: string, fresh: boolean): boolean {
  if (rows < 2) return false;
  const body = retried(() => sheet.getRange(2, index + 1, rows - 1, 1));
  if (fresh) {
    const rule = retried(() => listRule(values, help));
    retried(() => body.setDataValidation(rule));
    return true;
  }
  const rules = retried(() => body.getDataValidations());
  if (rules.every((line) => line[0] !== null)) return false;
  const rule = retried(() => listRule(values, help));
  retried(() => body.setDataValidations(rules.map((line) => [line[0] ?? rule])));
  return true;
}

/** Sets widths in pixels, one call per run of adjacent columns (0-based start) of equal width. */
export function setWidths(sheet: Sheet, runs: ReadonlyArray<{ start: number; count: number; key: number }>): void {
  for (const run of runs) retried(() => sheet.setColumnWidths(run.start + 1, run.count, run.key));
}

/**
 * Protects the sheet with a warning (people may still edit after confirming). An existing sheet
 * protection is the owner's and stays as it is, except one without a description: that is what a
 * run cut short between `protect()` and `setDescription()` leaves, and it is finished. True when
 * it protected the sheet.
 */
export function ensureWarningProtection(sheet: Sheet, description: string, fresh: boolean): boolean {
  if (!fresh) {
    const existing = retried(() => sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET));
    if (existing.length > 1 || (existing.length === 1 && retried(() => existing[0].getDescription()) !== '')) return false;
  }
  // Warning first: cut short after it, the protection is already harmless and still unnamed.
  // Sheet.protect() returns the sheet's existing protection, so trying it again makes no second one.
  const protection = retried(() => sheet.protect());
  retried(() => protection.setWarningOnly(true));
  retried(() => protection.setDescription(description));
  return true;
}

/**
 * A sheet by the id remembered for it (found whatever it is called now), else by name; null when
 * neither is there. One call when the id finds it.
 */
export function findSheet(ss: Spreadsheet, id: number | undefined, name: string): Sheet | null {
  const byId = id === undefined ? null : sheetWithId(ss, id);
  return byId ?? sheetNamed(ss, name);
}

/** Writes `rows` (all as wide as the first) below the header, from row 2: one block write. */
export function writeBodyRows(sheet: Sheet, rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  if (rows.length === 0) return;
  retried(() => sheet.getRange(2, 1, rows.length, rows[0].length).setValues(rows.map((r) => r.slice())));
}

/** The last row with content (0: empty). */
export function lastRow(sheet: Sheet): number {
  return retried(() => sheet.getLastRow());
}
