// Scheduling a confirmed cycle: one weekly recurring Calendar event per group, at a time its
// members are free (when "Find a common time" is on), idempotent and resumable.
//
// The work runs in chunks. While the sidebar is open it calls `scheduleStep` until `done`, showing
// the progress; when it is closed the hourly tick (`onTick`) continues. Each chunk holds the
// document lock, reads Rotations once, makes at most CHUNK_INSERTS inserts and stops early after
// CHUNK_MS, then writes the changed columns once each.
//
// Idempotency: an event's id is derived from the program, cycle, group and a version
// (core/calendar-event eventId), so re-running an insert whose response was lost gets 409 from
// Calendar; the existing event is then read back (Events.get) and recorded. The sheet is the record
// of what is done (Event ID, Meet link, Status); the job in document properties remembers the
// rest (times chosen, errors per group, versions). Meet links Google has not made yet are written
// "pending" and collected by a later chunk with one Events.list per 2,500 events.
import type { ScheduleView } from '../shared/api';
import { buildSeriesEvent, eventId, type CalendarEvent, eventTitle, insertOptions, seriesDescription, seriesProperties } from '../core/calendar-event';
import { cycleSpan, findCommonSlot, freeBusyBatches, freeBusyWindow, preferredSlot, readFreeBusy, slotMember, type Availability, type SlotMember } from '../core/common-time';
import { UserError } from '../core/errors';
import { isoDateInZone } from '../core/dates';
import { sheetText } from '../core/feedback';
import { invitationFeedback } from '../core/feedback-link';
import { normaliseEmail, type Person } from '../core/people';
import { currentProgramId } from '../core/program';
import { checkRoster, isKnownTimeZone } from '../core/roster';
import {
  MAX_ATTEMPTS,
  MAX_MEET_PASSES,
  MEET_PENDING,
  SCHEDULE_JOB_KEY,
  formatDayAndTime,
  groupsKey,
  inForce,
  latestCycle,
  newJob,
  parseJob,
  readScheduleRows,
  rotationColumns,
  scheduleWork,
  sameMembers,
  serialiseJob,
  seriesTiming,
  type SeriesTiming,
  type Columns,
  type ScheduleJob,
  type ScheduleRow,
} from '../core/schedule';
import { ROSTER, ROTATIONS } from '../core/schema';
import { cycleDates, settingsTimeZone, type Settings } from '../core/settings';
import { apiError, getEvent, insertEvent, listEventsWith, queryFreeBusy } from '../gas/calendar';
import { withDocumentLock } from '../gas/lock';
import { readDocumentProperties, writeDocumentProperty } from '../gas/properties';
import { readTable } from '../gas/roster-sheet';
import { readRotationsTable } from '../gas/rotations-sheet';
import { activeSpreadsheet } from '../gas/sheets';
import { loadSettings } from '../gas/settings-store';
import { effectiveUserEmail } from '../gas/session';
import { ensureHourlyTrigger } from '../gas/triggers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Event = CalendarEvent;

/** Inserts per chunk: at ~300 ms a call, about 15 s of Calendar time, far inside 6 minutes. */
export const CHUNK_INSERTS = 50;
/** A chunk stops starting new inserts after this long. */
export const CHUNK_MS = 60_000;
/** The handler of the hourly time-driven trigger (src/app/tick.ts). */
export const TICK_HANDLER = 'onTick';
/** Document property: the feedback form's prefilled-link base, when the form exists (issue 6). */
export const FEEDBACK_LINK_KEY = 'feedback.prefill';
const REMINDER_MINUTES = 10;

interface Context {
  sheet: Sheet;
  table: unknown[][];
  columns: Columns;
  rows: ScheduleRow[];
  settings: Settings;
  timeZone: string;
  programId: string;
  people: Map<string, Person>;
  properties: Record<string, string>;
  job: ScheduleJob | null;
  /** The calendar's owner, who organises the events (never a guest). */
  organizer: string;
}

