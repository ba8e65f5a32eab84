// One organizer (issue 11), as pure decisions. The program's events live on one person's calendar:
// installable triggers run as their creator and Calendar's 'primary' is the effective user's, so
// only that person (the organizer) may book. Another editor takes the program over explicitly; as
// nobody can edit another person's events, a take-over re-homes the rows of the booked cycle that
// still has meetings: each old row becomes `changed` with Ends = the day before its first meeting
// after the take-over, and a new row (same group, members, Day and time, Time zone; no Event ID)
// starts on that meeting's date, for the new organizer to book. The old organizer's own run then
// ends its series of that cycle at the old row's Ends (`formerOrganizerOrphans`).
//
// The record, in document properties: the organizer's email, and the take-overs whose old events
// are still to clear (`Handover`), each removed by the old organizer's run once its calendar holds
// no event of the program the rows in force do not track.
import { parseEventId, type CalendarEvent } from './calendar-event';
import { addDays } from './dates';
import { normaliseEmail } from './people';
import { isKnownTimeZone } from './roster';
import { inForce, latestCycle, sameMembers, seriesTiming, type ScheduleRow } from './schedule';
import { ENDED_PROPERTY, type Orphan } from './schedule-reconcile';
import type { Settings } from './settings';
import { localInstant } from './zones';

export const ORGANIZER_KEYS = {
  /** The email of the person whose calendar owns the program's events. */
  organizer: 'program.organizer',
  /** JSON Handover[]: take-overs whose old events are still on the old organizer's calendar. */
  handovers: 'program.handovers',
} as const;

export interface Handover {
  /** The old organizer. */
  from: string;
  /** The new organizer. */
  to: string;
  /** ISO instant of the take-over: the meetings after it are the new organizer's. */
  at: string;
  /** The cycle whose rows were re-homed, 0 when no booked cycle had meetings left. */
  cycle: number;
  /** False while the take-over's Rotations writes are not all done (a run cut short). */
  rehomed: boolean;
}

/** At most this many take-overs are remembered (the oldest dropped): a few bytes each, far inside 8 KB. */
const MAX_HANDOVERS = 20;

/** The stored take-overs; anything malformed is left out. */
export function parseHandovers(raw: string | null | undefined): Handover[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: Handover[] = [];
  for (const h of parsed) {
    if (!h || typeof h !== 'object') continue;
    const { from, to, at, cycle, rehomed } = h as Record<string, unknown>;
    if (typeof from !== 'string' || typeof to !== 'string' || typeof at !== 'string' || !Number.isFinite(Date.parse(at))) continue;
    if (typeof cycle !== 'number' || !Number.isSafeInteger(cycle) || cycle < 0 || typeof rehomed !== 'boolean') continue;
    out.push({ from: normaliseEmail(from), to: normaliseEmail(to), at, cycle, rehomed });
  }
  return out;
}

export function serialiseHandovers(list: readonly Handover[]): string {
  return JSON.stringify(list.slice(-MAX_HANDOVERS));
}

/** Who may book: the recorded organizer; anyone while none is recorded, or when Google withholds the user's email. */
export function isOrganizer(recorded: string, me: string): boolean {
  const r = normaliseEmail(recorded);
  const m = normaliseEmail(me);
  return r === '' || m === '' || r === m;
}

export interface RehomePlan {
  /** The cycle re-homed (the latest in force), or 0. */
  cycle: number;
  /** Old rows: they become `changed`, ending on `ends`. */
  retire: Array<{ row: ScheduleRow; ends: string }>;
  /** New rows to append, each a copy of `row` starting on `starts`. */
  add: Array<{ row: ScheduleRow; starts: string }>;
  /** The lowest event version free in the cycle: above every id its rows ever recorded. */
  base: number;
}

/**
 * What a take-over at `atMs` does to Rotations: the booked rows of the latest cycle in force whose
 * series has a meeting after `atMs` are retired and copied from that meeting on. Rows with no
 * Event ID yet need nothing (the new organizer books them); a cycle finished needs nothing. An
 * earlier cycle's last meetings stay with the old organizer (scheduling books the latest cycle only).
 * Run again after a take-over cut short, it adds no row twice: a row of the cycle in force with the
 * same group and members already starting on that date counts as added.
 */
