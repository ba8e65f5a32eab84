// The arithmetic of one group's weekly series, as Google Calendar expands it: its occurrences as UTC
// instants (daylight-saving correct, through zones.ts), the occurrences left after an instant, the
// trim that ends a series before its first changed occurrence (`UNTIL` in UTC, never with COUNT),
// the series that carries on from there, EXDATE lines, and the COUNT that keeps k meetings when
// dates are excluded. Pure: plain data in and out, instants passed in.
//
// Google's rules followed (shared/reference/apps-script.md "Lifecycle", fidelity-audit.md B1/B2):
//   - Recurring-events guide, "Modify all following instances": end the old series with an UNTIL
//     before the first changed occurrence, then insert a new series from that occurrence
//     (https://developers.google.com/workspace/calendar/api/guides/recurringevents).
//   - RFC 5545 §3.3.10: UNTIL is inclusive; with a zoned DTSTART (start.timeZone) it must be a UTC
//     date-time `yyyyMMddTHHmmssZ` (Google answers 400 "Invalid recurrence rule." to a floating one:
//     googleapis.dart#223); COUNT and UNTIL never in one rule. We write first changed − 1 s, so a
//     zone east of UTC is never double-booked (a "23:59:59Z the day before" would be).
//   - A patch replaces arrays: the whole `recurrence` array is sent again, EXDATE lines included
//     (https://developers.google.com/workspace/calendar/api/v3/reference/events/patch).
//   - RFC 5545 §3.8.5.1: an EXDATE value equals an occurrence's start exactly (local time in the
//     series' zone with TZID, or UTC with Z); several values may share a line; the set is built from
//     the RRULE first and EXDATE removes from it, so COUNT counts the excluded dates.
// Only the rules the add-on writes are read (calendar-event.ts buildSeriesEvent): FREQ=WEEKLY with
// optional INTERVAL, COUNT or UNTIL, and a BYDAY naming the start's own weekday; anything else is a
// RangeError rather than a guess.
import { addDays, dayNumber } from './dates';
import { localInstant, localTime } from './zones';

const MS_PER_SECOND = 1000;
const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** A weekly series as the event holds it: its first start (local wall time in `timeZone`) and its rule. */
export interface WeeklySeries {
  /** 'YYYY-MM-DD': the first occurrence's local date (start.dateTime's date). */
  startDate: string;
  /** 'HH:MM' (or 'HH:MM:SS'): the local wall time of every occurrence. */
  startTime: string;
  /** IANA zone the recurrence is expanded in (start.timeZone). */
  timeZone: string;
  /** Weeks between occurrences, from 1. Default 1. */
  intervalWeeks?: number;
  /** Occurrences generated, excluded dates included (RFC 5545). Exactly one of count and until. */
  count?: number;
  /** Instant (ms) of the last possible start, inclusive. */
  until?: number;
  /** Instants (ms) removed from the set (EXDATE). */
  exdates?: number[];
}

/** What a recurrence array says, read. */
export interface ParsedRecurrence {
  intervalWeeks: number;
  count?: number;
  /** UNTIL as an instant (ms); a date-only UNTIL is kept in `untilDate` instead. */
  until?: number;
  /** A date-only UNTIL ('YYYY-MM-DD'), compared with each occurrence's local date. */
  untilDate?: string;
  /** EXDATE values, each as an instant (ms). */
  exdates: number[];
}

// ---- Reading -------------------------------------------------------------------------------------

/**
 * Reads an event's `recurrence` array (RRULE and EXDATE lines) for a series starting in `timeZone`.
 * Throws a RangeError on a rule the add-on never writes (not weekly, BYDAY of another day, RDATE,
 * EXRULE), on COUNT with UNTIL, on a floating UNTIL (Google refuses it), or on an EXDATE it cannot read.
 */
