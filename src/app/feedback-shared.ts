// What the feedback actions share (app/feedback-form.ts, feedback-responses.ts, dashboard.ts): the
// document properties they keep, and the program's sheets as they read and write them. A program
// sheet is found by its remembered id (a rename does not lose it) or its name, and recreated with
// its headers, formats and protection when it is gone; missing headers are put back as set-up
// would; rows are written with each canonical column's number format (text stays text).
import { PROGRAM_KEYS, parseSheetIds } from '../core/program';
import type { Person } from '../core/people';
import { checkRoster } from '../core/roster';
import { ROSTER, ROTATIONS, columnFormat, matchHeaders, planHeaders, type SheetSpec } from '../core/schema';
import { readStoredSettings, type Settings } from '../core/settings';
import { blockFormats } from '../gas/feedback-sheet';
import { writeDocumentProperties } from '../gas/properties';
import { readTable } from '../gas/roster-sheet';
import { readRotationsTable } from '../gas/rotations-sheet';
import { SETTINGS_KEY } from '../gas/settings-store';
import { ensureColumns, findSheet, insertSheetAt, readHeaderRow, writeHeaderCells } from '../gas/sheets';
import { FEEDBACK_LINK_KEY } from './schedule';
import { layOut } from './setup';

export type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The installable trigger's handler: a top-level function of Code.js (src/server.ts). */
export const FEEDBACK_SUBMIT_HANDLER = 'onFeedbackSubmit';

/** Document properties of the feedback form and the Dashboard. */
export const FEEDBACK_KEYS = {
  formId: 'feedback.formId',
  formUrl: 'feedback.formUrl',
  editUrl: 'feedback.editUrl',
  /** JSON: question key → the form's item id. */
  items: 'feedback.items',
  responsesSheetId: 'feedback.responsesSheetId',
  responsesSheetName: 'feedback.responsesSheetName',
  /** The prefilled-link template, `{group}` standing for the group code (read by schedule.ts). */
  prefill: FEEDBACK_LINK_KEY,
  /** JSON {template, cycles}: the invitations of those cycles carry that template's links. */
  patched: 'feedback.patched',
  /** JSON {formId, before, at}: a link of the form to this spreadsheet under way ('' once its sheet is remembered). */
  linking: 'feedback.linking',
  /** JSON {sheetId, row, stamp, latest, since}: where the catch-up of missed responses is (core/feedback-catch-up.ts FiledMark). */
  filed: 'feedback.filedThrough',
  /** JSON {sheetId, filed: ["row@second", …]}: the rows the trigger filed since the catch-up last looked (core/feedback-catch-up.ts). */
  filedByTrigger: 'feedback.filedByTrigger',
  /** JSON: chart spec id (core/dashboard dashboardCharts) → the Dashboard chart's id. */
  charts: 'dashboard.charts',
  /** JSON {day, feedbackRows, rotationsRows}: what the Dashboard was computed from. */
  refreshed: 'dashboard.refreshed',
} as const;

/** Rows added at once when Feedback is full (so growing it is rare). */
export const SPARE_ROWS = 500;

// ---- Reading the program ------------------------------------------------------------------------

export const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

export function jsonObject(raw: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function integerMap(raw: string | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(jsonObject(raw)).filter(([, v]) => Number.isSafeInteger(v))) as Record<string, number>;
}

export function settingsOf(properties: Readonly<Record<string, string>>): Settings {
  return readStoredSettings(properties[SETTINGS_KEY] ?? null).settings;
}

/**
 * A program sheet, by its remembered id (whatever it is called now) or its name; recreated with
 * its headers, formats and protection (as set-up makes it) when it is gone, its id remembered.
 */
export function programSheet(ss: Spreadsheet, properties: Record<string, string>, spec: SheetSpec): Sheet {
  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const found = findSheet(ss, ids[spec.name], spec.name);
  if (found) return found;
  const made = insertSheetAt(ss, spec.name, ss.getNumSheets());
  layOut(made.sheet, spec);
  const sheetIds = JSON.stringify({ ...ids, [spec.name]: made.id });
  writeDocumentProperties({ [PROGRAM_KEYS.sheetIds]: sheetIds });
  properties[PROGRAM_KEYS.sheetIds] = sheetIds;
  return made.sheet;
}

/** Canonical header → 0-based column; headers missing are put back as set-up would (planHeaders). */
export function headerColumns(sheet: Sheet, spec: SheetSpec): Record<string, number> {
  const row = readHeaderRow(sheet);
  const match = matchHeaders(row, spec);
  if (match.missing.length === 0) return { ...match.columns };
  const plan = planHeaders(row, spec);
  ensureColumns(sheet, plan.row.length, row.length);
  writeHeaderCells(sheet, plan.row, [...plan.restored.map((r) => r.index), ...plan.appended.map((_, k) => plan.appendAt + k)]);
  return { ...plan.columns };
}

/**
 * The number formats for rows written across `width` columns: each canonical column's; other
 * columns (the owner's own, between ours) keep theirs, read only when there are such columns.
 */
export function rowFormats(sheet: Sheet, spec: SheetSpec, columns: Readonly<Record<string, number>>, row: number, rows: number, width: number): string[][] {
  const formats: Array<string | null> = Array.from({ length: width }, () => null);
  for (const c of spec.columns) if (columns[c.header] !== undefined && columns[c.header] < width) formats[columns[c.header]] = columnFormat(c) ?? null;
  if (formats.every((f) => f !== null)) return Array.from({ length: rows }, () => formats as string[]);
  const existing = blockFormats(sheet, row, rows, width);
  return existing.map((line) => line.map((f, i) => formats[i] ?? f));
}

/** The Roster sheet and its table (one read), or no sheet and an empty table. */
export function rosterOf(ss: Spreadsheet, ids: Record<string, number>): { sheet: Sheet | null; table: unknown[][] } {
  const sheet = findSheet(ss, ids[ROSTER.name], ROSTER.name);
  return { sheet, table: sheet ? readTable(sheet) : [] };
}

export function people(ss: Spreadsheet, ids: Record<string, number>): Person[] {
  const sheet = findSheet(ss, ids[ROSTER.name], ROSTER.name);
  // Every row lends its name, also a row with a problem (the check reports those elsewhere).
  return sheet ? checkRoster(readTable(sheet)).people : [];
}

export function rotationsTable(ss: Spreadsheet, ids: Record<string, number>): unknown[][] {
  const sheet = findSheet(ss, ids[ROTATIONS.name], ROTATIONS.name);
  return sheet ? readRotationsTable(sheet) : [];
}

