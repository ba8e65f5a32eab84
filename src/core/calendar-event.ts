// The Calendar v3 event resource for one group's recurring series in a cycle, built as plain data:
// its id, title, description, times, recurrence, guests, reminder, Meet request and the private
// properties that find it again; the insert options; and the rules Google enforces that a JSON
// schema of the resource cannot state (`checkEventRules`). Pure: no Apps Script at run time (the
// `GoogleAppsScript.Calendar.Schema.Event` type is used at type level only), no clock.
//
// Sources (apps-script.md §2 and the Calendar v3 reference, as generated into
// @googleapis/calendar's build/v3.d.ts, whose comments quote the API's discovery document):
//   - Event.id: "characters allowed in the ID are those used in base32hex encoding, i.e. lowercase
//     letters a-v and digits 0-9 … the length of the ID must be between 5 and 1024 characters".
//   - EventDateTime.dateTime: "A time zone offset is required unless a time zone is explicitly
//     specified in timeZone"; EventDateTime.timeZone: "For recurring events this field is required
//     and specifies the time zone in which the recurrence is expanded." Without it Google answers
//     400 "Missing time zone definition for start time." (openclaw/gogcli#347,
//     googleapis/google-api-dotnet-client#1093).
//   - Event.recurrence: "List of RRULE, EXRULE, RDATE and EXDATE lines … as specified in RFC5545.
//     Note that DTSTART and DTEND lines are not allowed in this field".
//   - RFC 5545 §3.3.10 (RECUR): FREQ is required; "The UNTIL or COUNT rule parts are OPTIONAL, but
//     they MUST NOT occur in the same 'recur'"; no rule part may occur more than once.
//   - Event.reminders.overrides: "The maximum number of override reminders is 5" (pub.dev
//     googleapis calendar_v3 EventReminders.overrides); EventReminder.minutes: "Valid values are
//     between 0 and 40320 (4 weeks in minutes)"; method "email" or "popup".
//   - CreateConferenceRequest.requestId: "If an ID provided is the same as for the previous
//     request, the request is ignored." Events.insert conferenceDataVersion: "Version 0 … ignores
//     conference data in the event's body … The default is 0."
//   - Events.insert sendUpdates: "all" | "externalOnly" | "none" (googleapis.dev .NET
//     EventsResource.InsertRequest.SendUpdatesEnum).
//   - Event.description: "Can contain HTML. Optional." No length limit is documented; ⚠ about
//     8,192 characters per Nylas's support article "Event Description Limits in Google Calendar".
import { addDays, dayNumber } from './dates';
import { normaliseEmail } from './people';
import { isKnownTimeZone } from './roster';
import { meetingTitle } from './settings';
import { isolate } from './text';
import { exdateValues } from './skip-dates';

// Calendar.Schema.Event and EventAttendee of @types/google-apps-script, named through the service
// interface's factories: the house rules (test/core/rooms.test.ts) refuse the text of a service
// namespace followed by a dot in core, which guards against run-time use; these are types only.
type CalendarService = GoogleAppsScript.Calendar;
/** The advanced Calendar service's `Schema.Event`. */
export type CalendarEvent = ReturnType<CalendarService['newEvent']>;
type Event = CalendarEvent;
type Attendee = ReturnType<CalendarService['newEventAttendee']>;

// ---- Event ids ----------------------------------------------------------------------------------

/** Calendar's rule for a client-chosen event id (Event.id). */
export const EVENT_ID_PATTERN = /^[a-v0-9]{5,1024}$/;
export const EVENT_ID_MAX_LENGTH = 1024;
/** The first field of the canonical string; marks our ids among others on the calendar. */
export const EVENT_ID_PREFIX = 'pcr';

/** What identifies one group's series: the program, the cycle, the group and the booking version. */
export interface EventKey {
  programId: string;
  /** 1, 2, … */
  cycle: number;
  /** "C3-01" (rotation.ts `groupId`). */
  groupId: string;
  /** 0, 1, …: a deliberate re-schedule bumps it, so the new series gets a fresh id. */
  version: number;
}

