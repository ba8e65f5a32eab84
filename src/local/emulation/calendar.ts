// The Calendar ADVANCED service (Calendar API v3) as Apps Script exposes it: the global `Calendar`
// with `Calendar.Events.insert/get/patch/list/remove` and `Calendar.Freebusy.query`, in memory,
// typed against @types/google-apps-script, every call recorded in the ledger, saved/loaded as a
// JSON-safe snapshot. Around it, Node-side helpers for tests and the sandbox (never recorded): a
// directory of people with their busy times, the events on a person's calendar with their
// occurrences, the invitations that would have been sent, every resource the add-on sent.
//
// Sources, cited next to each rule:
//   [EVREF]  https://developers.google.com/workspace/calendar/api/v3/reference/events (Event.id rules:
//            base32hex a–v0–9, length 5–1024, unique per calendar; start.timeZone "for recurring events
//            this field is required and specifies the time zone in which the recurrence is expanded";
//            dateTime "a time zone offset is required unless a time zone is explicitly specified in
//            timeZone"; ConferenceData.createRequest "The data is generated asynchronously. To see
//            whether the data is present check the status field."; ConferenceRequestStatus.statusCode
//            "pending" / "success" (entry points populated) / "failure" (no entry points);
//            CreateConferenceRequest.requestId "If an ID provided is the same as for the previous
//            request, the request is ignored.")
//   [INSERT] …/events/insert — conferenceDataVersion "Version 0 assumes no conference data support and
//            ignores conference data in the event's body. Version 1 enables … creating new conferences
//            using the createRequest field … The default is 0."; sendUpdates "all": sent to all guests,
//            "externalOnly": "sent to non-Google Calendar guests only", "none"; "The default is false."
//   [LIST]   …/events/list — maxResults "By default the value is 250 events. The page size can never be
//            larger than 2500 events."; showDeleted "Whether to include deleted events (with status
//            equals "cancelled") in the result … The default is False."; privateExtendedProperty
//            "propertyName=value … This parameter might be repeated multiple times to return events
//            that match all given constraints." (but see [XP]); order "an unspecified, stable order".
//   [PATCH]  …/events/patch — "The field values you specify replace the existing values. Fields that
//            you don't specify in the request remain unchanged. Array fields, if specified, overwrite
//            the existing arrays". [PATCHSEM] Google APIs' "Semantics of a patch request"
//            (https://developers.google.com/calendar/api/guides/performance#patch, same text in every
//            API's performance guide): the data sent "is merged into the data for the parent object";
//            "To delete a field, specify the field and set it to null".
//   [XP]     https://developers.google.com/calendar/api/guides/extended-properties — patch "Adding a new
//            property with the same key will overwrite any existing properties with the same key";
//            null deletes one; list: "You can repeat these fields multiple times and the constraints
//            are OR'ed together … constraints on private and shared properties are AND'ed together".
//            ⚠ This contradicts [LIST] ("match all given constraints"); default here: the guide's OR,
//            option `extendedPropertyMatch: 'all'` for the reference's AND. Code should not depend on
//            it: search with one constraint.
//   [FB]     …/freebusy/query — request {timeMin, timeMax, timeZone ("The default is UTC"),
//            groupExpansionMax (max 100), calendarExpansionMax ("Maximal number of calendars for which
//            FreeBusy information is to be provided … Maximum value is 50."), items[{id}]}; response
//            calendars.{id}.busy[{start (inclusive), end (exclusive)}] and errors[{domain, reason}]
//            with reasons "groupTooBig", "tooManyCalendarsRequested" ("The number of calendars
//            requested is too large for a single query"), "notFound", "internalError".
//   [ERR]    https://developers.google.com/workspace/calendar/api/guides/errors — exact JSON of 400
//            timeRangeEmpty "The specified time range is empty." (domain calendar, location timeMax),
//            403 quotaExceeded "Calendar usage limits exceeded." (domain usageLimits), 404 notFound
//            "Not Found" ("when accessing a calendar that the user can not access"), 409 duplicate
//            "The requested identifier already exists." (domain global), 410 deleted "Resource has been
//            deleted" ("a request attempts to delete an event that has already been deleted"), 500
//            backendError "Backend Error".
//   [Q]      https://developers.google.com/apps-script/guides/services/quotas — calendar events created
//            5,000/day (consumer), 10,000 (Workspace); quotas reset 24 h after the first request.
//   [GJRE]   How Apps Script throws an advanced service's API error: a GoogleJsonResponseException whose
//            message is "API call to calendar.events.<method> failed with error: <message>" and whose
//            `details` is {code, message, errors}. Seen verbatim in derekantrican/GAS-ICS-Sync#238
//            ("…calendar.events.insert failed with error: The specified time range is empty."), #297
//            and #472 ("…calendar.events.delete failed with error: Resource has been deleted" — note
//            the REST name `delete` for Apps Script's `remove`), a logged exception quoted in an Apps
//            Script calendar-sync project ("{ [GoogleJsonResponseException: API call to
//            calendar.events.delete failed with error: Not Found] details: { message: 'Not Found',
//            errors: [ [Object] ], code: 404 }, name: 'GoogleJsonResponseException' }"), and scripts
//            that branch on `e.details.code === 409` / `e.details.errors[0].reason`
//            (Elijas/auto-youtube-subscription-playlist-2, sheetScript.gs, YouTube advanced service).
// Error wordings, besides [ERR]:
//   "Invalid resource id value." 400 global/invalid — wanasit/google-calendar#25, odoo/odoo#18180.
//   "Missing time zone definition for start time." 400 reason `required` — openclaw/gogcli#347
//     ("Google API error (400 required)", recurring event whose dateTime had an offset); the same
//     message for a bare wall-clock dateTime without timeZone is reported in several projects' notes
//     (e.g. a GAM runbook: "bare times … leaves GAM erroring with 'Missing time zone definition for
//     start time'").
//   "Missing end time." 400 global/required — googleapis/google-api-nodejs-client#565,
//     jrmdayn/googleapis-batcher#4. ⚠ "Missing start time." by symmetry.
//   insert with end before start → 400 timeRangeEmpty — kewisch/gdata-provider#12 (POST …/events),
//     GAS-ICS-Sync#238. ⚠ end == start is accepted here (a zero-length event).
//   409 also after deletion, and the deleted event still readable with status "cancelled" —
//     googleapis/google-api-python-client#210 and #846, googleapis/google-api-ruby-client#1811,
//     bobuk/gcalsync#14. ⚠ ruby#1811 saw 403 when *updating* such an event; patch is allowed here.
//   "The requested time range is too long." 400 reason timeRangeTooLong — reported by several
//     projects that chunk their freeBusy calls; ⚠ the limit is undocumented: cal.com found 90 days
//     (calcom PRs #11696, #11962, #18237), one project reports 3 calendar months already refused.
//   "Missing timeMin parameter." reason required — aaronsb/google-workspace-mcp#98.
// ⚠ marks wording or behaviour from reasoning or a single community report, to confirm against the
// real API.
import type { EmulationContext } from './context';
import { instantToWallTime, zoneOffsetMs, zonedWallTimeToInstant } from '../../core/zones';

