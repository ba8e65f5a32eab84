// The Calendar advanced service's state and the people around it: the stored events (series,
// single events and exceptions), the directory of people with their busy times, the views tests,
// the sandbox and a simulator read (eventsOn, occurrencesFor, busy times), quotas, notifications.
// The API collections are in events.ts and freebusy.ts; sources are listed in index.ts.
import type { EmulationContext } from '../context';
import { zonedWallTimeToInstant } from '../../../core/zones';
import { CALENDAR_ERRORS, NotEmulatedError, type CalendarApiMethod, type GoogleJsonErrorItem, type GoogleJsonResponseException } from './errors';
import { DATE_ONLY, DATE_TIME, MS_PER_DAY, clone, formatInstant, isPlainObject, isValidZone, mergePatch, parseInstant } from './util';
import { RecurrenceProblem, expandStarts, occursAt, parseRecurrence, type Recurrence, type SeriesTiming } from './recurrence';
import { generatedInstance } from './instances';
import { FakeEventsCollection } from './events';
import { FakeFreebusyCollection } from './freebusy';
import { busyOf, eventsOn, occurrencesFor } from './views';

import type {
  BusyInput,
  CalendarEntry,
  CalendarOptions,
  CalendarSnapshot,
  InstanceView,
  LosableMethod,
  Person,
  PersonOccurrence,
  PersonOptions,
  SendUpdates,
  SentInvitation,
  SentResource,
  StoredEvent,
} from './types';

export type {
  BusyInput,
  CalendarEntry,
  CalendarOptions,
  CalendarSnapshot,
  FreeBusyCalendarResult,
  FreeBusyErrorReason,
  InstanceView,
  LosableMethod,
  PersonOccurrence,
  PersonOptions,
  SendUpdates,
  SentInvitation,
  SentResource,
  StoredEvent,
} from './types';