export function parseRecurrence(recurrence: readonly string[], timeZone: string, startWeekday?: number): ParsedRecurrence {
  const out: ParsedRecurrence = { intervalWeeks: 1, exdates: [] };
  let rules = 0;
  for (const raw of recurrence) {
    const line = String(raw).trim();
    const name = (/^[A-Za-z-]+/.exec(line)?.[0] ?? '').toUpperCase();
    if (name === 'RRULE') {
      rules++;
      readRule(line.slice(line.indexOf(':') + 1), out, startWeekday);
    } else if (name === 'EXDATE') {
      out.exdates.push(...readExdate(line, timeZone));
    } else {
      throw new RangeError(`A recurrence line the add-on does not write: ${JSON.stringify(line.slice(0, 40))}.`);
    }
  }
  if (rules !== 1) throw new RangeError(`A series has exactly one RRULE line, not ${rules}.`);
  return out;
}

function readRule(body: string, out: ParsedRecurrence, startWeekday: number | undefined): void {
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const kv = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!kv) throw new RangeError(`A malformed RRULE part ${JSON.stringify(part.slice(0, 20))}.`);
    const key = kv[1].toUpperCase();
    if (parts.has(key)) throw new RangeError(`The RRULE has ${key} twice.`);
    parts.set(key, kv[2].toUpperCase());
  }
  if (parts.get('FREQ') !== 'WEEKLY') throw new RangeError('Only weekly series (FREQ=WEEKLY) are read.');
  if (parts.has('COUNT') && parts.has('UNTIL')) throw new RangeError('An RRULE cannot have both COUNT and UNTIL (RFC 5545 §3.3.10).');
  for (const key of parts.keys()) {
    if (!['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'WKST'].includes(key)) throw new RangeError(`The RRULE part ${key} is not read.`);
  }
  const interval = parts.get('INTERVAL');
  if (interval !== undefined) {
    if (!/^[1-9][0-9]{0,2}$/.test(interval)) throw new RangeError(`INTERVAL must be a whole number from 1, not ${interval}.`);
    out.intervalWeeks = Number(interval);
  }
  const count = parts.get('COUNT');
  if (count !== undefined) {
    if (!/^[1-9][0-9]{0,3}$/.test(count)) throw new RangeError(`COUNT must be a whole number from 1, not ${count}.`);
    out.count = Number(count);
  }
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    const utc = parseUtcStamp(until);
    if (utc !== null) out.until = utc;
    else if (/^\d{8}$/.test(until) && dayNumber(compactToIsoDate(until)) !== null) out.untilDate = compactToIsoDate(until);
    else throw new RangeError(`UNTIL must be a UTC date-time like 20270112T095959Z (a floating time is refused by Google), not ${until}.`);
  }
  const byday = parts.get('BYDAY');
  if (byday !== undefined && (startWeekday === undefined || byday !== WEEKDAY_CODES[startWeekday])) {
    throw new RangeError(`BYDAY=${byday} other than the start's own weekday is not read.`);
  }
}

function readExdate(line: string, timeZone: string): number[] {
  const colon = line.indexOf(':');
  if (colon < 0) throw new RangeError(`An EXDATE line without values: ${JSON.stringify(line.slice(0, 40))}.`);
  const params = line.slice(0, colon).split(';').slice(1);
  let zone: string | null = null;
  for (const p of params) {
    const kv = /^([A-Za-z-]+)=(.+)$/.exec(p);
    if (kv && kv[1].toUpperCase() === 'TZID') zone = kv[2];
    else if (kv && kv[1].toUpperCase() === 'VALUE' && kv[2].toUpperCase() === 'DATE-TIME') continue;
    else throw new RangeError(`The EXDATE parameter ${JSON.stringify(p)} is not read (only TZID and date-times).`);
  }
  return line.slice(colon + 1).split(',').map((value) => {
    const v = value.trim().toUpperCase();
    const utc = parseUtcStamp(v);
    if (utc !== null) {
      if (zone !== null) throw new RangeError(`EXDATE ${v}: a UTC value takes no TZID.`);
      return utc;
    }
    const local = /^(\d{8})T(\d{2})(\d{2})(\d{2})$/.exec(v);
    if (!local || dayNumber(compactToIsoDate(local[1])) === null) throw new RangeError(`EXDATE ${JSON.stringify(v)} is not a date-time.`);
    // RFC 5545: a value without TZID or Z is floating; the series' own zone is the only sensible reading.
    return localInstant(compactToIsoDate(local[1]), Number(local[2]) * 60 + Number(local[3]), zone ?? timeZone) + Number(local[4]) * MS_PER_SECOND;
  });
}

