// iCalendar (RFC 5545) text for weekly meeting series: one VEVENT with an RRULE per group, a
// VTIMEZONE for every zone used, written for calendars other than Google's (the command-line
// planner's --ics, the sandbox's download). Pure: the DTSTAMP instant is passed in, time zones
// come from Intl through zones.ts, and UTF-8 lengths are counted by hand (no TextEncoder), so
// this bundles into ES2019 for Apps Script as it is.
//
// What the text looks like, and why:
//   - Lines end in CRLF and are folded so that no line exceeds 75 octets of UTF-8 (RFC 5545
//     §3.1): a continuation line starts with one space, and a fold never splits a character.
//   - TEXT values (SUMMARY, DESCRIPTION, UID, PRODID) escape \ ; , and line breaks (§3.3.11);
//     other control characters, which TEXT cannot carry, are dropped.
//   - Parameter values (CN, TZID) are quoted when they hold ':' ';' or ','; a '"', '^' or line
//     break in them is written with RFC 6868's ^' ^^ ^n.
//   - Each event: DTSTART;TZID and DTEND;TZID in local time (DTEND the same exact duration for
//     every occurrence, §3.8.5.3), RRULE:FREQ=WEEKLY;INTERVAL=n;COUNT=n, EXDATE;TZID for the dates
//     left out (local starts, one line, §3.8.5.1; COUNT counts them), SEQUENCE:0, DTSTAMP in
//     UTC, ORGANIZER when one is given (METHOD:REQUEST requires it), one ATTENDEE per person.
//   - VTIMEZONE: built from Intl, not from a copy of the tz database. For each zone, the offset in
//     force a year before the zone's first meeting (one observance, so that every time in the
//     span is covered: ical.js, for one, reads a time before every observance as UTC), then one
//     observance per offset change (zoneTransitions) up to a year after its last meeting. An
//     observance whose offset is the zone's smallest in that span is STANDARD, any larger one
//     DAYLIGHT (Intl gives offsets, not the tz database's DST flag; only the offsets matter to a
//     calendar). A zone without changes gets a single STANDARD observance. Each observance's
//     DTSTART is the local time of the change read on the clock before it (§3.6.5).
import type { SeriesEventInput } from './calendar-event';
import { addDays, dayNumber, isIsoDate } from './dates';
import { isEmail } from './people';
import { utf8Length } from './utf8';

export { utf8Length };
import { localInstant, zoneOffsetMs, zoneTransitions } from './zones';

export type IcsMethod = 'PUBLISH' | 'REQUEST';

export interface IcsPerson {
  email: string;
  /** The display name (CN); omitted when blank. */
  name?: string;
}

/**
 * One weekly series: `count` meetings, `intervalWeeks` apart, on `startDate`'s weekday — the same
 * fields as a Calendar series (calendar-event.ts), with a UID instead of an event id. Here minutes
 * may run 1 to 1440, count 1 to 1000 and intervalWeeks 1 to 52.
 */
export type IcsEvent = Pick<SeriesEventInput, 'title' | 'description' | 'startDate' | 'startTime' | 'minutes' | 'timeZone' | 'count' | 'intervalWeeks'> & {
  /** Globally unique and stable: a calendar replaces an event it already has with the same UID. */
  uid: string;
  attendees: readonly IcsPerson[];
  /**
   * Dates ('YYYY-MM-DD') of occurrences left out (holidays, away weeks): written as one
   * EXDATE;TZID line of their local starts. `count` still counts them (RFC 5545 §3.8.5.3: COUNT
   * counts the recurrence set before EXDATE removes dates), so six meetings with two dates left
   * out is count 8. Each must be an occurrence of the series other than the first.
   */
  exdates?: readonly string[];
};

export interface IcsCalendarInput {
  /** PUBLISH: an import into one's own calendar. REQUEST: an invitation from `organizer`. */
  method: IcsMethod;
  organizer?: IcsPerson;
  events: readonly IcsEvent[];
  /** DTSTAMP: when the file was made (core has no clock, so it is passed in). */
  stamp: Date;
  /** PRODID; default DEFAULT_PRODID. */
  prodId?: string;
}

export const DEFAULT_PRODID = '-//Peer Coaching Rotations//Peer Coaching Rotations//EN';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
export const MAX_LINE_OCTETS = 75;
export const CRLF = '\r\n';

const DAY_MS = 86_400_000;
/** How far before the first meeting and after the last a VTIMEZONE describes its zone. */
const ZONE_MARGIN_DAYS = 366;

/** Wrong input for icsCalendar (a bug in the caller: the command line checks its flags first). */
export class IcsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IcsError';
  }
}

/**
 * The iCalendar text (VCALENDAR with its VTIMEZONEs and one VEVENT per series), CRLF line ends,
 * folded at 75 octets. Throws IcsError for input it cannot write truthfully: REQUEST without an
 * organizer, no events, a duplicate UID, a date, time, zone, count or interval out of range.
 */
