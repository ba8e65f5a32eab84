// A person's working hours, as written in the Roster's "Working hours" column, read into days and
// minutes (in the person's own time zone; this module knows nothing of zones or dates).
//
// Accepted (case, surrounding spaces and the kind of dash do not matter):
//   ''                          → Monday–Friday 09:00–17:00 (DEFAULT_WORKING_HOURS)
//   09:00-17:00, 9:00–17:30     → those times, Monday–Friday
//   9-17, 9-17:30               → whole hours may drop the minutes (the column is plain text so
//                                 Sheets does not turn `9-17` into a date)
//   Mon-Thu 08:30-16:00         → a range of days, then the times
//   Mon,Wed,Fri 10:00-15:00     → a list of days (commas or spaces between them) …
//   Mon-Wed, Fri 9-15           → … of single days and ranges
//   Fri-Mon 9-17                → a range may wrap round the weekend (Fri, Sat, Sun, Mon)
//   09:00-17:00 Mon-Thu         → the days may also come after the times
// Days are English names or any start of them of three letters or more (Mon, Tues, Thurs,
// Wednesday). Times are 24-hour, H or HH with optional :MM; 24:00 is allowed as an end.
// Dashes: hyphen, en dash, em dash or minus sign.
//
// Not accepted (→ null): am/pm ("9am-5pm"), hours past midnight ("22:00-06:00": end before
// start), an empty window ("09:00-09:00"), several time ranges, "Weekdays", a time without a
// range ("09:00"), minutes that are not two digits ("9:5").

export interface WorkingHours {
  /** 0 = Sunday … 6 = Saturday, sorted, no repeats, never empty. */
  days: number[];
  /** Minutes from midnight, 0 … 1439. */
  start: number;
  /** Minutes from midnight, start + 1 … 1440. */
  end: number;
}

/** Monday–Friday 09:00–17:00: what a blank cell means. Frozen; parse results are fresh copies. */
export const DEFAULT_WORKING_HOURS: WorkingHours = Object.freeze({
  days: Object.freeze([1, 2, 3, 4, 5]) as number[],
  start: 9 * 60,
  end: 17 * 60,
});

/** Why a value is not working hours: the kind (for choosing a fix) and the words for a person. */
export type WorkingHoursReading =
  | { ok: true; hours: WorkingHours }
  | { ok: false; kind: 'format' | 'day' | 'time' | 'order'; reason: string };

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_ABBREVIATIONS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
const DASH = '[-\u2010\u2011\u2012\u2013\u2014\u2212]';
const TIME = '(\\d{1,2})(?::(\\d{2}))?';
const RANGE = `${TIME}\\s*${DASH}\\s*${TIME}`;
const DAYS_FIRST = new RegExp(`^(?:(.*?)(?:\\s*,\\s*|\\s+))?${RANGE}$`);
const DAYS_LAST = new RegExp(`^${RANGE}(?:\\s*,\\s*|\\s+)(.+)$`);

const MAX_LENGTH = 120;
const FORMAT_REASON = 'not like 09:00-17:00 or Mon-Thu 08:30-16:00';

/** Reads a Working hours cell, saying why when it cannot. '' (or only spaces) is the default. */
export function readWorkingHours(text: string): WorkingHoursReading {
  const value = String(text ?? '').trim();
  if (value === '') return { ok: true, hours: copy(DEFAULT_WORKING_HOURS) };
  // No working hours are this long; the patterns below are not meant for pages of text.
  if (value.length > MAX_LENGTH) return fail('format', FORMAT_REASON);

  let daysText = '';
  let times: Array<string | undefined>;
  const first = DAYS_FIRST.exec(value);
  if (first) {
    daysText = first[1] ?? '';
    times = first.slice(2, 6);
  } else {
    const last = DAYS_LAST.exec(value);
    if (!last) return fail('format', FORMAT_REASON);
    times = last.slice(1, 5);
    daysText = last[5];
  }

  const start = minutes(times[0], times[1]);
  if (start === null) return fail('time', `no such time "${timeText(times[0], times[1])}"`);
  const end = minutes(times[2], times[3]);
  if (end === null) return fail('time', `no such time "${timeText(times[2], times[3])}"`);
  if (end < start) return fail('order', 'end before they start');
  if (end === start) return fail('order', 'start and end at the same time');

  let days: number[];
  if (daysText.trim() === '') {
    days = [...DEFAULT_WORKING_HOURS.days];
  } else {
    const read = readDays(daysText);
    if (!Array.isArray(read)) return read;
    days = read;
  }
  return { ok: true, hours: { days, start, end } };
}