type SchemaEvent = GoogleAppsScript.Calendar.Schema.Event;
type SchemaEvents = GoogleAppsScript.Calendar.Schema.Events;
type EventDateTime = GoogleAppsScript.Calendar.Schema.EventDateTime;
type FreeBusyRequest = GoogleAppsScript.Calendar.Schema.FreeBusyRequest;
type FreeBusyResponse = GoogleAppsScript.Calendar.Schema.FreeBusyResponse;
type OfficialEvents = GoogleAppsScript.Calendar.Collection.EventsCollection;
type OfficialFreebusy = GoogleAppsScript.Calendar.Collection.FreebusyCollection;

// ---------------------------------------------------------------------------------------------
// Errors: GoogleJsonResponseException [GJRE]
// ---------------------------------------------------------------------------------------------

/** One entry of a Google JSON error's `errors` array [ERR]. */
export interface GoogleJsonErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

/** `e.details` of a GoogleJsonResponseException: the API's JSON `error` object [GJRE][ERR]. */
export interface GoogleJsonErrorDetails {
  code: number;
  message: string;
  errors: GoogleJsonErrorItem[];
}

/**
 * What an advanced service throws on an API error [GJRE]: `name` 'GoogleJsonResponseException',
 * `message` "API call to calendar.events.insert failed with error: <message>", `details`.
 */
export interface GoogleJsonResponseException extends Error {
  name: 'GoogleJsonResponseException';
  details: GoogleJsonErrorDetails;
}

/** True for an error shaped like a GoogleJsonResponseException (works across node:vm realms). */
export function isGoogleJsonResponseException(e: unknown): e is GoogleJsonResponseException {
  if (typeof e !== 'object' || e === null) return false;
  const d = (e as { details?: unknown }).details;
  return (
    (e as { name?: unknown }).name === 'GoogleJsonResponseException' &&
    typeof d === 'object' && d !== null && typeof (d as { code?: unknown }).code === 'number'
  );
}

/** The REST method names Apps Script puts in the message; `remove` is REST `delete` [GJRE]. */
export type CalendarApiMethod =
  | 'calendar.events.insert'
  | 'calendar.events.get'
  | 'calendar.events.patch'
  | 'calendar.events.list'
  | 'calendar.events.delete'
  | 'calendar.freebusy.query';

/** Error texts used by the emulation (see the header for each one's source). */
export const CALENDAR_ERRORS = {
  invalidId: 'Invalid resource id value.',
  duplicate: 'The requested identifier already exists.',
  notFound: 'Not Found',
  deleted: 'Resource has been deleted',
  missingTimeZone: (which: 'start' | 'end') => `Missing time zone definition for ${which} time.`,
  invalidTimeZone: (which: 'start' | 'end') => `Invalid time zone definition for ${which} time.`, // ⚠
  missingTime: (which: 'start' | 'end') => `Missing ${which} time.`, // "Missing end time." ✓, start ⚠
  invalidTime: (which: 'start' | 'end') => `Invalid ${which} time.`, // ⚠
  mixedTimes: 'Start and end times must either both be date or both be dateTime.', // ⚠
  timeRangeEmpty: 'The specified time range is empty.',
  timeRangeTooLong: 'The requested time range is too long.',
  usageLimits: 'Calendar usage limits exceeded.',
  invalidRecurrence: 'Invalid recurrence rule.', // ⚠ (gogcli#347 quotes it for an update)
  invalidValue: 'Invalid Value', // ⚠ Google's generic 400 wording
  invalidConferenceType: 'Invalid conference type value.', // ⚠
  missingParameter: (name: string) => `Missing ${name} parameter.`,
  backendError: 'Backend Error',
} as const;

/** Thrown for a call the emulation does not model, so a test never passes on silent divergence. */
export class NotEmulatedError extends Error {
  constructor(what: string) {
    super(`FakeCalendar: ${what} is not emulated`);
    this.name = 'NotEmulatedError';
  }
}

// ---------------------------------------------------------------------------------------------
// Options, snapshot, directory
// ---------------------------------------------------------------------------------------------

export type FreeBusyErrorReason = 'notFound' | 'internalError' | 'groupTooBig' | 'tooManyCalendarsRequested';
export type SendUpdates = 'all' | 'externalOnly' | 'none';
export type LosableMethod = 'insert' | 'patch' | 'remove';

export interface CalendarOptions {
  /**
   * How many reads of an event (an `Events.get`, or an `Events.list` page returning it) see its
   * Meet conference still `pending` after the insert (or patch) that asked for it, minus one: the
   * read that brings the count to zero returns `success` with the link. 0 = the insert itself returns `success`. Default 1 [EVREF createRequest].
   */
  meetReadyAfterGets?: number;
  /** Events the user may create per 24 h window before 403 quotaExceeded. Default 5,000 [Q]. */
  eventsPerDay?: number;
  /** Longest free/busy range accepted, in days. Default 90 (⚠ cal.com's finding). */
  freeBusyMaxRangeDays?: number;
  /**
   * The calendarExpansionMax used when the request leaves it out. Default 50 [FB]. ⚠ One community
   * report says Google's default is lower: pass `calendarExpansionMax: 50` explicitly.
   */
  defaultCalendarExpansionMax?: number;
  /** How repeated `privateExtendedProperty` (or shared) constraints combine. Default 'any' [XP]. */
  extendedPropertyMatch?: 'any' | 'all';
  /** Occurrences generated at most per series for an open-ended one in {@link FakeCalendar.eventsOn}. Default 520. */
  maxOccurrences?: number;
}

/** A busy block as `addPerson` accepts it. */
export interface BusyInput {
  start: string | Date;
  end: string | Date;
}

export interface PersonOptions {
  /** Busy blocks on the person's own calendar (meetings the add-on knows nothing about). */
  busy?: BusyInput[];
  /** Free/busy answers this error for the person's calendar instead of busy blocks [FB]. */
  error?: FreeBusyErrorReason;
}

/** A notification the Calendar would have e-mailed [INSERT sendUpdates]. */
export interface SentInvitation {
  kind: 'invitation' | 'update' | 'cancellation';
  method: LosableMethod;
  calendarId: string;
  eventId: string;
  to: string;
  summary: string | null;
  sendUpdates: 'all' | 'externalOnly';
  at: string;
}

/** A resource the add-on sent to insert or patch, as sent. */
export interface SentResource {
  method: 'insert' | 'patch';
  calendarId: string;
  eventId: string | null;
  resource: SchemaEvent;
  optionalArgs: Record<string, unknown>;
}

/** One event with the occurrences it puts on a calendar (UTC ISO strings). */
export interface CalendarEntry {
  calendarId: string;
  event: SchemaEvent;
  occurrences: Array<{ start: string; end: string }>;
}

/** A free/busy answer for one calendar [FB]. */
export interface FreeBusyCalendarResult {
  busy: Array<{ start: string; end: string }>;
  errors?: Array<{ domain: string; reason: string }>;
}

export interface CalendarSnapshot {
  version: 1;
  /** Every event, deleted ones included (status 'cancelled'), in creation order. */
  events: Array<{ calendar: string; event: SchemaEvent; meetGetsLeft?: number }>;
  people: Array<{ email: string; busy: Array<{ start: string; end: string }>; error?: FreeBusyErrorReason }>;
  invitations: SentInvitation[];
  usedRequestIds: string[];
  quota: { windowStart: string | null; created: number };
}

interface StoredEvent {
  calendar: string;
  event: SchemaEvent;
  /** Gets left before a pending Meet conference succeeds. */
  meetGetsLeft?: number;
}

