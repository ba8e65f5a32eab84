// What Sheets does to a single cell's value, as pure functions: how a written value is converted
// (formulas, numbers, booleans, dates and times in the spreadsheet's zone), what getValues and
// getDisplayValues read back given the cell's number format, and the zone arithmetic behind both.
//
// Sources, cited again next to each rule:
//   [VALUES]  https://developers.google.com/apps-script/reference/spreadsheet/range#setvalues(Object)
//   [FMT]     https://developers.google.com/sheets/api/guides/formats (number/date format tokens,
//             date-time serial numbers counted in days from 1899-12-30)
//   [OFFLINE] /work/shared/reference/offline-testing.md ("Sheets converts what you write")
// ⚠ marks rules taken from memory or reasoning that still need checking against a real sheet
// (docs/ manual check-list).
import { instantToWallTime, utcWallTime, wallAsUtc, wallClockFormatter, zonedWallTimeToInstant, type WallTime } from '../../core/zones';

export { instantToWallTime, zonedWallTimeToInstant, type WallTime };

/** What a cell holds. `undefined` (no key) is a blank cell, read back as ''. */
export type StoredValue = string | number | boolean | Date;

/** A value as Apps Script code may write it. */
export type WritableValue = string | number | boolean | Date | null;

/** The most characters a cell holds (Sheets API and Apps Script both reject more). */
export const MAX_CELL_CHARS = 50000;

/**
 * Confirmed wording: Sheets API / Apps Script error quoted in public bug reports (e.g. GitHub
 * ONE-F-M/one_fm#1926 and several Sheets API clients) — "Your input contains more than the
 * maximum of 50000 characters in a single cell."
 */
export const CELL_TOO_LONG = `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`;

/**
 * What `getNumberFormat()` reports for a cell nobody formatted ("Automatic").
 * ⚠ from memory of real Apps Script output, not found in the docs.
 */
export const AUTOMATIC_FORMAT_REPORTED = '0.###############';

/** The format Sheets applies to a Date written to an automatic cell: date only at midnight. ⚠ */
export const DEFAULT_DATE_FORMAT = 'M/d/yyyy';
export const DEFAULT_DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

const MS_PER_DAY = 86400000;
/** Day 0 of Sheets' date serial numbers [FMT]. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** True for a Date from any realm (the bundle runs in a node:vm realm, so no `instanceof`). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

// ---------------------------------------------------------------------------------------------
// Validation of what code writes
// ---------------------------------------------------------------------------------------------

/**
 * Why `value` cannot be written to a cell, or null when it can. Allowed: string, number, boolean,
 * Date, null (a blank cell) [VALUES: "The values may be of type Number, Boolean, Date, or String"].
 * ⚠ Apps Script's exact reaction to `undefined`, NaN, Infinity, invalid Dates and plain objects is
 * unconfirmed; the emulation rejects them (strictest choice) with its own wording, so a test fails
 * where real Sheets might silently write something odd.
 */
export function checkWritable(value: unknown): string | null {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return value.length > MAX_CELL_CHARS ? CELL_TOO_LONG : null;
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : `Cannot write the number ${value} to a cell (emulation rejects non-finite numbers).`;
    case 'undefined':
      return 'Cannot write undefined to a cell (emulation rejects undefined; write null or \'\' for a blank cell).';
    default:
      if (isDate(value)) {
        return Number.isNaN(value.getTime()) ? 'Cannot write an invalid Date to a cell (emulation).' : null;
      }
      return `Cannot write a value of type ${Array.isArray(value) ? 'array' : typeof value} to a cell (emulation accepts string, number, boolean, Date, null).`;
  }
}

// ---------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------

/** Throws RangeError for a zone name Intl does not know. */
export function assertTimeZone(zone: string): void {
  wallClockFormatter(zone);
}

