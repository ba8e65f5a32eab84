// One organizer (issue 11): whose calendar owns the program's events, and taking the program over.
// Triggers run as their creator and Calendar's 'primary' is the effective user's, so only the
// organizer books: another editor's sidebar is refused with who runs the program and how to take
// over, and another editor's hourly run books nothing. Set-up records the organizer (never over
// one recorded); a program set up before this was recorded gets the first person who books.
//
// Taking over (core/organizer.ts says what changes): the caller becomes the organizer; the booked
// rows of the latest cycle with meetings left are re-homed (old rows `changed`, new rows without
// an Event ID from the first meeting after the take-over), which the new organizer's scheduling
// books from their calendar, with event versions above every old id. The old organizer cannot be
// reached from here (nobody edits another person's events): their own hourly run, or their next
// opening of the sidebar, ends their series at the old rows' Ends. They are told by email and in
// the Log. Order of writes: the record first (organizer, the take-over marked not finished, the
// booking job's version floor), then the new rows, then the old rows, then the take-over marked
// finished; a run cut short anywhere is finished by running it again, by the new organizer's next
// booking step or hourly run, and adds no row twice.
import type { OrganizerView } from '../shared/api';
import { UserError } from '../core/errors';
import { addDays, isoDateInZone } from '../core/dates';
import { sheetText } from '../core/feedback';
import {
  ORGANIZER_KEYS,
  formerOrganizerOrphans,
  isOrganizer,
  parseHandovers,
  planRehome,
  serialiseHandovers,
  takeOverNote,
  type Handover,
  type RehomePlan,
} from '../core/organizer';
import { normaliseEmail } from '../core/people';
import { SCHEDULE_JOB_KEY, newJob, serialiseJob } from '../core/schedule';
import { ROTATIONS, columnFormat } from '../core/schema';
import type { LogEntry } from '../core/log';
import { withDocumentLock } from '../gas/lock';
import { sendMail } from '../gas/mail';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { appendRows } from '../gas/rotations-sheet';
import { effectiveUserEmail } from '../gas/session';
import { activeSpreadsheet } from '../gas/sheets';
import { ensureProgramTriggers } from '../gas/triggers';
import { CHANGE_HANDLER } from './roster-change-trigger';
import { writeLog } from './log';
import { load, type Context } from './schedule-context';
import { listCycleEvents, retireOrphan } from './schedule-events';
import { TICK_KEYS, sweepDue } from './tick-state';

export { ORGANIZER_KEYS };

/** The handler of the hourly trigger (app/tick.ts; app/schedule.ts TICK_HANDLER). */
const TICK_HANDLER = 'onTick';

const me = (): string => normaliseEmail(effectiveUserEmail());

/**
 * The organizer entry set-up writes with its other properties: the person setting up, when no
 * organizer is recorded, or when this spreadsheet is a copy (a new program: its take-overs are
 * the old program's, forgotten). One Session call only then.
 */
export function organizerAtSetUp(stored: Readonly<Record<string, string>>, change: 'kept' | 'new' | 'copy'): Record<string, string> {
  if (stored[ORGANIZER_KEYS.organizer] && change !== 'copy') return {};
  const email = me();
  const out: Record<string, string> = email ? { [ORGANIZER_KEYS.organizer]: email } : {};
  if (change === 'copy' && stored[ORGANIZER_KEYS.handovers]) out[ORGANIZER_KEYS.handovers] = '[]';
  return out;
}

/**
 * Who runs the program, for the sidebar. A former organizer whose old invitations are still on
 * their calendar gets them taken off first (their hourly run would do it too).
 */
export function getOrganizer(): OrganizerView {
  const properties = readDocumentProperties();
  const you = me();
  if (you && parseHandovers(properties[ORGANIZER_KEYS.handovers]).some((h) => h.from === you && h.rehomed)) {
    try {
      clearFormerEvents(you);
    } catch (error) {
      logFailure('hand over the invitations', error); // their hourly run, or the next opening, tries again
    }
  }
  const organizer = normaliseEmail(properties[ORGANIZER_KEYS.organizer] ?? '');
  return { organizer, you, isYou: isOrganizer(organizer, you) };
}

