// The feedback form (PRODUCT.md "Feedback"; issue 6), from the sidebar's "Create the feedback form"
// / "Repair the form": one action, safe to repeat.
//
// Under the document lock, the form whose id document properties remember is reused and repaired
// (questions missing added, their titles, help, required, choices and scales put back; email
// collection on), never duplicated; a form that was deleted or is no longer shared with this user
// is replaced by a new one (any other error opening it is shown, not taken for "deleted"). A
// remembered form that sends its responses to another spreadsheet is not ours to take (this
// spreadsheet is a copy, its document properties copied with it): a new form is made and the
// original is left alone. A new form's id is remembered right after FormApp.create, and a link to
// this spreadsheet is remembered before it is made, so a run that fails half-way is finished by the
// next click: still one form and one responses sheet. The form sends its responses to this
// spreadsheet: Google adds a "Form Responses N" sheet, which the add-on only reads. The
// on-form-submit trigger is installed once. Document properties remember the form, its links, its
// responses sheet (by id: a rename does not lose it) and the prefilled-link template.
//
// Then, outside the lock (so responses are filed meanwhile), the invitations already booked of
// every cycle not yet ended get the link in their description: one Calendar patch per group
// (sendUpdates none: a description is not worth an email to every guest), about 75 s for 250
// groups at 300 ms a call; at most PATCH_MS of them per run, the rest on the next click. Only an
// Event ID scheduling made for that program, cycle and group is patched. A marker remembers the
// template and the cycles patched (written under the lock again), so a second click patches nothing.
import type { FeedbackFormResult } from '../shared/api';
import { parseEventId, seriesDescription } from '../core/calendar-event';
import { isoDateInZone } from '../core/dates';
import { UserError } from '../core/errors';
import { startMark } from '../core/feedback-catch-up';
import { FEEDBACK_FORM, type QuestionKey } from '../core/feedback-form';
import { GROUP_PLACEHOLDER, invitationFeedback, prefillTemplate } from '../core/feedback-link';
import { PROGRAM_KEYS, currentProgramId, parseSheetIds } from '../core/program';
import { isKnownTimeZone } from '../core/roster';
import { inForce, latestCycle, readScheduleRows, rotationColumns, seriesTiming } from '../core/schedule';
import { meetingsPerCycle, settingsTimeZone } from '../core/settings';
import { apiError, patchEvent } from '../gas/calendar';
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
import { withDocumentLock } from '../gas/lock';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { activeSpreadsheet, sheetWithId, spreadsheetIdOf, spreadsheetZoneOf } from '../gas/sheets';
import { ensureFormSubmitTrigger } from '../gas/triggers';
import { FEEDBACK_KEYS, FEEDBACK_SUBMIT_HANDLER, integerMap, jsonObject, rotationsTable, settingsOf, type Spreadsheet } from './feedback-shared';

type Form = GoogleAppsScript.Forms.Form;

/** Invitation patches stop starting after this long in one run (the execution limit is 6 minutes). */
export const PATCH_MS = 4 * 60_000;

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
  const spreadsheetId = spreadsheetIdOf(ss);
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
  const known = destination === spreadsheetId && stored[FEEDBACK_KEYS.responsesSheetId] && Number.isSafeInteger(knownId) ? sheetWithId(ss, knownId) : null;
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
    ...(responses && linkedAt ? { [FEEDBACK_KEYS.filed]: JSON.stringify(startMark(responses.id, linkedAt)) } : {}),
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
  const timeZone = settingsTimeZone(settings, spreadsheetZoneOf(ss));
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

