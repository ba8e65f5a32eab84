// Skipped dates (issue 14, item 3): the setting "Skip these dates" and the Roster's "Away" column
// use the same text — single dates (2026-12-25) and ranges (2026-12-21..2027-01-03) separated by
// commas, semicolons, line breaks or spaces — read here into sorted, merged ranges, with every bad
// entry reported by its position and fix. Then a cycle's meeting dates once skipped dates are left
// out, run on (default) or shrunk, and the same series as iCalendar/Calendar sees it: its first
// date, its COUNT (which counts EXDATE'd dates, RFC 5545 §3.8.5.3) and its EXDATE values.
//
// Pure: dates are calendar dates 'YYYY-MM-DD' (dates.ts), no zone, no clock.
//
// Accepted:
//   2026-12-25                   one date
//   2026-12-21..2027-01-03       a range, both ends included; also with spaces round "..", or an
//                                en or em dash (2026-12-21 – 2027-01-03); the canonical form is ".."
//   separators                   , ; line breaks and spaces, any number of them
// Not accepted (each reported with where it is and what to write instead): another date format
// (25/12/2026, 2026-12-5), a date that does not exist (2027-02-29), a year outside 2000–2099, a
// range that ends before it starts, a range with a missing end.
import { addDays, dayNumber, isoDate } from './dates';

/** A stretch of days, both ends included, from <= to. */
export interface DateRange {
  from: string;
  to: string;
}

/** One bad entry: where it is (1-based, as an editor shows it), what it is, and what to write. */
export interface SkipDatesProblem {
  /** The entry as written. */
  text: string;
  /** Character position of its first character in the whole text, from 1. */
  position: number;
  /** Line (from 1) and column (from 1) of that character. */
  line: number;
  column: number;
  message: string;
  fix: string;
}

export interface SkipDatesReading {
  /** The good entries, sorted and merged (overlapping or touching ranges become one). */
  ranges: DateRange[];
  /** Every bad entry, in the order written. */
  problems: SkipDatesProblem[];
  /** The good entries written canonically (formatSkipDates of `ranges`). */
  canonical: string;
}

/** Years a skipped date may fall in (as the settings' dates). */
export const SKIP_YEARS = Object.freeze({ min: 2000, max: 2099 });
/** Longer text is refused unread (about 200 entries). */
export const MAX_SKIP_TEXT = 5000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads "Skip these dates" (or an Away cell). Blank text gives no ranges and no problems.
 *
 * @example
 *   readSkipDates('2026-12-21..2027-01-03, 2027-04-05').canonical
 *   // '2026-12-21..2027-01-03, 2027-04-05'
 */
export function readSkipDates(text: string): SkipDatesReading {
  const value = String(text ?? '');
  if (value.length > MAX_SKIP_TEXT) {
    return {
      ranges: [],
      problems: [
        {
          text: `${value.slice(0, 20)}…`,
          position: 1,
          line: 1,
          column: 1,
          message: `the text is too long (${value.length} characters; at most ${MAX_SKIP_TEXT})`,
          fix: 'Use ranges like 2026-12-21..2027-01-03 instead of listing every day.',
        },
      ],
      canonical: '',
    };
  }
  const ranges: DateRange[] = [];
  const problems: SkipDatesProblem[] = [];
  for (const token of tokens(value)) {
    const read = readToken(token.text);
    if ('from' in read) ranges.push(read);
    else {
      const { line, column } = lineAndColumn(value, token.at);
      problems.push({ text: token.text, position: token.at + 1, line, column, message: read.message, fix: read.fix });
    }
  }
  const merged = mergeRanges(ranges);
  return { ranges: merged, problems, canonical: formatSkipDates(merged) };
}

/** One line per problem: `"25/12/2026" (line 1, character 12) is not … Write …`. */
export function skipDatesProblemLine(p: SkipDatesProblem, multiline = false): string {
  const where = multiline ? `line ${p.line}, character ${p.column}` : `character ${p.position}`;
  return `"${p.text}" (${where}) ${p.message}. ${p.fix}`;
}

/**
 * The settings check for "Skip these dates" (for settings.ts's CHECKS): text, blank allowed, stored
 * canonically; every bad entry named, in one message that settingsProblemLines prefixes with the
 * label.
 *
 * @example
 *   checkSkipDatesSetting('2026-12-21..2027-01-03;2027-04-05') // { ok: true, value: '2026-12-21..2027-01-03, 2027-04-05' }
 *   checkSkipDatesSetting('25/12/2026') // { ok: false, message: '"25/12/2026" (character 1) is not a date written YYYY-MM-DD. Write dates like …' }
 */
