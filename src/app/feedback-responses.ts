// Each feedback response filed as one Feedback row (PRODUCT.md "Feedback"; issue 6).
//
// - onFeedbackSubmit (installable trigger): validates the event (it may be anything), ignores the
//   responses of other forms in the same spreadsheet (the range's sheet must be ours, by id),
//   keys the response by the responses sheet's id, its row and its Timestamp
//   ('1234567!42@2027-01-12T11:00:00Z': Google writes each response into the first free row, so a
//   row number comes back once the owner deletes rows), looks the key up with a TextFinder on the
//   Key column (nothing is read into the script), and appends one normalised row; the same
//   delivery twice gives one row. It reads the roster and Rotations (one block each) to match the
//   respondent and the group. A constant number of service calls, whatever the size of Feedback
//   (test/gas/feedback-responses.test.ts lists them). It does not refresh the Dashboard, which means reading
//   all of Feedback: the sidebar's "Refresh dashboard" and the hourly tick
//   (`refreshDashboardIfStale`, app/dashboard.ts) do.
// - fileMissedResponses (the hourly tick): a trigger refused while another run held the document
//   lock is not run again by Apps Script; the tick files the responses sheet's rows whose key is
//   not in Feedback, from a remembered mark, a bounded block per run.
import { normaliseResponse, feedbackRowValues, responseKey, readRotationGroups, sheetText, unescapeSheetText, type FeedbackContext } from '../core/feedback';
import { PROGRAM_KEYS, currentProgramId, parseSheetIds } from '../core/program';
import { FEEDBACK } from '../core/schema';
import { settingsTimeZone } from '../core/settings';
import { ensureRow, findKeyRow, lastRow, readBlock, readColumn, writeRows } from '../gas/feedback-sheet';
import { tryDocumentLock, withDocumentLock } from '../gas/lock';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { activeSpreadsheet, readHeaderRow } from '../gas/sheets';
import {
  FEEDBACK_KEYS,
  SPARE_ROWS,
  headerColumns,
  isDate,
  jsonObject,
  people,
  programSheet,
  rotationsTable,
  rowFormats,
  settingsOf,
  type Sheet,
  type Spreadsheet,
} from './feedback-shared';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** What the trigger did with one delivery (Apps Script ignores it; tests read it). */
export type FeedbackSubmitOutcome =
  | { status: 'added'; key: string; row: number; flag: string }
  | { status: 'duplicate'; key: string; row: number }
  | { status: 'ignored'; reason: string };

interface SubmitEvent {
  namedValues: Record<string, string[]>;
  range: Range;
}

/** The event when it looks like a Sheets form-submit event, else why not. Calls no service. */
function readSubmitEvent(e: unknown): SubmitEvent | string {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return 'not a form-submit event';
  const { namedValues, range } = e as { namedValues?: unknown; range?: unknown };
  if (namedValues === null || typeof namedValues !== 'object' || Array.isArray(namedValues)) return 'the event has no namedValues';
  const entries = Object.entries(namedValues as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 500) return 'the event’s namedValues are not a form’s answers';
  const answers: Record<string, string[]> = {};
  for (const [title, value] of entries) {
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => typeof v === 'string')) return `the answer to “${title.slice(0, 40)}” is not text`;
    answers[title] = list.slice() as string[];
  }
  const r = range as Record<string, unknown> | null | undefined;
  if (!r || typeof r !== 'object' || typeof r.getSheet !== 'function' || typeof r.getRow !== 'function' || typeof r.getValues !== 'function') {
    return 'the event has no range';
  }
  return { namedValues: answers, range: range as Range };
}

/**
 * The installable on-form-submit trigger: files one response as one Feedback row (see the module
 * comment). Anything that is not our form's response is ignored, with the reason returned.
 */
export function onFeedbackSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): FeedbackSubmitOutcome {
  const event = readSubmitEvent(e as unknown);
  if (typeof event === 'string') return { status: 'ignored', reason: event };
  return withDocumentLock(() => fileResponse(event), 30_000);
}

/** What normalising a response needs besides the response: the roster and Rotations, read once each. */
function responseContext(ss: Spreadsheet, properties: Readonly<Record<string, string>>, programId: string): FeedbackContext {
  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const spreadsheetZone = ss.getSpreadsheetTimeZone();
  const settings = settingsOf(properties);
  return {
    programId,
    people: people(ss, ids),
    groups: readRotationGroups(rotationsTable(ss, ids), spreadsheetZone),
    settings,
    timeZone: settingsTimeZone(settings, spreadsheetZone),
  };
}

/** Google's Timestamp (column A of a responses sheet) as the submission time; should it not be a date, now (seconds away). */
const submissionTime = (stamp: unknown): Date => (isDate(stamp) && Number.isFinite(stamp.getTime()) ? stamp : new Date());

