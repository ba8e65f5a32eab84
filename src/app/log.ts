// The Log sheet (issue 11): one row per automatic or mid-cycle action, written in one block by
// whoever acted (the tick, a roster change, the sidebar's lifecycle actions), newest kept past a
// cap (core/log.ts). The first write creates the sheet, hidden and protected with a warning,
// without taking the owner's tab away from them. Callers hold the document lock.
import { LOG, LOG_CAP, latestEntries, logAppendPlan, logRow, type LogEntry } from '../core/log';
import { activeSpreadsheet, sheetNamed } from '../gas/sheets';
import { layOut } from './setup';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The Log sheet, created (hidden) when missing. */
function logSheet(create: boolean): Sheet | null {
  const ss = activeSpreadsheet();
  const found = sheetNamed(ss, LOG.name);
  if (found || !create) return found;
  const was = ss.getActiveSheet();
  const sheet = ss.insertSheet(LOG.name, ss.getNumSheets());
  layOut(sheet, LOG);
  if (was) ss.setActiveSheet(was); // inserting activates the new sheet: give the owner theirs back
  return sheet;
}

/** Appends `entries` (oldest first) to the Log, dropping its oldest rows past `cap`. */
export function writeLog(entries: readonly LogEntry[], cap = LOG_CAP): void {
  if (entries.length === 0) return;
  const sheet = logSheet(true)!;
  const last = sheet.getLastRow();
  const plan = logAppendPlan(Math.max(0, last - 1), entries.map(logRow), cap);
  let next = last + 1;
  if (plan.deleteOldest > 0) {
    sheet.deleteRows(2, plan.deleteOldest);
    next -= plan.deleteOldest;
  }
  if (plan.append.length === 0) return;
  const from = Math.max(2, next);
  const needed = from + plan.append.length - 1;
  const rows = sheet.getMaxRows();
  if (needed > rows) sheet.insertRowsAfter(rows, needed - rows + 100); // room for the next entries too
  sheet.getRange(from, 1, plan.append.length, LOG.columns.length).setValues(plan.append);
}

/** The newest `count` entries, newest first (for the sidebar); [] when nothing was logged yet. */
export function readLatestLog(count: number): LogEntry[] {
  const sheet = logSheet(false);
  if (!sheet) return [];
  const last = sheet.getLastRow();
  if (last < 2) return [];
  const from = Math.max(2, last - count + 1);
  const values = sheet.getRange(from, 1, last - from + 1, LOG.columns.length).getValues();
  return latestEntries([LOG.columns.map((c) => c.header), ...values], count);
}
