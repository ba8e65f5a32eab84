// When this week's brief is written (issue 13, item 1): the occurrences of the booked Rotations rows,
// numbered as sessions of their cycle, computed without a Calendar call; which are due a brief (a
// day before each, once per group and original start); and the small markers that make it so.
// Pure: the clock is passed in.
//
// Decisions:
//   - Due: from BRIEF_LEAD_MS (24 h) before an occurrence's start until it starts, once per group
//     and original start. Markers keep, per group, the latest start briefed (a group's occurrences
//     come in time order), in epoch minutes: about 17 characters a group, so 250 groups fit a
//     9 kB document property. An occurrence that started without its brief is `missed` (log it
//     once, then mark it).
//   - Record a marker after the instance patch succeeded: writing the same brief twice is harmless
//     (`sendUpdates: 'none'`), losing one is not.
import { addDays, isIsoDate, weekdayOf } from './dates';
import { cycleFirstDays, skipRanges, type CycleShape } from './cycle-dates';
import { isSkipped } from './skip-dates';
import { normaliseEmail } from './people';
import { toInstant } from './recurrence';
import { parseDayAndTime } from './schedule';
import { cadenceWeeks } from './settings';
import { localInstant } from './zones';

const MS_PER_MINUTE = 60 * 1000;
const MS_PER_DAY = 24 * 60 * MS_PER_MINUTE;

/** A brief is written from this long before the occurrence's start. */
export const BRIEF_LEAD_MS = MS_PER_DAY;

// ---- When briefs are due -------------------------------------------------------------------------

export interface Occurrence {
  groupId: string;
  cycle: number;
  /** The occurrence's original start (ms or ISO with offset): what `Events.instances` matches by `originalStartTime`. */
  start: number | string;
}

export interface DueOccurrence {
  groupId: string;
  cycle: number;
  /** ms. */
  start: number;
  /** `briefKey(groupId, start)`. */
  key: string;
}

/** Per group id: the latest start briefed (or given up), in minutes since the epoch. */
export type BriefMarkers = Record<string, number>;

/** The idempotency key of one brief: the group and the occurrence's original start (UTC). */
export function briefKey(groupId: string, start: number | string): string {
  return `${String(groupId).trim().toUpperCase()}@${new Date(toInstant(start)).toISOString().replace(/:00\.000Z$/, 'Z')}`;
}

export interface BriefsDue {
  /** Occurrences to brief now, soonest first. */
  due: DueOccurrence[];
  /** Due but past `limit`: the next tick takes them. */
  deferred: number;
  /** Started without a brief (the tick was down or failed): log once, then `markBriefed`. */
  missed: DueOccurrence[];
}

/**
 * Which occurrences are due a brief at `now`: from `leadMs` before the start until the start, not
 * yet marked for their group. At most `limit` (pace: a patch costs 3 of the 600 Calendar units a
 * minute, so about 120 a run keeps inside a minute's quota). Occurrences that started within the
 * last 7 days unmarked are `missed`.
 */
export function briefsDue(now: number | string, occurrences: readonly Occurrence[], markers: BriefMarkers, options: { leadMs?: number; limit?: number } = {}): BriefsDue {
  const at = toInstant(now);
  const lead = options.leadMs ?? BRIEF_LEAD_MS;
  const limit = options.limit ?? 120;
  const seen = new Set<string>();
  const candidates: DueOccurrence[] = [];
  const missed: DueOccurrence[] = [];
  for (const o of occurrences) {
    const start = toInstant(o.start);
    const groupId = String(o.groupId).trim().toUpperCase();
    const key = briefKey(groupId, start);
    if (seen.has(key)) continue;
    seen.add(key);
    const marked = markers[groupId];
    if (marked !== undefined && Math.floor(start / MS_PER_MINUTE) <= marked) continue;
    const item = { groupId, cycle: o.cycle, start, key };
    if (start > at && start - lead <= at) candidates.push(item);
    else if (start <= at && at - start < 7 * MS_PER_DAY) missed.push(item);
  }
  const byStart = (a: DueOccurrence, b: DueOccurrence) => a.start - b.start || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0);
  candidates.sort(byStart);
  missed.sort(byStart);
  return { due: candidates.slice(0, Math.max(0, limit)), deferred: Math.max(0, candidates.length - Math.max(0, limit)), missed };
}