export function planRehome(
  rows: readonly ScheduleRow[],
  atMs: number,
  settings: Pick<Settings, 'cadence'>,
  fallbackZone: string,
): RehomePlan {
  const cycle = latestCycle(rows);
  const plan: RehomePlan = { cycle, retire: [], add: [], base: 0 };
  if (cycle === 0) return plan;
  for (const r of rows) {
    if (r.cycle !== cycle) continue;
    const key = parseEventId(r.eventId);
    if (key) plan.base = Math.max(plan.base, key.version + 1);
  }
  const live = rows.filter((r) => r.cycle === cycle && inForce(r));
  for (const row of live) {
    if (row.eventId === '') continue;
    const first = firstMeetingAfter(row, atMs, settings, fallbackZone);
    if (first === null) continue;
    plan.retire.push({ row, ends: addDays(first, -1) });
    const added = live.some((o) => o !== row && o.eventId !== row.eventId && o.group === row.group && o.starts === first && sameMembers(o.members.map((email) => ({ email })), row.members));
    if (!added) plan.add.push({ row, starts: first });
  }
  return plan;
}

/** The date of the row's first meeting starting after `atMs`, or null when none is left (or its timing is unreadable). */
export function firstMeetingAfter(row: ScheduleRow, atMs: number, settings: Pick<Settings, 'cadence'>, fallbackZone: string): string | null {
  const timing = seriesTiming(row, settings, fallbackZone, isKnownTimeZone);
  if (!timing.ok) return null;
  const { startDate, startTime, timeZone, count, intervalWeeks } = timing.timing;
  const minutes = Number(startTime.slice(0, 2)) * 60 + Number(startTime.slice(3, 5));
  for (let k = 0; k < count; k++) {
    const date = addDays(startDate, 7 * intervalWeeks * k);
    if (localInstant(date, minutes, timeZone) > atMs) return date;
  }
  return null;
}

/**
 * The events of `cycle` on a former organizer's calendar to take off: every one of the program not
 * cancelled, not already ended, and tracked by no row in force. Each comes with the instant its
 * series must end by (`cutMs`): the end of its retired row's Ends day in the event's zone, so the
 * meetings held before the take-over stay and none after it is left; `nowMs` when no row says.
 */
export function formerOrganizerOrphans(
  rows: readonly ScheduleRow[],
  events: readonly CalendarEvent[],
  programId: string,
  cycle: number,
  nowMs: number,
): Array<{ orphan: Orphan; cutMs: number }> {
  const tracked = new Set(rows.filter((r) => inForce(r) && r.eventId !== '').map((r) => r.eventId));
  const out: Array<{ orphan: Orphan; cutMs: number }> = [];
  for (const event of events) {
    const id = event.id ?? '';
    const key = parseEventId(id);
    if (!key || key.programId !== programId || key.cycle !== cycle) continue;
    if (event.status === 'cancelled' || event.extendedProperties?.private?.[ENDED_PROPERTY] || tracked.has(id)) continue;
    const retired = rows.find((r) => r.eventId === id && !inForce(r) && r.ends !== '');
    let cutMs = nowMs;
    if (retired) {
      try {
        cutMs = Math.min(nowMs, localInstant(addDays(retired.ends, 1), 0, event.start?.timeZone || 'UTC') - 1000);
      } catch {
        cutMs = nowMs; // an unknown zone: end it now
      }
    }
    // keepThrough: the retired row's last day, for scheduling's orphanEnd once it reads it (the lead's
    // roster-changes work); until then `cutMs` says the same.
    const orphan = { event, groupId: key.groupId, version: key.version, reason: 'replaced' as const, keepThrough: retired?.ends ?? '' };
    out.push({ orphan, cutMs });
  }
  return out;
}

/** The note on a retired row and on its copy. */
export function takeOverNote(to: string, date: string): string {
  return `taken over by ${to} on ${date}`;
}