function fileResponse(event: SubmitEvent): FeedbackSubmitOutcome {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  const responsesId = Number(properties[FEEDBACK_KEYS.responsesSheetId]);
  if (!properties[FEEDBACK_KEYS.responsesSheetId] || !Number.isSafeInteger(responsesId)) return { status: 'ignored', reason: 'there is no feedback form yet' };

  let source: { sheet: Sheet; row: number };
  try {
    source = { sheet: event.range.getSheet(), row: event.range.getRow() };
    if (source.sheet.getSheetId() !== responsesId) return { status: 'ignored', reason: 'a response of another form' };
  } catch {
    return { status: 'ignored', reason: 'the event’s range cannot be read' };
  }
  if (!Number.isSafeInteger(source.row) || source.row < 2) return { status: 'ignored', reason: 'the event’s range is not a response row' };
  // The key: the sheet's id, the row and Google's Timestamp (a row number comes back for another
  // response once the owner deletes rows). Looked up as it is stored (`sheetText`).
  const stamp: unknown = event.range.getValues()[0]?.[0];
  const key = responseKey(responsesId, source.row, stamp);

  const feedback = programSheet(ss, properties, FEEDBACK);
  const columns = headerColumns(feedback, FEEDBACK);
  const last = lastRow(feedback);
  const existing = findKeyRow(feedback, columns.Key + 1, last, sheetText(key));
  if (existing !== null) return { status: 'duplicate', key, row: existing };

  const context = responseContext(ss, properties, currentProgramId(properties, ss.getId()) ?? '');
  const row = normaliseResponse({ namedValues: event.namedValues, key, submittedAt: submissionTime(stamp), source: { sheet: source.sheet.getName(), row: source.row } }, context);
  const values = feedbackRowValues(row, columns);
  const target = last + 1;
  ensureRow(feedback, target, SPARE_ROWS);
  writeRows(feedback, target, [values], rowFormats(feedback, FEEDBACK, columns, target, 1, values.length));
  return { status: 'added', key, row: target, flag: unescapeSheetText(row.flag) };
}

// ---- Responses the trigger missed -------------------------------------------------------------------

/** Rows of the responses sheet one catch-up looks at, at most. */
export const CATCH_UP_ROWS = 200;

/** The catch-up's place: rows of sheet `sheetId` up to `row` were looked at; rows stamped before `since` were there before the link. */
export interface FiledMark {
  sheetId: number;
  row: number;
  since: string;
}

function readFiledMark(raw: string | undefined): FiledMark | null {
  const o = jsonObject(raw);
  return Number.isSafeInteger(o.sheetId) && Number.isSafeInteger(o.row) && typeof o.since === 'string' ? { sheetId: o.sheetId as number, row: o.row as number, since: o.since } : null;
}

/**
 * For the hourly tick: files the responses whose trigger failed or never ran (Apps Script does not
 * run a failed trigger again; the handler is refused while another run holds the document lock).
 * Looks at the rows of the responses sheet after the remembered mark (at most CATCH_UP_ROWS, read
 * in one block) and appends, in one block, those whose key is not in Feedback (its Key column read
 * once). When the sheet is shorter than the mark (the owner deleted rows, and Google fills the
 * freed rows again), the last CATCH_UP_ROWS rows are looked at. Skipped, returning 0, when
 * another run holds the lock for 30 s: the next tick does it. Returns the rows added.
 */
export function fileMissedResponses(): number {
  const done = tryDocumentLock(catchUp, 30_000);
  return done ? done.value : 0;
}

function catchUp(): number {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  const programId = currentProgramId(properties, ss.getId());
  const responsesId = Number(properties[FEEDBACK_KEYS.responsesSheetId]);
  if (!programId || !properties[FEEDBACK_KEYS.responsesSheetId] || !Number.isSafeInteger(responsesId)) return 0;
  const responses = ss.getSheetById(responsesId);
  if (!responses) return 0;
  const last = lastRow(responses);
  const remember = (mark: FiledMark) => writeDocumentProperties({ [FEEDBACK_KEYS.filed]: JSON.stringify(mark) });
  const mark = readFiledMark(properties[FEEDBACK_KEYS.filed]);
  if (!mark || mark.sheetId !== responsesId) {
    // No mark for this sheet (a form linked before the catch-up existed): from now on.
    remember({ sheetId: responsesId, row: last, since: new Date().toISOString() });
    return 0;
  }
  if (last === mark.row) return 0;
  const from = Math.max(2, last > mark.row ? mark.row + 1 : last - CATCH_UP_ROWS + 1);
  const to = Math.min(last, from + CATCH_UP_ROWS - 1);
  if (to < from) {
    remember({ ...mark, row: last });
    return 0;
  }

  const header = readHeaderRow(responses);
  const block = readBlock(responses, from, to - from + 1, Math.max(1, header.length));
  const feedback = programSheet(ss, properties, FEEDBACK);
  const columns = headerColumns(feedback, FEEDBACK);
  const feedbackLast = lastRow(feedback);
  // Compared as the trigger's TextFinder compares: the whole cell with the key as it is stored.
  const filed = new Set(readColumn(feedback, columns.Key + 1, 2, feedbackLast - 1).map((v) => String(v)));
  const since = Date.parse(mark.since);
  let context: FeedbackContext | null = null;
  let sheetName: string | null = null;
  const rows: Array<Array<Date | string | number>> = [];
  block.values.forEach((values, i) => {
    const display = block.display[i];
    if (display.every((cell) => String(cell).trim() === '')) return;
    const row = from + i;
    const stamp = values[0];
    const key = responseKey(responsesId, row, stamp);
    if (filed.has(sheetText(key))) return;
    if (isDate(stamp) && stamp.getTime() < since) return; // copied by Google when the form was linked: filed from the old sheet
    const namedValues: Record<string, string[]> = {};
    header.forEach((title, c) => (namedValues[title] ??= []).push(String(display[c] ?? '')));
    context ??= responseContext(ss, properties, programId);
    sheetName ??= responses.getName();
    const normalised = normaliseResponse({ namedValues, key, submittedAt: submissionTime(stamp), source: { sheet: sheetName, row } }, context);
    rows.push(feedbackRowValues(normalised, columns));
    filed.add(sheetText(key));
  });
  if (rows.length > 0) {
    const target = feedbackLast + 1;
    ensureRow(feedback, feedbackLast + rows.length, SPARE_ROWS);
    writeRows(feedback, target, rows, rowFormats(feedback, FEEDBACK, columns, target, rows.length, rows[0].length));
  }
  remember({ ...mark, row: to });
  return rows.length;
}