/**
 * The Calendar event id of a group's series: the UTF-8 bytes of the canonical string
 * `pcr|<programId>|<cycle>|<groupId>|<version>` in lower-case base32hex without padding
 * (RFC 4648 §7). '%' and '|' inside programId and groupId are written %25 and %7C, so the string,
 * and therefore the id, is different for every different key (no hash, no collision). Deleting an
 * event does not free its id (apps-script.md §2), hence the version.
 *
 * Throws a RangeError for a blank programId or groupId, a text with a lone surrogate (it has no
 * UTF-8 form), a cycle that is not a whole number from 1, a version that is not one from 0, or an
 * id longer than 1024 characters (a canonical string over 640 bytes).
 *
 * @example eventId('p1', 3, 'C3-01', 0) // 'e1hn4v3g65u36v236cmj0cbs60'
 */
export function eventId(programId: string, cycle: number, groupId: string, version: number): string {
  requireIdText(programId, 'program id');
  requireIdText(groupId, 'group id');
  if (!isWhole(cycle) || cycle < 1) throw new RangeError(`A cycle is a whole number from 1, not ${String(cycle)}.`);
  if (!isWhole(version) || version < 0) throw new RangeError(`A version is a whole number from 0, not ${String(version)}.`);
  const canonical = [EVENT_ID_PREFIX, escapeField(programId), String(cycle), escapeField(groupId), String(version)].join('|');
  const id = base32hexEncode(utf8Encode(canonical));
  if (id.length > EVENT_ID_MAX_LENGTH) {
    throw new RangeError(`The event id would be ${id.length} characters; Calendar allows at most ${EVENT_ID_MAX_LENGTH}. Use a shorter program id.`);
  }
  return id;
}

/** `eventId` of a key. */
export function eventIdOf(key: EventKey): string {
  return eventId(key.programId, key.cycle, key.groupId, key.version);
}

/** The key an id made by `eventId` encodes, or null for any other string (never throws). */
export function parseEventId(id: string): EventKey | null {
  if (typeof id !== 'string' || !EVENT_ID_PATTERN.test(id)) return null;
  const bytes = base32hexDecode(id);
  const text = bytes && utf8Decode(bytes);
  if (text === null || text === undefined) return null;
  const parts = text.split('|');
  if (parts.length !== 5 || parts[0] !== EVENT_ID_PREFIX) return null;
  const programId = unescapeField(parts[1]);
  const groupId = unescapeField(parts[3]);
  const cycle = canonicalNumber(parts[2]);
  const version = canonicalNumber(parts[4]);
  if (programId === null || groupId === null || cycle === null || version === null) return null;
  const key = { programId, cycle, groupId, version };
  try {
    return eventIdOf(key) === id ? key : null; // only the canonical form of a valid key
  } catch {
    return null;
  }
}

function requireIdText(value: string, what: string): void {
  if (typeof value !== 'string' || value === '') throw new RangeError(`An event id needs a ${what}.`);
  if (hasLoneSurrogate(value)) throw new RangeError(`The ${what} has a broken character (a lone surrogate).`);
}

function escapeField(value: string): string {
  return value.split('%').join('%25').split('|').join('%7C');
}

function unescapeField(value: string): string | null {
  if (/%(?!25|7C)/.test(value)) return null;
  return value.split('%7C').join('|').split('%25').join('%');
}

function canonicalNumber(text: string): number | null {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

function isWhole(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** The UTF-8 bytes of `text` (RFC 3629). Throws a RangeError on a lone surrogate. */
export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) throw new RangeError('A lone surrogate has no UTF-8 form.');
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      i++;
    }
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return bytes;
}

