// Feedback (PRODUCT.md "Feedback", "Dashboard"; issue 6): the form, each response filed as one
// Feedback row, the Dashboard, and the sidebar's summary.
//
// - createFeedbackForm (sidebar): one action, safe to repeat. Under the document lock. The form
//   whose id document properties remember is reused and repaired (questions missing added, their
//   titles, help, required, choices and scales put back; email collection on), never duplicated;
//   a form that was deleted or cannot be opened is replaced by a new one. The form sends its
//   responses to this spreadsheet: Google adds a "Form Responses N" sheet, which the add-on only
//   reads. The on-form-submit trigger is installed once. Document properties remember the form,
//   its links, its responses sheet (by id: a rename does not lose it) and the prefilled-link
//   template. Then the invitations of the running cycle already booked get the link in their
//   description: one Calendar patch per group (sendUpdates none: a description is not worth an
//   email to every guest), about 75 s for 250 groups at 300 ms a call; at most PATCH_MS of them per
//   run, the rest on the next click. A marker remembers the template and cycle patched, so a
//   second click patches nothing.
// - onFeedbackSubmit (installable trigger): validates the event (it may be anything), ignores the
//   responses of other forms in the same spreadsheet (the range's sheet must be ours, by id),
//   keys the response by its row in the responses sheet ('Form Responses 1!42'), looks the key up
//   with a TextFinder on the Key column (nothing is read into the script), and appends one
//   normalised row; the same delivery twice gives one row. It reads the roster and Rotations (one
//   block each) to match the respondent and the group. A constant number of service calls,
//   whatever the size of Feedback (test/gas/feedback.test.ts lists them). It does not refresh
//   the Dashboard, which means reading all of Feedback: the sidebar's "Refresh dashboard" and the
//   hourly tick (`refreshDashboardIfStale`) do.
// - refreshDashboard (sidebar): reads Feedback, Rotations and the roster once each, writes one
//   row per cycle into Dashboard (formats, then values, one call each) and points the three trend
//   charts at them (found again by remembered chart id or by title; never a second copy).
// - getFeedbackSummary (sidebar): the same figures computed fresh from the sheets (three reads,
//   no write), so the sidebar is never behind the sheet; the form's links from document
//   properties (the form itself is not opened: "Repair the form" does that).
import type { FeedbackFormResult, FeedbackSummaryView } from '../shared/api';
import { seriesDescription } from '../core/calendar-event';
import { computeDashboard, dashboardCharts, dashboardValues, feedbackSummary, type DashboardResult } from '../core/dashboard';
import { isoDateInZone } from '../core/dates';
import { UserError } from '../core/errors';
import { feedbackRowValues, normaliseResponse, readFeedbackRecords, readRotationGroups, unescapeSheetText } from '../core/feedback';
import { FEEDBACK_FORM, type QuestionKey } from '../core/feedback-form';
import { GROUP_PLACEHOLDER, invitationFeedback, prefillTemplate } from '../core/feedback-link';
import type { Person } from '../core/people';
import { PROGRAM_KEYS, currentProgramId, parseSheetIds } from '../core/program';
import { checkRoster, isKnownTimeZone } from '../core/roster';
import { inForce, latestCycle, readScheduleRows, rotationColumns, seriesTiming } from '../core/schedule';
import { DASHBOARD, FEEDBACK, ROSTER, ROTATIONS, columnFormat, matchHeaders, planHeaders, type SheetSpec } from '../core/schema';
import { meetingsPerCycle, readStoredSettings, settingsTimeZone, type Settings } from '../core/settings';
import { apiError, patchEvent } from '../gas/calendar';
import { insertLineChart, listCharts, removeChart, updateLineChart, type LineChart } from '../gas/charts';
import { blockFormats, clearRows, ensureRow, findKeyRow, lastRow, writeRows } from '../gas/feedback-sheet';
import { createForm, destinationId, ensureCollectsEmail, ensureQuestions, formId, formUrls, isAcceptingResponses, linkToSpreadsheet, openForm, prefilledUrl } from '../gas/forms';
import { withDocumentLock } from '../gas/lock';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { readTable } from '../gas/roster-sheet';
import { readRotationsTable } from '../gas/rotations-sheet';
import { SETTINGS_KEY } from '../gas/settings-store';
import { activeSpreadsheet, ensureColumns, findSheet, insertSheetAt, readHeaderRow, writeHeaderCells } from '../gas/sheets';
import { ensureFormSubmitTrigger } from '../gas/triggers';
import { FEEDBACK_LINK_KEY } from './schedule';
import { layOut } from './setup';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

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
  /** JSON {template, cycle}: the invitations of that cycle carry that template's links. */
  patched: 'feedback.patched',
  /** JSON: chart spec id (core/dashboard dashboardCharts) → the Dashboard chart's id. */
  charts: 'dashboard.charts',
  /** JSON {day, feedbackRows, rotationsRows}: what the Dashboard was computed from. */
  refreshed: 'dashboard.refreshed',
} as const;