/** Serial number (days since 1899-12-30) of a wall time [FMT]. */
export function wallTimeToSerial(w: WallTime): number {
  return (wallAsUtc(w) - SERIAL_EPOCH_MS) / MS_PER_DAY;
}

/** Wall time of a serial number, to the millisecond [FMT]. */
export function serialToWallTime(serial: number): WallTime {
  return utcWallTime(Math.round(serial * MS_PER_DAY) + SERIAL_EPOCH_MS);
}

// ---------------------------------------------------------------------------------------------
// Conversion of written values
// ---------------------------------------------------------------------------------------------

/** What a write does to a cell: a value (with the format Sheets infers from it), or a formula. */
export type CellWrite =
  | { kind: 'blank' }
  | { kind: 'value'; value: StoredValue; inferredFormat?: string }
  | { kind: 'formula'; formula: string };

export interface ConversionContext {
  /** The spreadsheet's time zone: typed dates are wall times there. */
  timeZone: string;
  /** The clock: "1/2" means January 2 of the current year (in `timeZone`). */
  now: Date;
}

/**
 * What Sheets stores when code writes `value` to a cell whose number format is `format`
 * (undefined = automatic). Check the value with {@link checkWritable} first.
 *
 * Strings are read the way Sheets reads typed input in the en_US locale [OFFLINE]:
 * - a leading apostrophe forces text and is not stored ("'42" → "42") ⚠ also under '@';
 * - plain text format '@' keeps every string as written (no formula, no conversion);
 * - "=…" becomes a formula. Formulas are kept for getFormulas but NOT computed here: getValues
 *   and getDisplayValues read '' for them, so code must never depend on formula results;
 * - "TRUE"/"false" become booleans, "42", "+1", "-3.5", "1,000", "1e3", "50%", "$5" numbers,
 *   "2026-12-01", "12/1/2026", "1/2", "9-17", "Dec 1, 2026" (+ optional time) dates, "12:30",
 *   "9:00 AM" times (a Date on 1899-12-30 at that wall time), all in `ctx.timeZone`.
 */
export function convertWrite(value: WritableValue, format: string | undefined, ctx: ConversionContext): CellWrite {
  if (value === null || value === '') return { kind: 'blank' };
  if (typeof value === 'number') return { kind: 'value', value: value === 0 ? 0 : value }; // -0 → 0
  if (typeof value === 'boolean') return { kind: 'value', value };
  if (isDate(value)) {
    const date = new Date(value.getTime());
    if (format !== undefined) return { kind: 'value', value: date };
    // ⚠ A Date written to an automatic cell shows as a date (midnight) or a date-time.
    const w = instantToWallTime(date.getTime(), ctx.timeZone);
    const midnight = w.hour === 0 && w.minute === 0 && w.second === 0 && w.millisecond === 0;
    return { kind: 'value', value: date, inferredFormat: midnight ? DEFAULT_DATE_FORMAT : DEFAULT_DATE_TIME_FORMAT };
  }
  const text = value as string;
  if (text.startsWith("'")) return text.length === 1 ? { kind: 'blank' } : { kind: 'value', value: text.slice(1) };
  if (format === '@') return { kind: 'value', value: text };
  if (text.startsWith('=') && text.length > 1) return { kind: 'formula', formula: text };
  const parsed = parseTypedText(text, ctx);
  if (parsed) return { kind: 'value', value: parsed.value, inferredFormat: format === undefined ? parsed.format : undefined };
  return { kind: 'value', value: text };
}

/** A string Sheets turns into something else, with the number format it infers. */
export interface ParsedText {
  value: number | boolean | Date;
  format?: string;
}

/** The number, boolean, date or time a typed string means in en_US, or null for text. */
export function parseTypedText(text: string, ctx: ConversionContext): ParsedText | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  return parseNumberText(t) ?? parseDateTimeText(t, ctx);
}

const NUMBER_RE =
  /^([+-])?(\$)?([+-])?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?(%)?$/;