/** The text of well-formed UTF-8 bytes, or null (overlong forms, surrogates, truncation…). */
export function utf8Decode(bytes: readonly number[]): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let length: number;
    let cp: number;
    let min: number;
    if (b < 0x80) [length, cp, min] = [1, b, 0];
    else if (b >= 0xc2 && b <= 0xdf) [length, cp, min] = [2, b & 0x1f, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, cp, min] = [3, b & 0x0f, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, cp, min] = [4, b & 0x07, 0x10000];
    else return null;
    if (i + length > bytes.length) return null;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (next & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
    i += length;
  }
  return out;
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** Lower-case base32hex without padding (RFC 4648 §7): 'foobar' bytes → 'cpnmuoj1e8'. */
export function base32hexEncode(bytes: readonly number[]): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | (byte & 0xff)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}

/** The bytes of canonical unpadded lower-case base32hex, or null (bad letter, length or tail bits). */
export function base32hexDecode(text: string): number[] | null {
  if (![0, 2, 4, 5, 7].includes(text.length % 8)) return null;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const v = BASE32HEX.indexOf(ch);
    if (v < 0) return null;
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return null; // leftover bits must be zero
  return bytes;
}

// ---- Title and description --------------------------------------------------------------------

/** Between the names of a group in the title: "Ann ↔ Ben", "Ann ↔ Ben ↔ Cy". */
export const NAME_SEPARATOR = ' ↔ ';

/**
 * The event's title: the settings' template (settings.ts `meetingTitle`) with {names} the
 * members' names joined by " ↔ ". `cycle` is needed only when the template holds {cycle}.
 */
export function eventTitle(template: string, names: readonly string[], cycle?: number): string {
  // Display-safe names (text.ts): no bidi override or control character; right-to-left names isolated.
  const shown = names.map((n) => isolate(String(n))).filter((n) => n !== '');
  if (shown.length === 0) throw new RangeError('A meeting title needs at least one name.');
  if (template.includes('{cycle}') && cycle === undefined) throw new RangeError('The title template uses {cycle}; pass the cycle.');
  return meetingTitle(template, { names: shown.join(NAME_SEPARATOR), cycle: cycle ?? 0 });
}

/** The program's three goals, in their order of priority (PRODUCT.md "The problem"). */
export const PROGRAM_GOALS: readonly string[] = Object.freeze([
  'Build relationships: get to know a peer at your level by working together.',
  'Practise coaching where you have little context: talk less, question more.',
  'Accountability: someone invested in your growth, and a little healthy pressure from one session to the next.',
]);

/** ⚠ Google documents no limit; about 8,192 characters per Nylas (see the header). */
export const DESCRIPTION_LIMIT = 8192;

export interface SeriesDescriptionInput {
  /** Default PROGRAM_GOALS. */
  goals?: readonly string[];
  /** Meetings in the cycle (the series' COUNT), 1 or more. */
  meetings: number;
  /** The feedback form's link (http or https, no spaces), prefilled for the group. */
  feedbackLink?: string;
  /** The group's code, "C3-01", for the participants to quote. */
  groupCode?: string;
}

/**
 * The event's description, in plain text: the goals, an agenda per session and the feedback link.
 *
 * Plain text, not HTML, although Calendar accepts HTML: Calendar shows plain text as written and
 * makes the link clickable itself (⚠ observed behaviour, not documented), the same text serves the
 * planner's .ics files (RFC 5545 DESCRIPTION is plain text) and mail clients that show it raw, and
 * nothing a user typed can become markup, so there is nothing to escape.
 *
 * Sessions, not weeks: a fortnightly cadence meets every other week.
 */
