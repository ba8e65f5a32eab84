// Calendar dates as 'YYYY-MM-DD' strings and whole-day arithmetic on them. A calendar date has no
// time zone: days are counted from 1970-01-01 with UTC arithmetic, so neither the machine's zone
// nor daylight-saving changes can move a date. The one zone-aware function, `isoDateInZone`,
// turns an instant (passed in: core has no clock) into the date it is in a given zone.
import { type WallTime, instantToWallTime } from './zones';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a real 'YYYY-MM-DD' date (years 0001–9999), or null. */
export function dayNumber(iso: string): number | null {
  const m = typeof iso === 'string' ? ISO_DATE.exec(iso) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // setUTCFullYear: years below 100 stay as written
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(date.getTime() / DAY_MS);
}

/** Whether `iso` is a real date written 'YYYY-MM-DD' (2027-02-29 is not). */
export function isIsoDate(iso: string): boolean {
  return dayNumber(iso) !== null;
}

/** 'YYYY-MM-DD' of a day number (see `dayNumber`). */
export function isoDate(day: number): string {
  const date = new Date(day * DAY_MS);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  return `${year}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** `iso` moved by `days` (may be negative). Throws on a date that is not 'YYYY-MM-DD'. */
export function addDays(iso: string, days: number): string {
  return isoDate(requireDay(iso) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return requireDay(to) - requireDay(from);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(iso: string): number {
  return weekdayOfDay(requireDay(iso));
}

export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The first date strictly after `iso` that falls on `weekday` (0 = Sunday): 1 to 7 days later. */
export function nextWeekdayAfter(iso: string, weekday: number): string {
  const day = requireDay(iso);
  const ahead = ((weekday - weekdayOfDay(day) + 6) % 7) + 1;
  return isoDate(day + ahead);
}

/**
 * The calendar date of the instant `at` in the IANA zone `timeZone` ('YYYY-MM-DD'). Falls back to
 * UTC when the zone is unknown to Intl.
 */
export function isoDateInZone(at: Date, timeZone: string): string {
  let w: WallTime;
  try {
    w = instantToWallTime(at.getTime(), timeZone);
  } catch {
    return isoDate(Math.floor(at.getTime() / DAY_MS));
  }
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

function requireDay(iso: string): number {
  const day = dayNumber(iso);
  if (day === null) throw new RangeError(`Not a date written YYYY-MM-DD: ${JSON.stringify(String(iso)).slice(0, 40)}`);
  return day;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