/** The series an event describes: `start` as buildSeriesEvent writes it, and its recurrence array. */
export function seriesOf(start: { dateTime: string; timeZone: string }, recurrence: readonly string[]): WeeklySeries {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/.exec(start.dateTime);
  if (!m || dayNumber(m[1]) === null) throw new RangeError(`start.dateTime must be a local date-time without offset, not ${JSON.stringify(start.dateTime)}.`);
  const weekday = weekdayOfDate(m[1]);
  const r = parseRecurrence(recurrence, start.timeZone, weekday);
  const series: WeeklySeries = { startDate: m[1], startTime: m[2], timeZone: start.timeZone, intervalWeeks: r.intervalWeeks, exdates: r.exdates };
  if (r.count !== undefined) series.count = r.count;
  if (r.until !== undefined) series.until = r.until;
  if (r.untilDate !== undefined) {
    // A date-only UNTIL keeps every occurrence on or before that local date.
    series.until = localInstant(addDays(r.untilDate, 1), 0, start.timeZone) - 1;
  }
  return series;
}

// ---- Expanding -----------------------------------------------------------------------------------

/** The most occurrences a series is expanded to (a guard; the add-on's series hold at most 12). */
export const MAX_OCCURRENCES = 1000;

/**
 * Every occurrence's start as a UTC instant (ms), oldest first: the start's wall time on every
 * `intervalWeeks`-th week from `startDate`, in `timeZone` (so 10:00 stays 10:00 local across a
 * daylight-saving change; a wall time skipped by the change is read with the offset before it, as
 * RFC 5545 §3.3.5 says), COUNT counting excluded dates, UNTIL inclusive, EXDATEs removed.
 */
export function occurrences(series: WeeklySeries): number[] {
  return rawOccurrences(series).filter((t) => !(series.exdates ?? []).includes(t));
}

/** The occurrences before EXDATE removes any (what COUNT counts). */
function rawOccurrences(series: WeeklySeries): number[] {
  const interval = series.intervalWeeks ?? 1;
  if (!Number.isInteger(interval) || interval < 1) throw new RangeError(`The interval is a whole number of weeks from 1, not ${String(interval)}.`);
  const hasCount = series.count !== undefined;
  const hasUntil = series.until !== undefined;
  if (hasCount === hasUntil) throw new RangeError('A series needs exactly one of COUNT and UNTIL.');
  if (hasCount && (!Number.isInteger(series.count) || (series.count as number) < 1)) {
    throw new RangeError(`COUNT is a whole number from 1, not ${String(series.count)}.`);
  }
  const minutes = wallMinutes(series.startTime);
  const seconds = wallSeconds(series.startTime);
  const out: number[] = [];
  for (let i = 0; i < MAX_OCCURRENCES; i++) {
    if (hasCount && out.length >= (series.count as number)) break;
    const at = localInstant(addDays(series.startDate, i * 7 * interval), minutes, series.timeZone) + seconds * MS_PER_SECOND;
    if (hasUntil && at > (series.until as number)) break;
    out.push(at);
  }
  return out;
}

/** The occurrences starting at or after `from` (ms): what is left of the series. */
export function occurrencesFrom(series: WeeklySeries, from: number): number[] {
  return occurrences(series).filter((t) => t >= from);
}