export function seriesDescription(input: SeriesDescriptionInput): string {
  const goals = input.goals ?? PROGRAM_GOALS;
  const n = input.meetings;
  if (!isWhole(n) || n < 1) throw new RangeError(`A series has a whole number of meetings from 1, not ${String(n)}.`);
  for (const goal of goals) requireLine(goal, 'A goal');
  const lines: string[] = [
    `Peer coaching: ${n === 1 ? 'one session' : `${n} sessions`} in this cycle.`,
    '',
    'Why we meet, in this order:',
    ...goals.map((goal, i) => `${i + 1}. ${goal.trim()}`),
    '',
    'Agenda:',
    ...agenda(n),
  ];
  if (input.feedbackLink !== undefined && input.feedbackLink !== '') {
    const link = input.feedbackLink.trim();
    if (!/^https?:\/\/[^\s<>"]+$/.test(link)) throw new RangeError('The feedback link must be an http(s) address without spaces.');
    lines.push('', `After each session, one minute: ${link}`);
  }
  if (input.groupCode !== undefined && input.groupCode !== '') {
    requireLine(input.groupCode, 'A group code');
    lines.push('', `Group ${input.groupCode.trim()}`);
  }
  return lines.join('\n');
}

function agenda(n: number): string[] {
  const first = 'get to know each other, and choose what each of you wants to work on.';
  if (n === 1) {
    return ['Session 1: get to know each other, choose one thing to work on, coach on it (talk less, question more), and end by each committing to a next step.'];
  }
  if (n === 2) {
    return [`Session 1: ${first}`, 'Session 2: coach each other on it (talk less, question more), then look back and commit to your next step.'];
  }
  const middle = n === 3 ? 'Session 2' : `Sessions 2–${n - 1}`;
  return [
    `Session 1: ${first}`,
    `${middle}: coach each other on real situations. Talk less, question more.`,
    `Session ${n}: look back on the cycle, and commit to your next step.`,
  ];
}

function requireLine(value: string, what: string): void {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || value.trim() === '' || /[\u0000-\u001f\u007f\u2028\u2029]/.test(value)) {
    throw new RangeError(`${what} must be one line of text.`);
  }
}

// ---- The event resource -------------------------------------------------------------------------

export interface SeriesGuest {
  email: string;
  /** Shown as the attendee's displayName; blank: none. */
  name?: string;
}

/** The private extended properties that find a series again (Events.list privateExtendedProperty). */
export interface SeriesProperties {
  program: string;
  cycle: string;
  group: string;
  version: string;
}

export interface SeriesEventInput {
  /** `eventId(program, cycle, group, version)`; any other id must still match EVENT_ID_PATTERN. */
  id: string;
  /** When `id` is one of ours, these must be the parts it encodes. */
  properties: SeriesProperties;
  title: string;
  description: string;
  /** The first meeting, 'YYYY-MM-DD', in `timeZone`. */
  startDate: string;
  /** 'HH:MM', 24-hour, local wall time in `timeZone`. */
  startTime: string;
  /** Meeting length; the meeting must end by midnight. */
  minutes: number;
  /** IANA zone the series is expanded in. */
  timeZone: string;
  /** Meetings in the cycle (RRULE COUNT), 1 or more. */
  count: number;
  /** 1 weekly, 2 fortnightly (settings.ts `cadenceWeeks`). */
  intervalWeeks: number;
  /** Dates ('YYYY-MM-DD') of the series' grid without a meeting: one EXDATE line in `timeZone`. */
  exdates?: readonly string[];
  attendees: readonly SeriesGuest[];
  /** The calendar's owner, who organises the event: never added as a guest. */
  organizerEmail?: string;
  /** Ask Google for a Meet link (also pass insertOptions({ meet: true })). */
  meet: boolean;
  /** A popup this many minutes before each meeting. Default 10. */
  reminderMinutes?: number;
  /** Default: isKnownTimeZone (Intl). */
  isTimeZone?: (zone: string) => boolean;
}

/** Private extended property keys (Events.list privateExtendedProperty=program=…). */
export const EVENT_PROPERTY_KEYS: Readonly<Record<keyof SeriesProperties, string>> = Object.freeze({
  program: 'program',
  cycle: 'cycle',
  group: 'group',
  version: 'version',
});

/** The properties of a key, as strings. */
export function seriesProperties(key: EventKey): SeriesProperties {
  return { program: key.programId, cycle: String(key.cycle), group: key.groupId, version: String(key.version) };
}

export const DEFAULT_REMINDER_MINUTES = 10;
export const MAX_REMINDER_MINUTES = 40320;
export const MAX_REMINDER_OVERRIDES = 5;

/**
 * The Events.insert resource of one group's series: `count` meetings, every `intervalWeeks` weeks,
 * from `startDate` at `startTime` in `timeZone`.
 *
 * `start.dateTime` is the local wall time WITHOUT an offset, with `timeZone` beside it. The
 * recurrence is expanded in that zone, so every meeting stays at 10:00 local across a daylight-
 * saving change inside the cycle. An offset would describe the first meeting's instant only, would
 * need the zone's rules to compute, and replaces nothing: a recurring event without timeZone is
 * refused even when dateTime has an offset. `end` is the same wall clock plus `minutes` (a meeting ending
 * exactly at midnight ends at 00:00 the next day; later is refused). ⚠ A start inside a spring-
 * forward gap (02:30 on the change night) is resolved by Google; meetings belong in working hours.
 *
 * The guests can modify the event (move a week that does not suit them). guestsCanInviteOthers is
 * left at its default: ⚠ Calendar's own event form ties "invite others" to "modify event", so
 * false beside guestsCanModify true would contradict it.
 *
 * The Meet request's requestId is derived from the id, so a retried insert of the same series
 * repeats it and Google ignores the repeat; a new version gets a new one. ⚠ Whether Google also
 * ignores it when the earlier attempt never created the event is not documented; a series that
 * comes back without Meet is re-scheduled with the next version.
 *
 * Throws a RangeError on input Calendar would refuse or that would make a wrong series.
 */
export function buildSeriesEvent(input: SeriesEventInput): Event {
  const id = input.id;
  if (typeof id !== 'string' || !EVENT_ID_PATTERN.test(id)) {
    throw new RangeError('An event id is 5–1024 characters of lower-case a–v and 0–9; make it with eventId.');
  }
  const props = input.properties;
  const keys = Object.keys(EVENT_PROPERTY_KEYS) as Array<keyof SeriesProperties>;
  if (!props || keys.some((k) => typeof props[k] !== 'string' || props[k] === '')) {
    throw new RangeError('The event needs its program, cycle, group and version properties.');
  }
  const key = parseEventId(id);
  if (key && (key.programId !== props.program || String(key.cycle) !== props.cycle || key.groupId !== props.group || String(key.version) !== props.version)) {
    throw new RangeError('The event id and its program, cycle, group and version properties disagree.');
  }
  const isTimeZone = input.isTimeZone ?? isKnownTimeZone;
  if (typeof input.timeZone !== 'string' || !isTimeZone(input.timeZone)) {
    throw new RangeError(`"${String(input.timeZone).slice(0, 64)}" is not an IANA time zone; a recurring event needs one.`);
  }
  if (dayNumber(input.startDate) === null) throw new RangeError(`The start date must be a real date written YYYY-MM-DD, not ${JSON.stringify(String(input.startDate).slice(0, 40))}.`);
  const time = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(input.startTime);
  if (!time) throw new RangeError(`The start time must be HH:MM, 24-hour, not ${JSON.stringify(String(input.startTime).slice(0, 40))}.`);
  if (!isWhole(input.minutes) || input.minutes < 1) throw new RangeError(`A meeting lasts a whole number of minutes from 1, not ${String(input.minutes)}.`);
  const startMinute = Number(time[1]) * 60 + Number(time[2]);
  const endMinute = startMinute + input.minutes;
  if (endMinute > 24 * 60) {
    throw new RangeError(`A ${input.minutes}-minute meeting at ${input.startTime} would end after midnight.`);
  }
  if (!isWhole(input.count) || input.count < 1) throw new RangeError(`A series has a whole number of meetings from 1, not ${String(input.count)}.`);
  if (!isWhole(input.intervalWeeks) || input.intervalWeeks < 1) {
    throw new RangeError(`The interval is a whole number of weeks from 1, not ${String(input.intervalWeeks)}.`);
  }
  const reminder = input.reminderMinutes ?? DEFAULT_REMINDER_MINUTES;
  if (!isWhole(reminder) || reminder < 0 || reminder > MAX_REMINDER_MINUTES) {
    throw new RangeError(`A reminder is a whole number of minutes from 0 to ${MAX_REMINDER_MINUTES}, not ${String(reminder)}.`);
  }
  if (typeof input.title !== 'string' || input.title.trim() === '') throw new RangeError('An event needs a title.');
  if (typeof input.description !== 'string' || input.description.length > DESCRIPTION_LIMIT) {
    throw new RangeError(`The description must be text of at most ${DESCRIPTION_LIMIT} characters.`);
  }

  const organizer = input.organizerEmail === undefined ? '' : normaliseEmail(input.organizerEmail);
  const seen = new Set<string>();
  const attendees: Attendee[] = [];
  for (const guest of input.attendees) {
    const email = normaliseEmail(guest.email);
    if (email === '') throw new RangeError('A guest has no email address.');
    if (email === organizer || seen.has(email)) continue;
    seen.add(email);
    const name = String(guest.name ?? '').trim();
    attendees.push(name === '' ? { email } : { email, displayName: name });
  }
  if (attendees.length === 0) throw new RangeError('The event has no guests besides the organizer.');

  const endDate = endMinute === 24 * 60 ? addDays(input.startDate, 1) : input.startDate;
  const interval = input.intervalWeeks === 1 ? '' : `;INTERVAL=${input.intervalWeeks}`;
  const event: Event = {
    id,
    summary: input.title.trim(),
    description: input.description,
    start: { dateTime: `${input.startDate}T${clock(startMinute)}:00`, timeZone: input.timeZone },
    end: { dateTime: `${endDate}T${clock(endMinute % (24 * 60))}:00`, timeZone: input.timeZone },
    recurrence: [
      `RRULE:FREQ=WEEKLY${interval};COUNT=${input.count}`,
      // RFC 5545 §3.8.5.1: EXDATE values in the DTSTART's form, the zone named (TZID).
      ...(input.exdates && input.exdates.length > 0 ? [`EXDATE;TZID=${input.timeZone}:${exdateValues(input.exdates, clock(startMinute)).join(',')}`] : []),
    ],
    attendees,
    guestsCanModify: true,
    reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: reminder }] },
    extendedProperties: {
      private: {
        [EVENT_PROPERTY_KEYS.program]: props.program,
        [EVENT_PROPERTY_KEYS.cycle]: props.cycle,
        [EVENT_PROPERTY_KEYS.group]: props.group,
        [EVENT_PROPERTY_KEYS.version]: props.version,
      },
    },
  };
  if (input.meet) {
    event.conferenceData = { createRequest: { requestId: meetRequestId(id), conferenceSolutionKey: { type: 'hangoutsMeet' } } };
  }
  return event;
}

