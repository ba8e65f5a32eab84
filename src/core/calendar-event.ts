// The Calendar v3 event resource for one group's recurring series in a cycle, built as plain data:
// its title, description, times, recurrence, guests, reminder, Meet request and the private
// properties that find it again; the insert options. Its id is event-id.ts's; the rules Google
// enforces that a JSON schema of the resource cannot state are event-rules.ts's
// (`checkEventRules`); both are re-exported here. Pure: no Apps Script at run time (the
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
import { EVENT_ID_PATTERN, isWhole, parseEventId, type EventKey } from './event-id';
import { DESCRIPTION_LIMIT, MAX_REMINDER_MINUTES, MAX_REMINDER_OVERRIDES } from './event-rules';

export * from './event-id';
export { checkEventRules, DESCRIPTION_LIMIT, MAX_REMINDER_MINUTES, MAX_REMINDER_OVERRIDES } from './event-rules';

// Calendar.Schema.Event and EventAttendee of @types/google-apps-script, named through the service
// interface's factories: the house rules (test/core/rooms.test.ts) refuse the text of a service
// namespace followed by a dot in core, which guards against run-time use; these are types only.
type CalendarService = GoogleAppsScript.Calendar;
/** The advanced Calendar service's `Schema.Event`. */
export type CalendarEvent = ReturnType<CalendarService['newEvent']>;
type Event = CalendarEvent;
type Attendee = ReturnType<CalendarService['newEventAttendee']>;

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