/** The first occurrence starting at or after `from`, or null when the series is over. */
export function nextOccurrence(series: WeeklySeries, from: number): number | null {
  return occurrencesFrom(series, from)[0] ?? null;
}

/**
 * How many occurrences to request (COUNT) for `kept` meetings every `intervalWeeks` weeks from
 * `startDate`, when the local dates in `skipped` are excluded with EXDATE: COUNT counts excluded
 * dates (RFC 5545 §3.8.5.1), so each skipped date before the last kept meeting adds one.
 *
 * @example countForKept(6, '2026-12-08', 1, ['2026-12-22', '2026-12-29']) // 8
 */
export function countForKept(kept: number, startDate: string, intervalWeeks: number, skipped: readonly string[]): number {
  if (!Number.isInteger(kept) || kept < 1) throw new RangeError(`Keep a whole number of meetings from 1, not ${String(kept)}.`);
  if (!Number.isInteger(intervalWeeks) || intervalWeeks < 1) throw new RangeError(`The interval is a whole number of weeks from 1, not ${String(intervalWeeks)}.`);
  const skip = new Set(skipped);
  let count = 0;
  let have = 0;
  while (have < kept) {
    if (count >= MAX_OCCURRENCES) throw new RangeError('Too many skipped dates to keep that many meetings.');
    if (!skip.has(addDays(startDate, count * 7 * intervalWeeks))) have++;
    count++;
  }
  return count;
}

// ---- Writing -------------------------------------------------------------------------------------

/** An instant as iCalendar's UTC date-time: 'yyyyMMddTHHmmssZ' (whole seconds, rounded down). */
export function utcStamp(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError('Not an instant.');
  const iso = new Date(Math.floor(ms / MS_PER_SECOND) * MS_PER_SECOND).toISOString(); // 2027-01-12T09:59:59.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/**
 * The recurrence array that ends the series just before `firstChanged` (an instant in ms, or an ISO
 * 8601 string with offset): the RRULE's COUNT or UNTIL replaced by `UNTIL=<firstChanged − 1 s, UTC>`,
 * every other part and every other line (EXDATE) kept as they are, in order. Send the whole array
 * (a patch replaces it).
 *
 * The cut must come after the series' first occurrence (RFC 5545 counts DTSTART as an occurrence
 * whatever UNTIL says): at the first one, delete the series instead (`splitSeries` says which).
 *
 * @example trimRecurrence(['RRULE:FREQ=WEEKLY;COUNT=6'], '2027-01-12T10:00:00Z')
 *   // ['RRULE:FREQ=WEEKLY;UNTIL=20270112T095959Z']
 */
export function trimRecurrence(recurrence: readonly string[], firstChanged: number | string): string[] {
  const at = toInstant(firstChanged);
  const until = `UNTIL=${utcStamp(at - MS_PER_SECOND)}`;
  let rules = 0;
  const out = recurrence.map((line) => {
    if (!/^RRULE:/i.test(line)) return line;
    rules++;
    const parts = line.slice(line.indexOf(':') + 1).split(';').filter((p) => !/^(COUNT|UNTIL)=/i.test(p));
    return `RRULE:${[...parts, until].join(';')}`;
  });
  if (rules !== 1) throw new RangeError(`A series has exactly one RRULE line, not ${rules}.`);
  return out;
}