/**
 * When the next brief falls due after `now` (its occurrence's start − lead), for the tick to wake
 * then rather than at tomorrow's sweep; null when no occurrence in `occurrences` waits for one.
 */
export function nextBriefAt(now: number | string, occurrences: readonly Occurrence[], markers: BriefMarkers, leadMs = BRIEF_LEAD_MS): number | null {
  const at = toInstant(now);
  let next: number | null = null;
  for (const o of occurrences) {
    const start = toInstant(o.start);
    const marked = markers[String(o.groupId).trim().toUpperCase()];
    if (marked !== undefined && Math.floor(start / MS_PER_MINUTE) <= marked) continue;
    const due = start - leadMs;
    if (due > at && (next === null || due < next)) next = due;
  }
  return next;
}

/** The markers once the brief of `groupId` at `start` is written (or given up): never moves back. */
export function markBriefed(markers: BriefMarkers, groupId: string, start: number | string): BriefMarkers {
  const id = String(groupId).trim().toUpperCase();
  const minute = Math.floor(toInstant(start) / MS_PER_MINUTE);
  return { ...markers, [id]: Math.max(markers[id] ?? -Infinity, minute) };
}

/**
 * The markers without groups whose latest brief is older than `keepDays` (their cycle is over), so
 * the property stays small; a group's marker is also dropped by `forgetBriefs` after a series patch.
 */
export function pruneBriefMarkers(markers: BriefMarkers, now: number | string, keepDays = 14): BriefMarkers {
  const cutoff = Math.floor((toInstant(now) - keepDays * MS_PER_DAY) / MS_PER_MINUTE);
  return Object.fromEntries(Object.entries(markers).filter(([, m]) => m >= cutoff));
}

/**
 * After a patch of a group's series (a trim, a new time, Meet): Google does not document that a
 * series patch leaves an instance's own description alone, so briefs from `from` are written again.
 */
export function forgetBriefs(markers: BriefMarkers, groupId: string, from: number | string): BriefMarkers {
  const id = String(groupId).trim().toUpperCase();
  const minute = Math.floor(toInstant(from) / MS_PER_MINUTE);
  if (markers[id] === undefined || markers[id] < minute) return markers;
  return { ...markers, [id]: minute - 1 };
}

/** The markers as stored (a document property). */
export function briefMarkersJson(markers: BriefMarkers): string {
  return JSON.stringify(markers);
}