export function checkSkipDatesSetting(value: unknown): { ok: true; value: string } | { ok: false; message: string } {
  if (value === null || value === undefined) return { ok: true, value: '' };
  if (typeof value !== 'string') return { ok: false, message: `must be text: dates and ranges like 2026-12-21..2027-01-03, not ${Array.isArray(value) ? 'a list' : typeof value}.` };
  const read = readSkipDates(value);
  if (read.problems.length === 0) return { ok: true, value: read.canonical };
  const multiline = /[\r\n]/.test(value);
  return { ok: false, message: read.problems.map((p) => skipDatesProblemLine(p, multiline)).join(' ') };
}

/** Ranges written canonically: single days as a date, longer ranges as from..to, ", " between. */
export function formatSkipDates(ranges: readonly DateRange[]): string {
  return mergeRanges(ranges)
    .map((r) => (r.from === r.to ? r.from : `${r.from}..${r.to}`))
    .join(', ');
}

/** Sorted, with overlapping and touching ranges (…12-24 and 12-25…) merged into one. */
export function mergeRanges(ranges: readonly DateRange[]): DateRange[] {
  const days = ranges
    .map((r) => ({ from: requireDay(r.from), to: requireDay(r.to) }))
    .filter((r) => r.from <= r.to)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Array<{ from: number; to: number }> = [];
  for (const r of days) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out.map((r) => ({ from: isoDate(r.from), to: isoDate(r.to) }));
}

/** The range holding `date`, or null. `ranges` sorted and merged (as readSkipDates gives them). */
export function skippedBy(ranges: readonly DateRange[], date: string): DateRange | null {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].to < date) lo = mid + 1; // 'YYYY-MM-DD' strings sort as dates
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo].from <= date ? ranges[lo] : null;
}

/** Whether `date` falls in one of `ranges` (sorted and merged). */
export function isSkipped(ranges: readonly DateRange[], date: string): boolean {
  return skippedBy(ranges, date) !== null;
}

// ---- A cycle's meetings with skipped dates ----------------------------------------------------------

export interface MeetingPlanInput {
  /** The series' first date, 'YYYY-MM-DD' (the cycle's start, or a group's first meeting). */
  firstDate: string;
  /** Weeks between meetings: 1 weekly, 2 fortnightly. */
  intervalWeeks: number;
  /** Meetings the cycle holds without skips (meetingsPerCycle). */
  meetings: number;
  /** Dates to leave out, sorted and merged (readSkipDates(...).ranges). */
  skip: readonly DateRange[];
  /**
   * True (default): run on past the original last meeting until `meetings` are held ("keeps its
   * number of meetings"). False: the cycle shrinks to the meetings not skipped.
   */
  keepCount?: boolean;
  /** The cycle's last day without skips. Default: firstDate + meetings × interval weeks − 1 day. */
  ends?: string;
  /** Said in each skipped date's `why`. Default 'Skip these dates'. */
  reason?: string;
}

export interface SkippedMeeting {
  date: string;
  /** "Skip these dates: 2026-12-21..2027-01-03". */
  why: string;
}

export interface MeetingPlan {
  /** The meetings held, first to last. */
  dates: string[];
  /** The regular dates left out, up to the last meeting held (or the original end when shrinking). */
  skipped: SkippedMeeting[];
  /** The cycle's last day: the original end, moved on by as many weeks as the last meeting moved. */
  ends: string;
  /** Whether the cycle ran on to keep its number of meetings (else it shrank). */
  keepCount: boolean;
  /** Running on: meetings wanted but not found within MAX_RUN_ON_WEEKS (0 normally). Shrinking: 0. */
  short: number;
  /** The series to book (null when no meeting is held). */
  series: SeriesShape | null;
}

/** A weekly series as Calendar and iCalendar write it. */
export interface SeriesShape {
  /** DTSTART's date: the first meeting held. */
  startDate: string;
  /** RRULE COUNT: every regular date from startDate to the last meeting held, EXDATE'd ones included. */
  count: number;
  /** The regular dates between the first and last meeting held that are not held. */
  exdates: string[];
  intervalWeeks: number;
}

/** Running on stops this many weeks after the original last meeting (a skip range of years). */
export const MAX_RUN_ON_WEEKS = 52;