/** The working hours a cell holds ('' → DEFAULT_WORKING_HOURS), or null when it holds none. */
export function parseWorkingHours(text: string): WorkingHours | null {
  const reading = readWorkingHours(text);
  return reading.ok ? reading.hours : null;
}

/**
 * Writes working hours the way people read them, e.g. "Mon-Fri 09:00-17:00", "Mon,Wed,Fri
 * 10:00-15:00", "Sun-Thu 08:00-16:00". `parseWorkingHours` reads the text back to the same value.
 */
export function formatWorkingHours(hours: WorkingHours): string {
  return `${formatDays(hours.days)} ${clock(hours.start)}-${clock(hours.end)}`.trim();
}

function readDays(text: string): number[] | WorkingHoursReading {
  // "Mon - Thu" → "Mon-Thu"; then commas and spaces separate the pieces.
  const pieces = text
    .replace(new RegExp(`\\s*${DASH}\\s*`, 'g'), '-')
    .split(/[\s,]+/)
    .filter((piece) => piece !== '');
  if (pieces.length === 0) return fail('format', FORMAT_REASON);
  const days = new Set<number>();
  for (const piece of pieces) {
    const range = /^([^-]+)(?:-([^-]+))?$/.exec(piece);
    if (!range) return fail('format', FORMAT_REASON);
    const from = day(range[1]);
    if (from === null) return unknownDay(range[1]);
    const to = range[2] === undefined ? from : day(range[2]);
    if (to === null) return unknownDay(range[2]);
    // Walks forward from `from` to `to`, wrapping round the end of the week.
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function day(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3 || !/^[a-z]+$/.test(w)) return null;
  const i = DAY_NAMES.findIndex((name) => name.startsWith(w));
  return i < 0 ? null : i;
}

function unknownDay(word: string): WorkingHoursReading {
  return /\d/.test(word) ? fail('format', FORMAT_REASON) : fail('day', `unknown day "${word}"`);
}

function minutes(hoursText: string | undefined, minutesText: string | undefined): number | null {
  const h = Number(hoursText);
  const m = minutesText === undefined ? 0 : Number(minutesText);
  if (!Number.isInteger(h) || !Number.isInteger(m) || m > 59) return null;
  if (h > 24 || (h === 24 && m !== 0)) return null;
  return h * 60 + m;
}

function timeText(hoursText: string | undefined, minutesText: string | undefined): string {
  return minutesText === undefined ? String(hoursText) : `${hoursText}:${minutesText}`;
}

function fail(kind: 'format' | 'day' | 'time' | 'order', reason: string): WorkingHoursReading {
  return { ok: false, kind, reason };
}

function copy(hours: WorkingHours): WorkingHours {
  return { days: [...hours.days], start: hours.start, end: hours.end };
}

function clock(minutesFromMidnight: number): string {
  const h = Math.floor(minutesFromMidnight / 60);
  const m = minutesFromMidnight % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Runs of three days or more as ranges (wrapping round the week), others one by one. */
function formatDays(days: readonly number[]): string {
  const member = new Set(days.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6));
  if (member.size === 0) return ''; // not valid working hours; written without days, never a hang
  if (member.size === 7) return 'Mon-Sun';
  // Start at the run holding Monday (walking back over a weekend it wraps from), else at the first
  // day after Monday: no run is cut in two, and the usual week reads Mon-Fri.
  let first = 1;
  if (member.has(1)) while (member.has((first + 6) % 7)) first = (first + 6) % 7;
  else while (!member.has(first)) first = (first + 1) % 7;
  const parts: string[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 3) parts.push(`${DAY_ABBREVIATIONS[run[0]]}-${DAY_ABBREVIATIONS[run[run.length - 1]]}`);
    else parts.push(...run.map((d) => DAY_ABBREVIATIONS[d]));
    run = [];
  };
  for (let i = 0; i < 7; i++) {
    const d = (first + i) % 7;
    if (member.has(d)) run.push(d);
    else flush();
  }
  flush();
  return parts.join(',');
}