/** The sentence refusing another editor's booking. */
function refusal(organizer: string): string {
  return (
    `${organizer} runs this program: its invitations come from their calendar, and their hourly run books them. ` +
    'To run it from your calendar instead, click "Take over" in the Organizer card: the meetings still to come are then booked again from your calendar and removed from theirs.'
  );
}

/**
 * Scheduling's gate (app/schedule.ts runChunk, holding the document lock, `c` just loaded): 'book'
 * for the organizer (recorded now when none was: the first person who books); 'reload' after
 * finishing the caller's own take-over that was cut short (Rotations changed: load again);
 * another editor: a UserError from the sidebar, 'skip' from the hourly run.
 */
export function admitBooking(c: Context, fromSidebar: boolean): 'book' | 'skip' | 'reload' {
  const you = normaliseEmail(c.organizer);
  const recorded = normaliseEmail(c.properties[ORGANIZER_KEYS.organizer] ?? '');
  if (recorded === '') {
    if (you) writeDocumentProperties({ [ORGANIZER_KEYS.organizer]: you });
    return 'book';
  }
  if (!isOrganizer(recorded, you)) {
    if (fromSidebar) throw new UserError(refusal(recorded));
    return 'skip';
  }
  const handovers = parseHandovers(c.properties[ORGANIZER_KEYS.handovers]);
  const pending = handovers.find((h) => h.to === you && !h.rehomed);
  if (!pending) return 'book';
  rehome(c, pending, handovers);
  return 'reload';
}

/**
 * The hourly run's gate (app/tick.ts, before it sweeps): true when this run may do the program's
 * work. An idle tick stays at its two calls: who runs the trigger is asked only when the tick
 * would sweep or a take-over is pending. A former organizer's run takes its old events off; a
 * take-over cut short is finished by the new organizer's run.
 */
export function tickMayRun(properties: Readonly<Record<string, string>>, now: Date): boolean {
  const recorded = normaliseEmail(properties[ORGANIZER_KEYS.organizer] ?? '');
  const handovers = parseHandovers(properties[ORGANIZER_KEYS.handovers]);
  if (handovers.length === 0 && (recorded === '' || !sweepDue(properties, now))) return true;
  const you = me();
  if (you && handovers.some((h) => h.from === you && h.rehomed)) {
    try {
      clearFormerEvents(you);
    } catch (error) {
      logFailure('hand over the invitations', error); // the next run tries again
    }
  }
  if (you && recorded === you && handovers.some((h) => h.to === you && !h.rehomed)) {
    withDocumentLock(() => {
      const c = load();
      const all = parseHandovers(c.properties[ORGANIZER_KEYS.handovers]);
      const pending = all.find((h) => h.to === you && !h.rehomed);
      if (pending && normaliseEmail(c.properties[ORGANIZER_KEYS.organizer] ?? '') === you) rehome(c, pending, all);
    }, 30_000);
  }
  return isOrganizer(recorded, you);
}

/**
 * "Take over": the caller becomes the organizer. The meetings still to come of the booked cycle
 * are booked again from their calendar by the next booking step (the sidebar runs it at once) and
 * the old organizer's are taken off by their own next run. Running it again finishes a take-over
 * cut short; by the organizer it changes nothing.
 */
export function takeOverProgram(): OrganizerView {
  return withDocumentLock(() => {
    const c = load();
    const you = normaliseEmail(c.organizer);
    if (!you) throw new UserError('Google did not say which account you are using, so the program cannot be handed to you. Sign in to one Google account only and try again.');
    const from = normaliseEmail(c.properties[ORGANIZER_KEYS.organizer] ?? '');
    const handovers = parseHandovers(c.properties[ORGANIZER_KEYS.handovers]);
    let pending = handovers.find((h) => h.to === you && !h.rehomed);
    if (from === you && !pending) return { organizer: you, you, isYou: true };
    if (from !== you) {
      const now = new Date();
      const plan = planRehome(c.rows, now.getTime(), c.settings, c.timeZone);
      // With no organizer recorded nobody's events can be cleared: nothing is re-homed (no second set).
      pending = { from, to: you, at: now.toISOString(), cycle: from !== '' && plan.retire.length > 0 ? plan.cycle : 0, rehomed: false };
      // A take-over of a take-over not finished replaces it (its rows are re-homed from here).
      const kept = handovers.filter((h) => !(h.to === from && !h.rehomed));
      kept.push(pending);
      const writes: Record<string, string> = {
        [ORGANIZER_KEYS.organizer]: you,
        [ORGANIZER_KEYS.handovers]: serialiseHandovers(kept),
        [TICK_KEYS.due]: '1',
      };
      if (pending.cycle > 0) writes[SCHEDULE_JOB_KEY] = raisedJob(c, plan, now);
      writeDocumentProperties(writes);
      handovers.splice(0, handovers.length, ...kept);
      notifyFormer(from, you, c, now);
    }
    if (pending) rehome(c, pending, handovers);
    try {
      ensureProgramTriggers(activeSpreadsheet(), { clock: TICK_HANDLER, change: CHANGE_HANDLER }); // the organizer's runs keep the program going
    } catch {
      // the sidebar's booking sets it up again while work is left
    }
    return { organizer: you, you, isYou: true };
  });
}

