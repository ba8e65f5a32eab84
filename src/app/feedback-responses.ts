// Each feedback response filed as one Feedback row (PRODUCT.md "Feedback"; issue 6).
//
// - onFeedbackSubmit (installable trigger): validates the event (it may be anything), ignores the
//   responses of other forms in the same spreadsheet (the range's sheet must be ours, by id),
//   keys the response by the responses sheet's id, its row and its Timestamp
//   ('1234567!42@2027-01-12T11:00:00Z': Google writes each response into the first free row, so a
//   row number comes back once the owner deletes rows), looks the key up with a TextFinder on the
//   Key column (nothing is read into the script), and appends one normalised row; the same
//   delivery twice gives one row. It reads the roster and Rotations (one block each) to match the
//   respondent and the group. Once filed, the response is listed in document properties for the
//   catch-up (its row and Timestamp), so that a Feedback row the owner deletes stays deleted; a
//   late delivery of a response filed before and deleted since is a duplicate (row null), not
//   filed again. A constant number of service calls, whatever the size of Feedback
//   (test/gas/feedback-responses.test.ts lists them). It does not refresh the Dashboard, which
//   means reading all of Feedback: the sidebar's "Refresh dashboard" and the hourly tick
//   (`refreshDashboardIfStale`, app/dashboard.ts) do.
// - fileMissedResponses (the hourly tick): a trigger refused while another run held the document
//   lock is not run again by Apps Script; the tick files the responses that arrived since its mark
//   and were never filed (not listed by the trigger, not in Feedback), a bounded block per run,
//   then moves the mark (core/feedback-catch-up.ts: Google reuses row numbers after deletions, so
//   the mark is a row with its Timestamp). When nothing arrived it only looks: no lock, no write.
import { applySteering, writeSteeringLog, type SteeredResponse, type SteeringContext } from './steering';
import { markTickDue, TICK_KEYS } from './tick-state';
import { feedbackRowValues, normaliseResponse, readRotationGroups, responseKey, sheetText, unescapeSheetText, type FeedbackContext } from '../core/feedback';
import {
  CATCH_UP_ROWS,
  addPending,
  advanceMark,
  claimPending,
  firstBlock,
  firstNewRow,
  isIdle,
  markCovers,
  pendingHas,
  readFiledMark,
  readPending,
  sentinelHolds,
  startMark,
  writePending,
  type FiledMark,
  type PendingEntry,
} from '../core/feedback-catch-up';
import { PROGRAM_KEYS, currentProgramId, parseSheetIds } from '../core/program';
import { checkRoster } from '../core/roster';
import { FEEDBACK } from '../core/schema';
import { settingsTimeZone } from '../core/settings';
import { ensureRow, findKeyRow, lastRow, readBlock, readColumn, writeRows } from '../gas/feedback-sheet';
import { tryDocumentLock, withDocumentLock } from '../gas/lock';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { activeSpreadsheet, readHeaderRow, sheetWithId, spreadsheetIdOf, spreadsheetZoneOf } from '../gas/sheets';
import {
  FEEDBACK_KEYS,
  SPARE_ROWS,
  headerColumns,
  isDate,
  programSheet,
  rosterOf,
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
  /** row null: filed before, and its Feedback row since deleted by the owner (it stays deleted). */
  | { status: 'duplicate'; key: string; row: number | null }
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
  try {
    return withDocumentLock(() => fileResponse(event), 30_000);
  } catch (error) {
    markTickDue(); // not filed (the lock was busy, a service failed): the next tick files it
    throw error;
  }
}

/**
 * What normalising a response needs besides the response: the roster and Rotations, read once
 * each; and the same as steering (app/steering.ts) needs them, the Roster's sheet and table.
 */