/**
 * The meetings of a cycle (or of one group's series) once skipped dates are left out.
 *
 * @example
 *   planMeetings({ firstDate: '2026-12-08', intervalWeeks: 1, meetings: 6,
 *     skip: readSkipDates('2026-12-21..2027-01-03').ranges })
 *   // dates: 12-08, 12-15, 01-05, 01-12, 01-19, 01-26; skipped: 12-22, 12-29; ends: 2027-02-01
 *   // series: { startDate: '2026-12-08', count: 8, exdates: ['2026-12-22', '2026-12-29'] }
 */
export function planMeetings(input: MeetingPlanInput): MeetingPlan {
  const { firstDate, intervalWeeks, meetings, skip } = input;
  const keepCount = input.keepCount ?? true;
  const reason = input.reason ?? 'Skip these dates';
  const d0 = requireDay(firstDate);
  if (!Number.isInteger(intervalWeeks) || intervalWeeks < 1) throw new RangeError(`Meetings are 1 or more weeks apart, not ${String(intervalWeeks)}.`);
  if (!Number.isInteger(meetings) || meetings < 1) throw new RangeError(`A cycle has at least one meeting, not ${String(meetings)}.`);
  const step = intervalWeeks * 7;
  const ends = input.ends ?? isoDate(d0 + meetings * step - 1);
  requireDay(ends);
  const limit = keepCount ? meetings + Math.floor(MAX_RUN_ON_WEEKS / intervalWeeks) : meetings;

  const dates: string[] = [];
  const passed: SkippedMeeting[] = [];
  for (let k = 0; k < limit && dates.length < meetings; k++) {
    const date = isoDate(d0 + k * step);
    const range = skippedBy(skip, date);
    if (range) passed.push({ date, why: `${reason}: ${range.from === range.to ? range.from : `${range.from}..${range.to}`}` });
    else dates.push(date);
  }
  const last = dates.length > 0 ? dates[dates.length - 1] : null;
  // Skipped dates after the last meeting held are not part of the series (nor of a shrunk cycle's end).
  const skipped = last === null || !keepCount ? passed : passed.filter((s) => s.date < last);
  const originalLast = d0 + (meetings - 1) * step;
  const moved = keepCount && last !== null ? Math.max(0, requireDay(last) - originalLast) : 0;
  return {
    dates,
    skipped,
    ends: addDays(ends, moved),
    keepCount,
    short: keepCount ? meetings - dates.length : 0,
    series: seriesShape(dates, intervalWeeks),
  };
}

/**
 * The series that holds exactly `held` (dates on one weekly grid, sorted): DTSTART on the first,
 * COUNT up to the last, EXDATE for the grid dates between them that are not held. Null when none.
 * Throws RangeError when a date is off the grid.
 */
export function seriesShape(held: readonly string[], intervalWeeks: number): SeriesShape | null {
  if (held.length === 0) return null;
  const step = intervalWeeks * 7;
  const first = requireDay(held[0]);
  const on = new Set<number>();
  for (const date of held) {
    const offset = requireDay(date) - first;
    if (offset < 0 || offset % step !== 0) throw new RangeError(`${date} is not on the series' ${intervalWeeks}-weekly grid from ${held[0]}.`);
    on.add(offset / step);
  }
  const count = Math.max(...on) + 1;
  const exdates: string[] = [];
  for (let k = 0; k < count; k++) if (!on.has(k)) exdates.push(isoDate(first + k * step));
  return { startDate: held[0], count, exdates, intervalWeeks };
}

/**
 * EXDATE values in a series' zone for a start time: `['20261222T100000', …]`, each the local start
 * of an occurrence, as `EXDATE;TZID=Europe/London:20261222T100000` and Calendar's recurrence need.
 */
export function exdateValues(dates: readonly string[], startTime: string): string[] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(startTime);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`A start time is HH:MM, not ${JSON.stringify(startTime)}.`);
  const time = `${m[1].padStart(2, '0')}${m[2]}00`;
  return dates.map((d) => {
    requireDay(d);
    return `${d.replace(/-/g, '')}T${time}`;
  });
}

/** Calendar's recurrence lines for the series: RRULE, then one EXDATE line when dates are left out. */
export function recurrenceLines(series: SeriesShape, startTime: string, timeZone: string): string[] {
  const lines = [`RRULE:FREQ=WEEKLY;INTERVAL=${series.intervalWeeks};COUNT=${series.count}`];
  if (series.exdates.length > 0) lines.push(`EXDATE;TZID=${timeZone}:${exdateValues(series.exdates, startTime).join(',')}`);
  return lines;
}

