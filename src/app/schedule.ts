// Scheduling a confirmed cycle: one weekly recurring Calendar event per group, at a time its
// members are free (when "Find a common time" is on), idempotent and resumable. The entry points
// and one chunk's order of work; what a chunk reads and writes back is in schedule-context.ts, the
// Calendar calls in schedule-events.ts, the common times in common-times.ts.
//
// The work runs in chunks. While the sidebar is open it calls `scheduleStep` until `done`, showing
// the progress; when it is closed the hourly tick (`onTick`) continues. Each chunk holds the
// document lock, reads Rotations once, lists the cycle's events once (while there is work, or the
// cycle's groups changed since the last listing), makes at most CHUNK_INSERTS removals and inserts
// and stops early after CHUNK_MS, then writes the changed columns once each.
//
// The sheet states what the calendars hold:
//   - Idempotency: an event's id is derived from the program, cycle, group and a version
//     (core/calendar-event eventId). An event booked for a row whose Event ID was never written (a
//     lost response, a failure before the sheet write) is found by the listing, or by the 409 of
//     re-inserting it, and recorded — with the row's Day and time and Time zone taken from the
//     event, never recomputed.
//   - Common times are written to the sheet, and the job saved, before the first insert.
//   - Meetings: from the row's Starts to its Ends (core/schedule seriesTiming), whatever the
//     settings say since the confirm.
//   - An event of the cycle that no row in force tracks is taken off the calendars: its Rotations
//     row was deleted (the owner deleted the group: deliberate deletions stay deleted, like
//     anything else the owner deletes), replaced or cancelled, or it duplicates a booked one.
//     Removed whole before its first meeting, ended at once after it (the meetings held stay).
//     Events go before new ones are booked; the sidebar's notes (and the job record) say what was
//     removed and why, naming the groups of deleted rows and their members.
// The job in document properties keeps only what the running job needs (core/schedule): whether
// the times were chosen and the events listed for the current groups, errors and version bumps of
// groups still to book, the lowest version new events take, how many events are left to remove.
// Meet links Google has not made yet are written "pending" and filled from a later listing.
import type { ScheduleView } from '../shared/api';
import { UserError } from '../core/errors';
import { MAX_ATTEMPTS, MAX_MEET_PASSES, SCHEDULE_JOB_KEY, groupsKey, inForce, latestCycle, type ScheduleRow, newJob, pruneJob, removalsNote, scheduleWork, serialiseJob, type ScheduleJob } from '../core/schedule';
import { reconcileCycle, type Orphan } from '../core/schedule-reconcile';
import { offHoursGroups, offHoursPhrase } from '../core/off-hours';
import { releaseCycle, releasedCycle } from './release';
import { TICK_KEYS } from './tick-state';
import { withDocumentLock } from '../gas/lock';
import { MAX_PROPERTY_BYTES, writeDocumentProperties } from '../gas/properties';
import { utf8Length } from '../core/utf8';
import { activeSpreadsheet } from '../gas/sheets';
import { ensureProgramTriggers } from '../gas/triggers';
import { CHANGE_HANDLER } from './roster-change-trigger';
import { chooseTimes } from './common-times';
import { admitBooking } from './organizer';
import { Updates, load, nameOf, writeUpdates, type Context } from './schedule-context';
import { collectMeetLinks, listCycleEvents, recordEvent, recordRemovals, retireOrphan, scheduleGroup } from './schedule-events';

export { FEEDBACK_LINK_KEY } from './schedule-context';

/** Calendar writes (inserts and removals) per chunk: at ~300 ms a call, about 15 s, far inside 6 minutes. */
export const CHUNK_INSERTS = 50;
/** A chunk stops starting new Calendar writes after this long. */
export const CHUNK_MS = 60_000;
/** The handler of the hourly time-driven trigger (src/app/tick.ts). */
export const TICK_HANDLER = 'onTick';

/**
 * The cycle to schedule: the latest confirmed one. A later cycle that is no longer in force (every
 * row replaced, cancelled or deleted) keeps its job until its events are off the calendars.
 */
