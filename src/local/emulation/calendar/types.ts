// Calendar emulation: the types shared by its files — options, the snapshot, the directory's
// inputs, what the Node-side views return, and the stored forms of events.

type SchemaEvent = GoogleAppsScript.Calendar.Schema.Event;

// ---------------------------------------------------------------------------------------------
// Options, snapshot, directory
// ---------------------------------------------------------------------------------------------

export type FreeBusyErrorReason = 'notFound' | 'internalError' | 'groupTooBig' | 'tooManyCalendarsRequested';
export type SendUpdates = 'all' | 'externalOnly' | 'none';
export type LosableMethod = 'insert' | 'patch' | 'update' | 'remove';

export interface CalendarOptions {
  /**
   * What a Meet createRequest ends in: 'success' (entry points, hangoutLink) or 'failure' (no entry
   * points) [EVREF ConferenceRequestStatus.statusCode]. Default 'success'. ⚠ What Google answers when
   * Meet is off for the domain is not documented; 'failure' is one documented outcome.
   */
  meetOutcome?: 'success' | 'failure';
  /**
   * Calendar API quota units a user may spend per minute (sliding 60 s on the context clock) before
   * 403 rateLimitExceeded [QUOTA][ERR]. Google's figure is 600; default: no limit. A patch costs 3
   * units [PATCH]; every other call 1 (⚠ only the patch cost is documented).
   */
  rateLimitPerMinute?: number;
  /** Longest description accepted, in characters. Default 8,192 (⚠ not documented; community ≈ 8,000 [DESC]). */
  descriptionMaxChars?: number;
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
  method: 'insert' | 'patch' | 'update';
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
  events: Array<{ calendar: string; event: SchemaEvent; meetGetsLeft?: number; exceptionOf?: { seriesId: string; originalStart: string } }>;
  people: Array<{ email: string; busy: Array<{ start: string; end: string }>; error?: FreeBusyErrorReason }>;
  invitations: SentInvitation[];
  usedRequestIds: string[];
  quota: { windowStart: string | null; created: number };
}

/** @internal An event as stored. */
export interface StoredEvent {
  calendar: string;
  /** The event; for an exception, only its changes over the generated instance (patch semantics). */
  event: SchemaEvent;
  /** Gets left before a pending Meet conference succeeds. */
  meetGetsLeft?: number;
  /** Set on an exception: the series it changes and the instance's original start (ms). */
  exceptionOf?: { seriesId: string; originalStart: number };
}

/** @internal One occurrence as the API shows it. */
export interface InstanceView {
  event: SchemaEvent;
  start: number;
  end: number;
  /** Null for a single (non-recurring) event. */
  originalStart: number | null;
  cancelled: boolean;
  exception: StoredEvent | null;
}

/** One occurrence on a person's calendar ({@link FakeCalendar.occurrencesFor}). */
export interface PersonOccurrence {
  /** The single event's id, or the series' id for an instance. */
  eventId: string;
  /** For an instance: its (opaque) id and original start. */
  instanceId?: string;
  originalStart?: string;
  /** ISO 8601 with the event zone's offset. */
  start: string;
  end: string;
  summary: string;
  description: string;
  organizer: string;
  attendees: string[];
  /** The person's response ('accepted' for the organizer who is not also a guest). */
  responseStatus: string;
  visibility: string;
}

export interface Person {
  email: string;
  busy: Array<[number, number]>;
  error?: FreeBusyErrorReason;
}