type SchemaEvent = GoogleAppsScript.Calendar.Schema.Event;
type EventDateTime = GoogleAppsScript.Calendar.Schema.EventDateTime;

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
  /** API quota units spent, [at ms, units], for the per-minute rate limit [QUOTA]. */
  private spent: Array<[number, number]> = [];
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
      meetOutcome: options.meetOutcome ?? 'success',
      rateLimitPerMinute: options.rateLimitPerMinute ?? Infinity,
      descriptionMaxChars: options.descriptionMaxChars ?? 8192,
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
   * each with its occurrences overlapping `window` (default: all of them, at most `maxOccurrences`
   * for an open-ended series): recurrences expanded in start.timeZone, EXDATE'd dates left out,
   * exceptions applied (a moved instance at its new time, a cancelled one left out, an instance
   * the person is not invited to left out). A guest's copy has no `extendedProperties.private`
   * (those belong to the organizer's copy [XP]).
   */
  eventsOn(calendarIdOrEmail: string, window: { from?: string | Date; to?: string | Date } = {}): CalendarEntry[] {
    return eventsOn(this, calendarIdOrEmail, window);
  }

  /**
   * Every occurrence `email` attends, as organizer or guest, between timeMin and timeMax (overlap;
   * default: all, at most `maxOccurrences` per open-ended series), sorted by start: recurrences
   * expanded, EXDATE'd dates and cancelled instances left out, each instance's own fields (a moved
   * start, its description, its guests). Times are ISO strings with the event's zone offset. For a
   * simulator: what each person's calendar shows.
   */
  occurrencesFor(email: string, window: { timeMin?: string | Date; timeMax?: string | Date } = {}): PersonOccurrence[] {
    return occurrencesFor(this, email, window);
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
        ...(s.exceptionOf ? { exceptionOf: { seriesId: s.exceptionOf.seriesId, originalStart: new Date(s.exceptionOf.originalStart).toISOString() } } : {}),
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
      if (s.exceptionOf) stored.exceptionOf = { seriesId: s.exceptionOf.seriesId, originalStart: Date.parse(s.exceptionOf.originalStart) };
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

  /** @internal `id` is the event's id, or an exception's instance id. */
  add(stored: StoredEvent, id = stored.event.id!): void {
    this.events.push(stored);
    this.byKey.set(this.key(stored.calendar, id), stored);
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

  /**
   * @internal Spends `units` of the user's per-minute API quota, or throws 403 rateLimitExceeded
   * when the last 60 s (context clock) already hold `rateLimitPerMinute` [QUOTA][ERR]. A refused
   * call spends nothing.
   */
  spendQuota(method: CalendarApiMethod, units: number): void {
    const limit = this.options.rateLimitPerMinute;
    if (limit === Infinity) return;
    const now = this.ctx.now().getTime();
    this.spent = this.spent.filter(([at]) => now - at < 60_000);
    const used = this.spent.reduce((n, [, u]) => n + u, 0);
    if (used + units > limit) throw this.apiError(method, 403, CALENDAR_ERRORS.rateLimitExceeded, 'usageLimits', 'rateLimitExceeded');
    this.spent.push([now, units]);
  }

  /**
   * @internal Google's content limits on an accepted event: extended properties [XPLIM] (a key
   * over 44 characters dropped, a value over 1,024 cut, both silently; more than 300 properties or
   * 32 kB → 400 ⚠), the description (⚠ 400 past `descriptionMaxChars` [DESC]). Mutates `event`.
   */
  checkContent(method: CalendarApiMethod, event: SchemaEvent): void {
    const xp = event.extendedProperties;
    let count = 0;
    let size = 0;
    for (const scope of ['private', 'shared'] as const) {
      const props = xp?.[scope] as Record<string, unknown> | undefined;
      if (!props) continue;
      for (const key of Object.keys(props)) {
        if (props[key] === null || props[key] === undefined) continue;
        if (key.length > 44) {
          delete props[key];
          continue;
        }
        const value = String(props[key]);
        props[key] = value.length > 1024 ? value.slice(0, 1024) : value;
        count += 1;
        size += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(props[key] as string, 'utf8');
      }
    }
    if (count > 300 || size > 32 * 1024) {
      throw this.apiError(method, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'other', location: 'extendedProperties' }); // ⚠
    }
    if (typeof event.description === 'string' && event.description.length > this.options.descriptionMaxChars) {
      throw this.apiError(method, 400, CALENDAR_ERRORS.descriptionTooLong, 'global', 'invalid', { locationType: 'other', location: 'description' }); // ⚠
    }
  }

  /** @internal Records notifications for `sendUpdates` [INSERT]. */
  notify(kind: SentInvitation['kind'], method: LosableMethod, stored: Pick<StoredEvent, 'calendar' | 'event'>, sendUpdates: SendUpdates | undefined): void {
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

  /** @internal A guest's copy of an event: no private properties; `self` on their attendee entry. */
  guestCopy(event: SchemaEvent, who: string): SchemaEvent {
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
      this.recurrenceOf(method, event.recurrence, !start.allDay, event.start?.timeZone ?? this.ctx.timeZone);
    }
    if (end.ms < start.ms) {
      throw this.apiError(method, 400, CALENDAR_ERRORS.timeRangeEmpty, 'calendar', 'timeRangeEmpty');
    }
  }

  /**
   * The parsed `recurrence` of a series, or the API's 400 "Invalid recurrence rule." (malformed,
   * COUNT with UNTIL, a floating UNTIL on a zoned start [recurrence.ts]); a NotEmulatedError for a
   * valid part the emulation does not expand (BYDAY, FREQ other than WEEKLY, RDATE, EXRULE).
   * @internal
   */
  recurrenceOf(method: CalendarApiMethod, lines: readonly unknown[], timed: boolean, zone: string): Recurrence {
    try {
      return parseRecurrence(lines, timed, zone);
    } catch (e) {
      if (e instanceof RecurrenceProblem) {
        if (e.kind === 'notEmulated') throw new NotEmulatedError(e.message);
        throw this.apiError(method, 400, CALENDAR_ERRORS.invalidRecurrence, 'global', 'invalid');
      }
      throw e;
    }
  }

  /** @internal True for a stored recurring event (not an exception). */
  isSeries(stored: StoredEvent): boolean {
    return !stored.exceptionOf && (stored.event.recurrence?.length ?? 0) > 0;
  }

  /** @internal The timing and parsed recurrence of a stored (valid) event. */
  timingOf(event: SchemaEvent): SeriesTiming & { rec: Recurrence } {
    const method: CalendarApiMethod = 'calendar.events.get';
    const start = this.instantOf(method, event.start, 'start');
    const end = this.instantOf(method, event.end, 'end');
    const zone = event.start?.timeZone ?? this.ctx.timeZone;
    const rec = event.recurrence?.length ? this.recurrenceOf(method, event.recurrence, !start.allDay, zone) : { rule: null, exdates: [] };
    return { startMs: start.ms, durationMs: end.ms - start.ms, allDay: start.allDay, zone, rec };
  }

  /** @internal The exceptions stored for a series, by original start. */
  exceptionsOf(series: StoredEvent): Map<number, StoredEvent> {
    const out = new Map<number, StoredEvent>();
    for (const s of this.events) {
      if (s.exceptionOf && s.calendar === series.calendar && s.exceptionOf.seriesId === series.event.id) out.set(s.exceptionOf.originalStart, s);
    }
    return out;
  }

  /** @internal One instance as the API shows it: generated from the series, its exception applied. */
  materialise(series: StoredEvent, originalStart: number, exception: StoredEvent | undefined, t = this.timingOf(series.event)): InstanceView {
    const event = generatedInstance(series.event, originalStart, t.durationMs, t.allDay, t.zone);
    if (exception) mergePatch(event as Record<string, unknown>, exception.event as Record<string, unknown>);
    if (series.event.status === 'cancelled') event.status = 'cancelled'; // the series was deleted
    const method: CalendarApiMethod = 'calendar.events.get';
    const start = this.instantOf(method, event.start, 'start').ms;
    const end = this.instantOf(method, event.end, 'end').ms;
    return { event, start, end, originalStart, cancelled: event.status === 'cancelled', exception: exception ?? null };
  }

  /** @internal The instance of `series` at `originalStart`, or null when there is none. */
  instanceAt(series: StoredEvent, originalStart: number): InstanceView | null {
    const t = this.timingOf(series.event);
    const exception = this.exceptionsOf(series).get(originalStart);
    if (!exception && !occursAt(t.rec, t, originalStart, this.options.maxOccurrences)) return null;
    return this.materialise(series, originalStart, exception, t);
  }

  /**
   * @internal What a stored event puts on calendars within [from, to) (overlap on the actual times):
   * a single event itself; a series' instances, exceptions applied (moved ones at their new times,
   * cancelled ones flagged, exceptions past a trim kept ⚠ [instances.ts]), sorted by start.
   */
  viewsOf(stored: StoredEvent, from: number, to: number): InstanceView[] {
    const overlaps = (s: number, e: number) => s < to && (e > from || s >= from);
    if (!this.isSeries(stored)) {
      const t = this.timingOf(stored.event);
      const end = t.startMs + t.durationMs;
      return overlaps(t.startMs, end)
        ? [{ event: stored.event, start: t.startMs, end, originalStart: null, cancelled: stored.event.status === 'cancelled', exception: null }]
        : [];
    }
    const t = this.timingOf(stored.event);
    const exceptions = this.exceptionsOf(stored);
    const regular = expandStarts(t.rec, t, from, to, this.options.maxOccurrences);
    const views = regular.map((s) => this.materialise(stored, s, exceptions.get(s), t));
    const seen = new Set(regular);
    for (const [orig, ex] of exceptions) if (!seen.has(orig)) views.push(this.materialise(stored, orig, ex, t));
    return views
      .filter((v) => overlaps(v.start, v.end))
      .sort((a, b) => a.start - b.start || (a.originalStart ?? 0) - (b.originalStart ?? 0));
  }

  /** @internal True when `who` is among the event's guests. */
  attends(event: SchemaEvent, who: string): boolean {
    return (event.attendees ?? []).some((a) => this.norm(a.email ?? '') === who);
  }

  /**
   * The [start, end) instants of a stored event's occurrences overlapping [from, to), cancelled
   * instances left out (kept for callers of the old helper).
   * @internal
   */
  occurrences(event: SchemaEvent, from: number, to: number): Array<[number, number]> {
    const stored = this.events.find((s) => s.event === event) ?? { calendar: this.user, event };
    return this.viewsOf(stored, from, to).filter((v) => !v.cancelled).map((v) => [v.start, v.end] as [number, number]);
  }

  /**
   * Busy blocks of a known calendar: the person's seeded blocks plus every non-cancelled, opaque
   * occurrence they organize or attend and have not declined (per instance: an exception may
   * change the guests, the time, the transparency); merged, clipped.
   * @internal
   */
  busyOf(who: string, from: number, to: number): Array<[number, number]> {
    return busyOf(this, who, from, to);
  }
}

