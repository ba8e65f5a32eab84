// Feedback (PRODUCT.md "Feedback", "Dashboard"; issue 6): the form, each response filed as one
// Feedback row, the Dashboard, and the sidebar's summary.
//
// - createFeedbackForm (sidebar): one action, safe to repeat. Under the document lock. The form
//   whose id document properties remember is reused and repaired (questions missing added, their
//   titles, help, required, choices and scales put back; email collection on), never duplicated;
//   a form that was deleted or is no longer shared with this user is replaced by a new one (any
//   other error opening it is shown, not taken for "deleted"). A remembered form that sends its
//   responses to another spreadsheet is not ours to take (this spreadsheet is a copy, its document
//   properties copied with it): a new form is made and the original is left alone. A new form's id
//   is remembered right after FormApp.create, and a link to this spreadsheet is remembered before
//   it is made, so a run that fails half-way is finished by the next click: still one form and one
//   responses sheet. The form sends its responses to this spreadsheet: Google adds a "Form
//   Responses N" sheet, which the add-on only reads. The on-form-submit trigger is installed once.
//   Document properties remember the form, its links, its responses sheet (by id: a rename does not
//   lose it) and the prefilled-link template. Then, outside the lock (so responses are filed
//   meanwhile), the invitations already booked of every cycle not yet ended get the link in their
//   description: one Calendar patch per group (sendUpdates none: a description is not worth an
//   email to every guest), about 75 s for 250 groups at 300 ms a call; at most PATCH_MS of them per
//   run, the rest on the next click. Only an Event ID scheduling made for that program, cycle and
//   group is patched. A marker remembers the template and the cycles patched (written under the
//   lock again), so a second click patches nothing.
// - onFeedbackSubmit (installable trigger): validates the event (it may be anything), ignores the
//   responses of other forms in the same spreadsheet (the range's sheet must be ours, by id),
//   keys the response by the responses sheet's id, its row and its Timestamp
//   ('1234567!42@2027-01-12T11:00:00Z': Google writes each response into the first free row, so a
//   row number comes back once the owner deletes rows), looks the key up with a TextFinder on the
//   Key column (nothing is read into the script), and appends one normalised row; the same
//   delivery twice gives one row. It reads the roster and Rotations (one block each) to match the
//   respondent and the group. A constant number of service calls, whatever the size of Feedback
//   (test/gas/feedback.test.ts lists them). It does not refresh the Dashboard, which means reading
//   all of Feedback: the sidebar's "Refresh dashboard" and the hourly tick
//   (`refreshDashboardIfStale`) do.
// - fileMissedResponses (the hourly tick): a trigger refused while another run held the document
//   lock is not run again by Apps Script; the tick files the responses sheet's rows whose key is
//   not in Feedback, from a remembered mark, a bounded block per run.
// - refreshDashboard (sidebar): reads Feedback, Rotations and the roster once each, writes one
//   row per cycle into Dashboard (formats, then values, one call each) and points the three trend
//   charts at them (found again by remembered chart id or by title; never a second copy).
// - getFeedbackSummary (sidebar): the same figures computed fresh from the sheets (three reads,
//   no write), so the sidebar is never behind the sheet; the form's links from document
//   properties (the form itself is not opened: "Repair the form" does that).
import type { FeedbackFormResult, FeedbackSummaryView } from '../shared/api';
import { parseEventId, seriesDescription } from '../core/calendar-event';
import { computeDashboard, dashboardCharts, dashboardValues, feedbackSummary, type DashboardResult } from '../core/dashboard';
import { isoDateInZone } from '../core/dates';
import { UserError } from '../core/errors';
import {
  feedbackRowValues,
  normaliseResponse,
  readFeedbackRecords,
  readRotationGroups,
  responseKey,
  sheetText,
  unescapeSheetText,
  type FeedbackContext,
} from '../core/feedback';
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
import { blockFormats, clearRows, ensureRow, findKeyRow, lastRow, readBlock, readColumn, writeRows } from '../gas/feedback-sheet';
import {
  createForm,
  describeForm,
  destinationId,
  ensureCollectsEmail,
  ensureQuestions,
  formId,
  formUrls,
  isAcceptingResponses,
  newSheet,
  openForm,
  prefilledUrl,
  sendResponsesTo,
  sheetIds,
} from '../gas/forms';
import { tryDocumentLock, withDocumentLock } from '../gas/lock';
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
type Form = GoogleAppsScript.Forms.Form;

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
  /** JSON {sheetId, row, since}: where the catch-up of missed responses (fileMissedResponses) is. */
  filed: 'feedback.filedThrough',
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