function load(): Context {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  const programId = currentProgramId(properties, ss.getId());
  if (!programId) throw new UserError('This spreadsheet is not set up yet. Click "Set up this spreadsheet" first.');
  const sheet = ss.getSheetByName(ROTATIONS.name);
  if (!sheet) throw new UserError('There is no Rotations sheet. Click "Set up this spreadsheet" to repair it.');
  const table = readRotationsTable(sheet);
  const columns = rotationColumns(table[0] ?? []);
  if (!columns) throw new UserError('The Rotations sheet lacks some of its columns. Click "Set up this spreadsheet" to repair it.');
  const { settings } = loadSettings();
  const timeZone = settingsTimeZone(settings, ss.getSpreadsheetTimeZone());
  const rosterSheet = ss.getSheetByName(ROSTER.name);
  // Names, zones and working hours come from the roster; a row with a problem still lends its name.
  const people = new Map<string, Person>();
  if (rosterSheet) for (const p of checkRoster(readTable(rosterSheet)).people) people.set(normaliseEmail(p.email), p);
  return {
    sheet,
    table,
    columns,
    rows: readScheduleRows(table, columns, timeZone),
    settings,
    timeZone,
    programId,
    people,
    properties,
    job: parseJob(properties[SCHEDULE_JOB_KEY] ?? null),
    organizer: effectiveUserEmail(),
  };
}

const nameOf = (c: Context) => (email: string) => c.people.get(email)?.name || email;

/** The cycle to schedule: the job's while it has work, else the latest confirmed one. */
function currentJob(c: Context, now: Date): ScheduleJob | null {
  const latest = latestCycle(c.rows);
  if (latest === 0) return null;
  if (c.job && c.job.cycle === latest) return c.job;
  return newJob(latest, now);
}

function view(c: Context, job: ScheduleJob | null, message = ''): ScheduleView {
  if (!job) {
    return { cycle: null, total: 0, scheduled: 0, meetPending: 0, errors: [], done: true, message: message || 'No confirmed cycle to schedule yet.', notes: [] };
  }
  const work = scheduleWork(c.rows, job, false);
  const names = nameOf(c);
  const errors = work.unscheduled
    .filter((r) => job.errors[r.group])
    .map((r) => ({ group: r.group, names: r.members.map(names).join(', '), message: job.errors[r.group].message }));
  const total = work.rows.length;
  const scheduled = total - work.unscheduled.length;
  const done = work.unscheduled.length === 0 && work.meetPending.length === 0;
  const notes = job.notice ? [job.notice] : [];
  const summary =
    message ||
    (done
      ? `Cycle ${job.cycle}: all ${total} group${total === 1 ? '' : 's'} have their invitations.`
      : `Cycle ${job.cycle}: ${scheduled} of ${total} groups scheduled${errors.length ? `, ${errors.length} failed` : ''}.`);
  return { cycle: job.cycle, total, scheduled, meetPending: work.meetPending.length, errors, done, message: summary, notes };
}

/** Where the next chunk stands, without doing any work. */
export function getSchedule(): ScheduleView {
  const c = load();
  return view(c, currentJob(c, new Date()));
}

function parseStepInput(input: unknown): { retry: boolean } {
  if (input === undefined || input === null) return { retry: false };
  if (typeof input !== 'object' || Array.isArray(input)) throw new UserError('The scheduling request was not understood. Reload the sidebar and try again.');
  const keys = Object.keys(input);
  const retry = (input as { retry?: unknown }).retry;
  if (keys.some((k) => k !== 'retry') || (retry !== undefined && typeof retry !== 'boolean')) {
    throw new UserError('The scheduling request was not understood. Reload the sidebar and try again.');
  }
  return { retry: retry === true };
}

/**
 * One chunk of scheduling work for the latest confirmed cycle: choose common times (first chunk),
 * insert events, collect pending Meet links. `{retry: true}` also tries groups that failed
 * three times.
 */
export function scheduleStep(input?: unknown): ScheduleView {
  const { retry } = parseStepInput(input);
  return withDocumentLock(() => runChunk(retry, Date.now() + CHUNK_MS));
}

/**
 * Runs chunks until done, stuck on failed groups, or `budgetMs` is spent (each chunk holding the
 * document lock): what the hourly tick does when the sidebar is closed.
 */
export function continueScheduling(budgetMs: number): ScheduleView | null {
  const deadline = Date.now() + budgetMs;
  let v: ScheduleView | null = null;
  for (let i = 0; i < 20 && Date.now() < deadline - CHUNK_MS; i++) {
    const before: ScheduleView | null = v;
    v = withDocumentLock(() => runChunk(false, Math.min(deadline, Date.now() + CHUNK_MS)), 30_000);
    const stuck = v.errors.length > 0 && v.scheduled + v.errors.length >= v.total;
    const idle = before !== null && before.scheduled === v.scheduled && before.meetPending === v.meetPending && before.errors.length === v.errors.length;
    if (v.done || stuck || idle || v.notes.length > 0) break; // idle: only Meet links pending, or a limit reached
  }
  return v;
}