/**
 * The booking job of the re-homed cycle with its version floor above every id the cycle's rows
 * recorded (so no new event takes an old one's id, on any calendar), listed again at the next step.
 */
function raisedJob(c: Context, plan: RehomePlan, now: Date): string {
  const job = c.job && c.job.cycle === plan.cycle ? c.job : newJob(plan.cycle, now);
  job.base = Math.max(job.base, plan.base);
  job.listedFor = '';
  job.updatedAt = now.toISOString();
  return serialiseJob(job);
}

/**
 * Rotations' side of a take-over (`pending`, not finished): the new rows appended (none twice),
 * the old rows retired, the take-over marked finished, the Log written. Holds the document lock
 * through its caller.
 */
function rehome(c: Context, pending: Handover, handovers: Handover[]): void {
  const plan = planRehome(c.rows, Date.parse(pending.at), c.settings, c.timeZone);
  const date = isoDateInZone(new Date(pending.at), c.timeZone);
  const note = takeOverNote(pending.to, date);
  const retire = pending.cycle > 0 && plan.cycle === pending.cycle ? plan.retire : [];
  const add = retire.length > 0 ? plan.add : [];
  if (add.length > 0) {
    const width = c.table[0].length;
    const formats: string[] = Array(width).fill('@');
    for (const col of ROTATIONS.columns) formats[c.columns[col.header]] = columnFormat(col) ?? '@';
    const rows = add.map(({ row, starts }) => {
      const values = c.table[row.index].map((v) => (v instanceof Date ? v : String(v ?? '')));
      values[c.columns.Starts] = starts;
      values[c.columns.Ends] = row.ends;
      values[c.columns.Status] = 'scheduled';
      values[c.columns['Event ID']] = '';
      values[c.columns['Meet link']] = '';
      values[c.columns.Notes] = sheetText(note);
      return values;
    });
    appendRows(c.sheet, lastFilledRow(c.table), rows, formats);
  }
  if (retire.length > 0) {
    // The old rows' Ends, Notes and Status in one write (a run cut short between them could not
    // tell, run again, which rows were still to retire): the cells between are written back as read.
    const first = Math.min(...retire.map((r) => r.row.index));
    const last = Math.max(...retire.map((r) => r.row.index));
    const byIndex = new Map(retire.map((r) => [r.row.index, r]));
    const cols = { ends: c.columns.Ends, notes: c.columns.Notes, status: c.columns.Status };
    const lo = Math.min(cols.ends, cols.notes, cols.status);
    const hi = Math.max(cols.ends, cols.notes, cols.status);
    const block: unknown[][] = [];
    for (let i = first; i <= last; i++) {
      const values = c.table[i].slice(lo, hi + 1).map((v) => (typeof v === 'string' && /^=/.test(v) ? sheetText(v) : v));
      const r = byIndex.get(i);
      if (r) {
        values[cols.ends - lo] = r.ends;
        values[cols.notes - lo] = sheetText(r.row.notes ? `${r.row.notes} · ${note}` : note);
        values[cols.status - lo] = 'changed';
      }
      block.push(values);
    }
    c.sheet.getRange(first + 1, lo + 1, block.length, hi - lo + 1).setValues(block);
  }
  pending.rehomed = true;
  // Nothing re-homed and nobody to clear: the take-over is done.
  const keep = handovers.filter((h) => h !== pending || (pending.from !== '' && pending.cycle > 0));
  writeDocumentProperties({ [ORGANIZER_KEYS.handovers]: serialiseHandovers(keep) });
  const groups = retire.length;
  const detail =
    `${pending.to} runs the program from ${date}` +
    (pending.from ? ` (was ${pending.from})` : '') +
    (groups > 0
      ? `: ${groups} group${groups === 1 ? '' : 's'} of cycle ${pending.cycle} meet from ${earliest(retire)} on ${pending.to}'s calendar; ${pending.from || 'the old organizer'}'s invitations from then are removed by their next hourly run or sidebar.`
      : '; no booked meeting was left to move.');
  writeLog([{ when: new Date().toISOString(), action: 'take over the program', outcome: 'ok', detail }]);
}