/** The Meet createRequest's requestId for an event id: stable across retries of that insert. */
export function meetRequestId(id: string): string {
  return `meet-${id}`;
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export type SendUpdates = 'all' | 'externalOnly' | 'none';

/** Events.insert's optional arguments (the advanced service's `optionalArgs`). */
export interface EventInsertOptions {
  /** 1 only when the event asks for Meet: version 0 (the default) ignores conferenceData. */
  conferenceDataVersion?: 1;
  sendUpdates: SendUpdates;
}

/**
 * The insert options: conferenceDataVersion 1 when Meet is on (0, the default, would ignore the
 * request), and invitations to every guest or to none. ⚠ Google warns that 'none' "can have
 * significant adverse effects, including events not syncing to external calendars".
 */
export function insertOptions(options: { meet: boolean; sendInvitations: boolean }): EventInsertOptions {
  const sendUpdates: SendUpdates = options.sendInvitations ? 'all' : 'none';
  return options.meet ? { conferenceDataVersion: 1, sendUpdates } : { sendUpdates };
}

// ---- Rules the schema cannot state -------------------------------------------------------------

const RECURRENCE_NAMES = ['RRULE', 'EXRULE', 'RDATE', 'EXDATE'];
const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Every reason Calendar would refuse (or misread) `resource` that its JSON schema cannot express:
 * the id's pattern; start and end both dates or both date-times, a date-time's offset or zone,
 * start before end; a recurrence needs start.timeZone and end.timeZone, has only RRULE, EXRULE,
 * RDATE and EXDATE lines, and each rule has one FREQ, not COUNT with UNTIL, no part twice; at most
 * 5 reminder overrides of 0–40320 minutes by email or popup, not beside useDefault true; every
 * attendee has an email; a Meet request has a requestId and a solution type; the description
 * fits ⚠ 8,192 characters. Empty when none. Tolerates nulls and wrong types (never throws).
 */
export function checkEventRules(resource: unknown): string[] {
  const problems: string[] = [];
  const r = (resource ?? {}) as Record<string, unknown>;

  if (r.id !== undefined && r.id !== null && (typeof r.id !== 'string' || !EVENT_ID_PATTERN.test(r.id))) {
    problems.push('id must be 5–1024 characters of lower-case a–v and 0–9 (base32hex).');
  }

  const start = asObject(r.start);
  const end = asObject(r.end);
  if (!start) problems.push('start is missing.');
  if (!end) problems.push('end is missing.');
  for (const [name, when] of [['start', start], ['end', end]] as const) {
    if (!when) continue;
    const hasDate = typeof when.date === 'string';
    const hasDateTime = typeof when.dateTime === 'string';
    if (hasDate === hasDateTime) problems.push(`${name} must have either date or dateTime.`);
    if (hasDateTime) {
      const m = DATE_TIME.exec(when.dateTime as string);
      if (!m || dayNumber(m[1]) === null) problems.push(`${name}.dateTime must be an RFC 3339 date-time.`);
      else if (!m[6] && !nonBlank(when.timeZone)) problems.push(`${name}.dateTime has no offset, so ${name}.timeZone is required.`);
    }
    if (hasDate && dayNumber(when.date as string) === null) problems.push(`${name}.date must be a date written YYYY-MM-DD.`);
  }
  if (start && end) {
    const order = compareTimes(start, end);
    if (order === 'mixed') problems.push('start and end must both be dates or both date-times.');
    else if (order === 'not-after') problems.push('end must be after start.');
  }

  if (Array.isArray(r.recurrence) && r.recurrence.length > 0) {
    if (!start || !nonBlank(start.timeZone)) problems.push('A recurring event needs start.timeZone ("Missing time zone definition for start time.").');
    if (!end || !nonBlank(end.timeZone)) problems.push('A recurring event needs end.timeZone.');
    r.recurrence.forEach((line, i) => {
      for (const p of recurrenceLineProblems(line)) problems.push(`recurrence[${i}]: ${p}`);
    });
  }

  const reminders = asObject(r.reminders);
  if (reminders && Array.isArray(reminders.overrides)) {
    const overrides = reminders.overrides as unknown[];
    if (overrides.length > MAX_REMINDER_OVERRIDES) problems.push(`reminders.overrides has ${overrides.length} reminders; at most ${MAX_REMINDER_OVERRIDES}.`);
    if (reminders.useDefault === true && overrides.length > 0) problems.push('reminders cannot use the default reminders and overrides at once. ⚠');
    overrides.forEach((o, i) => {
      const rem = asObject(o) ?? {};
      if (!isWhole(rem.minutes) || rem.minutes < 0 || rem.minutes > MAX_REMINDER_MINUTES) {
        problems.push(`reminders.overrides[${i}].minutes must be a whole number from 0 to ${MAX_REMINDER_MINUTES}.`);
      }
      if (rem.method !== 'email' && rem.method !== 'popup') problems.push(`reminders.overrides[${i}].method must be email or popup.`);
    });
  }

  if (Array.isArray(r.attendees)) {
    r.attendees.forEach((a, i) => {
      const email = asObject(a)?.email;
      if (!nonBlank(email)) problems.push(`attendees[${i}] has no email.`);
    });
  }

  const create = asObject(asObject(r.conferenceData)?.createRequest);
  if (create) {
    if (!nonBlank(create.requestId)) problems.push('conferenceData.createRequest needs a requestId.');
    if (!nonBlank(asObject(create.conferenceSolutionKey)?.type)) problems.push('conferenceData.createRequest needs conferenceSolutionKey.type.');
  }

  if (typeof r.description === 'string' && r.description.length > DESCRIPTION_LIMIT) {
    problems.push(`description has ${r.description.length} characters; keep it within ${DESCRIPTION_LIMIT}. ⚠`);
  }
  return problems;
}

function recurrenceLineProblems(line: unknown): string[] {
  if (typeof line !== 'string') return ['must be text.'];
  if (/[\r\n]/.test(line)) return ['must be one line.'];
  const m = /^([A-Za-z-]+)([;:])/.exec(line);
  const name = m ? m[1].toUpperCase() : '';
  if (!RECURRENCE_NAMES.includes(name)) return [`"${line.slice(0, 20)}" is not an RRULE, EXRULE, RDATE or EXDATE line.`];
  if (name !== 'RRULE' && name !== 'EXRULE') return [];
  if (m![2] !== ':') return [`${name} takes no parameters.`];
  const problems: string[] = [];
  const parts = line.slice(name.length + 1).split(';');
  const seen = new Map<string, string>();
  for (const part of parts) {
    const kv = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!kv) {
      problems.push(`${name} has a malformed part "${part.slice(0, 20)}".`);
      continue;
    }
    const key = kv[1].toUpperCase();
    if (seen.has(key)) problems.push(`${name} has ${key} twice.`);
    seen.set(key, kv[2]);
  }
  const freq = seen.get('FREQ');
  if (freq === undefined) problems.push(`${name} needs FREQ.`);
  else if (!FREQS.includes(freq.toUpperCase())) problems.push(`${name} has an unknown FREQ ${freq.slice(0, 12)}.`);
  if (seen.has('COUNT') && seen.has('UNTIL')) problems.push(`${name} cannot have both COUNT and UNTIL.`);
  for (const key of ['COUNT', 'INTERVAL']) {
    const v = seen.get(key);
    if (v !== undefined && !/^[1-9][0-9]*$/.test(v)) problems.push(`${name} ${key} must be a whole number from 1.`);
  }
  return problems;
}