/**
 * "42", "+1", "-3.5", ".5", "007", "1,000" (groups of three only), "1e3", "50%", "$5", "-$5".
 * Inferred formats ⚠ (what Sheets shows after typing): "1,000" → #,##0, "$5" → "$"#,##0.00,
 * "50%" → 0%, "1e3" → 0.00E+00.
 */
export function parseNumberText(t: string): ParsedText | null {
  const m = NUMBER_RE.exec(t);
  if (!m) return null;
  const [, sign1, dollar, sign2, intPart, frac, exp, percent] = m;
  if (sign1 && sign2) return null;
  if (!dollar && sign2) return null;
  if ((intPart ?? '') === '' && (frac ?? '') === '') return null;
  if (dollar && (percent || exp !== undefined)) return null;
  if (percent && exp !== undefined) return null;
  const negative = (sign1 ?? sign2) === '-';
  const digits = `${intPart || '0'}`.replace(/,/g, '');
  const exponent = Number(exp ?? 0) - (percent ? 2 : 0);
  let n = Number(`${digits}.${frac ?? ''}e${exponent}`);
  if (!Number.isFinite(n)) return null;
  if (negative) n = -n;
  if (n === 0) n = 0;
  const decimals = (frac ?? '').length > 0;
  let format: string | undefined;
  if (percent) format = decimals ? '0.00%' : '0%';
  else if (dollar) format = '"$"#,##0.00';
  else if (exp !== undefined) format = '0.00E+00';
  else if (intPart?.includes(',')) format = decimals ? '#,##0.00' : '#,##0';
  return { value: n, format };
}

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function monthFromName(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = MONTH_NAMES.findIndex((m) => m.toLowerCase() === n || m.slice(0, 3).toLowerCase() === n);
  if (i >= 0) return i + 1;
  return n === 'sept' ? 9 : null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Two-digit years: ⚠ 00–29 → 2000s, 30–99 → 1900s (the usual spreadsheet pivot, unconfirmed). */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  twelveHour: boolean;
  hasSeconds: boolean;
}

const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*([ap])?(?:\.?m\.?)?$/i;
const HOUR_ONLY_RE = /^(\d{1,2})\s*([ap])\.?m\.?$/i;

/** "12:30", "9:00 AM", "21:05:09", "9:00:00.250", "9 pm". Hours 0–23, or 1–12 with AM/PM. */
function parseTimeOfDay(t: string): TimeOfDay | null {
  let hour: number;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let ampm: string | undefined;
  let hasSeconds = false;
  const m = TIME_RE.exec(t);
  if (m) {
    hour = Number(m[1]);
    minute = Number(m[2]);
    if (m[3] !== undefined) {
      second = Number(m[3]);
      hasSeconds = true;
    }
    if (m[4] !== undefined) millisecond = Number(m[4].padEnd(3, '0'));
    ampm = m[5];
    // "9:00m" or "9:00 .m." without a/p is not a time.
    if (!ampm && /m\.?$/i.test(t)) return null;
  } else {
    const h = HOUR_ONLY_RE.exec(t);
    if (!h) return null;
    hour = Number(h[1]);
    ampm = h[2];
  }
  if (minute > 59 || second > 59) return null;
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    const pm = ampm.toLowerCase() === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) {
    return null; // ⚠ Sheets reads "25:00" as a duration; the emulation leaves it as text.
  }
  return { hour, minute, second, millisecond, twelveHour: !!ampm, hasSeconds };
}

function timeFormat(t: TimeOfDay): string {
  // ⚠ Display Sheets picks for a typed time: "12:30" → 12:30:00, "9:00 AM" → 9:00 AM.
  return t.twelveHour ? (t.hasSeconds ? 'h:mm:ss AM/PM' : 'h:mm AM/PM') : 'H:mm:ss';
}

interface DateOnly {
  year: number;
  month: number;
  day: number;
  format: string;
}

