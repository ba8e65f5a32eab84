// Find a common time (issue 5, item 4): the free/busy queries a cycle needs, the reading of their
// answers, and the choice of one weekly slot per group — weekday and start on a 15-minute grid, in
// the zone of the group's first member by email — inside every member's working hours in their own
// zone, with the fewest conflicting weeks; ties go to the preferred time.
//
// Pure: plain data in, plain data out. Instants are milliseconds since the epoch; inside, the
// search works in whole UTC minutes over offset tables built once per zone and cycle from Intl
// (src/core/zones.ts), so 250 groups take a fraction of a second.
import { wallToUtc, zoneClock, type ZoneClock } from './zone-clock';
import { dayNumber, isoDate, weekdayOfDay } from './dates';
import { normaliseEmail, type Person } from './people';
import { cadenceWeeks, WEEKDAYS, type CycleDates, type Settings } from './settings';
import { DEFAULT_WORKING_HOURS, parseWorkingHours, type WorkingHours } from './working-hours';
import { localInstant } from './zones';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const DAY_MS = 86_400_000;

/** Calendar's Freebusy.query takes at most this many calendars a call. */
export const FREEBUSY_MAX_CALENDARS = 50;
/** Google answers "The requested time range is too long." beyond about 90 days. */
export const FREEBUSY_MAX_DAYS = 90;

// ---- Types --------------------------------------------------------------------------------------

/** The meetings of one cycle: the first on/after `starts` on the slot's weekday, then every `intervalWeeks`. */
export interface CycleSpan {
  /** 'YYYY-MM-DD': the cycle's first day. */
  starts: string;
  /** Meetings in the cycle (1 or more). */
  meetings: number;
  /** 1 = weekly, 2 = fortnightly. */
  intervalWeeks: number;
}

/** A busy block in milliseconds since the epoch, [start, end). */
export interface BusyBlock {
  start: number;
  end: number;
}

/** One calendar's free/busy: its busy blocks (sorted by start), or why it could not be read. */
export type CalendarAvailability = { busy: BusyBlock[] } | { error: string };

/** Free/busy by normalised email. */
export type Availability = Map<string, CalendarAvailability>;

export interface SlotMember {
  email: string;
  /** Used in notes; the email when absent. */
  name?: string;
  /** IANA zone, resolved (never ''). */
  timeZone: string;
  hours: WorkingHours;
}

/** A weekly series: weekday 0 = Sunday … 6, start in minutes after midnight, in `timeZone`. */
export interface WeeklySlot {
  weekday: number;
  time: number;
  timeZone: string;
}

export interface CommonSlotInput {
  /** The group, in any order: the series is expressed in the zone of the first by email. */
  members: readonly SlotMember[];
  /** From `readFreeBusy`. A member absent from it counts as free and is flagged. */
  availability: Availability;
  cycle: CycleSpan;
  /** Meeting length in minutes. */
  minutes: number;
  /** The settings' weekday and time, in the settings' zone: the tie-break and the fallback. */
  preferred: WeeklySlot;
  /** Minutes between candidate start times. Default 15. */
  grid?: number;
}

export interface CommonSlot {
  /** 0 = Sunday … 6 = Saturday, in `timeZone`. */
  weekday: number;
  /** 'HH:MM' in `timeZone`. */
  time: string;
  /** The first member's zone; the settings' zone for a fallback. */
  timeZone: string;
  /** 'YYYY-MM-DD' in `timeZone`: the first meeting. */
  firstDate: string;
  /** Meetings outside someone's working hours or overlapping someone's busy time. */
  conflicts: number;
  /** Their dates, in `timeZone`. */
  conflictWeeks: string[];
  /** True when no slot lies inside everyone's working hours: the preferred time is used. */
  fallback: boolean;
  /** Members whose calendars could not be read (treated as free), by email. */
  flagged: string[];
  /** One sentence for the Rotations Notes column and the sidebar. */
  note: string;
}

/** One meeting of a series as `scoreSlot` sees it. */
export interface MeetingCheck {
  /** 'YYYY-MM-DD' in the series' zone. */
  date: string;
  /** The instant it starts (ms). */
  start: number;
  /** Emails of members for whom it is outside working hours. */
  outside: string[];
  /** Emails of members with a busy block overlapping it. */
  busy: string[];
}