/** Stored markers, read leniently: anything unreadable is not briefed (a brief written twice is harmless). */
export function readBriefMarkers(raw: string | null | undefined): BriefMarkers {
  let v: unknown;
  try {
    v = JSON.parse(String(raw ?? ''));
  } catch {
    return {};
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const out: BriefMarkers = {};
  for (const [k, m] of Object.entries(v)) if (typeof m === 'number' && Number.isSafeInteger(m)) out[k] = m;
  return out;
}

// ---- Occurrences from Rotations ------------------------------------------------------------------

/** A Rotations row as the brief needs it (schedule.ts ScheduleRow fits). */
export interface BriefRow {
  cycle: number;
  group: string;
  members: readonly string[];
  /** 'YYYY-MM-DD': the row's first day (a row added mid-cycle starts at its first changed meeting). */
  starts: string;
  ends: string;
  /** "Tue 10:00". */
  dayAndTime: string;
  /** IANA zone; blank: `fallbackZone`. */
  timeZone: string;
  status: string;
  /** The row's series (Rotations' Event ID): the tick fetches the occurrence's instance from it. */
  eventId?: string;
}

export interface RowOccurrence extends DueOccurrence {
  session: number;
  sessions: number;
  members: string[];
  /** The row's Event ID ('' when the row has none). */
  eventId: string;
}

/**
 * The occurrences of the booked rows (status `scheduled`: a `changed` row was trimmed at its change
 * and its group goes on in a newer row, `planned`, `replaced` and `cancelled` rows have no future
 * meetings) that start in [from, to): each row's slot weekly (or fortnightly) from its Starts until
 * its Ends, numbered as sessions of its cycle: its meetings from its first day (a row added mid-cycle
 * or after a replace goes on counting) to its last Ends, skipped dates left out. Cheap and without a Calendar call: the tick then fetches only the instances of
 * the occurrences due (`Events.instances` with `originalStart`), and a date left out of the series
 * (EXDATE) simply has no instance: mark it and move on. Rows it cannot read are left out.
 */
export function rowOccurrences(
  rows: readonly BriefRow[],
  settings: CycleShape,
  span: { from: number | string; to: number | string },
  fallbackZone: string,
): RowOccurrence[] {
  const from = toInstant(span.from);
  const to = toInstant(span.to);
  const step = cadenceWeeks(settings.cadence) * 7;
  const skipped = skipRanges(settings);
  const cycleStart = cycleFirstDays(rows);
  // Each cycle's last day as its rows state it (a settings change mid-cycle applies from the next
  // cycle: the meetings booked are counted, not what the settings would give now).
  const cycleEnd = new Map<number, string>();
  for (const r of rows) {
    if (String(r.status).trim().toLowerCase() === 'replaced' || !isIsoDate(r.ends)) continue;
    const e = cycleEnd.get(r.cycle);
    if (e === undefined || r.ends > e) cycleEnd.set(r.cycle, r.ends);
  }
  const heldCache = new Map<number, string[]>();
  const heldOf = (cycle: number, first: string, last: string): string[] => {
    let held = heldCache.get(cycle);
    if (!held) {
      held = [];
      for (let d = first; d <= last && held.length < 520; d = addDays(d, step)) if (!isSkipped(skipped, d)) held.push(d);
      heldCache.set(cycle, held);
    }
    return held;
  };
  const out: RowOccurrence[] = [];
  for (const r of rows) {
    if (String(r.status).trim().toLowerCase() !== 'scheduled') continue;
    const slot = parseDayAndTime(String(r.dayAndTime ?? ''));
    if (!slot || !isIsoDate(r.starts) || !isIsoDate(r.ends)) continue;
    const zone = String(r.timeZone ?? '').trim() || fallbackZone;
    const [h, m] = slot.time.split(':').map(Number);
    const groupId = String(r.group).trim().toUpperCase();
    const first = cycleStart.get(r.cycle) ?? r.starts;
    const held = heldOf(r.cycle, first, cycleEnd.get(r.cycle) ?? r.ends); // the cycle's meetings, skipped dates left out
    const sessions = Math.max(1, held.length);
    for (let date = addDays(r.starts, (slot.weekday - weekdayOf(r.starts) + 7) % 7); date <= r.ends; date = addDays(date, step)) {
      let start: number;
      try {
        start = localInstant(date, h * 60 + m, zone);
      } catch {
        break; // an unknown zone: the roster check and scheduling report it
      }
      if (start < from || start >= to || isSkipped(skipped, date)) continue; // a skipped date has no instance (EXDATE)
      const session = Math.min(sessions, Math.max(1, held.filter((d) => d <= date).length));
      out.push({ groupId, cycle: r.cycle, start, key: briefKey(groupId, start), session, sessions, members: r.members.map(normaliseEmail).filter((e) => e !== ''), eventId: String(r.eventId ?? '').trim() });
    }
  }
  return out.sort((a, b) => a.start - b.start || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}