interface Person {
  email: string;
  busy: Array<[number, number]>;
  error?: FreeBusyErrorReason;
}

// ---------------------------------------------------------------------------------------------
// Small pure helpers
// ---------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const ID_PATTERN = /^[a-v0-9]{5,1024}$/; // [EVREF] Event.id

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** [PATCHSEM]: objects merge, arrays and scalars replace, null deletes. Mutates and returns `target`. */
function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else if (isPlainObject(value)) {
      const base = isPlainObject(target[key]) ? (target[key] as Record<string, unknown>) : {};
      target[key] = mergePatch(base, value);
    } else if (value !== undefined) target[key] = clone(value);
  }
  return target;
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An RFC 3339 instant (offset required), or NaN. */
function parseInstant(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const m = DATE_TIME.exec(value);
  if (!m || !m[8]) return NaN;
  return Date.parse(value);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The instant as Google writes free/busy times: UTC with Z, or the zone's offset. */
function formatInstant(ms: number, zone?: string): string {
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') {
    return new Date(ms).toISOString().replace('.000Z', 'Z');
  }
  const w = instantToWallTime(ms, zone);
  const offsetMin = Math.round(zoneOffsetMs(ms, zone) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const ms3 = w.millisecond ? `.${pad(w.millisecond, 3)}` : '';
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${ms3}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** y/m/d plus `days`, on the proleptic Gregorian calendar. */
function addDays(year: number, month: number, day: number, days: number): [number, number, number] {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(year, month - 1, day + days);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** A weekly rule, the only kind emulated. */
interface WeeklyRule {
  interval: number;
  count?: number;
  until?: { kind: 'instant'; ms: number } | { kind: 'date'; ymd: number } | { kind: 'floating'; wall: number };
}

// ---------------------------------------------------------------------------------------------
// The calendar
// ---------------------------------------------------------------------------------------------

/**
 * The emulated `Calendar` advanced service. Hand `calendar` to the code under test as the global
 * `Calendar` (it has `Events` and `Freebusy`); use the other public methods from tests and the
 * sandbox (they are not service calls: nothing is recorded).
 *
 * Calendars: 'primary' and the running user's email (ctx.userEmail) are the user's own calendar,
 * the only one the user can write to or list; any other calendar id gives 404 Not Found [ERR].
 * People added with {@link addPerson} are Google Calendar users: an event that invites them appears
 * on their calendar and in their free/busy. Anyone else is an external guest: free/busy answers
 * `notFound` for them (a choice: Google answers notFound for a calendar the user cannot see [FB]).
 */
export class FakeCalendar {
  readonly Events: FakeEventsCollection;
  readonly Freebusy: FakeFreebusyCollection;

  private readonly events: StoredEvent[] = [];
  private readonly byKey = new Map<string, StoredEvent>();
  private readonly people = new Map<string, Person>();
  private invitations: SentInvitation[] = [];
  private sent: SentResource[] = [];
  private usedRequestIds = new Set<string>();
  private quota: { windowStart: number | null; created: number } = { windowStart: null, created: 0 };
  private readonly lose = new Map<LosableMethod, Error | null>();
  private ErrorCtor: ErrorConstructor = Error;
  /** @internal */ readonly options: Required<CalendarOptions>;

  constructor(
    /** @internal */ readonly ctx: EmulationContext,
    snapshot?: CalendarSnapshot,
    options: CalendarOptions = {},
  ) {
    this.options = {
      meetReadyAfterGets: options.meetReadyAfterGets ?? 1,
      eventsPerDay: options.eventsPerDay ?? 5000,
      freeBusyMaxRangeDays: options.freeBusyMaxRangeDays ?? 90,
      defaultCalendarExpansionMax: options.defaultCalendarExpansionMax ?? 50,
      extendedPropertyMatch: options.extendedPropertyMatch ?? 'any',
      maxOccurrences: options.maxOccurrences ?? 520,
    };
    this.Events = new FakeEventsCollection(this);
    this.Freebusy = new FakeFreebusyCollection(this);
    if (snapshot) this.load(snapshot);
  }

  /** Loads a snapshot written by {@link toJSON}. */
  static fromJSON(ctx: EmulationContext, snapshot: CalendarSnapshot, options?: CalendarOptions): FakeCalendar {
    return new FakeCalendar(ctx, snapshot, options);
  }

  /** Makes thrown API errors with another realm's Error (for a node:vm bundle). Unrecorded. */
  useRealm(realm: { Error?: ErrorConstructor }): void {
    this.ErrorCtor = realm.Error ?? Error;
  }

  // --- directory and inspection (Node-side, never recorded) -----------------------------------

  /** Adds (or replaces) a person: a Google Calendar user whose calendar the emulation knows. */
  addPerson(email: string, options: PersonOptions = {}): void {
    const busy: Array<[number, number]> = (options.busy ?? []).map((b) => {
      const s = b.start instanceof Date ? b.start.getTime() : parseInstant(b.start);
      const e = b.end instanceof Date ? b.end.getTime() : parseInstant(b.end);
      if (Number.isNaN(s) || Number.isNaN(e) || e < s) {
        throw new RangeError(`addPerson(${email}): busy blocks need RFC 3339 start <= end, got ${JSON.stringify(b)}`);
      }
      return [s, e];
    });
    this.people.set(this.norm(email), { email: this.norm(email), busy, error: options.error });
  }

  /** True for the user and the people added with {@link addPerson}. */
  isKnown(email: string): boolean {
    const e = this.norm(email);
    return e === this.user || this.people.has(e);
  }

  /**
   * The events on a calendar ('primary', the user's email or a person's), cancelled ones left out,
   * each with its occurrences (recurrences expanded in start.timeZone) overlapping `window` (default:
   * all of them, at most `maxOccurrences` for an open-ended series). A guest's copy has no
   * `extendedProperties.private` (those belong to the organizer's copy [XP]).
   */
  eventsOn(calendarIdOrEmail: string, window: { from?: string | Date; to?: string | Date } = {}): CalendarEntry[] {
    const who = this.resolveCalendar(calendarIdOrEmail);
    if (!this.isKnown(who)) return [];
    const from = window.from === undefined ? -Infinity : new Date(window.from).getTime();
    const to = window.to === undefined ? Infinity : new Date(window.to).getTime();
    const out: CalendarEntry[] = [];
    for (const stored of this.events) {
      if (stored.event.status === 'cancelled') continue;
      const organizer = stored.calendar === who;
      const attendee = (stored.event.attendees ?? []).some((a) => this.norm(a.email ?? '') === who);
      if (!organizer && !attendee) continue;
      const occurrences = this.occurrences(stored.event, from, to).map(([s, e]) => ({
        start: new Date(s).toISOString(),
        end: new Date(e).toISOString(),
      }));
      out.push({ calendarId: who, event: organizer ? clone(stored.event) : this.guestCopy(stored.event, who), occurrences });
    }
    return out;
  }

  /** Every notification that would have been sent, oldest first. */
  sentInvitations(): SentInvitation[] {
    return clone(this.invitations);
  }

  /** Every resource the add-on sent to insert or patch, as sent (for schema checks). Not persisted. */
  insertedResources(): SentResource[] {
    return clone(this.sent);
  }

  /**
   * Makes the next successful `Events.<method>` apply its change on the "server" and then throw, as
   * when the response is lost (default error: 500 Backend Error [ERR]). A call that fails on its own
   * (a 409, a 404…) throws its own error and leaves this armed. `ledger.failAt`, by contrast, throws
   * before anything changes.
   */
  loseNextResponse(method: LosableMethod, error?: Error): void {
    this.lose.set(method, error ?? null);
  }

  /** Events created in the current quota window [Q]. */
  eventsCreatedToday(): number {
    this.rollQuotaWindow();
    return this.quota.created;
  }

  /** A JSON-safe copy of everything that outlives an execution (not `insertedResources`). */
  toJSON(): CalendarSnapshot {
    return clone({
      version: 1 as const,
      events: this.events.map((s) => ({
        calendar: s.calendar,
        event: s.event,
        ...(s.meetGetsLeft !== undefined ? { meetGetsLeft: s.meetGetsLeft } : {}),
      })),
      people: [...this.people.values()].map((p) => ({
        email: p.email,
        busy: p.busy.map(([s, e]) => ({ start: new Date(s).toISOString(), end: new Date(e).toISOString() })),
        ...(p.error ? { error: p.error } : {}),
      })),
      invitations: this.invitations,
      usedRequestIds: [...this.usedRequestIds],
      quota: {
        windowStart: this.quota.windowStart === null ? null : new Date(this.quota.windowStart).toISOString(),
        created: this.quota.created,
      },
    });
  }

  private load(snap: CalendarSnapshot): void {
    if (snap.version !== 1) throw new Error(`Unknown calendar snapshot version ${String(snap.version)}`);
    for (const s of snap.events) {
      const stored: StoredEvent = { calendar: s.calendar, event: clone(s.event) };
      if (s.meetGetsLeft !== undefined) stored.meetGetsLeft = s.meetGetsLeft;
      this.events.push(stored);
      this.byKey.set(this.key(s.calendar, s.event.id ?? ''), stored);
    }
    for (const p of snap.people) this.addPerson(p.email, { busy: p.busy, error: p.error });
    this.invitations = clone(snap.invitations);
    this.usedRequestIds = new Set(snap.usedRequestIds);
    this.quota = {
      windowStart: snap.quota.windowStart === null ? null : Date.parse(snap.quota.windowStart),
      created: snap.quota.created,
    };
  }

  // --- internals shared by the collections -----------------------------------------------------

  /** @internal */ get user(): string {
    return this.norm(this.ctx.userEmail);
  }

  /** @internal */ norm(email: string): string {
    return String(email).trim().toLowerCase();
  }

  /** @internal */ resolveCalendar(calendarId: string): string {
    return calendarId === 'primary' ? this.user : this.norm(calendarId);
  }

  /** @internal */ key(calendar: string, id: string): string {
    return `${calendar}\u0000${id}`;
  }

  /** @internal A GoogleJsonResponseException for `method` [GJRE]. */
  apiError(method: CalendarApiMethod, code: number, message: string, domain: string, reason: string, extra: Partial<GoogleJsonErrorItem> = {}): GoogleJsonResponseException {
    const e = new this.ErrorCtor(`API call to ${method} failed with error: ${message}`) as GoogleJsonResponseException;
    e.name = 'GoogleJsonResponseException';
    e.details = { code, message, errors: [{ domain, reason, message, ...extra }] };
    return e;
  }

  /** @internal The user's own calendar, or 404 [ERR]. */
  writableCalendar(method: CalendarApiMethod, calendarId: unknown): string {
    const cal = typeof calendarId === 'string' ? this.resolveCalendar(calendarId) : '';
    if (cal !== this.user) throw this.apiError(method, 404, CALENDAR_ERRORS.notFound, 'global', 'notFound');
    return cal;
  }

  /** @internal */ find(calendar: string, id: string): StoredEvent | undefined {
    return this.byKey.get(this.key(calendar, id));
  }

  /** @internal */ add(stored: StoredEvent): void {
    this.events.push(stored);
    this.byKey.set(this.key(stored.calendar, stored.event.id!), stored);
  }

  /** @internal */ allEvents(): readonly StoredEvent[] {
    return this.events;
  }

  /** @internal */ recordSent(entry: SentResource): void {
    this.sent.push(clone(entry));
  }

  /** @internal */ person(email: string): Person | undefined {
    return this.people.get(this.norm(email));
  }

  /** @internal Throws the armed lost-response error for `method`, once. */
  maybeLoseResponse(method: LosableMethod, apiMethod: CalendarApiMethod): void {
    if (!this.lose.has(method)) return;
    const error = this.lose.get(method);
    this.lose.delete(method);
    throw error ?? this.apiError(apiMethod, 500, CALENDAR_ERRORS.backendError, 'global', 'backendError');
  }

  /** @internal A requestId seen before is ignored [EVREF CreateConferenceRequest]. */
  claimRequestId(requestId: string): boolean {
    if (this.usedRequestIds.has(requestId)) return false;
    this.usedRequestIds.add(requestId);
    return true;
  }

  /** @internal Resets the quota window 24 h after its first creation [Q]. */
  rollQuotaWindow(): void {
    const now = this.ctx.now().getTime();
    if (this.quota.windowStart !== null && now - this.quota.windowStart >= MS_PER_DAY) {
      this.quota = { windowStart: null, created: 0 };
    }
  }

  /** @internal */ quotaLeft(): boolean {
    this.rollQuotaWindow();
    return this.quota.created < this.options.eventsPerDay;
  }

  /** @internal */ countCreation(): void {
    this.rollQuotaWindow();
    if (this.quota.windowStart === null) this.quota.windowStart = this.ctx.now().getTime();
    this.quota.created += 1;
  }

  /** @internal Records notifications for `sendUpdates` [INSERT]. */
  notify(kind: SentInvitation['kind'], method: LosableMethod, stored: StoredEvent, sendUpdates: SendUpdates | undefined): void {
    if (sendUpdates !== 'all' && sendUpdates !== 'externalOnly') return;
    for (const a of stored.event.attendees ?? []) {
      const to = this.norm(a.email ?? '');
      if (!to || to === stored.calendar) continue; // the organizer is not invited to their own event
      if (sendUpdates === 'externalOnly' && this.isKnown(to)) continue; // Google Calendar users skipped
      this.invitations.push({
        kind,
        method,
        calendarId: stored.calendar,
        eventId: stored.event.id!,
        to,
        summary: stored.event.summary ?? null,
        sendUpdates,
        at: this.ctx.now().toISOString(),
      });
    }
  }

  /** A guest's copy of an event: no private properties; `self` on their attendee entry. */
  private guestCopy(event: SchemaEvent, who: string): SchemaEvent {
    const copy = clone(event);
    if (copy.extendedProperties) {
      delete copy.extendedProperties.private;
      if (Object.keys(copy.extendedProperties).length === 0) delete copy.extendedProperties;
    }
    if (copy.organizer) delete copy.organizer.self;
    if (copy.creator) delete copy.creator.self;
    for (const a of copy.attendees ?? []) {
      if (this.norm(a.email ?? '') === who) a.self = true;
      else delete a.self;
    }
    return copy;
  }

  // --- time -------------------------------------------------------------------------------------

  /**
   * The instant of an EventDateTime, or the error Google gives [EVREF][INSERT]. An all-day `date`
   * starts at midnight in its timeZone, else ⚠ in the emulation's time zone (the calendar's zone).
   * @internal
   */
  instantOf(
    method: CalendarApiMethod,
    given: EventDateTime | undefined,
    which: 'start' | 'end',
  ): { ms: number; allDay: boolean } {
    let edt = given;
    if (!isPlainObject(edt) || (edt.dateTime === undefined && edt.date === undefined)) {
      throw this.apiError(method, 400, CALENDAR_ERRORS.missingTime(which), 'global', 'required');
    }
    edt = edt as EventDateTime;
    if (edt.timeZone !== undefined && (typeof edt.timeZone !== 'string' || !isValidZone(edt.timeZone))) {
      throw this.apiError(method, 400, CALENDAR_ERRORS.invalidTimeZone(which), 'global', 'invalid');
    }
    if (edt.dateTime !== undefined) {
      const m = typeof edt.dateTime === 'string' ? DATE_TIME.exec(edt.dateTime) : null;
      if (!m) throw this.apiError(method, 400, CALENDAR_ERRORS.invalidTime(which), 'global', 'invalid');
      if (m[8]) return { ms: Date.parse(m[0]), allDay: false };
      if (!edt.timeZone) throw this.apiError(method, 400, CALENDAR_ERRORS.missingTimeZone(which), 'global', 'required');
      const frac = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
      const ms = zonedWallTimeToInstant(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), edt.timeZone, frac).getTime();
      return { ms, allDay: false };
    }
    const d = typeof edt.date === 'string' ? DATE_ONLY.exec(edt.date) : null;
    if (!d) throw this.apiError(method, 400, CALENDAR_ERRORS.invalidTime(which), 'global', 'invalid');
    const zone = edt.timeZone ?? this.ctx.timeZone;
    return { ms: zonedWallTimeToInstant(+d[1], +d[2], +d[3], 0, 0, 0, zone).getTime(), allDay: true };
  }

  /**
   * Checks start/end/recurrence as insert and patch do [EVREF][INSERT]; throws the API error, or a
   * {@link NotEmulatedError} for a valid rule part the emulation does not expand.
   * @internal
   */
  validateTimes(method: CalendarApiMethod, event: SchemaEvent): void {
    const start = this.instantOf(method, event.start, 'start');
    const end = this.instantOf(method, event.end, 'end');
    if (start.allDay !== end.allDay) throw this.apiError(method, 400, CALENDAR_ERRORS.mixedTimes, 'global', 'invalid');
    if (event.recurrence !== undefined && event.recurrence !== null) {
      if (!Array.isArray(event.recurrence)) throw this.apiError(method, 400, CALENDAR_ERRORS.invalidRecurrence, 'global', 'invalid');
      // "For recurring events this field is required" [EVREF]; an offset is not enough (gogcli#347).
      if (event.recurrence.length > 0 && !start.allDay && !event.start?.timeZone) {
        throw this.apiError(method, 400, CALENDAR_ERRORS.missingTimeZone('start'), 'global', 'required');
      }
      this.parseRecurrence(method, event.recurrence);
    }
    if (end.ms < start.ms) {
      throw this.apiError(method, 400, CALENDAR_ERRORS.timeRangeEmpty, 'calendar', 'timeRangeEmpty');
    }
  }

  /**
   * The weekly rule of a recurrence list, or null when the list is empty. Supported: one
   * `RRULE:FREQ=WEEKLY` with INTERVAL, COUNT or UNTIL (and WKST, which changes nothing without
   * BYDAY). Malformed rules, COUNT with UNTIL (RFC 5545 §3.3.10 "MUST NOT occur in the same
   * 'recur'") → 400 ⚠; other valid parts and EXDATE/RDATE/EXRULE lines → NotEmulatedError.
   * @internal
   */
  parseRecurrence(method: CalendarApiMethod, lines: readonly string[]): WeeklyRule | null {
    const invalid = () => this.apiError(method, 400, CALENDAR_ERRORS.invalidRecurrence, 'global', 'invalid');
    let rule: WeeklyRule | null = null;
    for (const raw of lines) {
      if (typeof raw !== 'string') throw invalid();
      const line = raw.trim();
      const colon = line.indexOf(':');
      const name = (colon < 0 ? line : line.slice(0, colon)).split(';')[0].toUpperCase();
      if (name === 'EXDATE' || name === 'RDATE' || name === 'EXRULE') throw new NotEmulatedError(`the recurrence line ${name}`);
      if (name !== 'RRULE' || colon < 0) throw invalid();
      if (rule) throw new NotEmulatedError('more than one RRULE');
      const parts = new Map<string, string>();
      for (const part of line.slice(colon + 1).split(';')) {
        const eq = part.indexOf('=');
        if (eq <= 0) throw invalid();
        const k = part.slice(0, eq).toUpperCase();
        if (parts.has(k)) throw invalid();
        parts.set(k, part.slice(eq + 1));
      }
      const freq = parts.get('FREQ')?.toUpperCase();
      if (!freq || !['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) throw invalid();
      const positive = (v: string | undefined) => {
        if (v === undefined) return undefined;
        if (!/^\d+$/.test(v) || Number(v) < 1) throw invalid();
        return Number(v);
      };
      const interval = positive(parts.get('INTERVAL')) ?? 1;
      const count = positive(parts.get('COUNT'));
      const untilRaw = parts.get('UNTIL');
      if (count !== undefined && untilRaw !== undefined) throw invalid();
      let until: WeeklyRule['until'];
      if (untilRaw !== undefined) {
        const u = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(untilRaw);
        if (!u) throw invalid();
        if (u[4] === undefined) until = { kind: 'date', ymd: +`${u[1]}${u[2]}${u[3]}` };
        else if (u[7]) until = { kind: 'instant', ms: Date.UTC(+u[1], +u[2] - 1, +u[3], +u[4], +u[5], +u[6]) };
        else until = { kind: 'floating', wall: Date.UTC(+u[1], +u[2] - 1, +u[3], +u[4], +u[5], +u[6]) };
      }
      for (const k of parts.keys()) {
        if (!['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST'].includes(k)) throw new NotEmulatedError(`the RRULE part ${k}`);
      }
      if (freq !== 'WEEKLY') throw new NotEmulatedError(`FREQ=${freq}`);
      rule = { interval, count, until };
    }
    return rule;
  }

  /**
   * The [start, end) instants of `event`'s occurrences overlapping [from, to), the recurrence
   * expanded on the wall clock of start.timeZone [EVREF], so a weekly 10:00 stays 10:00 across a
   * daylight-saving change. Each occurrence lasts end − start.
   * @internal
   */
  occurrences(event: SchemaEvent, from: number, to: number): Array<[number, number]> {
    const method: CalendarApiMethod = 'calendar.events.get';
    const start = this.instantOf(method, event.start, 'start');
    const end = this.instantOf(method, event.end, 'end');
    const duration = end.ms - start.ms;
    const rule = event.recurrence?.length ? this.parseRecurrence(method, event.recurrence) : null;
    if (!rule) return start.ms < to && end.ms > from ? [[start.ms, end.ms]] : [];
    const zone = event.start?.timeZone ?? this.ctx.timeZone;
    const w = instantToWallTime(start.ms, zone);
    const out: Array<[number, number]> = [];
    const limit = rule.count ?? Infinity;
    // An open-ended series over an open-ended window: keep the first `maxOccurrences` of it.
    const cap = rule.count === undefined && rule.until === undefined && to === Infinity ? this.options.maxOccurrences : Infinity;
    for (let k = 0; k < limit && out.length < cap; k++) {
      const [y, m, d] = addDays(w.year, w.month, w.day, 7 * rule.interval * k);
      const s = zonedWallTimeToInstant(y, m, d, w.hour, w.minute, w.second, zone, w.millisecond).getTime();
      if (rule.until) {
        const u = rule.until;
        if (u.kind === 'instant' && s > u.ms) break;
        if (u.kind === 'date' && y * 10000 + m * 100 + d > u.ymd) break;
        if (u.kind === 'floating' && Date.UTC(y, m - 1, d, w.hour, w.minute, w.second) > u.wall) break;
      }
      if (s >= to) break;
      if (s + duration > from) out.push([s, s + duration]);
    }
    return out;
  }

  // --- free/busy ----------------------------------------------------------------------------------

  /**
   * Busy blocks of a known calendar: the person's seeded blocks plus every non-cancelled, opaque
   * event they organize or attend and have not declined, occurrences expanded; merged, clipped.
   * @internal
   */
  busyOf(who: string, from: number, to: number): Array<[number, number]> {
    const blocks: Array<[number, number]> = [];
    for (const [s, e] of this.people.get(who)?.busy ?? []) if (s < to && e > from) blocks.push([s, e]);
    for (const stored of this.events) {
      const ev = stored.event;
      if (ev.status === 'cancelled' || ev.transparency === 'transparent') continue;
      const me = (ev.attendees ?? []).find((a) => this.norm(a.email ?? '') === who);
      const organizes = stored.calendar === who;
      if (!organizes && !me) continue;
      if (me?.responseStatus === 'declined') continue;
      blocks.push(...this.occurrences(ev, from, to));
    }
    blocks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: Array<[number, number]> = [];
    for (const [s0, e0] of blocks) {
      const s = Math.max(s0, from);
      const e = Math.min(e0, to);
      if (e <= s) continue;
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    return merged;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar.Events
// ---------------------------------------------------------------------------------------------

/** The optional arguments emulated per method; anything else throws NotEmulatedError. */
const ALLOWED_ARGS: Record<string, readonly string[]> = {
  insert: ['conferenceDataVersion', 'sendUpdates', 'sendNotifications', 'maxAttendees', 'supportsAttachments'],
  patch: ['conferenceDataVersion', 'sendUpdates', 'sendNotifications', 'maxAttendees', 'supportsAttachments'],
  get: ['maxAttendees', 'timeZone'],
  list: ['maxResults', 'pageToken', 'privateExtendedProperty', 'sharedExtendedProperty', 'showDeleted', 'singleEvents'],
  remove: ['sendUpdates', 'sendNotifications'],
};

interface WriteArgs {
  conferenceDataVersion?: number;
  sendUpdates?: SendUpdates;
  sendNotifications?: boolean;
  maxAttendees?: number;
  supportsAttachments?: boolean;
}

interface ListArgs {
  maxResults?: number;
  pageToken?: string;
  privateExtendedProperty?: string | string[];
  sharedExtendedProperty?: string | string[];
  showDeleted?: boolean;
  singleEvents?: boolean;
}

/**
 * `Calendar.Events`, checked by tsc against the official EventsCollection (every overload of each
 * method). Each call is recorded in the ledger first, so an injected fault changes nothing.
 */
export class FakeEventsCollection implements Pick<OfficialEvents, 'insert' | 'get' | 'patch' | 'list' | 'remove'> {
  constructor(private readonly cal: FakeCalendar) {}

  /** Creates an event [INSERT]. */
  insert(resource: SchemaEvent, calendarId: string, optionalArgs?: object, headers?: object): SchemaEvent {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.insert');
    const M: CalendarApiMethod = 'calendar.events.insert';
    const args = this.args('insert', optionalArgs) as WriteArgs;
    const event = clone(isPlainObject(resource) ? resource : {}) as SchemaEvent;
    cal.recordSent({ method: 'insert', calendarId: String(calendarId), eventId: event.id ?? null, resource: event, optionalArgs: { ...args } });
    const calendar = cal.writableCalendar(M, calendarId);
    const sendUpdates = this.sendUpdates(M, args);
    const conference = this.conferenceVersion(M, args);
    if (event.id !== undefined && (typeof event.id !== 'string' || !ID_PATTERN.test(event.id))) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidId, 'global', 'invalid');
    }
    cal.validateTimes(M, event);
    const create = conference === 1 ? this.createRequestOf(M, event) : null;
    const id = event.id ?? this.newId();
    if (cal.find(calendar, id)) {
      // Also for a deleted event: its id is never freed (python-client#210, ruby-client#1811).
      throw cal.apiError(M, 409, CALENDAR_ERRORS.duplicate, 'global', 'duplicate');
    }
    if (!cal.quotaLeft()) throw cal.apiError(M, 403, CALENDAR_ERRORS.usageLimits, 'usageLimits', 'quotaExceeded');

    // Accepted: from here on the "server" has the event.
    const now = cal.ctx.now().toISOString();
    if (conference !== 1) delete event.conferenceData; // "Version 0 … ignores conference data" [INSERT]
    const stored: StoredEvent = { calendar, event: this.serverFields(event, id, calendar, now) };
    if (create) this.startConference(stored, create);
    cal.add(stored);
    cal.countCreation();
    cal.notify('invitation', 'insert', stored, sendUpdates);
    cal.maybeLoseResponse('insert', M);
    return clone(stored.event);
  }

  /**
   * A read of a stored event (a get, or a list returning it) lets time pass for its pending Meet
   * conference: Google creates it asynchronously [EVREF createRequest], so a later read sees it.
   */
  private readConference(stored: StoredEvent): void {
    if (stored.meetGetsLeft === undefined) return;
    stored.meetGetsLeft -= 1;
    if (stored.meetGetsLeft <= 0) this.completeConference(stored);
  }

  /** Returns an event, a deleted one too (status 'cancelled') [EVREF]; 404 for an unknown id [ERR]. */
  get(calendarId: string, eventId: string, optionalArgs?: object, headers?: object): SchemaEvent {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.get');
    const M: CalendarApiMethod = 'calendar.events.get';
    this.args('get', optionalArgs);
    const stored = cal.find(cal.writableCalendar(M, calendarId), String(eventId));
    if (!stored) throw cal.apiError(M, 404, CALENDAR_ERRORS.notFound, 'global', 'notFound');
    this.readConference(stored);
    return clone(stored.event);
  }

  /**
   * Updates an event with patch semantics [PATCH][PATCHSEM]: objects merge (so
   * extendedProperties.private merges by key, null deletes one [XP]), arrays replace.
   */
  patch(resource: SchemaEvent, calendarId: string, eventId: string, optionalArgs?: object, headers?: object): SchemaEvent {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.patch');
    const M: CalendarApiMethod = 'calendar.events.patch';
    const args = this.args('patch', optionalArgs) as WriteArgs;
    const body = clone(isPlainObject(resource) ? resource : {}) as SchemaEvent;
    cal.recordSent({ method: 'patch', calendarId: String(calendarId), eventId: String(eventId), resource: body, optionalArgs: { ...args } });
    const calendar = cal.writableCalendar(M, calendarId);
    const sendUpdates = this.sendUpdates(M, args);
    const conference = this.conferenceVersion(M, args);
    const stored = cal.find(calendar, String(eventId));
    if (!stored) throw cal.apiError(M, 404, CALENDAR_ERRORS.notFound, 'global', 'notFound');
    if (body.id !== undefined && body.id !== stored.event.id) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidId, 'global', 'invalid'); // ⚠ ids are immutable
    }
    if (conference !== 1) delete body.conferenceData; // [INSERT] conferenceDataVersion, same on patch
    const next = mergePatch(clone(stored.event) as Record<string, unknown>, body as Record<string, unknown>) as SchemaEvent;
    cal.validateTimes(M, next);
    const create = conference === 1 && body.conferenceData ? this.createRequestOf(M, body) : null;

    next.updated = cal.ctx.now().toISOString();
    next.sequence = (stored.event.sequence ?? 0) + 1;
    next.etag = `"${Date.parse(next.updated)}${next.sequence}"`;
    this.fillAttendees(next, calendar);
    stored.event = next;
    if (create) this.startConference(stored, create);
    else if (conference === 1 && body.conferenceData) delete stored.meetGetsLeft;
    cal.notify('update', 'patch', stored, sendUpdates);
    cal.maybeLoseResponse('patch', M);
    return clone(stored.event);
  }

  /**
   * Lists events [LIST]: extended-property constraints, showDeleted, pages (maxResults default 250,
   * at most 2500, nextPageToken). singleEvents must stay false (series come back as one event).
   */
  list(calendarId: string, optionalArgs?: object, headers?: object): SchemaEvents {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.list');
    const M: CalendarApiMethod = 'calendar.events.list';
    const args = this.args('list', optionalArgs) as ListArgs;
    const calendar = cal.writableCalendar(M, calendarId);
    if (args.singleEvents) throw new NotEmulatedError('Events.list with singleEvents: true');
    let pageSize = 250;
    if (args.maxResults !== undefined) {
      if (!Number.isInteger(args.maxResults) || args.maxResults < 1) {
        throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'maxResults' });
      }
      pageSize = Math.min(args.maxResults, 2500); // "can never be larger than 2500" [LIST]
    }
    let offset = 0;
    if (args.pageToken !== undefined) {
      const m = typeof args.pageToken === 'string' ? /^p(\d+)$/.exec(args.pageToken) : null;
      if (!m) throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'pageToken' }); // ⚠
      offset = Number(m[1]);
    }
    const priv = this.constraints(M, args.privateExtendedProperty, 'privateExtendedProperty');
    const shared = this.constraints(M, args.sharedExtendedProperty, 'sharedExtendedProperty');
    const matches = (props: Record<string, string> | undefined, cs: Array<[string, string]>) => {
      if (cs.length === 0) return true;
      const hit = ([k, v]: [string, string]) => props?.[k] === v;
      return cal.options.extendedPropertyMatch === 'all' ? cs.every(hit) : cs.some(hit);
    };
    const all = cal
      .allEvents()
      .filter((s) => s.calendar === calendar)
      .filter((s) => args.showDeleted === true || s.event.status !== 'cancelled')
      .filter((s) => matches(s.event.extendedProperties?.private, priv) && matches(s.event.extendedProperties?.shared, shared));
    const page = all.slice(offset, offset + pageSize);
    const result: SchemaEvents = {
      kind: 'calendar#events',
      etag: `"p${all.length}"`,
      summary: calendar,
      updated: cal.ctx.now().toISOString(),
      timeZone: cal.ctx.timeZone,
      accessRole: 'owner',
      defaultReminders: [],
      items: page.map((s) => {
        this.readConference(s);
        return clone(s.event);
      }),
    };
    if (offset + pageSize < all.length) result.nextPageToken = `p${offset + pageSize}`;
    return result;
  }

  /**
   * Deletes an event: it stays, with status 'cancelled', readable by get and kept from reuse
   * [ERR 409/410]. A second remove → 410 "Resource has been deleted".
   */
  remove(calendarId: string, eventId: string, optionalArgs?: object, headers?: object): void {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.remove');
    const M: CalendarApiMethod = 'calendar.events.delete';
    const args = this.args('remove', optionalArgs) as WriteArgs;
    const sendUpdates = this.sendUpdates(M, args);
    const stored = cal.find(cal.writableCalendar(M, calendarId), String(eventId));
    if (!stored) throw cal.apiError(M, 404, CALENDAR_ERRORS.notFound, 'global', 'notFound');
    if (stored.event.status === 'cancelled') throw cal.apiError(M, 410, CALENDAR_ERRORS.deleted, 'global', 'deleted');
    stored.event.status = 'cancelled';
    stored.event.updated = cal.ctx.now().toISOString();
    cal.notify('cancellation', 'remove', stored, sendUpdates);
    cal.maybeLoseResponse('remove', M);
  }

  // --- helpers ----------------------------------------------------------------------------------

  private args(method: keyof typeof ALLOWED_ARGS, optionalArgs: object | undefined): Record<string, unknown> {
    if (optionalArgs === undefined || optionalArgs === null) return {};
    const args = clone(optionalArgs) as Record<string, unknown>;
    for (const k of Object.keys(args)) {
      if (!ALLOWED_ARGS[method].includes(k)) throw new NotEmulatedError(`Events.${method} optional argument '${k}'`);
    }
    return args;
  }

  /** sendUpdates, or the deprecated sendNotifications: true meaning 'all' [INSERT]. Default: none. */
  private sendUpdates(M: CalendarApiMethod, args: WriteArgs): SendUpdates | undefined {
    if (args.sendUpdates !== undefined) {
      if (!['all', 'externalOnly', 'none'].includes(args.sendUpdates as string)) {
        throw this.cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'sendUpdates' });
      }
      return args.sendUpdates;
    }
    return args.sendNotifications === true ? 'all' : undefined;
  }

  /** conferenceDataVersion: 0 (default) or 1 [INSERT]; ⚠ other values → 400 Invalid Value. */
  private conferenceVersion(M: CalendarApiMethod, args: WriteArgs): 0 | 1 {
    const v = args.conferenceDataVersion;
    if (v === undefined || v === 0) return 0;
    if (v === 1) return 1;
    throw this.cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'conferenceDataVersion' });
  }

  /** The createRequest to act on, null when there is none or its requestId was used before. */
  private createRequestOf(M: CalendarApiMethod, event: SchemaEvent): { requestId: string; type: string } | null {
    const req = event.conferenceData?.createRequest;
    if (!req) return null;
    const type = req.conferenceSolutionKey?.type;
    if (typeof req.requestId !== 'string' || req.requestId === '') {
      throw this.cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid'); // ⚠
    }
    if (type !== 'hangoutsMeet') {
      if (type === 'addOn' || type === 'eventHangout' || type === 'eventNamedHangout') {
        throw new NotEmulatedError(`conference solution '${type}'`);
      }
      throw this.cal.apiError(M, 400, CALENDAR_ERRORS.invalidConferenceType, 'global', 'invalid');
    }
    return { requestId: req.requestId, type };
  }

  /** A pending Meet conference, completed by later gets (or now, when meetReadyAfterGets is 0). */
  private startConference(stored: StoredEvent, create: { requestId: string; type: string }): void {
    const cal = this.cal;
    if (!cal.claimRequestId(create.requestId)) {
      // "If an ID provided is the same as for the previous request, the request is ignored." [EVREF]
      if (cal.allEvents().includes(stored)) return; // a patch repeating it: the conference stays as it is
      const prev = cal.allEvents().find((s) => s.event.conferenceData?.createRequest?.requestId === create.requestId && s !== stored);
      if (prev?.event.conferenceData) stored.event.conferenceData = clone(prev.event.conferenceData);
      else delete stored.event.conferenceData;
      return;
    }
    delete stored.event.hangoutLink;
    stored.event.conferenceData = {
      createRequest: {
        requestId: create.requestId,
        conferenceSolutionKey: { type: create.type },
        status: { statusCode: 'pending' },
      },
    };
    stored.meetGetsLeft = cal.options.meetReadyAfterGets;
    if (stored.meetGetsLeft <= 0) this.completeConference(stored);
  }

  /** The Meet link is made: statusCode 'success', entry points and hangoutLink [EVREF]. */
  private completeConference(stored: StoredEvent): void {
    delete stored.meetGetsLeft;
    const req = stored.event.conferenceData?.createRequest;
    if (!req) return;
    const code = meetCode(`${stored.event.id}|${req.requestId}`);
    const uri = `https://meet.google.com/${code}`;
    stored.event.conferenceData = {
      createRequest: { ...req, status: { statusCode: 'success' } },
      conferenceId: code,
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
      entryPoints: [{ entryPointType: 'video', uri, label: `meet.google.com/${code}` }],
    };
    stored.event.hangoutLink = uri;
  }

  /** Fields the server sets on a new event [EVREF]. */
  private serverFields(event: SchemaEvent, id: string, calendar: string, now: string): SchemaEvent {
    const out: SchemaEvent = {
      ...event,
      kind: 'calendar#event',
      etag: `"${Date.parse(now)}0"`,
      id,
      status: event.status === 'tentative' ? 'tentative' : 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendar}`).toString('base64').replace(/=+$/, '')}`,
      created: now,
      updated: now,
      creator: { email: calendar, self: true },
      organizer: { email: calendar, self: true },
      iCalUID: `${id}@google.com`,
      sequence: 0,
      reminders: event.reminders ?? { useDefault: true },
      eventType: event.eventType ?? 'default',
    };
    this.fillAttendees(out, calendar);
    return out;
  }

  /** Guests start as 'needsAction'; the organizer's own entry is marked organizer/self (⚠). */
  private fillAttendees(event: SchemaEvent, calendar: string): void {
    for (const a of event.attendees ?? []) {
      if (!a.responseStatus) a.responseStatus = 'needsAction';
      if (this.cal.norm(a.email ?? '') === calendar) {
        a.organizer = true;
        a.self = true;
      }
    }
  }

  private newId(): string {
    // Hex digits are base32hex digits, so a UUID's are a valid id [EVREF].
    return this.cal.ctx.uuid().replace(/-/g, '').toLowerCase();
  }

  private constraints(M: CalendarApiMethod, value: unknown, name: string): Array<[string, string]> {
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((c) => {
      const s = String(c);
      const eq = s.indexOf('=');
      if (eq <= 0) throw this.cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: name }); // ⚠
      return [s.slice(0, eq), s.slice(eq + 1)] as [string, string];
    });
  }
}

