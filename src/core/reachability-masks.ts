// The machinery under reachability.ts: zone clocks (zone-clock.ts: wall minutes ⇄ UTC minutes,
// daylight saving included), each person's working windows in UTC, and per-week bit masks of the
// weekly slots (weekday and start on a grid, in a reference zone) that lie inside them. Pure.
import { wallToUtc, zoneClock } from './zone-clock';
import { dayNumber, weekdayOfDay } from './dates';
import type { WorkingHours } from './working-hours';

export const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;

// ---- Types --------------------------------------------------------------------------------------

export interface ReachPerson {
  /** Chooses the reference zone of a group (its first member by email, as the scheduler). */
  email?: string;
  /** IANA zone, resolved (never ''). */
  timeZone: string;
  hours: WorkingHours;
}

/** A cycle's meetings: the first on/after `starts`, then every `intervalWeeks` (common-time's CycleSpan). */
export interface ReachCycle {
  starts: string;
  meetings: number;
  intervalWeeks: number;
}

export interface ReachOptions {
  /** Meeting length in minutes, 1 to 1440. */
  minutes: number;
  /** The cycle; or give `dates`. */
  cycle?: ReachCycle;
  /** The first day of each meeting week ('YYYY-MM-DD'), e.g. the meeting dates left after skips. */
  dates?: readonly string[];
  /** Minutes between candidate start times; divides a day. Default 15 (findCommonSlot's grid). */
  grid?: number;
}
/** Starts of a meeting that work, on one weekday in the reference zone. */
export interface SharedWindow {
  /** 0 = Sunday … 6 = Saturday, in the reference zone. */
  weekday: number;
  /** Minutes after midnight: the window opens (the first start that works). */
  start: number;
  /** Minutes after that midnight: the last meeting that works ends (may pass 1440). */
  end: number;
}
// ---- Masks: which slots of each week work for one person ------------------------------------------

export interface Frame {
  /** Day numbers of each week's first day. */
  weeks: number[];
  minutes: number;
  grid: number;
  /** Slots in a week (WEEK_MINUTES / grid) and 32-bit words per week. */
  slots: number;
  words: number;
  /** Days covered by clocks and windows. */
  fromDay: number;
  toDay: number;
}

export function frame(options: ReachOptions): Frame {
  const minutes = options.minutes;
  const grid = options.grid ?? 15;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > DAY_MINUTES) throw new RangeError(`A meeting lasts 1 to 1440 minutes, not ${String(minutes)}.`);
  if (!Number.isInteger(grid) || grid < 1 || DAY_MINUTES % grid !== 0) throw new RangeError(`The grid must divide a day into whole minutes, not ${String(grid)}.`);
  let weeks: number[];
  if (options.dates !== undefined) {
    weeks = options.dates.map((d) => {
      const day = dayNumber(d);
      if (day === null) throw new RangeError(`Not a date written YYYY-MM-DD: ${JSON.stringify(String(d)).slice(0, 40)}`);
      return day;
    });
  } else if (options.cycle !== undefined) {
    const { starts, meetings, intervalWeeks } = options.cycle;
    const d0 = dayNumber(starts);
    if (d0 === null) throw new RangeError(`The cycle's start is not a date written YYYY-MM-DD: ${JSON.stringify(String(starts)).slice(0, 40)}`);
    if (!Number.isInteger(meetings) || meetings < 1) throw new RangeError(`A cycle has at least one meeting, not ${String(meetings)}.`);
    if (!Number.isInteger(intervalWeeks) || intervalWeeks < 1) throw new RangeError(`Meetings are 1 or more weeks apart, not ${String(intervalWeeks)}.`);
    weeks = Array.from({ length: meetings }, (_, k) => d0 + k * intervalWeeks * 7);
  } else {
    throw new RangeError('Give the cycle or its meeting dates.');
  }
  if (weeks.length === 0) throw new RangeError('A cycle has at least one meeting week.');
  const slots = WEEK_MINUTES / grid;
  return { weeks, minutes, grid, slots, words: Math.ceil(slots / 32), fromDay: Math.min(...weeks) - 3, toDay: Math.max(...weeks) + 11 };
}

/** The person's working windows over the frame, as merged sorted UTC minutes. */
export function windows(person: ReachPerson, f: Frame): { start: number[]; end: number[] } {
  checkHours(person.hours);
  const clock = zoneClock(person.timeZone, f.fromDay, f.toDay);
  const days = new Set(person.hours.days);
  const start: number[] = [];
  const end: number[] = [];
  for (let day = f.fromDay + 1; day < f.toDay - 1; day++) {
    if (!days.has(weekdayOfDay(day))) continue;
    const s = wallToUtc(clock, day * DAY_MINUTES + person.hours.start, true);
    const e = wallToUtc(clock, day * DAY_MINUTES + person.hours.end, true);
    if (e <= s) continue;
    const n = end.length;
    if (n > 0 && s <= end[n - 1]) end[n - 1] = Math.max(end[n - 1], e);
    else {
      start.push(s);
      end.push(e);
    }
  }
  return { start, end };
}