interface Linking {
  formId: string;
  before: number[];
  at: string;
}

function readLinking(raw: string | undefined): Linking | null {
  const o = jsonObject(raw);
  const before = Array.isArray(o.before) ? o.before.filter((id): id is number => Number.isSafeInteger(id)) : null;
  return typeof o.formId === 'string' && before && typeof o.at === 'string' ? { formId: o.formId, before, at: o.at } : null;
}

/**
 * Remembers a new form's id at once, before anything else can fail, so a second click repairs this
 * form instead of making another. Tried twice: a failure here is the one that would leave a form
 * nobody knows of.
 */
function rememberNewForm(form: Form): string {
  const remember = () => {
    const id = formId(form);
    writeDocumentProperties({ [FEEDBACK_KEYS.formId]: id });
    return id;
  };
  try {
    return remember();
  } catch {
    return remember();
  }
}

/** What the part under the lock decided: the result so far, and the invitations to patch. */
interface PreparedForm {
  urls: { published: string; edit: string };
  created: boolean;
  repaired: string[];
  problems: string[];
  template: string | null;
  invitations: InvitationPlan;
}

/**
 * Creates the feedback form, or repairs the one made before (under the document lock); then links
 * the invitations of every cycle not yet ended to it, outside the lock (Calendar may take minutes,
 * and a response arriving meanwhile must not be refused).
 */
export function createFeedbackForm(): FeedbackFormResult {
  const prepared = withDocumentLock(prepareForm);
  const patch = patchInvitations(prepared.invitations);
  if (prepared.template && patch.finished.length > 0) {
    const template = prepared.template;
    withDocumentLock(() => rememberPatched(template, patch.finished));
  }
  const { urls, created, repaired } = prepared;
  const problems = [...prepared.problems, ...patch.problems];
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
}