const ISO_DATE_RE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;
const US_DATE_RE = /^(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/;
const NAMED_MD_RE = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:(?:,\s*|\s+)(\d{4}))?$/;
const NAMED_DM_RE = /^(\d{1,2})\s+([A-Za-z]{3,9}\.?)(?:,?\s+(\d{4}))?$/;

/** The date part of typed text; the year defaults to the current year in the sheet's zone. */
function parseDateOnly(t: string, currentYear: number): DateOnly | null {
  let year: number;
  let month: number;
  let day: number;
  let format: string;
  let m: RegExpExecArray | null;
  if ((m = ISO_DATE_RE.exec(t))) {
    year = Number(m[1]);
    month = Number(m[3]);
    day = Number(m[4]);
    format = m[2] === '-' ? 'yyyy-mm-dd' : 'yyyy/mm/dd'; // ⚠ Sheets keeps the typed layout
  } else if ((m = US_DATE_RE.exec(t))) {
    month = Number(m[1]);
    day = Number(m[3]);
    year = m[4] === undefined ? currentYear : fullYear(m[4]);
    format = m[4] === undefined ? 'M/d' : 'M/d/yyyy'; // ⚠
  } else if ((m = NAMED_MD_RE.exec(t)) || (m = NAMED_DM_RE.exec(t))) {
    const named = /^\d/.test(m[1]) ? m[2] : m[1];
    const dayText = /^\d/.test(m[1]) ? m[1] : m[2];
    const mo = monthFromName(named);
    if (mo === null) return null;
    month = mo;
    day = Number(dayText);
    year = m[3] === undefined ? currentYear : Number(m[3]);
    format = m[3] === undefined ? 'mmmm d' : 'mmmm d, yyyy'; // ⚠
  } else {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day, format };
}

/** Dates, date-times and times in en_US, as instants in `ctx.timeZone`. */
export function parseDateTimeText(t: string, ctx: ConversionContext): ParsedText | null {
  const time = parseTimeOfDay(t);
  if (time) {
    const value = zonedWallTimeToInstant(1899, 12, 30, time.hour, time.minute, time.second, ctx.timeZone, time.millisecond);
    return { value, format: timeFormat(time) };
  }
  const currentYear = instantToWallTime(ctx.now.getTime(), ctx.timeZone).year;
  let date = parseDateOnly(t, currentYear);
  let tod: TimeOfDay | null = null;
  if (!date) {
    // "<date> <time>": the time is the last one or two space-separated words ("10:30", "9:00 AM").
    const words = t.split(/\s+/);
    for (const take of [1, 2]) {
      if (words.length <= take) continue;
      const d = parseDateOnly(words.slice(0, -take).join(' '), currentYear);
      const tt = d && parseTimeOfDay(words.slice(-take).join(' '));
      if (d && tt) {
        date = d;
        tod = tt;
        break;
      }
    }
    if (!date) return null;
  }
  const value = zonedWallTimeToInstant(
    date.year, date.month, date.day,
    tod?.hour ?? 0, tod?.minute ?? 0, tod?.second ?? 0,
    ctx.timeZone, tod?.millisecond ?? 0,
  );
  const format = tod ? `${date.format} ${timeFormat(tod)}` : date.format;
  return { value, format };
}

// ---------------------------------------------------------------------------------------------
// Reading back
// ---------------------------------------------------------------------------------------------

/** The value-bearing kind of a number format. */
export type FormatKind = 'automatic' | 'text' | 'date' | 'number';