function inside(w: { start: number[]; end: number[] }, s: number, e: number): boolean {
  let lo = 0;
  let hi = w.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.start[mid] <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && e <= w.end[lo - 1];
}

/**
 * For each week, the slots that lie inside the person's working hours, in weekday coordinates of
 * `zone`: bit p is a meeting on weekday ⌊p / slots-per-day⌋ (0 = Sunday) at (p mod slots-per-day)
 * × grid minutes on `zone`'s clock, on the day of the week [first day, first day + 7) with that
 * weekday. One Uint32Array holding every week, `words` words each.
 */
export function weekMasks(person: ReachPerson, zone: string, f: Frame): Uint32Array {
  const w = windows(person, f);
  const clock = zoneClock(zone, f.fromDay, f.toDay);
  const out = new Uint32Array(f.words * f.weeks.length);
  const perDay = DAY_MINUTES / f.grid;
  f.weeks.forEach((day, k) => {
    const base = day * DAY_MINUTES;
    const shift = weekdayOfDay(day) * perDay;
    for (let t = 0; t < f.slots; t++) {
      const s = wallToUtc(clock, base + t * f.grid);
      if (!inside(w, s, s + f.minutes)) continue;
      const p = (t + shift) % f.slots;
      out[k * f.words + (p >>> 5)] |= 1 << (p & 31);
    }
  });
  return out;
}

/** The AND of every week's mask: the slots that work in every week. */
export function everyWeekMask(masks: Uint32Array, f: Frame): Uint32Array {
  const out = masks.slice(0, f.words);
  for (let k = 1; k < f.weeks.length; k++) for (let i = 0; i < f.words; i++) out[i] &= masks[k * f.words + i];
  return out;
}

export function andInto(target: Uint32Array, other: Uint32Array): void {
  for (let i = 0; i < target.length; i++) target[i] &= other[i];
}

export function anyBit(mask: Uint32Array, from = 0, words = mask.length - from): boolean {
  for (let i = from; i < from + words; i++) if (mask[i] !== 0) return true;
  return false;
}
/** Runs of working slots, one window per run and weekday of its first start. */
export function maskWindows(mask: Uint32Array, f: Frame): SharedWindow[] {
  const out: SharedWindow[] = [];
  const perDay = DAY_MINUTES / f.grid;
  const on = (p: number) => (mask[p >>> 5] & (1 << (p & 31))) !== 0;
  let p = 0;
  while (p < f.slots) {
    if (!on(p)) {
      p++;
      continue;
    }
    const weekday = Math.floor(p / perDay);
    let last = p;
    while (last + 1 < (weekday + 1) * perDay && on(last + 1)) last++;
    out.push({ weekday, start: (p - weekday * perDay) * f.grid, end: (last - weekday * perDay) * f.grid + f.minutes });
    p = last + 1;
  }
  return out;
}

/**
 * How far apart two people's working times come in the cycle: 0 when they overlap or touch,
 * else the shortest time in minutes from the end of one's working window to the start of the
 * other's.
 */
export function windowsGap(a: { start: number[]; end: number[] }, b: { start: number[]; end: number[] }): number {
  let best = Infinity;
  let j = 0;
  for (let i = 0; i < a.start.length; i++) {
    while (j < b.start.length && b.end[j] <= a.start[i]) {
      best = Math.min(best, a.start[i] - b.end[j]);
      j++;
    }
    if (j < b.start.length) {
      if (b.start[j] < a.end[i]) return 0;
      best = Math.min(best, b.start[j] - a.end[i]);
    }
  }
  return best;
}

/** Whether the merged UTC windows of every person meet at some moment. */
export function windowsOverlap(list: Array<{ start: number[]; end: number[] }>): boolean {
  let starts = list[0].start;
  let ends = list[0].end;
  for (let i = 1; i < list.length && starts.length > 0; i++) {
    const m = list[i];
    const s: number[] = [];
    const e: number[] = [];
    let a = 0;
    let b = 0;
    while (a < starts.length && b < m.start.length) {
      const lo = Math.max(starts[a], m.start[b]);
      const hi = Math.min(ends[a], m.end[b]);
      if (lo < hi) {
        s.push(lo);
        e.push(hi);
      }
      if (ends[a] < m.end[b]) a++;
      else b++;
    }
    starts = s;
    ends = e;
  }
  return starts.length > 0;
}
export function checkHours(hours: WorkingHours): void {
  const ok =
    hours &&
    Array.isArray(hours.days) &&
    hours.days.length > 0 &&
    hours.days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6) &&
    Number.isInteger(hours.start) &&
    Number.isInteger(hours.end) &&
    hours.start >= 0 &&
    hours.start < hours.end &&
    hours.end <= DAY_MINUTES;
  if (!ok) throw new RangeError(`Not working hours: ${JSON.stringify(hours).slice(0, 80)}`);
}