function prepareForm(): PreparedForm {
  const ss = activeSpreadsheet();
  const stored = readDocumentProperties();
  const spreadsheetId = ss.getId();
  const programId = currentProgramId(stored, spreadsheetId);
  if (!programId) throw new UserError('This spreadsheet is not set up yet. Click "Set up this spreadsheet" first.');
  const repaired: string[] = [];
  const problems: string[] = [];

  // The remembered form, unless it sends its responses to another spreadsheet: then this is a copy
  // of the program's spreadsheet (document properties are copied with it), and the form is the
  // original's; linking it here would take its responses away from there.
  let form = openForm(stored[FEEDBACK_KEYS.formId] ?? '');
  let destination = form ? destinationId(form) : null;
  if (destination !== null && destination !== spreadsheetId) {
    form = null;
    destination = null;
  }
  const fresh = form === null;
  if (!form) {
    form = createForm(FEEDBACK_FORM);
    stored[FEEDBACK_KEYS.formId] = rememberNewForm(form);
  }
  const id = stored[FEEDBACK_KEYS.formId];
  // A form whose creation did not finish (its questions were never remembered) is finished as new.
  const created = fresh || !stored[FEEDBACK_KEYS.items];
  if (created) describeForm(form, FEEDBACK_FORM);
  else if (ensureCollectsEmail(form)) repaired.push('collects respondents’ emails again');
  const questions = ensureQuestions(form, FEEDBACK_FORM, fresh ? {} : (integerMap(stored[FEEDBACK_KEYS.items]) as Partial<Record<QuestionKey, number>>), fresh);
  if (!created) repaired.push(...questions.repaired);

  // Responses: to this spreadsheet, into a sheet the add-on knows by id.
  const knownId = Number(stored[FEEDBACK_KEYS.responsesSheetId]);
  const known = destination === spreadsheetId && stored[FEEDBACK_KEYS.responsesSheetId] && Number.isSafeInteger(knownId) ? ss.getSheetById(knownId) : null;
  let responses: { id: number; name: string } | null = known ? { id: knownId, name: known.getName() } : null;
  /** When the form was linked to the sheet, if it was not known before: responses earlier than that were copied there by Google. */
  let linkedAt: string | null = null;
  /** A link was started in this run (its marker written). */
  let linked = false;
  if (!responses) {
    // Linked by a run that stopped before remembering the sheet (or before Google showed it): the sheet that came then.
    const linking = readLinking(stored[FEEDBACK_KEYS.linking]);
    if (destination === spreadsheetId && linking && linking.formId === id) {
      responses = newSheet(ss, new Set(linking.before));
      if (responses) linkedAt = linking.at;
    }
  }
  if (!responses) {
    const before = sheetIds(ss);
    linkedAt = new Date().toISOString();
    writeDocumentProperties({ [FEEDBACK_KEYS.linking]: JSON.stringify({ formId: id, before, at: linkedAt } satisfies Linking) });
    linked = true;
    sendResponsesTo(form, spreadsheetId);
    responses = newSheet(ss, new Set(before));
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
    [FEEDBACK_KEYS.formId]: id,
    [FEEDBACK_KEYS.formUrl]: urls.published,
    [FEEDBACK_KEYS.editUrl]: urls.edit,
    [FEEDBACK_KEYS.items]: JSON.stringify(questions.itemIds),
    [FEEDBACK_KEYS.prefill]: template ?? '',
    ...(responses ? { [FEEDBACK_KEYS.responsesSheetId]: String(responses.id), [FEEDBACK_KEYS.responsesSheetName]: responses.name } : {}),
    // The catch-up (`fileMissedResponses`) starts at the new sheet's first row, after the link.
    ...(responses && linkedAt ? { [FEEDBACK_KEYS.filed]: JSON.stringify({ sheetId: responses.id, row: 1, since: linkedAt } satisfies FiledMark) } : {}),
    // The link is remembered: nothing under way any more.
    ...(responses && (linked || stored[FEEDBACK_KEYS.linking]) ? { [FEEDBACK_KEYS.linking]: '' } : {}),
  };
  writeDocumentProperties(Object.fromEntries(Object.entries(wanted).filter(([k, v]) => stored[k] !== v)));
  Object.assign(stored, wanted);

  const invitations = template ? planInvitations(ss, stored, programId, template) : [];
  return { urls, created, repaired, problems, template, invitations };
}

/** One invitation to patch: its row's cycle and group, its event, and the description with the link. */
type InvitationPlan = Array<{ cycle: number; group: string; eventId: string; description: string }>;

function readPatched(raw: string | undefined): { template: string; cycles: number[] } {
  const o = jsonObject(raw);
  const template = typeof o.template === 'string' ? o.template : '';
  // Before every running cycle was patched, the marker named one cycle.
  const cycles = Array.isArray(o.cycles) ? o.cycles : [o.cycle];
  return { template, cycles: cycles.filter((c): c is number => Number.isSafeInteger(c)) };
}

/**
 * The invitations to give the template's links: the series booked for every cycle not yet ended
 * (Ends on or after today; a row without a date counts for the latest cycle), except the cycles
 * the marker says have this template already. Only an Event ID that is the group's own (made by
 * scheduling for this program, cycle and group) is patched: another id typed into the sheet (the
 * owner's own event, another group's invitation) is left alone.
 */