/** A Meet code like 'abc-defg-hij' derived from `seed` (FNV-1a; letters only). */
function meetCode(seed: string): string {
  let h = 0x811c9dc5;
  const letters: string[] = [];
  for (let round = 0; letters.length < 10; round++) {
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    letters.push(String.fromCharCode(97 + (h % 26)));
  }
  const s = letters.join('');
  return `${s.slice(0, 3)}-${s.slice(3, 7)}-${s.slice(7, 10)}`;
}

// ---------------------------------------------------------------------------------------------
// Calendar.Freebusy
// ---------------------------------------------------------------------------------------------

/** `Calendar.Freebusy`, checked by tsc against the official FreebusyCollection. */
export class FakeFreebusyCollection implements Pick<OfficialFreebusy, 'query'> {
  constructor(private readonly cal: FakeCalendar) {}

  /**
   * Free/busy of up to calendarExpansionMax (≤ 50) calendars [FB]. Per calendar: busy blocks, or
   * `errors` (notFound for an unknown calendar, the person's configured error) with `busy: []`.
   * Items past the cap get reason tooManyCalendarsRequested (⚠ two community reports say Google
   * answers that per calendar rather than failing the request; domain 'global' ⚠).
   * Busy times are UTC ('…Z') by default, in `timeZone`'s offset when given ("Time zone used in
   * the response" [FB]) — parse them, never compare them as strings.
   */
  query(resource: FreeBusyRequest, optionalArgs?: object, headers?: object): FreeBusyResponse {
    void optionalArgs;
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Freebusy.query');
    const M: CalendarApiMethod = 'calendar.freebusy.query';
    const req = (isPlainObject(resource) ? clone(resource) : {}) as FreeBusyRequest;
    if (req.timeMin === undefined) throw cal.apiError(M, 400, CALENDAR_ERRORS.missingParameter('timeMin'), 'global', 'required');
    if (req.timeMax === undefined) throw cal.apiError(M, 400, CALENDAR_ERRORS.missingParameter('timeMax'), 'global', 'required'); // ⚠ by symmetry
    const from = parseInstant(req.timeMin);
    const to = parseInstant(req.timeMax);
    if (Number.isNaN(from) || Number.isNaN(to)) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: Number.isNaN(from) ? 'timeMin' : 'timeMax' }); // ⚠
    }
    if (req.timeZone !== undefined && (typeof req.timeZone !== 'string' || !isValidZone(req.timeZone))) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'timeZone' }); // ⚠
    }
    if (to <= from) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.timeRangeEmpty, 'calendar', 'timeRangeEmpty', { locationType: 'parameter', location: 'timeMax' });
    }
    if (to - from > cal.options.freeBusyMaxRangeDays * MS_PER_DAY) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.timeRangeTooLong, 'calendar', 'timeRangeTooLong'); // domain ⚠
    }
    let cap = cal.options.defaultCalendarExpansionMax;
    if (req.calendarExpansionMax !== undefined) {
      const v = req.calendarExpansionMax;
      if (!Number.isInteger(v) || v < 1 || v > 50) {
        throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'calendarExpansionMax' }); // ⚠ "Maximum value is 50" [FB]
      }
      cap = v;
    }
    const items = Array.isArray(req.items) ? req.items : [];
    const calendars: Record<string, FreeBusyCalendarResult> = {};
    const fmt = (ms: number) => formatInstant(ms, req.timeZone);
    let n = 0;
    for (const item of items) {
      const id = String(item?.id ?? '');
      if (id in calendars) continue;
      n += 1;
      if (n > cap) {
        calendars[id] = { errors: [{ domain: 'global', reason: 'tooManyCalendarsRequested' }], busy: [] };
        continue;
      }
      const who = cal.resolveCalendar(id);
      const person = cal.person(who);
      if (!cal.isKnown(who)) {
        calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
      } else if (person?.error) {
        calendars[id] = { errors: [{ domain: 'global', reason: person.error }], busy: [] };
      } else {
        calendars[id] = { busy: cal.busyOf(who, from, to).map(([s, e]) => ({ start: fmt(s), end: fmt(e) })) };
      }
    }
    return {
      kind: 'calendar#freeBusy',
      timeMin: new Date(from).toISOString(),
      timeMax: new Date(to).toISOString(),
      calendars,
    };
  }
}