function compareTimes(start: Record<string, unknown>, end: Record<string, unknown>): 'before' | 'not-after' | 'mixed' | 'unknown' {
  if (typeof start.date === 'string' && typeof end.date === 'string') {
    const a = dayNumber(start.date);
    const b = dayNumber(end.date);
    if (a === null || b === null) return 'unknown';
    return a < b ? 'before' : 'not-after';
  }
  if (typeof start.dateTime !== 'string' || typeof end.dateTime !== 'string') {
    return (typeof start.date === 'string' && typeof end.dateTime === 'string') || (typeof start.dateTime === 'string' && typeof end.date === 'string')
      ? 'mixed'
      : 'unknown';
  }
  const a = DATE_TIME.exec(start.dateTime);
  const b = DATE_TIME.exec(end.dateTime);
  if (!a || !b) return 'unknown';
  if (a[6] && b[6]) return Date.parse(start.dateTime) < Date.parse(end.dateTime) ? 'before' : 'not-after';
  if (!a[6] && !b[6] && start.timeZone === end.timeZone) {
    const wall = (m: RegExpExecArray) => `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${(m[5] ?? '.').slice(1).padEnd(12, '0')}`;
    return wall(a) < wall(b) ? 'before' : 'not-after';
  }
  return 'unknown'; // different zones: comparing needs time-zone data
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