function planInvitations(ss: Spreadsheet, properties: Record<string, string>, programId: string, template: string): InvitationPlan {
  const table = rotationsTable(ss, parseSheetIds(properties[PROGRAM_KEYS.sheetIds]));
  const columns = rotationColumns(table[0] ?? []);
  if (!columns) return [];
  const settings = settingsOf(properties);
  const timeZone = settingsTimeZone(settings, ss.getSpreadsheetTimeZone());
  const rows = readScheduleRows(table, columns, timeZone);
  const latest = latestCycle(rows);
  const today = isoDateInZone(new Date(), timeZone);
  const marker = readPatched(properties[FEEDBACK_KEYS.patched]);
  const done = new Set(marker.template === template ? marker.cycles : []);
  const plan: InvitationPlan = [];
  for (const row of rows) {
    if (!inForce(row) || done.has(row.cycle)) continue;
    if (row.ends === '' ? row.cycle !== latest : row.ends < today) continue;
    const key = parseEventId(row.eventId);
    if (!key || key.programId !== programId || key.cycle !== row.cycle || key.groupId !== row.group) {
      // Not booked yet (scheduling will write the link into the new invitation), or not this
      // group's invitation: its cycle counts, nothing is patched.
      plan.push({ cycle: row.cycle, group: row.group, eventId: '', description: '' });
      continue;
    }
    const timing = seriesTiming(row, settings, timeZone, isKnownTimeZone);
    const meetings = timing.ok ? timing.timing.count : meetingsPerCycle(settings);
    plan.push({ cycle: row.cycle, group: row.group, eventId: row.eventId, description: seriesDescription({ meetings, ...invitationFeedback(template, programId, row.group) }) });
  }
  return plan;
}

/**
 * Puts each group's prefilled link into its series' description (the description schedule.ts
 * builds, with the link), without the document lock. One Calendar patch per group, sendUpdates
 * none; patches stop starting after PATCH_MS. Returns the cycles finished (every invitation
 * patched, or gone from Calendar).
 */
function patchInvitations(plan: InvitationPlan): { patched: number; problems: string[]; finished: number[] } {
  const deadline = Date.now() + PATCH_MS;
  const problems: string[] = [];
  const unfinished = new Set<number>();
  let patched = 0;
  for (let i = 0; i < plan.length; i++) {
    const item = plan[i];
    if (item.eventId === '') continue;
    if (Date.now() >= deadline) {
      for (const rest of plan.slice(i)) unfinished.add(rest.cycle);
      problems.push('Not every invitation could be updated in one go. Click "Repair the form" again to finish.');
      break;
    }
    try {
      patchEvent(item.eventId, { description: item.description }, { sendUpdates: 'none' });
      patched++;
    } catch (error) {
      const api = apiError(error);
      if (api && (api.code === 404 || api.code === 410)) continue; // deleted in Calendar: nothing to link
      if (!api) throw error; // not Calendar's answer (the execution is failing): stop here
      unfinished.add(item.cycle);
      problems.push(`The invitation of ${item.group} could not be updated: ${api.message}`);
    }
  }
  const finished = [...new Set(plan.map((p) => p.cycle))].filter((c) => !unfinished.has(c));
  return { patched, problems, finished };
}

/** Adds the cycles to the marker of the template, unless the template changed meanwhile. */
function rememberPatched(template: string, cycles: readonly number[]): void {
  const properties = readDocumentProperties();
  if (properties[FEEDBACK_KEYS.prefill] !== template) return;
  const marker = readPatched(properties[FEEDBACK_KEYS.patched]);
  const all = [...new Set([...(marker.template === template ? marker.cycles : []), ...cycles])].sort((a, b) => a - b);
  writeDocumentProperties({ [FEEDBACK_KEYS.patched]: JSON.stringify({ template, cycles: all }) });
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
interface FiledMark {
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