export function icsCalendar(input: IcsCalendarInput): string {
  const { method, organizer, events, stamp } = input;
  if (method !== 'PUBLISH' && method !== 'REQUEST') throw new IcsError(`METHOD must be PUBLISH or REQUEST, not ${JSON.stringify(String(method))}.`);
  if (method === 'REQUEST' && (!organizer || organizer.email.trim() === '')) {
    throw new IcsError('METHOD:REQUEST needs an ORGANIZER (RFC 5546 §3.2.2): give the organizer, or use PUBLISH.');
  }
  if (organizer) checkEmail(organizer.email, 'The organizer');
  if (!(stamp instanceof Date) || Number.isNaN(stamp.getTime())) throw new IcsError('The DTSTAMP must be a valid Date.');
  if (events.length === 0) throw new IcsError('A calendar needs at least one event (RFC 5545 §3.6).');
  const uids = new Set<string>();
  for (const event of events) {
    checkEvent(event);
    if (uids.has(event.uid)) throw new IcsError(`Two events have the UID ${event.uid}; each series needs its own.`);
    uids.add(event.uid);
  }

  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(input.prodId ?? DEFAULT_PRODID)}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
  ];

  // One VTIMEZONE per zone, over the span of that zone's meetings.
  const spans = new Map<string, { from: number; to: number }>();
  for (const event of events) {
    const from = localInstant(event.startDate, 0, event.timeZone);
    const to = localInstant(addDays(event.startDate, (event.count - 1) * event.intervalWeeks * 7 + 1), 0, event.timeZone);
    const span = spans.get(event.timeZone);
    spans.set(event.timeZone, span ? { from: Math.min(span.from, from), to: Math.max(span.to, to) } : { from, to });
  }
  for (const [zone, span] of spans) lines.push(...vtimezoneLines(zone, span.from - ZONE_MARGIN_DAYS * DAY_MS, span.to + ZONE_MARGIN_DAYS * DAY_MS));

  const dtstamp = utcStamp(stamp);
  for (const event of events) {
    const start = clockMinutes(event.startTime);
    const end = start + event.minutes;
    const endDate = addDays(event.startDate, Math.floor(end / 1440));
    const tzid = paramValue(event.timeZone);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${dtstamp}`,
      'SEQUENCE:0',
      `DTSTART;TZID=${tzid}:${localDateTime(event.startDate, start)}`,
      `DTEND;TZID=${tzid}:${localDateTime(endDate, end % 1440)}`,
      `RRULE:FREQ=WEEKLY;INTERVAL=${event.intervalWeeks};COUNT=${event.count}`,
      ...exdateLines(event, tzid, start),
      `SUMMARY:${escapeText(event.title)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
    );
    if (organizer) lines.push(`ORGANIZER${cn(organizer.name)}:mailto:${organizer.email.trim()}`);
    for (const person of event.attendees) {
      lines.push(`ATTENDEE${cn(person.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${person.email.trim()}`);
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('');
}

/**
 * The VTIMEZONE of `zone` for [fromMs, toMs), as unfolded content lines: the offset in force at
 * `fromMs`, then every change of offset up to `toMs` (see the top of this file).
 */
export function vtimezoneLines(zone: string, fromMs: number, toMs: number): string[] {
  const transitions = zoneTransitions(zone, fromMs, toMs);
  const firstMinute = Math.floor(fromMs / 60_000) * 60_000;
  const initial = Math.round(zoneOffsetMs(firstMinute, zone) / 60_000);
  const offsets = [initial, ...transitions.map((t) => t.offsetAfter)];
  const standard = Math.min(...offsets);
  const observance = (offsetFrom: number, offsetTo: number, localStartMs: number): string[] => {
    const kind = offsetTo > standard ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${wallStamp(localStartMs)}`,
      `TZOFFSETFROM:${utcOffset(offsetFrom)}`,
      `TZOFFSETTO:${utcOffset(offsetTo)}`,
      `END:${kind}`,
    ];
  };
  const lines = ['BEGIN:VTIMEZONE', `TZID:${escapeText(zone)}`];
  lines.push(...observance(initial, initial, firstMinute + initial * 60_000));
  for (const t of transitions) lines.push(...observance(t.offsetBefore, t.offsetAfter, t.at + t.offsetBefore * 60_000));
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * One content line folded at 75 octets of UTF-8, each piece ending in CRLF; continuation lines
 * start with a space (which counts). A character is never split, a surrogate pair included.
 */
export function foldLine(line: string): string {
  let out = '';
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch);
    if (octets + size > MAX_LINE_OCTETS) {
      out += `${current}${CRLF}`;
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  return `${out}${current}${CRLF}`;
}

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, each line break
 * (CRLF, CR or LF) written \n, and other control characters (which TEXT cannot hold) dropped.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/**
 * A parameter value (RFC 5545 §3.2): quoted when it holds ':' ';' or ','; '^', '"' and line
 * breaks written ^^, ^' and ^n (RFC 6868); other control characters dropped.
 */
export function paramValue(value: string): string {
  const encoded = value
    .replace(/\r\n|\r|\n/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\^"\n]/g, (c) => (c === '^' ? '^^' : c === '"' ? "^'" : '^n'));
  return /[:;,]/.test(encoded) ? `"${encoded}"` : encoded;
}

// ---- Helpers ------------------------------------------------------------------------------------

/** The EXDATE line of the series' left-out dates, in its zone at its start time (none: no line). */
function exdateLines(event: IcsEvent, tzid: string, start: number): string[] {
  const dates = [...(event.exdates ?? [])].sort();
  if (dates.length === 0) return [];
  return [`EXDATE;TZID=${tzid}:${dates.map((d) => localDateTime(d, start)).join(',')}`];
}

function checkExdates(e: IcsEvent, where: string): void {
  if (e.exdates === undefined) return;
  if (!Array.isArray(e.exdates)) throw new IcsError(`${where}: the EXDATEs must be a list of dates.`);
  const seen = new Set<string>();
  const first = dayNumber(e.startDate) as number;
  for (const date of e.exdates) {
    const day = dayNumber(date);
    if (day === null) throw new IcsError(`${where}: an EXDATE must be a real date written YYYY-MM-DD, not ${JSON.stringify(date)}.`);
    const k = (day - first) / (7 * e.intervalWeeks);
    if (k === 0) throw new IcsError(`${where}: an EXDATE cannot be the first meeting (${date}); start the series at the first meeting held.`);
    if (!Number.isInteger(k) || k < 0 || k >= e.count) {
      throw new IcsError(`${where}: the EXDATE ${date} is not a date of the series (every ${e.intervalWeeks} week(s) from ${e.startDate}, ${e.count} times).`);
    }
    if (seen.has(date)) throw new IcsError(`${where}: the EXDATE ${date} is given twice.`);
    seen.add(date);
  }
}

function cn(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  return trimmed === '' ? '' : `;CN=${paramValue(trimmed)}`;
}

function checkEvent(e: IcsEvent): void {
  const where = `Event ${JSON.stringify(String(e.uid)).slice(0, 60)}`;
  if (typeof e.uid !== 'string' || e.uid.trim() === '') throw new IcsError('Every event needs a UID.');
  if (!isIsoDate(e.startDate)) throw new IcsError(`${where}: the start date must be a real date written YYYY-MM-DD, not ${JSON.stringify(e.startDate)}.`);
  if (clockMinutes(e.startTime) < 0) throw new IcsError(`${where}: the start time must be HH:MM (24-hour), not ${JSON.stringify(e.startTime)}.`);
  if (!Number.isInteger(e.minutes) || e.minutes < 1 || e.minutes > 1440) throw new IcsError(`${where}: the length must be 1 to 1440 minutes, not ${e.minutes}.`);
  if (!Number.isInteger(e.count) || e.count < 1 || e.count > 1000) throw new IcsError(`${where}: the count must be 1 to 1000 meetings, not ${e.count}.`);
  if (!Number.isInteger(e.intervalWeeks) || e.intervalWeeks < 1 || e.intervalWeeks > 52) {
    throw new IcsError(`${where}: the interval must be 1 to 52 weeks, not ${e.intervalWeeks}.`);
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.timeZone });
  } catch {
    throw new IcsError(`${where}: ${JSON.stringify(e.timeZone)} is not a time zone Intl knows.`);
  }
  for (const person of e.attendees) checkEmail(person.email, `${where}: an attendee`);
  checkExdates(e, where);
}

function checkEmail(email: string, who: string): void {
  // The roster's own check (people.ts): one @, no spaces, quotes, commas or semicolons.
  if (typeof email !== 'string' || !isEmail(email.trim().toLowerCase())) throw new IcsError(`${who}'s email ${JSON.stringify(email).slice(0, 80)} is not an address.`);
}

/** Minutes after midnight of 'HH:MM' (or 'H:MM'), or -1. */
function clockMinutes(time: string): number {
  const m = typeof time === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(time) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return -1;
  return Number(m[1]) * 60 + Number(m[2]);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYYMMDDTHHMMSS' of a date and minutes after midnight. */
function localDateTime(date: string, minutes: number): string {
  return `${date.replace(/-/g, '')}T${pad(Math.floor(minutes / 60))}${pad(minutes % 60)}00`;
}

/** 'YYYYMMDDTHHMMSS' of a wall time given as milliseconds read as UTC. */
function wallStamp(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** DTSTAMP form: 'YYYYMMDDTHHMMSSZ' in UTC. */
function utcStamp(date: Date): string {
  return `${wallStamp(Math.floor(date.getTime() / 1000) * 1000)}Z`;
}

/** '+0100', '-0430', '+0000' (RFC 5545 §3.3.14: never -0000). */
function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}
