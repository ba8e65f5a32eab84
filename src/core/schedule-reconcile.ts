// Comparing a cycle's events on the organizer's calendar with its Rotations rows, as pure
// decisions (scheduling lists the events once per chunk, by their private `program` property):
//   - adopt: an event booked for a row still without an Event ID (its response or the sheet write
//     was lost) is recorded, with the row's Day and time and Time zone taken from the event, so the
//     sheet states what the calendars hold and nothing is booked twice;
//   - orphans: an event no row in force tracks — its row was deleted from Rotations, replaced or
//     cancelled, or it duplicates a booked one — is removed (ended at `now` when its first meeting
//     has passed, keeping the meetings held), and the owner is told;
//   - base: the lowest version new events take, above every orphan's (a removed event's id is
//     never freed), so no new group's id is one of theirs.
import { parseEventId, type CalendarEvent } from './calendar-event';
import { addDays, weekdayOf } from './dates';
import { formatDayAndTime, inForce, sameMembers, type ScheduleRow } from './schedule';
import { localInstant } from './zones';

/** Private extended property set on a series ended early (its past meetings kept): not ours to book any more. */
export const ENDED_PROPERTY = 'ended';

export type OrphanReason = 'deleted' | 'replaced' | 'cancelled' | 'duplicate';

export interface Orphan {
  event: CalendarEvent;
  groupId: string;
  version: number;
  reason: OrphanReason;
  /**
   * The last day ('YYYY-MM-DD') the retired row that tracked the event says it meets (its Ends,
   * cut by a roster change or a replace); '' when no row tracks it (then it ends now).
   */
  keepThrough: string;
}

export interface Reconciliation {
  /** Rows without an Event ID, each with the event already booked for it. */
  adopt: Array<{ row: ScheduleRow; event: CalendarEvent }>;
  orphans: Orphan[];
  /** The lowest version new events of the cycle may take. */
  base: number;
  /** The ids of the cycle's events that stand (a new event must not take one). */
  taken: Set<string>;
}

/**
 * `rows`: every Rotations row read (any cycle, any status); `events`: the listed events of the
 * program (any cycle); `base`: the job's current floor.
 */
export function reconcileCycle(rows: readonly ScheduleRow[], events: readonly CalendarEvent[], programId: string, cycle: number, base: number): Reconciliation {
  const cycleRows = rows.filter((r) => r.cycle === cycle);
  const live = cycleRows.filter(inForce);
  const tracked = new Set(live.map((r) => r.eventId).filter((id) => id !== ''));
  const retired = new Map<string, ScheduleRow>();
  for (const r of cycleRows) if (!inForce(r) && r.eventId !== '' && !tracked.has(r.eventId)) retired.set(r.eventId, r);
  const ours = events
    .filter((e) => e.status !== 'cancelled' && !e.extendedProperties?.private?.[ENDED_PROPERTY])
    .map((event) => ({ event, key: parseEventId(event.id ?? '') }))
    .filter((x): x is { event: CalendarEvent; key: NonNullable<ReturnType<typeof parseEventId>> } => x.key !== null && x.key.programId === programId && x.key.cycle === cycle)
    .sort((a, b) => b.key.version - a.key.version); // the newest booking of a group is the one adopted
  const adopted = new Set<ScheduleRow>();
  const out: Reconciliation = { adopt: [], orphans: [], base, taken: new Set() };
  for (const { event, key } of ours) {
    const id = event.id ?? '';
    out.taken.add(id);
    if (tracked.has(id)) continue;
    const row = retired.has(id)
      ? undefined
      : live.find((r) => r.eventId === '' && !adopted.has(r) && r.group === key.groupId && sameMembers(event.attendees, r.members));
    if (row) {
      adopted.add(row);
      out.adopt.push({ row, event });
      continue;
    }
    const old = retired.get(id);
    const reason: OrphanReason = old ? (old.status === 'cancelled' ? 'cancelled' : 'replaced') : live.some((r) => r.group === key.groupId && sameMembers(event.attendees, r.members)) ? 'duplicate' : 'deleted';
    out.orphans.push({ event, groupId: key.groupId, version: key.version, reason, keepThrough: old?.ends ?? '' });
    out.base = Math.max(out.base, key.version + 1);
  }
  return out;
}

/** The Day and time and Time zone cells stating an event's first meeting, or null when it has no zoned start. */
export function eventSlot(event: CalendarEvent): { dayAndTime: string; timeZone: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(event.start?.dateTime ?? '');
  const zone = event.start?.timeZone ?? '';
  if (!m || !zone) return null;
  return { dayAndTime: formatDayAndTime(weekdayOf(m[1]), m[2]), timeZone: zone };
}

/**
 * How an orphan leaves the calendars, at the earlier of `endMs` (now) and the day after
 * `keepThrough` (the last day its retired row says it meets), or `exact`ly at that day's end when
 * the row's Ends was cut for it (a roster change, a replace: the meetings it keeps may lie after
 * now): removed whole when its first meeting is after that; otherwise ended (the meetings held stay in everyone's calendar): its rule ends
 * there (UNTIL in UTC, RFC 5545 §3.3.10, instead of COUNT) and it is marked ENDED_PROPERTY.
 */
export function orphanEnd(event: CalendarEvent, endMs: number, keepThrough = '', exact = false): { kind: 'remove' } | { kind: 'end'; patch: CalendarEvent } {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(event.start?.dateTime ?? '');
  const cut = cutOf(keepThrough, event.start?.timeZone || 'UTC');
  const nowMs = exact && Number.isFinite(cut) ? cut : Math.min(endMs, cut);
  let first = Number.NaN;
  try {
    first = m ? localInstant(m[1], Number(m[2]) * 60 + Number(m[3]), event.start?.timeZone || 'UTC') : Date.parse(event.start?.dateTime ?? '');
  } catch {
    first = Number.NaN; // an unknown zone: treated as started, so nothing held is removed
  }
  if (first > nowMs) return { kind: 'remove' };
  const until = new Date(nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const recurrence = (event.recurrence ?? []).map((line) =>
    /^RRULE:/i.test(line) ? `RRULE:${line.slice(6).split(';').filter((p) => !/^(COUNT|UNTIL)=/i.test(p)).concat(`UNTIL=${until}`).join(';')}` : line,
  );
  return { kind: 'end', patch: { recurrence, extendedProperties: { private: { [ENDED_PROPERTY]: new Date(nowMs).toISOString() } } } };
}

/**
 * The instant a retired row's series ends: the start of the day after its last day, in the
 * event's zone (Infinity when the row states no day). It may be earlier than now when scheduling
 * comes late to a change whose next meeting has passed: the sheet said it was gone, and so is it.
 */
function cutOf(keepThrough: string, zone: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(keepThrough)) return Number.POSITIVE_INFINITY;
  try {
    return localInstant(addDays(keepThrough, 1), 0, zone);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