/** One EXDATE line for local starts ('YYYY-MM-DDTHH:MM' or with ':SS') of a series in `zone`. */
export function exdateLine(zone: string, localStarts: readonly string[]): string {
  if (localStarts.length === 0) throw new RangeError('An EXDATE line needs at least one date.');
  const values = [...new Set(localStarts.map((s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
    if (!m || dayNumber(`${m[1]}-${m[2]}-${m[3]}`) === null || Number(m[4]) > 23 || Number(m[5]) > 59) {
      throw new RangeError(`An excluded start is a local date-time like 2026-12-22T10:00, not ${JSON.stringify(String(s).slice(0, 30))}.`);
    }
    return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6] ?? '00'}`;
  }))].sort();
  return `EXDATE;TZID=${zone}:${values.join(',')}`;
}

/** A series split at its first changed occurrence: the old one trimmed, the new one from there. */
export interface SeriesSplit {
  /**
   * The old series' whole new recurrence array (patch it), or null when it keeps no meeting (the
   * cut is at its first occurrence, or every earlier one is excluded): delete the old series instead. RFC 5545 §3.8.5.1 counts DTSTART
   * as the first occurrence whatever the rule says, so an UNTIL before it cannot empty a series.
   */
  trimmed: string[] | null;
  /** The occurrences the old series keeps (ms). */
  kept: number[];
  /** The new series: its first start (local) and its recurrence; null when nothing is left. */
  following: { startDate: string; startTime: string; recurrence: string[]; occurrences: number[] } | null;
}

/**
 * Splits a series the Google way at `firstChanged` (ms or ISO): the old one ends with UNTIL just
 * before it; the following series starts on that occurrence's local date, keeps the interval, the
 * original end (COUNT less the occurrences before the cut, excluded ones counted, or the same
 * UNTIL) and the EXDATE values after the cut. `firstChanged` must be an occurrence (excluded or not).
 */
export function splitSeries(start: { dateTime: string; timeZone: string }, recurrence: readonly string[], firstChanged: number | string): SeriesSplit {
  const at = toInstant(firstChanged);
  const series = seriesOf(start, recurrence);
  const raw = rawOccurrences(series);
  const index = raw.indexOf(at);
  if (index < 0) throw new RangeError(`${new Date(at).toISOString()} is not an occurrence of the series.`);
  const all = occurrences(series);
  const kept = all.filter((t) => t < at);
  const rest = all.filter((t) => t >= at);
  const trimmed = kept.length === 0 ? null : trimRecurrence(recurrence, at);
  if (rest.length === 0) return { trimmed, kept, following: null };
  const zone = series.timeZone;
  const startDate = localTime(at, zone).date;
  const interval = series.intervalWeeks ?? 1;
  const end = series.count !== undefined ? `COUNT=${series.count - index}` : `UNTIL=${utcStamp(series.until as number)}`;
  const rule = `RRULE:FREQ=WEEKLY${interval === 1 ? '' : `;INTERVAL=${interval}`};${end}`;
  const laterExcluded = (series.exdates ?? []).filter((t) => t >= at && raw.includes(t));
  const lines = [rule];
  if (laterExcluded.length > 0) {
    lines.push(exdateLine(zone, laterExcluded.map((t) => {
      const lt = localTime(t, zone);
      return `${lt.date}T${clock(lt.minutes)}`;
    })));
  }
  return { trimmed, kept, following: { startDate, startTime: series.startTime, recurrence: lines, occurrences: rest } };
}

// ---- Helpers -------------------------------------------------------------------------------------

/** An instant from ms or an ISO 8601 date-time with an offset or Z. */
export function toInstant(value: number | string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Not an instant.');
    return value;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(String(value))) {
    throw new RangeError(`An instant is an ISO 8601 date-time with Z or an offset, not ${JSON.stringify(String(value).slice(0, 40))}.`);
  }
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`Not a real date-time: ${value}.`);
  return ms;
}

function parseUtcStamp(v: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m || dayNumber(`${m[1]}-${m[2]}-${m[3]}`) === null) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function compactToIsoDate(v: string): string {
  return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
}

function weekdayOfDate(iso: string): number {
  const day = dayNumber(iso) as number;
  return (((day + 4) % 7) + 7) % 7;
}

function wallMinutes(time: string): number {
  const m = /^([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?$/.exec(time);
  if (!m) throw new RangeError(`A start time is HH:MM, 24-hour, not ${JSON.stringify(String(time).slice(0, 20))}.`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function wallSeconds(time: string): number {
  return Number(/:(\d{2})$/.exec(time.length > 5 ? time : '')?.[1] ?? 0);
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