/** Invitation patches stop starting after this long in one run (the execution limit is 6 minutes). */
export const PATCH_MS = 4 * 60_000;
/** Rows added at once when Feedback is full (so growing it is rare). */
const SPARE_ROWS = 500;

// ---- Reading the program ------------------------------------------------------------------------

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function jsonObject(raw: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function integerMap(raw: string | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(jsonObject(raw)).filter(([, v]) => Number.isSafeInteger(v))) as Record<string, number>;
}

function settingsOf(properties: Readonly<Record<string, string>>): Settings {
  return readStoredSettings(properties[SETTINGS_KEY] ?? null).settings;
}

/**
 * A program sheet, by its remembered id (whatever it is called now) or its name; recreated with
 * its headers, formats and protection (as set-up makes it) when it is gone, its id remembered.
 */
function programSheet(ss: Spreadsheet, properties: Record<string, string>, spec: SheetSpec): Sheet {
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
function headerColumns(sheet: Sheet, spec: SheetSpec): Record<string, number> {
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
function rowFormats(sheet: Sheet, spec: SheetSpec, columns: Readonly<Record<string, number>>, row: number, rows: number, width: number): string[][] {
  const formats: Array<string | null> = Array.from({ length: width }, () => null);
  for (const c of spec.columns) if (columns[c.header] !== undefined && columns[c.header] < width) formats[columns[c.header]] = columnFormat(c) ?? null;
  if (formats.every((f) => f !== null)) return Array.from({ length: rows }, () => formats as string[]);
  const existing = blockFormats(sheet, row, rows, width);
  return existing.map((line) => line.map((f, i) => formats[i] ?? f));
}

function people(ss: Spreadsheet, ids: Record<string, number>): Person[] {
  const sheet = findSheet(ss, ids[ROSTER.name], ROSTER.name);
  // Every row lends its name, also a row with a problem (the check reports those elsewhere).
  return sheet ? checkRoster(readTable(sheet)).people : [];
}

function rotationsTable(ss: Spreadsheet, ids: Record<string, number>): unknown[][] {
  const sheet = findSheet(ss, ids[ROTATIONS.name], ROTATIONS.name);
  return sheet ? readRotationsTable(sheet) : [];
}

// ---- The form ---------------------------------------------------------------------------------------

/** Creates the feedback form, or repairs the one made before; then links the running cycle's invitations to it. */
export function createFeedbackForm(): FeedbackFormResult {
  return withDocumentLock(() => {
    const ss = activeSpreadsheet();
    const stored = readDocumentProperties();
    const spreadsheetId = ss.getId();
    const programId = currentProgramId(stored, spreadsheetId);
    if (!programId) throw new UserError('This spreadsheet is not set up yet. Click "Set up this spreadsheet" first.');
    const repaired: string[] = [];
    const problems: string[] = [];

    const previous = openForm(stored[FEEDBACK_KEYS.formId] ?? '');
    const created = previous === null;
    const form = previous ?? createForm(FEEDBACK_FORM);
    if (!created && ensureCollectsEmail(form)) repaired.push('collects respondents’ emails again');
    const questions = ensureQuestions(form, FEEDBACK_FORM, created ? {} : (integerMap(stored[FEEDBACK_KEYS.items]) as Partial<Record<QuestionKey, number>>), created);
    repaired.push(...questions.repaired);

    // Responses: to this spreadsheet, into a sheet the add-on knows by id.
    const knownId = Number(stored[FEEDBACK_KEYS.responsesSheetId]);
    const destination = created ? null : destinationId(form);
    const known = destination === spreadsheetId && Number.isSafeInteger(knownId) ? ss.getSheetById(knownId) : null;
    let responses: { id: number; name: string } | null = known ? { id: knownId, name: known.getName() } : null;
    if (!responses) {
      responses = linkToSpreadsheet(form, ss);
      if (!created) {
        repaired.push(
          destination === spreadsheetId
            ? `sends its responses to a new sheet${responses ? `, “${responses.name}”` : ''} (the add-on’s responses sheet was gone)`
            : 'sends its responses to this spreadsheet again',
        );
      }
      if (!responses) problems.push('Google has not shown the form’s responses sheet yet. Click "Repair the form" again in a minute.');
    }

    if (ensureFormSubmitTrigger(ss, FEEDBACK_SUBMIT_HANDLER) === 'created' && !created) repaired.push('files responses again (its trigger was missing)');
    if (!isAcceptingResponses(form)) problems.push('The form is not accepting responses (turned off in Google Forms); turn it on there to collect feedback.');

    const urls = formUrls(form);
    const template = prefillTemplate(prefilledUrl(form, questions.itemIds.groupCode, GROUP_PLACEHOLDER));
    if (!template) problems.push('Google Forms did not make a prefilled link, so invitations carry no link; participants can use the form’s plain link and type their group code.');

    const wanted: Record<string, string> = {
      [FEEDBACK_KEYS.formId]: formId(form),
      [FEEDBACK_KEYS.formUrl]: urls.published,
      [FEEDBACK_KEYS.editUrl]: urls.edit,
      [FEEDBACK_KEYS.items]: JSON.stringify(questions.itemIds),
      [FEEDBACK_KEYS.prefill]: template ?? '',
      ...(responses ? { [FEEDBACK_KEYS.responsesSheetId]: String(responses.id), [FEEDBACK_KEYS.responsesSheetName]: responses.name } : {}),
    };
    writeDocumentProperties(Object.fromEntries(Object.entries(wanted).filter(([k, v]) => stored[k] !== v)));
    Object.assign(stored, wanted);

    const patch = template ? patchInvitations(ss, stored, programId, template) : { patched: 0, problems: [] };
    problems.push(...patch.problems);

    const parts = [created ? 'Created the feedback form' : repaired.length ? `Repaired the feedback form: it ${repaired.join('; ')}` : 'The feedback form is in order'];
    if (patch.patched > 0) parts.push(`${patch.patched} invitation${patch.patched === 1 ? ' now carries its' : 's now carry their'} group’s feedback link`);
    return {
      formUrl: urls.published,
      editUrl: urls.edit,
      created,
      repaired,
      patched: patch.patched,
      problems,
      message: `${parts.join('; ')}.${problems.length ? ` ${problems.join(' ')}` : ''}`,
    };
  });
}

/**
 * Puts each group's prefilled link into the description of the running cycle's series already
 * booked (the description schedule.ts builds, with the link). Skipped when the marker says this
 * template was given to this cycle already.
 */
function patchInvitations(ss: Spreadsheet, properties: Record<string, string>, programId: string, template: string): { patched: number; problems: string[] } {
  const deadline = Date.now() + PATCH_MS;
  const table = rotationsTable(ss, parseSheetIds(properties[PROGRAM_KEYS.sheetIds]));
  const columns = rotationColumns(table[0] ?? []);
  if (!columns) return { patched: 0, problems: [] };
  const settings = settingsOf(properties);
  const timeZone = settingsTimeZone(settings, ss.getSpreadsheetTimeZone());
  const rows = readScheduleRows(table, columns, timeZone);
  const cycle = latestCycle(rows);
  if (cycle === 0) return { patched: 0, problems: [] };
  const marker = jsonObject(properties[FEEDBACK_KEYS.patched]);
  if (marker.template === template && marker.cycle === cycle) return { patched: 0, problems: [] };

  const problems: string[] = [];
  let patched = 0;
  let finished = true;
  for (const row of rows.filter((r) => r.cycle === cycle && inForce(r) && r.eventId !== '')) {
    if (Date.now() >= deadline) {
      finished = false;
      problems.push('Not every invitation could be updated in one go. Click "Repair the form" again to finish.');
      break;
    }
    const timing = seriesTiming(row, settings, timeZone, isKnownTimeZone);
    const meetings = timing.ok ? timing.timing.count : meetingsPerCycle(settings);
    const description = seriesDescription({ meetings, ...invitationFeedback(template, programId, row.group) });
    try {
      patchEvent(row.eventId, { description }, { sendUpdates: 'none' });
      patched++;
    } catch (error) {
      const api = apiError(error);
      if (api && (api.code === 404 || api.code === 410)) continue; // deleted in Calendar: nothing to link
      if (!api) throw error; // not Calendar's answer (the execution is failing): stop here
      finished = false;
      problems.push(`The invitation of ${row.group} could not be updated: ${api.message}`);
    }
  }
  if (finished) writeDocumentProperties({ [FEEDBACK_KEYS.patched]: JSON.stringify({ template, cycle }) });
  return { patched, problems };
}

// ---- Each response ---------------------------------------------------------------------------------

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
  const key = `${source.sheet.getName()}!${source.row}`;

  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const feedback = programSheet(ss, properties, FEEDBACK);
  const columns = headerColumns(feedback, FEEDBACK);
  const last = lastRow(feedback);
  const existing = findKeyRow(feedback, columns.Key + 1, last, key);
  if (existing !== null) return { status: 'duplicate', key, row: existing };

  // Column A of a responses sheet is Google's Timestamp, a Date; should it not be one, the
  // trigger's own time is seconds away from the submission.
  const stamp: unknown = event.range.getValues()[0]?.[0];
  const submittedAt = isDate(stamp) && Number.isFinite(stamp.getTime()) ? stamp : new Date();
  const spreadsheetZone = ss.getSpreadsheetTimeZone();
  const settings = settingsOf(properties);
  const row = normaliseResponse(
    { namedValues: event.namedValues, key, submittedAt },
    {
      programId: currentProgramId(properties, ss.getId()) ?? '',
      people: people(ss, ids),
      groups: readRotationGroups(rotationsTable(ss, ids), spreadsheetZone),
      settings,
      timeZone: settingsTimeZone(settings, spreadsheetZone),
    },
  );
  const values = feedbackRowValues(row, columns);
  const target = last + 1;
  ensureRow(feedback, target, SPARE_ROWS);
  writeRows(feedback, target, [values], rowFormats(feedback, FEEDBACK, columns, target, 1, values.length));
  return { status: 'added', key, row: target, flag: unescapeSheetText(row.flag) };
}

// ---- The Dashboard and the summary ---------------------------------------------------------------

interface Figures {
  ss: Spreadsheet;
  properties: Record<string, string>;
  result: DashboardResult;
  feedbackRows: number;
  rotationsRows: number;
}

/** The dashboard's figures from Feedback, Rotations and the roster, each read once. */
function figures(): Figures {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  if (!currentProgramId(properties, ss.getId())) throw new UserError('This spreadsheet is not set up yet. Click "Set up this spreadsheet" first.');
  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const settings = settingsOf(properties);
  const spreadsheetZone = ss.getSpreadsheetTimeZone();
  const timeZone = settingsTimeZone(settings, spreadsheetZone);
  const feedbackSheet = findSheet(ss, ids[FEEDBACK.name], FEEDBACK.name);
  const feedback = feedbackSheet ? readTable(feedbackSheet) : [];
  const rotations = rotationsTable(ss, ids);
  const result = computeDashboard({
    feedback: readFeedbackRecords(feedback),
    groups: readRotationGroups(rotations, spreadsheetZone),
    settings,
    today: isoDateInZone(new Date(), timeZone),
    timeZone,
    people: people(ss, ids),
  });
  return { ss, properties, result, feedbackRows: feedback.length, rotationsRows: rotations.length };
}

function summaryView(properties: Readonly<Record<string, string>>, result: DashboardResult): FeedbackSummaryView {
  const summary = feedbackSummary(result);
  const url = properties[FEEDBACK_KEYS.formUrl];
  const form = properties[FEEDBACK_KEYS.formId] && url ? { url, editUrl: properties[FEEDBACK_KEYS.editUrl] ?? '' } : null;
  const counted = `${summary.responses} response${summary.responses === 1 ? '' : 's'}${summary.flagged ? `, ${summary.flagged} flagged` : ''}`;
  const message = form ? `${counted}.` : summary.responses > 0 ? `${counted}; the feedback form is missing: create it again.` : 'No feedback form yet.';
  return { form, ...summary, message };
}

/** The sidebar's feedback summary, computed from the sheets (nothing is written). */
export function getFeedbackSummary(): FeedbackSummaryView {
  const f = figures();
  return summaryView(f.properties, f.result);
}

/** Recomputes the Dashboard sheet (values and the three trend charts) and returns the summary. */
export function refreshDashboard(): FeedbackSummaryView {
  return withDocumentLock(() => {
    const f = figures();
    const { ss, properties, result } = f;
    const sheet = programSheet(ss, properties, DASHBOARD);
    const columns = headerColumns(sheet, DASHBOARD);
    const width = Math.max(...Object.values(columns)) + 1;
    const values = dashboardValues(result, columns).map((r) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')]);

    // One row per cycle below the header; rows a previous run wrote beyond them are emptied.
    const before = lastRow(sheet);
    if (values.length > 0) {
      ensureRow(sheet, 1 + values.length, 0);
      writeRows(sheet, 2, values, rowFormats(sheet, DASHBOARD, columns, 2, values.length, width));
    }
    if (before > 1 + values.length) clearRows(sheet, 2 + values.length, before - 1 - values.length, width);

    const chartIds = drawCharts(sheet, columns, width, values.length, integerMap(properties[FEEDBACK_KEYS.charts]));
    const marker = JSON.stringify({ day: result.today, feedbackRows: f.feedbackRows, rotationsRows: f.rotationsRows });
    const wanted: Record<string, string> = { [FEEDBACK_KEYS.charts]: JSON.stringify(chartIds), [FEEDBACK_KEYS.refreshed]: marker };
    writeDocumentProperties(Object.fromEntries(Object.entries(wanted).filter(([k, v]) => properties[k] !== v)));
    return summaryView(properties, result);
  });
}

/**
 * The trend charts (one per goal): each found again by its remembered id, else by its title, and
 * pointed at the current rows; a missing one is inserted; a second chart with one of their titles
 * is removed. Returns spec id → chart id.
 */
function drawCharts(sheet: Sheet, columns: Readonly<Record<string, number>>, width: number, rows: number, remembered: Record<string, number>): Record<string, number> {
  const specs = dashboardCharts(rows).map((spec) => ({
    spec,
    chart: {
      title: spec.title,
      ranges: spec.columns.map((header) => ({ row: spec.firstRow, column: columns[header] + 1, numRows: spec.lastRow - spec.firstRow + 1, numColumns: 1 })),
      anchor: { row: spec.anchor.row, column: Math.max(spec.anchor.column, width + 2) },
      hAxisTitle: spec.hAxisTitle,
      vAxis: spec.vAxis,
    } satisfies LineChart,
  }));
  const onSheet = listCharts(sheet);
  const used = new Set<number | null>();
  const ids: Record<string, number> = {};
  const missing: typeof specs = [];
  for (const s of specs) {
    const free = onSheet.filter((c) => !used.has(c.id));
    const found = free.find((c) => c.id !== null && c.id === remembered[s.spec.id]) ?? free.find((c) => c.title === s.spec.title);
    if (!found) {
      missing.push(s);
      continue;
    }
    used.add(found.id);
    if (found.id !== null) ids[s.spec.id] = found.id;
    updateLineChart(sheet, found.chart, s.chart);
  }
  const titles = new Set(specs.map((s) => s.spec.title));
  for (const c of onSheet) if (!used.has(c.id) && titles.has(c.title)) removeChart(sheet, c.chart);
  for (const s of missing) insertLineChart(sheet, s.chart);
  if (missing.length > 0) {
    const known = new Set(Object.values(ids));
    for (const c of listCharts(sheet)) {
      const s = missing.find((m) => m.chart.title === c.title && ids[m.spec.id] === undefined);
      if (s && c.id !== null && !known.has(c.id)) {
        ids[s.spec.id] = c.id;
        known.add(c.id);
      }
    }
  }
  return ids;
}

/**
 * For the hourly tick: refreshes the Dashboard when Feedback or Rotations changed size since the
 * last refresh, or the day changed (the response rate and quiet groups depend on today). A few
 * reads when nothing changed. True when it refreshed.
 */
export function refreshDashboardIfStale(): boolean {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  if (!currentProgramId(properties, ss.getId())) return false;
  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const marker = jsonObject(properties[FEEDBACK_KEYS.refreshed]);
  const feedback = findSheet(ss, ids[FEEDBACK.name], FEEDBACK.name);
  const rotations = findSheet(ss, ids[ROTATIONS.name], ROTATIONS.name);
  if (!feedback || !rotations) return false;
  const timeZone = settingsTimeZone(settingsOf(properties), ss.getSpreadsheetTimeZone());
  const fresh =
    marker.day === isoDateInZone(new Date(), timeZone) && marker.feedbackRows === lastRow(feedback) && marker.rotationsRows === lastRow(rotations);
  if (fresh) return false;
  refreshDashboard();
  return true;
}