/** The first meeting date moved (the day after the earliest new Ends). */
function earliest(retire: RehomePlan['retire']): string {
  const ends = retire.map((r) => r.ends).sort();
  return ends.length > 0 ? addDays(ends[0], 1) : '';
}

function lastFilledRow(table: unknown[][]): number {
  return table.length === 1 && table[0].every((v) => String(v ?? '') === '') ? 0 : table.length;
}

/** Tells the old organizer by email (best effort: the Log says it too). */
function notifyFormer(from: string, to: string, c: Context, now: Date): void {
  if (!from) return;
  try {
    const name = activeSpreadsheet().getName();
    sendMail({
      to: [from],
      subject: `Peer coaching: ${to} now runs the program`,
      body:
        `${to} took over the peer coaching program of the spreadsheet "${name}" on ${isoDateInZone(now, c.timeZone)}. ` +
        'Its meetings still to come are booked again from their calendar. Your own invitations for those meetings are removed by your next hourly run, ' +
        'or when you next open the sidebar (Extensions › Peer Coaching Rotations › Open). The meetings already held stay in everyone’s calendar.',
      name: 'Peer coaching',
    });
  } catch (error) {
    writeLog([{ when: new Date().toISOString(), action: 'take over the program', outcome: 'failed', detail: `Could not email ${from}: ${error instanceof Error ? error.message : String(error)}` }]);
  }
}

/**
 * A former organizer's run: takes their events of each handed-over cycle off their calendar (ended
 * at the old row's Ends, or removed when none of their meetings was held), then forgets the
 * take-over. Under the document lock; a Calendar refusal leaves the rest to the next run.
 */
function clearFormerEvents(you: string): void {
  withDocumentLock(() => {
    const c = load();
    const handovers = parseHandovers(c.properties[ORGANIZER_KEYS.handovers]);
    const mine = handovers.filter((h) => h.from === you && h.rehomed);
    if (mine.length === 0) return;
    const nowMs = Date.now();
    const done = new Set<Handover>();
    const log: LogEntry[] = [];
    for (const h of mine) {
      let stopped = '';
      let removed = 0;
      if (h.cycle > 0) {
        for (const { orphan, cutMs } of formerOrganizerOrphans(c.rows, listCycleEvents(c, h.cycle), c.programId, h.cycle, nowMs)) {
          const outcome = retireOrphan(c, orphan, cutMs);
          if (outcome.kind === 'stop') {
            stopped = outcome.message;
            break;
          }
          removed++;
        }
      }
      if (stopped) {
        log.push({ when: new Date().toISOString(), action: 'hand over the invitations', outcome: 'failed', detail: stopped });
        continue;
      }
      done.add(h);
      log.push({
        when: new Date().toISOString(),
        action: 'hand over the invitations',
        outcome: 'ok',
        detail: `${h.to} took over the program: ${removed} of ${you}'s invitation series of cycle ${h.cycle} ended or removed; the meetings from then on are on ${h.to}'s calendar.`,
      });
    }
    if (done.size > 0) writeDocumentProperties({ [ORGANIZER_KEYS.handovers]: serialiseHandovers(handovers.filter((h) => !done.has(h))) });
    writeLog(log);
  }, 30_000);
}

/** Logs a failure of the tick's organizer work (best effort: the next run tries again anyway). */
function logFailure(action: string, error: unknown): void {
  try {
    withDocumentLock(() => writeLog([{ when: new Date().toISOString(), action, outcome: 'failed', detail: error instanceof Error ? error.message : String(error) }]), 30_000);
  } catch {
    // nothing more to do
  }
}