function currentJob(c: Context, now: Date, releasedOnly = false): ScheduleJob | null {
  const latest = latestCycle(c.rows);
  // The hourly run books what is released: while the next cycle waits for its booking day, a
  // roster change to the running one (app/roster-changes.ts) is booked.
  const released = releasedCycle(c.properties);
  const target = releasedOnly && released !== null && released < latest && c.rows.some((r) => r.cycle === released && inForce(r)) ? released : latest;
  if (c.job && c.job.cycle === target) return c.job;
  if (c.job && c.job.cycle > target && !(c.job.listedFor === groupsKey([]) && c.job.orphans === 0)) return c.job;
  return target === 0 ? null : newJob(target, now);
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
  const done = work.unscheduled.length === 0 && work.meetPending.length === 0 && job.orphans === 0;
  const notes = [job.notice, removalsNote(job.removed), ...offHoursNotes(c, work.rows.filter((r) => r.eventId !== ''))].filter((n) => n !== '');
  const summary =
    message ||
    (done
      ? `Cycle ${job.cycle}: all ${total} group${total === 1 ? '' : 's'} have their invitations.`
      : `Cycle ${job.cycle}: ${scheduled} of ${total} groups scheduled${errors.length ? `, ${errors.length} failed` : ''}.`);
  return { cycle: job.cycle, total, scheduled, meetPending: work.meetPending.length, errors, done, message: summary, notes };
}

/** The booked groups meeting outside someone's working hours, one sentence each (issue 14, item 4). */
function offHoursNotes(c: Context, booked: readonly ScheduleRow[]): string[] {
  const groups = offHoursGroups(booked, c.people, c.settings, c.timeZone);
  const shown = groups.slice(0, MAX_OFF_HOURS_LISTED).map((g) => `${g.group} (${g.members.join(', ')}) meets ${g.when}, ${offHoursPhrase(g)}.`);
  if (groups.length > MAX_OFF_HOURS_LISTED) shown.push(`…and ${groups.length - MAX_OFF_HOURS_LISTED} more groups meeting outside someone's working hours.`);
  return shown;
}

/** Off-hours groups named in the sidebar; the rest are counted. */
const MAX_OFF_HOURS_LISTED = 10;

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
 * One chunk of scheduling work for the latest confirmed cycle: compare its events with Rotations,
 * choose common times (first chunk), remove events no row tracks, insert events, collect pending
 * Meet links. `{retry: true}` also tries groups that failed three times.
 */
export function scheduleStep(input?: unknown): ScheduleView {
  const { retry } = parseStepInput(input);
  return withDocumentLock(() => runChunk(retry, Date.now() + CHUNK_MS, false)).view;
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
    const chunk = withDocumentLock(() => runChunk(false, Math.min(deadline, Date.now() + CHUNK_MS), true), 30_000);
    if (chunk.waiting) return null; // a planned cycle waiting for its booking day: nothing to do
    v = chunk.view;
    const stuck = v.errors.length > 0 && v.scheduled + v.errors.length >= v.total;
    const idle = !chunk.removed && before !== null && before.scheduled === v.scheduled && before.meetPending === v.meetPending && before.errors.length === v.errors.length;
    if (v.done || stuck || idle || chunk.stop) break; // idle: only Meet links pending, or a limit reached
  }
  return v;
}

interface Chunk {
  view: ScheduleView;
  /** A limit or a refusal stopped the chunk: the next run continues. */
  stop: boolean;
  /** Events were removed (progress the view does not count). */
  removed: boolean;
  /** The cycle waits to be released for booking (nothing for the tick to do yet). */
  waiting?: boolean;
}

/**
 * Saves the job. From the sidebar (`markDue`) it also tells the hourly run there may be booking to
 * go on should the sidebar close, in the same write; the tick looks after its own next run.
 */
function saveJob(job: ScheduleJob, now: Date, markDue: boolean): void {
  job.updatedAt = now.toISOString();
  const value = serialiseJob(job);
  if (utf8Length(value) > MAX_PROPERTY_BYTES) throw new UserError('The scheduling record is too large to save.');
  writeDocumentProperties(markDue ? { [SCHEDULE_JOB_KEY]: value, [TICK_KEYS.due]: '1' } : { [SCHEDULE_JOB_KEY]: value });
}

/**
 * One chunk. `releasedOnly` (the tick): a cycle the tick planned by itself waits until it is
 * released for booking (app/release.ts), notice days before it starts.
 */