function runChunk(retry: boolean, deadline: number): ScheduleView {
  const now = new Date();
  const c = load();
  const job = currentJob(c, now);
  if (!job) return view(c, null);
  if (retry) {
    for (const e of Object.values(job.errors)) e.attempts = 0;
    job.notice = '';
  }
  const work = scheduleWork(c.rows, job, retry);
  const updates = new Map<number, Partial<Record<string, string>>>();
  const set = (row: ScheduleRow, column: string, value: string) => {
    const u = updates.get(row.index) ?? {};
    u[column] = value;
    updates.set(row.index, u);
    (row as unknown as Record<string, string>)[fieldOf(column)] = value;
  };

  // 1. Common times, once per set of groups (replacing the cycle changes it), for those without an event.
  const key = groupsKey(work.rows);
  if (job.slotsFor !== key) {
    if (job.slotsFor !== '') job.errors = {}; // the groups changed: old errors belong to old groups
    if (c.settings.findCommonTime && work.unscheduled.length > 0) chooseTimes(c, job, work.unscheduled, set);
    job.slotsFor = key;
  }

  // 2. Meet links made since the last chunk.
  if (work.meetPending.length > 0) {
    job.meetPasses += 1;
    collectMeetLinks(c, job, work.meetPending, set, job.meetPasses >= MAX_MEET_PASSES);
  }

  // 3. Events.
  let inserts = 0;
  for (const row of work.toInsert) {
    if (inserts >= CHUNK_INSERTS || Date.now() >= deadline) break;
    inserts++;
    const outcome = scheduleGroup(c, job, row);
    if (outcome.kind === 'scheduled') {
      delete job.errors[row.group];
      set(row, 'Event ID', outcome.eventId);
      set(row, 'Meet link', outcome.meetLink);
      set(row, 'Status', 'scheduled');
    } else if (outcome.kind === 'failed') {
      const before = job.errors[row.group]?.attempts ?? 0;
      job.errors[row.group] = { message: outcome.message, attempts: outcome.final ? MAX_ATTEMPTS : before + 1 };
    } else {
      job.notice = outcome.message;
      break;
    }
  }

  writeUpdates(c, updates);
  job.updatedAt = now.toISOString();
  writeDocumentProperty(SCHEDULE_JOB_KEY, serialiseJob(job), 'The scheduling record is too large to save.');
  const result = view(c, job);
  if (!result.done) {
    // The tick continues when the sidebar is closed. Checked while work is left (one call): the
    // trigger is per user, and may have been deleted.
    try {
      ensureHourlyTrigger(activeSpreadsheet(), TICK_HANDLER);
    } catch (error) {
      result.notes.push(`The hourly run could not be set up (${error instanceof Error ? error.message : String(error)}); keep the sidebar open until booking is done.`);
    }
  }
  return result;
}

const FIELDS: Record<string, keyof ScheduleRow> = {
  'Day and time': 'dayAndTime',
  'Time zone': 'timeZone',
  Status: 'status',
  'Event ID': 'eventId',
  'Meet link': 'meetLink',
  Notes: 'notes',
};
const fieldOf = (column: string) => FIELDS[column] as string;

/**
 * Writes each changed column once, over the span of the changed rows. The sheet is read again
 * first and each update goes to the row that now holds its cycle, group and members, with the other
 * cells of the span as they are now: the owner may have sorted or edited Rotations while Calendar
 * was being called.
 */
function writeUpdates(c: Context, updates: Map<number, Partial<Record<string, string>>>): void {
  if (updates.size === 0) return;
  const fresh = c.sheet.getDataRange().getValues();
  const where = new Map<string, number>();
  for (const r of readScheduleRows(fresh, c.columns, c.timeZone)) if (inForce(r)) where.set(rowKey(r), r.index);
  const moved = new Map<number, Partial<Record<string, string>>>();
  for (const [index, u] of updates) {
    const row = c.rows.find((r) => r.index === index);
    const to = row ? where.get(rowKey(row)) : undefined;
    if (to !== undefined) moved.set(to, u); // a row deleted or replaced meanwhile: its update is dropped
  }
  if (moved.size === 0) return;
  const indices = [...moved.keys()].sort((x, y) => x - y);
  const from = indices[0];
  const last = indices[indices.length - 1];
  const changed = new Set<string>();
  for (const u of moved.values()) for (const k of Object.keys(u)) changed.add(k);
  for (const column of ROTATIONS.columns.map((col) => col.header).filter((h) => changed.has(h))) {
    const col = c.columns[column];
    const values: unknown[][] = [];
    for (let r = from; r <= last; r++) {
      const u = moved.get(r);
      values.push([u && u[column] !== undefined ? (u[column] as string) : (fresh[r]?.[col] ?? '')]);
    }
    c.sheet.getRange(from + 1, col + 1, values.length, 1).setValues(values);
  }
}