function responseContext(ss: Spreadsheet, properties: Readonly<Record<string, string>>, programId: string): { feedback: FeedbackContext; steering: SteeringContext } {
  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const spreadsheetZone = spreadsheetZoneOf(ss);
  const settings = settingsOf(properties);
  const roster = rosterOf(ss, ids);
  const groups = readRotationGroups(rotationsTable(ss, ids), spreadsheetZone);
  const timeZone = settingsTimeZone(settings, spreadsheetZone);
  return {
    feedback: { programId, people: checkRoster(roster.table).people, groups, settings, timeZone },
    steering: { roster, groups, settings, zone: timeZone, sheetZone: spreadsheetZone },
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
  // Filed before (by a delivery, or by the catch-up) and since deleted from Feedback by the owner.
  const pending = properties[FEEDBACK_KEYS.filedByTrigger];
  if (pendingHas(readPending(pending), responsesId, source.row, stamp) || markCovers(readFiledMark(properties[FEEDBACK_KEYS.filed]), responsesId, source.row, stamp)) {
    return { status: 'duplicate', key, row: null };
  }

  const context = responseContext(ss, properties, currentProgramId(properties, spreadsheetIdOf(ss)) ?? '');
  const submittedAt = submissionTime(stamp);
  const row = normaliseResponse({ namedValues: event.namedValues, key, submittedAt, source: { sheet: source.sheet.getName(), row: source.row } }, context.feedback);
  const values = feedbackRowValues(row, columns);
  // The "Next cycle" answer reaches the Roster before the row is filed (app/steering.ts says why).
  const steered = applySteering(properties, context.steering, [{ email: unescapeSheetText(row.email), namedValues: event.namedValues, at: submittedAt }]);
  const target = last + 1;
  ensureRow(feedback, target, SPARE_ROWS);
  writeRows(feedback, target, [values], rowFormats(feedback, FEEDBACK, columns, target, 1, values.length));
  // Listed for the catch-up, so a Feedback row the owner deletes before it looks stays deleted;
  // and the hourly run told the Dashboard is stale (one write).
  writeDocumentProperties({ [FEEDBACK_KEYS.filedByTrigger]: addPending(pending, responsesId, source.row, stamp), [TICK_KEYS.due]: '1' });
  writeSteeringLog(steered);
  return { status: 'added', key, row: target, flag: unescapeSheetText(row.flag) };
}

// ---- Responses the trigger missed -------------------------------------------------------------------

/**
 * For the hourly tick: files the responses whose trigger failed or never ran (Apps Script does not
 * run a failed trigger again; the handler is refused while another run holds the document lock),
 * and only those: a response filed before whose Feedback row the owner deleted stays deleted
 * (core/feedback-catch-up.ts says how). First a look without the lock (the last row of the
 * responses sheet and, when needed, its Timestamp: a few reads, nothing written) tells whether
 * anything arrived since the mark; only then, under the document lock, the rows after the mark (at
 * most CATCH_UP_ROWS, one block) are compared with the trigger's list and Feedback's Key column
 * (read once), the others are appended in one block, and the mark moves. Skipped, returning 0, when
 * another run holds the lock for 30 s: the next tick does it. Returns the rows added.
 */
export function fileMissedResponses(): number {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  const responsesId = Number(properties[FEEDBACK_KEYS.responsesSheetId]);
  if (!properties[FEEDBACK_KEYS.responsesSheetId] || !Number.isSafeInteger(responsesId)) return 0;
  const responses = sheetWithId(ss, responsesId);
  if (!responses) return 0;
  const last = lastRow(responses);
  if (isIdle(readFiledMark(properties[FEEDBACK_KEYS.filed]), responsesId, last, () => readColumn(responses, 1, last, 1)[0])) return 0;
  const done = tryDocumentLock(() => catchUp(ss, responses, responsesId), 30_000);
  return done ? done.value : 0;
}

/** Under the document lock: the catch-up itself, with the document properties read again (a trigger may have listed rows meanwhile). */
function catchUp(ss: Spreadsheet, responses: Sheet, responsesId: number): number {
  const properties = readDocumentProperties();
  const programId = currentProgramId(properties, spreadsheetIdOf(ss));
  if (!programId || properties[FEEDBACK_KEYS.responsesSheetId] !== String(responsesId)) return 0;
  const last = lastRow(responses);
  const stored = readFiledMark(properties[FEEDBACK_KEYS.filed]);
  const remember = (mark: FiledMark, pending: PendingEntry[]) => {
    const wanted = { [FEEDBACK_KEYS.filed]: JSON.stringify(mark), [FEEDBACK_KEYS.filedByTrigger]: writePending({ sheetId: responsesId, entries: pending }) };
    writeDocumentProperties(Object.fromEntries(Object.entries(wanted).filter(([k, v]) => (properties[k] ?? '') !== v)));
  };
  if (!stored || stored.sheetId !== responsesId) {
    // No mark for this sheet (a form linked before the catch-up existed): from now on.
    remember(startMark(responsesId, new Date().toISOString(), Math.max(1, last), last >= 2 ? readColumn(responses, 1, last, 1)[0] : null), []);
    return 0;
  }
  const mark = stored;
  const header = readHeaderRow(responses);
  const width = Math.max(1, header.length);

  // The rows that arrived since the mark: after its row while that row holds what it held; else
  // (the owner deleted rows) those at the end stamped later than the latest looked at.
  let block: { from: number; values: unknown[][]; display: string[][] } | null = null;
  const first = firstBlock(mark, last);
  if (first) {
    const read = readBlock(responses, first.from, first.to - first.from + 1, width);
    if (!first.sentinel) block = { from: first.from, ...read };
    else if (sentinelHolds(mark, read.values[0]?.[0])) block = { from: first.from + 1, values: read.values.slice(1), display: read.display.slice(1) };
  }
  if (!block && last >= 2) {
    const stamps = readColumn(responses, 1, 2, last - 1);
    const from = firstNewRow(stamps, mark.latest);
    if (from === null) {
      remember(advanceMark(mark, last, stamps[last - 2], []), []);
      return 0;
    }
    const to = Math.min(last, from + CATCH_UP_ROWS - 1);
    block = { from, ...readBlock(responses, from, to - from + 1, width) };
  }
  if (!block || block.values.length === 0) {
    if (last < mark.row) remember({ ...mark, row: Math.max(1, last), stamp: '' }, []);
    return 0;
  }

  const { from, values: blockValues, display: blockDisplay } = block;
  const to = from + blockValues.length - 1;
  const feedback = programSheet(ss, properties, FEEDBACK);
  const columns = headerColumns(feedback, FEEDBACK);
  const feedbackLast = lastRow(feedback);
  // Compared as the trigger's TextFinder compares: the whole cell with the key as it is stored.
  const inFeedback = new Set(readColumn(feedback, columns.Key + 1, 2, feedbackLast - 1).map((v) => String(v)));
  const byTrigger = claimPending(
    readPending(properties[FEEDBACK_KEYS.filedByTrigger]),
    responsesId,
    blockValues.map((v, i) => ({ row: from + i, stamp: v[0] })),
  );
  const since = Date.parse(mark.since);
  let context: ReturnType<typeof responseContext> | null = null;
  let sheetName: string | null = null;
  const rows: Array<Array<Date | string | number>> = [];
  const steering: SteeredResponse[] = [];
  blockValues.forEach((values, i) => {
    const display = blockDisplay[i];
    if (display.every((cell) => String(cell).trim() === '')) return;
    const row = from + i;
    const stamp = values[0];
    const key = responseKey(responsesId, row, stamp);
    if (byTrigger.filed[i] || inFeedback.has(sheetText(key))) return;
    if (isDate(stamp) && stamp.getTime() < since) return; // copied by Google when the form was linked: filed from the old sheet
    const namedValues: Record<string, string[]> = {};
    header.forEach((title, c) => (namedValues[title] ??= []).push(String(display[c] ?? '')));
    context ??= responseContext(ss, properties, programId);
    sheetName ??= responses.getName();
    const submittedAt = submissionTime(stamp);
    const normalised = normaliseResponse({ namedValues, key, submittedAt, source: { sheet: sheetName, row } }, context.feedback);
    rows.push(feedbackRowValues(normalised, columns));
    steering.push({ email: unescapeSheetText(normalised.email), namedValues, at: submittedAt });
    inFeedback.add(sheetText(key));
  });
  // The "Next cycle" answers reach the Roster before the rows are filed (app/steering.ts says why).
  const steered = context ? applySteering(properties, (context as ReturnType<typeof responseContext>).steering, steering) : [];
  if (rows.length > 0) {
    const target = feedbackLast + 1;
    ensureRow(feedback, feedbackLast + rows.length, SPARE_ROWS);
    writeRows(feedback, target, rows, rowFormats(feedback, FEEDBACK, columns, target, rows.length, rows[0].length));
  }
  // The trigger's entries for rows not looked at yet stay listed; the others are done with.
  remember(
    advanceMark(mark, to, blockValues[blockValues.length - 1][0], blockValues.map((v) => v[0])),
    byTrigger.unused.filter((e) => e.row > to),
  );
  writeSteeringLog(steered);
  return rows.length;
}