/** Classifies a number format: automatic (unset), plain text '@', a date/time format, or numeric. */
export function formatKind(format: string | undefined): FormatKind {
  if (format === undefined || format === '' || /^(general|automatic)$/i.test(format)) return 'automatic';
  if (format === '@') return 'text';
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, (b) => (/^\[(h+|m+|s+)\]$/i.test(b) ? 'h' : ''))
    .replace(/a\/p|am\/pm/gi, 'h')
    .replace(/(s+)\.0+/gi, '$1');
  if (/[0#?]/.test(bare)) return 'number';
  return /[ydhms]/i.test(bare) ? 'date' : 'number';
}

/**
 * What getValues returns for a stored value under `format` (Sheets keeps dates as numbers and
 * types them by format [FMT]): a number under a date format reads as a Date; a Date under an
 * explicit numeric format reads as its serial number; anything else as stored. Dates are new
 * objects each call, built with `makeDate` (so the bundle's realm can get its own Dates).
 */
export function readValue(
  stored: StoredValue | undefined,
  format: string | undefined,
  zone: string,
  makeDate: (ms: number) => Date = (ms) => new Date(ms),
): string | number | boolean | Date {
  if (stored === undefined) return '';
  const kind = formatKind(format);
  if (typeof stored === 'number') {
    if (kind !== 'date') return stored;
    const w = serialToWallTime(stored);
    return makeDate(zonedWallTimeToInstant(w.year, w.month, w.day, w.hour, w.minute, w.second, zone, w.millisecond).getTime());
  }
  if (isDate(stored)) {
    // ⚠ '@' applied over an existing Date keeps reading it as a Date (values are untouched).
    if (kind === 'number') return wallTimeToSerial(instantToWallTime(stored.getTime(), zone));
    return makeDate(stored.getTime());
  }
  return stored;
}

/**
 * What getDisplayValues shows for a stored value under `format`. Booleans show TRUE/FALSE,
 * text as written, numbers and dates through the format (tokens per [FMT]). With no format a
 * number shows in Sheets' "automatic" style (⚠ approximated: Sheets also adapts it to the
 * column's width) and a Date as M/d/yyyy (midnight) or M/d/yyyy H:mm:ss.
 */
export function displayValue(stored: StoredValue | undefined, format: string | undefined, zone: string): string {
  if (stored === undefined) return '';
  if (typeof stored === 'boolean') return stored ? 'TRUE' : 'FALSE';
  if (typeof stored === 'string') return stored;
  const kind = formatKind(format);
  if (isDate(stored)) {
    const w = instantToWallTime(stored.getTime(), zone);
    if (kind === 'date') return formatDate(w, format!);
    if (kind === 'number') return formatNumber(wallTimeToSerial(w), format!);
    const midnight = w.hour === 0 && w.minute === 0 && w.second === 0 && w.millisecond === 0;
    return formatDate(w, midnight ? DEFAULT_DATE_FORMAT : DEFAULT_DATE_TIME_FORMAT);
  }
  if (kind === 'date') return formatDate(serialToWallTime(stored), format!);
  if (kind === 'number') return formatNumber(stored, format!);
  return automaticNumber(stored);
}

/** Sheets' automatic display of a number (⚠ approximation, see {@link displayValue}). */
export function automaticNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e15 || abs < 1e-9) return formatNumber(n, '0.00E+00');
  const s = String(Number(n.toPrecision(10)));
  return s.includes('e') ? formatNumber(n, '0.00E+00') : s;
}