/** Identifies a row across a re-read: its cycle, group and members. */
function rowKey(r: ScheduleRow): string {
  return `${r.cycle}|${r.group}|${r.members.slice().sort().join(',')}`;
}

/** Free/busy for every member in ⌈n/50⌉ queries, then the best weekly slot per group. */
function chooseTimes(c: Context, job: ScheduleJob, rows: ScheduleRow[], set: (row: ScheduleRow, column: string, value: string) => void): void {
  const dates = cycleDates(c.settings, job.cycle, isoDateInZone(new Date(), c.timeZone));
  const member = (email: string): SlotMember => {
    const person = c.people.get(email);
    return person ? slotMember(person, c.timeZone) : slotMember({ email, name: email, timeZone: '', workingHours: '' }, c.timeZone);
  };
  const emails = [...new Set(rows.flatMap((r) => r.members))];
  const span = cycleSpan(c.settings, { starts: rows[0].starts || dates.starts, meetings: dates.meetings });
  const zones = [...new Set([...emails.map((e) => member(e).timeZone), c.timeZone])];
  const range = freeBusyWindow(span, zones, c.settings.meetingMinutes);
  const availability: Availability = new Map();
  try {
    for (const batch of freeBusyBatches(emails)) {
      const response = queryFreeBusy({ timeMin: range.timeMin, timeMax: range.timeMax, items: batch.map((id) => ({ id })) });
      for (const [email, a] of readFreeBusy(response, batch)) availability.set(email, a);
    }
  } catch (error) {
    const api = apiError(error);
    if (!api) throw error; // not Calendar's answer: the execution itself failed
    availability.clear(); // everyone counts as free: times from working hours alone
    job.notice = `Calendar did not answer the free/busy query (${api.message}); times were chosen from working hours only.`;
  }
  const preferred = preferredSlot(c.settings, c.timeZone);
  for (const row of rows) {
    const slot = findCommonSlot({
      members: row.members.map(member),
      availability,
      cycle: { ...span, starts: row.starts || span.starts },
      minutes: c.settings.meetingMinutes,
      preferred,
    });
    set(row, 'Day and time', formatDayAndTime(slot.weekday, slot.time));
    set(row, 'Time zone', slot.timeZone);
    if (slot.note) set(row, 'Notes', sheetText(row.notes ? `${row.notes} · ${slot.note}` : slot.note));
  }
}

type Outcome =
  | { kind: 'scheduled'; eventId: string; meetLink: string }
  /** `final`: not retried automatically, only by Retry. */
  | { kind: 'failed'; message: string; final?: boolean }
  | { kind: 'stop'; message: string };

/** Versions tried in one go when ids are taken by other groups' events (a replaced cycle's). */
const MAX_VERSION_STEPS = 5;

function meetLinkOf(event: Event, meet: boolean): string {
  if (!meet) return '';
  const video = event.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri;
  return event.hangoutLink || video || MEET_PENDING;
}

/** Inserts one group's series, or finds it already there (a lost response), or says why not. */
function scheduleGroup(c: Context, job: ScheduleJob, row: ScheduleRow): Outcome {
  try {
    const timing = seriesTiming(row, c.settings, c.timeZone, isKnownTimeZone);
    if (!timing.ok) return { kind: 'failed', message: `Row ${row.index + 1}: ${timing.reason}` };
    if (row.members.length < 2) return { kind: 'failed', message: `Row ${row.index + 1} has fewer than two members.` };
    for (let step = 0; step < MAX_VERSION_STEPS; step++) {
      const outcome = insertSeries(c, job, row, timing.timing);
      if (outcome !== 'taken') return outcome;
      // The id belongs to another group's event (the cycle was replaced): the next version.
      job.versions[row.group] = (job.versions[row.group] ?? 0) + 1;
    }
    return { kind: 'failed', message: `The invitation ids of ${row.group} are all taken by other events. Retry tries further ones.` };
  } catch (error) {
    // A row Calendar cannot take (a meeting past midnight, a blank group id): this group only.
    if (error instanceof RangeError) return { kind: 'failed', message: `Row ${row.index + 1}: ${error.message}`, final: true };
    const api = apiError(error);
    if (!api) throw error;
    return { kind: 'failed', message: `Calendar refused the invitation of ${row.group}: ${api.message}` };
  }
}