export interface SlotScore {
  firstDate: string;
  meetings: MeetingCheck[];
  conflicts: number;
  conflictWeeks: string[];
  /** True when at least one meeting lies inside every member's working hours. */
  inside: boolean;
}

// ---- Free/busy queries ----------------------------------------------------------------------------

/**
 * Every calendar to query, normalised (trimmed, lower-case), without repeats or blanks, in the
 * order first seen, cut into batches of at most `max` (Freebusy.query's limit is 50): ⌈n/50⌉ calls.
 *
 * @example
 *   freeBusyBatches(['Ann@x.org', 'ben@x.org', 'ann@x.org']) // [['ann@x.org', 'ben@x.org']]
 */
export function freeBusyBatches(emails: readonly string[], max = FREEBUSY_MAX_CALENDARS): string[][] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`A batch holds at least one calendar, not ${String(max)}.`);
  const seen = new Set<string>();
  for (const email of emails) {
    const e = normaliseEmail(email);
    if (e !== '') seen.add(e);
  }
  const all = Array.from(seen);
  const out: string[][] = [];
  for (let i = 0; i < all.length; i += max) out.push(all.slice(i, i + max));
  return out;
}

/**
 * The free/busy range (RFC 3339, UTC) that covers every possible meeting of the cycle: any weekday
 * of the first week, at any time, in any of `zones` (the members' zones and the settings' zone),
 * for meetings up to `minutes` long. Throws RangeError when it would exceed FREEBUSY_MAX_DAYS (a
 * 12-week cycle takes about 85).
 *
 * @example
 *   freeBusyWindow({ starts: '2027-01-05', meetings: 6, intervalWeeks: 1 }, ['Europe/London'])
 *   // { timeMin: '2027-01-05T00:00:00Z', timeMax: '2027-02-16T02:00:00Z' }
 */
export function freeBusyWindow(cycle: CycleSpan, zones: readonly string[], minutes = 120): { timeMin: string; timeMax: string } {
  const { d0, last } = span(cycle);
  if (zones.length === 0) throw new RangeError('A free/busy window needs at least one time zone.');
  let min = Infinity;
  let max = -Infinity;
  for (const zone of zones) {
    min = Math.min(min, localInstant(isoDate(d0), 0, zone));
    max = Math.max(max, localInstant(isoDate(last + 1), 0, zone) + minutes * MINUTE_MS);
  }
  if (max - min > FREEBUSY_MAX_DAYS * DAY_MS) {
    throw new RangeError(`The free/busy range would be ${Math.ceil((max - min) / DAY_MS)} days; Google accepts about ${FREEBUSY_MAX_DAYS}.`);
  }
  return { timeMin: rfc3339(min), timeMax: rfc3339(max) };
}

/**
 * Reads a Calendar v3 FreeBusyResponse ({calendars: {[id]: {busy: [{start, end}], errors?}}}) into
 * free/busy by normalised email. A calendar with `errors` gives their reasons ('notFound'); one
 * whose busy blocks cannot be read gives 'unreadable'; one in `requested` but not in the answer
 * gives 'missing'. Busy blocks come back sorted by start, empty ones dropped.
 */
export function readFreeBusy(response: unknown, requested: readonly string[] = []): Availability {
  const out: Availability = new Map();
  const calendars = isObject(response) && isObject(response.calendars) ? response.calendars : {};
  for (const id of Object.keys(calendars)) {
    const email = normaliseEmail(id);
    if (email === '') continue;
    out.set(email, readCalendar(calendars[id]));
  }
  for (const id of requested) {
    const email = normaliseEmail(id);
    if (email !== '' && !out.has(email)) out.set(email, { error: 'missing' });
  }
  return out;
}