// ---------------------------------------------------------------------------------------------
// Number formats
// ---------------------------------------------------------------------------------------------

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted && i + 1 < format.length) {
      cur += ch + format[++i];
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Renders a number with a numeric format: `0`, `0.00`, `#,##0`, `#,##0.00`, `0%`, `0.0%`,
 * `0.00E+00`, quoted or escaped literals (`"$"#,##0.00`), `positive;negative;zero` sections [FMT].
 * Digit placeholders are read as one block (no phone-number style interleaving).
 */
export function formatNumber(n: number, format: string): string {
  const sections = splitSections(format);
  let section = sections[0];
  let value = n;
  let minus = n < 0;
  if (n < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1];
    value = -n;
    minus = false;
  } else if (n === 0 && sections.length > 2 && sections[2] !== '') {
    section = sections[2];
  }
  const prefix: string[] = [];
  const suffix: string[] = [];
  let pattern = '';
  let inNumber = false;
  let done = false;
  let percent = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const lit = section.slice(i + 1, end < 0 ? undefined : end);
      (inNumber || done ? suffix : prefix).push(lit);
      if (inNumber) done = true;
      inNumber = false;
      i = end < 0 ? section.length : end;
      continue;
    }
    if (ch === '\\') {
      (inNumber || done ? suffix : prefix).push(section[i + 1] ?? '');
      if (inNumber) done = true;
      inNumber = false;
      i++;
      continue;
    }
    if (ch === '_' || ch === '*') {
      i++;
      continue;
    }
    const numeric = /[0#?,.]/.test(ch) || ((ch === 'E' || ch === 'e') && /[+-]/.test(section[i + 1] ?? ''));
    if (!done && numeric && (inNumber || /[0#?.]/.test(ch))) {
      inNumber = true;
      if (ch === 'E' || ch === 'e') {
        pattern += 'E' + section[i + 1];
        i++;
      } else {
        pattern += ch;
      }
      continue;
    }
    if (ch === '%') percent = true;
    if (inNumber) {
      done = true;
      inNumber = false;
    }
    (done ? suffix : prefix).push(ch === '@' ? '' : ch);
  }
  if (percent) value *= 100;
  const body = pattern === '' ? '' : renderDigits(Math.abs(value), pattern);
  return `${minus && body !== '' && /[1-9]/.test(body) ? '-' : ''}${prefix.join('')}${body}${suffix.join('')}`;
}

function renderDigits(abs: number, pattern: string): string {
  const expAt = pattern.search(/E[+-]/);
  const mantissaPattern = expAt >= 0 ? pattern.slice(0, expAt) : pattern;
  const [intPattern, fracPattern = ''] = mantissaPattern.split('.');
  const grouping = intPattern.includes(',') && /[0#?],+[0#?]/.test(intPattern);
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const maxFrac = (fracPattern.match(/[0#?]/g) ?? []).length;
  const minFrac = (fracPattern.match(/0/g) ?? []).length;
  let scaled = abs;
  let exponentText = '';
  if (expAt >= 0) {
    const expDigits = (pattern.slice(expAt + 2).match(/0/g) ?? []).length || 1;
    let exp = abs === 0 ? 0 : Math.floor(Math.log10(abs));
    scaled = abs / 10 ** exp;
    if (Number(scaled.toFixed(maxFrac)) >= 10) {
      exp += 1;
      scaled = abs / 10 ** exp;
    }
    const sign = exp < 0 ? '-' : pattern[expAt + 1] === '+' ? '+' : '';
    exponentText = `E${sign}${String(Math.abs(exp)).padStart(expDigits, '0')}`;
  }
  let [intDigits, fracDigits = ''] = roundFixed(scaled, maxFrac).split('.');
  fracDigits = fracDigits.replace(/0+$/, '');
  if (fracDigits.length < minFrac) fracDigits = fracDigits.padEnd(minFrac, '0');
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (grouping) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${intDigits}${fracDigits === '' ? '' : '.'}${fracDigits}${exponentText}`;
}

/** Rounds half away from zero on the decimal digits (toFixed alone rounds 1.005 down). */
function roundFixed(abs: number, decimals: number): string {
  const shifted = Number(`${abs}e${decimals}`);
  if (!Number.isFinite(shifted)) return abs.toFixed(decimals);
  const rounded = Math.round(shifted);
  return Number(`${rounded}e-${decimals}`).toFixed(decimals);
}

type DateToken =
  | { t: 'lit'; s: string }
  | { t: 'y' | 'm' | 'd' | 'h' | 's' | 'min'; n: number }
  | { t: 'ampm'; upper: boolean; short: boolean }
  | { t: 'frac'; n: number };

function tokenizeDate(format: string): DateToken[] {
  const tokens: DateToken[] = [];
  for (let i = 0; i < format.length; ) {
    const ch = format[i];
    const rest = format.slice(i);
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      tokens.push({ t: 'lit', s: format.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      tokens.push({ t: 'lit', s: format[i + 1] ?? '' });
      i += 2;
      continue;
    }
    const ampm = /^(am\/pm|a\/p)/i.exec(rest);
    if (ampm) {
      tokens.push({ t: 'ampm', upper: ampm[1][0] === 'A', short: ampm[1].length === 3 });
      i += ampm[1].length;
      continue;
    }
    const run = /^([yY]+|[mM]+|[dD]+|[hH]+|[sS]+)/.exec(rest);
    if (run) {
      const letter = run[1][0].toLowerCase() as 'y' | 'm' | 'd' | 'h' | 's';
      tokens.push({ t: letter, n: run[1].length });
      i += run[1].length;
      continue;
    }
    const frac = /^\.(0+)/.exec(rest);
    const prev = [...tokens].reverse().find((tk) => tk.t !== 'lit');
    if (frac && prev?.t === 's') {
      tokens.push({ t: 'frac', n: frac[1].length });
      i += frac[0].length;
      continue;
    }
    tokens.push({ t: 'lit', s: ch });
    i++;
  }
  // "m"/"mm" next to hours or seconds are minutes [FMT].
  const fields = tokens.map((tk, idx) => ({ tk, idx })).filter(({ tk }) => tk.t !== 'lit');
  fields.forEach(({ tk, idx }, k) => {
    if (tk.t !== 'm' || tk.n > 2) return;
    const before = fields[k - 1]?.tk.t;
    const after = fields[k + 1]?.tk.t;
    if (before === 'h' || after === 's') tokens[idx] = { t: 'min', n: tk.n };
  });
  return tokens;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Renders a wall time with a date/time format: yyyy, yy, M…mmmm, d…dddd, H/h, mm, ss, AM/PM. */
export function formatDate(w: WallTime, format: string): string {
  const tokens = tokenizeDate(format);
  const twelve = tokens.some((tk) => tk.t === 'ampm');
  const weekday = new Date(Date.UTC(2000, 0, 1));
  weekday.setUTCFullYear(w.year, w.month - 1, w.day);
  return tokens
    .map((tk) => {
      switch (tk.t) {
        case 'lit':
          return tk.s;
        case 'y':
          return tk.n <= 2 ? pad(((w.year % 100) + 100) % 100, 2) : String(w.year);
        case 'm':
          if (tk.n === 1) return String(w.month);
          if (tk.n === 2) return pad(w.month, 2);
          if (tk.n === 3) return MONTH_NAMES[w.month - 1].slice(0, 3);
          if (tk.n === 4) return MONTH_NAMES[w.month - 1];
          return MONTH_NAMES[w.month - 1][0];
        case 'd':
          if (tk.n === 1) return String(w.day);
          if (tk.n === 2) return pad(w.day, 2);
          return tk.n === 3 ? DAY_NAMES[weekday.getUTCDay()].slice(0, 3) : DAY_NAMES[weekday.getUTCDay()];
        case 'h': {
          const h = twelve ? ((w.hour + 11) % 12) + 1 : w.hour;
          return tk.n >= 2 ? pad(h, 2) : String(h);
        }
        case 'min':
          return tk.n >= 2 ? pad(w.minute, 2) : String(w.minute);
        case 's':
          return tk.n >= 2 ? pad(w.second, 2) : String(w.second);
        case 'frac':
          return '.' + pad(w.millisecond, 3).slice(0, tk.n).padEnd(tk.n, '0');
        case 'ampm': {
          const pm = w.hour >= 12;
          const text = tk.short ? (pm ? 'P' : 'A') : pm ? 'PM' : 'AM';
          return tk.upper ? text : text.toLowerCase();
        }
      }
    })
    .join('');
}