/** One insert of the group's series at its current version; 'taken' when the id is another group's. */
function insertSeries(c: Context, job: ScheduleJob, row: ScheduleRow, timing: SeriesTiming): Outcome | 'taken' {
  const version = job.versions[row.group] ?? 0;
  const id = eventId(c.programId, job.cycle, row.group, version);
  const names = row.members.map(nameOf(c));
  const { feedbackLink, groupCode } = invitationFeedback(c.properties[FEEDBACK_LINK_KEY], c.programId, row.group);
  const resource = buildSeriesEvent({
    id,
    title: eventTitle(c.settings.titleTemplate, names, job.cycle),
    description: seriesDescription({ meetings: timing.count, feedbackLink, groupCode }),
    startDate: timing.startDate,
    startTime: timing.startTime,
    minutes: c.settings.meetingMinutes,
    timeZone: timing.timeZone,
    count: timing.count,
    intervalWeeks: timing.intervalWeeks,
    attendees: row.members.map((email, i) => ({ email, name: names[i] })),
    meet: c.settings.googleMeet,
    reminderMinutes: REMINDER_MINUTES,
    properties: seriesProperties({ programId: c.programId, cycle: job.cycle, groupId: row.group, version }),
    organizerEmail: c.organizer,
  });
  const options = insertOptions({ meet: c.settings.googleMeet, sendInvitations: c.settings.sendInvitations });
  try {
    const created = insertEvent(resource, options);
    return { kind: 'scheduled', eventId: created.id ?? id, meetLink: meetLinkOf(created, c.settings.googleMeet) };
  } catch (error) {
    const api = apiError(error);
    if (api && (api.code === 409 || /already exists/i.test(api.message))) {
      // Already created: by an earlier run whose response was lost — or, after the cycle was
      // replaced, for another group that had this group id. Read it back and compare.
      const existing = getEvent(id);
      if (existing.status === 'cancelled') {
        job.versions[row.group] = version + 1;
        return { kind: 'failed', message: `The invitation of ${row.group} was deleted in Calendar before it was recorded. Retry books it again.`, final: true };
      }
      if (!sameMembers(existing.attendees, row.members)) return 'taken';
      return { kind: 'scheduled', eventId: existing.id ?? id, meetLink: meetLinkOf(existing, c.settings.googleMeet) };
    }
    if (api && (api.code === 403 || api.code === 429) && /usage limits|quota|rate limit/i.test(`${api.reason} ${api.message}`)) {
      return { kind: 'stop', message: `Calendar's limit was reached (${api.message}). Scheduling continues on the next hourly run.` };
    }
    throw error;
  }
}

/**
 * Fills "pending" Meet links from one listing of the program's events (2,500 per call). A
 * conference Google failed to make, or still not made after MAX_MEET_PASSES passes (`giveUp`), is
 * left blank with a note: the series stands, a link can be added in Calendar.
 */
function collectMeetLinks(c: Context, job: ScheduleJob, rows: ScheduleRow[], set: (row: ScheduleRow, column: string, value: string) => void, giveUp: boolean): void {
  const events = listEventsWith('program', c.programId).filter((e) => e.extendedProperties?.private?.cycle === String(job.cycle));
  const byId = new Map(events.map((e) => [e.id ?? '', e]));
  for (const row of rows) {
    const event = byId.get(row.eventId);
    const failed = event?.conferenceData?.createRequest?.status?.statusCode === 'failure';
    const link = event && !failed ? meetLinkOf(event, true) : MEET_PENDING;
    if (link !== MEET_PENDING) set(row, 'Meet link', link);
    else if (failed || giveUp) {
      set(row, 'Meet link', '');
      const note = failed ? 'Google could not add a Meet link; add one to the event by hand.' : 'Google made no Meet link in time; add one to the event by hand.';
      set(row, 'Notes', sheetText(row.notes ? `${row.notes} · ${note}` : note));
    }
  }
}