/** "Skipped 2026-12-22 and 2026-12-29 (Skip these dates: 2026-12-21..2027-01-03); the cycle runs on to 2027-02-01 to keep 6 meetings." */
export function describePlan(plan: MeetingPlan): string {
  const { keepCount } = plan;
  if (plan.skipped.length === 0 && plan.short === 0) return '';
  const byWhy = new Map<string, string[]>();
  for (const s of plan.skipped) byWhy.set(s.why, [...(byWhy.get(s.why) ?? []), s.date]);
  const parts = [...byWhy].map(([why, dates]) => `${list(dates)} (${why})`);
  const n = plan.dates.length;
  let tail = '';
  if (plan.short > 0) tail = `; only ${n} of ${n + plan.short} meetings fit within ${MAX_RUN_ON_WEEKS} weeks`;
  else if (keepCount && plan.skipped.length > 0) tail = `; the cycle runs on to ${plan.ends} to keep ${n} meeting${n === 1 ? '' : 's'}`;
  else if (!keepCount) tail = `; the cycle keeps its end, ${plan.ends}, with ${n} meeting${n === 1 ? '' : 's'}`;
  return `Skipped ${parts.join(', ')}${tail}.`;
}

// ---- Reading the text -------------------------------------------------------------------------------

interface Token {
  text: string;
  /** 0-based offset in the text. */
  at: number;
}

const MARK_AT_END = /(?:\.\.|[\u2013\u2014])$/;
const MARK_AT_START = /^(?:\.\.|[\u2013\u2014])/;

/**
 * Entries: runs of characters other than separators; a run ending or starting with a range mark
 * joins its neighbour across spaces (not across a comma, semicolon or line break), so
 * "2026-12-21 .. 2027-01-03" is one entry.
 */
function tokens(text: string): Token[] {
  const raw: Array<{ at: number; end: number }> = [];
  const run = /[^\s,;]+/g;
  for (let m = run.exec(text); m; m = run.exec(text)) raw.push({ at: m.index, end: m.index + m[0].length });
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const at = raw[i].at;
    let end = raw[i].end;
    while (i + 1 < raw.length && /^[ \t]*$/.test(text.slice(end, raw[i + 1].at))) {
      const next = raw[i + 1];
      if (!MARK_AT_END.test(text.slice(at, end)) && !MARK_AT_START.test(text.slice(next.at, next.end))) break;
      end = next.end;
      i++;
    }
    out.push({ text: text.slice(at, end), at });
  }
  return out;
}

type TokenReading = DateRange | { message: string; fix: string };

function readToken(token: string): TokenReading {
  const parts = token.split(/\s*(?:\.\.|[\u2013\u2014])\s*/);
  if (parts.length > 2) return { message: 'has more than one ".."', fix: 'Write one range per entry, like 2026-12-21..2027-01-03, separated by commas.' };
  if (parts.length === 2) {
    if (parts[0] === '' || parts[1] === '') {
      return { message: 'is a range with a missing end', fix: 'Write both ends, like 2026-12-21..2027-01-03.' };
    }
    const from = readDate(parts[0]);
    if (typeof from !== 'string') return from;
    const to = readDate(parts[1]);
    if (typeof to !== 'string') return to;
    if (to < from) return { message: 'ends before it starts', fix: `Write the earlier date first: ${to}..${from}.` };
    return { from, to };
  }
  const date = readDate(token);
  return typeof date === 'string' ? { from: date, to: date } : date;
}

function readDate(text: string): string | { message: string; fix: string } {
  if (!DATE.test(text)) {
    return { message: 'is not a date written YYYY-MM-DD', fix: `Write dates like 2026-12-25, and ranges like 2026-12-21..2027-01-03${hint(text)}.` };
  }
  if (dayNumber(text) === null) return { message: 'is not a date that exists', fix: 'Check the month and the day, like 2027-02-28.' };
  const year = Number(text.slice(0, 4));
  if (year < SKIP_YEARS.min || year > SKIP_YEARS.max) return { message: `is not in the years ${SKIP_YEARS.min} to ${SKIP_YEARS.max}`, fix: 'Check the year.' };
  return text;
}

/** A suggestion for day-first and unpadded dates: "25/12/2026" → "2026-12-25". */
function hint(text: string): string {
  let m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (m && Number(m[2]) <= 12 && Number(m[1]) > 12) return ` (${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}?)`;
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) {
    const candidate = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    if (dayNumber(candidate) !== null) return ` (${candidate}?)`;
  }
  return '';
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function requireDay(iso: string): number {
  const day = dayNumber(iso);
  if (day === null) throw new RangeError(`Not a date written YYYY-MM-DD: ${JSON.stringify(String(iso)).slice(0, 40)}`);
  return day;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