function readCalendar(value: unknown): CalendarAvailability {
  if (!isObject(value)) return { error: 'unreadable' };
  if (Array.isArray(value.errors) && value.errors.length > 0) {
    const reasons = value.errors.map((e) => (isObject(e) && typeof e.reason === 'string' && e.reason !== '' ? e.reason : 'error'));
    return { error: Array.from(new Set(reasons)).join(', ') };
  }
  if (value.busy === undefined) return { busy: [] };
  if (!Array.isArray(value.busy)) return { error: 'unreadable' };
  const busy: BusyBlock[] = [];
  for (const block of value.busy) {
    const start = isObject(block) ? parseRfc3339(block.start) : null;
    const end = isObject(block) ? parseRfc3339(block.end) : null;
    if (start === null || end === null || end < start) return { error: 'unreadable' };
    if (end > start) busy.push({ start, end });
  }
  busy.sort((a, b) => a.start - b.start || a.end - b.end);
  return { busy };
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Milliseconds of an RFC 3339 date-time ('2027-03-02T10:00:00Z', '…-05:00'), or null. */
function parseRfc3339(value: unknown): number | null {
  const m = typeof value === 'string' ? RFC3339.exec(value) : null;
  if (!m) return null;
  const [year, month, day, h, min, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > MONTH_DAYS[month - 1] + (month === 2 && leap ? 1 : 0)) return null;
  if (h > 23 || min > 59 || s > 60) return null;
  const ms = m[7] ? +`${m[7]}00`.slice(0, 3) : 0;
  const offset = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (+m[10] * 60 + +m[11]);
  return Date.UTC(year, month - 1, day, h, min - offset, Math.min(s, 59), ms); // a leap second reads as :59
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---- From the program's data ----------------------------------------------------------------------

/** A roster person as a slot member: their zone ('' = `settingsZone`) and working hours. */
export function slotMember(person: Pick<Person, 'email' | 'name' | 'timeZone' | 'workingHours'>, settingsZone: string): SlotMember {
  return {
    email: normaliseEmail(person.email),
    name: person.name,
    timeZone: person.timeZone !== '' ? person.timeZone : settingsZone,
    hours: parseWorkingHours(person.workingHours) ?? { ...DEFAULT_WORKING_HOURS, days: [...DEFAULT_WORKING_HOURS.days] },
  };
}

/** A cycle's meetings as the chooser needs them. */
export function cycleSpan(settings: Pick<Settings, 'cadence'>, dates: Pick<CycleDates, 'starts' | 'meetings'>): CycleSpan {
  return { starts: dates.starts, meetings: dates.meetings, intervalWeeks: cadenceWeeks(settings.cadence) };
}

/** The settings' weekday and time in `settingsZone` (the resolved zone). */
export function preferredSlot(settings: Pick<Settings, 'preferredWeekday' | 'preferredTime'>, settingsZone: string): WeeklySlot {
  const [h, m] = settings.preferredTime.split(':').map(Number);
  return { weekday: WEEKDAYS.indexOf(settings.preferredWeekday), time: h * 60 + m, timeZone: settingsZone };
}

/** A zone's clock over a cycle whose meetings fall on days d0 … last, with days to spare. */
function cycleClock(zone: string, d0: number, last: number): ZoneClock {
  return zoneClock(zone, d0 - 4, last + 5);
}

function span(cycle: CycleSpan): { d0: number; last: number } {
  const d0 = dayNumber(cycle.starts);
  if (d0 === null) throw new RangeError(`The cycle's start is not a date written YYYY-MM-DD: ${JSON.stringify(String(cycle.starts)).slice(0, 40)}`);
  if (!Number.isInteger(cycle.meetings) || cycle.meetings < 1) throw new RangeError(`A cycle has at least one meeting, not ${String(cycle.meetings)}.`);
  if (!Number.isInteger(cycle.intervalWeeks) || cycle.intervalWeeks < 1) throw new RangeError(`Meetings are 1 or more weeks apart, not ${String(cycle.intervalWeeks)}.`);
  return { d0, last: d0 + 6 + (cycle.meetings - 1) * cycle.intervalWeeks * 7 };
}

/** The first day on/after `d0` that falls on `weekday`. */
function firstDay(d0: number, weekday: number): number {
  return d0 + ((((weekday - weekdayOfDay(d0)) % 7) + 7) % 7);
}

/**
 * The meetings of a weekly series in a cycle: the first on the first day on/after the cycle's
 * start with the slot's weekday, then every `intervalWeeks` weeks; each at the slot's time in its
 * zone (so the instant moves with that zone's daylight saving, as Calendar's recurrence does).
 */
export function slotOccurrences(cycle: CycleSpan, slot: WeeklySlot): Array<{ date: string; start: number }> {
  const { d0, last } = span(cycle);
  checkSlot(slot);
  const clock = cycleClock(slot.timeZone, d0, last);
  const first = firstDay(d0, slot.weekday);
  return Array.from({ length: cycle.meetings }, (_, k) => {
    const day = first + k * cycle.intervalWeeks * 7;
    return { date: isoDate(day), start: wallToUtc(clock, day * DAY_MINUTES + slot.time) * MINUTE_MS };
  });
}

// ---- The chooser ----------------------------------------------------------------------------------

/** A member ready for the search: working windows and busy blocks as merged sorted UTC minutes. */
interface Prepared {
  email: string;
  name: string;
  timeZone: string;
  winStart: number[];
  winEnd: number[];
  busyStart: number[];
  busyEnd: number[];
  /** Why their calendar was not read, or ''. */
  error: string;
}

interface Group {
  members: Prepared[];
  d0: number;
  last: number;
  meetings: number;
  interval: number;
  minutes: number;
  grid: number;
}

function prepare(input: CommonSlotInput): Group {
  const { d0, last } = span(input.cycle);
  const minutes = input.minutes;
  const grid = input.grid ?? 15;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > DAY_MINUTES) throw new RangeError(`A meeting lasts 1 to 1440 minutes, not ${String(minutes)}.`);
  if (!Number.isInteger(grid) || grid < 1 || DAY_MINUTES % grid !== 0) throw new RangeError(`The grid must divide a day into whole minutes, not ${String(grid)}.`);
  if (input.members.length === 0) throw new RangeError('A group needs at least one member.');
  checkSlot(input.preferred);
  const sorted = [...input.members].map((m) => ({ ...m, email: normaliseEmail(m.email) })).sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  const members = sorted.map((m): Prepared => {
    const clock = cycleClock(m.timeZone, d0, last);
    const winStart: number[] = [];
    const winEnd: number[] = [];
    const days = new Set(m.hours.days);
    // Local days that can meet a meeting of the cycle: zones are within 26 hours of each other.
    for (let day = d0 - 2; day <= last + 3; day++) {
      if (!days.has(weekdayOfDay(day))) continue;
      const s = wallToUtc(clock, day * DAY_MINUTES + m.hours.start, true);
      const e = wallToUtc(clock, day * DAY_MINUTES + m.hours.end, true);
      if (e <= s) continue;
      const n = winEnd.length;
      if (n > 0 && s <= winEnd[n - 1]) winEnd[n - 1] = Math.max(winEnd[n - 1], e);
      else {
        winStart.push(s);
        winEnd.push(e);
      }
    }
    const availability = input.availability.get(m.email);
    const error = availability === undefined ? 'not queried' : 'error' in availability ? availability.error || 'error' : '';
    const busyStart: number[] = [];
    const busyEnd: number[] = [];
    if (availability && 'busy' in availability) {
      let blocks: readonly BusyBlock[] = availability.busy;
      for (let i = 1; i < blocks.length; i++) {
        if (blocks[i].start < blocks[i - 1].start) {
          blocks = [...blocks].sort((a, b) => a.start - b.start);
          break;
        }
      }
      // Only blocks that can meet a meeting of the cycle, in whole minutes (rounded outwards).
      const from = (d0 - 2) * DAY_MINUTES;
      const to = (last + 3) * DAY_MINUTES;
      for (const b of blocks) {
        const s = Math.floor(b.start / MINUTE_MS);
        const e = Math.ceil(b.end / MINUTE_MS);
        if (e <= s || e <= from || s >= to) continue;
        const n = busyEnd.length;
        if (n > 0 && s <= busyEnd[n - 1]) busyEnd[n - 1] = Math.max(busyEnd[n - 1], e);
        else {
          busyStart.push(s);
          busyEnd.push(e);
        }
      }
    }
    return { email: m.email, name: m.name || m.email, timeZone: m.timeZone, winStart, winEnd, busyStart, busyEnd, error };
  });
  return { members, d0, last, meetings: input.cycle.meetings, interval: input.cycle.intervalWeeks, minutes, grid };
}

/** Whether [s, e) lies inside one of the member's working windows. */
function inside(m: Prepared, s: number, e: number): boolean {
  const starts = m.winStart;
  let lo = 0;
  let hi = starts.length; // find the last window starting at or before s
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && e <= m.winEnd[lo - 1];
}

/** Whether [s, e) overlaps one of the member's busy blocks. */
function busy(m: Prepared, s: number, e: number): boolean {
  const ends = m.busyEnd;
  let lo = 0;
  let hi = ends.length; // find the first block ending after s
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo < ends.length && m.busyStart[lo] < e;
}

function score(group: Group, slot: WeeklySlot): SlotScore {
  const clock = cycleClock(slot.timeZone, group.d0, group.last);
  const first = firstDay(group.d0, slot.weekday);
  const meetings: MeetingCheck[] = [];
  let isInside = false;
  for (let k = 0; k < group.meetings; k++) {
    const day = first + k * group.interval * 7;
    const s = wallToUtc(clock, day * DAY_MINUTES + slot.time);
    const e = s + group.minutes;
    const check: MeetingCheck = { date: isoDate(day), start: s * MINUTE_MS, outside: [], busy: [] };
    for (const m of group.members) {
      if (!inside(m, s, e)) check.outside.push(m.email);
      if (busy(m, s, e)) check.busy.push(m.email);
    }
    if (check.outside.length === 0) isInside = true;
    meetings.push(check);
  }
  const conflictWeeks = meetings.filter((c) => c.outside.length > 0 || c.busy.length > 0).map((c) => c.date);
  return { firstDate: isoDate(first), meetings, conflicts: conflictWeeks.length, conflictWeeks, inside: isInside };
}

/**
 * How a weekly series fares for the group: for each meeting, who it is outside working hours for
 * (in their own zone, on their own weekday) and who is busy. Members whose calendars could not be
 * read count as free.
 */
export function scoreSlot(input: CommonSlotInput, slot: WeeklySlot): SlotScore {
  checkSlot(slot);
  return score(prepare(input), slot);
}

/**
 * Chooses the group's weekly slot: weekday and start on the grid in the first member's zone (by
 * email), inside every member's working hours in at least one week, with the fewest conflicting
 * weeks; ties go to the start closest to the preferred weekday and time in the first week, then
 * the earlier. When no slot lies inside everyone's working hours, the preferred weekday and time in
 * the settings' zone, said so in the note.
 *
 * @example
 *   findCommonSlot({ members, availability, cycle: { starts: '2027-03-02', meetings: 6, intervalWeeks: 1 },
 *     minutes: 30, preferred: { weekday: 2, time: 540, timeZone: 'America/New_York' } })
 *   // { weekday: 2, time: '10:00', timeZone: 'America/New_York', conflicts: 0, fallback: false, … }
 */
export function findCommonSlot(input: CommonSlotInput): CommonSlot {
  const group = prepare(input);
  const { members, d0, last, meetings, interval, minutes, grid } = group;
  const zone = members[0].timeZone;
  const clock = cycleClock(zone, d0, last);
  const preferredClock = cycleClock(input.preferred.timeZone, d0, last);
  const target = wallToUtc(preferredClock, firstDay(d0, input.preferred.weekday) * DAY_MINUTES + input.preferred.time);
  const step = interval * 7 * DAY_MINUTES;
  const n = members.length;

  let best: { weekday: number; time: number; conflicts: number; distance: number; start: number } | null = null;
  let worst = meetings; // the most conflicts a candidate may have and still win
  for (let weekday = 0; weekday < 7; weekday++) {
    const base = firstDay(d0, weekday) * DAY_MINUTES;
    for (let time = 0; time < DAY_MINUTES; time += grid) {
      let conflicts = 0;
      let eligible = false;
      let start = 0;
      for (let k = 0; k < meetings; k++) {
        const s = wallToUtc(clock, base + k * step + time);
        if (k === 0) start = s;
        const e = s + minutes;
        let allInside = true;
        let conflict = false;
        for (let i = 0; i < n; i++) {
          const m = members[i];
          if (!inside(m, s, e)) {
            allInside = false;
            conflict = true;
          } else if (!conflict && busy(m, s, e)) conflict = true;
        }
        if (allInside) eligible = true;
        if (conflict && ++conflicts > worst) break; // cannot win: more conflicts than the best so far
      }
      if (!eligible || conflicts > worst) continue;
      const distance = Math.abs(start - target);
      if (
        best === null ||
        conflicts < best.conflicts ||
        (conflicts === best.conflicts && (distance < best.distance || (distance === best.distance && start < best.start)))
      ) {
        best = { weekday, time, conflicts, distance, start };
        worst = conflicts;
      }
    }
  }

  const flagged = members.filter((m) => m.error !== '');
  const flaggedClause = flagged.length === 0 ? '' : `; ${unreadable(flagged)}`;
  if (best === null) {
    const slot = input.preferred;
    const result = score(group, slot);
    const who = list(members.map((m) => `${m.name} (${m.timeZone})`));
    const why = shareAnyTime(members) ? `have no ${minutes}-minute time in common within their working hours` : 'share no working hour';
    return {
      weekday: slot.weekday,
      time: clockText(slot.time),
      timeZone: slot.timeZone,
      firstDate: result.firstDate,
      conflicts: result.conflicts,
      conflictWeeks: result.conflictWeeks,
      fallback: true,
      flagged: flagged.map((m) => m.email),
      note: `${who} ${why}; using the preferred ${slotText(slot)}${flaggedClause}.`,
    };
  }

  const slot: WeeklySlot = { weekday: best.weekday, time: best.time, timeZone: zone };
  const result = score(group, slot);
  const isPreferred = best.distance === 0 ? ' (the preferred time)' : '';
  let summary: string;
  if (result.conflicts === 0) {
    const all = meetings === 1 ? 'for the one meeting' : `for all ${meetings} meetings`;
    summary = `${slotText(slot)}${isPreferred}: everyone is free and within working hours ${all}`;
  } else {
    const names = new Map(members.map((m) => [m.email, m.name]));
    const weeks = result.meetings
      .filter((c) => c.outside.length > 0 || c.busy.length > 0)
      .map((c) => {
        const why = [...c.outside.map((e) => `${names.get(e)} outside working hours`), ...c.busy.map((e) => `${names.get(e)} busy`)];
        return `${c.date} (${why.join(', ')})`;
      });
    summary = `${slotText(slot)}${isPreferred} has the fewest conflicts, ${result.conflicts} of ${meetings} meetings: ${weeks.join(', ')}`;
  }
  return {
    weekday: slot.weekday,
    time: clockText(slot.time),
    timeZone: zone,
    firstDate: result.firstDate,
    conflicts: result.conflicts,
    conflictWeeks: result.conflictWeeks,
    fallback: false,
    flagged: flagged.map((m) => m.email),
    note: `${summary}${flaggedClause}.`,
  };
}

/** Whether all members' working windows overlap at some moment of the cycle. */
function shareAnyTime(members: Prepared[]): boolean {
  let starts = members[0].winStart;
  let ends = members[0].winEnd;
  for (let i = 1; i < members.length && starts.length > 0; i++) {
    const m = members[i];
    const s: number[] = [];
    const e: number[] = [];
    let a = 0;
    let b = 0;
    while (a < starts.length && b < m.winStart.length) {
      const lo = Math.max(starts[a], m.winStart[b]);
      const hi = Math.min(ends[a], m.winEnd[b]);
      if (lo < hi) {
        s.push(lo);
        e.push(hi);
      }
      if (ends[a] < m.winEnd[b]) a++;
      else b++;
    }
    starts = s;
    ends = e;
  }
  return starts.length > 0;
}

function unreadable(members: Prepared[]): string {
  if (members.length === 1) {
    const m = members[0];
    return `${possessive(m.name)} calendar could not be checked (${m.error}), so ${m.name} counts as free`;
  }
  return `the calendars of ${list(members.map((m) => `${m.name} (${m.error})`))} could not be checked, so they count as free`;
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function slotText(slot: WeeklySlot): string {
  return `${WEEKDAYS[slot.weekday]} ${clockText(slot.time)} ${slot.timeZone}`;
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function checkSlot(slot: WeeklySlot): void {
  if (!Number.isInteger(slot.weekday) || slot.weekday < 0 || slot.weekday > 6) throw new RangeError(`A weekday is 0 (Sunday) to 6, not ${String(slot.weekday)}.`);
  if (!Number.isInteger(slot.time) || slot.time < 0 || slot.time >= DAY_MINUTES) throw new RangeError(`A start time is 0 to 1439 minutes after midnight, not ${String(slot.time)}.`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