function runChunk(retry: boolean, deadline: number, releasedOnly: boolean): Chunk {
  const now = new Date();
  let c = load();
  const admit = admitBooking(c, !releasedOnly); // one organizer (app/organizer.ts): another editor books nothing
  if (admit === 'skip') return { view: view(c, null, 'Another person runs this program; their hourly run books it.'), stop: true, removed: false, waiting: true };
  if (admit === 'reload') c = load();
  const job = currentJob(c, now, releasedOnly);
  if (!job) return { view: view(c, null), stop: false, removed: false };
  const released = releasedCycle(c.properties);
  if (releasedOnly && released !== null && job.cycle > released) {
    return { view: view(c, job, `Cycle ${job.cycle} is planned; its invitations go out notice days before it starts.`), stop: true, removed: false, waiting: true };
  }
  // The owner books from the sidebar: the cycle is released, even one the tick planned.
  if (!releasedOnly && (released === null || released < job.cycle)) releaseCycle(job.cycle, c.properties);
  if (retry) {
    for (const e of Object.values(job.errors)) e.attempts = 0;
    job.notice = '';
  }
  const updates = new Updates();
  const set = updates.set.bind(updates);
  let work = scheduleWork(c.rows, job, retry);
  const key = groupsKey(work.rows);
  if (job.slotsFor !== '' && job.slotsFor !== key) job.errors = {}; // the groups changed: old errors belong to old groups

  // 1. The cycle's events against Rotations: record what was booked but not written, find what no
  //    row tracks, and the Meet links made since. One listing, while there is work or the groups changed.
  let orphans: Orphan[] = [];
  let taken: ReadonlySet<string> = new Set();
  let baseRaised = false;
  if (work.unscheduled.length > 0 || work.meetPending.length > 0 || job.orphans > 0 || job.listedFor !== key) {
    const events = listCycleEvents(c, job.cycle);
    const found = reconcileCycle(c.rows, events, c.programId, job.cycle, job.base);
    for (const { row, event } of found.adopt) recordEvent(c, row, event, event.id ?? '', set);
    orphans = found.orphans;
    taken = found.taken;
    baseRaised = found.base > job.base;
    job.base = found.base;
    job.orphans = orphans.length;
    job.listedFor = key;
    work = scheduleWork(c.rows, job, retry);
    if (work.meetPending.length > 0) {
      job.meetPasses += 1;
      collectMeetLinks(events, work.meetPending, set, job.meetPasses >= MAX_MEET_PASSES);
    }
  }

  // 2. Common times, once per set of groups (replacing the cycle changes it), for those without an event.
  let chosen = false;
  if (job.slotsFor !== key) {
    if (c.settings.findCommonTime && work.unscheduled.length > 0) {
      chooseTimes(c, job, work.unscheduled, set);
      chosen = true;
    }
    job.slotsFor = key;
  }

  // Before any Calendar write: the chosen times in the sheet and the job saved (a raised base
  // included), so a failure from here on never leaves an event the sheet and the job cannot explain.
  if ((chosen || baseRaised) && (orphans.length > 0 || work.toInsert.length > 0)) {
    writeUpdates(c, updates);
    saveJob(job, now, !releasedOnly);
  }

  // 3. Events no row tracks go first (a replaced cycle's before the new ones), then inserts.
  let calls = 0;
  let stop = false;
  const removed: Orphan[] = [];
  for (const orphan of orphans) {
    if (calls >= CHUNK_INSERTS || Date.now() >= deadline) break;
    calls++;
    const outcome = retireOrphan(c, orphan, now.getTime());
    if (outcome.kind === 'stop') {
      job.notice = outcome.message;
      stop = true;
      break;
    }
    removed.push(orphan);
    job.orphans -= 1;
  }
  recordRemovals(c, job, removed);
  for (const row of stop ? [] : work.toInsert) {
    if (calls >= CHUNK_INSERTS || Date.now() >= deadline) break;
    calls++;
    const outcome = scheduleGroup(c, job, row, taken);
    if (outcome.kind === 'scheduled') {
      delete job.errors[row.group];
      recordEvent(c, row, outcome.event, outcome.eventId, set);
    } else if (outcome.kind === 'failed') {
      const before = job.errors[row.group]?.attempts ?? 0;
      job.errors[row.group] = { message: outcome.message, attempts: outcome.final ? MAX_ATTEMPTS : before + 1 };
    } else {
      job.notice = outcome.message;
      stop = true;
      break;
    }
  }

  const dropped = writeUpdates(c, updates);
  pruneJob(job, scheduleWork(c.rows, job, false).unscheduled.map((r) => r.group));
  saveJob(job, now, !releasedOnly);
  const result = view(c, job);
  if (dropped > 0) result.done = false; // a row went away while Calendar was called: the next chunk compares again
  if (!result.done) {
    // The tick continues when the sidebar is closed. Checked while work is left (one call): the
    // trigger is per user, and may have been deleted.
    try {
      ensureProgramTriggers(activeSpreadsheet(), { clock: TICK_HANDLER, change: CHANGE_HANDLER });
    } catch (error) {
      result.notes.push(`The hourly run could not be set up (${error instanceof Error ? error.message : String(error)}); keep the sidebar open until booking is done.`);
    }
  }
  return { view: result, stop, removed: removed.length > 0 };
}
